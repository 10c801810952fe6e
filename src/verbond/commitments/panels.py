"""Sections this app adds to the network, portfolio and decide pages (see verbond.core.panels)."""

from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from verbond.accounts.permissions import can_set_capacity
from verbond.commitments import selectors
from verbond.decisions.models import DecisionKind
from verbond.decisions.selectors import decision_current
from verbond.networks.models import Network
from verbond.organisations.models import Organisation


def network_panel(request: HttpRequest, network: Network) -> str | None:
    """Pledges, reciprocity and mandates of the network; our talking-shop risk or exit plan. Fixed queries."""
    user = request.user
    today = timezone.localdate()
    decision = decision_current(user=user, network=network)
    exiting = bool(decision and decision.kind == DecisionKind.EXIT)
    context = {
        "network": network,
        "result": selectors.reciprocity(network=network, today=today),
        "mandates": list(selectors.mandates_active_in(network=network)),
        "decision": decision,
        "talking_shop": bool(
            decision
            and decision.kind == DecisionKind.CONDITIONAL_YES
            and decision.deadline
            and decision.deadline < today
        ),
        "exiting": exiting,
        "exit_plan": selectors.exit_plan_for(decision=decision) if exiting else None,
    }
    return render_to_string("commitments/panel_network.html", context, request=request)


def portfolio_panel(request: HttpRequest, organisation: Organisation, **context: object) -> str | None:
    """Capacity: committed hours, conditional or undecided hours, and the budget; deadlines coming up; exits
    without a plan or with pledges and mandates still open."""
    _past, soon = selectors.conditional_yes_due(organisation_id=organisation.pk)
    context = {
        "capacity": selectors.capacity_overview(organisation=organisation),
        "due_soon": soon,
        "exits_to_do": [item for item in selectors.exits_in_progress(user=request.user) if item.to_do],
        "can_set_capacity": can_set_capacity(request.user),
    }
    return render_to_string("commitments/panel_portfolio.html", context, request=request)


# The decide form's field for the hours a committed yes puts in (verbond.decisions.forms.DecisionForm).
_PUT_IN_HOURS = "put_in_hours_per_month"


def _posted_hours(request: HttpRequest) -> Decimal | None:
    """The hours per month typed into the decide form, when it was sent back with a usable number."""
    raw = request.POST.get(_PUT_IN_HOURS, "").strip().replace(",", ".") if request.method == "POST" else ""
    try:
        hours = Decimal(raw)
    except InvalidOperation:
        return None
    return hours if hours.is_finite() and 0 < hours < 10**6 else None


def decide_panel(request: HttpRequest, network: Network) -> str | None:
    """When a committed yes here would exceed our capacity: the shortfall and which networks to say no to."""
    posted = _posted_hours(request)
    proposal = selectors.committed_yes_over_capacity(user=request.user, network=network, hours_needed=posted)
    if proposal is None:
        return None
    decision = decision_current(user=request.user, network=network)
    consider_url = None
    if not (decision and decision.kind == DecisionKind.COMMITTED_YES):  # the consider page offers the others
        query = urlencode({"network": network.pk, "hours": f"{proposal.hours_needed.normalize():f}"})
        consider_url = f"{reverse('commitments:consider')}?{query}"
    context = {"proposal": proposal, "from_form": posted is not None, "consider_url": consider_url}
    return render_to_string("commitments/panel_decide.html", context, request=request)

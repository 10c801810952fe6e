"""Sections this app adds to the network and portfolio pages (see verbond.core.panels)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
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
        "exiting": bool(decision and decision.kind == DecisionKind.EXIT),
    }
    return render_to_string("commitments/panel_network.html", context, request=request)


def portfolio_panel(request: HttpRequest, organisation: Organisation, **context: object) -> str | None:
    """Capacity: committed hours, conditional or undecided hours, and the budget; deadlines coming up."""
    _past, soon = selectors.conditional_yes_due(organisation_id=organisation.pk)
    context = {
        "capacity": selectors.capacity_overview(organisation=organisation),
        "due_soon": soon,
        "can_set_capacity": can_set_capacity(request.user),
    }
    return render_to_string("commitments/panel_portfolio.html", context, request=request)

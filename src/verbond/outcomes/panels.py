"""Sections this app adds to the network page and the portfolio (see core/panels.py)."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from verbond.accounts.permissions import can_edit_register
from verbond.networks.models import Network
from verbond.networks.selectors import Portfolio
from verbond.organisations.models import Organisation
from verbond.outcomes import selectors, services


def results_panel(request: HttpRequest, network: Network) -> str:
    """The network's indicators with their progress, and the residents-first signal."""
    organisation_id = request.user.organisation_id
    context = {
        "network": network,
        "summaries": selectors.indicators_of(network=network),
        "residents_first": selectors.residents_first_signals(organisation_id=organisation_id, networks=[network]).get(
            network.pk
        ),
        "can_add": services.can_add_indicator(user=request.user, network=network),
        "own_organisation_id": organisation_id,
    }
    return render_to_string("outcomes/panels/results.html", context, request=request)


def signals_panel(request: HttpRequest, network: Network) -> str:
    """Talking-shop and overlap signals for this network, explained."""
    organisation_id = request.user.organisation_id
    context = {
        "network": network,
        "shop": selectors.talking_shop_signals(organisation_id=organisation_id, networks=[network])[network.pk],
        "overlap": selectors.overlap_candidates(user=request.user, network=network),
    }
    return render_to_string("outcomes/panels/signals.html", context, request=request)


def example_panel(request: HttpRequest, network: Network) -> str:
    """Whether this network is shared in the library of good examples, and who still has to consent."""
    context = {
        "network": network,
        "status": selectors.consent_status(user=request.user, network=network),
        "can_edit": can_edit_register(request.user),
    }
    return render_to_string("outcomes/panels/example.html", context, request=request)


def portfolio_panel(request: HttpRequest, portfolio: Portfolio, organisation: Organisation) -> str | None:
    """Networks of the portfolio by talking-shop score, with reasons; committed yeses without a result for residents."""
    networks = [row.network for row in portfolio.rows]
    if not networks:
        return None
    if getattr(portfolio, "talking_shop_shown", False):
        # The portfolio already carries the signals (its talking-shop column): don't compute them twice.
        signals = {row.network.pk: row.talking_shop for row in portfolio.rows if row.talking_shop is not None}
    else:
        signals = selectors.talking_shop_signals(organisation_id=organisation.pk, networks=networks)
    flagged = sorted(
        (s for s in signals.values() if s.score),
        key=lambda s: (-s.score, -s.effort_hours if s.effort_visible else 0, s.network.name.casefold()),
    )
    residents = sorted(
        selectors.residents_first_signals(organisation_id=organisation.pk, networks=networks).values(),
        key=lambda r: r.due,
    )
    context = {"flagged": flagged, "residents": residents, "checked": len(networks)}
    return render_to_string("outcomes/panels/portfolio.html", context, request=request)

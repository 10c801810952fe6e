"""Sections this app adds to other apps' pages (see verbond.core.panels); each uses a fixed number of queries."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from verbond.accounts.permissions import can_edit_register
from verbond.assessments import selectors
from verbond.assessments.charts import profile_svg
from verbond.assessments.results import trend
from verbond.networks.models import Network
from verbond.networks.selectors import Portfolio
from verbond.organisations.models import Organisation


def network_panel(request: HttpRequest, network: Network) -> str | None:
    """The network page: our rounds, the latest results with the criteria profile, and the trend."""
    if not request.user.organisation_id:
        return None
    rows = selectors.rounds_overview(user=request.user, network=network)
    latest = selectors.pick_latest([row.round for row in rows])
    results = next((row.results for row in rows if latest and row.round.pk == latest.pk), None)
    changes = []
    if latest is not None:
        earlier = [row.results for row in rows if row.round.opened_at < latest.opened_at]
        if earlier:
            changes = trend(previous=earlier[0], current=results)
    context = {
        "network": network,
        "rows": rows,
        "results": results if results and results.answered else None,
        "profile": profile_svg(results) if results and results.answered else None,
        "trend": changes,
        "can_open": can_edit_register(request.user),
        "compact": True,
    }
    return render_to_string("assessments/panel_network.html", context, request=request)


def decide_panel(request: HttpRequest, network: Network) -> str | None:
    """The decision form: the latest assessment next to the three gates."""
    if not request.user.organisation_id:
        return None
    results = selectors.latest_results(organisation_id=request.user.organisation_id, network_ids=[network.pk]).get(
        network.pk
    )
    context = {"network": network, "results": results, "compact": True}
    return render_to_string("assessments/panel_decide.html", context, request=request)


def portfolio_panel(request: HttpRequest, portfolio: Portfolio, organisation: Organisation) -> str | None:
    """The portfolio: a heat map of networks × criteria of the latest rounds."""
    heat_map = selectors.heat_map(organisation=organisation, networks=[row.network for row in portfolio.rows])
    if not heat_map.rows:
        return None
    return render_to_string("assessments/panel_portfolio.html", {"heat_map": heat_map}, request=request)

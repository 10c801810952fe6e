"""Links to the board report on the portfolio and to the decision pack on a network and its decision form."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from verbond.networks.models import Network
from verbond.networks.selectors import Portfolio
from verbond.organisations.models import Organisation


def portfolio_panel(
    request: HttpRequest, *, portfolio: Portfolio, organisation: Organisation, **_: object
) -> str:
    return render_to_string("reports/portfolio_panel.html", {}, request=request)


def network_panel(request: HttpRequest, *, network: Network, **_: object) -> str:
    return render_to_string("reports/network_panel.html", {"network": network}, request=request)

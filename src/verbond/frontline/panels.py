"""The requests section on a network's page (core panel slot "network")."""

from django.db.models import Count, Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from verbond.frontline.models import OPEN_STATUSES, Request
from verbond.networks.models import Level, Network


def network_requests_panel(request: HttpRequest, network: Network, **context: object) -> str | None:
    """Open and overdue requests of an execution alliance, in one query."""
    if network.level != Level.EXECUTION:
        return None
    counts = Request.objects.filter(network=network).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_at__lt=timezone.now())),
    )
    return render_to_string("frontline/panel.html", {"network": network, "counts": counts}, request=request)

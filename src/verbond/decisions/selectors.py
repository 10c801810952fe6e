"""Reads of decisions: private to the organisation that made them."""

from django.db.models import QuerySet
from django.utils import timezone

from verbond.accounts.models import User
from verbond.decisions.models import Decision, DecisionKind
from verbond.networks.models import Network


def decisions_visible_to(*, user: User) -> QuerySet[Decision]:
    return Decision.objects.for_organisation(user.organisation_id)


def decision_current(*, user: User, network: Network) -> Decision | None:
    return decisions_visible_to(user=user).current().filter(network=network).first()


def decision_history(*, user: User, network: Network) -> list[Decision]:
    """All of the organisation's decisions about the network, newest first, superseded ones included."""
    return list(
        decisions_visible_to(user=user).filter(network=network).select_related("decided_by").order_by("-created_at")
    )


def conditional_yes_past_deadline(*, organisation_id: int | None) -> QuerySet[Decision]:
    """Current conditional yeses whose deadline has passed: a talking-shop risk, to be decided now."""
    return (
        Decision.objects.for_organisation(organisation_id)
        .current()
        .filter(kind=DecisionKind.CONDITIONAL_YES, deadline__lt=timezone.localdate())
        .select_related("network")
        .order_by("deadline")
    )

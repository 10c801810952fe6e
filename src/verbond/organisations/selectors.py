"""Reads of organisations: a user sees its own organisation and its partners."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from verbond.accounts.models import User
from verbond.networks.models import Participant
from verbond.organisations.models import Organisation


def partners_of(*, user: User) -> QuerySet[Organisation]:
    """Organisations that share at least one active network with the user's organisation, with that count."""
    our_networks = Participant.objects.filter(
        organisation_id=user.organisation_id, network__archived_at__isnull=True
    ).values("network")
    return (
        Organisation.objects.filter(participants__network__in=our_networks)
        .exclude(pk=user.organisation_id)
        .annotate(shared_networks=Count("participants", filter=Q(participants__network__in=our_networks), distinct=True))
        .order_by("name")
    )


def organisations_visible_to(*, user: User) -> QuerySet[Organisation]:
    """The user's own organisation and its partners."""
    if not user.organisation_id:
        return Organisation.objects.none()
    our_networks = Participant.objects.filter(organisation_id=user.organisation_id).values("network")
    return Organisation.objects.filter(
        Q(pk=user.organisation_id) | Q(participants__network__in=our_networks)
    ).distinct()


def organisation_get(*, user: User, slug: str) -> Organisation:
    """An organisation the user may see, or 404."""
    return get_object_or_404(organisations_visible_to(user=user), slug=slug)

"""Reads for the API app: a user's own tokens."""

from django.db.models import F, QuerySet

from verbond.accounts.models import User
from verbond.api.models import ApiToken
from verbond.networks.models import Participation
from verbond.networks.selectors import networks_visible_to


def tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first; nobody else's."""
    return ApiToken.objects.filter(user=user).order_by(F("revoked_at").asc(nulls_first=True), "-created_at")


def participations_visible_to(*, user: User) -> QuerySet[Participation]:
    """The user's own organisation's participations (private: never another organisation's)."""
    if not user.organisation_id:
        return Participation.objects.none()
    return Participation.objects.filter(
        organisation_id=user.organisation_id, network__in=networks_visible_to(user=user)
    ).select_related("network")

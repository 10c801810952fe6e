"""Reads for importing: what the matcher compares names with."""

from django.db.models import QuerySet

from verbond.accounts.models import User
from verbond.interchange.importing.matching import KnownOrganisation
from verbond.interchange.importing.plan import KnownChallenge
from verbond.interchange.models import PendingImport
from verbond.networks.models import Challenge
from verbond.organisations.models import Organisation


def known_organisations() -> list[KnownOrganisation]:
    """Every organisation's name and short name: partner names are public, matching needs them all."""
    return [
        KnownOrganisation(*row)
        for row in Organisation.objects.order_by("name").values_list("id", "name", "slug")
    ]


def known_challenges() -> list[KnownChallenge]:
    return [KnownChallenge(*row) for row in Challenge.objects.values_list("id", "name", "name_en", "slug")]


def pending_imports_of(*, user: User) -> QuerySet[PendingImport]:
    """The uploads this user may still preview and confirm: their own, for their organisation, not expired."""
    return PendingImport.objects.for_user(user).fresh().select_related("organisation")

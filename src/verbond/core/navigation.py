"""The main navigation. An entry whose route does not exist (yet) is left out."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from verbond.accounts.permissions import can_manage_users, can_view_region


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


# (label, url name, who sees it)
_ENTRIES = [
    (_("Portfolio"), "networks:portfolio", None),
    (_("Organisations"), "organisations:list", None),
    (_("Assessments"), "assessments:index", None),
    (_("Commitments"), "commitments:index", None),
    (_("Requests"), "frontline:index", None),
    (_("Overlap"), "analytics:overlap", None),
    (_("Good examples"), "outcomes:library", None),
    (_("Import"), "interchange:import", None),
    (_("Region"), "analytics:region", can_view_region),
    (_("Users"), "accounts:users", can_manage_users),
]


def navigation_for(request: HttpRequest) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for label, url_name, allowed in _ENTRIES:
        if allowed is not None and not allowed(user):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append(NavItem(label=str(label), url=url, active=active))
    return items

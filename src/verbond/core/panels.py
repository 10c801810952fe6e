"""Slots where one app adds a section to another app's page without the page knowing the app.

An app registers a panel in its AppConfig.ready():

    panels.register("network", order=30)(assessment_panel)

A panel is `panel(request, **context) -> str | None`; None (or "") leaves it out. Panels must use a fixed
number of queries, like the page they join.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

Panel = Callable[..., str | None]
_registry: dict[str, list[tuple[int, Panel]]] = {}

SLOTS = {
    "network": "the network page, after the participants (context: network)",
    "portfolio": "the portfolio page, after the table (context: portfolio, organisation)",
    "decide": "the decision form, beside the gates (context: network)",
    "organisation": "an organisation's page (context: organisation)",
}


def register(slot: str, *, order: int = 50) -> Callable[[Panel], Panel]:
    if slot not in SLOTS:
        raise ValueError(f"unknown panel slot {slot!r}; known: {sorted(SLOTS)}")

    def decorator(panel: Panel) -> Panel:
        entries = _registry.setdefault(slot, [])
        if panel not in [p for _, p in entries]:
            entries.append((order, panel))
            entries.sort(key=lambda entry: entry[0])
        return panel

    return decorator


def render(slot: str, request: HttpRequest, **context: object) -> list[SafeString]:
    rendered = []
    for _order, panel in _registry.get(slot, []):
        html = panel(request, **context)
        if html:
            rendered.append(mark_safe(html))  # noqa: S308  # nosec B308 B703 - panels return rendered (escaped) templates
    return rendered

"""The audit trail per network: who created, changed or archived what, and when.

Models keep their history with django-simple-history (`history = HistoricalRecords()`). A model that belongs to a
network registers here how to find its network and, for private records, its owning organisation; the history
page of a network then shows its events to the network's participants, private ones only to their owner.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

# Fields that say nothing to a reader of the trail.
_IGNORED_FIELDS = {"version", "updated_at", "created_at", "updated_by", "id"}
ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass(frozen=True)
class Tracked:
    model: type[Model]
    network_field: str  # "id" for the network itself
    owner_field: str | None  # organisation field of a private record, None when shared


_tracked: list[Tracked] = []


def track(model: type[Model], *, network_field: str = "network_id", owner_field: str | None = None) -> None:
    """Show `model`'s history on its network's history page (private to `owner_field`'s organisation if given)."""
    if not any(t.model is model for t in _tracked):
        _tracked.append(Tracked(model, network_field, owner_field))


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class AuditEvent:
    when: datetime
    who: str
    organisation: str
    action: str
    subject: str
    record: str
    changes: list[Change] = field(default_factory=list)


def network_history(*, network_id: int, organisation_id: int | None, limit: int = 200) -> list[AuditEvent]:
    """Events of a network, newest first; one query per tracked model, whatever the length of the history."""
    events: list[AuditEvent] = []
    for tracked in _tracked:
        history = tracked.model.history.model.objects.filter(**{tracked.network_field: network_id})
        if tracked.owner_field:
            history = history.filter(**{tracked.owner_field: organisation_id})
        related = ["history_user", "history_user__organisation"]
        if any(f.name == "organisation" for f in tracked.model._meta.concrete_fields):
            related.append("organisation")
        rows = list(history.select_related(*related).order_by("id", "history_date", "history_id"))
        previous_by_object: dict[int, Model] = {}
        fields = [
            f for f in tracked.model._meta.concrete_fields if f.attname not in _IGNORED_FIELDS and f.name not in _IGNORED_FIELDS
        ]
        for row in rows:
            previous = previous_by_object.get(row.id)
            previous_by_object[row.id] = row
            changes = [
                Change(str(f.verbose_name), getattr(previous, f.attname), getattr(row, f.attname))
                for f in fields
                if previous is not None and getattr(previous, f.attname) != getattr(row, f.attname)
            ]
            if previous is not None and not changes and row.history_type == "~":
                continue  # a save that changed only what the trail ignores
            user = row.history_user
            events.append(
                AuditEvent(
                    when=row.history_date,
                    who=str(user) if user else str(_("the system")),
                    organisation=str(user.organisation) if user and user.organisation_id else "",
                    action=str(ACTIONS.get(row.history_type, row.history_type)),
                    subject=str(tracked.model._meta.verbose_name),
                    record=_describe(row),
                    changes=changes,
                )
            )
    events.sort(key=lambda event: event.when, reverse=True)
    return events[:limit]


def _describe(row: Model) -> str:
    """A short name for the record from its own columns and the (selected) organisation: no extra queries."""
    parts = [str(value) for value in (getattr(row, "name", ""), getattr(row, "title", "")) if value]
    if hasattr(row, "organisation_id") and row.organisation_id:
        parts.append(str(row.organisation))
    for choice_field in ("kind", "role", "status"):
        display = getattr(row, f"get_{choice_field}_display", None)
        if display:
            parts.append(str(display()))
    return " · ".join(parts) or f"#{row.id}"

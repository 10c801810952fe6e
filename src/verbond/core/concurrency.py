"""Optimistic concurrency for edit forms: a form carries the `updated_at` it was loaded with; saving refuses if the
record changed since, so the second editor sees both versions instead of silently overwriting the first."""

from django import forms
from django.db.models import Model, QuerySet

from verbond.core.errors import ConflictError


def edit_stamp(instance: Model) -> str:
    return instance.updated_at.isoformat() if getattr(instance, "updated_at", None) else ""


def lock_unchanged(queryset: QuerySet, *, pk: int, stamp: str | None) -> Model:
    """Lock the row and return it, or raise ConflictError with the current version if it changed since `stamp`."""
    current = queryset.select_for_update().get(pk=pk)
    if stamp and edit_stamp(current) != stamp:
        raise ConflictError(current)
    return current


class EditStampMixin(forms.Form):
    """Adds the hidden `edit_stamp` field; after a conflict, `accept_current` lets a second save overwrite on purpose."""

    edit_stamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.fields["edit_stamp"].initial = edit_stamp(instance)
        else:
            del self.fields["edit_stamp"]  # a new record cannot conflict

    def accept_current(self, current: Model) -> None:
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_stamp")] = edit_stamp(current)


class VersionMixin(forms.Form):
    """The hidden `version` counter of a record with one (networks, participations): same idea as EditStampMixin."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.fields["version"].initial = instance.version

    def accept_current(self, current: Model) -> None:
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current.version

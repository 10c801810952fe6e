"""Optimistic concurrency for edit forms: a form carries the `updated_at` (or `version`) it was loaded with; saving
refuses if the record changed since, so the second editor sees both versions instead of silently overwriting the
first. Editing an existing record requires that hidden value: without it there would be nothing to check against."""

from django import forms
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from verbond.core.errors import ConflictError

STAMP_MISSING = _(
    "This form was sent without the version of the record it was loaded with, so changes others made since "
    "cannot be detected. Nothing was saved: reload the page and make your changes again."
)


def edit_stamp(instance: Model) -> str:
    return instance.updated_at.isoformat() if getattr(instance, "updated_at", None) else ""


def lock_unchanged(queryset: QuerySet, *, pk: int, stamp: str | None) -> Model:
    """Lock the row and return it, or raise ConflictError with the current version if it changed since `stamp`.

    Without a stamp nobody can tell whether the record changed, so that is a conflict too.
    """
    current = queryset.select_for_update().get(pk=pk)
    if not stamp or edit_stamp(current) != stamp:
        raise ConflictError(current)
    return current


class _LoadedVersionMixin(forms.Form):
    """A hidden field with what the record looked like when the form was loaded; required when editing."""

    loaded_field: str
    # For a form that creates the record or updates it, whichever exists when it is saved (our participation):
    # an empty loaded value means "there was none", so a record that appeared meanwhile is a conflict.
    loaded_for_new_records = False

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._require_loaded()

    def _require_loaded(self) -> None:
        instance = getattr(self, "instance", None)
        if instance is None or not instance.pk:
            if not self.loaded_for_new_records:
                del self.fields[self.loaded_field]  # a new record cannot conflict
            return
        if self.loaded_for_new_records and self.is_bound and self.data.get(self.add_prefix(self.loaded_field)) == "":
            return  # loaded before the record existed: the service reports the conflict with both versions
        field = self.fields[self.loaded_field]
        field.required = True
        field.initial = self._loaded_value(instance)
        field.error_messages = {**field.error_messages, "required": STAMP_MISSING, "invalid": STAMP_MISSING}

    def clean(self) -> dict:
        cleaned = super().clean()
        # A hidden field's error would show next to nothing: put it on top of the form instead.
        if self.loaded_field in self._errors:
            del self._errors[self.loaded_field]
            self.add_error(None, STAMP_MISSING)
        return cleaned

    def accept_current(self, current: Model) -> None:
        self.data = self.data.copy()
        self.data[self.add_prefix(self.loaded_field)] = self._loaded_value(current)

    def _loaded_value(self, current: Model) -> object:
        raise NotImplementedError


class EditStampMixin(_LoadedVersionMixin):
    """Adds the hidden `edit_stamp` field; after a conflict, `accept_current` lets a second save overwrite on purpose."""

    loaded_field = "edit_stamp"
    edit_stamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def _loaded_value(self, current: Model) -> object:
        return edit_stamp(current)


class VersionMixin(_LoadedVersionMixin):
    """The hidden `version` counter of a record with one (networks, participations): same idea as EditStampMixin."""

    loaded_field = "version"
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def _loaded_value(self, current: Model) -> object:
        return current.version

import uuid
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from verbond.accounts.models import User

# An upload not confirmed within this time is forgotten (the session lasts 10 hours; a day leaves room).
PENDING_IMPORT_MAX_AGE = timedelta(hours=24)


class PendingImportQuerySet(models.QuerySet):
    def for_user(self, user: "User") -> "PendingImportQuerySet":
        """The uploads this user made for their current organisation: nobody else may preview or confirm them."""
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        return self.filter(user=user, organisation_id=user.organisation_id)

    def fresh(self) -> "PendingImportQuerySet":
        """Uploads young enough to be confirmed; older ones are removed at the next upload."""
        return self.filter(created_at__gte=timezone.now() - PENDING_IMPORT_MAX_AGE)


class PendingImport(models.Model):
    """An uploaded spreadsheet between upload and confirm, kept in the database so any app server can read it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    overrides = models.JSONField(_("column mapping"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")

    def __str__(self) -> str:
        return self.filename

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("admin")
    EXECUTIVE = "executive", _("executive")
    COORDINATOR = "coordinator", _("coordinator")
    MEMBER = "member", _("member")


class User(AbstractUser):
    """A person working for one organisation, with one role there."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    # Installation-wide analysts see the region analytics (no private figures), regardless of organisation.
    is_analyst = models.BooleanField(_("regional analyst"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

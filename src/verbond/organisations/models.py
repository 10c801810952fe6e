from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    HOUSING_ASSOCIATION = "housing_association", _("housing association")
    MUNICIPALITY = "municipality", _("municipality")
    CARE_PROVIDER = "care_provider", _("care provider")
    WELFARE = "welfare", _("welfare organisation")
    EDUCATION = "education", _("education")
    POLICE_JUSTICE = "police_justice", _("police / justice")
    TENANTS_ORGANISATION = "tenants_organisation", _("tenants' organisation")
    UTILITY_ENERGY = "utility_energy", _("utility / energy")
    OTHER = "other", _("other")


class Organisation(models.Model):
    """A tenant: its users see its private data and the shared part of the networks it takes part in."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices, default=OrganisationKind.OTHER)
    city = models.CharField(_("place"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    capacity_hours_per_month = models.DecimalField(
        _("capacity for network work (hours per month)"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity_hours_per_month__gte=0) | models.Q(capacity_hours_per_month__isnull=True),
                name="organisation_capacity_non_negative",
            )
        ]

    def __str__(self) -> str:
        return self.name

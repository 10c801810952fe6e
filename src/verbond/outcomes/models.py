import hashlib

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class IndicatorKind(models.TextChoices):
    """The three questions of Results-Based Accountability."""

    HOW_MUCH = "how_much", _("how much did we do")
    HOW_WELL = "how_well", _("how well did we do it")
    BETTER_OFF = "better_off", _("is anyone better off")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class IndicatorQuerySet(models.QuerySet):
    def for_organisation(self, organisation_id: int | None) -> "IndicatorQuerySet":
        """Indicators are shared with every participant of their network."""
        if not organisation_id:
            return self.none()
        return self.filter(network__participants__organisation_id=organisation_id, network__archived_at__isnull=True)


class Indicator(models.Model):
    """A result of a network, in RBA form. Shared with all participants; kept by its owner organisation."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(_("kind"), max_length=16, choices=IndicatorKind.choices)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("For example: %, households, number per year."))
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=4)
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=4)
    target_date = models.DateField(_("target date"))
    owner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="owned_indicators",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IndicatorQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="indicator_name_unique_per_network"),
            models.CheckConstraint(condition=Q(target_date__gte=F("baseline_date")), name="indicator_target_after_baseline"),
        ]

    def __str__(self) -> str:
        return self.name


class MeasurementQuerySet(models.QuerySet):
    def current(self) -> "MeasurementQuerySet":
        """The valid version of each measurement; corrected versions stay as history."""
        return self.filter(superseded_at__isnull=True)


class Measurement(models.Model):
    """A value of an indicator on a date. Never changed: a correction is a new version that supersedes it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    source = models.CharField(_("source"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )

    objects = MeasurementQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "-version"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                condition=Q(superseded_at__isnull=True),
                name="measurement_one_current_per_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.date}: {self.value}"


class GoodExample(models.Model):
    """A network's story for the library. It is shown only while every participant with accounts consents."""

    network = models.OneToOneField("networks.Network", on_delete=models.CASCADE, related_name="good_example")
    lesson = models.TextField(_("lesson learned"))
    contact = models.CharField(_("contact"), max_length=200, help_text=_("A name, role or e-mail address to ask."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")

    def __str__(self) -> str:
        return str(self.network)

    def shared_text_digest(self) -> str:
        """A fingerprint of every text the library shows: a consent holds only for the texts it was given on."""
        parts = [self.network.name, self.network.purpose, self.lesson, self.contact]
        return hashlib.sha256("\x1f".join(part.strip() for part in parts).encode()).hexdigest()


class ExampleConsent(models.Model):
    """An organisation's consent, given by its executive, to share a network as a good example."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="example_consents")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="example_consents"
    )
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    given_at = models.DateTimeField(auto_now_add=True)
    # The shared texts (name, purpose, lesson, contact) this consent was given on; see shared_text_digest().
    text_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("consent to share")
        verbose_name_plural = _("consents to share")
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="example_consent_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.network}"

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Challenge(models.Model):
    """A societal challenge (opgave) that networks work on."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self) -> str:
        from django.utils.translation import get_language

        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class Level(models.TextChoices):
    STRATEGIC = "strategic", _("strategic")
    TACTICAL = "tactical", _("tactical")
    EXECUTION = "execution", _("execution alliance")


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("weekly")
    FORTNIGHTLY = "fortnightly", _("every two weeks")
    MONTHLY = "monthly", _("monthly")
    SIX_WEEKLY = "six_weekly", _("every six weeks")
    QUARTERLY = "quarterly", _("quarterly")
    TWICE_A_YEAR = "twice_a_year", _("twice a year")
    YEARLY = "yearly", _("yearly")
    AD_HOC = "ad_hoc", _("when needed")


class NetworkQuerySet(models.QuerySet):
    def for_organisation(self, organisation_id: int | None) -> "NetworkQuerySet":
        """Networks an organisation takes part in: the ones its users may see."""
        if not organisation_id:
            return self.none()
        return self.filter(participants__organisation_id=organisation_id)

    def active(self) -> "NetworkQuerySet":
        return self.filter(archived_at__isnull=True)


class Network(models.Model):
    """A network, platform, table or alliance. Its description and participants are shared by its participants."""

    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.TACTICAL)
    lead = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="led_networks",
    )
    challenges = models.ManyToManyField(Challenge, verbose_name=_("challenges"), related_name="networks", blank=True)
    cadence = models.CharField(_("cadence"), max_length=16, choices=Cadence.choices, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    legal_obligation = models.BooleanField(
        _("legal obligation"),
        default=False,
        help_text=_("Taking part is required by law or contract; never proposed for a no."),
    )
    registered_by = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="registered_networks",
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NetworkQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.UniqueConstraint(fields=["lead", "name"], name="network_name_unique_per_lead"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="network_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("lead")
    PARTICIPANT = "participant", _("participant")
    FUNDER = "funder", _("funder")
    ADVISER = "adviser", _("adviser")


class Participant(models.Model):
    """An organisation taking part in a network, with its role. Shared with all participants."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="participants",
    )
    role = models.CharField(_("role"), max_length=16, choices=ParticipantRole.choices, default=ParticipantRole.PARTICIPANT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="participant_unique_per_network"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.network}"


class Participation(models.Model):
    """An organisation's own effort in a network. Private: only that organisation's users see it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="participations"
    )
    representatives = models.CharField(_("representatives"), max_length=300, blank=True)
    hours_per_month = models.DecimalField(_("hours per month"), max_digits=7, decimal_places=1, default=0)
    costs_per_year = models.DecimalField(_("costs per year (€)"), max_digits=11, decimal_places=2, default=0)
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="participation_unique_per_network"),
            models.CheckConstraint(condition=Q(hours_per_month__gte=0), name="participation_hours_non_negative"),
            models.CheckConstraint(condition=Q(costs_per_year__gte=0), name="participation_costs_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.network}"

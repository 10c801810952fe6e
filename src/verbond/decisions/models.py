from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DecisionKind(models.TextChoices):
    COMMITTED_YES = "committed_yes", _("committed yes")
    CONDITIONAL_YES = "conditional_yes", _("conditional yes")
    NO = "no", _("no")
    EXIT = "exit", _("exit")


class DecisionQuerySet(models.QuerySet):
    def current(self) -> "DecisionQuerySet":
        return self.filter(superseded_at__isnull=True)

    def for_organisation(self, organisation_id: int | None) -> "DecisionQuerySet":
        """Decisions are private to the organisation that made them."""
        if not organisation_id:
            return self.none()
        return self.filter(organisation_id=organisation_id)


class Decision(models.Model):
    """An organisation's decision about a network. Never changed: a new decision supersedes it."""

    # PROTECT: decisions are history; a network or organisation with decisions is archived, never deleted.
    network = models.ForeignKey("networks.Network", on_delete=models.PROTECT, related_name="decisions")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(_("decision"), max_length=16, choices=DecisionKind.choices)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    gate_urgency = models.BooleanField(_("shared urgency, with residents' results as the aim"), default=False)
    gate_courage = models.BooleanField(_("we put in people, money or mandate"), default=False)
    gate_reciprocity = models.BooleanField(_("the partners bind themselves too"), default=False)
    put_in_hours_per_month = models.DecimalField(
        _("we put in: hours per month"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    put_in_budget = models.DecimalField(_("we put in: budget (€ per year)"), max_digits=11, decimal_places=2, null=True, blank=True)
    put_in_mandate = models.CharField(_("we put in: mandate"), max_length=300, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    exit_date = models.DateField(_("exit date"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-created_at"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"],
                condition=Q(superseded_at__isnull=True),
                name="decision_one_current_per_network",
            ),
            models.CheckConstraint(
                condition=Q(put_in_hours_per_month__gte=0) | Q(put_in_hours_per_month__isnull=True),
                name="decision_hours_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(put_in_budget__gte=0) | Q(put_in_budget__isnull=True),
                name="decision_budget_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.network}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None

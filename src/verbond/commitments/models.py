"""Pledges (toezeggingen), mandates (zeggenschap) and exit plans: what partners bind themselves to."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PledgeKind(models.TextChoices):
    HOURS = "hours", _("professionals' hours per month")
    BUDGET = "budget", _("budget (€)")
    HOMES = "homes", _("homes")
    MANDATE = "mandate", _("mandate")
    DATA = "data", _("data or information")
    OTHER = "other", _("other")


# The unit a kind is counted in unless the pledge says otherwise.
DEFAULT_UNITS = {
    PledgeKind.HOURS: _("hours per month"),
    PledgeKind.BUDGET: _("euro"),
    PledgeKind.HOMES: _("homes"),
}


class PledgeStatus(models.TextChoices):
    PLEDGED = "pledged", _("pledged")
    DELIVERED = "delivered", _("delivered")
    PARTLY_DELIVERED = "partly_delivered", _("partly delivered")
    NOT_DELIVERED = "not_delivered", _("not delivered")
    WITHDRAWN = "withdrawn", _("withdrawn")


# A pledge is open (still owed) while it is pledged or only partly delivered.
OPEN_STATUSES = (PledgeStatus.PLEDGED, PledgeStatus.PARTLY_DELIVERED)

# Once delivered or withdrawn, a pledge's terms are part of its history: they no longer change.
FROZEN_STATUSES = (PledgeStatus.DELIVERED, PledgeStatus.WITHDRAWN)


class PledgeQuerySet(models.QuerySet):
    def for_organisation(self, organisation_id: int | None) -> "PledgeQuerySet":
        """Pledges in networks the organisation takes part in: they are shared with every participant."""
        if not organisation_id:
            return self.none()
        return self.filter(
            network__participants__organisation_id=organisation_id, network__archived_at__isnull=True
        )

    def open(self) -> "PledgeQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today) -> "PledgeQuerySet":  # noqa: ANN001 - a date
        """Open pledges whose due date lies before today (due today is not overdue yet)."""
        return self.open().filter(due_date__lt=today)


class Pledge(models.Model):
    """What one organisation promises in a network. Shared with all participants of the network."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="pledges")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="pledges",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PledgeKind.choices)
    description = models.CharField(_("what we promise"), max_length=300)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"), null=True, blank=True)
    accountable_person = models.CharField(_("accountable person"), max_length=200)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.PLEDGED
    )
    delivered_quantity = models.DecimalField(
        _("delivered quantity"), max_digits=12, decimal_places=2, default=0
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PledgeQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="pledge_quantity_positive",
                violation_error_message=_("A pledge promises a positive quantity."),
            ),
            models.CheckConstraint(
                condition=Q(delivered_quantity__gte=0), name="pledge_delivered_non_negative"
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_end__gte=F("period_start")),
                name="pledge_end_not_before_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.description}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def terms_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES


class PledgeStatusChange(models.Model):
    """One step in a pledge's history: a new status, or (terms_changed) new terms. Append-only: never changed,
    never deleted."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=PledgeStatus.choices)
    delivered_quantity = models.DecimalField(
        _("delivered quantity"), max_digits=12, decimal_places=2, default=0
    )
    changed_on = models.DateField(_("date"))
    note = models.TextField(_("note"))
    terms_changed = models.BooleanField(
        _("terms changed"),
        default=False,
        help_text=_("The pledge's terms changed; its status stayed the same."),
    )
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pledge status change")
        verbose_name_plural = _("pledge status changes")

    def __str__(self) -> str:
        return f"{self.pledge_id}: {self.get_status_display()} ({self.changed_on})"


class PledgeComment(models.Model):
    """A partner's remark on a pledge: holding each other to account, in the open."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="comments")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on a pledge")
        verbose_name_plural = _("comments on pledges")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.text[:40]}"


class MandateQuerySet(models.QuerySet):
    def active_on(self, day) -> "MandateQuerySet":  # noqa: ANN001 - a date
        return self.filter(valid_from__lte=day).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))

    def for_organisation(self, organisation_id: int | None) -> "MandateQuerySet":
        """Mandates in networks the organisation takes part in (shared with the network's participants)."""
        if not organisation_id:
            return self.none()
        return self.filter(
            network__participants__organisation_id=organisation_id, network__archived_at__isnull=True
        )


class Mandate(models.Model):
    """Organisation A lets a network's lead (or another organisation acting for it) deploy some of A's people."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="mandates")
    granting_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("granting organisation"),
        on_delete=models.PROTECT,
        related_name="mandates_granted",
    )
    holder_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("holder"),
        help_text=_("The network's lead, or another organisation acting on its behalf."),
        on_delete=models.PROTECT,
        related_name="mandates_held",
    )
    team_or_role = models.CharField(_("team or role"), max_length=200)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=7, decimal_places=1)
    scope = models.TextField(_("scope"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="mandates_decided",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MandateQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["valid_from", "pk"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__gt=0),
                name="mandate_hours_positive",
                violation_error_message=_("Give a positive number of hours per week."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="mandate_end_not_before_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(holder_organisation=F("granting_organisation")),
                name="mandate_holder_not_grantor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.granting_organisation} → {self.holder_organisation}: {self.team_or_role}"

    def clean(self) -> None:
        # Whoever saves a mandate (service or admin), only an executive of the granting organisation decides it.
        from verbond.commitments.services import mandate_validate

        if self.network_id and self.granting_organisation_id:  # a form's partial instance is checked later
            mandate_validate(self)


class Handover(models.TextChoices):
    HANDED_OVER = "handed_over", _("handed over to a partner")
    ENDED = "ended", _("ended at a date")


class ExitPlan(models.Model):
    """How an organisation leaves a network well. Private to that organisation, like the exit decision itself."""

    decision = models.OneToOneField("decisions.Decision", on_delete=models.CASCADE, related_name="exit_plan")
    pledges_outcome = models.CharField(
        _("what happens to our pledges"), max_length=16, choices=Handover.choices
    )
    pledges_handed_to = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("pledges handed over to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    mandates_outcome = models.CharField(
        _("what happens to our mandates"), max_length=16, choices=Handover.choices
    )
    mandates_handed_to = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("mandates handed over to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    end_date = models.DateField(_("our pledges and mandates end on"))
    partners_told_by = models.CharField(_("who tells the partners"), max_length=200)
    wind_down_date = models.DateField(_("wind-down date"))
    notes = models.TextField(_("notes"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("exit plan")
        verbose_name_plural = _("exit plans")

    def __str__(self) -> str:
        return f"{self.decision.organisation} – {self.decision.network}"

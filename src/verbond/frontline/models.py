from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    RULE = "rule", _("a rule that gets in the way")
    BUDGET = "budget", _("a missing budget")
    PROFESSIONAL = "professional", _("a partner's professional")
    HOUSE = "house", _("a house")
    DECISION = "decision", _("a decision")
    OTHER = "other", _("something else")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("normal")
    URGENT = "urgent", _("urgent")


class Status(models.TextChoices):
    RAISED = "raised", _("raised")
    GRANTED = "granted", _("granted")
    DECLINED = "declined", _("declined")
    ESCALATED = "escalated", _("escalated")
    REOPENED = "reopened", _("reopened")
    CLOSED = "closed", _("closed")


# Waiting for an answer: these count as open and can be overdue.
OPEN_STATUSES = (Status.RAISED, Status.ESCALATED, Status.REOPENED)
ANSWERED_STATUSES = (Status.GRANTED, Status.DECLINED)


class RequestQuerySet(models.QuerySet):
    def open(self) -> "RequestQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now: object) -> "RequestQuerySet":
        """Open requests whose answer deadline has passed."""
        return self.open().filter(due_at__lt=now)


class Request(models.Model):
    """A professional's request in an execution alliance: what blocks good help for residents.

    Shared with the network's participants. Never deleted: closed requests are history and can be reopened.
    """

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("network"), on_delete=models.PROTECT, related_name="requests"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    # The professional's organisation when raising, so the request stays with it if the person moves on.
    raised_by_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation of the professional"),
        on_delete=models.PROTECT,
        related_name="raised_requests",
    )
    category = models.CharField(_("what is needed"), max_length=16, choices=Category.choices)
    urgency = models.CharField(_("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("short case description"),
        max_length=2000,
        help_text=_(
            "Describe the situation, never the resident: no names, numbers, addresses or dates of birth."
        ),
    )
    routed_to = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("routed to"),
        on_delete=models.PROTECT,
        related_name="routed_requests",
    )
    # The mandate under which the request was routed; empty when it went to the lead for want of one.
    mandate = models.ForeignKey(
        "commitments.Mandate",
        verbose_name=_("mandate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RAISED)
    raised_at = models.DateTimeField(_("raised at"))
    due_at = models.DateTimeField(_("answer due"))
    # The first answer (granted or declined): time to decision is measured up to here.
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The latest answer, kept when the request is closed afterwards.
    outcome = models.CharField(_("outcome"), max_length=16, choices=Status.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        indexes = [models.Index(fields=["status", "due_at"], name="frontline_request_open_due")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Step(models.Model):
    """One dated step in a request's history. Append-only: steps are added, never changed."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=16, choices=Status.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty when verbond took the step itself (automatic escalation)."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    text = models.TextField(_("explanation"), blank=True)
    # Only for a grant: who does it and by when.
    done_by = models.CharField(_("by whom"), max_length=200, blank=True)
    done_by_date = models.DateField(_("by when"), null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.request}"

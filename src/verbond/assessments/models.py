"""Assessments: an organisation's criteria, rounds that snapshot them, respondents, answers and partner ratings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SCORE_MIN = 1
SCORE_MAX = 5


def _in_english() -> bool:
    return (get_language() or "").startswith("en")


class Wording(models.Model):
    """Name and statement in Dutch and English; shown in the reader's language."""

    key = models.SlugField(_("key"), max_length=40)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    statement_nl = models.CharField(_("statement (Dutch)"), max_length=300)
    statement_en = models.CharField(_("statement (English)"), max_length=300, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=2, default=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if self.name_en and _in_english() else self.name_nl

    @property
    def statement(self) -> str:
        return self.statement_en if self.statement_en and _in_english() else self.statement_nl


class Criterion(Wording):
    """One of an organisation's assessment criteria. Changes apply to rounds opened afterwards."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="assessment_criteria"
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="criterion_key_unique_per_organisation"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="criterion_weight_non_negative"),
        ]


class RoundQuerySet(models.QuerySet):
    def for_organisation(self, organisation_id: int | None) -> "RoundQuerySet":
        if not organisation_id:
            return self.none()
        return self.filter(organisation_id=organisation_id)


class Round(models.Model):
    """An assessment round of one network, opened by one organisation, answered until its closing date."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="assessment_rounds")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="assessment_rounds"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    closes_on = models.DateField(_("closing date"))
    partner_ratings = models.BooleanField(
        _("ask for partner ratings"),
        default=False,
        help_text=_("Respondents also rate each other participating organisation on reliability and contribution."),
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")

    def __str__(self) -> str:
        return self.title or f"{self.network} ({self.opened_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        """Open until closed by hand or until the end of the closing date."""
        return self.closed_at is None and timezone.localdate() <= self.closes_on


class RoundCriterion(Wording):
    """The criterion as it was when the round opened: later edits do not change what was answered."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("round criterion")
        verbose_name_plural = _("round criteria")
        constraints = [
            models.UniqueConstraint(fields=["round", "key"], name="round_criterion_key_unique"),
        ]


class Respondent(models.Model):
    """Someone asked to answer a round: a colleague (account) or a partner contact (name, e-mail, organisation)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="respondents")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    # Only a SHA-256 of the personal link's token is kept; the token itself exists only in the e-mail.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    saved_at = models.DateTimeField(_("last saved at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "email"], condition=~Q(email=""), name="respondent_email_unique_per_round"
            ),
            models.UniqueConstraint(
                fields=["round", "user"], condition=Q(user__isnull=False), name="respondent_user_unique_per_round"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Answer(models.Model):
    """One respondent's score on one criterion of the round; no score means "don't know"."""

    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(RoundCriterion, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["respondent", "criterion"], name="answer_unique_per_criterion"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="answer_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.respondent_id}/{self.criterion_id}"


class PartnerRating(models.Model):
    """A respondent's rating of another participating organisation: reliability and contribution, 1–5."""

    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="ratings")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    reliability = models.PositiveSmallIntegerField(_("reliability"), null=True, blank=True)
    contribution = models.PositiveSmallIntegerField(_("contribution"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner rating")
        verbose_name_plural = _("partner ratings")
        constraints = [
            models.UniqueConstraint(fields=["respondent", "organisation"], name="partner_rating_unique"),
            models.CheckConstraint(
                condition=(Q(reliability__isnull=True) | Q(reliability__gte=SCORE_MIN, reliability__lte=SCORE_MAX))
                & (Q(contribution__isnull=True) | Q(contribution__gte=SCORE_MIN, contribution__lte=SCORE_MAX)),
                name="partner_rating_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.respondent_id}/{self.organisation_id}"

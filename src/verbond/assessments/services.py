"""Writes for assessments: criteria, rounds, respondents and their personal links, answers, reminders."""

import datetime
import hashlib
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from verbond.accounts.models import User
from verbond.accounts.permissions import can_edit_register
from verbond.assessments.models import (
    SCORE_MAX,
    SCORE_MIN,
    Answer,
    Criterion,
    PartnerRating,
    Respondent,
    Round,
    RoundCriterion,
)
from verbond.networks.models import Network, Participant
from verbond.organisations.models import Organisation

NOT_AN_EDITOR = _("Only coordinators, executives and admins may manage assessments.")
NOT_A_PARTICIPANT = _("Your organisation does not take part in this network.")
CLOSING_DATE_PAST = _("The closing date must be today or later.")
CLOSING_DATE_TOO_LATE = _("The closing date is at most a year ahead.")
NO_CRITERIA = _("Your organisation has no criteria in use. Add or switch on a criterion first.")
NOT_A_PARTNER = _("A partner contact must work for an organisation that takes part in this network.")
NOT_A_COLLEAGUE = _("Only colleagues of your own organisation can be added by account.")
ALREADY_INVITED = _("This person has already been invited to this round.")
ROUND_CLOSED = _("This round is closed; answers can no longer be changed.")
UNKNOWN_CRITERION = _("This criterion does not belong to this round.")
SCORE_OUT_OF_RANGE = _("A score is a whole number from 1 to 5, or \"don't know\".")
COMMENT_WITHOUT_SCORE = _("Choose a score or \"don't know\" to go with your comment.")
INCOMPLETE = _("Please answer every statement (\"don't know\" is an answer too) before sending.")
UNKNOWN_PARTNER = _("This organisation does not take part in the network.")
CRITERION_KEY_TAKEN = _("Your organisation already has a criterion with this key.")

MAX_WEEKS_OPEN = 52

# The default criteria from the product brief: (key, Dutch name, English name, Dutch statement, English statement).
DEFAULT_CRITERIA = [
    (
        "urgency",
        "Gedeelde urgentie",
        "Shared urgency",
        "De partners zijn het erover eens dat dit probleem nu moet worden aangepakt.",
        "The partners agree that this problem must be tackled now.",
    ),
    (
        "residents",
        "Bewoner voorop",
        "Residents first",
        "Het doel is een resultaat voor bewoners, niet een belang van de organisaties.",
        "The aim is a result for residents, not an interest of the organisations.",
    ),
    (
        "courage",
        "Lef en inzet",
        "Courage and commitment",
        "Partners zetten mensen, geld en energie in, niet alleen vergadertijd.",
        "Partners put people, money and energy in, not only meeting time.",
    ),
    (
        "professionals",
        "Ruimte voor professionals",
        "Room for professionals",
        "Professionals aan de voorkant geven het werk vorm en krijgen wat ze nodig hebben.",
        "Professionals at the front shape the work and get what they need.",
    ),
    (
        "dependence",
        "Wederzijdse afhankelijkheid",
        "Mutual dependence",
        "Wat elke partner van de anderen nodig heeft, is expliciet en geregeld.",
        "What each partner needs from the others is explicit and arranged.",
    ),
    (
        "reciprocity",
        "Bindende wederkerigheid",
        "Binding reciprocity",
        "Afspraken worden nagekomen; partners houden elkaar eraan.",
        "Agreements are kept; partners hold each other to them.",
    ),
    (
        "mandate",
        "Zeggenschap",
        "Mandate",
        "Het samenwerkingsverband kan professionals over de grenzen van organisaties heen inzetten.",
        "The alliance can deploy professionals across organisational boundaries.",
    ),
    (
        "results",
        "Resultaat",
        "Results",
        "Het netwerk levert zichtbare resultaten op voor bewoners.",
        "The network produces visible results for residents.",
    ),
]


def _require_editor(user: User) -> None:
    if not can_edit_register(user):
        raise PermissionDenied(NOT_AN_EDITOR)


def _require_participant(user: User, network: Network) -> None:
    if not network.participants.filter(organisation_id=user.organisation_id).exists():
        raise PermissionDenied(NOT_A_PARTICIPANT)


# --- criteria -------------------------------------------------------------------------------------------------


def criteria_ensure_defaults(*, organisation: Organisation) -> None:
    """Give an organisation the default eight criteria the first time it needs criteria."""
    if Criterion.objects.filter(organisation=organisation).exists():
        return
    Criterion.objects.bulk_create(
        [
            Criterion(
                organisation=organisation,
                key=key,
                name_nl=name_nl,
                name_en=name_en,
                statement_nl=statement_nl,
                statement_en=statement_en,
                position=position * 10,
            )
            for position, (key, name_nl, name_en, statement_nl, statement_en) in enumerate(DEFAULT_CRITERIA, 1)
        ],
        ignore_conflicts=True,
    )


CRITERION_FIELDS = ("key", "name_nl", "name_en", "statement_nl", "statement_en", "weight", "position", "active")


@transaction.atomic
def criterion_save(*, user: User, criterion: Criterion | None = None, **fields: object) -> Criterion:
    """Add a criterion or change its wording and weight; rounds already opened keep their own copy."""
    _require_editor(user)
    if criterion is None:
        criterion = Criterion(organisation_id=user.organisation_id)
    elif criterion.organisation_id != user.organisation_id:
        raise PermissionDenied(NOT_AN_EDITOR)
    for name, value in fields.items():
        if name in CRITERION_FIELDS:
            setattr(criterion, name, value)
    criterion.full_clean(validate_constraints=False)
    duplicate = Criterion.objects.filter(organisation_id=user.organisation_id, key=criterion.key)
    if criterion.pk:
        duplicate = duplicate.exclude(pk=criterion.pk)
    if duplicate.exists():
        raise ValidationError({"key": CRITERION_KEY_TAKEN})
    criterion.save()
    return criterion


# --- rounds and respondents -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    """A partner contact to invite: no account, a personal link by e-mail."""

    name: str
    email: str
    organisation: Organisation


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token(respondent: Respondent) -> str:
    """Give the respondent a fresh personal link; only its hash is stored, so an older link stops working."""
    token = secrets.token_urlsafe(32)
    respondent.token_hash = _hash(token)
    return token


def answer_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("assessments:answer", args=[token])


def _send_link(respondent: Respondent, token: str, *, reminder: bool) -> None:
    if not respondent.email:
        return
    round_ = respondent.round
    context = {
        "respondent": respondent,
        "round": round_,
        "network": round_.network,
        "organisation": round_.organisation,
        "url": answer_url(token),
        "reminder": reminder,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("assessments/email/invitation_subject.txt", context).strip()
        body = render_to_string("assessments/email/invitation.txt", context)
    send_mail(subject, body, None, [respondent.email])


def _validate_closing_date(closes_on: datetime.date) -> None:
    today = timezone.localdate()
    if closes_on < today:
        raise ValidationError({"closes_on": CLOSING_DATE_PAST})
    if closes_on > today + datetime.timedelta(weeks=MAX_WEEKS_OPEN):
        raise ValidationError({"closes_on": CLOSING_DATE_TOO_LATE})


def _new_respondent(round_: Round, *, user: User | None, name: str, email: str, organisation_id: int) -> Respondent:
    respondent = Respondent(
        round=round_, user=user, name=name.strip(), email=email.strip().lower(), organisation_id=organisation_id
    )
    respondent.full_clean(exclude=["round", "organisation", "user"], validate_constraints=False)
    taken = Respondent.objects.filter(round=round_)
    clash = Q(user=user) if user is not None else Q(pk__in=[])
    if respondent.email:
        clash |= Q(email=respondent.email)
    if taken.filter(clash).exists():
        raise ValidationError({"email": ALREADY_INVITED})
    return respondent


def _add_respondents(round_: Round, colleagues: Iterable[User], contacts: Iterable[Contact]) -> list[Respondent]:
    participants = set(Participant.objects.filter(network=round_.network).values_list("organisation_id", flat=True))
    added = []
    for colleague in colleagues:
        if colleague.organisation_id != round_.organisation_id:
            raise ValidationError({"colleagues": NOT_A_COLLEAGUE})
        respondent = _new_respondent(
            round_,
            user=colleague,
            name=colleague.get_full_name() or colleague.username,
            email=colleague.email,
            organisation_id=round_.organisation_id,
        )
        respondent.save()
        added.append(respondent)
    for contact in contacts:
        if contact.organisation.pk not in participants or contact.organisation.pk == round_.organisation_id:
            raise ValidationError({"organisation": NOT_A_PARTNER})
        respondent = _new_respondent(
            round_, user=None, name=contact.name, email=contact.email, organisation_id=contact.organisation.pk
        )
        respondent.save()
        added.append(respondent)
    return added


def _invite(respondents: Iterable[Respondent]) -> None:
    """Issue personal links and send them; tokens are saved first so a failed e-mail can be re-sent."""
    now = timezone.now()
    links = []
    with transaction.atomic():
        for respondent in respondents:
            token = _new_token(respondent)
            respondent.invited_at = now
            respondent.save(update_fields=["token_hash", "invited_at"])
            links.append((respondent, token))
    for respondent, token in links:
        _send_link(respondent, token, reminder=False)


def round_open(
    *,
    user: User,
    network: Network,
    closes_on: datetime.date,
    title: str = "",
    partner_ratings: bool = False,
    colleagues: Iterable[User] = (),
    contacts: Iterable[Contact] = (),
) -> Round:
    """Open an assessment round on the organisation's current criteria and invite the respondents."""
    _require_editor(user)
    _require_participant(user, network)
    _validate_closing_date(closes_on)
    criteria_ensure_defaults(organisation=user.organisation)
    with transaction.atomic():
        criteria = list(Criterion.objects.filter(organisation_id=user.organisation_id, active=True))
        if not criteria:
            raise ValidationError(NO_CRITERIA)
        round_ = Round(
            network=network,
            organisation_id=user.organisation_id,
            title=title.strip(),
            closes_on=closes_on,
            partner_ratings=partner_ratings,
            opened_by=user,
        )
        round_.full_clean()
        round_.save()
        RoundCriterion.objects.bulk_create(
            [
                RoundCriterion(
                    round=round_,
                    key=c.key,
                    name_nl=c.name_nl,
                    name_en=c.name_en,
                    statement_nl=c.statement_nl,
                    statement_en=c.statement_en,
                    weight=c.weight,
                    position=c.position,
                )
                for c in criteria
            ]
        )
        respondents = _add_respondents(round_, colleagues, contacts)
    _invite(respondents)
    return round_


def _require_round_manager(user: User, round_: Round) -> None:
    _require_editor(user)
    if user.organisation_id != round_.organisation_id:
        raise PermissionDenied(NOT_AN_EDITOR)


def respondents_add(
    *, user: User, round: Round, colleagues: Iterable[User] = (), contacts: Iterable[Contact] = ()  # noqa: A002
) -> list[Respondent]:
    """Invite more respondents to an open round."""
    _require_round_manager(user, round)
    if not round.is_open:
        raise ValidationError(ROUND_CLOSED)
    with transaction.atomic():
        respondents = _add_respondents(round, colleagues, contacts)
    _invite(respondents)
    return respondents


def round_close(*, user: User, round: Round) -> Round:  # noqa: A002
    """Close a round now: links stop working and the results are final."""
    _require_round_manager(user, round)
    if round.closed_at is None:
        round.closed_at = timezone.now()
        round.save(update_fields=["closed_at"])
    return round


def reminders_send(*, now: datetime.datetime | None = None, min_days: int = 3) -> int:
    """Remind everyone in an open round who has not answered, at most once per `min_days`.

    A reminder carries a fresh personal link (only hashes are stored, so the old link cannot be re-sent).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    quiet_since = now - datetime.timedelta(days=min_days)
    pending = (
        Respondent.objects.filter(
            round__closed_at__isnull=True,
            round__closes_on__gte=today,
            submitted_at__isnull=True,
            invited_at__lte=quiet_since,
        )
        .exclude(email="")
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=quiet_since))
        .select_related("round__network", "round__organisation")
    )
    sent = 0
    for respondent in pending:
        with transaction.atomic():
            token = _new_token(respondent)
            respondent.reminded_at = now
            respondent.save(update_fields=["token_hash", "reminded_at"])
        _send_link(respondent, token, reminder=True)
        sent += 1
    return sent


# --- answering ------------------------------------------------------------------------------------------------


def respondent_for_token(token: str) -> Respondent | None:
    """The respondent a personal link belongs to, or None for an unknown or tampered link."""
    if not token or len(token) > 100:
        return None
    return (
        Respondent.objects.select_related("round__network", "round__organisation", "organisation")
        .filter(token_hash=_hash(token))
        .first()
    )


def _check_score(value: int | None) -> None:
    if value is not None and not (isinstance(value, int) and SCORE_MIN <= value <= SCORE_MAX):
        raise ValidationError(SCORE_OUT_OF_RANGE)


def answer_sheet_save(
    *,
    respondent: Respondent,
    answers: Mapping[int, tuple[int | None, str]],
    ratings: Mapping[int, tuple[int | None, int | None]] | None = None,
    submit: bool = False,
) -> Respondent:
    """Save a respondent's answers (criterion id → (score or None for "don't know", comment)).

    Saving again replaces earlier answers; a double submit or two tabs saving at once cannot duplicate an
    answer (one row per respondent and criterion, written with update_or_create under a row lock).
    """
    ratings = ratings or {}
    round_ = respondent.round
    if not round_.is_open:
        raise ValidationError(ROUND_CLOSED)
    criterion_ids = set(RoundCriterion.objects.filter(round=round_).values_list("pk", flat=True))
    for criterion_id, (score, _comment) in answers.items():
        if criterion_id not in criterion_ids:
            raise ValidationError(UNKNOWN_CRITERION)
        _check_score(score)
    if submit and set(answers) != criterion_ids:
        raise ValidationError(INCOMPLETE)
    if ratings:
        if not round_.partner_ratings:
            raise ValidationError(UNKNOWN_PARTNER)
        rateable = set(
            Participant.objects.filter(network=round_.network)
            .exclude(organisation_id=respondent.organisation_id)
            .values_list("organisation_id", flat=True)
        )
        for organisation_id, (reliability, contribution) in ratings.items():
            if organisation_id not in rateable:
                raise ValidationError(UNKNOWN_PARTNER)
            _check_score(reliability)
            _check_score(contribution)
    for attempt in range(2):
        try:
            return _write_sheet(respondent, answers, ratings, submit)
        except IntegrityError:
            # A concurrent save created the same row between our read and write; the retry updates it.
            if attempt:
                raise
    return respondent  # pragma: no cover


def _write_sheet(
    respondent: Respondent,
    answers: Mapping[int, tuple[int | None, str]],
    ratings: Mapping[int, tuple[int | None, int | None]],
    submit: bool,
) -> Respondent:
    with transaction.atomic():
        locked = Respondent.objects.select_for_update().select_related("round").get(pk=respondent.pk)
        if not locked.round.is_open:
            raise ValidationError(ROUND_CLOSED)
        for criterion_id, (score, comment) in answers.items():
            Answer.objects.update_or_create(
                respondent=locked, criterion_id=criterion_id, defaults={"score": score, "comment": comment.strip()}
            )
        for organisation_id, (reliability, contribution) in ratings.items():
            if reliability is None and contribution is None:
                PartnerRating.objects.filter(respondent=locked, organisation_id=organisation_id).delete()
                continue
            PartnerRating.objects.update_or_create(
                respondent=locked,
                organisation_id=organisation_id,
                defaults={"reliability": reliability, "contribution": contribution},
            )
        now = timezone.now()
        locked.saved_at = now
        if submit:
            locked.submitted_at = now
        locked.save(update_fields=["saved_at", "submitted_at"])
    respondent.saved_at, respondent.submitted_at = locked.saved_at, locked.submitted_at
    return respondent

"""Raising and answering professionals' requests. Every step is dated and kept; nothing is ever deleted."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from verbond.accounts.models import Role, User
from verbond.commitments.models import Mandate
from verbond.frontline import privacy
from verbond.frontline.models import ANSWERED_STATUSES, OPEN_STATUSES, Request, Status, Step, Urgency
from verbond.frontline.selectors import (
    involved_organisation_ids,
    may_answer,
    may_close,
    may_follow_up,
    request_route,
    routing_mandates,
)
from verbond.frontline.workdays import add_working_days_to_moment
from verbond.networks.models import Level, Network

NOT_A_PARTICIPANT = _("Your organisation does not take part in this network.")
NOT_AN_EXECUTION_ALLIANCE = _("Requests are raised in execution alliances only.")
ONLY_ANSWERERS = _(
    "Only coordinators and executives of the organisation holding the mandate, or of the lead, answer this request."
)
ONLY_RAISER_OR_ANSWERERS = _("Only the professional who raised it, or those who answer it, may do this.")
PERSONAL_DATA_FOUND = _(
    "This looks like personal data of a resident: %(found)s. Remove it and try again; nothing has been saved."
)
NOT_OPEN = _("This request has already been answered or closed.")
NOT_ESCALATABLE = _("Only a request that waits for its first answer can be escalated.")
NOT_REOPENABLE = _("Only an answered or closed request can be reopened.")
ALREADY_CLOSED = _("This request is already closed.")
ANSWER_BEFORE_CLOSING = _(
    "A request that waits for an answer is answered first: grant, decline or escalate it. "
    "Only the professional who raised it may withdraw it unanswered."
)
WHAT_REQUIRED = _("Say what is done.")
WHO_REQUIRED = _("Say who does it.")
WHEN_REQUIRED = _("Say by when it is done.")
WHEN_IN_PAST = _("The date by which it is done cannot lie in the past.")
WHY_REQUIRED = _("Say why.")
REASON_REQUIRED = _("Give the reason for reopening.")
TITLE_REQUIRED = _("Give the request a short title.")
DESCRIPTION_REQUIRED = _("Describe the situation in a few sentences.")
DESCRIPTION_MAX_LENGTH = Request._meta.get_field("description").max_length
DESCRIPTION_TOO_LONG = _("Keep the description short: at most %(limit)s characters.")
MANDATE_NOT_IN_FORCE = _("Choose a mandate that is in force in this network.")
AUTOMATIC_ESCALATION = _("No answer within the deadline: escalated automatically.")


def working_days_for(urgency: str) -> int:
    """The answer deadline in working days (settings FRONTLINE_URGENT_WORKING_DAYS, FRONTLINE_NORMAL_WORKING_DAYS)."""
    if urgency == Urgency.URGENT:
        return getattr(settings, "FRONTLINE_URGENT_WORKING_DAYS", 2)
    return getattr(settings, "FRONTLINE_NORMAL_WORKING_DAYS", 10)


def due_at_for(*, urgency: str, raised_at: datetime.datetime) -> datetime.datetime:
    """The moment an answer is due: the same local time, a number of working days later."""
    return add_working_days_to_moment(timezone.localtime(raised_at), working_days_for(urgency))


def guard_personal_data(fields: dict[str, str]) -> None:
    """Raise a ValidationError naming what looks like a resident's personal data, per field; store nothing."""
    errors = {}
    today = timezone.localdate()
    for name, text in fields.items():
        findings = privacy.find_personal_data(text or "", today=today)
        if findings:
            found = ", ".join(f"{finding.label} (“{finding.text}”)" for finding in findings)
            errors[name] = [
                ValidationError(PERSONAL_DATA_FOUND, code="personal_data", params={"found": found})
            ]
    if errors:
        raise ValidationError(errors)


def _add_step(
    *,
    request: Request,
    kind: str,
    at: datetime.datetime,
    by: User | None,
    text: str = "",
    done_by: str = "",
    done_by_date: datetime.date | None = None,
) -> Step:
    step = Step(
        request=request,
        kind=kind,
        at=at,
        by=by,
        organisation_id=by.organisation_id if by is not None else None,
        text=text,
        done_by=done_by,
        done_by_date=done_by_date,
    )
    step.full_clean(exclude=["request"])
    step.save()
    return step


def request_raise(
    *,
    user: User,
    network: Network,
    category: str,
    urgency: str,
    title: str,
    description: str,
    mandate: Mandate | None = None,
    now: datetime.datetime | None = None,
) -> Request:
    """A professional raises a request; it is routed to the holder of the mandate they chose or that best
    matches it (or to the lead, when the network has no mandate in force), with a deadline."""
    if (
        not user.organisation_id
        or not network.participants.filter(organisation_id=user.organisation_id).exists()
    ):
        raise PermissionDenied(NOT_A_PARTICIPANT)
    if network.level != Level.EXECUTION:
        raise ValidationError(NOT_AN_EXECUTION_ALLIANCE)
    title, description = (title or "").strip(), (description or "").strip()
    errors = {}
    if not title:
        errors["title"] = [TITLE_REQUIRED]
    if not description:
        errors["description"] = [DESCRIPTION_REQUIRED]
    elif len(description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = [
            ValidationError(DESCRIPTION_TOO_LONG, code="max_length", params={"limit": DESCRIPTION_MAX_LENGTH})
        ]
    if mandate is not None and mandate.pk not in {m.pk for m in routing_mandates(network=network)}:
        errors["mandate"] = [MANDATE_NOT_IN_FORCE]
    if errors:
        raise ValidationError(errors)
    guard_personal_data({"title": title, "description": description})
    now = now or timezone.now()
    route = request_route(network=network, text=f"{title} {description}", mandate=mandate)
    request = Request(
        network=network,
        raised_by=user,
        raised_by_organisation_id=user.organisation_id,
        category=category,
        urgency=urgency,
        title=title,
        description=description,
        routed_to=route.organisation,
        mandate=route.mandate,
        status=Status.RAISED,
        raised_at=now,
        due_at=due_at_for(urgency=urgency, raised_at=now),
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        _add_step(request=request, kind=Status.RAISED, at=now, by=user)
    return request


def _locked(request: Request) -> Request:
    """The request re-read under a row lock, so two answers at once cannot both apply."""
    return Request.objects.select_for_update().select_related("network").get(pk=request.pk)


def request_grant(
    *,
    user: User,
    request: Request,
    text: str,
    done_by: str,
    done_by_date: datetime.date | None,
    now: datetime.datetime | None = None,
) -> Request:
    """Grant a request: what is done, by whom, by when."""
    text, done_by = (text or "").strip(), (done_by or "").strip()
    errors = {}
    if not text:
        errors["text"] = [WHAT_REQUIRED]
    if not done_by:
        errors["done_by"] = [WHO_REQUIRED]
    if done_by_date is None:
        errors["done_by_date"] = [WHEN_REQUIRED]
    elif done_by_date < timezone.localdate():
        errors["done_by_date"] = [WHEN_IN_PAST]
    if errors:
        raise ValidationError(errors)
    return _answer(
        user=user,
        request=request,
        kind=Status.GRANTED,
        text=text,
        done_by=done_by,
        done_by_date=done_by_date,
        now=now,
    )


def request_decline(
    *, user: User, request: Request, text: str, now: datetime.datetime | None = None
) -> Request:
    """Decline a request, saying why."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [WHY_REQUIRED]})
    return _answer(user=user, request=request, kind=Status.DECLINED, text=text, now=now)


def _answer(
    *,
    user: User,
    request: Request,
    kind: str,
    text: str,
    done_by: str = "",
    done_by_date: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Request:
    if not may_answer(user=user, request=request):
        raise PermissionDenied(ONLY_ANSWERERS)
    guard_personal_data({"text": text})
    now = now or timezone.now()
    with transaction.atomic():
        request = _locked(request)
        if request.status not in OPEN_STATUSES:
            raise ValidationError(NOT_OPEN)
        _add_step(
            request=request, kind=kind, at=now, by=user, text=text, done_by=done_by, done_by_date=done_by_date
        )
        request.status = kind
        request.outcome = kind
        request.decided_at = request.decided_at or now
        request.save(update_fields=["status", "outcome", "decided_at", "updated_at"])
    return request


def request_escalate(
    *, user: User, request: Request, text: str = "", now: datetime.datetime | None = None
) -> Request:
    """Escalate a request to the executives of the organisations involved, by someone who may answer it."""
    if not may_answer(user=user, request=request):
        raise PermissionDenied(ONLY_ANSWERERS)
    text = (text or "").strip()
    guard_personal_data({"text": text})
    return _escalate(request=request, by=user, text=text, now=now or timezone.now())


def _escalate(*, request: Request, by: User | None, text: str, now: datetime.datetime) -> Request:
    with transaction.atomic():
        request = _locked(request)
        if request.status not in (Status.RAISED, Status.REOPENED):
            raise ValidationError(NOT_ESCALATABLE)
        _add_step(request=request, kind=Status.ESCALATED, at=now, by=by, text=text)
        request.status = Status.ESCALATED
        request.save(update_fields=["status", "updated_at"])
    request.mailed = _mail_executives(request=request, text=text)
    return request


def _mail_executives(*, request: Request, text: str) -> int:
    """E-mail the executives of the organisations involved; return how many mails were sent."""
    executives = User.objects.filter(
        organisation_id__in=involved_organisation_ids(request=request),
        role=Role.EXECUTIVE,
        is_active=True,
    ).exclude(email="")
    subject = gettext("Escalated request: %(title)s") % {"title": request.title}
    body = gettext(
        "A professional's request in %(network)s is escalated to you, as executive of an organisation involved.\n\n"
        "%(title)s\nRaised on %(raised)s, answer was due on %(due)s.\n%(text)s\n\nOpen it in verbond: %(path)s\n"
    ) % {
        "network": request.network.name,
        "title": request.title,
        "raised": timezone.localtime(request.raised_at).strftime("%d-%m-%Y"),
        "due": timezone.localtime(request.due_at).strftime("%d-%m-%Y %H:%M"),
        "text": text,
        "path": getattr(settings, "SITE_URL", "").rstrip("/")
        + reverse("frontline:detail", args=[request.pk]),
    }
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [executive.email]) for executive in executives]
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def requests_escalate_overdue(*, now: datetime.datetime | None = None) -> list[Request]:
    """Escalate every request that waited past its deadline for a first answer, and e-mail the executives."""
    now = now or timezone.now()
    overdue = Request.objects.filter(status__in=(Status.RAISED, Status.REOPENED), due_at__lt=now).order_by(
        "due_at"
    )
    escalated = []
    for request in overdue.select_related("network"):
        try:
            escalated.append(_escalate(request=request, by=None, text=str(AUTOMATIC_ESCALATION), now=now))
        except ValidationError:
            continue  # answered in the meantime
    return escalated


def request_close(
    *, user: User, request: Request, text: str = "", now: datetime.datetime | None = None
) -> Request:
    """Close a request; it is kept as history and can be reopened."""
    if not may_follow_up(user=user, request=request):
        raise PermissionDenied(ONLY_RAISER_OR_ANSWERERS)
    text = (text or "").strip()
    guard_personal_data({"text": text})
    now = now or timezone.now()
    with transaction.atomic():
        request = _locked(request)
        if request.status == Status.CLOSED:
            raise ValidationError(ALREADY_CLOSED)
        if not may_close(user=user, request=request):
            raise ValidationError(ANSWER_BEFORE_CLOSING)
        _add_step(request=request, kind=Status.CLOSED, at=now, by=user, text=text)
        request.status = Status.CLOSED
        request.save(update_fields=["status", "updated_at"])
    return request


def request_reopen(
    *, user: User, request: Request, text: str, now: datetime.datetime | None = None
) -> Request:
    """Reopen an answered or closed request with a reason; it gets a new deadline."""
    if not may_follow_up(user=user, request=request):
        raise PermissionDenied(ONLY_RAISER_OR_ANSWERERS)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [REASON_REQUIRED]})
    guard_personal_data({"text": text})
    now = now or timezone.now()
    with transaction.atomic():
        request = _locked(request)
        if request.status not in (*ANSWERED_STATUSES, Status.CLOSED):
            raise ValidationError(NOT_REOPENABLE)
        _add_step(request=request, kind=Status.REOPENED, at=now, by=user, text=text)
        request.status = Status.REOPENED
        request.due_at = due_at_for(urgency=request.urgency, raised_at=now)
        request.save(update_fields=["status", "due_at", "updated_at"])
    return request

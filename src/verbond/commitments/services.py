"""Writes for pledges, mandates, capacity and exit plans. The only place their rules live."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from verbond.accounts.models import Role, User
from verbond.accounts.permissions import can_decide, can_manage_pledges, can_set_capacity
from verbond.commitments.models import (
    DEFAULT_UNITS,
    ExitPlan,
    Handover,
    Mandate,
    Pledge,
    PledgeComment,
    PledgeKind,
    PledgeStatus,
    PledgeStatusChange,
)
from verbond.core.concurrency import lock_unchanged
from verbond.decisions.models import Decision, DecisionKind
from verbond.networks.models import Network, Participant
from verbond.organisations.models import Organisation

ONLY_OWN_PLEDGES = _("Only coordinators and executives of the pledging organisation may change its pledges.")
NOT_A_PARTICIPANT = _("Your organisation does not take part in this network.")
QUANTITY_POSITIVE = _("A pledge promises a positive quantity.")
UNIT_REQUIRED = _("Say in what unit the quantity is counted.")
END_BEFORE_START = _("The period cannot end before it starts.")
NOTE_REQUIRED = _("Add a note: what happened?")
CHANGED_IN_FUTURE = _("A status change cannot be dated in the future.")
CHANGED_BEFORE_PREVIOUS = _("A status change cannot be dated before the previous one.")
WITHDRAWN_IS_FINAL = _("A withdrawn pledge stays withdrawn. Record a new pledge instead.")
SAME_STATUS = _("The pledge already has this status.")
TERMS_FROZEN = _(
    "A delivered or withdrawn pledge keeps its terms: they are part of its history. Record a new pledge instead."
)
QUANTITY_BELOW_DELIVERED = _(
    "More than %(delivered)s has already been delivered; a partly delivered pledge promises more than that."
)
PARTLY_NEEDS_QUANTITY = _(
    "For a partly delivered pledge, give the delivered quantity: more than 0, less than pledged."
)
COMMENT_REQUIRED = _("Write a comment.")
ONLY_GRANTING_EXECUTIVE = _("Only an executive of the granting organisation may grant a mandate.")
ONLY_MANDATE_PARTIES = _("Only an executive of the granting or the holding organisation may end a mandate.")
HOLDER_NOT_PARTICIPANT = _("The holder must take part in the network.")
HOLDER_IS_GRANTOR = _("An organisation cannot grant a mandate to itself.")
HOURS_POSITIVE = _("Give a positive number of hours per week.")
ONLY_CAPACITY_SETTERS = _("Only executives and admins set the organisation's capacity.")
CAPACITY_NON_NEGATIVE = _("Capacity cannot be negative.")
ONLY_DECIDING_EXECUTIVE = _("Only an executive of the organisation that decided to exit makes the exit plan.")
NOT_AN_EXIT = _("An exit plan belongs to a current exit decision.")
HANDED_TO_REQUIRED = _("Say to which partner it is handed over.")
HANDED_TO_NOT_PARTNER = _("Hand over to another organisation that takes part in the network.")
WIND_DOWN_BEFORE_DECISION = _("The wind-down date cannot lie before the exit decision.")


def _require_participant(*, organisation_id: int | None, network: Network) -> None:
    if (
        not organisation_id
        or not Participant.objects.filter(network=network, organisation_id=organisation_id).exists()
    ):
        raise PermissionDenied(NOT_A_PARTICIPANT)


def _require_own_pledge(*, user: User, pledge: Pledge) -> None:
    if not can_manage_pledges(user) or pledge.organisation_id != user.organisation_id:
        raise PermissionDenied(ONLY_OWN_PLEDGES)


def _validate_pledge_fields(
    *,
    quantity: Decimal | None,
    unit: str,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
) -> None:
    errors: dict[str, list] = {}
    if quantity is None or quantity <= 0:
        errors.setdefault("quantity", []).append(QUANTITY_POSITIVE)
    if not unit.strip():
        errors.setdefault("unit", []).append(UNIT_REQUIRED)
    if period_start and period_end and period_end < period_start:
        errors.setdefault("period_end", []).append(END_BEFORE_START)
    if errors:
        raise ValidationError(errors)


def pledge_create(
    *,
    user: User,
    network: Network,
    kind: str,
    description: str,
    quantity: Decimal,
    unit: str = "",
    period_start: datetime.date,
    period_end: datetime.date | None = None,
    accountable_person: str,
    due_date: datetime.date,
    note: str = "",
) -> Pledge:
    """Record what our organisation promises in a network; its history starts with 'pledged'."""
    if not can_manage_pledges(user):
        raise PermissionDenied(ONLY_OWN_PLEDGES)
    _require_participant(organisation_id=user.organisation_id, network=network)
    if not unit.strip() and kind in PledgeKind.values:
        unit = str(DEFAULT_UNITS.get(PledgeKind(kind), ""))
    _validate_pledge_fields(quantity=quantity, unit=unit, period_start=period_start, period_end=period_end)
    pledge = Pledge(
        network=network,
        organisation_id=user.organisation_id,
        kind=kind,
        description=description.strip(),
        quantity=quantity,
        unit=unit.strip(),
        period_start=period_start,
        period_end=period_end,
        accountable_person=accountable_person.strip(),
        due_date=due_date,
        status=PledgeStatus.PLEDGED,
        created_by=user,
    )
    pledge.full_clean()
    with transaction.atomic():
        pledge.save()
        PledgeStatusChange.objects.create(
            pledge=pledge,
            status=PledgeStatus.PLEDGED,
            changed_on=timezone.localdate(),
            note=note.strip() or pledge.description,
            changed_by=user,
        )
    return pledge


# The terms whose changes are written into a pledge's history, with how to show a value in the note.
_TERMS = ("description", "quantity", "unit", "period_start", "period_end", "accountable_person", "due_date")


@transaction.atomic
def pledge_update(
    *,
    user: User,
    pledge: Pledge,
    description: str,
    quantity: Decimal,
    unit: str,
    period_start: datetime.date,
    period_end: datetime.date | None,
    accountable_person: str,
    due_date: datetime.date,
    edit_stamp: str | None = None,
    note: str = "",
) -> Pledge:
    """Change an open pledge's terms; its status only changes through `pledge_status_change`.

    A delivered or withdrawn pledge keeps its terms (ValidationError). Every change of terms is appended to the
    pledge's history as a dated entry (status unchanged) listing old and new values, with `note` as the reason.
    `edit_stamp` is what the editor loaded; if the pledge changed since, ConflictError carries the current version.
    """
    _require_own_pledge(user=user, pledge=pledge)
    pledge = lock_unchanged(Pledge.objects.all(), pk=pledge.pk, stamp=edit_stamp)
    if pledge.terms_frozen:
        raise ValidationError(TERMS_FROZEN)
    _validate_pledge_fields(quantity=quantity, unit=unit, period_start=period_start, period_end=period_end)
    if pledge.status == PledgeStatus.PARTLY_DELIVERED and quantity <= pledge.delivered_quantity:
        raise ValidationError(
            {
                "quantity": [
                    ValidationError(QUANTITY_BELOW_DELIVERED, params={"delivered": pledge.delivered_quantity})
                ]
            }
        )
    before = {term: getattr(pledge, term) for term in _TERMS}
    pledge.description = description.strip()
    pledge.quantity = quantity
    pledge.unit = unit.strip()
    pledge.period_start = period_start
    pledge.period_end = period_end
    pledge.accountable_person = accountable_person.strip()
    pledge.due_date = due_date
    pledge.full_clean()
    changed = [term for term in _TERMS if getattr(pledge, term) != before[term]]
    if not changed:
        return pledge
    pledge.save()
    lines = [
        _("%(term)s: %(old)s → %(new)s")
        % {
            "term": capfirst(Pledge._meta.get_field(term).verbose_name),
            "old": _show(before[term]),
            "new": _show(getattr(pledge, term)),
        }
        for term in changed
    ]
    PledgeStatusChange.objects.create(
        pledge=pledge,
        status=pledge.status,
        delivered_quantity=pledge.delivered_quantity,
        changed_on=timezone.localdate(),
        note="\n".join(
            [str(_("Terms changed.")), *map(str, lines), *([note.strip()] if note.strip() else [])]
        ),
        terms_changed=True,
        changed_by=user,
    )
    return pledge


def _show(value: object) -> str:
    """A term's value as written in a history note (dates ISO, quantities without trailing zeros, empty as –)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def pledge_status_change(
    *,
    user: User,
    pledge: Pledge,
    status: str,
    note: str,
    changed_on: datetime.date | None = None,
    delivered_quantity: Decimal | None = None,
) -> PledgeStatusChange:
    """Append a dated status change to a pledge's history; withdrawing is a status, never a deletion."""
    _require_own_pledge(user=user, pledge=pledge)
    changed_on = changed_on or timezone.localdate()
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        # Term changes are dated today; a status change may still be dated before them.
        previous = (
            pledge.status_changes.filter(terms_changed=False).order_by("-changed_on", "-created_at").first()
        )
        errors: dict[str, list] = {}
        if not note.strip():
            errors.setdefault("note", []).append(NOTE_REQUIRED)
        if changed_on > timezone.localdate():
            errors.setdefault("changed_on", []).append(CHANGED_IN_FUTURE)
        elif previous is not None and changed_on < previous.changed_on:
            errors.setdefault("changed_on", []).append(CHANGED_BEFORE_PREVIOUS)
        if pledge.status == PledgeStatus.WITHDRAWN:
            errors.setdefault("status", []).append(WITHDRAWN_IS_FINAL)
        delivered = _delivered_for(pledge=pledge, status=status, delivered_quantity=delivered_quantity)
        if delivered is None:
            errors.setdefault("delivered_quantity", []).append(PARTLY_NEEDS_QUANTITY)
        elif status == pledge.status and delivered == pledge.delivered_quantity:
            errors.setdefault("status", []).append(SAME_STATUS)
        if errors:
            raise ValidationError(errors)
        change = PledgeStatusChange(
            pledge=pledge,
            status=status,
            delivered_quantity=delivered,
            changed_on=changed_on,
            note=note.strip(),
            changed_by=user,
        )
        change.full_clean()
        change.save()
        pledge.status = status
        pledge.delivered_quantity = delivered
        pledge.save(update_fields=["status", "delivered_quantity", "updated_at"])
    return change


def _delivered_for(*, pledge: Pledge, status: str, delivered_quantity: Decimal | None) -> Decimal | None:
    """What counts as delivered after the change; None when a partly delivered quantity is missing or wrong."""
    if status == PledgeStatus.DELIVERED:
        return pledge.quantity
    if status == PledgeStatus.PARTLY_DELIVERED:
        if delivered_quantity is None or not 0 < delivered_quantity < pledge.quantity:
            return None
        return delivered_quantity
    if status == PledgeStatus.WITHDRAWN:
        return pledge.delivered_quantity  # what was delivered before the withdrawal stays delivered
    if status in PledgeStatus.values:
        return Decimal(0)
    return None


def pledge_comment(*, user: User, pledge: Pledge, text: str) -> PledgeComment:
    """A participant of the network comments on a pledge (partners hold each other to account)."""
    _require_participant(organisation_id=user.organisation_id, network=pledge.network)
    if not text.strip():
        raise ValidationError({"text": [COMMENT_REQUIRED]})
    comment = PledgeComment(
        pledge=pledge, organisation_id=user.organisation_id, author=user, text=text.strip()
    )
    comment.full_clean()
    comment.save()
    return comment


def mandate_validate(mandate: Mandate) -> None:
    """The rules every mandate obeys, whoever records it."""
    errors: dict[str, list] = {}
    decider = mandate.decided_by if mandate.decided_by_id else None
    if (
        decider is None
        or decider.role != Role.EXECUTIVE
        or decider.organisation_id != mandate.granting_organisation_id
    ):
        errors.setdefault("decided_by", []).append(ONLY_GRANTING_EXECUTIVE)
    if mandate.holder_organisation_id == mandate.granting_organisation_id:
        errors.setdefault("holder_organisation", []).append(HOLDER_IS_GRANTOR)
    elif not Participant.objects.filter(
        network_id=mandate.network_id, organisation_id=mandate.holder_organisation_id
    ).exists():
        errors.setdefault("holder_organisation", []).append(HOLDER_NOT_PARTICIPANT)
    if mandate.hours_per_week is None or mandate.hours_per_week <= 0:
        errors.setdefault("hours_per_week", []).append(HOURS_POSITIVE)
    if mandate.valid_until and mandate.valid_from and mandate.valid_until < mandate.valid_from:
        errors.setdefault("valid_until", []).append(END_BEFORE_START)
    if errors:
        raise ValidationError(errors)


def mandate_grant(
    *,
    user: User,
    network: Network,
    holder_organisation: Organisation,
    team_or_role: str,
    hours_per_week: Decimal,
    scope: str,
    valid_from: datetime.date,
    valid_until: datetime.date | None = None,
) -> Mandate:
    """Our executive grants the holder authority over the deployment of some of our professionals."""
    if not can_decide(user):
        raise PermissionDenied(ONLY_GRANTING_EXECUTIVE)
    _require_participant(organisation_id=user.organisation_id, network=network)
    mandate = Mandate(
        network=network,
        granting_organisation_id=user.organisation_id,
        holder_organisation=holder_organisation,
        team_or_role=team_or_role.strip(),
        hours_per_week=hours_per_week,
        scope=scope.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        decided_by=user,
    )
    mandate.full_clean()  # runs mandate_validate through Mandate.clean
    with transaction.atomic():
        mandate.save()
    return mandate


def mandate_end(*, user: User, mandate: Mandate, valid_until: datetime.date) -> Mandate:
    """End a mandate at a date (the grantor withdraws it, or the holder gives it back). Kept as history."""
    if not can_decide(user) or user.organisation_id not in (
        mandate.granting_organisation_id,
        mandate.holder_organisation_id,
    ):
        raise PermissionDenied(ONLY_MANDATE_PARTIES)
    if valid_until < mandate.valid_from:
        raise ValidationError({"valid_until": [END_BEFORE_START]})
    if mandate.valid_until is None or valid_until < mandate.valid_until:
        mandate.valid_until = valid_until
        mandate.save(update_fields=["valid_until"])
    return mandate


def capacity_set(*, user: User, hours_per_month: Decimal | None) -> Organisation:
    """Set how many hours per month the organisation can spend on networks (empty: not set)."""
    if not can_set_capacity(user):
        raise PermissionDenied(ONLY_CAPACITY_SETTERS)
    if hours_per_month is not None and hours_per_month < 0:
        raise ValidationError({"capacity_hours_per_month": [CAPACITY_NON_NEGATIVE]})
    organisation = Organisation.objects.get(pk=user.organisation_id)
    organisation.capacity_hours_per_month = hours_per_month
    organisation.full_clean()
    organisation.save(update_fields=["capacity_hours_per_month"])
    return organisation


def exit_plan_save(
    *,
    user: User,
    decision: Decision,
    pledges_outcome: str,
    pledges_handed_to: Organisation | None,
    mandates_outcome: str,
    mandates_handed_to: Organisation | None,
    end_date: datetime.date,
    partners_told_by: str,
    wind_down_date: datetime.date,
    notes: str = "",
) -> ExitPlan:
    """Make or change the plan for leaving a network well: pledges, mandates, who tells the partners, when."""
    if not can_decide(user) or decision.organisation_id != user.organisation_id:
        raise PermissionDenied(ONLY_DECIDING_EXECUTIVE)
    if decision.kind != DecisionKind.EXIT or decision.superseded_at is not None:
        raise ValidationError(NOT_AN_EXIT)
    errors: dict[str, list] = {}
    partners = set(
        Participant.objects.filter(network_id=decision.network_id)
        .exclude(organisation_id=decision.organisation_id)
        .values_list("organisation_id", flat=True)
    )
    for outcome, handed_to, field in (
        (pledges_outcome, pledges_handed_to, "pledges_handed_to"),
        (mandates_outcome, mandates_handed_to, "mandates_handed_to"),
    ):
        if outcome == Handover.HANDED_OVER:
            if handed_to is None:
                errors.setdefault(field, []).append(HANDED_TO_REQUIRED)
            elif handed_to.pk not in partners:
                errors.setdefault(field, []).append(HANDED_TO_NOT_PARTNER)
    if wind_down_date < decision.decided_on:
        errors.setdefault("wind_down_date", []).append(WIND_DOWN_BEFORE_DECISION)
    if errors:
        raise ValidationError(errors)
    plan = ExitPlan.objects.filter(decision=decision).first() or ExitPlan(decision=decision)
    plan.pledges_outcome = pledges_outcome
    plan.pledges_handed_to = pledges_handed_to if pledges_outcome == Handover.HANDED_OVER else None
    plan.mandates_outcome = mandates_outcome
    plan.mandates_handed_to = mandates_handed_to if mandates_outcome == Handover.HANDED_OVER else None
    plan.end_date = end_date
    plan.partners_told_by = partners_told_by.strip()
    plan.wind_down_date = wind_down_date
    plan.notes = notes.strip()
    plan.updated_by = user
    plan.full_clean()
    with transaction.atomic():
        plan.save()
    return plan


def exit_plan_apply(*, user: User, plan: ExitPlan) -> tuple[int, int]:
    """Resolve the leaving organisation's open pledges and mandates as the plan says; returns (pledges, mandates)."""
    decision = plan.decision
    if not can_decide(user) or decision.organisation_id != user.organisation_id:
        raise PermissionDenied(ONLY_DECIDING_EXECUTIVE)
    from verbond.commitments.selectors import exit_open_items  # selectors import services' neighbours only

    pledges, mandates = exit_open_items(plan=plan)
    if plan.pledges_outcome == Handover.HANDED_OVER:
        note = _("Exit: handed over to %(partner)s.") % {"partner": plan.pledges_handed_to}
    else:
        note = _("Exit: ended on %(date)s.") % {"date": plan.end_date.isoformat()}
    today = timezone.localdate()
    with transaction.atomic():
        for pledge in pledges:
            pledge_status_change(
                user=user, pledge=pledge, status=PledgeStatus.WITHDRAWN, note=str(note), changed_on=today
            )
        for mandate in mandates:
            mandate_end(
                user=user,
                mandate=mandate,
                valid_until=max(min(plan.end_date, plan.wind_down_date), mandate.valid_from),
            )
    return len(pledges), len(mandates)

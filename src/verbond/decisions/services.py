"""Recording decisions: the three gates, conditional deadlines, and history that is never overwritten."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from verbond.accounts.models import User
from verbond.accounts.permissions import can_decide
from verbond.core.errors import ConflictError
from verbond.decisions.models import Decision, DecisionKind
from verbond.networks.models import Network

ONLY_EXECUTIVES = _("Only an executive of the organisation may record a decision.")
NOT_A_PARTICIPANT = _("Your organisation does not take part in this network.")
GATES_REQUIRED = _(
    "A committed yes passes all three gates: shared urgency, courage and reciprocity. "
    "If one is not met, the honest answer is no or a conditional yes."
)
PUT_IN_REQUIRED = _("A committed yes names what we put in: hours per month, a budget or a mandate.")
CONDITIONS_REQUIRED = _("A conditional yes names its conditions.")
DEADLINE_REQUIRED = _("A conditional yes needs a deadline.")
PUT_IN_NEGATIVE = _("What we put in cannot be negative: enter zero or more.")
DEADLINE_TOO_LATE = _(
    "The deadline of a conditional yes is at most %(days)s days after the decision date, so %(latest)s at the latest."
)
DEADLINE_NOT_AFTER_DECISION = _("The deadline must lie after the decision date.")
REASON_REQUIRED = _("Say why: a no or an exit needs a reason.")
EXIT_DATE_REQUIRED = _("An exit needs the date on which we leave.")
DECIDED_IN_FUTURE = _("A decision cannot be dated in the future.")
DECISION_CHANGED = _("Another decision was recorded for this network at the same time. Reload and decide again.")


def _validate(
    *,
    kind: str,
    decided_on: datetime.date,
    gates: tuple[bool, bool, bool],
    put_in_hours_per_month: Decimal | None,
    put_in_budget: Decimal | None,
    put_in_mandate: str,
    conditions: str,
    deadline: datetime.date | None,
    reason: str,
    exit_date: datetime.date | None,
) -> None:
    errors: dict[str, list] = {}
    today = timezone.localdate()
    if decided_on > today:
        errors.setdefault("decided_on", []).append(DECIDED_IN_FUTURE)
    if kind == DecisionKind.COMMITTED_YES:
        if not all(gates):
            errors.setdefault("__all__", []).append(GATES_REQUIRED)
        # Checked here rather than left to the database, whose refusal would look like a concurrent decision.
        for name, amount in (("put_in_hours_per_month", put_in_hours_per_month), ("put_in_budget", put_in_budget)):
            if amount is not None and amount < 0:
                errors.setdefault(name, []).append(PUT_IN_NEGATIVE)
        if not ((put_in_hours_per_month or 0) > 0 or (put_in_budget or 0) > 0 or put_in_mandate.strip()):
            errors.setdefault("put_in_hours_per_month", []).append(PUT_IN_REQUIRED)
    elif kind == DecisionKind.CONDITIONAL_YES:
        if not conditions.strip():
            errors.setdefault("conditions", []).append(CONDITIONS_REQUIRED)
        # Counted from the decision date, so a backdated conditional yes gets no extra time.
        max_days = settings.CONDITIONAL_YES_MAX_DAYS
        latest = decided_on + datetime.timedelta(days=max_days)
        if deadline is None:
            errors.setdefault("deadline", []).append(DEADLINE_REQUIRED)
        elif deadline <= decided_on:
            errors.setdefault("deadline", []).append(DEADLINE_NOT_AFTER_DECISION)
        elif deadline > latest:
            errors.setdefault("deadline", []).append(
                DEADLINE_TOO_LATE % {"days": max_days, "latest": date_format(latest)}
            )
    elif kind in (DecisionKind.NO, DecisionKind.EXIT):
        if not reason.strip():
            errors.setdefault("reason", []).append(REASON_REQUIRED)
        if kind == DecisionKind.EXIT and exit_date is None:
            errors.setdefault("exit_date", []).append(EXIT_DATE_REQUIRED)
    if errors:
        raise ValidationError(errors)


def decision_record(
    *,
    user: User,
    network: Network,
    kind: str,
    decided_on: datetime.date | None = None,
    gate_urgency: bool = False,
    gate_courage: bool = False,
    gate_reciprocity: bool = False,
    put_in_hours_per_month: Decimal | None = None,
    put_in_budget: Decimal | None = None,
    put_in_mandate: str = "",
    conditions: str = "",
    deadline: datetime.date | None = None,
    reason: str = "",
    exit_date: datetime.date | None = None,
    supersedes_id: int | None = None,
) -> Decision:
    """Record the organisation's decision about a network; it supersedes the current one.

    `supersedes_id` is the decision the executive saw; if another was recorded since, nothing is saved.
    """
    if not can_decide(user):
        raise PermissionDenied(ONLY_EXECUTIVES)
    if not network.participants.filter(organisation_id=user.organisation_id).exists():
        raise PermissionDenied(NOT_A_PARTICIPANT)
    decided_on = decided_on or timezone.localdate()
    _validate(
        kind=kind,
        decided_on=decided_on,
        gates=(gate_urgency, gate_courage, gate_reciprocity),
        put_in_hours_per_month=put_in_hours_per_month,
        put_in_budget=put_in_budget,
        put_in_mandate=put_in_mandate,
        conditions=conditions,
        deadline=deadline,
        reason=reason,
        exit_date=exit_date,
    )
    committed = kind == DecisionKind.COMMITTED_YES
    conditional = kind == DecisionKind.CONDITIONAL_YES
    decision = Decision(
        network=network,
        organisation_id=user.organisation_id,
        kind=kind,
        decided_on=decided_on,
        decided_by=user,
        gate_urgency=gate_urgency,
        gate_courage=gate_courage,
        gate_reciprocity=gate_reciprocity,
        # Only what belongs to this kind is kept, so a stale field can never be read as a promise.
        put_in_hours_per_month=put_in_hours_per_month if committed else None,
        put_in_budget=put_in_budget if committed else None,
        put_in_mandate=put_in_mandate.strip() if committed else "",
        conditions=conditions.strip() if conditional else "",
        deadline=deadline if conditional else None,
        reason=reason.strip(),
        exit_date=exit_date if kind == DecisionKind.EXIT else None,
    )
    decision.full_clean(exclude=["superseded_by"], validate_constraints=False)
    try:
        with transaction.atomic():
            previous = (
                Decision.objects.select_for_update()
                .current()
                .filter(network=network, organisation_id=user.organisation_id)
                .first()
            )
            if supersedes_id is not None and (previous.pk if previous else 0) != supersedes_id:
                raise ConflictError(previous, DECISION_CHANGED)
            if previous is not None:
                previous.superseded_at = timezone.now()
                previous.save(update_fields=["superseded_at"])
            decision.save()
            if previous is not None:
                previous.superseded_by = decision
                previous.save(update_fields=["superseded_by"])
    except IntegrityError as error:
        # Two executives deciding at once: the partial unique index lets only one current decision exist.
        raise ConflictError(None, DECISION_CHANGED) from error
    return decision

"""Reads of pledges, mandates, capacity and exit plans, scoped to what the user's organisation may see."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from verbond.accounts.models import Role, User
from verbond.commitments.knapsack import Candidate, least_value_cover
from verbond.commitments.models import (
    OPEN_STATUSES,
    ExitPlan,
    Mandate,
    Pledge,
    PledgeComment,
    PledgeKind,
    PledgeStatus,
    PledgeStatusChange,
)
from verbond.decisions.models import Decision, DecisionKind
from verbond.networks.models import Network, Participant, Participation
from verbond.networks.selectors import networks_visible_to, portfolio
from verbond.organisations.models import Organisation

# The value of a network nobody has assessed yet, on the assessment scale 1-5 (3 = neither good nor bad).
DEFAULT_NETWORK_VALUE = 3.0
REMIND_WITHIN_DAYS = 14


def default_network_value() -> float:
    return float(getattr(settings, "COMMITMENTS_DEFAULT_NETWORK_VALUE", DEFAULT_NETWORK_VALUE))


# --- pledges -------------------------------------------------------------------------------------------------


def pledges_visible_to(*, user: User) -> QuerySet[Pledge]:
    """Pledges in the networks the user's organisation takes part in."""
    return Pledge.objects.filter(network__in=networks_visible_to(user=user))


def pledge_get(*, user: User, pledge_id: int) -> Pledge:
    """One visible pledge, or 404."""
    return get_object_or_404(
        pledges_visible_to(user=user).select_related("network", "organisation", "created_by"), pk=pledge_id
    )


def network_pledges(*, network: Network) -> list[Pledge]:
    """Every pledge in a network the caller already may see, withdrawn ones included."""
    return list(
        Pledge.objects.filter(network=network)
        .select_related("organisation")
        .order_by("organisation__name", "due_date", "pk")
    )


def pledge_history(*, pledge: Pledge) -> list[PledgeStatusChange]:
    return list(pledge.status_changes.select_related("changed_by").order_by("changed_on", "created_at", "pk"))


def pledge_comments(*, pledge: Pledge) -> list[PledgeComment]:
    return list(pledge.comments.select_related("organisation", "author").order_by("created_at", "pk"))


def is_overdue(pledge: Pledge, today: datetime.date) -> bool:
    """Still owed after its due date; a pledge due today is not overdue yet."""
    return pledge.status in OPEN_STATUSES and pledge.due_date < today


@dataclass
class KindLine:
    kind: str
    unit: str
    pledged: Decimal = Decimal(0)
    delivered: Decimal = Decimal(0)

    @property
    def label(self) -> str:
        return str(PledgeKind(self.kind).label)

    @property
    def share(self) -> float | None:
        """Delivered as a share of pledged (0-1), None when nothing is pledged."""
        return float(self.delivered / self.pledged) if self.pledged else None


@dataclass
class PartnerLine:
    organisation: Organisation
    pledges: int = 0
    withdrawn: int = 0
    open: int = 0
    overdue: int = 0
    fulfilled: float = 0.0  # pledges delivered, counting a partly delivered one by its delivered fraction
    kinds: list[KindLine] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        """Average fulfilment of the partner's pledges (withdrawn ones excluded), 0-1."""
        return self.fulfilled / self.pledges if self.pledges else None


@dataclass
class Reciprocity:
    partners: list[PartnerLine]
    totals: list[KindLine]
    overdue: list[Pledge]
    without_pledges: list[Organisation]
    pledges: list[Pledge]

    @property
    def share(self) -> float | None:
        count = sum(p.pledges for p in self.partners)
        return sum(p.fulfilled for p in self.partners) / count if count else None


def reciprocity(*, network: Network, today: datetime.date | None = None) -> Reciprocity:
    """What each participant pledged and delivered, per kind and as a share; overdue pledges; who pledged nothing.

    Withdrawn pledges are listed but not counted as pledged. Quantities add up per kind and unit only.
    Two queries, however many pledges.
    """
    today = today or timezone.localdate()
    pledges = network_pledges(network=network)
    participants = list(Participant.objects.filter(network=network).select_related("organisation"))
    lines: dict[int, PartnerLine] = {}
    kinds: dict[int, dict[tuple[str, str], KindLine]] = defaultdict(dict)
    totals: dict[tuple[str, str], KindLine] = {}
    overdue = []
    for pledge in pledges:
        pledge.overdue = is_overdue(pledge, today)
        line = lines.setdefault(pledge.organisation_id, PartnerLine(organisation=pledge.organisation))
        if pledge.status == PledgeStatus.WITHDRAWN:
            line.withdrawn += 1
            continue
        line.pledges += 1
        line.fulfilled += float(min(pledge.delivered_quantity / pledge.quantity, Decimal(1)))
        if pledge.status in OPEN_STATUSES:
            line.open += 1
        if pledge.overdue:
            line.overdue += 1
            overdue.append(pledge)
        key = (pledge.kind, pledge.unit)
        for bucket in (kinds[pledge.organisation_id], totals):
            kind_line = bucket.setdefault(key, KindLine(kind=pledge.kind, unit=pledge.unit))
            kind_line.pledged += pledge.quantity
            kind_line.delivered += pledge.delivered_quantity
    order = {value: position for position, value in enumerate(PledgeKind.values)}
    for organisation_id, line in lines.items():
        line.kinds = sorted(kinds[organisation_id].values(), key=lambda k: (order[k.kind], k.unit))
    pledging = {organisation_id for organisation_id, line in lines.items() if line.pledges}
    return Reciprocity(
        partners=sorted(lines.values(), key=lambda line: line.organisation.name),
        totals=sorted(totals.values(), key=lambda k: (order[k.kind], k.unit)),
        overdue=sorted(overdue, key=lambda p: (p.due_date, p.pk)),
        without_pledges=sorted(
            (p.organisation for p in participants if p.organisation_id not in pledging), key=lambda o: o.name
        ),
        pledges=pledges,
    )


# --- mandates ------------------------------------------------------------------------------------------------


def mandates_active_in(*, network: Network) -> QuerySet[Mandate]:
    """Mandates in force today in a network (the caller has checked that the network is visible)."""
    return (
        Mandate.objects.filter(network=network)
        .active_on(timezone.localdate())
        .select_related("granting_organisation", "holder_organisation", "decided_by")
        .order_by("holder_organisation__name", "valid_from", "pk")
    )


def mandate_holders_for(*, network: Network) -> list[Organisation]:
    """Organisations that today hold a mandate in the network: who may deploy other organisations' people."""
    holder_ids = mandates_active_in(network=network).values("holder_organisation_id")
    return list(Organisation.objects.filter(pk__in=holder_ids).order_by("name"))


def network_mandates(*, network: Network) -> list[Mandate]:
    """All mandates of a network, ended ones included (history)."""
    return list(
        Mandate.objects.filter(network=network)
        .select_related("granting_organisation", "holder_organisation", "decided_by")
        .order_by("-valid_from", "pk")
    )


def mandate_get(*, user: User, mandate_id: int) -> Mandate:
    return get_object_or_404(
        Mandate.objects.filter(network__in=networks_visible_to(user=user)).select_related(
            "network", "granting_organisation", "holder_organisation"
        ),
        pk=mandate_id,
    )


@dataclass
class MandateRegister:
    granted: list[Mandate]  # others may decide over our people
    held: list[Mandate]  # we decide over others' people
    today: datetime.date

    def _active_hours(self, mandates: list[Mandate]) -> Decimal:
        return sum((m.hours_per_week for m in mandates if _active(m, self.today)), Decimal(0))

    @property
    def granted_hours(self) -> Decimal:
        return self._active_hours(self.granted)

    @property
    def held_hours(self) -> Decimal:
        return self._active_hours(self.held)

    @property
    def granted_active(self) -> int:
        return sum(1 for m in self.granted if _active(m, self.today))

    @property
    def held_active(self) -> int:
        return sum(1 for m in self.held if _active(m, self.today))


def _active(mandate: Mandate, today: datetime.date) -> bool:
    return mandate.valid_from <= today and (mandate.valid_until is None or mandate.valid_until >= today)


def mandate_register(*, user: User) -> MandateRegister:
    """Who may decide over our people, and over whose people we decide (in networks we take part in)."""
    today = timezone.localdate()
    organisation_id = user.organisation_id
    mandates = list(
        Mandate.objects.filter(network__in=networks_visible_to(user=user))
        .filter(Q(granting_organisation_id=organisation_id) | Q(holder_organisation_id=organisation_id))
        .select_related("network", "granting_organisation", "holder_organisation", "decided_by")
        .order_by("network__name", "valid_from", "pk")
    )
    for mandate in mandates:
        mandate.is_active = _active(mandate, today)
    return MandateRegister(
        granted=[m for m in mandates if m.granting_organisation_id == organisation_id],
        held=[m for m in mandates if m.holder_organisation_id == organisation_id],
        today=today,
    )


# --- decisions due (the conditional-yes guard) -----------------------------------------------------------------


def conditional_yes_due(
    *, organisation_id: int | None, today: datetime.date | None = None, days: int = REMIND_WITHIN_DAYS
) -> tuple[list[Decision], list[Decision]]:
    """The organisation's current conditional yeses: (past their deadline, deadline within `days` days)."""
    today = today or timezone.localdate()
    decisions = list(
        Decision.objects.for_organisation(organisation_id)
        .current()
        .filter(kind=DecisionKind.CONDITIONAL_YES, deadline__lte=today + datetime.timedelta(days=days))
        .select_related("network")
        .order_by("deadline", "pk")
    )
    return [d for d in decisions if d.deadline < today], [d for d in decisions if d.deadline >= today]


@dataclass
class Reminder:
    organisation: Organisation
    executives: list[User]
    past_deadline: list[Decision]
    due_soon: list[Decision]


def reminders(*, today: datetime.date | None = None, days: int = REMIND_WITHIN_DAYS) -> list[Reminder]:
    """For every organisation: its executives and its conditional yeses past or near their deadline."""
    today = today or timezone.localdate()
    decisions = (
        Decision.objects.current()
        .filter(kind=DecisionKind.CONDITIONAL_YES, deadline__lte=today + datetime.timedelta(days=days))
        .filter(network__archived_at__isnull=True)
        .select_related("network", "organisation")
        .order_by("organisation__name", "deadline", "pk")
    )
    by_organisation: dict[int, Reminder] = {}
    for decision in decisions:
        reminder = by_organisation.setdefault(
            decision.organisation_id, Reminder(decision.organisation, [], [], [])
        )
        (reminder.past_deadline if decision.deadline < today else reminder.due_soon).append(decision)
    executives = (
        User.objects.filter(organisation_id__in=by_organisation, role=Role.EXECUTIVE, is_active=True)
        .exclude(email="")
        .order_by("username")
    )
    for executive in executives:
        by_organisation[executive.organisation_id].executives.append(executive)
    return list(by_organisation.values())


# --- capacity ------------------------------------------------------------------------------------------------


@dataclass
class CapacityOverview:
    capacity: Decimal | None
    committed: Decimal
    pending: Decimal  # conditional yes or no decision yet
    leaving: Decimal  # no or exit: still spent until we are out
    committed_networks: int
    pending_networks: int

    @property
    def free(self) -> Decimal | None:
        """Capacity left once committed and pending networks are counted (negative: over budget)."""
        if self.capacity is None:
            return None
        return self.capacity - self.committed - self.pending

    @property
    def over_budget(self) -> bool:
        return self.free is not None and self.free < 0

    @property
    def over_by(self) -> Decimal:
        return -self.free if self.over_budget else Decimal(0)


_PENDING = (DecisionKind.CONDITIONAL_YES, None)


def capacity_overview(*, organisation: Organisation) -> CapacityOverview:
    """Hours per month in committed, conditional or undecided, and leaving networks, against the capacity."""
    rows = portfolio(organisation=organisation).rows
    committed = [r for r in rows if r.decision_kind == DecisionKind.COMMITTED_YES]
    pending = [r for r in rows if r.decision_kind in _PENDING]
    return CapacityOverview(
        capacity=organisation.capacity_hours_per_month,
        committed=sum((r.hours_per_month for r in committed), Decimal(0)),
        pending=sum((r.hours_per_month for r in pending), Decimal(0)),
        leaving=sum(
            (r.hours_per_month for r in rows if r.decision_kind in (DecisionKind.NO, DecisionKind.EXIT)),
            Decimal(0),
        ),
        committed_networks=len(committed),
        pending_networks=len(pending),
    )


def network_values(*, organisation: Organisation) -> dict[int, float]:
    """The latest assessed value per network (weighted mean score), where the assessments app provides one."""
    try:
        from verbond.assessments.selectors import latest_score_by_network
    except (ImportError, AttributeError):
        return {}
    try:
        return {
            int(k): float(v)
            for k, v in latest_score_by_network(organisation=organisation).items()
            if v is not None
        }
    except (AttributeError, TypeError):
        return {}


@dataclass
class ProposalLine:
    network: Network
    hours: Decimal
    value: float
    value_is_default: bool
    decision_kind: str | None


@dataclass
class Proposal:
    network: Network
    hours_needed: Decimal
    capacity: Decimal | None
    load: Decimal  # hours in committed and pending networks, without the network considered
    candidates: list[ProposalLine]
    protected: list[tuple[ProposalLine, str]]
    chosen: list[ProposalLine]
    default_value: float
    feasible: bool

    @property
    def shortfall(self) -> Decimal:
        """Hours per month to free before the new committed yes fits (0: it fits already)."""
        if self.capacity is None:
            return Decimal(0)
        return max(Decimal(0), self.load + self.hours_needed - self.capacity)

    @property
    def freed(self) -> Decimal:
        return sum((line.hours for line in self.chosen), Decimal(0))

    @property
    def value_lost(self) -> float:
        return sum(line.value for line in self.chosen)

    @property
    def candidate_hours(self) -> Decimal:
        return sum((line.hours for line in self.candidates), Decimal(0))

    @property
    def explanation(self) -> str:
        """The proposal in plain words."""
        if self.capacity is None:
            return _(
                "Set your capacity for network work first; without it there is no budget to check against."
            )
        if self.shortfall == 0:
            return _(
                "A committed yes for %(network)s fits within your capacity: no need to say no elsewhere."
            ) % {"network": self.network.name}
        if not self.feasible:
            return _(
                "Even saying no to every network without a committed yes or legal obligation frees only "
                "%(hours)s hours per month, not the %(needed)s needed. Say no to this network, or raise the capacity."
            ) % {"hours": _fmt(self.candidate_hours), "needed": _fmt(self.shortfall)}
        return _(
            "Saying no to %(names)s frees %(hours)s hours per month (%(needed)s needed) and gives up the least "
            "assessed value: %(value)s in total."
        ) % {
            "names": _join([line.network.name for line in self.chosen]),
            "hours": _fmt(self.freed),
            "needed": _fmt(self.shortfall),
            "value": f"{self.value_lost:.1f}",
        }


def _fmt(hours: Decimal) -> str:
    return f"{hours.normalize():f}"


def _join(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def say_no_proposal(*, user: User, network: Network, hours_needed: Decimal) -> Proposal:
    """Which networks to say no to so a committed yes for `network` needing `hours_needed` fits the capacity.

    Exact: the set freeing at least the shortfall with the least total value (see knapsack.least_value_cover).
    Networks with a committed yes or a legal obligation are never proposed.
    """
    organisation = Organisation.objects.get(pk=user.organisation_id)
    rows = portfolio(organisation=organisation).rows
    values = network_values(organisation=organisation)
    default = default_network_value()
    load = Decimal(0)
    candidates: list[ProposalLine] = []
    protected: list[tuple[ProposalLine, str]] = []
    for row in rows:
        if row.network.pk == network.pk or row.decision_kind in (DecisionKind.NO, DecisionKind.EXIT):
            continue
        load += row.hours_per_month
        line = ProposalLine(
            network=row.network,
            hours=row.hours_per_month,
            value=values.get(row.network.pk, default),
            value_is_default=row.network.pk not in values,
            decision_kind=row.decision_kind,
        )
        if row.decision_kind == DecisionKind.COMMITTED_YES:
            protected.append((line, _("committed yes")))
        elif row.network.legal_obligation:
            protected.append((line, _("legal obligation")))
        elif row.hours_per_month > 0:
            candidates.append(line)
    proposal = Proposal(
        network=network,
        hours_needed=hours_needed,
        capacity=organisation.capacity_hours_per_month,
        load=load,
        candidates=candidates,
        protected=protected,
        chosen=[],
        default_value=default,
        feasible=True,
    )
    if proposal.capacity is not None and proposal.shortfall > 0:
        selection = least_value_cover(
            [
                Candidate(key=index, hours=line.hours, value=line.value)
                for index, line in enumerate(candidates)
            ],
            proposal.shortfall,
        )
        if selection is None:
            proposal.feasible = False
        else:
            proposal.chosen = [candidates[c.key] for c in selection.chosen]
    return proposal


def committed_yes_over_capacity(
    *, user: User, network: Network, hours_needed: Decimal | None = None
) -> Proposal | None:
    """The say-no proposal when a committed yes for `network` would exceed our capacity; None when it fits.

    None too when the organisation has set no capacity. `hours_needed` defaults to the hours per month we spend
    in the network now (our participation). A fixed number of queries.
    """
    if not user.organisation_id:
        return None
    capacity = Organisation.objects.filter(pk=user.organisation_id).values_list(
        "capacity_hours_per_month", flat=True
    )[:1]
    if not capacity or capacity[0] is None:
        return None
    if hours_needed is None:
        hours_needed = (
            Participation.objects.filter(network=network, organisation_id=user.organisation_id)
            .values_list("hours_per_month", flat=True)
            .first()
        ) or Decimal(0)
    proposal = say_no_proposal(user=user, network=network, hours_needed=hours_needed)
    return proposal if proposal.shortfall > 0 else None


def networks_to_consider(*, user: User) -> QuerySet[Network]:
    """Our networks that do not have a committed yes yet: the ones a new committed yes could be for."""
    committed = (
        Decision.objects.for_organisation(user.organisation_id)
        .current()
        .filter(kind=DecisionKind.COMMITTED_YES)
    )
    return networks_visible_to(user=user).exclude(pk__in=committed.values("network_id")).order_by("name")


# --- exits ---------------------------------------------------------------------------------------------------


def exit_decision_get(*, user: User, network: Network) -> Decision | None:
    """Our current decision about the network if it is an exit."""
    return (
        Decision.objects.for_organisation(user.organisation_id)
        .current()
        .filter(network=network, kind=DecisionKind.EXIT)
        .select_related("network")
        .first()
    )


def exit_plan_for(*, decision: Decision) -> ExitPlan | None:
    return (
        ExitPlan.objects.filter(decision=decision)
        .select_related("pledges_handed_to", "mandates_handed_to")
        .first()
    )


def _exit_end(decision: Decision, plan: ExitPlan | None) -> datetime.date:
    """The day our pledges and mandates in the network must be over: the plan's, else the exit date (or today)."""
    if plan is not None:
        return min(plan.end_date, plan.wind_down_date)
    return decision.exit_date or timezone.localdate()


def exit_open_items(
    *, plan: ExitPlan | None = None, decision: Decision | None = None
) -> tuple[list[Pledge], list[Mandate]]:
    """The leaving organisation's pledges still open and mandates still running past the end.

    Give the `plan`, or, before there is one, the exit `decision`: then mandates count as open when they run past
    the exit date.
    """
    if plan is not None:
        decision = plan.decision
    if decision is None:
        raise ValueError("exit_open_items needs a plan or a decision")
    organisation_id = decision.organisation_id
    end = _exit_end(decision, plan)
    pledges = list(
        Pledge.objects.filter(
            network_id=decision.network_id, organisation_id=organisation_id, status__in=OPEN_STATUSES
        )
        .select_related("organisation")
        .order_by("due_date", "pk")
    )
    mandates = list(
        Mandate.objects.filter(network_id=decision.network_id)
        .filter(Q(granting_organisation_id=organisation_id) | Q(holder_organisation_id=organisation_id))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=end))
        .select_related("granting_organisation", "holder_organisation")
        .order_by("valid_from", "pk")
    )
    return pledges, mandates


@dataclass
class ExitInProgress:
    decision: Decision
    plan: ExitPlan | None
    open_pledges: int
    open_mandates: int

    @property
    def to_do(self) -> bool:
        """No plan yet, or pledges and mandates still open."""
        return self.plan is None or bool(self.open_pledges or self.open_mandates)


def exits_in_progress(*, user: User) -> list[ExitInProgress]:
    """Our current exit decisions with their plan and what is still open; three queries."""
    decisions = list(
        Decision.objects.for_organisation(user.organisation_id)
        .current()
        .filter(kind=DecisionKind.EXIT, network__archived_at__isnull=True)
        .select_related("network")
        .order_by("exit_date", "pk")
    )
    plans = {p.decision_id: p for p in ExitPlan.objects.filter(decision__in=decisions)}
    network_ids = [d.network_id for d in decisions]
    organisation_id = user.organisation_id
    open_pledges: dict[int, int] = defaultdict(int)
    for network_id in Pledge.objects.filter(
        network_id__in=network_ids, organisation_id=organisation_id, status__in=OPEN_STATUSES
    ).values_list("network_id", flat=True):
        open_pledges[network_id] += 1
    running: dict[int, list[Mandate]] = defaultdict(list)
    for mandate in Mandate.objects.filter(network_id__in=network_ids).filter(
        Q(granting_organisation_id=organisation_id) | Q(holder_organisation_id=organisation_id)
    ):
        running[mandate.network_id].append(mandate)
    result = []
    for decision in decisions:
        plan = plans.get(decision.pk)
        end = _exit_end(decision, plan)
        mandates = [m for m in running[decision.network_id] if m.valid_until is None or m.valid_until > end]
        result.append(ExitInProgress(decision, plan, open_pledges[decision.network_id], len(mandates)))
    return result


# --- overview ------------------------------------------------------------------------------------------------


def our_pledges(*, user: User) -> list[Pledge]:
    """Our own organisation's pledges in active networks, open ones first."""
    pledges = list(
        pledges_visible_to(user=user)
        .filter(organisation_id=user.organisation_id)
        .select_related("network")
        .order_by("due_date", "pk")
    )
    today = timezone.localdate()
    for pledge in pledges:
        pledge.overdue = is_overdue(pledge, today)
    return sorted(pledges, key=lambda p: (not p.is_open, p.due_date, p.pk))

"""Reads of the network register, always scoped to what the user's organisation may see."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Count, DecimalField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from verbond.accounts.models import User
from verbond.decisions.models import Decision, DecisionKind
from verbond.networks.models import Challenge, Network, Participant, Participation
from verbond.organisations.models import Organisation

NO_DECISION = "none"
TALKING_SHOP = "talking_shop"

PORTFOLIO_SORTS = {
    "name": "name",
    "level": "level",
    "lead": "lead__name",
    "partners": "partner_count",
    "hours": "our_hours",
    "costs": "our_costs",
    "decision": "decision_kind",
    "decided_on": "decided_on",
    # Computed by the outcomes app, not a column of the database: sorted in Python (see `portfolio`).
    "talking_shop": TALKING_SHOP,
}


def networks_visible_to(*, user: User) -> QuerySet[Network]:
    """Networks the user's organisation takes part in (the only ones the user may see)."""
    return Network.objects.for_organisation(user.organisation_id).active()


def network_get(*, user: User, network_id: int) -> Network:
    """One visible network, or 404 (never 403: a stranger may not learn that it exists)."""
    return get_object_or_404(networks_visible_to(user=user).select_related("lead", "registered_by"), pk=network_id)


def network_participants(*, network: Network) -> list[Participant]:
    return list(network.participants.select_related("organisation").order_by("organisation__name"))


def participation_get(*, network: Network, organisation_id: int | None) -> Participation | None:
    """The organisation's own, private participation in the network."""
    if not organisation_id:
        return None
    return Participation.objects.filter(network=network, organisation_id=organisation_id).first()


def _portfolio_queryset(*, organisation_id: int) -> QuerySet[Network]:
    current_decision = Decision.objects.current().filter(network=OuterRef("pk"), organisation_id=organisation_id)
    our_participation = Participation.objects.filter(network=OuterRef("pk"), organisation_id=organisation_id)
    partner_count = (
        Participant.objects.filter(network=OuterRef("pk"))
        .exclude(organisation_id=organisation_id)
        .order_by()
        .values("network")
        .annotate(n=Count("pk"))
        .values("n")
    )
    money = DecimalField(max_digits=11, decimal_places=2)
    return (
        Network.objects.for_organisation(organisation_id)
        .active()
        .select_related("lead")
        .prefetch_related(Prefetch("challenges", queryset=Challenge.objects.order_by("position", "name")))
        .annotate(
            partner_count=Coalesce(Subquery(partner_count), 0),
            our_hours=Coalesce(Subquery(our_participation.values("hours_per_month")), Value(Decimal(0)), output_field=money),
            our_costs=Coalesce(Subquery(our_participation.values("costs_per_year")), Value(Decimal(0)), output_field=money),
            decision_id=Subquery(current_decision.values("pk")),
            decision_kind=Subquery(current_decision.values("kind")),
            decided_on=Subquery(current_decision.values("decided_on")),
            decision_deadline=Subquery(current_decision.values("deadline")),
        )
    )


@dataclass
class PortfolioRow:
    network: Network
    challenges: list[Challenge]
    partner_count: int
    hours_per_month: Decimal
    costs_per_year: Decimal
    decision_kind: str | None
    decided_on: object
    deadline: object
    # The outcomes app's talking-shop signal (score and reasons); None when that app is not installed.
    talking_shop: Any = None

    @property
    def talking_shop_score(self) -> int | None:
        return self.talking_shop.score if self.talking_shop is not None else None

    @property
    def decision_label(self) -> str:
        return str(DecisionKind(self.decision_kind).label) if self.decision_kind else ""

    @property
    def past_deadline(self) -> bool:
        return (
            self.decision_kind == DecisionKind.CONDITIONAL_YES
            and self.deadline is not None
            and self.deadline < timezone.localdate()
        )


@dataclass
class Totals:
    networks: int = 0
    hours_per_month: Decimal = Decimal(0)
    costs_per_year: Decimal = Decimal(0)

    def add(self, row: PortfolioRow) -> None:
        self.networks += 1
        self.hours_per_month += row.hours_per_month
        self.costs_per_year += row.costs_per_year


@dataclass
class Portfolio:
    rows: list[PortfolioRow]
    total: Totals
    per_challenge: list[tuple[Challenge | None, Totals]]
    per_decision: list[tuple[str, str, Totals]]
    undecided: list[PortfolioRow] = field(default_factory=list)
    past_deadline: list[PortfolioRow] = field(default_factory=list)
    talking_shop_shown: bool = False


def _talking_shop_signals() -> Callable[..., dict] | None:
    """The outcomes app's bulk talking-shop selector, or None: the register works without that app."""
    if not apps.is_installed("verbond.outcomes"):
        return None
    # Imported late: outcomes builds on the register.
    from verbond.outcomes.selectors import talking_shop_signals

    return talking_shop_signals


def portfolio(
    *,
    organisation: Organisation,
    challenge: Challenge | None = None,
    decision: str | None = None,
    level: str | None = None,
    sort: str = "name",
    talking_shop: bool = True,
) -> Portfolio:
    """Every network the organisation takes part in, with its own effort, current decision, talking-shop signal
    (when the outcomes app is there and `talking_shop` is set) and totals.

    Uses a fixed number of queries however many networks there are.
    """
    queryset = _portfolio_queryset(organisation_id=organisation.pk)
    if challenge is not None:
        queryset = queryset.filter(challenges=challenge)
    if level:
        queryset = queryset.filter(level=level)
    if decision == NO_DECISION:
        queryset = queryset.filter(decision_kind__isnull=True)
    elif decision:
        queryset = queryset.filter(decision_kind=decision)
    descending = sort.startswith("-")
    field_name = PORTFOLIO_SORTS.get(sort.lstrip("-"), "name")
    if field_name == TALKING_SHOP:
        ordering = ["name"]
    else:
        ordering = [f"-{field_name}" if descending else field_name]
        if field_name != "name":
            ordering.append("name")
    rows = [
        PortfolioRow(
            network=network,
            challenges=list(network.challenges.all()),
            partner_count=network.partner_count,
            hours_per_month=network.our_hours,
            costs_per_year=network.our_costs,
            decision_kind=network.decision_kind,
            decided_on=network.decided_on,
            deadline=network.decision_deadline,
        )
        for network in queryset.order_by(*ordering)
    ]
    signals = _talking_shop_signals() if talking_shop else None
    if signals is not None:
        shops = signals(organisation_id=organisation.pk, networks=[row.network for row in rows]) if rows else {}
        for row in rows:
            row.talking_shop = shops.get(row.network.pk)
        if field_name == TALKING_SHOP:
            # Stable: networks with the same score stay in name order.
            rows.sort(key=lambda row: row.talking_shop_score or 0, reverse=descending)
    result = _with_totals(rows)
    result.talking_shop_shown = signals is not None
    return result


def _with_totals(rows: list[PortfolioRow]) -> Portfolio:
    total = Totals()
    by_challenge: dict[Challenge | None, Totals] = defaultdict(Totals)
    by_decision: dict[str, Totals] = defaultdict(Totals)
    for row in rows:
        total.add(row)
        for challenge in row.challenges or [None]:
            by_challenge[challenge].add(row)
        by_decision[row.decision_kind or NO_DECISION].add(row)
    per_challenge = sorted(
        by_challenge.items(), key=lambda item: (item[0] is None, item[0].position if item[0] else 0, str(item[0]))
    )
    kinds = [*DecisionKind.choices, (NO_DECISION, None)]
    per_decision = [
        (value, label, by_decision[value]) for value, label in kinds if value in by_decision
    ]
    return Portfolio(
        rows=rows,
        total=total,
        per_challenge=per_challenge,
        per_decision=per_decision,
        undecided=[row for row in rows if row.decision_kind is None],
        past_deadline=[row for row in rows if row.past_deadline],
    )


def challenges_all() -> QuerySet[Challenge]:
    return Challenge.objects.all()


def networks_shared_with(*, organisation_id: int | None, partner: Organisation) -> QuerySet[Network]:
    """Networks in which both our organisation and the partner take part."""
    return (
        Network.objects.for_organisation(organisation_id)
        .active()
        .filter(pk__in=Participant.objects.filter(organisation=partner).values("network"))
        .select_related("lead")
    )

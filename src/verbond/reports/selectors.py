"""Reads for the board report and the decision pack: only what the organisation may see.

Sections that other apps provide (assessment heat map, pledges, results, signals) are included only when that
app offers them: each is looked up lazily, so the report works whichever apps are present.
"""

import datetime
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone

from verbond.decisions.models import Decision, DecisionKind
from verbond.networks.models import Challenge, Network, Participant, Participation
from verbond.networks.selectors import (
    Portfolio,
    PortfolioRow,
    network_participants,
    participation_get,
    portfolio,
)
from verbond.organisations.models import Organisation

# A conditional yes whose deadline falls within this many days is a decision due.
DUE_WITHIN_DAYS = 30
# Two networks on the same challenge that share at least this share of their participants overlap.
OVERLAP_THRESHOLD = 0.5
OVERLAP_LIMIT = 10


@dataclass
class TalkingShop:
    """A network that takes our hours without anything to show for them."""

    network: Network
    hours_per_month: Decimal
    reasons: list[str]


@dataclass
class Overlap:
    """Two of our networks on the same challenge with largely the same partners: a merge candidate."""

    first: Network
    second: Network
    challenges: list[Challenge]
    shared_partners: int
    similarity: float

    @property
    def percentage(self) -> int:
        return round(self.similarity * 100)


@dataclass
class BoardReport:
    organisation: Organisation
    generated_on: datetime.date
    portfolio: Portfolio
    capacity_hours_per_month: Decimal | None
    committed_hours_per_month: Decimal
    decisions_due: list[PortfolioRow]
    past_deadline: list[PortfolioRow]
    talking_shops: list[TalkingShop]
    overlaps: list[Overlap]
    # Sections from other apps; None when the app does not provide them (see _add_other_apps).
    heat_map: Any = None  # verbond.assessments.selectors.HeatMap
    key_results: list | None = None  # [KeyResult]

    @property
    def capacity_used(self) -> int | None:
        """Our hours as a percentage of the capacity, or None when no capacity is set."""
        if not self.capacity_hours_per_month:
            return None
        return round(self.portfolio.total.hours_per_month / self.capacity_hours_per_month * 100)

    @property
    def over_capacity(self) -> bool:
        return self.capacity_used is not None and self.capacity_used > 100


@dataclass
class DecisionPack:
    organisation: Organisation
    network: Network
    generated_on: datetime.date
    challenges: list[Challenge]
    participants: list[Participant]
    participation: Participation | None
    decision: Decision | None
    # Sections from other apps; None when the app does not provide them.
    assessment: Any = None  # verbond.assessments.results.RoundResults of our latest round
    pledges: Any = None  # verbond.commitments.selectors.Reciprocity
    results: Any = None  # [verbond.outcomes.selectors.IndicatorSummary]

    @property
    def gates(self) -> list[tuple[str, bool | None]]:
        """The three gates of the current decision: (gate, passed), passed None when undecided."""
        from django.utils.translation import gettext as _

        decision = self.decision
        return [
            (
                _("Urgency: a shared urgency, with residents' results as the aim"),
                decision and decision.gate_urgency,
            ),
            (_("Courage: we put in people, money or mandate"), decision and decision.gate_courage),
            (_("Reciprocity: the partners bind themselves too"), decision and decision.gate_reciprocity),
        ]


def _optional(module_path: str, name: str) -> Callable[..., Any] | None:
    """A selector another app may provide, or None while it does not exist (yet)."""
    try:
        return getattr(importlib.import_module(module_path), name)
    except (ImportError, AttributeError):
        return None


def _call_optional(module_path: str, name: str, **kwargs: Any) -> Any:
    selector = _optional(module_path, name)
    if selector is None:
        return None
    # A changed signature is a bug to see in the tests, not a section to drop quietly.
    return selector(**kwargs)


def board_report_data(*, organisation: Organisation) -> BoardReport:
    """Everything the executive's board report shows, for one organisation; a fixed number of queries."""
    today = timezone.localdate()
    result = portfolio(organisation=organisation, talking_shop=False)  # the report merges its own
    committed = sum(
        (
            totals.hours_per_month
            for kind, _label, totals in result.per_decision
            if kind == DecisionKind.COMMITTED_YES
        ),
        Decimal(0),
    )
    due_by = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    decisions_due = [
        row
        for row in result.rows
        if row.decision_kind is None
        or (
            row.decision_kind == DecisionKind.CONDITIONAL_YES
            and row.deadline
            and today <= row.deadline <= due_by
        )
    ]
    report = BoardReport(
        organisation=organisation,
        generated_on=today,
        portfolio=result,
        capacity_hours_per_month=organisation.capacity_hours_per_month,
        committed_hours_per_month=committed,
        decisions_due=decisions_due,
        past_deadline=result.past_deadline,
        talking_shops=_talking_shops(result),
        overlaps=_overlaps(result, organisation_id=organisation.pk),
    )
    _add_other_apps(report)
    return report


def _talking_shops(result: Portfolio) -> list[TalkingShop]:
    """Networks where we spend hours without a committed yes: undecided, or a conditional yes past its deadline."""
    from django.utils.translation import gettext as _

    signals = []
    for row in result.rows:
        if not row.hours_per_month or row.network.legal_obligation:
            continue
        reasons = []
        if row.decision_kind is None:
            reasons.append(_("hours spent without a decision"))
        elif row.past_deadline:
            reasons.append(_conditional_reason())
        if reasons:
            signals.append(
                TalkingShop(network=row.network, hours_per_month=row.hours_per_month, reasons=reasons)
            )
    return sorted(signals, key=lambda signal: (-signal.hours_per_month, signal.network.name))


def _overlaps(result: Portfolio, *, organisation_id: int) -> list[Overlap]:
    """Pairs of our networks sharing a challenge and most of their participants (Jaccard similarity)."""
    networks = {row.network.pk: row for row in result.rows}
    members: dict[int, set[int]] = {pk: set() for pk in networks}
    for network_id, member_id in Participant.objects.filter(network_id__in=networks).values_list(
        "network_id", "organisation_id"
    ):
        members[network_id].add(member_id)
    overlaps = []
    for first, second in combinations(sorted(networks), 2):
        shared_challenges = [c for c in networks[first].challenges if c in networks[second].challenges]
        if not shared_challenges:
            continue
        # Our own organisation is in every network: leave it out, or any two tiny networks look alike.
        a, b = members[first] - {organisation_id}, members[second] - {organisation_id}
        if not a or not b:
            continue
        similarity = len(a & b) / len(a | b)
        if similarity >= OVERLAP_THRESHOLD:
            overlaps.append(
                Overlap(
                    first=networks[first].network,
                    second=networks[second].network,
                    challenges=shared_challenges,
                    shared_partners=len(a & b),
                    similarity=similarity,
                )
            )
    overlaps.sort(key=lambda overlap: (-overlap.similarity, overlap.first.name, overlap.second.name))
    return overlaps[:OVERLAP_LIMIT]


def _add_other_apps(report: BoardReport) -> None:
    """Sections from the assessments and outcomes apps, where they exist."""
    organisation = report.organisation
    rows = report.portfolio.rows
    networks = [row.network for row in rows]
    if not networks:
        return
    heat_map = _call_optional(
        "verbond.assessments.selectors", "heat_map", organisation=organisation, networks=networks
    )
    report.heat_map = heat_map if heat_map is not None and getattr(heat_map, "rows", None) else None
    shops = _call_optional(
        "verbond.outcomes.selectors",
        "talking_shop_signals",
        organisation_id=organisation.pk,
        networks=networks,
    )
    if shops:
        report.talking_shops = _merge_talking_shops(report.talking_shops, shops, rows=rows)
    report.key_results = _key_results(rows) or None


def _merge_talking_shops(
    ours: list[TalkingShop], shops: dict, *, rows: list[PortfolioRow]
) -> list[TalkingShop]:
    """Add the outcomes app's reasons (no pledges delivered, no results, low results score) to ours."""
    by_network = {signal.network.pk: signal for signal in ours}
    hours = {row.network.pk: row.hours_per_month for row in rows}
    for network_id, shop in shops.items():
        reasons = [_short_reason(reason) for reason in getattr(shop, "reasons", [])]
        if not reasons:
            continue
        signal = by_network.get(network_id)
        if signal is None:
            signal = by_network[network_id] = TalkingShop(
                network=shop.network, hours_per_month=hours.get(network_id, Decimal(0)), reasons=[]
            )
        if "conditional_yes_past_deadline" in getattr(shop, "keys", []):
            # The outcomes app says the same with the date: keep its wording only.
            signal.reasons = [r for r in signal.reasons if r != _conditional_reason()]
        signal.reasons.extend(reasons)
    return sorted(by_network.values(), key=lambda signal: (-signal.hours_per_month, signal.network.name))


def _short_reason(reason: Any) -> str:
    """A board reads a short reason; the outcomes app's full sentence stays on the network page."""
    from django.utils.translation import gettext as _

    short = {
        "no_delivered_pledges": _("no pledge delivered"),
        "no_results_progress": _("no progress on results for residents"),
        "conditional_yes_past_deadline": _conditional_reason(),
        "low_results_assessment": _("low score on results"),
    }
    return short.get(getattr(reason, "key", ""), str(getattr(reason, "text", reason)))


def _conditional_reason() -> str:
    from django.utils.translation import gettext as _

    return _("conditional yes past its deadline")


@dataclass
class KeyResult:
    """An "is anyone better off" indicator of a network we said a committed yes to."""

    network: Network
    summary: Any  # verbond.outcomes.selectors.IndicatorSummary


def _key_results(rows: list[PortfolioRow]) -> list[KeyResult]:
    better_off_indicators = _optional("verbond.outcomes.selectors", "better_off_indicators")
    if better_off_indicators is None:
        return []
    committed = [row.network for row in rows if row.decision_kind == DecisionKind.COMMITTED_YES]
    if not committed:
        return []
    by_network = better_off_indicators(networks=committed)
    return [
        KeyResult(network=network, summary=summary) for network in committed for summary in by_network.get(network.pk, [])
    ]


def network_for_report(*, organisation: Organisation, network_id: int) -> Network:
    """A network the organisation takes part in, or 404: a stranger may not learn that it exists."""
    queryset = Network.objects.for_organisation(organisation.pk).active().select_related("lead")
    return get_object_or_404(queryset, pk=network_id)


def decision_pack_data(*, organisation: Organisation, network_id: int) -> DecisionPack:
    """What an executive reads before deciding about one network; 404 when the organisation is not in it."""
    network = network_for_report(organisation=organisation, network_id=network_id)
    pack = DecisionPack(
        organisation=organisation,
        network=network,
        generated_on=timezone.localdate(),
        challenges=list(network.challenges.all()),
        participants=network_participants(network=network),
        participation=participation_get(network=network, organisation_id=organisation.pk),
        decision=Decision.objects.for_organisation(organisation.pk).current().filter(network=network).first(),
    )
    latest = _call_optional(
        "verbond.assessments.selectors",
        "latest_results",
        organisation_id=organisation.pk,
        network_ids=[network.pk],
    )
    pack.assessment = (latest or {}).get(network.pk)
    # Pledges and results are shared by the network's participants; the network is already scoped to us.
    pack.pledges = _call_optional("verbond.commitments.selectors", "reciprocity", network=network)
    pack.results = _call_optional("verbond.outcomes.selectors", "indicators_of", network=network)
    return pack

"""Reads of results, signals and the library.

Indicators and measurements are shared with every participant of a network. The signals are computed for the
viewing organisation and never show another organisation's private figures: meeting effort is only a total
across organisations, with the number of organisations that report it.

Thresholds (Django settings; each has a default):

``VERBOND_RESIDENTS_FIRST_DAYS`` (60)
    Days after a committed yes within which the network must name an *is anyone better off* indicator.
``VERBOND_TALKING_SHOP_MIN_HOURS`` (100)
    Meeting effort (hours per month, summed over all participants that report it) from which effort without
    delivered pledges or without results counts as a talking-shop reason. 100 hours a month is about 0.6 FTE
    across the partners (say ten partners at ten hours each): effort at which a lack of delivery deserves a
    challenge. A low threshold flags nearly every network, and a signal that fires everywhere is ignored.
``VERBOND_TALKING_SHOP_LOW_RESULTS_SCORE`` (2.5)
    A "results" assessment score (1–5) at or below this is low.
``VERBOND_TALKING_SHOP_MIN_REPORTING`` (3)
    The effort total is shown only when at least this many organisations report hours (or only we do), so
    nobody can subtract their own hours from the total and learn a single partner's figure.
``VERBOND_OVERLAP_MIN_JACCARD`` (0.5)
    Minimum Jaccard similarity of participant sets for an overlap candidate: at least half of the two
    networks' partners together take part in both. In a region the same dozen organisations meet everywhere,
    so a lower threshold makes nearly every pair of networks a merge candidate.
``VERBOND_OVERLAP_MAX_CANDIDATES`` (3)
    How many overlap candidates a network shows.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from verbond.accounts.models import Role, User
from verbond.assessments.models import Round
from verbond.assessments.results import ANONYMITY_THRESHOLD, results_for_rounds
from verbond.assessments.selectors import latest_criterion_score, latest_results
from verbond.commitments.models import Pledge, PledgeKind
from verbond.decisions.models import Decision, DecisionKind
from verbond.decisions.selectors import conditional_yes_past_deadline
from verbond.networks.models import Challenge, Network, Participant, Participation
from verbond.networks.selectors import networks_visible_to
from verbond.organisations.models import OrganisationKind
from verbond.outcomes.models import ExampleConsent, GoodExample, Indicator, IndicatorKind, Measurement
from verbond.outcomes.overlap import rank_overlap
from verbond.outcomes.progress import is_moving_towards_target, progress_percentage

CRITERIA = {
    "urgency": gettext_lazy("Shared urgency"),
    "residents": gettext_lazy("Residents first"),
    "courage": gettext_lazy("Courage and commitment"),
    "professionals": gettext_lazy("Room for professionals"),
    "dependence": gettext_lazy("Mutual dependence"),
    "reciprocity": gettext_lazy("Binding reciprocity"),
    "mandate": gettext_lazy("Mandate"),
    "results": gettext_lazy("Results"),
}


def _setting(name: str, default: object) -> object:
    return getattr(settings, name, default)


# --- indicators -----------------------------------------------------------------------------------------------


@dataclass
class IndicatorSummary:
    indicator: Indicator
    measurements: list[Measurement]

    @property
    def values(self) -> list[Decimal]:
        return [m.value for m in self.measurements]

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None

    @property
    def progress(self) -> int | None:
        latest = self.latest
        return progress_percentage(
            baseline=self.indicator.baseline_value,
            target=self.indicator.target_value,
            value=latest.value if latest else None,
            direction=self.indicator.direction,
        )

    @property
    def moving_towards_target(self) -> bool:
        return is_moving_towards_target(
            baseline=self.indicator.baseline_value,
            target=self.indicator.target_value,
            direction=self.indicator.direction,
            values=self.values,
        )


def _summaries(indicators: QuerySet[Indicator]) -> list[IndicatorSummary]:
    current = Measurement.objects.current().order_by("date")
    indicators = indicators.select_related("owner").prefetch_related(
        Prefetch("measurements", queryset=current, to_attr="current_measurements")
    )
    return [IndicatorSummary(indicator=i, measurements=list(i.current_measurements)) for i in indicators]


def indicators_of(*, network: Network) -> list[IndicatorSummary]:
    """The network's indicators (the network is already scoped to the user), better off first. Two queries."""
    order = {IndicatorKind.BETTER_OFF: 0, IndicatorKind.HOW_WELL: 1, IndicatorKind.HOW_MUCH: 2}
    summaries = _summaries(Indicator.objects.filter(network=network))
    return sorted(summaries, key=lambda s: (order.get(s.indicator.kind, 9), s.indicator.name.casefold()))


def better_off_indicators(*, networks: list[Network]) -> dict[int, list[IndicatorSummary]]:
    """Per network (already scoped to the user), its "is anyone better off" indicators by name. Two queries."""
    indicators = Indicator.objects.filter(network__in=networks, kind=IndicatorKind.BETTER_OFF)
    by_network: dict[int, list[IndicatorSummary]] = {}
    for summary in sorted(_summaries(indicators), key=lambda s: s.indicator.name.casefold()):
        by_network.setdefault(summary.indicator.network_id, []).append(summary)
    return by_network


def indicators_visible_to(*, user: User) -> QuerySet[Indicator]:
    """Indicators of the networks the user may see (shared with every participant)."""
    return Indicator.objects.filter(network__in=networks_visible_to(user=user))


def indicator_get(*, user: User, indicator_id: int) -> Indicator:
    """One indicator of a network the user's organisation takes part in, or 404."""
    queryset = Indicator.objects.for_organisation(user.organisation_id).select_related("network", "owner")
    return get_object_or_404(queryset.distinct(), pk=indicator_id)


def indicator_summary(*, indicator: Indicator) -> IndicatorSummary:
    measurements = list(indicator.measurements.current().order_by("date"))
    return IndicatorSummary(indicator=indicator, measurements=measurements)


def measurement_history(*, indicator: Indicator) -> list[Measurement]:
    """Every version of every measurement, by date, newest version first."""
    return list(indicator.measurements.select_related("recorded_by").order_by("-date", "-version"))


def measurement_get(*, user: User, measurement_id: int) -> Measurement:
    visible = Indicator.objects.for_organisation(user.organisation_id).values("pk")
    queryset = Measurement.objects.filter(indicator__in=visible).select_related("indicator", "indicator__network")
    return get_object_or_404(queryset, pk=measurement_id)


# --- residents first --------------------------------------------------------------------------------------------


@dataclass
class ResidentsFirst:
    """A committed yes without an *is anyone better off* indicator."""

    network: Network
    decided_on: datetime.date
    due: datetime.date

    @property
    def overdue(self) -> bool:
        return timezone.localdate() > self.due


def residents_first_signals(*, organisation_id: int | None, networks: list[Network]) -> dict[int, ResidentsFirst]:
    """For our committed yeses: the networks that do not yet name a result for residents. Two queries."""
    ids = [n.pk for n in networks]
    committed = dict(
        Decision.objects.for_organisation(organisation_id)
        .current()
        .filter(kind=DecisionKind.COMMITTED_YES, network_id__in=ids)
        .values_list("network_id", "decided_on")
    )
    if not committed:
        return {}
    with_result = set(
        Indicator.objects.filter(network_id__in=committed, kind=IndicatorKind.BETTER_OFF).values_list(
            "network_id", flat=True
        )
    )
    days = datetime.timedelta(days=int(_setting("VERBOND_RESIDENTS_FIRST_DAYS", 60)))
    by_id = {n.pk: n for n in networks}
    return {
        network_id: ResidentsFirst(network=by_id[network_id], decided_on=decided_on, due=decided_on + days)
        for network_id, decided_on in committed.items()
        if network_id not in with_result
    }


# --- talking shop -----------------------------------------------------------------------------------------------


@dataclass
class Reason:
    key: str
    text: str


@dataclass
class TalkingShop:
    network: Network
    effort_hours: Decimal
    reporting: int
    effort_visible: bool
    reasons: list[Reason] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def score(self) -> int:
        return len(self.reasons)

    @property
    def keys(self) -> list[str]:
        return [r.key for r in self.reasons]


def _effort_text(shop: "TalkingShop") -> str:
    if shop.effort_visible:
        return ngettext(
            "%(hours)s hours per month of meeting effort (reported by %(count)s organisation)",
            "%(hours)s hours per month of meeting effort (reported by %(count)s organisations)",
            shop.reporting,
        ) % {"hours": _format_number(shop.effort_hours), "count": shop.reporting}
    return ngettext(
        "meeting effort above the threshold (reported by %(count)s organisation; the total is hidden because "
        "fewer than %(minimum)s report it)",
        "meeting effort above the threshold (reported by %(count)s organisations; the total is hidden because "
        "fewer than %(minimum)s report it)",
        shop.reporting,
    ) % {"count": shop.reporting, "minimum": _setting("VERBOND_TALKING_SHOP_MIN_REPORTING", 3)}


def _format_number(value: Decimal | float) -> str:
    value = Decimal(str(value))
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"
    return text


# A partly delivered pledge is delivery too: something real was put in, which is what a talking shop lacks.
DELIVERED_STATUSES = ["delivered", "partly_delivered"]


def _pledge_counts(network_ids: list[int]) -> dict[int, tuple[int, int]] | None:
    """(pledges, delivered) per network from the commitments ledger. One query."""
    rows = (
        Pledge.objects.filter(network_id__in=network_ids)
        .values("network_id")
        .annotate(total=Count("pk"), delivered=Count("pk", filter=Q(status__in=DELIVERED_STATUSES)))
        .order_by()
    )
    return {row["network_id"]: (row["total"], row["delivered"]) for row in rows}


def criterion_scores(*, networks: list[Network], key: str, organisation_id: int | None = None) -> dict[int, float]:
    """The latest score on one criterion per network, from the assessments app.

    With an organisation: its own latest rounds, in bulk (a fixed number of queries). Without: each network's
    latest round by anyone (an aggregate with the anonymity rule applied), one network at a time.
    """
    scores: dict[int, float] = {}
    if organisation_id:
        for network_id, result in latest_results(organisation_id=organisation_id, network_ids=[n.pk for n in networks]).items():
            criterion = result.criterion(key)
            if criterion is not None and criterion.headline is not None:
                scores[network_id] = float(criterion.headline)
        return scores
    for network in networks:
        score = latest_criterion_score(network=network, key=key)
        if score is not None:
            scores[network.pk] = float(score)
    return scores


def talking_shop_signals(*, organisation_id: int | None, networks: list[Network]) -> dict[int, TalkingShop]:
    """The talking-shop signal of each network, with its reasons and the numbers behind them.

    A fixed number of queries for any number of networks (when the assessments app offers bulk scores).
    """
    ids = [n.pk for n in networks]
    min_hours = Decimal(str(_setting("VERBOND_TALKING_SHOP_MIN_HOURS", 100)))
    low_score = float(_setting("VERBOND_TALKING_SHOP_LOW_RESULTS_SCORE", 2.5))
    min_reporting = int(_setting("VERBOND_TALKING_SHOP_MIN_REPORTING", 3))

    effort = {
        row["network_id"]: row
        for row in Participation.objects.filter(network_id__in=ids, hours_per_month__gt=0)
        .values("network_id")
        .annotate(hours=Sum("hours_per_month"), reporting=Count("pk"), ours=Count("pk", filter=Q(organisation_id=organisation_id)))
        .order_by()
    }
    pledges = _pledge_counts(ids)
    better_off: dict[int, list[IndicatorSummary]] = defaultdict(list)
    for summary in _summaries(Indicator.objects.filter(network_id__in=ids, kind=IndicatorKind.BETTER_OFF)):
        better_off[summary.indicator.network_id].append(summary)
    past_deadline = {
        d.network_id: d.deadline
        for d in conditional_yes_past_deadline(organisation_id=organisation_id).filter(network_id__in=ids)
    }
    results = criterion_scores(networks=networks, key="results", organisation_id=organisation_id)
    today = timezone.localdate()

    signals = {}
    for network in networks:
        row = effort.get(network.pk) or {"hours": Decimal(0), "reporting": 0, "ours": 0}
        reporting = row["reporting"]
        visible = reporting >= min_reporting or (reporting == 1 and row["ours"] == 1)
        shop = TalkingShop(network=network, effort_hours=row["hours"] or Decimal(0), reporting=reporting, effort_visible=visible)
        effortful = shop.effort_hours >= min_hours
        if pledges is None:
            shop.notes.append(_("No pledge data: the commitments ledger is not available."))
        elif effortful:
            total, delivered = pledges.get(network.pk, (0, 0))
            if delivered == 0:
                shop.reasons.append(
                    Reason(
                        "no_delivered_pledges",
                        _("%(effort)s, but no pledge delivered (%(total)s pledges recorded).")
                        % {"effort": _effort_text(shop), "total": total},
                    )
                )
        if effortful:
            indicators = better_off.get(network.pk, [])
            if not indicators:
                shop.reasons.append(
                    Reason(
                        "no_results_progress",
                        _("%(effort)s, but no “is anyone better off” indicator is defined.") % {"effort": _effort_text(shop)},
                    )
                )
            elif not any(s.moving_towards_target for s in indicators):
                shop.reasons.append(
                    Reason(
                        "no_results_progress",
                        ngettext(
                            "%(effort)s, but the %(count)s “is anyone better off” indicator is not moving towards "
                            "its target.",
                            "%(effort)s, but none of the %(count)s “is anyone better off” indicators is moving "
                            "towards its target.",
                            len(indicators),
                        )
                        % {"effort": _effort_text(shop), "count": len(indicators)},
                    )
                )
        if network.pk in past_deadline:
            deadline = past_deadline[network.pk]
            shop.reasons.append(
                Reason(
                    "conditional_yes_past_deadline",
                    _("Our conditional yes passed its deadline on %(date)s (%(days)s days ago) and is still not decided.")
                    % {"date": deadline.isoformat(), "days": (today - deadline).days},
                )
            )
        if network.pk in results and results[network.pk] <= low_score:
            shop.reasons.append(
                Reason(
                    "low_results_assessment",
                    _("The “results” criterion scores %(score)s out of 5 (at or below %(threshold)s).")
                    % {"score": f"{results[network.pk]:.1f}", "threshold": f"{low_score:.1f}"},
                )
            )
        signals[network.pk] = shop
    return signals


# --- overlap ----------------------------------------------------------------------------------------------------


@dataclass
class OverlapCandidate:
    network: Network
    jaccard: float
    shared_partners: list[str]
    shared_challenges: list[Challenge]

    @property
    def percentage(self) -> int:
        return round(self.jaccard * 100)


def overlap_candidates(*, user: User, network: Network) -> list[OverlapCandidate]:
    """Networks of our portfolio that share a challenge and most partners with this one. Four queries."""
    portfolio_ids = list(Network.objects.for_organisation(user.organisation_id).active().values_list("pk", flat=True))
    members: dict[int, set[int]] = defaultdict(set)
    names: dict[int, str] = {}
    for network_id, organisation_id, name in Participant.objects.filter(network_id__in=portfolio_ids).values_list(
        "network_id", "organisation_id", "organisation__name"
    ):
        members[network_id].add(organisation_id)
        names[organisation_id] = name
    challenges: dict[int, set[int]] = defaultdict(set)
    for network_id, challenge_id in Network.challenges.through.objects.filter(network_id__in=portfolio_ids).values_list(
        "network_id", "challenge_id"
    ):
        challenges[network_id].add(challenge_id)
    ranked = rank_overlap(
        network_id=network.pk,
        members=members,
        challenges=challenges,
        min_jaccard=float(_setting("VERBOND_OVERLAP_MIN_JACCARD", 0.5)),
        limit=int(_setting("VERBOND_OVERLAP_MAX_CANDIDATES", 3)),
    )
    if not ranked:
        return []
    others = Network.objects.in_bulk([o.network_id for o in ranked])
    challenge_objects = Challenge.objects.in_bulk(set().union(*(o.shared_challenges for o in ranked)))
    return [
        OverlapCandidate(
            network=others[o.network_id],
            jaccard=o.jaccard,
            shared_partners=sorted(names[m] for m in o.shared_members if m != user.organisation_id),
            shared_challenges=sorted((challenge_objects[c] for c in o.shared_challenges), key=lambda c: c.position),
        )
        for o in ranked
    ]


# --- library of good examples -------------------------------------------------------------------------------------


def _can_consent() -> QuerySet[User]:
    """Accounts that can give an organisation's consent. An organisation "has accounts" here when it has an
    active executive: one with only members could never consent, and would block every example it is part of."""
    return User.objects.filter(is_active=True, role=Role.EXECUTIVE)


def _missing_consent() -> QuerySet[Participant]:
    """Participants (of the outer network) that have accounts here and have not consented."""
    with_accounts = _can_consent().filter(organisation_id=OuterRef("organisation_id"))
    consented = ExampleConsent.objects.filter(network_id=OuterRef("network_id"), organisation_id=OuterRef("organisation_id"))
    return Participant.objects.filter(network_id=OuterRef("network_id")).filter(Exists(with_accounts)).exclude(Exists(consented))


def _shared_queryset() -> QuerySet[GoodExample]:
    """Examples of which every participating organisation with accounts consented (to some version of the text)."""
    return (
        GoodExample.objects.filter(network__archived_at__isnull=True)
        .filter(Exists(ExampleConsent.objects.filter(network_id=OuterRef("network_id"))))
        .exclude(Exists(_missing_consent()))
    )


def _on_current_texts(examples: list[GoodExample]) -> list[GoodExample]:
    """Keep the examples whose every current participant's consent was given on the texts as they read now. One query.

    The lesson and contact clear consents when they change; the network's name and purpose are changed in
    the register, so a consent given on an older name or purpose simply no longer counts.
    """
    digests: dict[int, set[str]] = defaultdict(set)
    # Only the consents of today's participants count: an organisation that left no longer has a say.
    current = ExampleConsent.objects.filter(
        network_id__in=[e.network_id for e in examples],
        organisation_id__in=Participant.objects.filter(network_id=OuterRef("network_id")).values("organisation_id"),
    )
    for network_id, digest in current.values_list("network_id", "text_digest"):
        digests[network_id].add(digest)
    return [e for e in examples if digests[e.network_id] == {e.shared_text_digest()}]


def shared_examples() -> list[GoodExample]:
    """Examples of which every participating organisation with accounts consented to share the current texts."""
    return _on_current_texts(list(_shared_queryset().select_related("network")))


@dataclass
class ExampleCard:
    example: GoodExample
    challenges: list[Challenge]
    partner_kinds: list[tuple[str, int]]
    results: list[IndicatorSummary]
    pledge_pattern: list[tuple[str, int]] | None

    @property
    def network(self) -> Network:
        return self.example.network

    @property
    def results_score(self) -> int | None:
        """Mean progress of the *better off* indicators (or, without them, of all) that have a measurement."""
        better = [s.progress for s in self.results if s.indicator.kind == IndicatorKind.BETTER_OFF and s.progress is not None]
        values = better or [s.progress for s in self.results if s.progress is not None]
        return round(sum(values) / len(values)) if values else None


def _pledge_pattern(network_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """How many pledges of each kind a network has (counts only, never amounts). One query."""
    labels = dict(PledgeKind.choices)
    rows = Pledge.objects.filter(network_id__in=network_ids).values("network_id", "kind").annotate(n=Count("pk")).order_by()
    pattern: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for row in rows:
        pattern[row["network_id"]].append((str(labels.get(row["kind"], row["kind"])), row["n"]))
    return pattern


def library(*, challenge: Challenge | None = None, query: str = "") -> list[ExampleCard]:
    """Shared good examples, best results first; searchable by challenge and text. A fixed number of queries."""
    examples = _shared_queryset().select_related("network")
    if challenge is not None:
        examples = examples.filter(network__challenges=challenge)
    for word in query.split():
        examples = examples.filter(
            Q(network__name__icontains=word)
            | Q(network__purpose__icontains=word)
            | Q(lesson__icontains=word)
            | Q(network__challenges__name__icontains=word)
            | Q(network__indicators__name__icontains=word)
        )
    examples = _on_current_texts(
        list(
            examples.distinct().prefetch_related(
                Prefetch("network__challenges", queryset=Challenge.objects.order_by("position", "name"))
            )
        )
    )
    ids = [e.network_id for e in examples]
    return _cards(examples, ids)


def _cards(examples: list[GoodExample], ids: list[int]) -> list[ExampleCard]:
    kinds: dict[int, Counter] = defaultdict(Counter)
    for network_id, kind in Participant.objects.filter(network_id__in=ids).values_list("network_id", "organisation__kind"):
        kinds[network_id][kind] += 1
    results: dict[int, list[IndicatorSummary]] = defaultdict(list)
    for summary in _summaries(Indicator.objects.filter(network_id__in=ids)):
        results[summary.indicator.network_id].append(summary)
    pledges = _pledge_pattern(ids)
    labels = dict(OrganisationKind.choices)
    cards = [
        ExampleCard(
            example=example,
            challenges=list(example.network.challenges.all()),
            partner_kinds=[(str(labels.get(k, k)), n) for k, n in kinds[example.network_id].most_common()],
            results=results[example.network_id],
            pledge_pattern=None if pledges is None else pledges.get(example.network_id, []),
        )
        for example in examples
    ]
    cards.sort(key=lambda c: (c.results_score is None, -(c.results_score or 0), c.network.name.casefold()))
    return cards


def example_get(*, network_id: int) -> ExampleCard:
    """One shared example, or 404 when it is not (or no longer) shared."""
    example = get_object_or_404(_shared_queryset().select_related("network"), network_id=network_id)
    if not _on_current_texts([example]):
        raise Http404
    return _cards([example], [example.network_id])[0]


def criteria_profile(*, network: Network) -> list[tuple[str, float]]:
    """The criteria profile for the library: aggregates only, never one person's score; [] without a closed round.

    The library is open to every user of the installation, so it takes only the network's latest *closed*
    round (an open round changes with each answer, and comparing two visits would reveal it) and per
    criterion only the mean of everyone who scored it, when at least the anonymity threshold of respondents
    did. The assessments app's own headline falls back to the round owner's colleagues' mean — possibly one
    colleague's score — which is fine for that organisation, but not here.
    """
    rounds = Round.objects.filter(network=network).order_by("-opened_at", "-pk")[:20]
    closed = next((r for r in rounds if not r.is_open), None)
    if closed is None:
        return []
    result = results_for_rounds([closed])[closed.pk]
    threshold = max(3, ANONYMITY_THRESHOLD)
    profile = []
    for key, label in CRITERIA.items():
        criterion = result.criterion(key)
        everyone = getattr(criterion, "everyone", None)
        if everyone is None or everyone.mean is None or everyone.n < threshold:
            continue
        profile.append((str(label), float(everyone.mean)))
    return profile


@dataclass
class ConsentStatus:
    example: GoodExample | None
    consented: list[str]
    missing: list[str]
    ours: bool
    we_need_to_consent: bool
    # Organisations that consented to an earlier version of the texts and must consent again.
    outdated: list[str] = field(default_factory=list)

    @property
    def shared(self) -> bool:
        return self.example is not None and bool(self.consented) and not self.missing


def consent_status(*, user: User, network: Network) -> ConsentStatus:
    """Who consented to share this network as a good example, and who still has to (organisations with accounts)."""
    example = GoodExample.objects.select_related("network").filter(network=network).first()
    # A consent given on texts that have changed since is no consent to what the library would show now.
    digest = example.shared_text_digest() if example is not None else None
    given = dict(ExampleConsent.objects.filter(network=network).values_list("organisation_id", "text_digest"))
    consents = {pk for pk, text_digest in given.items() if text_digest == digest}
    with_accounts = _can_consent().filter(organisation_id=OuterRef("organisation_id"))
    participants = list(
        Participant.objects.filter(network=network)
        .filter(Exists(with_accounts))
        .values_list("organisation_id", "organisation__name")
        .order_by("organisation__name")
    )
    return ConsentStatus(
        example=example,
        consented=[name for pk, name in participants if pk in consents],
        missing=[name for pk, name in participants if pk not in consents],
        ours=user.organisation_id in consents,
        we_need_to_consent=user.organisation_id not in consents,
        outdated=[name for pk, name in participants if pk in given and pk not in consents],
    )

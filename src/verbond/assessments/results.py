"""The one place where assessment results are computed, with the anonymity rule applied.

Every page, panel, export or API reads results through `results_for_rounds` (or the selectors built on it), so
none can bypass the rule:

- A partner group (everyone outside the organisation that opened the round) is shown separately only when at
  least ANONYMITY_THRESHOLD partners gave a score on that criterion.
- When one or two partners scored a criterion, the figures for "everyone" are hidden as well: otherwise
  "everyone" minus "ours" would reveal the partners' answers.
- Hidden figures are never computed into the result objects, so a template cannot show them by mistake.
- Partner comments are shown only when at least ANONYMITY_THRESHOLD partners answered the round; comments are
  never linked to a name and are listed in alphabetical order, not in the order respondents answered.
- A partner rating of an organisation is shown only with at least ANONYMITY_THRESHOLD raters.
- While a round is open, partners' figures, comments and ratings are not shown at all (only how many
  answered): otherwise comparing the results before and after one more partner answered would reveal that
  partner's scores. They appear when the round closes.

Only answers of respondents who submitted their sheet count. The round's score is the weighted mean of the
criterion means (weights of the round's criteria); "don't know" answers are left out.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from verbond.assessments import scoring
from verbond.assessments.models import Answer, PartnerRating, Respondent, Round, RoundCriterion

ANONYMITY_THRESHOLD = 3
URGENCY_KEY = "urgency"
URGENCY_HIGH = 4.0
AGREEMENT_HIGH = 0.7


@dataclass(frozen=True)
class GroupStats:
    """Figures of one group of respondents on one criterion."""

    n: int
    dont_know: int
    mean: float | None
    spread: float | None
    agreement: float | None

    @classmethod
    def of(cls, scores: Sequence[int], dont_know: int) -> "GroupStats":
        return cls(
            n=len(scores),
            dont_know=dont_know,
            mean=scoring.mean(scores),
            spread=scoring.spread(scores),
            agreement=scoring.agreement(scores),
        )


@dataclass
class CriterionResult:
    criterion: RoundCriterion
    ours: GroupStats
    # None when one or two partners answered: hidden for anonymity (and "everyone" with it).
    partners: GroupStats | None
    everyone: GroupStats | None
    partners_hidden: bool
    comments: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.criterion.key

    @property
    def headline(self) -> float | None:
        """The figure to show when there is room for one: everyone's mean, or ours when that is hidden."""
        return self.everyone.mean if self.everyone is not None else self.ours.mean

    @property
    def shared_urgency(self) -> bool:
        """High urgency that partners share: a high mean, high agreement, and enough partners to know."""
        return bool(
            self.key == URGENCY_KEY
            and self.partners is not None
            and self.partners.n >= ANONYMITY_THRESHOLD
            and self.everyone is not None
            and self.everyone.mean is not None
            and self.everyone.agreement is not None
            and self.everyone.mean >= URGENCY_HIGH
            and self.everyone.agreement >= AGREEMENT_HIGH
        )


@dataclass(frozen=True)
class RatingResult:
    """How the respondents rated one participating organisation. Means are None below the threshold."""

    organisation_id: int
    organisation_name: str
    raters: int
    reliability: float | None
    contribution: float | None

    @property
    def shown(self) -> bool:
        return self.raters >= ANONYMITY_THRESHOLD


@dataclass
class RoundResults:
    round: Round
    criteria: list[CriterionResult]
    invited: int
    answered: int
    partners_answered: int
    ratings: list[RatingResult] = field(default_factory=list)
    # Whether the round was open when these results were computed (the round object may change afterwards).
    open: bool = False

    @property
    def partners_pending(self) -> bool:
        """Partners answered, but their figures wait until the round closes."""
        return self.open and self.partners_answered > 0

    @property
    def partner_comments_shown(self) -> bool:
        return not self.open and self.partners_answered >= ANONYMITY_THRESHOLD

    def _weighted(self, group: str) -> float | None:
        pairs = []
        for result in self.criteria:
            stats = getattr(result, group)
            pairs.append((stats.mean if stats is not None else None, float(result.criterion.weight)))
        return scoring.weighted_mean(pairs)

    @property
    def score_ours(self) -> float | None:
        return self._weighted("ours")

    @property
    def score_partners(self) -> float | None:
        return self._weighted("partners")

    @property
    def score_everyone(self) -> float | None:
        return self._weighted("everyone")

    @property
    def score(self) -> float | None:
        """The round's headline: the weighted mean of everyone's answers, or of ours where partners are hidden."""
        return scoring.weighted_mean([(result.headline, float(result.criterion.weight)) for result in self.criteria])

    @property
    def shared_urgency(self) -> bool:
        return any(result.shared_urgency for result in self.criteria)

    @property
    def any_partners_hidden(self) -> bool:
        return any(result.partners_hidden for result in self.criteria)

    def criterion(self, key: str) -> CriterionResult | None:
        return next((result for result in self.criteria if result.key == key), None)


def _criterion_result(
    criterion: RoundCriterion,
    answers: Iterable[tuple[bool, int | None, str]],
    *,
    partner_comments_shown: bool,
    round_open: bool,
) -> CriterionResult:
    ours: list[int] = []
    partners: list[int] = []
    ours_unknown = partners_unknown = 0
    comments = []
    for is_ours, score, comment in answers:
        if score is None:
            if is_ours:
                ours_unknown += 1
            else:
                partners_unknown += 1
        elif is_ours:
            ours.append(score)
        else:
            partners.append(score)
        if comment.strip() and (is_ours or partner_comments_shown):
            comments.append(comment.strip())
    hidden = 0 < len(partners) < ANONYMITY_THRESHOLD or (round_open and len(partners) > 0)
    return CriterionResult(
        criterion=criterion,
        ours=GroupStats.of(ours, ours_unknown),
        partners=None if hidden else GroupStats.of(partners, partners_unknown),
        everyone=None if hidden else GroupStats.of(ours + partners, ours_unknown + partners_unknown),
        partners_hidden=hidden,
        comments=sorted(comments, key=str.casefold),
    )


def _ratings(round_ids: list[int]) -> dict[int, list[RatingResult]]:
    rows = (
        PartnerRating.objects.filter(respondent__round_id__in=round_ids, respondent__submitted_at__isnull=False)
        .values_list("respondent__round_id", "organisation_id", "organisation__name", "reliability", "contribution")
        .order_by("organisation__name", "organisation_id")
    )
    return _aggregate_ratings(rows)


def _aggregate_ratings(rows: Iterable[tuple]) -> dict[object, list[RatingResult]]:
    grouped: dict[object, dict[int, dict]] = defaultdict(dict)
    for group_key, organisation_id, name, reliability, contribution in rows:
        entry = grouped[group_key].setdefault(
            organisation_id, {"name": name, "raters": 0, "reliability": [], "contribution": []}
        )
        if reliability is None and contribution is None:
            continue
        entry["raters"] += 1
        if reliability is not None:
            entry["reliability"].append(reliability)
        if contribution is not None:
            entry["contribution"].append(contribution)
    result: dict[object, list[RatingResult]] = {}
    for group_key, organisations in grouped.items():
        result[group_key] = []
        for organisation_id, entry in organisations.items():
            shown = entry["raters"] >= ANONYMITY_THRESHOLD
            reliability = entry["reliability"] if len(entry["reliability"]) >= ANONYMITY_THRESHOLD else []
            contribution = entry["contribution"] if len(entry["contribution"]) >= ANONYMITY_THRESHOLD else []
            result[group_key].append(
                RatingResult(
                    organisation_id=organisation_id,
                    organisation_name=entry["name"],
                    raters=entry["raters"],
                    reliability=scoring.mean(reliability) if shown else None,
                    contribution=scoring.mean(contribution) if shown else None,
                )
            )
    return result


def results_for_rounds(rounds: Sequence[Round], *, with_ratings: bool = False) -> dict[int, RoundResults]:
    """Results of several rounds in a fixed number of queries (three, four with ratings)."""
    rounds = list(rounds)
    if not rounds:
        return {}
    ids = [r.pk for r in rounds]
    by_round = {r.pk: r for r in rounds}
    criteria: dict[int, list[RoundCriterion]] = defaultdict(list)
    for criterion in RoundCriterion.objects.filter(round_id__in=ids).order_by("round_id", "position", "pk"):
        criteria[criterion.round_id].append(criterion)
    counts = {
        row["round_id"]: row
        for row in Respondent.objects.filter(round_id__in=ids)
        .order_by()
        .values("round_id")
        .annotate(
            invited=Count("pk"),
            answered=Count("pk", filter=Q(submitted_at__isnull=False)),
            partners_answered=Count(
                "pk", filter=Q(submitted_at__isnull=False) & ~Q(organisation_id=F("round__organisation_id"))
            ),
        )
    }
    answers: dict[int, list[tuple[bool, int | None, str]]] = defaultdict(list)
    rows = Answer.objects.filter(criterion__round_id__in=ids, respondent__submitted_at__isnull=False).values_list(
        "criterion_id", "criterion__round_id", "respondent__organisation_id", "score", "comment"
    )
    for criterion_id, round_id, organisation_id, score, comment in rows:
        answers[criterion_id].append((organisation_id == by_round[round_id].organisation_id, score, comment))
    ratings = _ratings(ids) if with_ratings else {}
    results = {}
    for round_ in rounds:
        count = counts.get(round_.pk, {})
        partners_answered = count.get("partners_answered", 0)
        round_open = round_.is_open
        comments_shown = not round_open and partners_answered >= ANONYMITY_THRESHOLD
        results[round_.pk] = RoundResults(
            round=round_,
            criteria=[
                _criterion_result(
                    c, answers[c.pk], partner_comments_shown=comments_shown, round_open=round_open
                )
                for c in criteria[round_.pk]
            ],
            invited=count.get("invited", 0),
            answered=count.get("answered", 0),
            partners_answered=partners_answered,
            ratings=[] if round_open else ratings.get(round_.pk, []),
            open=round_open,
        )
    return results


def round_results(*, round: Round) -> RoundResults:  # noqa: A002 - the domain's word
    """Results of one round, with partner ratings."""
    return results_for_rounds([round], with_ratings=True)[round.pk]


@dataclass(frozen=True)
class TrendRow:
    key: str
    name: str
    previous: float | None
    current: float | None

    @property
    def change(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


def trend(*, previous: RoundResults, current: RoundResults) -> list[TrendRow]:
    """Change per criterion (matched by key) between two rounds of a network, on everyone's visible mean."""
    earlier = {result.key: result for result in previous.criteria}
    rows = []
    for result in current.criteria:
        before = earlier.get(result.key)
        rows.append(
            TrendRow(
                key=result.key,
                name=result.criterion.name,
                previous=before.everyone.mean if before is not None and before.everyone is not None else None,
                current=result.everyone.mean if result.everyone is not None else None,
            )
        )
    return rows


@dataclass(frozen=True)
class PartnerTie:
    """An organisation's partners as rated in its rounds: a weighted tie for the partner map."""

    organisation_id: int
    organisation_name: str
    raters: int
    reliability: float | None
    contribution: float | None

    @property
    def weight(self) -> float | None:
        return scoring.mean([v for v in (self.reliability, self.contribution) if v is not None])


def partner_ties(*, organisation_id: int, network_id: int | None = None) -> list[PartnerTie]:
    """Ratings of participating organisations across the organisation's rounds, only with enough raters."""
    closed = Q(respondent__round__closed_at__isnull=False) | Q(respondent__round__closes_on__lt=timezone.localdate())
    rows = PartnerRating.objects.filter(
        closed, respondent__round__organisation_id=organisation_id, respondent__submitted_at__isnull=False
    )
    if network_id is not None:
        rows = rows.filter(respondent__round__network_id=network_id)
    values = list(
        rows.values_list(
            "respondent__round_id", "organisation_id", "organisation__name", "reliability", "contribution"
        ).order_by("organisation__name", "organisation_id")
    )
    # Combine only what each round shows by itself: a round's hidden ratings added to the total would be
    # revealed by subtracting that round's shown figures from it.
    per_round = _aggregate_ratings(values)
    shown_reliability = {(r, x.organisation_id) for r, xs in per_round.items() for x in xs if x.reliability is not None}
    shown_contribution = {(r, x.organisation_id) for r, xs in per_round.items() for x in xs if x.contribution is not None}
    combined = (
        (
            None,
            organisation_id,
            name,
            reliability if (round_id, organisation_id) in shown_reliability else None,
            contribution if (round_id, organisation_id) in shown_contribution else None,
        )
        for round_id, organisation_id, name, reliability, contribution in values
    )
    aggregated = _aggregate_ratings(combined).get(None, [])
    return [
        PartnerTie(
            organisation_id=r.organisation_id,
            organisation_name=r.organisation_name,
            raters=r.raters,
            reliability=r.reliability,
            contribution=r.contribution,
        )
        for r in aggregated
        if r.shown
    ]

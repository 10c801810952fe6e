"""Reads of assessments, scoped to the user's organisation; results always come from `results.py`."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from verbond.accounts.models import User
from verbond.assessments.models import Answer, Criterion, PartnerRating, Respondent, Round
from verbond.assessments.results import (
    ANONYMITY_THRESHOLD,
    PartnerTie,
    RoundResults,
    TrendRow,
    partner_ties,
    results_for_rounds,
    round_results,
    trend,
)
from verbond.networks.models import Network, Participant
from verbond.organisations.models import Organisation


def criteria_of(*, organisation: Organisation) -> QuerySet[Criterion]:
    return Criterion.objects.filter(organisation=organisation)


def criterion_get(*, user: User, criterion_id: int) -> Criterion:
    return get_object_or_404(Criterion, pk=criterion_id, organisation_id=user.organisation_id)


def rounds_visible_to(*, user: User) -> QuerySet[Round]:
    """Rounds opened by the user's organisation, in networks it still takes part in."""
    return (
        Round.objects.for_organisation(user.organisation_id)
        .filter(network__in=Network.objects.for_organisation(user.organisation_id).active())
        .select_related("network")
    )


def round_get(*, user: User, round_id: int) -> Round:
    """One round of the user's organisation, or 404 (never 403: another organisation's round stays unknown)."""
    return get_object_or_404(rounds_visible_to(user=user).select_related("organisation"), pk=round_id)


@dataclass
class RoundRow:
    round: Round
    results: RoundResults


def rounds_overview(*, user: User, network: Network | None = None) -> list[RoundRow]:
    """The organisation's rounds with their response and score, in a fixed number of queries."""
    rounds = rounds_visible_to(user=user)
    if network is not None:
        rounds = rounds.filter(network=network)
    rounds = list(rounds)
    results = results_for_rounds(rounds)
    return [RoundRow(round=r, results=results[r.pk]) for r in rounds]


def round_respondents(*, round: Round) -> list[Respondent]:  # noqa: A002
    """Who was asked and whether they answered: never what they answered."""
    return list(round.respondents.select_related("organisation").order_by("organisation__name", "name", "pk"))


def colleague_respondent(*, user: User, round: Round) -> Respondent | None:  # noqa: A002
    return Respondent.objects.filter(round=round, user=user).select_related("round__network").first()


def partner_organisations(*, network_id: int, organisation_id: int) -> QuerySet[Organisation]:
    """The other participants of a network: where partner contacts may come from."""
    others = Participant.objects.filter(network_id=network_id).exclude(organisation_id=organisation_id)
    return Organisation.objects.filter(pk__in=others.values("organisation_id")).order_by("name")


def colleagues_of(*, user: User) -> QuerySet[User]:
    """Active accounts of the user's organisation, to invite by account."""
    return User.objects.filter(organisation_id=user.organisation_id, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def answer_sheet_of(*, respondent: Respondent) -> tuple[list[Answer], list[PartnerRating]]:
    """A respondent's own answers and ratings, to fill in their sheet again."""
    return list(Answer.objects.filter(respondent=respondent)), list(PartnerRating.objects.filter(respondent=respondent))


def rateable_organisations(*, respondent: Respondent) -> list[Organisation]:
    """The other participating organisations a respondent may rate."""
    return [
        p.organisation
        for p in Participant.objects.filter(network_id=respondent.round.network_id)
        .exclude(organisation_id=respondent.organisation_id)
        .select_related("organisation")
        .order_by("organisation__name")
    ]


def round_report(*, round: Round) -> tuple[RoundResults, list[TrendRow]]:  # noqa: A002
    """Results of a round and, when the network was assessed before, the change since the previous round."""
    current = round_results(round=round)
    previous = (
        Round.objects.filter(network_id=round.network_id, organisation_id=round.organisation_id, opened_at__lt=round.opened_at)
        .order_by("-opened_at", "-pk")
        .first()
    )
    if previous is None:
        return current, []
    return current, trend(previous=results_for_rounds([previous])[previous.pk], current=current)


def pick_latest(rounds: Iterable[Round]) -> Round | None:
    """The latest closed round, or else the latest round (rounds come newest first)."""
    rounds = list(rounds)
    return next((r for r in rounds if not r.is_open), rounds[0] if rounds else None)


def latest_rounds(*, organisation_id: int, network_ids: Iterable[int] | None = None) -> dict[int, Round]:
    """Per network the round that stands for its assessment: the latest closed one, or the latest one."""
    rounds = Round.objects.filter(organisation_id=organisation_id).order_by("network_id", "-opened_at", "-pk")
    if network_ids is not None:
        rounds = rounds.filter(network_id__in=list(network_ids))
    by_network: dict[int, list[Round]] = {}
    for round_ in rounds:
        by_network.setdefault(round_.network_id, []).append(round_)
    return {network_id: pick_latest(items) for network_id, items in by_network.items()}


def latest_results(*, organisation_id: int, network_ids: Iterable[int] | None = None) -> dict[int, RoundResults]:
    """Results of each network's latest round (see `latest_rounds`), keyed by network id. Four queries."""
    latest = latest_rounds(organisation_id=organisation_id, network_ids=network_ids)
    results = results_for_rounds(list(latest.values()))
    return {network_id: results[round_.pk] for network_id, round_ in latest.items()}


def latest_score_by_network(*, organisation: Organisation) -> dict[int, float]:
    """Network id → the weighted mean score (1–5) of the organisation's latest closed round, or latest round."""
    return {
        network_id: result.score
        for network_id, result in latest_results(organisation_id=organisation.pk).items()
        if result.score is not None
    }


def latest_criterion_score(*, network: Network, key: str, organisation: Organisation | None = None) -> float | None:
    """The latest (closed, else newest) round's mean on one criterion, with the anonymity rule applied.

    With an organisation: that organisation's rounds; without: the network's latest round by anyone (an
    aggregate, which the participants of a network share).
    """
    rounds = Round.objects.filter(network=network).order_by("-opened_at", "-pk")
    if organisation is not None:
        rounds = rounds.filter(organisation=organisation)
    round_ = pick_latest(rounds[:20])
    if round_ is None:
        return None
    result = results_for_rounds([round_])[round_.pk].criterion(key)
    if result is None:
        return None
    if organisation is None:
        # Seen by every participant: only a mean of enough people, never one colleague's score.
        everyone = result.everyone
        return everyone.mean if everyone is not None and everyone.n >= ANONYMITY_THRESHOLD else None
    return result.headline


def partner_ratings_for(*, organisation: Organisation, network: Network | None = None) -> list[PartnerTie]:
    """How respondents in the organisation's rounds rated participating organisations (≥ 3 raters only).

    For the partner map: each entry is a weighted tie from `organisation` to a rated organisation.
    """
    return partner_ties(organisation_id=organisation.pk, network_id=network.pk if network is not None else None)


@dataclass
class HeatMap:
    keys: list[tuple[str, str]]  # (key, name)
    rows: list[tuple[Network, RoundResults, list[float | None]]]


def heat_map(*, organisation: Organisation, networks: list[Network]) -> HeatMap:
    """Networks × criteria of the latest rounds: where the weak spots are. Fixed number of queries."""
    latest = latest_results(organisation_id=organisation.pk, network_ids=[n.pk for n in networks])
    keys: dict[str, str] = {}
    for criterion in criteria_of(organisation=organisation).order_by("position", "pk"):
        keys[criterion.key] = criterion.name
    for result in latest.values():
        for item in result.criteria:
            keys.setdefault(item.key, item.criterion.name)
    rows = []
    for network in networks:
        result = latest.get(network.pk)
        if result is None or result.answered == 0:
            continue
        values = {item.key: item.headline for item in result.criteria}
        rows.append((network, result, [values.get(key) for key in keys]))
    return HeatMap(keys=list(keys.items()), rows=rows)

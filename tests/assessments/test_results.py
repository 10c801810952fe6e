"""Results: the one service that computes them, with the anonymity rule applied there."""

import datetime

import pytest
from django.utils import timezone

from tests.assessments.factories import RespondentFactory, RoundFactory, answer
from tests.factories import NetworkFactory, OrganisationFactory
from verbond.assessments.models import PartnerRating
from verbond.assessments.results import round_results, trend
from verbond.assessments.selectors import (
    latest_criterion_score,
    latest_score_by_network,
    partner_ratings_for,
)
from verbond.assessments.services import round_close


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Zorg Partner")


@pytest.fixture
def round_(organisation, partner):
    network = NetworkFactory(lead=organisation, participants=[partner])
    return RoundFactory(network=network, closed=True, criteria=[("urgency", 2), ("results", 1)])


def _respondents(round_, organisation, count):
    return [RespondentFactory(round=round_, organisation=organisation) for _ in range(count)]


def test_scores_per_group_and_weighted_mean_on_a_worked_example(round_, organisation, partner):
    ours = _respondents(round_, organisation, 2)
    theirs = _respondents(round_, partner, 3)
    for respondent, urgency, results in zip(ours + theirs, [5, 4, 3, 3, 4], [2, 2, 4, 4, None], strict=True):
        answer(respondent, urgency=urgency, results=results)

    result = round_results(round=round_)

    urgency, results = result.criterion("urgency"), result.criterion("results")
    # urgency: ours 5, 4 → 4.5; partners 3, 3, 4 → 3.333; everyone 19/5 = 3.8, s² = 0.7, r_wg = 1 - 0.7/2 = 0.65
    assert (urgency.ours.mean, urgency.partners.mean, urgency.everyone.mean) == pytest.approx((4.5, 10 / 3, 3.8))
    assert urgency.everyone.spread == pytest.approx(0.7**0.5)
    assert urgency.everyone.agreement == pytest.approx(0.65)
    assert urgency.everyone.n == 5
    # results: one partner said "don't know": partners 4, 4 → only two scores, so hidden (with everyone)
    assert results.partners is None and results.everyone is None and results.partners_hidden
    assert results.ours.mean == 2.0
    # weighted headline: urgency (everyone) 3.8 × 2 + results (ours only, partners hidden) 2.0 × 1 → 9.6 / 3
    assert result.score == pytest.approx(3.2)
    # ours: (4.5 × 2 + 2 × 1) / 3
    assert result.score_ours == pytest.approx(11 / 3)
    assert (result.invited, result.answered, result.partners_answered) == (5, 5, 3)


def test_a_partner_group_of_two_is_never_revealed_not_even_by_subtraction(round_, organisation, partner):
    for respondent, score in zip(_respondents(round_, organisation, 3), [4, 4, 4], strict=True):
        answer(respondent, urgency=score, results=score)
    for respondent, score in zip(_respondents(round_, partner, 2), [1, 2], strict=True):
        answer(respondent, urgency=(score, "Geheim oordeel"), results=score)

    result = round_results(round=round_)

    for item in result.criteria:
        assert item.partners is None
        assert item.everyone is None  # "everyone" minus "ours" would give the partners' answers away
        assert item.ours.mean == 4.0
        assert "Geheim oordeel" not in item.comments
    assert result.score_partners is None
    assert result.score_everyone is None
    assert result.score == 4.0  # the headline falls back to ours, so it carries no partner answer
    assert not result.partner_comments_shown


def test_three_partners_are_shown_with_their_comments_without_names(round_, organisation, partner):
    for respondent, score in zip(_respondents(round_, partner, 3), [1, 2, 3], strict=True):
        answer(respondent, urgency=(score, f"Opmerking {4 - score}"), results=score)

    result = round_results(round=round_)

    urgency = result.criterion("urgency")
    assert urgency.partners.mean == 2.0
    assert urgency.everyone.mean == 2.0
    assert urgency.ours.n == 0
    assert urgency.comments == ["Opmerking 1", "Opmerking 2", "Opmerking 3"]  # alphabetical, not in answer order


def test_partners_figures_wait_until_the_round_closes(organisation, partner, coordinator):
    network = NetworkFactory(lead=organisation, participants=[partner])
    round_ = RoundFactory(network=network, partner_ratings=True, criteria=[("urgency", 1)])
    answer(RespondentFactory(round=round_, organisation=organisation), urgency=5)
    for score in (1, 2, 3):
        respondent = RespondentFactory(round=round_, organisation=partner)
        answer(respondent, urgency=(score, "Partneroordeel"))
        PartnerRating.objects.create(respondent=respondent, organisation=organisation, reliability=2, contribution=2)

    while_open = round_results(round=round_)
    ties_while_open = partner_ratings_for(organisation=organisation)
    round_close(user=coordinator, round=round_)
    after = round_results(round=round_)

    # Comparing results before and after one more partner answered would give that partner's score away.
    assert while_open.partners_pending
    assert while_open.criteria[0].partners is None and while_open.criteria[0].everyone is None
    assert while_open.criteria[0].comments == []
    assert while_open.ratings == []
    assert ties_while_open == []
    assert after.criteria[0].partners.mean == 2.0
    assert after.criteria[0].comments == ["Partneroordeel"] * 3
    assert [r.reliability for r in after.ratings] == [2.0]
    assert [t.reliability for t in partner_ratings_for(organisation=organisation)] == [2.0]


def test_without_partners_everyone_equals_ours(round_, organisation):
    for respondent in _respondents(round_, organisation, 2):
        answer(respondent, urgency=3, results=(4, "Goed bezig"))

    result = round_results(round=round_)

    assert result.criterion("results").everyone.mean == 4.0
    assert result.criterion("results").comments == ["Goed bezig", "Goed bezig"]


def test_answers_of_respondents_who_did_not_send_them_do_not_count(round_, organisation):
    sent = RespondentFactory(round=round_, organisation=organisation)
    draft = RespondentFactory(round=round_, organisation=organisation, submitted_at=None)
    answer(sent, urgency=5)
    answer(draft, urgency=1)

    result = round_results(round=round_)

    assert result.criterion("urgency").ours.mean == 5.0
    assert (result.invited, result.answered) == (2, 1)


@pytest.mark.parametrize(
    ("ours", "partners", "flagged"),
    [
        ([5, 4], [4, 5, 4], True),  # high and agreed
        ([5, 5], [1, 5, 5], False),  # high mean (4.2) but one partner far off: r_wg = 1 - 2.7/2 < 0.7
        ([3, 3], [3, 3, 3], False),  # agreed, but not urgent
        ([5, 5, 5], [5, 5], False),  # only two partners: nobody can tell whether it is shared
    ],
)
def test_shared_urgency_needs_a_high_score_high_agreement_and_partners(round_, organisation, partner, ours, partners, flagged):
    for respondent, score in zip(_respondents(round_, organisation, len(ours)), ours, strict=True):
        answer(respondent, urgency=score)
    for respondent, score in zip(_respondents(round_, partner, len(partners)), partners, strict=True):
        answer(respondent, urgency=score)

    result = round_results(round=round_)

    assert result.shared_urgency is flagged


def test_partner_ratings_are_shown_only_with_three_raters(round_, organisation, partner):
    third = OrganisationFactory(name="Derde Partij")
    raters = _respondents(round_, organisation, 2) + _respondents(round_, partner, 1)
    for respondent, score in zip(raters, [5, 4, 3], strict=True):
        if respondent.organisation != partner:
            PartnerRating.objects.create(respondent=respondent, organisation=partner, reliability=score, contribution=2)
        PartnerRating.objects.create(respondent=respondent, organisation=third, reliability=score, contribution=score)

    result = round_results(round=round_)
    ties = partner_ratings_for(organisation=organisation)

    by_name = {r.organisation_name: r for r in result.ratings}
    assert by_name["Derde Partij"].shown and by_name["Derde Partij"].reliability == 4.0
    assert not by_name["Zorg Partner"].shown and by_name["Zorg Partner"].reliability is None
    assert [(t.organisation_name, t.reliability, t.contribution, t.weight, t.raters) for t in ties] == [
        ("Derde Partij", 4.0, 4.0, 4.0, 3)
    ]


def test_the_partner_map_never_adds_a_hidden_rating_to_a_shown_one(round_, organisation, partner):
    """Round 1 shows its three ratings; round 2's single rating stays hidden, also in the combined map."""
    for score in (5, 4, 3):
        PartnerRating.objects.create(
            respondent=RespondentFactory(round=round_), organisation=partner, reliability=score, contribution=score
        )
    later = RoundFactory(network=round_.network, organisation=organisation, closed=True)
    PartnerRating.objects.create(
        respondent=RespondentFactory(round=later), organisation=partner, reliability=1, contribution=1
    )

    ties = partner_ratings_for(organisation=organisation)

    assert [(t.organisation_name, t.reliability, t.contribution, t.raters) for t in ties] == [
        ("Zorg Partner", 4.0, 4.0, 3)
    ]


def test_trend_shows_the_change_per_criterion_between_rounds(organisation):
    network = NetworkFactory(lead=organisation)
    earlier = RoundFactory(network=network, closed=True, criteria=[("urgency", 1), ("results", 1)])
    later = RoundFactory(network=network, criteria=[("urgency", 1), ("learning", 1)])
    for respondent in [RespondentFactory(round=earlier) for _ in range(2)]:
        answer(respondent, urgency=2, results=3)
    for respondent in [RespondentFactory(round=later) for _ in range(2)]:
        answer(respondent, urgency=4, learning=5)

    rows = trend(previous=round_results(round=earlier), current=round_results(round=later))

    assert [(r.key, r.previous, r.current, r.change) for r in rows] == [("urgency", 2.0, 4.0, 2.0), ("learning", None, 5.0, None)]


def test_latest_score_prefers_the_latest_closed_round(organisation):
    network = NetworkFactory(lead=organisation)
    closed = RoundFactory(network=network, closed=True, criteria=[("urgency", 1), ("results", 3)])
    closed.opened_at = timezone.now() - datetime.timedelta(days=60)
    closed.save()
    newer_open = RoundFactory(network=network, criteria=[("urgency", 1)])
    answer(RespondentFactory(round=closed), urgency=4, results=2)  # (4 + 2 × 3) / 4 = 2.5
    answer(RespondentFactory(round=newer_open), urgency=1)
    only_open = NetworkFactory(lead=organisation)
    answer(RespondentFactory(round=RoundFactory(network=only_open)), urgency=5)
    elsewhere = RoundFactory(network=NetworkFactory())
    answer(RespondentFactory(round=elsewhere), urgency=3)

    scores = latest_score_by_network(organisation=organisation)

    assert scores == {network.pk: 2.5, only_open.pk: pytest.approx(5.0)}
    assert latest_criterion_score(network=network, key="results", organisation=organisation) == 2.0
    assert latest_criterion_score(network=network, key="results", organisation=OrganisationFactory()) is None
    assert latest_criterion_score(network=network, key="results") is None  # shared: never one person's score
    assert latest_criterion_score(network=NetworkFactory(), key="results") is None


def test_the_shared_latest_score_is_a_mean_of_at_least_three_people(round_):
    for score in (2, 3):
        answer(RespondentFactory(round=round_), results=score)
    two = latest_criterion_score(network=round_.network, key="results")
    answer(RespondentFactory(round=round_), results=4)

    assert two is None
    assert latest_criterion_score(network=round_.network, key="results") == 3.0

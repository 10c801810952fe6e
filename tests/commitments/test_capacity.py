import itertools
import random
import sys
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import DecisionFactory, NetworkFactory, ParticipationFactory, UserFactory
from verbond.commitments import selectors, services
from verbond.commitments.knapsack import Candidate, least_value_cover


def _greedy_lowest_value(candidates, needed):
    chosen, freed = [], Decimal(0)
    for candidate in sorted(candidates, key=lambda c: c.value):
        if freed >= needed:
            break
        chosen.append(candidate.key)
        freed += candidate.hours
    return chosen


def _greedy_value_per_hour(candidates, needed):
    chosen, freed = [], Decimal(0)
    for candidate in sorted(candidates, key=lambda c: c.value / float(c.hours)):
        if freed >= needed:
            break
        chosen.append(candidate.key)
        freed += candidate.hours
    return chosen


def _value(candidates, keys):
    return sum(c.value for c in candidates if c.key in keys)


def test_exact_cover_beats_both_greedy_guesses():
    # Need 10 hours. A alone (value 3.5) is best; lowest-value-first picks B + C (4.0),
    # lowest-value-per-hour picks B then A (5.5).
    candidates = [
        Candidate("A", Decimal(10), 3.5),
        Candidate("B", Decimal(6), 2.0),
        Candidate("C", Decimal(5), 2.0),
    ]

    selection = least_value_cover(candidates, Decimal(10))

    assert [c.key for c in selection.chosen] == ["A"]
    assert selection.value == 3.5 and selection.hours == 10
    assert _value(candidates, _greedy_lowest_value(candidates, Decimal(10))) == 4.0
    assert _value(candidates, _greedy_value_per_hour(candidates, Decimal(10))) == 5.5


def test_exact_cover_combines_small_networks_when_greedy_takes_one_big():
    # Need 12. Per-hour greedy takes the big cheap-per-hour X (value 4.0); D + E (1.5 + 1.5) is better.
    candidates = [
        Candidate("X", Decimal(20), 4.0),
        Candidate("D", Decimal(6), 1.5),
        Candidate("E", Decimal(6), 1.5),
    ]

    selection = least_value_cover(candidates, Decimal(12))

    assert {c.key for c in selection.chosen} == {"D", "E"}
    assert _value(candidates, _greedy_value_per_hour(candidates, Decimal(12))) > selection.value


def test_cover_handles_tenths_of_hours_exactly():
    candidates = [Candidate("a", Decimal("2.5"), 1.0), Candidate("b", Decimal("2.4"), 0.5)]

    assert [c.key for c in least_value_cover(candidates, Decimal("4.9")).chosen] == ["a", "b"]
    assert least_value_cover(candidates, Decimal("5.0")) is None


def test_nothing_needed_means_nothing_chosen():
    assert least_value_cover([Candidate("a", Decimal(3), 1.0)], Decimal(0)).chosen == ()


@settings(max_examples=150, deadline=None)
@given(
    items=st.lists(
        st.tuples(st.integers(min_value=1, max_value=60), st.integers(min_value=0, max_value=50)),
        min_size=0,
        max_size=8,
    ),
    needed=st.integers(min_value=1, max_value=200),
)
def test_cover_matches_brute_force(items, needed):
    candidates = [Candidate(i, Decimal(h) / 2, v / 10) for i, (h, v) in enumerate(items)]
    best = sys.float_info.max
    for size in range(len(candidates) + 1):
        for subset in itertools.combinations(candidates, size):
            if sum(c.hours for c in subset) >= Decimal(needed) / 2:
                best = min(best, sum(c.value for c in subset))

    selection = least_value_cover(candidates, Decimal(needed) / 2)

    if best == sys.float_info.max:
        assert selection is None
    else:
        assert selection.hours >= Decimal(needed) / 2
        assert selection.value == pytest.approx(best)


def _brute_force(candidates, needed):
    """The documented order, by trying every subset: least value, fewer networks, fewer hours, earliest first."""
    best = None
    for size in range(len(candidates) + 1):
        for subset in itertools.combinations(range(len(candidates)), size):
            hours = sum((candidates[i].hours for i in subset), Decimal(0))
            if hours < needed:
                continue
            key = (sum(candidates[i].value for i in subset), size, hours, subset)
            if best is None or key < best:
                best = key
    return best


@pytest.mark.parametrize("seed", range(8))
def test_cover_matches_brute_force_on_seeded_instances_ties_included(seed):
    rng = random.Random(seed)
    for _ in range(40):
        # Few distinct values and hours: many ties, which the documented tie-break must settle like brute force.
        candidates = [
            Candidate(i, Decimal(rng.randint(1, 40)) / rng.choice([1, 2, 10]), rng.randint(0, 6) / 2)
            for i in range(rng.randint(0, 10))
        ]
        needed = Decimal(rng.randint(0, 600)) / 10

        expected = _brute_force(candidates, needed)
        selection = least_value_cover(candidates, needed)

        if expected is None:
            assert selection is None, (seed, candidates, needed)
        else:
            value, _size, hours, subset = expected
            assert tuple(c.key for c in selection.chosen) == subset, (seed, candidates, needed)
            assert selection.hours == hours and selection.value == pytest.approx(value)


@pytest.fixture
def portfolio_of(executive):
    """Our networks with hours and decisions: fn(name, hours, kind=None, legal=False) -> network."""

    def add(name, hours, kind=None, legal=False):
        network = NetworkFactory(lead=executive.organisation, name=name, legal_obligation=legal)
        ParticipationFactory(network=network, organisation=executive.organisation, hours_per_month=hours)
        if kind == "committed":
            DecisionFactory(network=network, organisation=executive.organisation, committed=True)
        elif kind == "conditional":
            DecisionFactory(network=network, organisation=executive.organisation, conditional_expired=True)
        elif kind:
            DecisionFactory(network=network, organisation=executive.organisation, kind=kind)
        return network

    return add


def _scores(monkeypatch, scores):
    monkeypatch.setattr(selectors, "network_values", lambda *, organisation: scores)


def test_proposal_is_exact_and_never_touches_committed_or_legal(executive, portfolio_of, monkeypatch):
    organisation = executive.organisation
    organisation.capacity_hours_per_month = Decimal(40)
    organisation.save()
    new = portfolio_of("Nieuw", 0)
    committed = portfolio_of("Gecommitteerd", 10, "committed")
    legal = portfolio_of("Wettelijk", 6, legal=True)
    a = portfolio_of("A", 10, "conditional")
    b = portfolio_of("B", 6)
    c = portfolio_of("C", 5)
    portfolio_of("Al nee", 30, "no")  # not counted: we already said no
    _scores(monkeypatch, {committed.pk: 1.0, legal.pk: 1.0, a.pk: 3.5, b.pk: 2.0, c.pk: 2.0})

    # Load without the new one: 10 + 6 + 10 + 6 + 5 = 37; +13 needed = 50, capacity 40: free 10.
    proposal = selectors.say_no_proposal(user=executive, network=new, hours_needed=Decimal(13))

    assert proposal.load == 37 and proposal.shortfall == 10
    assert [line.network for line in proposal.chosen] == [a]
    assert {line.network for line, _reason in proposal.protected} == {committed, legal}
    assert "Saying no to A frees 10 hours per month" in proposal.explanation
    assert "least assessed value" in proposal.explanation


def test_proposal_uses_the_stated_default_for_unassessed_networks(
    executive, portfolio_of, monkeypatch, settings
):
    settings.COMMITMENTS_DEFAULT_NETWORK_VALUE = 2.5
    executive.organisation.capacity_hours_per_month = Decimal(16)
    executive.organisation.save()
    new = portfolio_of("Nieuw", 0)
    assessed = portfolio_of("Beoordeeld", 8)
    unassessed = portfolio_of("Onbekend", 8)
    _scores(monkeypatch, {assessed.pk: 4.0})

    proposal = selectors.say_no_proposal(user=executive, network=new, hours_needed=Decimal(8))

    assert [(line.network, line.value, line.value_is_default) for line in proposal.chosen] == [
        (unassessed, 2.5, True)
    ]


def test_values_fall_back_when_assessments_do_not_provide_scores(executive, monkeypatch):
    import verbond.assessments.selectors as assessment_selectors

    monkeypatch.delattr(assessment_selectors, "latest_score_by_network", raising=False)

    assert selectors.network_values(organisation=executive.organisation) == {}


def test_proposal_says_when_it_fits_or_cannot_fit(executive, portfolio_of):
    executive.organisation.capacity_hours_per_month = Decimal(20)
    executive.organisation.save()
    new = portfolio_of("Nieuw", 0)
    portfolio_of("Vast", 10, "committed")
    portfolio_of("Los", 4)

    fits = selectors.say_no_proposal(user=executive, network=new, hours_needed=Decimal(6))
    too_much = selectors.say_no_proposal(user=executive, network=new, hours_needed=Decimal(30))

    assert fits.shortfall == 0 and fits.chosen == [] and "fits within your capacity" in fits.explanation
    assert not too_much.feasible and "frees only 4 hours" in too_much.explanation


def test_consider_page_explains_the_proposal(client_for, executive, portfolio_of):
    executive.organisation.capacity_hours_per_month = Decimal(10)
    executive.organisation.save()
    new = portfolio_of("Nieuw", 0)
    portfolio_of("Praatclub", 8, "conditional")

    page = client_for(executive).get(reverse("commitments:consider"), {"network": new.pk, "hours": "5"})

    assert page.status_code == 200
    assert "Saying no to Praatclub frees 8 hours per month" in page.content.decode()


def test_consider_page_rejects_bad_input_and_other_networks(client_for, executive, stranger):
    foreign = NetworkFactory(lead=stranger.organisation)

    page = client_for(executive).get(reverse("commitments:consider"), {"network": foreign.pk, "hours": "-1"})

    assert page.status_code == 200
    assert foreign.name not in page.content.decode()


def test_capacity_overview_splits_committed_pending_and_leaving(executive, portfolio_of):
    executive.organisation.capacity_hours_per_month = Decimal(20)
    executive.organisation.save()
    portfolio_of("Vast", 12, "committed")
    portfolio_of("Voorwaardelijk", 6, "conditional")
    portfolio_of("Onbeslist", 4)
    portfolio_of("Stoppen", 3, "exit")

    overview = selectors.capacity_overview(organisation=executive.organisation)

    assert (overview.committed, overview.pending, overview.leaving) == (12, 10, 3)
    assert overview.free == -2 and overview.over_budget and overview.over_by == 2


@pytest.mark.parametrize(("role", "allowed"), [("executive", True), ("admin", True), ("coordinator", False)])
def test_capacity_is_set_by_executives_and_admins(client_for, organisation, role, allowed):
    user = UserFactory(organisation=organisation, **{role: True})

    response = client_for(user).post(reverse("commitments:capacity"), {"capacity_hours_per_month": "160"})

    organisation.refresh_from_db()
    assert (response.status_code == 302) is allowed
    assert (organisation.capacity_hours_per_month == 160) is allowed


def test_capacity_rejects_negative_hours(executive):
    with pytest.raises(Exception):  # noqa: B017 - ValidationError from the service
        services.capacity_set(user=executive, hours_per_month=Decimal(-1))


def test_portfolio_shows_the_capacity_panel(client_for, executive, portfolio_of):
    executive.organisation.capacity_hours_per_month = Decimal(160)
    executive.organisation.save()
    portfolio_of("Vast", 12, "committed")

    page = client_for(executive).get(reverse("networks:portfolio")).content.decode()

    assert "Capacity for network work" in page
    assert "Consider a committed yes" in page

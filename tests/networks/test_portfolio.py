from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ChallengeFactory,
    DecisionFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipationFactory,
)
from tests.outcomes.factories import IndicatorFactory, MeasurementFactory
from verbond.decisions.models import DecisionKind
from verbond.networks import selectors
from verbond.networks.models import Level
from verbond.networks.selectors import NO_DECISION, portfolio


@pytest.fixture(autouse=True)
def _talking_shop_threshold(settings):
    settings.VERBOND_TALKING_SHOP_MIN_HOURS = 50


def build_portfolio(organisation, size):
    """Networks with every talking-shop reason the portfolio can show: effort, results, deadlines."""
    partner = OrganisationFactory()
    challenge = ChallengeFactory()
    for index in range(size):
        network = NetworkFactory(lead=partner, participants=[organisation])
        network.challenges.add(challenge)
        ParticipationFactory(network=network, organisation=organisation)
        ParticipationFactory(network=network, organisation=partner, hours_per_month=99)
        if index % 3 == 0:
            MeasurementFactory(indicator=IndicatorFactory(network=network), value=30)
        if index % 2:
            DecisionFactory(network=network, organisation=organisation, committed=True)
        elif index % 4 == 0:
            DecisionFactory(network=network, organisation=organisation, conditional_expired=True)


def test_portfolio_totals_per_challenge_and_decision(organisation, other_organisation):
    housing, care = ChallengeFactory(name="Huisvesting"), ChallengeFactory(name="Mantelzorg")
    a = NetworkFactory(lead=organisation, participants=[other_organisation])
    a.challenges.set([housing, care])
    b = NetworkFactory(lead=organisation)
    b.challenges.set([housing])
    ParticipationFactory(network=a, organisation=organisation, hours_per_month=4, costs_per_year=1000)
    ParticipationFactory(network=b, organisation=organisation, hours_per_month=6, costs_per_year=500)
    ParticipationFactory(network=a, organisation=other_organisation, hours_per_month=40, costs_per_year=90000)
    DecisionFactory(network=a, organisation=organisation, committed=True)

    result = portfolio(organisation=organisation)

    assert (result.total.networks, result.total.hours_per_month, result.total.costs_per_year) == (2, 10, 1500)
    per_challenge = {str(c): (t.networks, t.hours_per_month) for c, t in result.per_challenge}
    assert per_challenge == {"Huisvesting": (2, 10), "Mantelzorg": (1, 4)}
    per_decision = {kind: t.networks for kind, _label, t in result.per_decision}
    assert per_decision == {DecisionKind.COMMITTED_YES: 1, NO_DECISION: 1}
    assert [row.network for row in result.undecided] == [b]
    assert {row.network: row.partner_count for row in result.rows} == {a: 1, b: 0}


def test_portfolio_lists_conditional_yes_past_deadline(organisation, network):
    DecisionFactory(network=network, organisation=organisation, conditional_expired=True)

    result = portfolio(organisation=organisation)

    assert [row.network for row in result.past_deadline] == [network]


def test_portfolio_filters_and_sorts(organisation):
    cheap = NetworkFactory(lead=organisation, name="A", level=Level.STRATEGIC)
    dear = NetworkFactory(lead=organisation, name="B", level=Level.EXECUTION)
    ParticipationFactory(network=cheap, organisation=organisation, hours_per_month=1)
    ParticipationFactory(network=dear, organisation=organisation, hours_per_month=20)
    DecisionFactory(network=dear, organisation=organisation, committed=True)

    by_hours = portfolio(organisation=organisation, sort="-hours")
    execution = portfolio(organisation=organisation, level=Level.EXECUTION)
    undecided = portfolio(organisation=organisation, decision=NO_DECISION)

    assert [r.network for r in by_hours.rows] == [dear, cheap]
    assert [r.network for r in execution.rows] == [dear]
    assert [r.network for r in undecided.rows] == [cheap]


def test_portfolio_page_uses_the_same_number_of_queries_for_5_and_300_networks(client_for, executive, organisation):
    client = client_for(executive)
    build_portfolio(organisation, 5)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("networks:portfolio"))

    build_portfolio(organisation, 295)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("networks:portfolio"))

    assert response.status_code == 200
    rows = response.context["portfolio"].rows
    assert len(rows) == 300
    assert {row.talking_shop_score for row in rows} == {2, 3}
    assert "Talking shop" in response.content.decode()
    assert len(large) == len(small)


def test_portfolio_never_shows_a_partners_figures(client_for, executive, organisation, other_organisation):
    network = NetworkFactory(lead=other_organisation, participants=[organisation], name="Gedeeld netwerk")
    ParticipationFactory(network=network, organisation=other_organisation, hours_per_month=4321, costs_per_year=Decimal("98765"))
    DecisionFactory(network=network, organisation=other_organisation, kind=DecisionKind.EXIT, reason="Geheim besluit")

    response = client_for(executive).get(reverse("networks:portfolio"))

    content = response.content.decode()
    assert "Gedeeld netwerk" in content
    assert not {"98.765", "98,765", "98765", "4.321", "4,321", "4321"} & {part for part in content.split()}
    assert "98.765" not in content and "98,765" not in content and "4.321" not in content and "4,321" not in content
    assert "no decision yet" in content


def _busy(organisation, name, *, hours, expired=False):
    network = NetworkFactory(lead=organisation, name=name)
    ParticipationFactory(network=network, organisation=organisation, hours_per_month=hours)
    if expired:
        DecisionFactory(network=network, organisation=organisation, conditional_expired=True)
    return network


def test_portfolio_shows_and_sorts_by_the_talking_shop_signal(organisation):
    quiet = _busy(organisation, "A rustig", hours=1)
    busy = _busy(organisation, "B druk", hours=60)  # effort without pledges and without a result for residents
    stuck = _busy(organisation, "C vast", hours=60, expired=True)  # ... and a conditional yes past its deadline

    most_first = portfolio(organisation=organisation, sort="-talking_shop")
    fewest_first = portfolio(organisation=organisation, sort="talking_shop")

    assert [(r.network, r.talking_shop_score) for r in most_first.rows] == [(stuck, 3), (busy, 2), (quiet, 0)]
    assert [r.network for r in fewest_first.rows] == [quiet, busy, stuck]
    assert "conditional_yes_past_deadline" in most_first.rows[0].talking_shop.keys


def test_portfolio_page_lists_the_reasons_of_the_talking_shop_signal(client_for, executive, organisation):
    _busy(organisation, "Vast netwerk", hours=60, expired=True)

    response = client_for(executive).get(reverse("networks:portfolio"), {"sort": "-talking_shop"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-sort="descending"' in html
    assert "passed its deadline" in html


def test_portfolio_works_without_the_outcomes_app(monkeypatch, client_for, executive, organisation):
    _busy(organisation, "Vast netwerk", hours=60, expired=True)
    installed = selectors.apps.is_installed
    monkeypatch.setattr(selectors.apps, "is_installed", lambda name: name != "verbond.outcomes" and installed(name))

    result = portfolio(organisation=organisation, sort="-talking_shop")
    response = client_for(executive).get(reverse("networks:portfolio"), {"sort": "-talking_shop"})

    assert [r.talking_shop for r in result.rows] == [None]
    assert not result.talking_shop_shown
    assert response.status_code == 200
    assert "Talking shop" not in response.content.decode()

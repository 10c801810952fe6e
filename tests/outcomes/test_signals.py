import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import DecisionFactory, NetworkFactory, OrganisationFactory, ParticipationFactory
from tests.outcomes.factories import IndicatorFactory, MeasurementFactory
from verbond.outcomes import selectors

TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _no_assessments_or_commitments(monkeypatch):
    """Constructed cases: each test switches on the sources it needs."""
    monkeypatch.setattr(selectors, "_pledge_counts", lambda ids: {})
    monkeypatch.setattr(selectors, "criterion_scores", lambda networks, key, **kwargs: {})


@pytest.fixture(autouse=True)
def _low_effort_threshold(settings):
    """Small constructed networks: an effort threshold they can reach (the default is for real portfolios)."""
    settings.VERBOND_TALKING_SHOP_MIN_HOURS = 8


@pytest.fixture
def busy_network(organisation):
    """Partners spend 3 × 6 = 18 hours a month; a better-off indicator moves towards its target."""
    network = NetworkFactory(lead=organisation)
    for org in [organisation, OrganisationFactory(), OrganisationFactory()]:
        network.participants.get_or_create(organisation=org)
        ParticipationFactory(network=network, organisation=org, hours_per_month=Decimal(6))
    indicator = IndicatorFactory(network=network, baseline_value=40, target_value=80)
    MeasurementFactory(indicator=indicator, date=TODAY() - datetime.timedelta(days=60), value=45)
    MeasurementFactory(indicator=indicator, date=TODAY() - datetime.timedelta(days=30), value=50)
    return network


def _signal(organisation, network):
    return selectors.talking_shop_signals(organisation_id=organisation.pk, networks=[network])[network.pk]


def test_no_reason_fires_for_a_network_that_delivers(monkeypatch, organisation, busy_network):
    monkeypatch.setattr(selectors, "_pledge_counts", lambda ids: {busy_network.pk: (3, 1)})

    signal = _signal(organisation, busy_network)

    assert signal.reasons == []
    assert (signal.effort_hours, signal.reporting, signal.effort_visible) == (Decimal(18), 3, True)


def test_effort_without_delivered_pledges_fires_alone(monkeypatch, organisation, busy_network):
    monkeypatch.setattr(selectors, "_pledge_counts", lambda ids: {busy_network.pk: (4, 0)})

    signal = _signal(organisation, busy_network)

    assert signal.keys == ["no_delivered_pledges"]
    assert "18 hours per month" in signal.reasons[0].text
    assert "4 pledges" in signal.reasons[0].text


def test_without_the_commitments_app_pledges_are_no_data_not_a_reason(monkeypatch, organisation, busy_network):
    monkeypatch.setattr(selectors, "_pledge_counts", lambda ids: None)

    signal = _signal(organisation, busy_network)

    assert signal.reasons == []
    assert signal.notes


def test_effort_without_better_off_progress_fires_alone(monkeypatch, organisation, busy_network):
    monkeypatch.setattr(selectors, "_pledge_counts", lambda ids: {busy_network.pk: (1, 1)})
    indicator = busy_network.indicators.get()
    MeasurementFactory(indicator=indicator, date=TODAY(), value=44)  # going down: away from the target

    signal = _signal(organisation, busy_network)

    assert signal.keys == ["no_results_progress"]


def test_little_effort_is_not_a_talking_shop(monkeypatch, organisation):
    network = NetworkFactory(lead=organisation)
    ParticipationFactory(network=network, organisation=organisation, hours_per_month=Decimal(2))

    signal = _signal(organisation, network)

    assert signal.reasons == []
    assert signal.effort_visible  # only our own hours: nothing of others to hide


def test_conditional_yes_past_deadline_fires_alone(organisation):
    network = NetworkFactory(lead=organisation)
    DecisionFactory(network=network, organisation=organisation, conditional_expired=True)

    signal = _signal(organisation, network)

    assert signal.keys == ["conditional_yes_past_deadline"]


def test_another_organisations_conditional_yes_is_not_our_reason(organisation, other_organisation):
    network = NetworkFactory(lead=organisation, participants=[other_organisation])
    DecisionFactory(network=network, organisation=other_organisation, conditional_expired=True)

    assert _signal(organisation, network).reasons == []


@pytest.mark.parametrize(("score", "fires"), [(2.0, True), (2.5, True), (3.4, False)])
def test_low_results_assessment_fires_alone(monkeypatch, organisation, score, fires):
    network = NetworkFactory(lead=organisation)
    monkeypatch.setattr(selectors, "criterion_scores", lambda networks, key, **kwargs: {network.pk: score} if key == "results" else {})

    signal = _signal(organisation, network)

    assert signal.keys == (["low_results_assessment"] if fires else [])


def test_effort_total_is_hidden_when_fewer_than_three_organisations_report(monkeypatch, organisation, other_organisation):
    network = NetworkFactory(lead=organisation, participants=[other_organisation])
    ParticipationFactory(network=network, organisation=organisation, hours_per_month=Decimal(5))
    ParticipationFactory(network=network, organisation=other_organisation, hours_per_month=Decimal("7.5"))

    signal = _signal(organisation, network)

    assert signal.keys == ["no_delivered_pledges", "no_results_progress"]
    assert not signal.effort_visible
    assert all("12.5" not in r.text and "7.5" not in r.text for r in signal.reasons)


def test_thresholds_are_settings(settings, monkeypatch, organisation, busy_network):
    monkeypatch.setattr(selectors, "_pledge_counts", lambda ids: {busy_network.pk: (0, 0)})
    settings.VERBOND_TALKING_SHOP_MIN_HOURS = 20

    assert _signal(organisation, busy_network).reasons == []


def test_residents_first_signal_until_a_better_off_indicator_exists(organisation):
    network = NetworkFactory(lead=organisation)
    decided = TODAY() - datetime.timedelta(days=70)
    DecisionFactory(network=network, organisation=organisation, committed=True, decided_on=decided)
    IndicatorFactory(network=network, kind="how_much")

    signal = selectors.residents_first_signals(organisation_id=organisation.pk, networks=[network])[network.pk]

    assert signal.due == decided + datetime.timedelta(days=60)
    assert signal.overdue
    IndicatorFactory(network=network, kind="better_off")
    assert selectors.residents_first_signals(organisation_id=organisation.pk, networks=[network]) == {}


def test_residents_first_is_visible_but_not_overdue_within_sixty_days(organisation):
    network = NetworkFactory(lead=organisation)
    DecisionFactory(network=network, organisation=organisation, committed=True, decided_on=TODAY() - datetime.timedelta(days=10))

    signal = selectors.residents_first_signals(organisation_id=organisation.pk, networks=[network])[network.pk]

    assert not signal.overdue


def test_residents_first_only_for_a_committed_yes(organisation):
    network = NetworkFactory(lead=organisation)
    DecisionFactory(network=network, organisation=organisation, conditional_expired=True)

    assert selectors.residents_first_signals(organisation_id=organisation.pk, networks=[network]) == {}


def test_pledge_counts_read_the_commitments_ledger_when_it_is_there(monkeypatch, network):
    monkeypatch.undo()

    counts = selectors._pledge_counts([network.pk])

    assert counts == {}  # the ledger exists and is empty (None would mean "no data")

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.http import Http404

from tests.assessments.factories import RespondentFactory, RoundFactory, answer
from tests.commitments.factories import PledgeFactory
from tests.factories import DecisionFactory, NetworkFactory, OrganisationFactory, ParticipationFactory
from tests.outcomes.factories import IndicatorFactory, MeasurementFactory
from tests.reports.factories import portfolio_of
from verbond.reports import selectors as report_selectors
from verbond.reports.selectors import board_report_data, decision_pack_data


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Zorggroep Partner", slug="zorggroep-partner")


def test_board_report_totals_hours_against_capacity(organisation, partner):
    organisation.capacity_hours_per_month = Decimal("20")
    organisation.save()
    portfolio_of(organisation, partner=partner)

    report = board_report_data(organisation=organisation)

    assert report.portfolio.total.hours_per_month == Decimal("22")
    assert report.committed_hours_per_month == Decimal("10")
    assert report.capacity_used == 110
    assert report.over_capacity


def test_board_report_without_capacity_has_no_percentage(organisation, partner):
    portfolio_of(organisation, partner=partner)

    report = board_report_data(organisation=organisation)

    assert report.capacity_used is None
    assert not report.over_capacity


def test_board_report_lists_decisions_due_and_conditional_yes_past_deadline(organisation, partner):
    committed, expired, undecided = portfolio_of(organisation, partner=partner)

    report = board_report_data(organisation=organisation)

    assert [row.network for row in report.past_deadline] == [expired]
    assert [row.network for row in report.decisions_due] == [undecided]
    assert {expired, undecided} <= {signal.network for signal in report.talking_shops}


def test_without_other_apps_hours_without_a_committed_yes_are_the_talking_shop(
    organisation, partner, without_other_apps
):
    committed, expired, undecided = portfolio_of(organisation, partner=partner)

    report = board_report_data(organisation=organisation)

    assert {signal.network for signal in report.talking_shops} == {expired, undecided}
    assert report.heat_map is None
    assert report.key_results is None


def test_sections_of_other_apps_are_included_when_they_provide_them(organisation, partner, monkeypatch):
    committed, expired, undecided = portfolio_of(organisation, partner=partner)
    heat_map = SimpleNamespace(keys=[("urgency", "Urgency")], rows=[(committed, None, [4.2])])
    indicator = SimpleNamespace(kind="better_off", name="Households in arrears")
    shop = SimpleNamespace(
        network=committed, reasons=[SimpleNamespace(key="no_delivered_pledges", text="long")], keys=[]
    )
    fakes = {
        "heat_map": lambda *, organisation, networks: heat_map,
        "talking_shop_signals": lambda *, organisation_id, networks: {committed.pk: shop},
        "better_off_indicators": lambda *, networks: {committed.pk: [SimpleNamespace(indicator=indicator)]},
    }
    monkeypatch.setattr(report_selectors, "_optional", lambda module, name: fakes.get(name))

    report = board_report_data(organisation=organisation)

    assert report.heat_map is heat_map
    assert [(result.network, result.summary.indicator) for result in report.key_results] == [
        (committed, indicator)
    ]
    assert [signal.reasons for signal in report.talking_shops if signal.network == committed] == [
        ["no pledge delivered"]
    ]


def test_networks_on_one_challenge_with_the_same_partners_overlap(organisation, partner):
    committed, expired, undecided = portfolio_of(organisation, partner=partner)

    report = board_report_data(organisation=organisation)

    pairs = {frozenset((overlap.first, overlap.second)) for overlap in report.overlaps}
    assert frozenset((committed, undecided)) in pairs
    assert all(overlap.percentage == 100 for overlap in report.overlaps)


def test_board_report_uses_a_fixed_number_of_queries(
    organisation, partner, without_other_apps, django_assert_max_num_queries
):
    portfolio_of(organisation, partner=partner)
    with django_assert_max_num_queries(10) as small:
        board_report_data(organisation=organisation)
    for _index in range(8):
        network = NetworkFactory(lead=partner, participants=[organisation])
        ParticipationFactory(network=network, organisation=organisation)

    with django_assert_max_num_queries(len(small.captured_queries)):
        board_report_data(organisation=organisation)


def test_board_report_leaves_out_other_organisations_networks(organisation, other_organisation, partner):
    portfolio_of(organisation, partner=partner)
    NetworkFactory(lead=other_organisation, name="Geheim Overleg")

    report = board_report_data(organisation=organisation)

    assert "Geheim Overleg" not in [row.network.name for row in report.portfolio.rows]


def test_decision_pack_of_a_network_the_organisation_is_not_in_is_not_found(organisation, other_organisation):
    network = NetworkFactory(lead=other_organisation)

    with pytest.raises(Http404):
        decision_pack_data(organisation=organisation, network_id=network.pk)


def test_decision_pack_shows_our_effort_and_the_gates_of_the_current_decision(organisation, partner):
    committed, _expired, _undecided = portfolio_of(organisation, partner=partner)

    pack = decision_pack_data(organisation=organisation, network_id=committed.pk)

    assert pack.participation.hours_per_month == Decimal("10")
    assert [passed for _gate, passed in pack.gates] == [True, True, True]
    assert {p.organisation for p in pack.participants} == {organisation, partner}


def test_decision_pack_never_shows_a_partners_private_effort(organisation, partner):
    committed, _expired, _undecided = portfolio_of(organisation, partner=partner)
    ParticipationFactory(network=committed, organisation=partner, hours_per_month=99)

    pack = decision_pack_data(organisation=organisation, network_id=committed.pk)

    assert pack.participation.organisation == organisation


def _committed_alliance_with_everything(organisation, partner):
    """A committed alliance as the demo has them: pledges, a closed assessment round and a better-off result."""
    network = NetworkFactory(lead=organisation, participants=[partner])
    ParticipationFactory(network=network, organisation=organisation, hours_per_month=Decimal(6))
    DecisionFactory(network=network, organisation=organisation, committed=True)
    PledgeFactory(network=network, organisation=partner)
    answer(RespondentFactory(round=RoundFactory(network=network, organisation=organisation, closed=True)), results=3)
    MeasurementFactory(indicator=IndicatorFactory(network=network, name=f"Huishoudens beter af {network.pk}"))
    return network


def test_board_report_with_every_section_uses_a_fixed_number_of_queries(
    organisation, partner, django_assert_max_num_queries
):
    portfolio_of(organisation, partner=partner)
    _committed_alliance_with_everything(organisation, partner)
    with django_assert_max_num_queries(60) as small:
        report = board_report_data(organisation=organisation)
    assert report.key_results and report.heat_map
    for _index in range(6):
        _committed_alliance_with_everything(organisation, partner)

    with django_assert_max_num_queries(len(small.captured_queries)):
        report = board_report_data(organisation=organisation)

    assert len(report.key_results) == 7

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.commitments.factories import MandateFactory, PledgeFactory
from tests.factories import DecisionFactory, NetworkFactory, OrganisationFactory, UserFactory
from verbond.commitments.models import PledgeKind, PledgeStatus
from verbond.commitments.selectors import is_overdue, reciprocity


def test_reciprocity_on_a_worked_example(db):
    # Given: A pledges 10 h (delivered) and 20 h (5 delivered); B pledges € 1000 (not delivered) and
    # 3 homes (withdrawn); C takes part without pledging.
    a, b, c = OrganisationFactory(name="A"), OrganisationFactory(name="B"), OrganisationFactory(name="C")
    network = NetworkFactory(lead=a, participants=[b, c])
    hours = {"network": network, "organisation": a, "kind": PledgeKind.HOURS, "unit": "h/maand"}
    PledgeFactory(**hours, quantity=10, status=PledgeStatus.DELIVERED, delivered_quantity=10)
    PledgeFactory(**hours, quantity=20, status=PledgeStatus.PARTLY_DELIVERED, delivered_quantity=5)
    PledgeFactory(
        network=network,
        organisation=b,
        kind=PledgeKind.BUDGET,
        unit="euro",
        quantity=1000,
        status=PledgeStatus.NOT_DELIVERED,
    )
    PledgeFactory(
        network=network,
        organisation=b,
        kind=PledgeKind.HOMES,
        unit="woningen",
        quantity=3,
        status=PledgeStatus.WITHDRAWN,
    )

    # When
    result = reciprocity(network=network)

    # Then
    line_a, line_b = result.partners
    assert [(k.kind, k.pledged, k.delivered, k.share) for k in line_a.kinds] == [
        ("hours", Decimal(30), Decimal(15), 0.5)
    ]
    assert line_a.pledges == 2 and line_a.share == pytest.approx((1 + 0.25) / 2)
    assert [(k.kind, k.pledged, k.delivered, k.share) for k in line_b.kinds] == [("budget", 1000, 0, 0.0)]
    assert (line_b.pledges, line_b.withdrawn, line_b.share) == (1, 1, 0.0)
    assert result.without_pledges == [c]
    assert result.share == pytest.approx(1.25 / 3)
    assert [(k.kind, k.pledged) for k in result.totals] == [("hours", 30), ("budget", 1000)]


def test_only_withdrawn_pledges_count_as_no_pledge(db):
    a = OrganisationFactory()
    network = NetworkFactory(lead=a)
    PledgeFactory(network=network, organisation=a, status=PledgeStatus.WITHDRAWN)

    result = reciprocity(network=network)

    assert result.without_pledges == [a]


@pytest.mark.parametrize(
    ("days_from_today", "status", "overdue"),
    [
        (-1, PledgeStatus.PLEDGED, True),
        (0, PledgeStatus.PLEDGED, False),  # due today: not overdue yet
        (1, PledgeStatus.PLEDGED, False),
        (-1, PledgeStatus.PARTLY_DELIVERED, True),
        (-1, PledgeStatus.DELIVERED, False),
        (-1, PledgeStatus.NOT_DELIVERED, False),
        (-1, PledgeStatus.WITHDRAWN, False),
        (-365, PledgeStatus.PLEDGED, True),
    ],
)
def test_overdue_around_the_due_date(db, days_from_today, status, overdue):
    today = datetime.date(2026, 3, 1)
    pledge = PledgeFactory(
        due_date=today + datetime.timedelta(days=days_from_today),
        status=status,
        period_start=datetime.date(2025, 1, 1),
    )

    assert is_overdue(pledge, today) is overdue
    assert (pledge in reciprocity(network=pledge.network, today=today).overdue) is overdue


def test_overdue_across_a_year_end(db):
    pledge = PledgeFactory(due_date=datetime.date(2025, 12, 31), period_start=datetime.date(2025, 1, 1))

    assert is_overdue(pledge, datetime.date(2025, 12, 31)) is False
    assert is_overdue(pledge, datetime.date(2026, 1, 1)) is True


def test_reciprocity_page_shows_chart_table_and_mandates(
    client_for, coordinator, network, other_organisation
):
    network.participants.create(organisation=other_organisation)
    PledgeFactory(network=network, organisation=coordinator.organisation, description="Wijkconsulent 16 uur")
    MandateFactory(
        network=network, granting_organisation=other_organisation, team_or_role="Schuldhulpmaatjes"
    )

    page = client_for(coordinator).get(reverse("commitments:reciprocity", args=[network.pk])).content.decode()

    assert "<svg" in page and 'role="img"' in page
    assert "Wijkconsulent 16 uur" in page
    assert "Schuldhulpmaatjes" in page
    assert other_organisation.name in page  # takes part without pledging


def test_network_panel_shows_pledges_and_talking_shop_risk(client_for, executive, network):
    DecisionFactory(network=network, organisation=executive.organisation, conditional_expired=True)
    PledgeFactory(network=network, organisation=executive.organisation)

    page = client_for(executive).get(reverse("networks:detail", args=[network.pk])).content.decode()

    assert "Pledges and mandates" in page
    assert "Talking-shop risk: decide now" in page


def test_network_panel_has_no_risk_without_expired_conditional_yes(client_for, executive, network):
    DecisionFactory(network=network, organisation=executive.organisation, committed=True)

    page = client_for(executive).get(reverse("networks:detail", args=[network.pk])).content.decode()

    assert "Pledges and mandates" in page
    assert "Talking-shop risk" not in page


def _queries_for_reciprocity_page(client, network, extra_partners):
    for _ in range(extra_partners):
        partner = OrganisationFactory()
        network.participants.create(organisation=partner)
        PledgeFactory(
            network=network, organisation=partner, status=PledgeStatus.DELIVERED, delivered_quantity=10
        )
        PledgeFactory(
            network=network,
            organisation=partner,
            due_date=timezone.localdate() - datetime.timedelta(days=3),
            period_start=timezone.localdate() - datetime.timedelta(days=40),
        )
        MandateFactory(network=network, granting_organisation=partner)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("commitments:reciprocity", args=[network.pk]))
    assert response.status_code == 200
    return len(queries)


def test_reciprocity_page_uses_a_fixed_number_of_queries(client_for, coordinator, network):
    client = client_for(coordinator)

    small = _queries_for_reciprocity_page(client, network, 1)
    large = _queries_for_reciprocity_page(client, network, 6)

    assert small == large


def test_network_page_with_panel_uses_a_fixed_number_of_queries(client_for, coordinator, network):
    client = client_for(coordinator)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("networks:detail", args=[network.pk])).status_code == 200
        return len(queries)

    _queries_for_reciprocity_page(client, network, 1)
    small = count()
    _queries_for_reciprocity_page(client, network, 5)
    assert count() == small


def test_partner_of_another_network_sees_no_pledges_of_ours(client_for, coordinator, network):
    elsewhere = OrganisationFactory()
    their_network = NetworkFactory(lead=elsewhere)
    PledgeFactory(network=their_network, organisation=elsewhere, description="Geheime toezegging")
    user = UserFactory(organisation=elsewhere)
    PledgeFactory(network=network, organisation=coordinator.organisation, description="Onze toezegging")

    page = client_for(user).get(reverse("commitments:index")).content.decode()

    assert "Onze toezegging" not in page
    assert client_for(user).get(reverse("commitments:reciprocity", args=[network.pk])).status_code == 404

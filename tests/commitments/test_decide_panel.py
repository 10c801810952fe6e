"""The decide page warns when a committed yes would exceed the capacity, and proposes which networks to drop."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import DecisionFactory, NetworkFactory, ParticipationFactory

HEADING = "A committed yes here exceeds your capacity"


@pytest.fixture
def portfolio(executive):
    """Our load elsewhere: 10 committed hours and two networks (6 h and 5 h) we could say no to."""
    organisation = executive.organisation
    committed = NetworkFactory(lead=organisation, name="Gecommitteerd")
    ParticipationFactory(network=committed, organisation=organisation, hours_per_month=10)
    DecisionFactory(network=committed, organisation=organisation, committed=True)
    for name, hours in (("Overleg B", 6), ("Overleg C", 5)):
        ParticipationFactory(
            network=NetworkFactory(lead=organisation, name=name), organisation=organisation, hours_per_month=hours
        )
    new = NetworkFactory(lead=organisation, name="Nieuwe alliantie")
    ParticipationFactory(network=new, organisation=new.lead, hours_per_month=8)
    return new


def _capacity(executive, hours):
    executive.organisation.capacity_hours_per_month = hours
    executive.organisation.save()


def test_decide_page_shows_shortfall_and_proposal_over_capacity(client_for, executive, portfolio):
    _capacity(executive, Decimal(25))  # 21 elsewhere + 8 here = 29: 4 short

    page = client_for(executive).get(reverse("decisions:decide", args=[portfolio.pk])).content.decode()

    assert HEADING in page
    assert "Shortfall: 4 hours per month." in page
    assert "Saying no to Overleg C frees 5 hours per month" in page
    assert reverse("commitments:consider") + f"?network={portfolio.pk}&amp;hours=8" in page


@pytest.mark.parametrize("capacity", [Decimal(29), Decimal(100), None])
def test_decide_page_shows_nothing_within_capacity_or_without_one(client_for, executive, portfolio, capacity):
    _capacity(executive, capacity)

    page = client_for(executive).get(reverse("decisions:decide", args=[portfolio.pk])).content.decode()

    assert HEADING not in page


def test_decide_panel_uses_the_hours_typed_into_the_form(client_for, executive, portfolio):
    _capacity(executive, Decimal(35))  # 21 elsewhere + 8 here fits; + 20 typed does not
    client = client_for(executive)
    url = reverse("decisions:decide", args=[portfolio.pk])

    fits = client.post(url, {"put_in_hours_per_month": "10"}).content.decode()
    exceeds = client.post(url, {"put_in_hours_per_month": "20"}).content.decode()

    assert HEADING not in fits
    assert HEADING in exceeds and "you entered" in exceeds and "Shortfall: 6 hours per month." in exceeds


def test_decide_panel_uses_a_fixed_number_of_queries(client_for, executive, portfolio):
    _capacity(executive, Decimal(25))
    client = client_for(executive)
    url = reverse("decisions:decide", args=[portfolio.pk])
    client.get(url)  # warm up: sessions, caches

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert HEADING in client.get(url).content.decode()
        return len(queries)

    before = count()
    for index in range(4):
        ParticipationFactory(
            network=NetworkFactory(lead=executive.organisation, name=f"Extra {index}"),
            organisation=executive.organisation,
            hours_per_month=3,
        )

    assert count() == before

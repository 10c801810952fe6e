"""The audit trail covers the records of every app that registers them: pledges, mandates, indicators, measurements."""

from decimal import Decimal

from django.urls import reverse

from tests.commitments.factories import MandateFactory, PledgeFactory
from tests.factories import OrganisationFactory
from tests.outcomes.factories import IndicatorFactory, MeasurementFactory
from verbond.core.audit import network_history


def test_pledges_mandates_indicators_and_measurements_appear_in_the_network_history(network, organisation, executive):
    partner = OrganisationFactory(name="Partner Zorg")
    network.participants.create(organisation=partner)
    pledge = PledgeFactory(network=network, organisation=organisation, description="Twee wijkconsulenten")
    pledge.quantity = Decimal("12")
    pledge.save()
    MandateFactory(network=network, granting_organisation=organisation, holder_organisation=partner, decided_by=executive)
    indicator = IndicatorFactory(network=network, owner=organisation, name="Huisuitzettingen voorkomen")
    MeasurementFactory(indicator=indicator, value=Decimal("55"))

    events = network_history(network_id=network.pk, organisation_id=partner.pk)

    subjects = {event.subject for event in events}
    assert {"pledge", "mandate", "indicator", "measurement"} <= subjects
    change = next(e for e in events if e.subject == "pledge" and e.changes)
    assert [(c.old, c.new) for c in change.changes] == [(Decimal("10"), Decimal("12"))]


def test_the_history_page_shows_a_created_pledge_with_its_organisation(client_for, coordinator, network, organisation):
    PledgeFactory(network=network, organisation=organisation)

    content = client_for(coordinator).get(reverse("networks:history", args=[network.pk])).content.decode()

    assert "Pledge created" in content
    assert f"Pledge created: {organisation.name}" in content

"""Routing: a request goes to the holder of a mandate in the network, or to the network's lead."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import OrganisationFactory, ParticipantFactory
from verbond.frontline.selectors import request_route


def test_request_goes_to_the_lead_when_nobody_holds_a_mandate(alliance):
    assert request_route(network=alliance) == alliance.lead


def test_request_goes_to_the_lead_when_the_register_returns_nobody(alliance, monkeypatch):
    commitments_selectors = pytest.importorskip("verbond.commitments.selectors")
    monkeypatch.setattr(commitments_selectors, "mandate_holders_for", lambda *, network: [])

    assert request_route(network=alliance) == alliance.lead


def test_request_goes_to_the_mandate_holder(alliance, partner, executive):
    models = pytest.importorskip("verbond.commitments.models")
    holder = OrganisationFactory(name="GGZ Test")
    ParticipantFactory(network=alliance, organisation=holder)
    today = timezone.localdate()
    models.Mandate.objects.create(
        network=alliance,
        granting_organisation=alliance.lead,
        holder_organisation=holder,
        team_or_role="Wijkteam",
        hours_per_week=8,
        scope="Mag woningen uit de urgentievoorraad toewijzen.",
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=300),
        decided_by=executive,
    )

    assert request_route(network=alliance) == holder

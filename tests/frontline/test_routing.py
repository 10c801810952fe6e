"""Routing: a request goes to the holder of a mandate in the network (commitments' register), or to the lead."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tests.factories import OrganisationFactory, ParticipantFactory, UserFactory
from verbond.commitments import selectors as commitments_selectors
from verbond.commitments.models import Mandate
from verbond.frontline import services
from verbond.frontline.models import Category, Status, Urgency
from verbond.frontline.selectors import request_route


def mandate(network, holder, decided_by, *, valid_from_days=-30, valid_until_days=300):
    today = timezone.localdate()
    return Mandate.objects.create(
        network=network,
        granting_organisation=network.lead,
        holder_organisation=holder,
        team_or_role="Wijkteam",
        hours_per_week=8,
        scope="Mag woningen uit de urgentievoorraad toewijzen.",
        valid_from=today + datetime.timedelta(days=valid_from_days),
        valid_until=today + datetime.timedelta(days=valid_until_days)
        if valid_until_days is not None
        else None,
        decided_by=decided_by,
    )


@pytest.fixture
def holder(alliance):
    holder = OrganisationFactory(name="GGZ Test")
    ParticipantFactory(network=alliance, organisation=holder)
    return holder


def test_request_goes_to_the_lead_when_nobody_holds_a_mandate(alliance):
    assert request_route(network=alliance) == alliance.lead


def test_request_goes_to_the_lead_when_the_register_returns_nobody(alliance, monkeypatch):
    monkeypatch.setattr(commitments_selectors, "mandate_holders_for", lambda *, network: [])

    assert request_route(network=alliance) == alliance.lead


def test_request_goes_to_the_mandate_holder(alliance, holder, executive):
    mandate(alliance, holder, executive)

    assert request_route(network=alliance) == holder


def test_an_ended_mandate_no_longer_routes(alliance, holder, executive):
    mandate(alliance, holder, executive, valid_from_days=-300, valid_until_days=-1)

    assert request_route(network=alliance) == alliance.lead


def test_with_several_holders_the_register_order_decides(alliance, holder, executive):
    other = OrganisationFactory(name="Welzijn Test")
    ParticipantFactory(network=alliance, organisation=other)
    mandate(alliance, holder, executive, valid_until_days=None)
    mandate(alliance, other, executive)

    assert request_route(network=alliance) == holder  # "GGZ Test" before "Welzijn Test", by name


def test_the_mandate_holder_answers_a_raised_request(alliance, holder, executive, professional, member):
    mandate(alliance, holder, executive)
    holder_coordinator = UserFactory(organisation=holder, coordinator=True)
    request = services.request_raise(
        user=professional,
        network=alliance,
        category=Category.PROFESSIONAL,
        urgency=Urgency.NORMAL,
        title="Ambulant begeleider nodig",
        description="Begeleiding thuis stopt zolang de behandeling op zich laat wachten.",
    )
    holder_member = UserFactory(organisation=holder)

    with pytest.raises(PermissionDenied):
        services.request_decline(user=holder_member, request=request, text="Nee.")
    request = services.request_grant(
        user=holder_coordinator,
        request=request,
        text="Begeleider van ons team sluit aan.",
        done_by="Team ambulant",
        done_by_date=timezone.localdate() + datetime.timedelta(days=3),
    )

    assert request.routed_to == holder
    assert request.status == Status.GRANTED

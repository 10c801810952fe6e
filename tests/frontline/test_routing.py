"""Routing: a request goes to the holder of the mandate chosen or best matching (commitments' register), or to the lead."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import OrganisationFactory, ParticipantFactory, UserFactory
from tests.frontline.factories import ExecutionAllianceFactory
from verbond.commitments.models import Mandate
from verbond.frontline import services
from verbond.frontline.models import Category, Request, Status, Urgency
from verbond.frontline.selectors import Route, request_route


def mandate(network, holder, decided_by, *, valid_from_days=-30, valid_until_days=300, team="Wijkteam",
            scope="Mag woningen uit de urgentievoorraad toewijzen."):
    today = timezone.localdate()
    return Mandate.objects.create(
        network=network,
        granting_organisation=network.lead,
        holder_organisation=holder,
        team_or_role=team,
        hours_per_week=8,
        scope=scope,
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


@pytest.fixture
def other_holder(alliance):
    other = OrganisationFactory(name="Welzijn Test")
    ParticipantFactory(network=alliance, organisation=other)
    return other


def raise_request(professional, alliance, *, title="Ambulant begeleider nodig", mandate=None,
                  description="Begeleiding thuis stopt zolang de behandeling op zich laat wachten."):
    return services.request_raise(
        user=professional,
        network=alliance,
        category=Category.PROFESSIONAL,
        urgency=Urgency.NORMAL,
        title=title,
        description=description,
        mandate=mandate,
    )


def test_request_goes_to_the_lead_when_nobody_holds_a_mandate(alliance, professional):
    request = raise_request(professional, alliance)

    assert (request.routed_to, request.mandate) == (alliance.lead, None)


def test_request_goes_to_the_mandate_holder(alliance, holder, executive, professional):
    held = mandate(alliance, holder, executive)

    request = raise_request(professional, alliance)

    assert (request.routed_to, request.mandate) == (holder, held)


def test_an_ended_or_future_mandate_does_not_route(alliance, holder, executive, professional):
    mandate(alliance, holder, executive, valid_from_days=-300, valid_until_days=-1)
    mandate(alliance, holder, executive, valid_from_days=5, valid_until_days=None)

    assert raise_request(professional, alliance).routed_to == alliance.lead


def test_with_several_mandates_the_one_that_matches_the_request_decides(
    alliance, holder, other_holder, executive, professional
):
    mandate(alliance, holder, executive, team="Woonconsulenten", scope="Een woning toewijzen buiten de regels om.")
    debts = mandate(alliance, other_holder, executive, team="Schuldhulpverleners",
                    scope="Direct een schuldhulptraject starten.")

    request = raise_request(
        professional, alliance, title="Schuldhulpverlener mee op huisbezoek",
        description="Bij huurachterstand spelen vaak meer schulden; een schuldhulptraject moet direct kunnen starten.",
    )

    assert (request.routed_to, request.mandate) == (other_holder, debts)


def test_when_no_mandate_matches_better_the_register_order_decides(
    alliance, holder, other_holder, executive
):
    first = mandate(alliance, holder, executive, valid_until_days=None)
    mandate(alliance, other_holder, executive)

    route = request_route(network=alliance, text="Iets heel anders.")

    assert route == Route(organisation=holder, mandate=first)  # "GGZ Test" before "Welzijn Test", by name


def test_the_professional_may_choose_the_mandate(alliance, holder, other_holder, executive, professional):
    mandate(alliance, holder, executive, team="Schuldhulpverleners", scope="Direct een schuldhulptraject starten.")
    chosen = mandate(alliance, other_holder, executive, team="Buurtcoaches", scope="Inzet in de wijk.")

    request = raise_request(professional, alliance, title="Schuldhulp nodig", mandate=chosen)

    assert (request.routed_to, request.mandate) == (other_holder, chosen)


def test_a_mandate_of_another_network_or_ended_cannot_be_chosen(alliance, holder, executive, professional):
    ended = mandate(alliance, holder, executive, valid_from_days=-300, valid_until_days=-1)
    elsewhere = mandate(ExecutionAllianceFactory(lead=alliance.lead, name="Elders"), holder, executive)

    for wrong in (ended, elsewhere):
        with pytest.raises(ValidationError) as error:
            raise_request(professional, alliance, mandate=wrong)
        assert "mandate" in error.value.message_dict
    assert not Request.objects.exists()


def test_the_mandate_holder_answers_a_raised_request(alliance, holder, executive, professional, member):
    mandate(alliance, holder, executive)
    holder_coordinator = UserFactory(organisation=holder, coordinator=True)
    request = raise_request(professional, alliance)
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

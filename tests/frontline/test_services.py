import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import NetworkFactory, UserFactory
from tests.frontline.factories import RequestFactory
from verbond.frontline import services
from verbond.frontline.models import Category, Request, Status, Step, Urgency

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
FRIDAY_MORNING = datetime.datetime(2026, 11, 27, 9, 0, tzinfo=AMSTERDAM)


def raise_request(user, network, **overrides):
    arguments = {
        "user": user,
        "network": network,
        "category": Category.HOUSE,
        "urgency": Urgency.URGENT,
        "title": "Woning nodig voor uitstroom",
        "description": "Cliënt is klaar voor zelfstandig wonen, maar er is geen woning met begeleiding.",
        "now": FRIDAY_MORNING,
    }
    return services.request_raise(**(arguments | overrides))


def test_professional_raises_a_request_routed_to_the_lead_with_a_deadline(professional, alliance):
    request = raise_request(professional, alliance)

    assert request.routed_to == alliance.lead
    assert request.raised_by_organisation == professional.organisation
    assert request.status == Status.RAISED
    assert timezone.localtime(request.due_at) == datetime.datetime(2026, 12, 1, 9, 0, tzinfo=AMSTERDAM)
    assert [(step.kind, step.by) for step in request.steps.all()] == [(Status.RAISED, professional)]


def test_request_can_only_be_raised_in_an_execution_alliance(professional, partner):
    tactical = NetworkFactory(participants=[partner])

    with pytest.raises(ValidationError) as error:
        raise_request(professional, tactical)

    assert services.NOT_AN_EXECUTION_ALLIANCE in error.value.messages
    assert not Request.objects.exists()


def test_user_of_an_organisation_outside_the_network_cannot_raise(stranger, alliance):
    with pytest.raises(PermissionDenied):
        raise_request(stranger, alliance)


def test_request_with_personal_data_is_not_stored_and_says_what_was_found(professional, alliance):
    with pytest.raises(ValidationError) as error:
        raise_request(professional, alliance, description="Mevrouw (BSN 111222333) belt op 06-12345678.")

    message = error.value.message_dict["description"][0]
    assert "111222333" in message and "06-12345678" in message
    assert "citizen service number" in message and "phone number" in message
    assert not Request.objects.exists()
    assert not Step.objects.exists()


def test_request_text_with_look_alikes_is_stored(professional, alliance):
    request = raise_request(
        professional, alliance, description="Dossier 123456789, order 2026-004512, wacht sinds 2019."
    )

    assert request.pk is not None


def test_lead_coordinator_grants_with_what_who_and_when(professional, alliance, coordinator):
    request = raise_request(professional, alliance)
    later = FRIDAY_MORNING + datetime.timedelta(days=1)

    request = services.request_grant(
        user=coordinator,
        request=request,
        text="Woning uit de urgentievoorraad toegewezen.",
        done_by="Team verhuur",
        done_by_date=timezone.localdate() + datetime.timedelta(days=7),
        now=later,
    )

    assert request.status == Status.GRANTED
    assert request.outcome == Status.GRANTED
    assert request.decided_at == later
    step = request.steps.last()
    assert (step.kind, step.by, step.organisation, step.done_by) == (
        Status.GRANTED,
        coordinator,
        coordinator.organisation,
        "Team verhuur",
    )


def test_grant_needs_what_who_and_when(professional, alliance, coordinator):
    request = raise_request(professional, alliance)

    with pytest.raises(ValidationError) as error:
        services.request_grant(user=coordinator, request=request, text="", done_by="", done_by_date=None)

    assert set(error.value.message_dict) == {"text", "done_by", "done_by_date"}


def test_decline_needs_a_reason(professional, alliance, executive):
    request = raise_request(professional, alliance)

    with pytest.raises(ValidationError):
        services.request_decline(user=executive, request=request, text=" ")
    request = services.request_decline(user=executive, request=request, text="Past niet in de regeling.")

    assert request.status == Status.DECLINED


@pytest.mark.parametrize("who", ["member_of_lead", "professional", "partner_coordinator"])
def test_only_coordinators_and_executives_of_the_routed_organisation_or_lead_answer(
    who, professional, alliance, member, partner
):
    request = raise_request(professional, alliance)
    users = {
        "member_of_lead": member,
        "professional": professional,
        "partner_coordinator": UserFactory(organisation=partner, coordinator=True),
    }

    with pytest.raises(PermissionDenied):
        services.request_decline(user=users[who], request=request, text="Nee.")

    assert Request.objects.get().status == Status.RAISED


def test_escalated_request_may_be_answered_by_executives_of_the_organisations_involved(
    professional, alliance, coordinator, partner_executive
):
    request = raise_request(professional, alliance)

    services.request_escalate(user=coordinator, request=request, text="Dit overstijgt ons mandaat.")
    request = services.request_decline(
        user=partner_executive, request=Request.objects.get(), text="Geen budget dit jaar."
    )

    assert [step.kind for step in request.steps.all()] == [Status.RAISED, Status.ESCALATED, Status.DECLINED]


def test_answer_text_is_guarded_too(professional, alliance, coordinator):
    request = raise_request(professional, alliance)

    with pytest.raises(ValidationError):
        services.request_decline(user=coordinator, request=request, text="Mail naar jan@example.nl")

    assert Request.objects.get().status == Status.RAISED


def test_answered_request_cannot_be_answered_again(professional, alliance, coordinator):
    request = raise_request(professional, alliance)
    services.request_decline(user=coordinator, request=request, text="Nee.")

    with pytest.raises(ValidationError) as error:
        services.request_decline(user=coordinator, request=request, text="Nog steeds nee.")

    assert services.NOT_OPEN in error.value.messages


def test_closed_request_is_kept_and_reopened_with_a_reason_and_a_new_deadline(
    professional, alliance, coordinator
):
    request = raise_request(professional, alliance)
    services.request_decline(user=coordinator, request=request, text="Nee.", now=FRIDAY_MORNING)
    services.request_close(user=professional, request=request)
    monday = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=AMSTERDAM)

    with pytest.raises(ValidationError):
        services.request_reopen(user=professional, request=request, text="")
    request = services.request_reopen(
        user=professional, request=request, text="De situatie is veranderd.", now=monday
    )

    assert request.status == Status.REOPENED
    assert timezone.localtime(request.due_at) == datetime.datetime(2026, 12, 2, 9, 0, tzinfo=AMSTERDAM)
    assert request.outcome == Status.DECLINED
    assert [step.kind for step in request.steps.all()] == [
        Status.RAISED,
        Status.DECLINED,
        Status.CLOSED,
        Status.REOPENED,
    ]
    assert request.steps.last().text == "De situatie is veranderd."


def test_only_the_raiser_or_answerers_close_a_request(professional, alliance, partner):
    request = raise_request(professional, alliance)
    colleague = UserFactory(organisation=partner)

    with pytest.raises(PermissionDenied):
        services.request_close(user=colleague, request=request)


def test_open_request_cannot_be_reopened(professional, alliance):
    request = RequestFactory(network=alliance, raised_by=professional)

    with pytest.raises(ValidationError):
        services.request_reopen(user=professional, request=request, text="Nogmaals.")


def test_an_unanswered_request_is_answered_not_closed_by_those_who_answer(professional, alliance, coordinator):
    request = raise_request(professional, alliance)

    with pytest.raises(ValidationError) as error:
        services.request_close(user=coordinator, request=request)

    request.refresh_from_db()
    assert services.ANSWER_BEFORE_CLOSING in error.value.messages
    assert (request.status, request.steps.count()) == (Status.RAISED, 1)


def test_the_raiser_may_withdraw_an_unanswered_request(professional, alliance):
    request = services.request_close(user=professional, request=raise_request(professional, alliance), text="Opgelost.")

    assert request.status == Status.CLOSED


def test_those_who_answer_close_an_answered_request(professional, alliance, coordinator):
    request = raise_request(professional, alliance)
    services.request_decline(user=coordinator, request=request, text="Past niet.", now=FRIDAY_MORNING)

    request = services.request_close(user=coordinator, request=request)

    assert (request.status, request.outcome) == (Status.CLOSED, Status.DECLINED)


def test_a_description_longer_than_the_limit_is_refused(professional, alliance):
    with pytest.raises(ValidationError) as error:
        raise_request(professional, alliance, description="Situatie. " * 250)

    assert "description" in error.value.message_dict
    assert not Request.objects.exists()

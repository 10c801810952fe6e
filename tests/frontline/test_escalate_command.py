import datetime
import io
import json

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories import OrganisationFactory, ParticipantFactory, UserFactory
from tests.frontline.factories import RequestFactory
from verbond.frontline.models import Status


def run_escalate():
    out = io.StringIO()
    call_command("requests", "escalate", stdout=out)
    return json.loads(out.getvalue())


def test_overdue_request_is_escalated_and_the_executives_involved_are_mailed(
    alliance, professional, executive, partner_executive
):
    executive.email = "bestuurder@woon.example"
    executive.save()
    UserFactory(organisation=alliance.lead, coordinator=True, email="coordinator@woon.example")
    now = timezone.now()
    overdue = RequestFactory(
        network=alliance,
        raised_by=professional,
        raised_at=now - datetime.timedelta(days=20),
        due_at=now - datetime.timedelta(hours=1),
    )

    summary = run_escalate()

    overdue.refresh_from_db()
    assert summary == {"escalated": [overdue.pk], "emails": 2}
    assert overdue.status == Status.ESCALATED
    step = overdue.steps.last()
    assert (step.kind, step.by) == (Status.ESCALATED, None)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "bestuurder@woon.example",
        "exec@zorg.example",
    ]
    assert overdue.title in mail.outbox[0].subject
    assert f"/requests/{overdue.pk}/" in mail.outbox[0].body


def test_requests_within_their_deadline_or_answered_are_left_alone(alliance, professional):
    now = timezone.now()
    RequestFactory(network=alliance, raised_by=professional, due_at=now + datetime.timedelta(hours=1))
    RequestFactory(
        network=alliance,
        raised_by=professional,
        status=Status.GRANTED,
        due_at=now - datetime.timedelta(days=1),
    )

    assert run_escalate() == {"escalated": [], "emails": 0}
    assert mail.outbox == []


def test_escalating_twice_escalates_once(alliance, professional, partner_executive):
    now = timezone.now()
    RequestFactory(network=alliance, raised_by=professional, due_at=now - datetime.timedelta(days=1))

    first = run_escalate()
    second = run_escalate()

    assert len(first["escalated"]) == 1
    assert second == {"escalated": [], "emails": 0}
    assert len(mail.outbox) == 1


def test_escalation_reaches_the_leads_executives_when_a_mandate_holder_was_asked(
    alliance, professional, executive, partner_executive
):
    executive.email = "bestuurder@woon.example"
    executive.save()
    holder = OrganisationFactory(name="GGZ Houder")
    ParticipantFactory(network=alliance, organisation=holder)
    UserFactory(organisation=holder, executive=True, email="bestuur@ggz.example")
    now = timezone.now()
    RequestFactory(
        network=alliance,
        raised_by=professional,
        routed_to=holder,
        raised_at=now - datetime.timedelta(days=20),
        due_at=now - datetime.timedelta(hours=1),
    )

    run_escalate()

    assert sorted(message.to[0] for message in mail.outbox) == [
        "bestuur@ggz.example",
        "bestuurder@woon.example",
        "exec@zorg.example",
    ]

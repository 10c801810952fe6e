"""Pages around the rounds: criteria editing, inviting more people, closing, Dutch wording."""

import datetime
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.assessments.factories import RoundFactory
from tests.factories import NetworkFactory, OrganisationFactory
from verbond.assessments import services
from verbond.assessments.models import Criterion


def test_a_coordinator_adds_and_reweights_criteria(client_for, coordinator, organisation):
    client = client_for(coordinator)
    client.get(reverse("assessments:criteria"))
    urgency = Criterion.objects.get(organisation=organisation, key="urgency")

    created = client.post(
        reverse("assessments:criterion_create"),
        {"key": "learning", "name_nl": "Leren", "name_en": "Learning", "statement_nl": "We leren.", "weight": "0.5", "position": "90", "active": "on"},
    )
    edited = client.post(
        reverse("assessments:criterion_edit", args=[urgency.pk]),
        {"name_nl": "Urgentie", "name_en": "Urgency", "statement_nl": urgency.statement_nl, "weight": "2", "position": "1", "active": "on"},
    )

    assert created.status_code == edited.status_code == 302
    assert Criterion.objects.get(organisation=organisation, key="learning").weight == 0.5
    urgency.refresh_from_db()
    assert (urgency.key, urgency.name_nl, urgency.weight) == ("urgency", "Urgentie", 2)


def test_a_negative_weight_is_refused_with_a_message(client_for, coordinator):
    response = client_for(coordinator).post(
        reverse("assessments:criterion_create"),
        {"key": "x", "name_nl": "X", "statement_nl": "X", "weight": "-1", "position": "1"},
    )

    assert response.status_code == 200
    assert not Criterion.objects.filter(key="x").exists()


def test_members_see_criteria_but_cannot_change_them_and_strangers_cannot_edit_ours(client_for, member, stranger, coordinator):
    services.criteria_ensure_defaults(organisation=coordinator.organisation)
    ours = Criterion.objects.filter(organisation=coordinator.organisation).first()

    assert client_for(member).get(reverse("assessments:criteria")).status_code == 200
    assert client_for(member).get(reverse("assessments:criterion_edit", args=[ours.pk])).status_code == 403
    assert client_for(stranger).get(reverse("assessments:criterion_edit", args=[ours.pk])).status_code == 404


def test_inviting_more_partner_contacts_and_closing_the_round(client_for, coordinator, organisation):
    partner = OrganisationFactory(name="Welzijn Partner")
    network = NetworkFactory(lead=organisation, participants=[partner])
    round_ = services.round_open(user=coordinator, network=network, closes_on=timezone.localdate() + datetime.timedelta(days=3))
    client = client_for(coordinator)

    added = client.post(
        reverse("assessments:add_respondents", args=[round_.pk]),
        {
            "contact-TOTAL_FORMS": "1",
            "contact-INITIAL_FORMS": "0",
            "contact-0-name": "Wim Welzijn",
            "contact-0-email": "wim@example.org",
            "contact-0-organisation": partner.pk,
        },
    )
    incomplete = client.post(
        reverse("assessments:add_respondents", args=[round_.pk]),
        {"contact-TOTAL_FORMS": "1", "contact-INITIAL_FORMS": "0", "contact-0-name": "Zonder Adres"},
        follow=True,
    )
    closed = client.post(reverse("assessments:close", args=[round_.pk]))

    assert added.status_code == 302 and [m.to for m in mail.outbox] == [["wim@example.org"]]
    assert "needs a name, an e-mail address and an organisation" in incomplete.content.decode()
    assert closed.status_code == 302
    round_.refresh_from_db()
    assert round_.closed_at is not None and not round_.is_open
    token = re.search(r"/assessments/a/([\w-]+)/", mail.outbox[0].body).group(1)
    assert client.get(reverse("assessments:answer", args=[token])).status_code == 410


def test_the_answer_page_speaks_dutch_by_default(client, settings, coordinator, organisation):
    settings.LANGUAGE_CODE = "nl"
    partner = OrganisationFactory()
    network = NetworkFactory(lead=organisation, participants=[partner])
    services.round_open(
        user=coordinator,
        network=network,
        closes_on=timezone.localdate(),
        contacts=[services.Contact(name="P", email="p@example.org", organisation=partner)],
    )
    token = re.search(r"/assessments/a/([\w-]+)/", mail.outbox[0].body).group(1)

    body = client.get(reverse("assessments:answer", args=[token]), HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    assert "weet ik niet" in body
    assert "De partners zijn het erover eens dat dit probleem nu moet worden aangepakt." in body
    assert "Beste P," in mail.outbox[0].body


def test_the_round_page_offers_nothing_to_manage_to_a_member(client_for, member, network):
    round_ = RoundFactory(network=network)

    body = client_for(member).get(reverse("assessments:round", args=[round_.pk])).content.decode()

    assert "Close the round now" not in body
    assert "Invite more partner contacts" not in body

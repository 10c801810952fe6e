from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from verbond.decisions.services import decision_record
from verbond.networks import services
from verbond.networks.models import Participation


def edit_participation(user, network, hours):
    participation = Participation.objects.get(network=network, organisation=user.organisation)
    services.participation_save(
        user=user, network=network, version=participation.version, hours_per_month=Decimal(hours), costs_per_year=Decimal(0)
    )


def test_history_shows_who_changed_what(client_for, coordinator, network):
    client = client_for(coordinator)
    client.post(
        reverse("networks:edit", args=[network.pk]),
        {"name": "Nieuwe naam", "level": network.level, "lead": network.lead_id, "version": network.version},
    )

    content = client.get(reverse("networks:history", args=[network.pk])).content.decode()

    assert "Nieuwe naam" in content
    assert "Aanpak Huurachterstanden" in content
    assert "coordinator" in content


def test_history_shows_private_records_only_to_their_owner(client_for, coordinator, executive, network):
    partner = OrganisationFactory(name="Partner Zorg")
    network.participants.create(organisation=partner)
    edit_participation(coordinator, network, 13)
    decision_record(user=executive, network=network, kind="no", reason="Geheime reden")
    url = reverse("networks:history", args=[network.pk])

    ours = {event.subject for event in client_for(coordinator).get(url).context["events"]}
    theirs_response = client_for(UserFactory(organisation=partner)).get(url)
    theirs = {event.subject for event in theirs_response.context["events"]}

    assert {"participation", "decision", "network", "participant"} <= ours
    assert theirs == {"network", "participant"}
    assert "Partner Zorg" in theirs_response.content.decode()


def test_history_page_uses_a_fixed_number_of_queries(client_for, coordinator, network):
    client = client_for(coordinator)
    edit_participation(coordinator, network, 1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("networks:history", args=[network.pk]))

    for hours in range(2, 30):
        edit_participation(coordinator, network, hours)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("networks:history", args=[network.pk]))

    assert len(many) == len(few)


def test_strangers_get_404_on_the_history(client_for, stranger, network):
    assert client_for(stranger).get(reverse("networks:history", args=[network.pk])).status_code == 404

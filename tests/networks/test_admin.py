from django.urls import reverse

from tests.factories import DecisionFactory, UserFactory
from verbond.decisions.models import Decision
from verbond.networks.models import Network, Participation


def test_the_admin_cannot_delete_networks_decisions_or_participations(client_for, network, organisation):
    decision = DecisionFactory(network=network, organisation=organisation)
    participation = Participation.objects.get(network=network)
    client = client_for(UserFactory(organisation=None, is_superuser=True, is_staff=True))

    for name, obj in (
        ("networks_network", network),
        ("decisions_decision", decision),
        ("networks_participation", participation),
    ):
        response = client.post(reverse(f"admin:{name}_delete", args=[obj.pk]), {"post": "yes"})
        assert response.status_code == 403, name
    bulk = client.post(
        reverse("admin:networks_network_changelist"), {"action": "delete_selected", "_selected_action": [network.pk], "post": "yes"}
    )

    assert bulk.status_code in (200, 302)
    assert Network.objects.filter(pk=network.pk).exists()
    assert Decision.objects.filter(pk=decision.pk).exists()
    assert Participation.objects.filter(pk=participation.pk).exists()


def test_the_admin_can_archive_a_network_instead(client_for, network):
    client = client_for(UserFactory(organisation=None, is_superuser=True, is_staff=True))

    form = client.get(reverse("admin:networks_network_change", args=[network.pk])).context["adminform"]

    assert "archived_at" in form.form.fields

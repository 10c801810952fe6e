"""Who may do what through the API: the same rules as the pages, and no data of another organisation."""

import pytest

from tests.factories import (
    DecisionFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipationFactory,
    UserFactory,
)
from verbond.decisions.models import Decision


@pytest.fixture
def foreign(other_organisation):
    """A network of another organisation, with that organisation's private participation and decision."""
    network = NetworkFactory(lead=other_organisation, name="Elders Overleg")
    participation = ParticipationFactory(network=network, organisation=other_organisation, hours_per_month=99)
    decision = DecisionFactory(network=network, organisation=other_organisation, committed=True)
    return network, participation, decision


@pytest.fixture
def shared(organisation, other_organisation):
    """A network both organisations take part in; each has a private participation and decision."""
    network = NetworkFactory(lead=other_organisation, name="Gedeeld Netwerk", participants=[organisation])
    ParticipationFactory(network=network, organisation=organisation, hours_per_month=3)
    ParticipationFactory(network=network, organisation=other_organisation, hours_per_month=77)
    ours = DecisionFactory(network=network, organisation=organisation)
    theirs = DecisionFactory(network=network, organisation=other_organisation, committed=True)
    return network, ours, theirs


def test_another_organisations_network_is_404(api_for, executive, foreign):
    network, _participation, _decision = foreign

    responses = [
        api_for(executive).get(f"networks/{network.pk}"),
        api_for(executive).get(f"networks/{network.pk}/participants"),
        api_for(executive).get(f"networks/{network.pk}/participation"),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert all("Elders" not in r.content.decode() for r in responses)


def test_another_organisations_decision_is_404(api_for, executive, foreign):
    _network, _participation, decision = foreign

    response = api_for(executive).get(f"decisions/{decision.pk}")

    assert response.status_code == 404


def test_lists_never_contain_another_organisations_private_data(api_for, executive, shared, foreign):
    network, ours, theirs = shared
    api = api_for(executive)

    participations = api.get("participations").json()["items"]
    decisions = api.get("decisions").json()["items"]
    networks = api.get("networks").json()["items"]

    assert {p["hours_per_month"] for p in participations} == {3.0}
    assert [d["id"] for d in decisions] == [ours.pk]
    assert theirs.pk not in [d["id"] for d in decisions]
    assert [n["name"] for n in networks] == ["Gedeeld Netwerk"]


def test_participation_of_a_shared_network_is_our_own(api_for, executive, shared):
    network, _ours, _theirs = shared

    response = api_for(executive).get(f"networks/{network.pk}/participation")

    assert response.json()["hours_per_month"] == 3.0


def test_organisations_are_own_and_partners_with_capacity_only_for_own(
    api_for, executive, organisation, other_organisation, shared
):
    organisation.capacity_hours_per_month = 120
    organisation.save()
    other_organisation.capacity_hours_per_month = 500
    other_organisation.save()
    OrganisationFactory(name="Onbekende Stichting")

    items = api_for(executive).get("organisations").json()["items"]

    assert {o["name"]: o["capacity_hours_per_month"] for o in items} == {
        "Gemeente Elders": None,
        "Woonstichting Test": 120.0,
    }


def test_an_organisation_that_is_no_partner_is_404(api_for, executive):
    unknown = OrganisationFactory()

    response = api_for(executive).get(f"organisations/{unknown.pk}")

    assert response.status_code == 404


@pytest.mark.parametrize(("role", "status"), [("executive", 201), ("coordinator", 403), ("member", 403)])
def test_only_an_executive_records_a_decision(api_for, organisation, network, role, status):
    user = UserFactory(organisation=organisation, role=role)

    response = api_for(user).post(f"networks/{network.pk}/decisions", {"kind": "no", "reason": "Geen urgentie."})

    assert response.status_code == status
    assert network.decisions.exists() == (status == 201)


def test_a_stranger_cannot_decide_about_a_network_it_does_not_see(api_for, stranger, network):
    response = api_for(stranger).post(f"networks/{network.pk}/decisions", {"kind": "no", "reason": "x"})

    assert response.status_code == 404
    assert not Decision.objects.exists()


def test_a_decision_supersedes_the_current_one(api_for, executive, network):
    api = api_for(executive)
    first = api.post(f"networks/{network.pk}/decisions", {"kind": "no", "reason": "Eerst niet."}).json()

    second = api.post(
        f"networks/{network.pk}/decisions",
        {
            "kind": "committed_yes",
            "gate_urgency": True,
            "gate_courage": True,
            "gate_reciprocity": True,
            "put_in_hours_per_month": "8",
            "supersedes_id": first["id"],
        },
    )
    current = api.get("decisions", {"current": "true"}).json()["items"]

    assert second.status_code == 201
    assert [d["kind"] for d in current] == ["committed_yes"]
    assert api.get(f"decisions/{first['id']}").json()["current"] is False


def test_a_stale_supersedes_id_is_a_conflict(api_for, executive, network):
    api = api_for(executive)
    api.post(f"networks/{network.pk}/decisions", {"kind": "no", "reason": "Eerst niet."})

    response = api.post(f"networks/{network.pk}/decisions", {"kind": "no", "reason": "Nog steeds niet.", "supersedes_id": 999})

    assert response.status_code == 409
    assert response.json()["message"]


@pytest.mark.parametrize(("role", "status"), [("coordinator", 200), ("executive", 200), ("admin", 200), ("member", 403)])
def test_editors_record_the_participation(api_for, organisation, network, role, status):
    user = UserFactory(organisation=organisation, role=role)

    response = api_for(user).put(
        f"networks/{network.pk}/participation", {"hours_per_month": "12.5", "costs_per_year": "3000", "version": 1}
    )

    assert response.status_code == status
    if status == 200:
        assert response.json()["hours_per_month"] == 12.5
        assert response.json()["version"] == 2


def test_a_stale_participation_version_is_a_conflict(api_for, coordinator, network):
    body = {"hours_per_month": "1", "costs_per_year": "0", "version": 1}
    api_for(coordinator).put(f"networks/{network.pk}/participation", body)

    response = api_for(coordinator).put(f"networks/{network.pk}/participation", body)

    assert response.status_code == 409


def test_a_coordinator_registers_a_network(api_for, coordinator, organisation, other_organisation):
    response = api_for(coordinator).post(
        "networks", {"name": "Wijkteam Noord", "lead_id": other_organisation.pk, "level": "execution", "challenge_ids": [1]}
    )

    assert response.status_code == 201
    body = response.json()
    assert body["lead"]["name"] == "Gemeente Elders"
    assert body["registered_by_id"] == organisation.pk
    assert len(body["challenges"]) == 1


def test_a_member_may_not_register_a_network(api_for, member, organisation):
    response = api_for(member).post("networks", {"name": "Wijkteam Noord", "lead_id": organisation.pk})

    assert response.status_code == 403


def test_only_lead_or_registrar_changes_a_network(api_for, coordinator, organisation, other_organisation):
    network = NetworkFactory(lead=other_organisation, participants=[organisation])
    body = {"name": "Nieuwe naam", "lead_id": other_organisation.pk, "version": network.version}

    response = api_for(coordinator).put(f"networks/{network.pk}", body)

    assert response.status_code == 403


def test_a_network_update_with_a_stale_version_is_a_conflict(api_for, coordinator, network, organisation):
    body = {"name": "Nieuwe naam", "lead_id": organisation.pk, "version": network.version}
    first = api_for(coordinator).put(f"networks/{network.pk}", body)

    second = api_for(coordinator).put(f"networks/{network.pk}", body)

    assert first.status_code == 200
    assert first.json()["version"] == network.version + 1
    assert second.status_code == 409


def test_participants_are_set_through_the_service(api_for, coordinator, network, organisation, other_organisation):
    response = api_for(coordinator).put(
        f"networks/{network.pk}/participants",
        {"participants": [{"organisation_id": other_organisation.pk, "role": "funder"}], "version": network.version},
    )

    assert response.status_code == 200
    assert {(p["organisation"]["name"], p["role"]) for p in response.json()} == {
        ("Woonstichting Test", "lead"),
        ("Gemeente Elders", "funder"),
    }


def test_setting_participants_with_a_stale_version_is_a_conflict(api_for, coordinator, network, other_organisation):
    api = api_for(coordinator)
    body = {"participants": [{"organisation_id": other_organisation.pk, "role": "funder"}], "version": network.version}

    first = api.put(f"networks/{network.pk}/participants", body)
    second = api.put(f"networks/{network.pk}/participants", {**body, "participants": []})
    missing = api.put(f"networks/{network.pk}/participants", {"participants": []})

    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["current"]["version"] == network.version + 1
    assert missing.status_code == 422
    assert network.participants.filter(organisation=other_organisation).exists()


def test_an_archived_network_leaves_the_list(api_for, coordinator, network):
    api = api_for(coordinator)

    response = api.post(f"networks/{network.pk}/archive")

    assert response.status_code == 200
    assert api.get("networks").json()["count"] == 0
    assert api.get(f"networks/{network.pk}").status_code == 404

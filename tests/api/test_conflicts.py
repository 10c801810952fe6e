"""No lost updates through the API: every change of an existing record names the version it was based on, and a
conflict (409) answers with the record as it is now, in the same shape as its GET."""

import pytest
from django.test import Client

from tests.api.factories import INDICATOR
from tests.factories import NetworkFactory, UserFactory

pytest.importorskip("verbond.commitments.services")
pytest.importorskip("verbond.outcomes.services")

from tests.commitments.factories import PledgeFactory  # noqa: E402
from verbond.commitments.models import PledgeStatus  # noqa: E402

PARTICIPATION = {"hours_per_month": "4", "costs_per_year": "1000"}
PLEDGE_TERMS = {
    "description": "Drie wijkcoaches",
    "quantity": "24",
    "unit": "uren per maand",
    "period_start": "2026-01-01",
    "accountable_person": "P. de Vries",
    "due_date": "2026-12-31",
}


# --- participation ----------------------------------------------------------------------------------------------


def test_changing_an_existing_participation_without_a_version_is_refused(api_for, coordinator, network):
    api = api_for(coordinator)

    response = api.put(f"networks/{network.pk}/participation", {**PARTICIPATION, "hours_per_month": "40"})

    assert response.status_code == 422
    assert "version" in response.json()["errors"]
    assert api.get(f"networks/{network.pk}/participation").json()["hours_per_month"] == 6.0


def test_a_first_participation_needs_no_version(api_for, coordinator, organisation):
    network = NetworkFactory(lead=organisation)

    response = api_for(coordinator).put(f"networks/{network.pk}/participation", PARTICIPATION)

    assert response.status_code == 200
    assert response.json()["version"] == 1


def test_a_participation_conflict_carries_the_current_participation(api_for, coordinator, network):
    api = api_for(coordinator)
    api.put(f"networks/{network.pk}/participation", {**PARTICIPATION, "hours_per_month": "8", "version": 1})

    response = api.put(f"networks/{network.pk}/participation", {**PARTICIPATION, "hours_per_month": "9", "version": 1})

    assert response.status_code == 409
    body = response.json()
    assert body["message"] and body["errors"] == {}
    assert body["current"] == api.get(f"networks/{network.pk}/participation").json()
    assert body["current"]["hours_per_month"] == 8.0 and body["current"]["version"] == 2


# --- network ----------------------------------------------------------------------------------------------------


def test_a_network_conflict_carries_the_current_network(api_for, coordinator, network, organisation):
    api = api_for(coordinator)
    body = {"lead_id": organisation.pk, "version": network.version}
    api.put(f"networks/{network.pk}", {**body, "name": "Eerste naam"})

    response = api.put(f"networks/{network.pk}", {**body, "name": "Tweede naam"})

    assert response.status_code == 409
    assert response.json()["current"] == api.get(f"networks/{network.pk}").json()
    assert response.json()["current"]["name"] == "Eerste naam"


def test_a_network_change_without_a_version_is_refused(api_for, coordinator, network, organisation):
    response = api_for(coordinator).put(f"networks/{network.pk}", {"name": "Zonder versie", "lead_id": organisation.pk})

    assert response.status_code == 422
    assert "version" in response.json()["errors"]


# --- indicator --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("stamp", [None, ""])
def test_changing_an_indicator_without_its_edit_stamp_is_refused(api_for, coordinator, network, stamp):
    api = api_for(coordinator)
    indicator = api.post(f"networks/{network.pk}/indicators", INDICATOR).json()
    body = {**INDICATOR, "name": "Zonder stempel"} | ({} if stamp is None else {"edit_stamp": stamp})

    response = api.put(f"indicators/{indicator['id']}", body)

    assert response.status_code == 422
    assert "edit_stamp" in response.json()["errors"]
    assert api.get(f"indicators/{indicator['id']}").json()["name"] == INDICATOR["name"]


def test_an_indicator_conflict_carries_the_current_indicator(api_for, coordinator, network):
    api = api_for(coordinator)
    indicator = api.post(f"networks/{network.pk}/indicators", INDICATOR).json()
    api.put(f"indicators/{indicator['id']}", {**INDICATOR, "name": "Eerste", "edit_stamp": indicator["edit_stamp"]})

    response = api.put(f"indicators/{indicator['id']}", {**INDICATOR, "name": "Tweede", "edit_stamp": indicator["edit_stamp"]})

    assert response.status_code == 409
    assert response.json()["current"] == api.get(f"indicators/{indicator['id']}").json()
    assert response.json()["current"]["name"] == "Eerste"


# --- decision ---------------------------------------------------------------------------------------------------


def test_a_decision_that_does_not_name_the_current_one_is_a_conflict(api_for, executive, network):
    api = api_for(executive)
    first = api.post(f"networks/{network.pk}/decisions", {"kind": "no", "reason": "Eerst niet."}).json()

    response = api.post(f"networks/{network.pk}/decisions", {"kind": "no", "reason": "Toch niet, zonder te kijken."})

    assert response.status_code == 409
    assert response.json()["current"] == api.get(f"decisions/{first['id']}").json()
    assert api.get("decisions").json()["count"] == 1


# --- pledge -----------------------------------------------------------------------------------------------------


@pytest.fixture
def pledge(network, organisation):
    return PledgeFactory(network=network, organisation=organisation, description="Twee wijkcoaches")


def test_a_coordinator_changes_the_terms_of_our_pledge(api_for, coordinator, pledge):
    api = api_for(coordinator)
    read = api.get(f"pledges/{pledge.pk}").json()

    response = api.put(f"pledges/{pledge.pk}", {**PLEDGE_TERMS, "edit_stamp": read["edit_stamp"]})

    assert response.status_code == 200
    body = response.json()
    assert (body["description"], body["quantity"], body["accountable_person"]) == ("Drie wijkcoaches", 24.0, "P. de Vries")
    assert body["kind"] == read["kind"] and body["status"] == PledgeStatus.PLEDGED
    assert body["edit_stamp"] != read["edit_stamp"]
    assert body == api.get(f"pledges/{pledge.pk}").json()


def test_a_stale_pledge_change_is_409_with_the_current_pledge(api_for, coordinator, pledge):
    api = api_for(coordinator)
    stamp = api.get(f"pledges/{pledge.pk}").json()["edit_stamp"]
    api.put(f"pledges/{pledge.pk}", {**PLEDGE_TERMS, "description": "Eerste", "edit_stamp": stamp})

    response = api.put(f"pledges/{pledge.pk}", {**PLEDGE_TERMS, "description": "Tweede", "edit_stamp": stamp})

    assert response.status_code == 409
    assert response.json()["current"] == api.get(f"pledges/{pledge.pk}").json()
    assert response.json()["current"]["description"] == "Eerste"


def test_a_status_change_since_reading_makes_a_pledge_change_stale(api_for, coordinator, pledge):
    api = api_for(coordinator)
    stamp = api.get(f"pledges/{pledge.pk}").json()["edit_stamp"]
    api.post(f"pledges/{pledge.pk}/status", {"status": "delivered", "note": "Geleverd."})

    response = api.put(f"pledges/{pledge.pk}", {**PLEDGE_TERMS, "edit_stamp": stamp})

    assert response.status_code == 409
    assert response.json()["current"]["status"] == "delivered"


def test_a_pledge_in_another_organisations_network_is_404(api_for, coordinator, other_organisation):
    theirs = PledgeFactory(network=NetworkFactory(lead=other_organisation), organisation=other_organisation)

    response = api_for(coordinator).put(f"pledges/{theirs.pk}", {**PLEDGE_TERMS, "edit_stamp": "2026-01-01T00:00:00+00:00"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.description != PLEDGE_TERMS["description"]


def test_a_partner_sees_our_pledge_but_cannot_change_its_terms(api_for, pledge, network, other_organisation):
    network.participants.create(organisation=other_organisation)
    partner = api_for(UserFactory(organisation=other_organisation, coordinator=True))
    stamp = partner.get(f"pledges/{pledge.pk}").json()["edit_stamp"]

    response = partner.put(f"pledges/{pledge.pk}", {**PLEDGE_TERMS, "edit_stamp": stamp})

    assert response.status_code == 403
    pledge.refresh_from_db()
    assert pledge.description == "Twee wijkcoaches"


def test_a_member_cannot_change_a_pledge(api_for, member, pledge):
    api = api_for(member)
    stamp = api.get(f"pledges/{pledge.pk}").json()["edit_stamp"]

    assert api.put(f"pledges/{pledge.pk}", {**PLEDGE_TERMS, "edit_stamp": stamp}).status_code == 403


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"quantity": "0"}, "quantity"),
        ({"period_end": "2025-01-01"}, "period_end"),
        ({"description": ""}, "description"),
        ({"due_date": "morgen"}, "due_date"),
        ({"edit_stamp": None}, "edit_stamp"),
    ],
)
def test_a_bad_pledge_change_is_a_field_error(api_for, coordinator, pledge, change, field):
    api = api_for(coordinator)
    body = {**PLEDGE_TERMS, "edit_stamp": api.get(f"pledges/{pledge.pk}").json()["edit_stamp"]} | change
    body = {key: value for key, value in body.items() if value is not None}

    response = api.put(f"pledges/{pledge.pk}", body)

    assert response.status_code == 422
    assert field in response.json()["errors"]
    pledge.refresh_from_db()
    assert pledge.description == "Twee wijkcoaches"


def test_a_read_only_token_cannot_change_a_pledge(api_for, coordinator, pledge):
    api = api_for(coordinator, write=False)
    stamp = api.get(f"pledges/{pledge.pk}").json()["edit_stamp"]

    assert api.put(f"pledges/{pledge.pk}", {**PLEDGE_TERMS, "edit_stamp": stamp}).status_code in (401, 403)


# --- the schema -------------------------------------------------------------------------------------------------

# Create-or-change: `version` is required once the participation exists (tested above), so optional in the schema.
CREATE_OR_CHANGE = {("put", "/api/v1/networks/{network_id}/participation")}


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def test_every_change_of_a_versioned_record_requires_its_version_and_documents_the_current_record_on_409(db):
    schema = Client().get("/api/v1/openapi.json").json()
    checked = []

    for path, item in schema["paths"].items():
        for method in ("put", "patch"):
            if method not in item:
                continue
            operation = item[method]
            answer = _resolve(schema, operation["responses"]["200"]["content"]["application/json"]["schema"])
            stamps = {"version", "edit_stamp"} & set(answer.get("properties", {}))
            if not stamps:
                continue
            body = _resolve(schema, operation["requestBody"]["content"]["application/json"]["schema"])
            conflict = _resolve(schema, operation["responses"]["409"]["content"]["application/json"]["schema"])
            if (method, path) not in CREATE_OR_CHANGE:
                assert stamps <= set(body.get("required", [])), f"{method.upper()} {path} must require {stamps}"
            current = conflict["properties"].get("current", {})
            assert "$ref" in str(current), f"{method.upper()} {path}: its 409 must carry the current record"
            checked.append(f"{method.upper()} {path}")

    assert {"PUT /api/v1/networks/{network_id}", "PUT /api/v1/indicators/{indicator_id}", "PUT /api/v1/pledges/{pledge_id}"} <= set(checked)

"""Pledges, capacity, indicators and measurements through the API, by the other apps' services."""

import datetime

import pytest
from django.utils import timezone

from tests.api.factories import INDICATOR
from tests.factories import NetworkFactory, UserFactory

pytest.importorskip("verbond.commitments.services")
pytest.importorskip("verbond.outcomes.services")

PLEDGE = {
    "kind": "hours",
    "description": "Twee wijkcoaches",
    "quantity": "16",
    "period_start": "2026-01-01",
    "accountable_person": "J. Jansen",
    "due_date": "2026-06-30",
}


def test_a_coordinator_pledges_and_records_delivery(api_for, coordinator, network):
    api = api_for(coordinator)

    created = api.post(f"networks/{network.pk}/pledges", PLEDGE)
    pledge_id = created.json()["id"]
    delivered = api.post(f"pledges/{pledge_id}/status", {"status": "delivered", "note": "Geleverd."})

    assert created.status_code == 201
    assert created.json()["unit"]
    assert delivered.status_code == 200
    assert delivered.json()["status"] == "delivered"
    assert api.get("pledges", {"network": network.pk}).json()["count"] == 1


def test_a_member_may_not_pledge(api_for, member, network):
    response = api_for(member).post(f"networks/{network.pk}/pledges", PLEDGE)

    assert response.status_code == 403


def test_a_pledge_rule_is_a_field_error(api_for, coordinator, network):
    response = api_for(coordinator).post(
        f"networks/{network.pk}/pledges", {**PLEDGE, "quantity": "0", "period_end": "2025-01-01"}
    )

    assert response.status_code == 422
    assert {"quantity", "period_end"} <= set(response.json()["errors"])


def test_pledges_of_another_organisations_network_are_invisible(api_for, executive, stranger, other_organisation):
    theirs = NetworkFactory(lead=other_organisation)
    pledge = api_for(stranger).post(f"networks/{theirs.pk}/pledges", PLEDGE).json()

    assert api_for(executive).get(f"pledges/{pledge['id']}").status_code == 404
    assert api_for(executive).get("pledges").json()["count"] == 0


def test_a_partner_sees_our_pledge_but_cannot_change_it(api_for, coordinator, organisation, other_organisation, network):
    network.participants.create(organisation=other_organisation)
    partner = UserFactory(organisation=other_organisation, coordinator=True)
    pledge = api_for(coordinator).post(f"networks/{network.pk}/pledges", PLEDGE).json()

    seen = api_for(partner).get(f"pledges/{pledge['id']}")
    changed = api_for(partner).post(f"pledges/{pledge['id']}/status", {"status": "withdrawn", "note": "Nee."})

    assert seen.status_code == 200
    assert changed.status_code == 403


@pytest.mark.parametrize(("role", "status"), [("executive", 200), ("admin", 200), ("coordinator", 403), ("member", 403)])
def test_capacity_is_set_by_executives_and_admins(api_for, organisation, role, status):
    user = UserFactory(organisation=organisation, role=role)

    response = api_for(user).put("organisations/own/capacity", {"capacity_hours_per_month": "120"})

    assert response.status_code == status
    if status == 200:
        assert response.json()["capacity_hours_per_month"] == 120.0


def test_indicator_and_measurements_with_corrections(api_for, coordinator, network):
    api = api_for(coordinator)
    indicator = api.post(f"networks/{network.pk}/indicators", INDICATOR).json()
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()

    added = api.post(f"indicators/{indicator['id']}/measurements", {"date": yesterday, "value": "65"})
    corrected = api.post(f"measurements/{added.json()['id']}/correction", {"value": "66", "source": "CBS"})
    history = api.get(f"indicators/{indicator['id']}/measurements").json()

    assert added.status_code == 201
    assert corrected.status_code == 201
    assert [(m["value"], m["current"]) for m in history] == [(66.0, True), (65.0, False)]


def test_an_indicator_target_on_the_wrong_side_is_422(api_for, coordinator, network):
    response = api_for(coordinator).post(f"networks/{network.pk}/indicators", {**INDICATOR, "target_value": "40"})

    assert response.status_code == 422
    assert "target_value" in response.json()["errors"]


def test_only_the_owner_changes_an_indicator(api_for, coordinator, organisation, other_organisation, network):
    network.participants.create(organisation=other_organisation)
    partner = UserFactory(organisation=other_organisation, coordinator=True)
    indicator = api_for(coordinator).post(f"networks/{network.pk}/indicators", INDICATOR).json()

    response = api_for(partner).put(
        f"indicators/{indicator['id']}", {**INDICATOR, "name": "Anders", "edit_stamp": indicator["edit_stamp"]}
    )

    assert response.status_code == 403
    assert api_for(partner).get("indicators").json()["count"] == 1


def test_indicators_of_another_organisations_network_are_404(api_for, executive, stranger, other_organisation):
    theirs = NetworkFactory(lead=other_organisation)
    indicator = api_for(stranger).post(f"networks/{theirs.pk}/indicators", INDICATOR).json()

    assert api_for(executive).get(f"indicators/{indicator['id']}").status_code == 404
    assert api_for(executive).get(f"indicators/{indicator['id']}/measurements").status_code == 404


def test_a_stale_indicator_change_is_409_and_changes_nothing(api_for, coordinator, network):
    api = api_for(coordinator)
    indicator = api.post(f"networks/{network.pk}/indicators", INDICATOR).json()
    stamp = indicator["edit_stamp"]

    first = api.put(f"indicators/{indicator['id']}", INDICATOR | {"name": "Eerste", "edit_stamp": stamp})
    second = api.put(f"indicators/{indicator['id']}", INDICATOR | {"name": "Tweede", "edit_stamp": stamp})

    assert first.status_code == 200 and first.json()["edit_stamp"] != stamp
    assert second.status_code == 409
    assert api.get(f"indicators/{indicator['id']}").json()["name"] == "Eerste"

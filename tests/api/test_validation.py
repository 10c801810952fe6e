"""Bad input is a 4xx with a JSON message and field details, never a 500."""

import re

import pytest

from tests.factories import NetworkFactory


def test_malformed_json_is_400(api_for, executive, network):
    response = api_for(executive).post(f"networks/{network.pk}/decisions", raw="{not json")

    assert response.status_code == 400
    assert response.json()["message"]


def test_a_body_that_is_not_an_object_is_422(api_for, executive, network):
    response = api_for(executive).post(f"networks/{network.pk}/decisions", raw="[1, 2, 3]")

    assert response.status_code == 422


def test_wrong_types_are_422_per_field(api_for, coordinator, network):
    response = api_for(coordinator).put(
        f"networks/{network.pk}/participation", {"hours_per_month": "veel", "costs_per_year": [1], "notes": 5}
    )

    body = response.json()
    assert response.status_code == 422
    assert set(body["errors"]) == {"hours_per_month", "costs_per_year", "notes"}
    assert body["message"]


@pytest.mark.parametrize(
    "value", [1e30, "99999999999999999999", -1, "NaN", "Infinity", "1.123456"], ids=str
)
def test_out_of_range_numbers_are_422(api_for, coordinator, network, value):
    response = api_for(coordinator).put(
        f"networks/{network.pk}/participation", {"hours_per_month": value, "costs_per_year": 0}
    )

    assert response.status_code == 422
    assert "hours_per_month" in response.json()["errors"]


@pytest.mark.parametrize("path", ["networks/99999999999999999999999999", "networks/-1", "decisions/abc", "organisations/0"])
def test_huge_negative_or_non_numeric_ids_are_422(api_for, executive, path):
    response = api_for(executive).get(path)

    assert response.status_code == 422


@pytest.mark.parametrize("path", ["networks/987654", "decisions/987654", "organisations/987654", "networks/987654/participation"])
def test_unknown_ids_are_404(api_for, executive, path):
    response = api_for(executive).get(path)

    assert response.status_code == 404
    assert response.json()["message"]


def test_text_with_nul_or_lone_surrogates_is_422(api_for, coordinator, network):
    response = api_for(coordinator).put(
        f"networks/{network.pk}/participation",
        raw='{"hours_per_month": 1, "costs_per_year": 1, "notes": "a\\u0000b", "representatives": "\\ud800"}',
    )

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"notes", "representatives"}


def test_a_service_rule_is_422_with_the_services_message(api_for, executive, network):
    response = api_for(executive).post(f"networks/{network.pk}/decisions", {"kind": "conditional_yes"})

    errors = response.json()["errors"]
    assert response.status_code == 422
    assert errors["conditions"] == ["A conditional yes names its conditions."]
    assert errors["deadline"] == ["A conditional yes needs a deadline."]


def test_unknown_lead_or_challenge_is_422(api_for, coordinator):
    response = api_for(coordinator).post("networks", {"name": "X", "lead_id": 987654, "challenge_ids": [987654]})

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"lead_id", "challenge_ids"}


def test_a_duplicate_network_name_is_422(api_for, coordinator, organisation, network):
    response = api_for(coordinator).post("networks", {"name": network.name, "lead_id": organisation.pk})

    assert response.status_code == 422


def test_end_before_start_is_422(api_for, coordinator, organisation):
    response = api_for(coordinator).post(
        "networks", {"name": "X", "lead_id": organisation.pk, "start_date": "2025-05-01", "end_date": "2024-01-01"}
    )

    assert response.status_code == 422


@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 10_000}, {"offset": -1}, {"offset": 10**30}, {"level": "x"}])
def test_bad_list_parameters_are_422(api_for, executive, query):
    response = api_for(executive).get("networks", query)

    assert response.status_code == 422


def test_lists_are_paginated_and_filtered(api_for, executive, organisation):
    for name in ["Alfa", "Bravo", "Charlie", "Delta"]:
        NetworkFactory(lead=organisation, name=name, level="strategic" if name != "Delta" else "tactical")
    api = api_for(executive)

    page = api.get("networks", {"limit": 2, "offset": 1, "level": "strategic"}).json()
    found = api.get("networks", {"q": "rav"}).json()

    assert page["count"] == 3
    assert [n["name"] for n in page["items"]] == ["Bravo", "Charlie"]
    assert [n["name"] for n in found["items"]] == ["Bravo"]


def test_list_uses_a_fixed_number_of_queries(api_for, executive, organisation, django_assert_max_num_queries):
    api = api_for(executive)
    NetworkFactory(lead=organisation)
    api.get("networks")
    for _ in range(5):
        NetworkFactory(lead=organisation)

    with django_assert_max_num_queries(6):
        response = api.get("networks")

    assert response.json()["count"] == 6


def test_openapi_schema_and_docs_are_served_without_external_scripts(client, db):
    schema = client.get("/api/v1/openapi.json")
    docs = client.get("/api/v1/docs")

    assert schema.status_code == 200
    assert "/api/v1/networks/{network_id}/decisions" in schema.json()["paths"]
    assert docs.status_code == 200
    assert not re.search(r'(src|href)="(https?:)?//', docs.content.decode())  # nothing from another host
    assert "/api/v1/networks" in docs.content.decode()

"""No lost updates: the second of two people editing the same pledge or indicator gets a conflict with both versions."""

from django.urls import reverse

from tests.commitments.factories import PledgeFactory
from tests.outcomes.factories import IndicatorFactory
from verbond.core.concurrency import edit_stamp


def pledge_form(pledge, **changes):
    data = {
        "description": pledge.description,
        "quantity": str(pledge.quantity),
        "unit": pledge.unit,
        "period_start": pledge.period_start.isoformat(),
        "accountable_person": pledge.accountable_person,
        "due_date": pledge.due_date.isoformat(),
        "edit_stamp": edit_stamp(pledge),
    }
    return data | changes


def test_a_second_editor_of_a_pledge_sees_both_versions_and_nothing_is_lost(
    client_for, coordinator, network, organisation
):
    pledge = PledgeFactory(network=network, organisation=organisation, description="Origineel")
    client = client_for(coordinator)
    url = reverse("commitments:pledge_edit", args=[pledge.pk])
    first, second = (
        pledge_form(pledge, description="Eerste editor"),
        pledge_form(pledge, description="Tweede editor"),
    )

    assert client.post(url, first).status_code == 302
    response = client.post(url, second)

    assert response.status_code == 200
    assert response.context["conflict"].description == "Eerste editor"
    assert "Eerste editor" in response.content.decode() and "Tweede editor" in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.description == "Eerste editor"


def test_after_a_conflict_saving_again_replaces_on_purpose(client_for, coordinator, network, organisation):
    pledge = PledgeFactory(network=network, organisation=organisation)
    client = client_for(coordinator)
    url = reverse("commitments:pledge_edit", args=[pledge.pk])
    client.post(url, pledge_form(pledge, description="Eerste"))
    conflict = client.post(url, pledge_form(pledge, description="Tweede"))

    resubmitted = conflict.context["form"].data.copy()
    response = client.post(url, resubmitted)

    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.description == "Tweede"


def test_a_stale_indicator_edit_is_refused(client_for, coordinator, network, organisation):
    indicator = IndicatorFactory(network=network, owner=organisation, name="Origineel")
    client = client_for(coordinator)
    url = reverse("outcomes:indicator_edit", args=[indicator.pk])
    data = {
        "kind": indicator.kind,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline_value": "40",
        "baseline_date": indicator.baseline_date.isoformat(),
        "target_value": "80",
        "target_date": indicator.target_date.isoformat(),
        "edit_stamp": edit_stamp(indicator),
    }

    client.post(url, data | {"name": "Eerste"})
    response = client.post(url, data | {"name": "Tweede"})

    assert response.status_code == 200 and response.context["conflict"].name == "Eerste"
    indicator.refresh_from_db()
    assert indicator.name == "Eerste"

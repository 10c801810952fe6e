"""No lost updates: the second of two people editing the same pledge or indicator gets a conflict with both versions."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.commitments.factories import PledgeFactory
from tests.factories import NetworkFactory
from tests.outcomes.factories import IndicatorFactory
from verbond.commitments.forms import PledgeForm
from verbond.core.concurrency import STAMP_MISSING, edit_stamp
from verbond.networks.forms import NetworkForm, ParticipationForm
from verbond.networks.models import Participation
from verbond.outcomes.forms import IndicatorForm


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


# --- an edit form without the version it was loaded with cannot be checked, so it is refused ---------------------


def _network_form(network, **changes):
    return {"name": network.name, "level": network.level, "lead": network.lead_id, "version": network.version} | changes


def _participation_form(participation, **changes):
    return {"hours_per_month": "7", "costs_per_year": "0", "version": participation.version} | changes


def _refused_for_a_missing_stamp(response) -> bool:
    return (
        response.status_code == 200
        and str(STAMP_MISSING) in response.context["form"].non_field_errors()
        and escape(str(STAMP_MISSING)) in response.content.decode()
    )


@pytest.mark.parametrize("stamp", [None, "", "2020-01-01 oops"])
def test_a_pledge_edit_without_its_edit_stamp_is_refused(client_for, coordinator, network, organisation, stamp):
    pledge = PledgeFactory(network=network, organisation=organisation, description="Origineel")
    data = pledge_form(pledge, description="Zonder stempel")
    data = {k: v for k, v in data.items() if k != "edit_stamp"} if stamp is None else data | {"edit_stamp": stamp}
    client = client_for(coordinator)

    response = client.post(reverse("commitments:pledge_edit", args=[pledge.pk]), data)

    if stamp is None or stamp == "":
        assert _refused_for_a_missing_stamp(response)
    else:
        assert response.status_code == 200 and response.context["conflict"] is not None  # a wrong stamp is stale
    pledge.refresh_from_db()
    assert pledge.description == "Origineel"


def test_an_indicator_edit_without_its_edit_stamp_is_refused(client_for, coordinator, network, organisation):
    indicator = IndicatorFactory(network=network, owner=organisation, name="Origineel")
    data = {
        "kind": indicator.kind,
        "name": "Zonder stempel",
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline_value": "40",
        "baseline_date": indicator.baseline_date.isoformat(),
        "target_value": "80",
        "target_date": indicator.target_date.isoformat(),
    }

    response = client_for(coordinator).post(reverse("outcomes:indicator_edit", args=[indicator.pk]), data)

    assert _refused_for_a_missing_stamp(response)
    indicator.refresh_from_db()
    assert indicator.name == "Origineel"


@pytest.mark.parametrize("version", [None, "", "twee", "0"])
def test_a_network_edit_without_its_version_is_refused(client_for, coordinator, network, version):
    data = _network_form(network, name="Zonder versie")
    data = {k: v for k, v in data.items() if k != "version"} if version is None else data | {"version": version}

    response = client_for(coordinator).post(reverse("networks:edit", args=[network.pk]), data)

    assert _refused_for_a_missing_stamp(response)
    network.refresh_from_db()
    assert network.name == "Aanpak Huurachterstanden"


def test_a_participation_edit_without_its_version_is_refused(client_for, coordinator, network):
    participation = Participation.objects.get(network=network)
    data = {k: v for k, v in _participation_form(participation).items() if k != "version"}

    response = client_for(coordinator).post(reverse("networks:participation", args=[network.pk]), data)

    assert _refused_for_a_missing_stamp(response)
    participation.refresh_from_db()
    assert participation.hours_per_month == 6


def test_a_first_participation_needs_no_version(client_for, coordinator, organisation):
    network = NetworkFactory(lead=organisation)

    response = client_for(coordinator).post(
        reverse("networks:participation", args=[network.pk]), {"hours_per_month": "3", "costs_per_year": "0"}
    )

    assert response.status_code == 302
    assert Participation.objects.get(network=network).hours_per_month == 3


@pytest.mark.parametrize("form_class", [PledgeForm, IndicatorForm, NetworkForm, ParticipationForm])
def test_a_form_for_a_new_record_has_no_stamp_and_an_edit_form_requires_one(form_class, network, organisation):
    existing = {
        PledgeForm: lambda: PledgeFactory(network=network, organisation=organisation),
        IndicatorForm: lambda: IndicatorFactory(network=network, owner=organisation),
        NetworkForm: lambda: network,
        ParticipationForm: lambda: Participation.objects.get(network=network),
    }[form_class]()

    new, editing = form_class(), form_class(instance=existing)

    # Our participation is created or updated by the same form, so a new one carries an empty version.
    stamps = {"edit_stamp", "version"} & set(new.fields)
    assert stamps == ({"version"} if form_class is ParticipationForm else set())
    assert not any(new.fields[name].required for name in stamps)
    assert [name for name in ("edit_stamp", "version") if name in editing.fields and editing.fields[name].required]


def test_after_a_conflict_a_network_edit_replaces_on_purpose(client_for, coordinator, network):
    client = client_for(coordinator)
    url = reverse("networks:edit", args=[network.pk])
    client.post(url, _network_form(network, name="Eerste"))
    conflict = client.post(url, _network_form(network, name="Tweede"))

    response = client.post(url, conflict.context["form"].data.copy())

    assert conflict.context["conflict"].name == "Eerste"
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.name == "Tweede"

"""A pledge's terms: changed only while it is still owed, and every change is a dated entry in its history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.commitments.factories import MandateFactory
from tests.factories import UserFactory
from verbond.commitments import services
from verbond.commitments.models import Mandate, Pledge, PledgeKind, PledgeStatus
from verbond.core.concurrency import edit_stamp

TODAY = timezone.localdate


def _pledge(user, network):
    return services.pledge_create(
        user=user,
        network=network,
        kind=PledgeKind.HOURS,
        description="Twee wijkconsulenten",
        quantity=Decimal("10"),
        period_start=TODAY() - datetime.timedelta(days=10),
        accountable_person="Manager wonen",
        due_date=TODAY() + datetime.timedelta(days=60),
    )


def _terms(pledge, **changes):
    terms = {
        "description": pledge.description,
        "quantity": pledge.quantity,
        "unit": pledge.unit,
        "period_start": pledge.period_start,
        "period_end": pledge.period_end,
        "accountable_person": pledge.accountable_person,
        "due_date": pledge.due_date,
        # As a form loaded just now would carry it.
        "edit_stamp": edit_stamp(Pledge.objects.get(pk=pledge.pk)),
    }
    return terms | changes


@pytest.mark.parametrize("status", [PledgeStatus.DELIVERED, PledgeStatus.WITHDRAWN])
def test_terms_are_frozen_once_delivered_or_withdrawn(coordinator, network, status):
    pledge = _pledge(coordinator, network)
    services.pledge_status_change(user=coordinator, pledge=pledge, status=status, note="Klaar.")

    with pytest.raises(ValidationError) as error:
        services.pledge_update(user=coordinator, pledge=pledge, **_terms(pledge, quantity=Decimal("40")))

    assert services.TERMS_FROZEN in error.value.messages
    pledge.refresh_from_db()
    assert pledge.quantity == 10 and pledge.status == status
    assert pledge.status_changes.count() == 2


def test_a_term_change_of_an_open_pledge_is_a_dated_history_entry(coordinator, network):
    pledge = _pledge(coordinator, network)
    services.pledge_status_change(
        user=coordinator,
        pledge=pledge,
        status=PledgeStatus.PARTLY_DELIVERED,
        delivered_quantity=Decimal("4"),
        note="Eén gestart.",
    )

    services.pledge_update(
        user=coordinator,
        pledge=pledge,
        note="Afgesproken in het kernteam.",
        **_terms(pledge, quantity=Decimal("40"), accountable_person="Teamleider"),
    )

    pledge.refresh_from_db()
    assert pledge.quantity == 40 and pledge.status == PledgeStatus.PARTLY_DELIVERED
    entry = pledge.status_changes.order_by("created_at", "pk").last()
    assert entry.terms_changed and entry.changed_on == TODAY() and entry.changed_by == coordinator
    assert entry.status == PledgeStatus.PARTLY_DELIVERED and entry.delivered_quantity == 4
    assert "Quantity: 10 → 40" in entry.note
    assert "Accountable person: Manager wonen → Teamleider" in entry.note
    assert "Afgesproken in het kernteam." in entry.note
    assert "Description" not in entry.note  # unchanged terms are not listed


def test_saving_unchanged_terms_adds_no_history(coordinator, network):
    pledge = _pledge(coordinator, network)

    services.pledge_update(user=coordinator, pledge=pledge, **_terms(pledge))

    assert pledge.status_changes.count() == 1


def test_partly_delivered_pledge_cannot_promise_less_than_delivered(coordinator, network):
    pledge = _pledge(coordinator, network)
    services.pledge_status_change(
        user=coordinator,
        pledge=pledge,
        status=PledgeStatus.PARTLY_DELIVERED,
        delivered_quantity=Decimal("6"),
        note="Deels.",
    )

    with pytest.raises(ValidationError) as error:
        services.pledge_update(user=coordinator, pledge=pledge, **_terms(pledge, quantity=Decimal("6")))

    assert "quantity" in error.value.message_dict


def test_a_status_change_may_still_be_dated_before_a_term_change(coordinator, network):
    pledge = Pledge.objects.get(pk=_pledge(coordinator, network).pk)
    first = pledge.status_changes.get()
    first.changed_on = TODAY() - datetime.timedelta(days=5)
    first.save()
    services.pledge_update(user=coordinator, pledge=pledge, **_terms(pledge, quantity=Decimal("12")))

    services.pledge_status_change(
        user=coordinator,
        pledge=pledge,
        status=PledgeStatus.DELIVERED,
        note="Gisteren geleverd.",
        changed_on=TODAY() - datetime.timedelta(days=1),
    )

    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.DELIVERED and pledge.delivered_quantity == 12


def test_edit_page_of_a_delivered_pledge_refuses_and_the_history_shows_term_changes(
    client_for, coordinator, network
):
    pledge = _pledge(coordinator, network)
    client = client_for(coordinator)
    url = reverse("commitments:pledge_edit", args=[pledge.pk])
    data = {
        "description": pledge.description,
        "quantity": "12",
        "unit": pledge.unit,
        "period_start": pledge.period_start.isoformat(),
        "accountable_person": pledge.accountable_person,
        "due_date": pledge.due_date.isoformat(),
        "edit_stamp": edit_stamp(pledge),
        "note": "Meer uren nodig.",
    }
    assert client.post(url, data).status_code == 302
    detail = client.get(reverse("commitments:pledge_detail", args=[pledge.pk])).content.decode()
    assert "terms changed" in detail and "Meer uren nodig." in detail and "Edit pledge" in detail

    services.pledge_status_change(user=coordinator, pledge=pledge, status=PledgeStatus.DELIVERED, note="Klaar.")
    pledge.refresh_from_db()
    response = client.post(url, data | {"quantity": "40", "edit_stamp": edit_stamp(pledge)})

    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.quantity == 12
    assert "Edit pledge" not in client.get(response.url).content.decode()


def test_admin_cannot_delete_pledges_or_mandates(client_for, coordinator, network, organisation):
    pledge = _pledge(coordinator, network)
    mandate = MandateFactory(network=network)
    admin = UserFactory(organisation=organisation, is_superuser=True, is_staff=True)
    client = client_for(admin)

    for model, obj in (("pledge", pledge), ("mandate", mandate)):
        url = reverse(f"admin:commitments_{model}_delete", args=[obj.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403, model
    assert Pledge.objects.filter(pk=pledge.pk).exists() and Mandate.objects.filter(pk=mandate.pk).exists()


def test_admin_shows_a_delivered_pledge_read_only(client_for, coordinator, network, organisation):
    pledge = _pledge(coordinator, network)
    services.pledge_status_change(user=coordinator, pledge=pledge, status=PledgeStatus.DELIVERED, note="Klaar.")
    admin = UserFactory(organisation=organisation, is_superuser=True, is_staff=True)

    form = client_for(admin).get(reverse("admin:commitments_pledge_change", args=[pledge.pk])).context["adminform"]

    assert "quantity" not in form.form.fields

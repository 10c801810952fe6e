import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.commitments.factories import PledgeFactory
from tests.factories import OrganisationFactory, UserFactory
from verbond.commitments import services
from verbond.commitments.models import Pledge, PledgeKind, PledgeStatus, PledgeStatusChange

TODAY = timezone.localdate


def _pledge(user, network, **overrides):
    arguments = {
        "kind": PledgeKind.HOURS,
        "description": "Twee wijkconsulenten",
        "quantity": Decimal("16"),
        "period_start": TODAY() - datetime.timedelta(days=10),
        "accountable_person": "Manager wonen",
        "due_date": TODAY() + datetime.timedelta(days=60),
    }
    arguments.update(overrides)
    return services.pledge_create(user=user, network=network, **arguments)


def test_pledge_starts_as_pledged_with_one_history_entry(coordinator, network):
    pledge = _pledge(coordinator, network)

    assert pledge.status == PledgeStatus.PLEDGED
    assert pledge.unit == "hours per month"  # the kind's default unit
    assert [c.status for c in pledge.status_changes.all()] == [PledgeStatus.PLEDGED]


def test_pledge_lifecycle_appends_dated_history_and_never_deletes(coordinator, network):
    pledge = _pledge(coordinator, network)

    services.pledge_status_change(
        user=coordinator,
        pledge=pledge,
        status=PledgeStatus.PARTLY_DELIVERED,
        delivered_quantity=Decimal("8"),
        note="Eén consulent gestart.",
    )
    services.pledge_status_change(
        user=coordinator, pledge=pledge, status=PledgeStatus.DELIVERED, note="Beide gestart."
    )
    services.pledge_status_change(
        user=coordinator, pledge=pledge, status=PledgeStatus.WITHDRAWN, note="Netwerk gestopt."
    )

    pledge.refresh_from_db()
    history = list(pledge.status_changes.order_by("created_at", "pk"))
    assert [c.status for c in history] == ["pledged", "partly_delivered", "delivered", "withdrawn"]
    assert [c.delivered_quantity for c in history] == [0, 8, 16, 16]
    assert history[1].changed_on == TODAY()
    assert pledge.status == PledgeStatus.WITHDRAWN
    assert Pledge.objects.filter(pk=pledge.pk).exists()


def test_withdrawn_pledge_cannot_change_again(coordinator, network):
    pledge = _pledge(coordinator, network)
    services.pledge_status_change(
        user=coordinator, pledge=pledge, status=PledgeStatus.WITHDRAWN, note="Gestopt."
    )

    with pytest.raises(ValidationError) as error:
        services.pledge_status_change(
            user=coordinator, pledge=pledge, status=PledgeStatus.DELIVERED, note="Toch."
        )

    assert services.WITHDRAWN_IS_FINAL in error.value.message_dict["status"]
    assert PledgeStatusChange.objects.filter(pledge=pledge).count() == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"quantity": Decimal("0")}, "quantity"),
        ({"quantity": Decimal("-3")}, "quantity"),
        ({"kind": PledgeKind.OTHER, "unit": ""}, "unit"),
        ({"period_end": TODAY() - datetime.timedelta(days=11)}, "period_end"),
    ],
)
def test_pledge_rejects_bad_terms(coordinator, network, overrides, field):
    with pytest.raises(ValidationError) as error:
        _pledge(coordinator, network, **overrides)

    assert field in error.value.message_dict
    assert not Pledge.objects.exists()


def test_pledge_period_may_end_on_its_start_day(coordinator, network):
    start = TODAY()

    pledge = _pledge(coordinator, network, period_start=start, period_end=start)

    assert pledge.period_end == start


@pytest.mark.parametrize(
    ("status", "delivered", "ok"),
    [
        (PledgeStatus.PARTLY_DELIVERED, None, False),
        (PledgeStatus.PARTLY_DELIVERED, Decimal("0"), False),
        (PledgeStatus.PARTLY_DELIVERED, Decimal("16"), False),
        (PledgeStatus.PARTLY_DELIVERED, Decimal("4"), True),
        (PledgeStatus.NOT_DELIVERED, None, True),
    ],
)
def test_partly_delivered_needs_a_quantity_between_zero_and_pledged(
    coordinator, network, status, delivered, ok
):
    pledge = _pledge(coordinator, network)

    call = lambda: services.pledge_status_change(  # noqa: E731
        user=coordinator, pledge=pledge, status=status, note="Stand van zaken.", delivered_quantity=delivered
    )

    if ok:
        call()
    else:
        with pytest.raises(ValidationError):
            call()


def test_status_change_cannot_be_dated_before_the_previous_one(coordinator, network):
    pledge = _pledge(coordinator, network)

    with pytest.raises(ValidationError) as error:
        services.pledge_status_change(
            user=coordinator,
            pledge=pledge,
            status=PledgeStatus.DELIVERED,
            note="Geleverd.",
            changed_on=TODAY() - datetime.timedelta(days=1),
        )

    assert services.CHANGED_BEFORE_PREVIOUS in error.value.message_dict["changed_on"]


def test_status_change_needs_a_note_and_no_future_date(coordinator, network):
    pledge = _pledge(coordinator, network)

    with pytest.raises(ValidationError) as error:
        services.pledge_status_change(
            user=coordinator,
            pledge=pledge,
            status=PledgeStatus.DELIVERED,
            note=" ",
            changed_on=TODAY() + datetime.timedelta(days=1),
        )

    assert set(error.value.message_dict) == {"note", "changed_on"}


def test_member_cannot_pledge(member, network):
    with pytest.raises(PermissionDenied):
        _pledge(member, network)


def test_only_the_pledging_organisation_changes_its_pledge(coordinator, network, other_organisation):
    partner = UserFactory(organisation=other_organisation, executive=True)
    network.participants.create(organisation=other_organisation)
    pledge = _pledge(coordinator, network)

    with pytest.raises(PermissionDenied):
        services.pledge_status_change(
            user=partner, pledge=pledge, status=PledgeStatus.NOT_DELIVERED, note="Niet!"
        )

    comment = services.pledge_comment(user=partner, pledge=pledge, text="Wanneer starten jullie?")
    assert comment.organisation == other_organisation


def test_non_participant_cannot_comment_or_pledge(stranger, coordinator, network):
    pledge = _pledge(coordinator, network)

    with pytest.raises(PermissionDenied):
        services.pledge_comment(user=stranger, pledge=pledge, text="Hallo")


def test_partner_sees_pledge_page_and_comments(client_for, coordinator, network, other_organisation):
    network.participants.create(organisation=other_organisation)
    partner = UserFactory(organisation=other_organisation)
    pledge = _pledge(coordinator, network)

    response = client_for(partner).post(
        reverse("commitments:pledge_detail", args=[pledge.pk]),
        {"action": "comment", "comment-text": "Graag een update."},
    )

    assert response.status_code == 302
    page = client_for(partner).get(reverse("commitments:pledge_detail", args=[pledge.pk]))
    assert "Graag een update." in page.content.decode()
    assert "Record a status change" not in page.content.decode()


def test_partner_cannot_post_a_status_change(client_for, coordinator, network, other_organisation):
    network.participants.create(organisation=other_organisation)
    partner = UserFactory(organisation=other_organisation, coordinator=True)
    pledge = _pledge(coordinator, network)

    response = client_for(partner).post(
        reverse("commitments:pledge_detail", args=[pledge.pk]),
        {
            "action": "status",
            "status-status": "not_delivered",
            "status-changed_on": TODAY().isoformat(),
            "status-note": "x",
        },
    )

    assert response.status_code == 403
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.PLEDGED


def test_status_form_shows_errors_instead_of_failing(client_for, coordinator, network):
    pledge = _pledge(coordinator, network)

    response = client_for(coordinator).post(
        reverse("commitments:pledge_detail", args=[pledge.pk]),
        {
            "action": "status",
            "status-status": "partly_delivered",
            "status-changed_on": TODAY().isoformat(),
            "status-note": "Deels",
        },
    )

    assert response.status_code == 200
    assert "give the delivered quantity" in response.content.decode()


def test_create_pledge_through_the_form(client_for, coordinator, network):
    response = client_for(coordinator).post(
        reverse("commitments:pledge_create", args=[network.pk]),
        {
            "kind": "budget",
            "description": "Bijdrage aan het fonds",
            "quantity": "25000",
            "unit": "",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "accountable_person": "Directeur",
            "due_date": "2026-06-30",
        },
    )

    pledge = Pledge.objects.get()
    assert response.status_code == 302
    assert pledge.unit == "euro"


def test_create_pledge_form_rejects_end_before_start(client_for, coordinator, network):
    response = client_for(coordinator).post(
        reverse("commitments:pledge_create", args=[network.pk]),
        {
            "kind": "homes",
            "description": "Woningen",
            "quantity": "5",
            "period_start": "2026-05-01",
            "period_end": "2026-04-01",
            "accountable_person": "Directeur",
            "due_date": "2026-06-30",
        },
    )

    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
    assert not Pledge.objects.exists()


def test_stranger_gets_404_for_pledges_of_networks_it_does_not_share(
    client_for, stranger, coordinator, network
):
    pledge = _pledge(coordinator, network)
    client = client_for(stranger)

    for url in (
        reverse("commitments:pledge_detail", args=[pledge.pk]),
        reverse("commitments:pledge_edit", args=[pledge.pk]),
        reverse("commitments:reciprocity", args=[network.pk]),
        reverse("commitments:pledge_create", args=[network.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_index_lists_only_our_own_pledges(client_for, coordinator, network):
    _pledge(coordinator, network, description="Onze inzet")
    other = OrganisationFactory()
    network.participants.create(organisation=other)
    PledgeFactory(network=network, organisation=other, description="Inzet van een partner")

    page = client_for(coordinator).get(reverse("commitments:index")).content.decode()

    assert "Onze inzet" in page
    assert "Inzet van een partner" not in page

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.commitments.factories import MandateFactory
from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from verbond.commitments import services
from verbond.commitments.models import Mandate
from verbond.commitments.selectors import mandate_holders_for, mandates_active_in

TODAY = timezone.localdate


@pytest.fixture
def lead():
    return OrganisationFactory(name="Gemeente Trekker")


@pytest.fixture
def shared_network(organisation, lead):
    return NetworkFactory(lead=lead, participants=[organisation])


def _grant(user, network, holder, **overrides):
    arguments = {
        "holder_organisation": holder,
        "team_or_role": "Wijkconsulenten",
        "hours_per_week": Decimal("12"),
        "scope": "Inzet bij dreigende uitzetting.",
        "valid_from": TODAY(),
    }
    arguments.update(overrides)
    return services.mandate_grant(user=user, network=network, **arguments)


def test_executive_grants_a_mandate_decided_by_themselves(executive, shared_network, lead):
    mandate = _grant(executive, shared_network, lead)

    assert mandate.granting_organisation == executive.organisation
    assert mandate.decided_by == executive
    assert list(mandates_active_in(network=shared_network)) == [mandate]
    assert mandate_holders_for(network=shared_network) == [lead]


@pytest.mark.parametrize("role", ["coordinator", "admin", "member"])
def test_only_an_executive_may_grant(organisation, shared_network, lead, role):
    user = UserFactory(organisation=organisation, **({role: True} if role != "member" else {}))

    with pytest.raises(PermissionDenied):
        _grant(user, shared_network, lead)

    assert not Mandate.objects.exists()


def test_executive_of_another_organisation_cannot_decide_our_mandate(organisation, shared_network, lead):
    other_executive = UserFactory(organisation=lead, executive=True)
    mandate = Mandate(
        network=shared_network,
        granting_organisation=organisation,
        holder_organisation=lead,
        team_or_role="Wijkconsulenten",
        hours_per_week=Decimal(4),
        scope="x",
        valid_from=TODAY(),
        decided_by=other_executive,
    )

    with pytest.raises(ValidationError) as error:
        mandate.full_clean()

    assert "decided_by" in error.value.message_dict


def test_holder_must_take_part_and_differ_from_the_grantor(executive, shared_network):
    outsider = OrganisationFactory()

    with pytest.raises(ValidationError) as outside:
        _grant(executive, shared_network, outsider)
    with pytest.raises(ValidationError) as itself:
        _grant(executive, shared_network, executive.organisation)

    assert services.HOLDER_NOT_PARTICIPANT in outside.value.message_dict["holder_organisation"]
    assert services.HOLDER_IS_GRANTOR in itself.value.message_dict["holder_organisation"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"hours_per_week": Decimal(0)}, "hours_per_week"),
        ({"valid_until": TODAY() - datetime.timedelta(days=1)}, "valid_until"),
    ],
)
def test_mandate_rejects_bad_terms(executive, shared_network, lead, overrides, field):
    with pytest.raises(ValidationError) as error:
        _grant(executive, shared_network, lead, **overrides)

    assert field in error.value.message_dict


def test_active_mandates_are_those_in_force_today(organisation, shared_network, lead):
    today = TODAY()
    day = datetime.timedelta(days=1)
    in_force = [
        MandateFactory(network=shared_network, granting_organisation=organisation, valid_from=today),
        MandateFactory(
            network=shared_network,
            granting_organisation=organisation,
            valid_from=today - day,
            valid_until=today,
        ),
    ]
    MandateFactory(network=shared_network, granting_organisation=organisation, valid_from=today + day)
    MandateFactory(
        network=shared_network,
        granting_organisation=organisation,
        valid_from=today - 9 * day,
        valid_until=today - day,
    )

    assert set(mandates_active_in(network=shared_network)) == set(in_force)
    assert mandate_holders_for(network=shared_network) == [lead]


def test_holders_are_distinct_and_sorted(organisation, shared_network, lead):
    acting = OrganisationFactory(name="Aaa Uitvoerder")
    shared_network.participants.create(organisation=acting)
    MandateFactory(network=shared_network, granting_organisation=organisation)
    MandateFactory(network=shared_network, granting_organisation=organisation)
    MandateFactory(network=shared_network, granting_organisation=organisation, holder_organisation=acting)

    assert mandate_holders_for(network=shared_network) == [acting, lead]


def test_grantor_or_holder_executive_may_end_a_mandate(executive, shared_network, lead):
    mandate = _grant(executive, shared_network, lead, valid_from=TODAY() - datetime.timedelta(days=5))
    coordinator = UserFactory(organisation=executive.organisation, coordinator=True)

    with pytest.raises(PermissionDenied):
        services.mandate_end(user=coordinator, mandate=mandate, valid_until=TODAY())
    services.mandate_end(
        user=UserFactory(organisation=lead, executive=True), mandate=mandate, valid_until=TODAY()
    )

    assert Mandate.objects.get().valid_until == TODAY()


def test_register_page_shows_both_directions_with_totals(client_for, executive, shared_network, lead):
    _grant(executive, shared_network, lead, team_or_role="Onze wijkconsulenten", hours_per_week=Decimal(12))
    MandateFactory(
        network=shared_network,
        granting_organisation=lead,
        holder_organisation=executive.organisation,
        team_or_role="Hun schuldhulpverleners",
        hours_per_week=Decimal(6),
    )

    response = client_for(executive).get(reverse("commitments:mandates"))

    page = response.content.decode()
    register = response.context["register"]
    assert (register.granted_active, register.granted_hours, register.held_active, register.held_hours) == (
        1,
        12,
        1,
        6,
    )
    assert "Onze wijkconsulenten" in page and "Hun schuldhulpverleners" in page
    granted, held = (
        page.index("Others may decide over our people"),
        page.index("We decide over the people of"),
    )
    assert granted < page.index("Onze wijkconsulenten") < held < page.index("Hun schuldhulpverleners")


def test_register_leaves_out_mandates_of_networks_we_do_not_share(
    client_for, stranger, executive, shared_network, lead
):
    _grant(executive, shared_network, lead, team_or_role="Onze wijkconsulenten")

    page = client_for(stranger).get(reverse("commitments:mandates")).content.decode()

    assert "Onze wijkconsulenten" not in page


def test_grant_form_requires_executive(client_for, coordinator, executive, shared_network, lead):
    url = reverse("commitments:mandate_create", args=[shared_network.pk])

    assert client_for(coordinator).get(url).status_code == 403
    response = client_for(executive).post(
        url,
        {
            "holder_organisation": lead.pk,
            "team_or_role": "Wijkconsulenten",
            "hours_per_week": "8",
            "scope": "Huurachterstanden",
            "valid_from": TODAY().isoformat(),
        },
    )
    assert response.status_code == 302
    assert Mandate.objects.get().decided_by == executive


def test_stranger_cannot_end_a_mandate(client_for, stranger, executive, shared_network, lead):
    mandate = _grant(executive, shared_network, lead)

    response = client_for(stranger).post(
        reverse("commitments:mandate_end", args=[mandate.pk]), {"valid_until": TODAY()}
    )

    assert response.status_code == 404

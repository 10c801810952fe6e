import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import NetworkFactory, OrganisationFactory
from verbond.core.errors import ConflictError
from verbond.networks import services
from verbond.networks.models import Level, Participant, ParticipantRole, Participation


def test_registering_a_network_makes_the_lead_and_our_organisation_participants(coordinator, other_organisation):
    network = services.network_create(user=coordinator, name="Wijkteam Noord", level=Level.EXECUTION, lead=other_organisation)

    roles = dict(network.participants.values_list("organisation_id", "role"))
    assert roles == {other_organisation.pk: ParticipantRole.LEAD, coordinator.organisation_id: ParticipantRole.PARTICIPANT}
    assert network.registered_by_id == coordinator.organisation_id


def test_a_network_name_is_unique_per_lead_organisation(coordinator, organisation, other_organisation):
    services.network_create(user=coordinator, name="Woonzorgoverleg", level=Level.TACTICAL, lead=organisation)

    with pytest.raises(ValidationError):
        services.network_create(user=coordinator, name="Woonzorgoverleg", level=Level.TACTICAL, lead=organisation)
    other = services.network_create(user=coordinator, name="Woonzorgoverleg", level=Level.TACTICAL, lead=other_organisation)
    assert other.pk


def test_an_end_date_cannot_lie_before_the_start(coordinator, organisation):
    with pytest.raises(ValidationError):
        services.network_create(
            user=coordinator,
            name="Kort",
            level=Level.TACTICAL,
            lead=organisation,
            start_date=datetime.date(2025, 5, 1),
            end_date=datetime.date(2025, 4, 30),
        )


def test_members_cannot_change_the_register(member, organisation):
    with pytest.raises(PermissionDenied):
        services.network_create(user=member, name="X", level=Level.TACTICAL, lead=organisation)


def test_participation_hours_and_costs_are_non_negative(coordinator, network):
    with pytest.raises(ValidationError):
        services.participation_save(
            user=coordinator, network=network, version=None, hours_per_month=Decimal("-1"), costs_per_year=Decimal(0)
        )


def test_a_stale_participation_edit_is_refused_with_the_current_version(coordinator, network):
    participation = Participation.objects.get(network=network)
    services.participation_save(
        user=coordinator, network=network, version=participation.version, hours_per_month=Decimal(8), costs_per_year=Decimal(0)
    )

    with pytest.raises(ConflictError) as conflict:
        services.participation_save(
            user=coordinator, network=network, version=participation.version, hours_per_month=Decimal(2), costs_per_year=Decimal(0)
        )

    assert conflict.value.current.hours_per_month == Decimal(8)
    participation.refresh_from_db()
    assert participation.hours_per_month == Decimal(8)


def test_a_stale_network_edit_is_refused(coordinator, network):
    services.network_update(user=coordinator, network=network, version=1, name="Nieuwe naam")

    with pytest.raises(ConflictError):
        services.network_update(user=coordinator, network=network, version=1, name="Oude poging")

    network.refresh_from_db()
    assert (network.name, network.version) == ("Nieuwe naam", 2)


def test_only_the_lead_or_registering_organisation_edits_the_shared_description(coordinator, organisation):
    partner_network = NetworkFactory(participants=[organisation])

    with pytest.raises(PermissionDenied):
        services.network_update(user=coordinator, network=partner_network, version=1, name="Overgenomen")


def test_participants_set_keeps_the_lead_and_applies_roles(coordinator, network):
    funder, adviser = OrganisationFactory(), OrganisationFactory()

    services.participants_set(user=coordinator, network=network, roles={funder: ParticipantRole.FUNDER, adviser: "adviser"})
    services.participants_set(user=coordinator, network=network, roles={funder: ParticipantRole.FUNDER})

    roles = dict(Participant.objects.filter(network=network).values_list("organisation_id", "role"))
    assert roles == {network.lead_id: ParticipantRole.LEAD, funder.pk: ParticipantRole.FUNDER}


def test_archiving_keeps_the_network_but_hides_it_from_the_portfolio(coordinator, network):
    from verbond.networks.selectors import portfolio

    services.network_archive(user=coordinator, network=network)

    network.refresh_from_db()
    assert network.archived_at is not None
    assert portfolio(organisation=network.lead).rows == []

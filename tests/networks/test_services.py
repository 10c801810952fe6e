import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import (
    ChallengeFactory,
    DecisionFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipationFactory,
    UserFactory,
)
from verbond.core.errors import ConflictError
from verbond.networks import services
from verbond.networks.models import Challenge, Level, Participant, ParticipantRole, Participation


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
    version = Participation.objects.get(network=network).version
    with pytest.raises(ValidationError):
        services.participation_save(
            user=coordinator, network=network, version=version, hours_per_month=Decimal("-1"), costs_per_year=Decimal(0)
        )


def test_a_first_participation_recorded_meanwhile_by_a_colleague_is_not_overwritten(coordinator, network):
    """The form was opened when there was no participation (no version); a colleague recorded one since."""
    recorded = Participation.objects.get(network=network)

    with pytest.raises(ConflictError) as conflict:
        services.participation_save(
            user=coordinator, network=network, version=None, hours_per_month=Decimal(3), costs_per_year=Decimal(0)
        )

    assert conflict.value.current == recorded
    assert Participation.objects.get(network=network).hours_per_month == recorded.hours_per_month


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

    network = services.participants_set(
        user=coordinator, network=network, roles={funder: ParticipantRole.FUNDER, adviser: "adviser"}, version=network.version
    )
    services.participants_set(user=coordinator, network=network, roles={funder: ParticipantRole.FUNDER}, version=network.version)

    roles = dict(Participant.objects.filter(network=network).values_list("organisation_id", "role"))
    assert roles == {network.lead_id: ParticipantRole.LEAD, funder.pk: ParticipantRole.FUNDER}


def test_archiving_keeps_the_network_but_hides_it_from_the_portfolio(coordinator, network):
    from verbond.networks.selectors import portfolio

    services.network_archive(user=coordinator, network=network)

    network.refresh_from_db()
    assert network.archived_at is not None
    assert portfolio(organisation=network.lead).rows == []


def test_a_partner_without_records_of_its_own_can_be_removed(coordinator, network):
    partner = OrganisationFactory()
    network.participants.create(organisation=partner)

    services.participants_set(user=coordinator, network=network, roles={}, version=network.version)

    assert not network.participants.filter(organisation=partner).exists()


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (lambda network, partner: DecisionFactory(network=network, organisation=partner), services.REMOVAL_HAS_DECISIONS),
        (
            lambda network, partner: ParticipationFactory(network=network, organisation=partner),
            services.REMOVAL_HAS_PARTICIPATION,
        ),
    ],
    ids=["decisions", "participation"],
)
def test_a_partner_with_its_own_history_cannot_be_removed(coordinator, network, record, message):
    partner = OrganisationFactory(name="Zorggroep Eigen Geschiedenis")
    network.participants.create(organisation=partner, role=ParticipantRole.FUNDER)
    record(network, partner)

    with pytest.raises(ValidationError) as error:
        services.participants_set(user=coordinator, network=network, roles={}, version=network.version)

    assert error.value.message_dict["participants"] == [message % {"name": partner.name}]
    assert "exit" in error.value.message_dict["participants"][0]
    assert network.participants.get(organisation=partner).role == ParticipantRole.FUNDER


def test_a_refused_removal_changes_no_other_participant(coordinator, network):
    kept, removable = OrganisationFactory(), OrganisationFactory()
    network.participants.create(organisation=kept)
    network.participants.create(organisation=removable)
    DecisionFactory(network=network, organisation=kept)
    newcomer = OrganisationFactory()

    with pytest.raises(ValidationError):
        services.participants_set(
            user=coordinator, network=network, roles={newcomer: ParticipantRole.ADVISER}, version=network.version
        )

    assert set(network.participants.values_list("organisation_id", flat=True)) == {network.lead_id, kept.pk, removable.pk}


def test_an_admin_adds_and_renames_a_challenge(organisation):
    admin = UserFactory(organisation=organisation, admin=True)

    challenge = services.challenge_save(user=admin, name="Armoede", name_en="Poverty")
    services.challenge_save(user=admin, challenge=challenge, name="Armoedebestrijding", name_en="Fighting poverty")

    challenge.refresh_from_db()
    assert (challenge.name, challenge.name_en) == ("Armoedebestrijding", "Fighting poverty")


def test_a_superuser_adds_a_challenge(db):
    superuser = UserFactory(organisation=None, is_superuser=True, is_staff=True)

    assert services.challenge_save(user=superuser, name="Digitale inclusie").pk


@pytest.mark.parametrize("role_fixture", ["coordinator", "executive", "member"])
def test_only_admins_change_the_shared_challenge_list(db, request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    challenge = ChallengeFactory(name="Proefopgave")

    with pytest.raises(PermissionDenied):
        services.challenge_save(user=user, name="Nieuwe opgave")
    with pytest.raises(PermissionDenied):
        services.challenge_save(user=user, challenge=challenge, name="Hernoemd")

    challenge.refresh_from_db()
    assert challenge.name == "Proefopgave"
    assert not Challenge.objects.filter(name="Nieuwe opgave").exists()


def test_a_participant_list_changed_since_it_was_loaded_is_a_conflict(coordinator, network, other_organisation):
    loaded = network.version
    services.participants_set(user=coordinator, network=network, roles={other_organisation: "funder"}, version=loaded)

    with pytest.raises(ConflictError):
        services.participants_set(user=coordinator, network=network, roles={}, version=loaded)

    assert network.participants.filter(organisation=other_organisation).exists()

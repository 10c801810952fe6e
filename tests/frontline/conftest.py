import pytest

from tests.factories import OrganisationFactory, ParticipantFactory, UserFactory
from tests.frontline.factories import ExecutionAllianceFactory


@pytest.fixture
def alliance(organisation):
    """An execution alliance led by `organisation`, with a partner organisation."""
    alliance = ExecutionAllianceFactory(lead=organisation, name="Uitstroom Beschermd Wonen")
    ParticipantFactory(network=alliance, organisation=OrganisationFactory(name="Zorggroep Test"))
    return alliance


@pytest.fixture
def partner(alliance):
    return alliance.participants.get(organisation__name="Zorggroep Test").organisation


@pytest.fixture
def professional(partner):
    """A member (professional at the front) of the partner organisation."""
    return UserFactory(organisation=partner, username="professional", email="professional@example.org")


@pytest.fixture
def partner_executive(partner):
    return UserFactory(
        organisation=partner, executive=True, username="partner-exec", email="exec@zorg.example"
    )

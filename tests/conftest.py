import pytest

from tests.factories import PASSWORD, NetworkFactory, OrganisationFactory, ParticipationFactory, UserFactory


@pytest.fixture(autouse=True)
def _isolated_settings(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Tests are about behaviour, not hashing cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "en"
    # Production keeps the cache in the database; tests that never touch the database may still use the cache.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Woonstichting Test", slug="woonstichting-test")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Gemeente Elders", slug="gemeente-elders")


@pytest.fixture
def executive(organisation):
    return UserFactory(organisation=organisation, executive=True, username="executive")


@pytest.fixture
def coordinator(organisation):
    return UserFactory(organisation=organisation, coordinator=True, username="coordinator")


@pytest.fixture
def member(organisation):
    return UserFactory(organisation=organisation, username="member")


@pytest.fixture
def stranger(other_organisation):
    """An executive of an organisation that takes part in none of `network`'s business."""
    return UserFactory(organisation=other_organisation, executive=True, username="stranger")


@pytest.fixture
def network(organisation):
    """A network led by `organisation`, with our participation recorded."""
    network = NetworkFactory(lead=organisation, name="Aanpak Huurachterstanden")
    ParticipationFactory(network=network, organisation=organisation, hours_per_month=6, costs_per_year=2500)
    return network


@pytest.fixture
def client_for(client):
    """Log a user in on the test client: `client_for(user)`."""

    def login(user):
        client.force_login(user)
        return client

    return login

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.factories import UserFactory
from verbond.accounts import services
from verbond.accounts.models import Role, User


def test_admin_creates_a_colleague_with_a_role(organisation):
    admin = UserFactory(organisation=organisation, admin=True)

    user = services.user_create(
        actor=admin, organisation=organisation, username="nieuw", password="een-lang-wachtwoord-99", role=Role.COORDINATOR
    )

    assert user.organisation == organisation and user.role == Role.COORDINATOR
    assert user.check_password("een-lang-wachtwoord-99")


def test_weak_passwords_are_refused(organisation):
    admin = UserFactory(organisation=organisation, admin=True)

    with pytest.raises(ValidationError):
        services.user_create(actor=admin, organisation=organisation, username="zwak", password="12345678")


@pytest.mark.parametrize("role", [Role.EXECUTIVE, Role.COORDINATOR, Role.MEMBER])
def test_only_admins_manage_users(organisation, role):
    actor = UserFactory(organisation=organisation, role=role)

    with pytest.raises(PermissionDenied):
        services.user_create(actor=actor, organisation=organisation, username="x", password="een-lang-wachtwoord-99")


def test_an_admin_cannot_touch_users_of_another_organisation(organisation, stranger):
    admin = UserFactory(organisation=organisation, admin=True)

    with pytest.raises(PermissionDenied):
        services.user_update(actor=admin, user=stranger, role=Role.MEMBER, is_active=False)


def test_the_last_admin_cannot_be_demoted(organisation):
    admin = UserFactory(organisation=organisation, admin=True)

    with pytest.raises(ValidationError):
        services.user_update(actor=admin, user=admin, role=Role.MEMBER, is_active=True)


def test_users_page_lists_only_own_colleagues(client_for, organisation, stranger):
    admin = UserFactory(organisation=organisation, admin=True, username="beheerder")

    response = client_for(admin).get(reverse("accounts:users"))

    assert b"beheerder" in response.content and b"stranger" not in response.content
    assert client_for(admin).get(reverse("accounts:user_edit", args=[stranger.pk])).status_code == 404


def test_login_and_logout(client, executive, password):
    response = client.post(reverse("accounts:login"), {"username": "executive", "password": password})
    assert response.status_code == 302

    client.post(reverse("accounts:logout"))
    assert client.get(reverse("networks:portfolio")).status_code == 302


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from django.conf import settings as django_settings

    from verbond import settings as verbond_settings

    assert verbond_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert django_settings.AUTH_USER_MODEL == "accounts.User"
    assert User._meta.get_field("role").choices

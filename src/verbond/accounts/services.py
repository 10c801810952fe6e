"""Managing an organisation's users; only its admins may."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from verbond.accounts.models import Role, User
from verbond.accounts.permissions import can_manage_users
from verbond.organisations.models import Organisation

ONLY_ADMINS = _("Only an admin of the organisation manages its users.")
NOT_YOUR_USER = _("This user belongs to another organisation.")
LAST_ADMIN = _("An organisation keeps at least one active admin.")


def _require_admin_of(actor: User, user: User | None = None) -> None:
    if not can_manage_users(actor):
        raise PermissionDenied(ONLY_ADMINS)
    if user is not None and user.organisation_id != actor.organisation_id:
        raise PermissionDenied(NOT_YOUR_USER)


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    organisation: Organisation,
    username: str,
    password: str,
    role: str = Role.MEMBER,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """Create a user of an organisation. `actor=None` is the installation itself (demo, superuser commands)."""
    if actor is not None:
        _require_admin_of(actor)
        if organisation.pk != actor.organisation_id:
            raise PermissionDenied(NOT_YOUR_USER)
    user = User(
        username=username,
        organisation=organisation,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, role: str, is_active: bool) -> User:
    """Change a colleague's role or (de)activate the account; an organisation keeps one admin."""
    _require_admin_of(actor, user)
    losing_admin = user.role == Role.ADMIN and user.is_active and (role != Role.ADMIN or not is_active)
    if losing_admin:
        other_admins = User.objects.filter(
            organisation_id=user.organisation_id, role=Role.ADMIN, is_active=True
        ).exclude(pk=user.pk)
        if not other_admins.exists():
            raise ValidationError(LAST_ADMIN)
    user.role = role
    user.is_active = is_active
    user.full_clean(exclude=["password"])
    user.save(update_fields=["role", "is_active"])
    return user

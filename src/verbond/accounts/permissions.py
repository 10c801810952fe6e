"""What a role may do: the one place that decides it."""

from verbond.accounts.models import Role, User

EDITOR_ROLES = {Role.ADMIN, Role.EXECUTIVE, Role.COORDINATOR}


def can_edit_register(user: User) -> bool:
    """Coordinators, executives and admins keep their organisation's register."""
    return bool(user.is_authenticated and user.organisation_id and user.role in EDITOR_ROLES)


def can_decide(user: User) -> bool:
    """Only an executive records decisions for the organisation."""
    return bool(user.is_authenticated and user.organisation_id and user.role == Role.EXECUTIVE)


def can_manage_users(user: User) -> bool:
    return bool(user.is_authenticated and user.organisation_id and user.role == Role.ADMIN)


def can_view_region(user: User) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.is_analyst))


def can_manage_challenges(user: User) -> bool:
    """The challenge list is shared by every organisation, so only admins and superusers change it."""
    return bool(user.is_authenticated and (user.is_superuser or can_manage_users(user)))


ANSWER_ROLES = {Role.EXECUTIVE, Role.COORDINATOR}


def can_manage_pledges(user: User) -> bool:
    """Coordinators and executives change their own organisation's pledges."""
    return bool(user.is_authenticated and user.organisation_id and user.role in ANSWER_ROLES)


def can_set_capacity(user: User) -> bool:
    """Executives and admins set how many hours per month the organisation can spend on networks."""
    return bool(user.is_authenticated and user.organisation_id and user.role in {Role.EXECUTIVE, Role.ADMIN})


def can_answer_requests(user: User) -> bool:
    """Coordinators and executives answer professionals' requests for their organisation (frontline)."""
    return bool(user.is_authenticated and user.organisation_id and user.role in ANSWER_ROLES)

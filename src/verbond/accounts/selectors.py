from django.db.models import QuerySet

from verbond.accounts.models import User


def colleagues_of(*, user: User) -> QuerySet[User]:
    """Users of the same organisation."""
    if not user.organisation_id:
        return User.objects.none()
    return User.objects.filter(organisation_id=user.organisation_id).order_by("last_name", "first_name", "username")

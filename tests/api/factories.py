import datetime

from django.utils import timezone

from verbond.api.models import ApiToken, TokenAccess
from verbond.api.services import token_create

# A valid indicator as the API takes it.
INDICATOR = {
    "kind": "better_off",
    "name": "Huishoudens zonder huurachterstand",
    "unit": "%",
    "direction": "higher",
    "baseline_value": "60",
    "baseline_date": "2025-01-01",
    "target_value": "80",
    "target_date": "2027-01-01",
}


def make_token(user, *, write: bool = True, name: str = "test") -> str:
    """A raw token for the user (read-and-write unless write=False)."""
    _token, raw = token_create(user=user, name=name, access=TokenAccess.READ_WRITE if write else TokenAccess.READ)
    return raw


def expire(raw_prefix_token: str) -> None:
    """Let a token expire (as if its expiry day has passed)."""
    ApiToken.objects.filter(prefix=raw_prefix_token[:8]).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

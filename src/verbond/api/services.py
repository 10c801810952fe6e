"""Personal API tokens: created, used and revoked by their owner."""

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbond.accounts.models import User
from verbond.api.models import ApiToken, TokenAccess

TOKEN_PREFIX = "vb_"  # noqa: S105  # nosec B105 - a visible marker on tokens, not a secret
EXPIRY_IN_PAST = _("The expiry date must lie in the future.")
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def token_create(
    *, user: User, name: str, access: str = TokenAccess.READ, expires_on: datetime.date | None = None
) -> tuple[ApiToken, str]:
    """Create a token for the user; returns it with the raw token, which is never stored or shown again."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = None
    if expires_on is not None:
        if expires_on <= timezone.localdate():
            raise ValidationError({"expires_on": [EXPIRY_IN_PAST]})
        # Valid through the whole expiry day, in the installation's time zone.
        expires_at = timezone.make_aware(datetime.datetime.combine(expires_on, datetime.time.max))
    token = ApiToken(
        user=user, name=name.strip(), access=access, expires_at=expires_at, token_hash=hash_token(raw), prefix=raw[:8]
    )
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; it stops working at once."""
    token = get_object_or_404(ApiToken.objects.filter(user=user), pk=token_id)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(*, raw: str) -> ApiToken | None:
    """The usable token with this value (and its user), or None; records when it was last used."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = ApiToken.objects.usable().select_related("user", "user__organisation").filter(
        token_hash=hash_token(raw)
    ).first()
    if token is None:
        return None
    now = timezone.now()
    # Writing on every request would make each read a write; a minute is precise enough to see use.
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token

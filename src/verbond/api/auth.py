"""Bearer authentication with personal API tokens."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from verbond.accounts.models import User
from verbond.api.services import token_authenticate

READ_ONLY_TOKEN = _("This token is read-only; create a read-and-write token to change data.")


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; `write=True` also demands a read-and-write token."""

    def __init__(self, *, write: bool = False) -> None:
        super().__init__()
        self.write = write

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        api_token = token_authenticate(raw=token)
        if api_token is None:
            return None
        if self.write and not api_token.can_write:
            raise PermissionDenied(READ_ONLY_TOKEN)
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


read = TokenAuth()
write = TokenAuth(write=True)

"""The client's address, as the login lockout and the link-guessing throttle count it."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind VERBOND_PROXY_COUNT trusted proxies the address the outermost of them saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with N proxies the client
    is the N-th entry from the right; anything further left was written by the client and is not trusted.
    """
    proxies = getattr(settings, "VERBOND_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote

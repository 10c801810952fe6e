"""Rate-limit guessing of personal links: failed look-ups are counted per client address in the cache."""

from django.core.cache import cache
from django.http import HttpRequest

from verbond.core.client import client_address

MAX_FAILURES = 10
WINDOW_SECONDS = 60 * 60


def _key(request: HttpRequest) -> str:
    # As the login lockout counts: behind the load balancer, per client, so one guesser does not lock out everyone.
    return f"assessments:link-failures:{client_address(request)}"


def is_blocked(request: HttpRequest) -> bool:
    return cache.get(_key(request), 0) >= MAX_FAILURES


def record_failure(request: HttpRequest) -> None:
    key = _key(request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS)

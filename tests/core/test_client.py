import pytest
from django.test import RequestFactory

from verbond.core.client import client_address


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "", "10.0.0.1"),
        (0, "81.2.69.160", "10.0.0.1"),  # no proxy: the header is the client's own word
        (1, "81.2.69.160", "81.2.69.160"),
        (1, "1.2.3.4, 81.2.69.160", "81.2.69.160"),  # the client wrote 1.2.3.4 itself
        (2, "1.2.3.4, 81.2.69.160, 172.16.0.5", "81.2.69.160"),
        (2, "81.2.69.160", "10.0.0.1"),  # fewer hops than proxies: not trusted
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.VERBOND_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == expected

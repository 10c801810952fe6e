import json

import pytest
from django.test import Client

from tests.api.factories import make_token


class ApiClient:
    """A test client that sends a Bearer token and JSON."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _send(self, method: str, path: str, body: object = None, raw: str | None = None):
        url = path if path.startswith("/") else f"/api/v1/{path}"
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        kwargs = {"content_type": "application/json", "headers": self.headers}
        if data is not None:
            kwargs["data"] = data
        return getattr(self.client, method)(url, **kwargs)

    def get(self, path: str, params: dict | None = None):
        url = path if path.startswith("/") else f"/api/v1/{path}"
        return self.client.get(url, params or {}, headers=self.headers)

    def post(self, path: str, body: object = None, raw: str | None = None):
        return self._send("post", path, body, raw)

    def put(self, path: str, body: object = None, raw: str | None = None):
        return self._send("put", path, body, raw)


@pytest.fixture
def api_for():
    """`api_for(user)` → a client with a read-and-write token of the user; write=False for a read-only one."""

    def make(user, *, write: bool = True) -> ApiClient:
        return ApiClient(make_token(user, write=write))

    return make


@pytest.fixture
def anonymous_api():
    return ApiClient(None)

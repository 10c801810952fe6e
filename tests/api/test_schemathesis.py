"""Property-based tests of every API operation against its own OpenAPI schema (in-process, via WSGI)."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.factories import make_token
from tests.factories import (
    DecisionFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipationFactory,
    UserFactory,
)

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def keep_test_connection():
    """Calls go through the real WSGI handler, which closes connections after each request (as Django's own
    test client prevents): that would end the test's transaction on PostgreSQL."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, keep_test_connection):
    """An executive's read-and-write token, with some data to find (ids 1.. exist)."""
    organisation = OrganisationFactory()
    partner = OrganisationFactory()
    user = UserFactory(organisation=organisation, executive=True)
    for lead in (organisation, partner):
        network = NetworkFactory(lead=lead, participants=[organisation, partner])
        ParticipationFactory(network=network, organisation=organisation)
        DecisionFactory(network=network, organisation=organisation, committed=True)
    return make_token(user, write=True)


@schema.parametrize()
@settings(max_examples=10, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

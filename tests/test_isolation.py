"""Isolation on every route: each role of organisation A, against organisation B's objects, gets 403/404 and never
B's data — on every page, download and API operation. A new route without an entry below fails this test."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.api.factories import make_token
from tests.assessments.factories import RespondentFactory, RoundFactory
from tests.commitments.factories import MandateFactory, PledgeFactory
from tests.factories import (
    ChallengeFactory,
    DecisionFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipationFactory,
    UserFactory,
)
from tests.frontline.factories import RequestFactory
from tests.outcomes.factories import GoodExampleFactory, IndicatorFactory, MeasurementFactory
from verbond.accounts.models import Role
from verbond.networks.models import Level

# Strings that exist only in organisation B's private data (or in a network A does not take part in).
MARKERS = [
    "SECRET-B-NETWORK",
    "SECRET-B-NOTES",
    "SECRET-B-REASON",
    "SECRET-B-PLEDGE",
    "SECRET-B-INDICATOR",
    "SECRET-B-REQUEST",
    "SECRET-B-LESSON",
    "SECRET-B-SHARED-NOTES",
    "SECRET-B-SHARED-REASON",
    "SECRET-B-CRITERION",
    "987.6",
    "987,6",
    "654.3",
    "654,3",
]
ROLES = [Role.ADMIN, Role.EXECUTIVE, Role.COORDINATOR, Role.MEMBER]

# Routes anyone may open (the login page, or a personal link that proves itself).
PUBLIC = {"accounts:login", "accounts:logout", "set_language", "assessments:answer", "api:v1:openapi-json", "api:v1:openapi-view"}
# Routes with objects that are not B's: a shared vocabulary (challenges), or the user's own things.
NOT_OWNED = {"networks:challenge_edit", "analytics:export"}


@pytest.fixture
def world(db):
    a = OrganisationFactory(name="Organisatie A", slug="organisatie-a")
    b = OrganisationFactory(name="Organisatie B", slug="organisatie-b")
    c = OrganisationFactory(name="Organisatie C", slug="organisatie-c")
    d = OrganisationFactory(name="Organisatie D", slug="organisatie-d")  # shares nothing with A
    b_user = UserFactory(organisation=b, executive=True, username="b-bestuurder")
    hidden = NetworkFactory(lead=b, name="SECRET-B-NETWORK", level=Level.EXECUTION, participants=[c, d])
    shared = NetworkFactory(lead=b, name="Gedeeld netwerk AB", level=Level.EXECUTION, participants=[a, c])
    ParticipationFactory(network=hidden, organisation=b, hours_per_month=Decimal("987.6"), notes="SECRET-B-NOTES")
    ParticipationFactory(network=shared, organisation=b, hours_per_month=Decimal("654.3"), notes="SECRET-B-SHARED-NOTES")
    ParticipationFactory(network=shared, organisation=a, hours_per_month=Decimal("3"))
    exit_decision = DecisionFactory(network=hidden, organisation=b, kind="exit", reason="SECRET-B-REASON", exit_date=timezone.localdate())
    DecisionFactory(network=shared, organisation=b, reason="SECRET-B-SHARED-REASON")
    round_ = RoundFactory(network=hidden, organisation=b)
    respondent = RespondentFactory(round=round_, organisation=b)
    from verbond.assessments.models import Criterion

    criterion = Criterion.objects.create(
        organisation=b, key="eigen", name_nl="SECRET-B-CRITERION", statement_nl="SECRET-B-CRITERION"
    )
    pledge = PledgeFactory(network=hidden, organisation=b, description="SECRET-B-PLEDGE")
    mandate = MandateFactory(network=hidden, granting_organisation=b, holder_organisation=c, decided_by=b_user)
    indicator = IndicatorFactory(network=hidden, owner=b, name="SECRET-B-INDICATOR")
    measurement = MeasurementFactory(indicator=indicator)
    request = RequestFactory(network=hidden, raised_by=b_user, title="SECRET-B-REQUEST")
    example = GoodExampleFactory(network=hidden, lesson="SECRET-B-LESSON")
    from verbond.api.models import ApiToken

    make_token(b_user)
    users = {role: UserFactory(organisation=a, role=role, username=f"a-{role}") for role in ROLES}
    return {
        "a": a,
        "b": b,
        "d": d,
        "users": users,
        "hidden": hidden,
        "shared": shared,
        "b_user": b_user,
        "exit_decision": exit_decision,
        "round": round_,
        "respondent": respondent,
        "criterion": criterion,
        "pledge": pledge,
        "mandate": mandate,
        "indicator": indicator,
        "measurement": measurement,
        "request": request,
        "example": example,
        "b_token": ApiToken.objects.get(user=b_user),
        "challenge": ChallengeFactory(),
    }


def network(w):
    return {"pk": w["hidden"].pk}


# How to point each route with parameters at organisation B's objects.
B_OBJECTS = {
    "networks:detail": network,
    "networks:edit": network,
    "networks:participants": network,
    "networks:participation": network,
    "networks:archive": network,
    "networks:history": network,
    "decisions:decide": network,
    "accounts:user_edit": lambda w: {"pk": w["b_user"].pk},
    "organisations:detail": lambda w: {"slug": w["d"].slug},
    "assessments:criterion_edit": lambda w: {"pk": w["criterion"].pk},
    "assessments:round_create": lambda w: {"network_pk": w["hidden"].pk},
    "assessments:round": lambda w: {"pk": w["round"].pk},
    "assessments:add_respondents": lambda w: {"pk": w["round"].pk},
    "assessments:close": lambda w: {"pk": w["round"].pk},
    "assessments:results": lambda w: {"pk": w["round"].pk},
    "assessments:answer_own": lambda w: {"pk": w["round"].pk},
    "commitments:reciprocity": network,
    "commitments:pledge_create": network,
    "commitments:mandate_create": network,
    "commitments:exit_plan": network,
    "commitments:exit_plan_apply": network,
    "commitments:pledge_detail": lambda w: {"pk": w["pledge"].pk},
    "commitments:pledge_edit": lambda w: {"pk": w["pledge"].pk},
    "commitments:mandate_end": lambda w: {"pk": w["mandate"].pk},
    "outcomes:example": lambda w: {"pk": w["example"].pk},
    "outcomes:indicator_create": network,
    "outcomes:import": network,
    "outcomes:example_edit": network,
    "outcomes:example_consent": network,
    "outcomes:indicator": lambda w: {"pk": w["indicator"].pk},
    "outcomes:indicator_edit": lambda w: {"pk": w["indicator"].pk},
    "outcomes:measurement_correct": lambda w: {"pk": w["measurement"].pk},
    "reports:decision_pack_html": network,
    "reports:decision_pack_pdf": network,
    "frontline:network": network,
    "frontline:raise": network,
    "frontline:detail": lambda w: {"pk": w["request"].pk},
    "frontline:answer": lambda w: {"pk": w["request"].pk},
    "frontline:close": lambda w: {"pk": w["request"].pk},
    "frontline:reopen": lambda w: {"pk": w["request"].pk},
    "api:token_revoke": lambda w: {"pk": w["b_token"].pk},
}
# Routes whose objects are shared or the user's own: exercised with these arguments, checked for leaks only.
OTHER_ARGUMENTS = {
    "networks:challenge_edit": lambda w: {"pk": w["challenge"].pk},
    "analytics:export": lambda w: {"scope": "region", "graph": "affiliation", "fmt": "graphml"},
    "assessments:answer": lambda w: {"token": "not-a-real-token-0123456789abcdef"},
}


def all_routes():
    """(name, route, parameter names) of every view, the API's operations excepted (they are walked by schema)."""

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace])) if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                yield name, prefix + str(pattern.pattern), list(pattern.pattern.converters)

    for name, route, parameters in walk(get_resolver().url_patterns):
        if route.startswith(("admin/", "api/v1/")) and not (name or "").startswith("api:token"):
            continue
        yield name, route, parameters


def readable(response) -> str:
    """The text a person could read in a response: HTML, JSON, CSV, XLSX or PDF."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(cell) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None
        )
    if "pdf" in content_type:
        import pypdf

        return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8", errors="replace")


def leaks(text: str) -> list[str]:
    return [marker for marker in MARKERS if marker in text]


def problems(response, label: str, *, allowed=None) -> list[str]:
    """What is wrong with a response: a status outside `allowed` (default: anything but a server error), or a leak."""
    found = []
    status = response.status_code
    if (allowed is not None and status not in allowed) or status >= 500:
        found.append(f"{label}: {status}")
    leaked = leaks(readable(response))
    if leaked:
        found.append(f"{label} shows {leaked}")
    return found


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_every_route_is_known_to_this_test():
    unknown = []
    for name, route, parameters in all_routes():
        if not parameters:
            continue
        if name not in B_OBJECTS and name not in OTHER_ARGUMENTS:
            unknown.append(f"{name or '(unnamed)'} {route}")

    assert unknown == [], "add these routes to B_OBJECTS or OTHER_ARGUMENTS in tests/test_isolation.py"


@pytest.mark.parametrize("role", ROLES)
def test_no_role_of_a_reaches_bs_objects(world, role):
    client = client_for(world["users"][role])
    failures = []

    for name, _route, _parameters in all_routes():
        if name not in B_OBJECTS:
            continue
        url = reverse(name, kwargs=B_OBJECTS[name](world))
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            failures += problems(response, f"{method.upper()} {url} ({name})", allowed=(403, 404, 405))

    assert failures == []


@pytest.mark.parametrize("role", ROLES)
def test_pages_without_b_objects_never_show_bs_data(world, role):
    client = client_for(world["users"][role])
    failures = []

    for name, route, parameters in all_routes():
        if name in B_OBJECTS or (parameters and name not in OTHER_ARGUMENTS):
            continue
        if name in OTHER_ARGUMENTS:
            url = reverse(name, kwargs=OTHER_ARGUMENTS[name](world))
        elif name:
            url = reverse(name)
        else:
            url = "/" + route
        if name == "accounts:logout":
            continue
        failures += problems(client.get(url), f"GET {url} ({name})")

    assert failures == []


@pytest.mark.parametrize("role", ROLES)
def test_pages_of_a_shared_network_never_show_bs_private_figures(world, role):
    client = client_for(world["users"][role])
    failures = []

    for name, _route, _parameters in all_routes():
        if B_OBJECTS.get(name) is not network:
            continue
        url = reverse(name, kwargs={"pk": world["shared"].pk})
        failures += problems(client.get(url), f"GET {url} ({name})")

    assert failures == []


def api_operations():
    schema = json.loads(Client().get("/api/v1/openapi.json").content)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def call(client: Client, method: str, url: str):
    if method in ("get", "delete"):
        return getattr(client, method)(url)
    return getattr(client, method)(url, data="{}", content_type="application/json")


API_IDS = {
    "network_id": lambda w: w["hidden"].pk,
    "decision_id": lambda w: w["exit_decision"].pk,
    "pledge_id": lambda w: w["pledge"].pk,
    "indicator_id": lambda w: w["indicator"].pk,
    "measurement_id": lambda w: w["measurement"].pk,
    "organisation_id": lambda w: w["d"].pk,
}


def snapshot_of_b(world) -> list:
    from verbond.commitments.models import Mandate, Pledge
    from verbond.decisions.models import Decision
    from verbond.networks.models import Network, Participant, Participation
    from verbond.outcomes.models import Indicator, Measurement

    b = world["b"]
    return [
        list(Network.objects.filter(lead=b).order_by("pk").values()),
        list(Participant.objects.filter(network__lead=b).order_by("pk").values()),
        list(Participation.objects.filter(organisation=b).order_by("pk").values()),
        list(Decision.objects.filter(organisation=b).order_by("pk").values()),
        list(Pledge.objects.filter(organisation=b).order_by("pk").values()),
        list(Mandate.objects.filter(granting_organisation=b).order_by("pk").values()),
        list(Indicator.objects.filter(owner=b).order_by("pk").values()),
        list(Measurement.objects.filter(indicator__owner=b).order_by("pk").values()),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_no_api_operation_gives_a_reaches_bs_objects(world, role):
    token = make_token(world["users"][role])
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token}")
    before = snapshot_of_b(world)
    failures = []

    for path, method, _operation in api_operations():
        parameters = re.findall(r"{(\w+)}", path)
        if not parameters:
            failures += problems(call(client, method, path), f"{method.upper()} {path}")
            continue
        unknown = [p for p in parameters if p not in API_IDS]
        if unknown:
            failures.append(f"{method.upper()} {path}: unknown parameter(s) {unknown}; add them to API_IDS")
            continue
        url = path
        for parameter in parameters:
            url = url.replace("{" + parameter + "}", str(API_IDS[parameter](world)))
        # 422: the (empty) body was refused before the object was looked up; the snapshot shows nothing changed.
        failures += problems(call(client, method, url), f"{method.upper()} {url}", allowed=(403, 404, 405, 422))

    assert failures == []
    assert snapshot_of_b(world) == before


def test_csv_exports_of_a_never_contain_bs_rows(world):
    client = client_for(world["users"][Role.EXECUTIVE])

    for what in ("portfolio", "decisions", "pledges", "mandates", "indicators", "measurements"):
        response = client.get(reverse("interchange:export_csv"), {"what": what})
        rows = list(csv.reader(io.StringIO(readable(response))))
        assert not leaks("\n".join(",".join(row) for row in rows)), what

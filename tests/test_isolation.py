"""Isolation on every route: each role of organisation A, against organisation B's objects, gets 403/404 and never
B's data — on every page, download and API operation. A new route without an entry below fails this test.

API writes are sent with a body that is valid for the operation (B's own executive gets 2xx with the same bodies), so
a refusal proves the object lookup is scoped, not merely that an empty body was rejected. Regional analysts of A see
the region's network names on the analytics pages (by design) but never B's private figures, notes or decisions."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.db import transaction
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
    "SECRET-B-UPLOAD",
    "987.6",
    "987,6",
    "654.3",
    "654,3",
    # B's costs per year (97531.25 and 86420.75), however a page writes them.
    "97531",
    "97.531",
    "97,531",
    "86420",
    "86.420",
    "86,420",
]
# The users of organisation A this test tries, by name: each role, and regional analysts (installation-wide).
PEOPLE = {
    "admin": {"role": Role.ADMIN},
    "executive": {"role": Role.EXECUTIVE},
    "coordinator": {"role": Role.COORDINATOR},
    "member": {"role": Role.MEMBER},
    "analyst": {"role": Role.MEMBER, "is_analyst": True},
    "analyst-executive": {"role": Role.EXECUTIVE, "is_analyst": True},
    "analyst-without-organisation": {"organisation": None, "is_analyst": True},
}
ROLES = list(PEOPLE)
# What an analyst may see of B by design: the region's network names on the analytics pages and graph exports.
ANALYST_MAY_SEE = {
    "analytics:region": {"SECRET-B-NETWORK"},
    "analytics:export": {"SECRET-B-NETWORK"},
    "analytics:region_table": {"SECRET-B-NETWORK"},
}

# Routes anyone may open (the login page, or a personal link that proves itself).
PUBLIC = {"accounts:login", "accounts:logout", "set_language", "assessments:answer", "api:v1:openapi-json", "api:v1:openapi-view"}
# Routes with objects that are not B's: a shared vocabulary (challenges), or the user's own things.
NOT_OWNED = {"networks:challenge_edit", "analytics:export", "analytics:region_table"}


@pytest.fixture
def world(db):
    a = OrganisationFactory(name="Organisatie A", slug="organisatie-a")
    b = OrganisationFactory(name="Organisatie B", slug="organisatie-b")
    c = OrganisationFactory(name="Organisatie C", slug="organisatie-c")
    d = OrganisationFactory(name="Organisatie D", slug="organisatie-d")  # shares nothing with A
    b_user = UserFactory(organisation=b, executive=True, username="b-bestuurder")
    hidden = NetworkFactory(lead=b, name="SECRET-B-NETWORK", level=Level.EXECUTION, participants=[c, d])
    shared = NetworkFactory(lead=b, name="Gedeeld netwerk AB", level=Level.EXECUTION, participants=[a, c])
    ParticipationFactory(
        network=hidden, organisation=b, hours_per_month=Decimal("987.6"), costs_per_year=Decimal("97531.25"), notes="SECRET-B-NOTES"
    )
    ParticipationFactory(
        network=shared,
        organisation=b,
        hours_per_month=Decimal("654.3"),
        costs_per_year=Decimal("86420.75"),
        notes="SECRET-B-SHARED-NOTES",
    )
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
    from verbond.interchange.models import PendingImport

    upload = PendingImport.objects.create(user=b_user, organisation=b, filename="SECRET-B-UPLOAD.xlsx", content=b"PK")
    b_raw_token = make_token(b_user)
    users = {name: UserFactory(**{"organisation": a, **fields}, username=f"a-{name}") for name, fields in PEOPLE.items()}
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
        "b_raw_token": b_raw_token,
        "upload": upload,
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
    "interchange:import_preview": lambda w: {"pk": w["upload"].pk},
    "interchange:import_confirm": lambda w: {"pk": w["upload"].pk},
    "interchange:import_cancel": lambda w: {"pk": w["upload"].pk},
}
# Routes whose objects are shared or the user's own: exercised with these arguments, checked for leaks only.
OTHER_ARGUMENTS = {
    "networks:challenge_edit": lambda w: {"pk": w["challenge"].pk},
    "analytics:export": lambda w: {"scope": "region", "graph": "affiliations", "fmt": "graphml"},
    "analytics:region_table": lambda w: {"table": "network_overlap"},
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


def leaks(text: str, *, may_show=frozenset()) -> list[str]:
    # A marker counts when it stands on its own: random tokens (CSRF, links) may contain its digits by chance.
    return [
        marker
        for marker in MARKERS
        if marker not in may_show and re.search(rf"(?<![0-9A-Za-z]){re.escape(marker)}(?![0-9A-Za-z])", text)
    ]


def problems(response, label: str, *, allowed=None, may_show=frozenset()) -> list[str]:
    """What is wrong with a response: a status outside `allowed` (default: anything but a server error), or a leak."""
    found = []
    status = response.status_code
    if (allowed is not None and status not in allowed) or status >= 500:
        found.append(f"{label}: {status}")
    leaked = leaks(readable(response), may_show=may_show)
    if leaked:
        found.append(f"{label} shows {leaked}")
    return found


def may_show(user, name) -> frozenset:
    return frozenset(ANALYST_MAY_SEE.get(name, ())) if user.is_analyst else frozenset()


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
    user = world["users"][role]
    client = client_for(user)
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
        failures += problems(client.get(url), f"GET {url} ({name})", may_show=may_show(user, name))

    assert failures == []


@pytest.mark.parametrize("graph", ["affiliations", "projection"])
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_an_analyst_sees_the_regions_network_names_but_no_private_figures(world, graph, fmt):
    client = client_for(world["users"]["analyst"])

    region = client.get(reverse("analytics:region"), {"min_jaccard": "0.3"})
    export = client.get(reverse("analytics:export", kwargs={"scope": "region", "graph": graph, "fmt": fmt}))

    assert region.status_code == export.status_code == 200
    assert "SECRET-B-NETWORK" in readable(region)
    if graph == "affiliations":
        assert "SECRET-B-NETWORK" in readable(export)
    assert leaks(readable(region), may_show=ANALYST_MAY_SEE["analytics:region"]) == []
    assert leaks(readable(export), may_show=ANALYST_MAY_SEE["analytics:export"]) == []


@pytest.mark.parametrize("table", ["organisations", "network_overlap", "co_membership", "brokers"])
def test_an_analysts_region_tables_hold_no_private_figures(world, table):
    response = client_for(world["users"]["analyst"]).get(
        reverse("analytics:region_table", kwargs={"table": table}), {"min_jaccard": "0.1"}
    )

    assert response.status_code == 200
    assert leaks(readable(response), may_show=ANALYST_MAY_SEE["analytics:region_table"]) == []


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


def call(client: Client, method: str, url: str, body: dict | None = None):
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, data=json.dumps(body or {}), content_type="application/json")


API_IDS = {
    "network_id": lambda w: w["hidden"].pk,
    "decision_id": lambda w: w["exit_decision"].pk,
    "pledge_id": lambda w: w["pledge"].pk,
    "indicator_id": lambda w: w["indicator"].pk,
    "measurement_id": lambda w: w["measurement"].pk,
    "organisation_id": lambda w: w["d"].pk,
}


def valid_bodies(w) -> dict:
    """A body per write operation on an object, valid for the operation: B's executive gets 2xx with it."""
    from verbond.core.concurrency import edit_stamp

    today = timezone.localdate().isoformat()
    later = (timezone.localdate() + datetime.timedelta(days=90)).isoformat()
    indicator = {
        "kind": "how_much",
        "name": "CHANGED-BY-A",
        "unit": "woningen",
        "direction": "higher",
        "baseline_value": "1",
        "baseline_date": today,
        "target_value": "2",
        "target_date": later,
    }
    return {
        ("put", "/api/v1/networks/{network_id}"): {
            "name": "CHANGED-BY-A",
            "level": w["hidden"].level,
            "lead_id": w["a"].pk,
            "version": w["hidden"].version,
        },
        ("put", "/api/v1/networks/{network_id}/participants"): {
            "participants": [{"organisation_id": w["a"].pk, "role": "participant"}],
            "version": w["hidden"].version,
        },
        ("put", "/api/v1/networks/{network_id}/participation"): {
            "hours_per_month": "1.0",
            "costs_per_year": "1.00",
            "notes": "CHANGED-BY-A",
            "version": w["hidden"].participations.get(organisation=w["b"]).version,
        },
        ("post", "/api/v1/networks/{network_id}/decisions"): {
            "kind": "no",
            "reason": "CHANGED-BY-A",
            "supersedes_id": w["exit_decision"].pk,
        },
        ("post", "/api/v1/networks/{network_id}/pledges"): {
            "kind": "hours",
            "description": "CHANGED-BY-A",
            "quantity": "1",
            "period_start": today,
            "accountable_person": "A",
            "due_date": later,
        },
        ("put", "/api/v1/pledges/{pledge_id}"): {
            "description": "CHANGED-BY-A",
            "quantity": "2",
            "unit": "uur",
            "period_start": today,
            "accountable_person": "A",
            "due_date": later,
            "edit_stamp": edit_stamp(w["pledge"]),
        },
        ("post", "/api/v1/pledges/{pledge_id}/status"): {"status": "withdrawn", "note": "CHANGED-BY-A"},
        ("post", "/api/v1/networks/{network_id}/indicators"): {**indicator, "name": "ADDED-BY-A"},
        ("put", "/api/v1/indicators/{indicator_id}"): {**indicator, "edit_stamp": edit_stamp(w["indicator"])},
        ("post", "/api/v1/indicators/{indicator_id}/measurements"): {"date": today, "value": "3", "source": "A"},
        ("post", "/api/v1/measurements/{measurement_id}/correction"): {"value": "4", "source": "A"},
    }


def operations_on_objects(world):
    """(label, method, url, body) of every API operation with an id in its path, pointed at B's objects.

    Writes come last, the archive at the very end (an archived network answers nothing more). A parameter or a write
    this test does not know becomes a failure message instead.
    """
    bodies = valid_bodies(world)
    found, unknown = [], []
    for path, method, operation in api_operations():
        parameters = re.findall(r"{(\w+)}", path)
        if not parameters:
            continue
        label = f"{method.upper()} {path}"
        missing = [p for p in parameters if p not in API_IDS]
        if missing:
            unknown.append(f"{label}: unknown parameter(s) {missing}; add them to API_IDS")
            continue
        if operation.get("requestBody") and (method, path) not in bodies:
            unknown.append(f"{label}: no valid body; add one to valid_bodies()")
            continue
        url = path
        for parameter in parameters:
            url = url.replace("{" + parameter + "}", str(API_IDS[parameter](world)))
        found.append((label, method, url, bodies.get((method, path))))
    order = {"get": 0, "put": 1, "post": 1}
    found.sort(key=lambda item: (order.get(item[1], 1), item[2].endswith("/archive")))
    return found, unknown


# Bookkeeping that reading or authenticating may change; everything else must stay exactly as it was.
VOLATILE = {
    "sessions.session": None,
    "axes.accessattempt": None,
    "axes.accesslog": None,
    "axes.accessfailurelog": None,
    "axes.accessattemptexpiration": None,
    "api.apitoken": {"last_used_at"},
    "accounts.user": {"last_login"},
}


def snapshot() -> dict:
    """Every row of every table (bookkeeping excepted), by model."""
    from django.apps import apps

    tables = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in VOLATILE and VOLATILE[label] is None:
            continue
        skip = VOLATILE.get(label) or set()
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in skip]
        tables[label] = list(model._base_manager.order_by("pk").values(*fields))
    return tables


def changed(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])


@pytest.mark.parametrize("role", ROLES)
def test_no_api_operation_gives_a_reaches_bs_objects(world, role):
    user = world["users"][role]
    token = make_token(user)
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token}")
    operations, failures = operations_on_objects(world)

    for path, method, _operation in api_operations():
        if not re.findall(r"{(\w+)}", path):
            failures += problems(call(client, method, path), f"{method.upper()} {path}")
    before = snapshot()
    for label, method, url, body in operations:
        failures += problems(call(client, method, url, body), f"{label} ({url})", allowed=(403, 404))
        after = snapshot()
        failures += [f"{label} ({url}) changed {table}" for table in changed(before, after)]
        before = after

    assert failures == [], "\n".join(failures)


def test_the_bodies_are_valid_bs_executive_succeeds_with_each(world):
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {world['b_raw_token']}")
    operations, failures = operations_on_objects(world)

    for label, method, url, body in operations:
        if method == "get":
            continue
        # Each operation on the world as it was built: one write must not make the next one's version stale.
        with transaction.atomic():
            response = call(client, method, url, body)
            transaction.set_rollback(True)
        if not 200 <= response.status_code < 300:
            failures.append(f"{label}: {response.status_code} {response.content[:300]!r}")

    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_csv_exports_of_a_never_contain_bs_rows(world, role):
    client = client_for(world["users"][role])

    for what in ("portfolio", "decisions", "pledges", "mandates", "indicators", "measurements"):
        response = client.get(reverse("interchange:export_csv"), {"what": what})
        rows = list(csv.reader(io.StringIO(readable(response))))
        assert not leaks("\n".join(",".join(row) for row in rows)), what

import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import NetworkFactory, OrganisationFactory
from verbond.networks.models import Network
from verbond.organisations.models import Organisation

PRODUCTION_SECRET = "p" * 20 + "a-random-looking-production-secret-key-0123456789"


def run_verbond(*args: str, **env: str) -> subprocess.CompletedProcess:
    inherited_away = {"SECRET_KEY", "DEBUG", "VERBOND_PRODUCTION", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in inherited_away}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "verbond", *args], capture_output=True, text=True, env=environment, timeout=120, check=False
    )


def test_pages_carry_security_headers_and_a_csp_without_inline_scripts(client, db):
    response = client.get(reverse("accounts:login"))

    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_contains_an_inline_script():
    from pathlib import Path

    import verbond

    templates = Path(verbond.__file__).parent.glob("*/templates/**/*.html")
    offenders = [str(t) for t in templates if "<script>" in t.read_text() or "onclick=" in t.read_text()]

    assert offenders == []


def test_repeated_wrong_passwords_lock_the_login_out(client, executive, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "executive", "password": "wrong-password"})

    locked = client.post(reverse("accounts:login"), {"username": "executive", "password": password})

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_correct_password_after_a_few_mistakes_still_works(client, executive, password):
    client.post(reverse("accounts:login"), {"username": "executive", "password": "wrong-password"})

    response = client.post(reverse("accounts:login"), {"username": "executive", "password": password})

    assert response.status_code == 302


def test_production_refuses_debug_and_a_missing_secret(tmp_path):
    debug_on = run_verbond("check", VERBOND_PRODUCTION="true", DEBUG="true", SECRET_KEY=PRODUCTION_SECRET, VERBOND_DATA_DIR=str(tmp_path))
    no_secret = run_verbond("check", VERBOND_PRODUCTION="true", VERBOND_DATA_DIR=str(tmp_path))

    assert debug_on.returncode != 0 and "DEBUG must be off" in debug_on.stderr
    assert no_secret.returncode != 0 and "SECRET_KEY must be set" in no_secret.stderr


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    result = run_verbond(
        "check",
        "--deploy",
        "--fail-level=WARNING",
        VERBOND_PRODUCTION="true",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="verbond.example.nl",
        VERBOND_DATA_DIR=str(tmp_path),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# Tables that may stay empty in the round trip below; every other table must hold at least one row, so that the
# comparison covers it. A new model gets a row in `a_row_in_every_table` (or an entry here, with a reason).
MAY_BE_EMPTY: set[str] = set()


def a_row_in_every_table() -> None:
    """At least one row in every table of every app: register, history, private data, logins and bookkeeping."""
    import datetime
    from decimal import Decimal

    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.test import Client
    from django.utils import timezone

    from tests.api.factories import make_token
    from tests.assessments.factories import RespondentFactory, RoundFactory, answer
    from tests.commitments.factories import MandateFactory, PledgeFactory
    from tests.factories import ChallengeFactory, DecisionFactory, ParticipationFactory, UserFactory
    from tests.frontline.factories import RequestFactory
    from tests.outcomes.factories import GoodExampleFactory, IndicatorFactory, MeasurementFactory
    from verbond.assessments.models import Criterion, PartnerRating
    from verbond.commitments.models import ExitPlan, PledgeComment, PledgeStatusChange
    from verbond.interchange.models import PendingImport
    from verbond.outcomes.models import ExampleConsent

    today = timezone.localdate()
    organisation = OrganisationFactory(name="Woonstichting Bewaard", capacity_hours_per_month=Decimal("120.5"))
    partner = OrganisationFactory(name="Zorggroep Bewaard")
    executive = UserFactory(organisation=organisation, executive=True, username="bewaard", first_name="Bea")
    group = Group.objects.create(name="Bewaarders")
    executive.groups.add(group)
    network = NetworkFactory(lead=organisation, name="Netwerk dat blijft", participants=[partner])
    network.challenges.add(ChallengeFactory())
    participation = ParticipationFactory(network=network, organisation=organisation, notes="Privé-notitie", hours_per_month=Decimal("7.5"))
    participation.notes = "Privé-notitie, gewijzigd"
    participation.save()  # a second history row
    decision = DecisionFactory(network=network, organisation=organisation, kind="exit", reason="Wij stoppen", exit_date=today)
    ExitPlan.objects.create(
        decision=decision,
        pledges_outcome="ended",
        mandates_outcome="handed_over",
        mandates_handed_to=partner,
        end_date=today,
        partners_told_by="Bea",
        wind_down_date=today,
    )
    pledge = PledgeFactory(network=network, organisation=organisation)
    PledgeStatusChange.objects.create(pledge=pledge, status="pledged", changed_on=today, note="Toegezegd", changed_by=executive)
    PledgeComment.objects.create(pledge=pledge, organisation=partner, text="Fijn")
    MandateFactory(network=network, granting_organisation=organisation, holder_organisation=partner, decided_by=executive)
    indicator = IndicatorFactory(network=network, owner=organisation)
    MeasurementFactory(indicator=indicator, value=Decimal("12.3456"))
    GoodExampleFactory(network=network, lesson="Samen werkt")
    ExampleConsent.objects.create(network=network, organisation=organisation, given_by=executive)
    Criterion.objects.create(organisation=organisation, key="eigen", name_nl="Eigen", statement_nl="Eigen criterium")
    respondent = RespondentFactory(round=RoundFactory(network=network, organisation=organisation), organisation=partner)
    answer(respondent, urgency=4, results=(2, "toelichting"), mandate=None)
    PartnerRating.objects.create(respondent=respondent, organisation=organisation, reliability=4, contribution=3)
    RequestFactory(network=NetworkFactory(lead=organisation, level="execution"), raised_by=executive, title="Regel in de weg")
    PendingImport.objects.create(user=executive, organisation=organisation, filename="netwerken.xlsx", content=b"PK\x03\x04")
    make_token(executive)
    LogEntry.objects.create(
        user=executive,
        content_type=ContentType.objects.get_for_model(group),
        object_id=str(group.pk),
        object_repr=str(group),
        action_flag=ADDITION,
    )
    Client().force_login(executive)  # a session row
    from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog, AccessLog

    request_fields = {"user_agent": "test", "ip_address": "127.0.0.1", "username": "bewaard", "http_accept": "*/*", "path_info": "/"}
    attempt = AccessAttempt.objects.create(**request_fields, get_data="", post_data="", failures_since_start=1)
    AccessAttemptExpiration.objects.create(access_attempt=attempt, expires_at=timezone.now() + datetime.timedelta(hours=1))
    AccessFailureLog.objects.create(**request_fields)
    AccessLog.objects.create(**request_fields)


def everything() -> list[dict]:
    """`dumpdata --all` of every app (every row, whatever the default managers hide), in a fixed order."""
    import io
    import json

    out = io.StringIO()
    call_command("dumpdata", format="json", use_base_manager=True, stdout=out)
    return sorted(json.loads(out.getvalue()), key=lambda row: (row["model"], json.dumps(row["pk"])))


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_loses_nothing(tmp_path):
    from django.apps import apps
    from django.db import connection

    a_row_in_every_table()
    empty = [m._meta.label_lower for m in apps.get_models() if not m._base_manager.exists()]
    assert sorted(set(empty) - MAY_BE_EMPTY) == []
    before = everything()
    backup = tmp_path / "verbond-backup.sqlite3"

    if connection.vendor != "sqlite":
        with pytest.raises(CommandError, match="pg_dump"):
            call_command("backup", str(backup))
        return

    call_command("backup", str(backup))
    Network.objects.filter(name="Netwerk dat blijft").update(name="Gewijzigd na de backup")
    from verbond.decisions.models import Decision

    Decision.objects.all().delete()
    OrganisationFactory(name="Na de backup")
    assert everything() != before
    call_command("restore", str(backup), "--yes")

    assert everything() == before
    assert not Organisation.objects.filter(name="Na de backup").exists()


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, db):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    from django.db import connection

    with pytest.raises(CommandError, match="not a verbond backup" if connection.vendor == "sqlite" else "pg_dump"):
        call_command("restore", str(junk), "--yes")


def test_backup_does_not_overwrite_without_force(tmp_path, db):
    from django.db import connection

    existing = tmp_path / "existing.sqlite3"
    existing.write_text("keep me")

    with pytest.raises(CommandError):
        call_command("backup", str(existing))

    assert existing.read_text() == "keep me" or connection.vendor != "sqlite"

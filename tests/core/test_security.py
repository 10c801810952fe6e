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


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_loses_nothing(tmp_path):
    organisation = OrganisationFactory(name="Woonstichting Bewaard")
    NetworkFactory(lead=organisation, name="Netwerk dat blijft")
    before = sorted(Network.objects.values_list("name", "lead__name"))
    backup = tmp_path / "verbond-backup.sqlite3"
    from django.db import connection

    if connection.vendor != "sqlite":
        with pytest.raises(CommandError, match="pg_dump"):
            call_command("backup", str(backup))
        return

    call_command("backup", str(backup))
    Network.objects.all().delete()
    OrganisationFactory(name="Na de backup")
    call_command("restore", str(backup), "--yes")

    assert sorted(Network.objects.values_list("name", "lead__name")) == before
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

"""`verbond serve`: the checks before it starts anything. No test here starts a server."""

import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from verbond.core.management.commands import serve


@pytest.fixture
def nothing_starts(monkeypatch):
    """Record what serve would run (migrate, collectstatic, runserver, gunicorn) instead of running it."""
    started = []
    monkeypatch.setattr(sys, "argv", list(sys.argv))  # serve hands gunicorn its arguments through sys.argv
    monkeypatch.setattr(serve, "call_command", lambda name, *args, **kwargs: started.append(name))
    monkeypatch.setattr("gunicorn.app.wsgiapp.run", lambda *args, **kwargs: started.append("gunicorn"))
    return started


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.PRODUCTION = True


def test_production_refuses_sqlite(db, production, nothing_starts, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")  # the suite also runs on PostgreSQL

    with pytest.raises(CommandError, match="needs PostgreSQL") as refused:
        call_command("serve", "--production")

    assert "\n" not in str(refused.value)
    assert nothing_starts == []


def test_production_on_postgresql_passes_the_checks(db, production, nothing_starts, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "postgresql")

    call_command("serve", "--production", "--workers", "2")

    assert nothing_starts == ["migrate", "collectstatic", "gunicorn"]


def test_production_refuses_without_production_settings(db, settings, nothing_starts):
    settings.PRODUCTION = False

    with pytest.raises(CommandError, match="VERBOND_PRODUCTION"):
        call_command("serve", "--production")

    assert nothing_starts == []


def test_development_serve_runs_the_development_server_on_sqlite(db, nothing_starts, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")

    call_command("serve", "--port", "8765")

    assert nothing_starts == ["migrate", "runserver"]

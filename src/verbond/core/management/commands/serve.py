"""`verbond serve`: migrate, then serve verbond (a development server, or gunicorn with --production)."""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

PRODUCTION_NEEDS = (
    "--production needs VERBOND_PRODUCTION=true, SECRET_KEY (50+ random characters) and DEBUG off; "
    "see the README's 'Production' section."
)
PRODUCTION_NEEDS_POSTGRESQL = (
    "--production needs PostgreSQL: set DATABASE_URL=postgres://…; SQLite is for development and the demo only."
)


class Command(BaseCommand):
    help = "Migrate the database and serve verbond."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--production", action="store_true", help="serve with gunicorn (several workers)")
        parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
        parser.add_argument("--no-migrate", action="store_true", help="do not migrate first (another server does)")

    def handle(self, *args: object, host: str, port: int, production: bool, workers: int, no_migrate: bool, **options: object) -> None:
        if production and (settings.DEBUG or not settings.PRODUCTION):
            raise CommandError(PRODUCTION_NEEDS)
        if production and connection.vendor != "postgresql":
            raise CommandError(PRODUCTION_NEEDS_POSTGRESQL)
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=1)
        if not production:
            call_command("runserver", f"{host}:{port}", use_reloader=False)
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        from gunicorn.app.wsgiapp import run

        sys.argv = [
            "gunicorn",
            "verbond.wsgi:application",
            f"--bind={host}:{port}",
            f"--workers={workers}",
            "--access-logfile=-",
            "--timeout=60",
            "--graceful-timeout=30",
            "--max-requests=2000",
            "--max-requests-jitter=200",
        ]
        run()

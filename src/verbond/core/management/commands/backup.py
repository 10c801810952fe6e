"""`verbond backup FILE`: a consistent copy of the live SQLite database."""

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

POSTGRES_HINT = (
    "verbond runs on PostgreSQL here: back it up with pg_dump, e.g. "
    "`pg_dump --format=custom --file=verbond.dump \"$DATABASE_URL\"`, and restore with pg_restore (see the README)."
)


class Command(BaseCommand):
    help = "Write a consistent copy of the live SQLite database to FILE (for PostgreSQL: use pg_dump)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    def handle(self, *args: object, file: Path, force: bool, **options: object) -> None:
        if connection.vendor != "sqlite":
            raise CommandError(POSTGRES_HINT)
        if file.exists() and not force:
            raise CommandError(f"{file} exists; use --force to overwrite it.")
        file.parent.mkdir(parents=True, exist_ok=True)
        connection.ensure_connection()
        # SQLite's online backup API copies a consistent snapshot while others keep reading and writing.
        target = sqlite3.connect(file)
        try:
            with target:
                connection.connection.backup(target)
        finally:
            target.close()
        self.stdout.write(self.style.SUCCESS(f"Backup written to {file}"))

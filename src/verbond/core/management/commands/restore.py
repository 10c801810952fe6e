"""`verbond restore FILE`: replace the SQLite database with a backup made by `verbond backup`."""

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from verbond.core.management.commands.backup import POSTGRES_HINT

NOT_A_BACKUP = "{file} is not a verbond backup (not an SQLite database with verbond's tables)."


class Command(BaseCommand):
    help = "Replace the live SQLite database with FILE, a backup made by `verbond backup`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: object, file: Path, yes: bool, **options: object) -> None:
        if connection.vendor != "sqlite":
            raise CommandError(POSTGRES_HINT)
        if not file.is_file():
            raise CommandError(f"{file} does not exist.")
        _check_backup(file)
        if not yes:
            answer = input("This replaces all current data with the backup. Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing changed.")
        source = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        connection.ensure_connection()
        try:
            # The backup API writes the whole snapshot into the live database in one step.
            source.backup(connection.connection)
        finally:
            source.close()
        self.stdout.write(self.style.SUCCESS(f"Restored from {file}"))


def _check_backup(file: Path) -> None:
    try:
        probe = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in probe.execute("select name from sqlite_master where type='table'")}
            intact = probe.execute("pragma quick_check").fetchone()[0] == "ok"
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        raise CommandError(NOT_A_BACKUP.format(file=file)) from error
    if not intact or not {"django_migrations", "networks_network"} <= tables:
        raise CommandError(NOT_A_BACKUP.format(file=file))

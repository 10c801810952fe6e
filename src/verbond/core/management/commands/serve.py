"""`verbond serve`: run verbond (migrating first)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Migrate the database and serve verbond."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: object, host: str, port: int, **options: object) -> None:
        call_command("migrate", interactive=False, verbosity=1)
        call_command("runserver", f"{host}:{port}", use_reloader=False)

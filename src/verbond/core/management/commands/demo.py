"""`verbond demo`: build a fresh fictional region and serve it."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.utils.translation import gettext

from verbond.organisations.models import Organisation

MARKER = ".verbond-demo"
REFUSE_NON_DEMO = (
    "{path} holds data that is not a demo; the demo will not overwrite it. "
    "Set VERBOND_DATA_DIR to another folder, e.g. VERBOND_DATA_DIR=.verbond-demo uv run verbond demo"
)
REFUSE_DATABASE = "The database at DATABASE_URL holds data that is not a demo; the demo only builds into an empty database."


class Command(BaseCommand):
    help = "Build a fresh demo region (fictional), print the logins and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="build the data, print the logins, exit")
        parser.add_argument("--reset", action="store_true", help="rebuild a demo data directory from scratch")

    def handle(self, *args: object, port: int, no_serve: bool, reset: bool, **options: object) -> None:
        from verbond.core import demo

        built = self._prepare(reset=reset)
        call_command("migrate", verbosity=0, interactive=False)
        if built and Organisation.objects.exists():
            # Only when the database is not the data directory's file (as in tests): start from empty.
            call_command("flush", verbosity=0, interactive=False)
        if built:
            region = demo.build()
            logins = region.logins
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo region built: {len(region.organisations)} organisations, {len(region.networks)} networks."
                )
            )
        else:
            logins = _known_logins()
            self.stdout.write("Using the existing demo data (use --reset to rebuild it).")
        url = f"http://127.0.0.1:{port}"
        self.stdout.write(f"\nverbond demo at {url}\n")
        for username, password, organisation, role in logins:
            self.stdout.write(f"login: {username}  password: {password}  ({organisation}, {role})")
        self.stdout.flush()
        if not no_serve:
            self.stdout.write("")
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)

    def _prepare(self, *, reset: bool) -> bool:
        """Make an empty demo database ready; return False when an existing demo is reused."""
        if settings.DATABASE_URL:
            call_command("migrate", verbosity=0, interactive=False)
            if not Organisation.objects.exists():
                return True
            if not _holds_demo():
                raise CommandError(REFUSE_DATABASE)
            if reset:
                call_command("flush", verbosity=0, interactive=False)
            return reset
        data_dir = Path(settings.DATA_DIR)
        database = data_dir / "verbond.sqlite3"
        is_demo = (data_dir / MARKER).exists()
        if database.exists() and not is_demo:
            raise CommandError(REFUSE_NON_DEMO.format(path=data_dir))
        if database.exists() and not reset:
            return False
        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            path = database.with_name(database.name + suffix)
            if path.exists():
                path.unlink()
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "static").mkdir(exist_ok=True)
        (data_dir / MARKER).write_text("This data directory was built by `verbond demo`.\n")
        return True


def _holds_demo() -> bool:
    from verbond.accounts.models import User
    from verbond.core.demo import ACCOUNTS

    return User.objects.filter(username=ACCOUNTS[0][0]).exists()


def _known_logins() -> list[tuple[str, str, str, str]]:
    from verbond.accounts.models import User
    from verbond.core.demo import ACCOUNTS, ANALYST, DEMO_PASSWORD

    names = [a[0] for a in ACCOUNTS] + [ANALYST[0]]
    users = {u.username: u for u in User.objects.filter(username__in=names).select_related("organisation")}
    return [
        (
            name,
            DEMO_PASSWORD,
            str(users[name].organisation or "—"),
            str(gettext("regional analyst")) if users[name].is_analyst else users[name].get_role_display(),
        )
        for name in names
        if name in users
    ]

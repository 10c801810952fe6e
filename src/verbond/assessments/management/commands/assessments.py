"""`verbond assessments remind`: remind respondents who have not answered (meant for a daily cron job)."""

import json

from django.core.management.base import BaseCommand, CommandParser

from verbond.assessments.services import reminders_send


class Command(BaseCommand):
    help = "Assessment tasks. remind: e-mail a fresh personal link to everyone in an open round who has not answered."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["remind"])
        parser.add_argument(
            "--min-days",
            type=int,
            default=3,
            help="Remind someone at most once per this many days after the invitation or the last reminder.",
        )

    def handle(self, *args: object, action: str, min_days: int, **options: object) -> None:
        sent = reminders_send(min_days=min_days)
        self.stdout.write(json.dumps({"action": action, "reminded": sent}))

"""`verbond requests escalate`: escalate professionals' requests that are past their deadline (for cron)."""

import json

from django.core.management.base import BaseCommand, CommandParser

from verbond.frontline.services import requests_escalate_overdue


class Command(BaseCommand):
    help = (
        "Professionals' requests. `escalate`: escalate overdue requests and e-mail the executives involved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="{escalate}")
        subcommands.add_parser(
            "escalate", help="escalate every request past its answer deadline; prints JSON"
        )

    def handle(self, *args: object, subcommand: str, **options: object) -> None:
        if subcommand == "escalate":
            escalated = requests_escalate_overdue()
            summary = {
                "escalated": [request.pk for request in escalated],
                "emails": sum(getattr(request, "mailed", 0) for request in escalated),
            }
            self.stdout.write(json.dumps(summary))

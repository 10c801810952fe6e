"""`verbond decisions remind`: e-mail executives about conditional yeses past or near their deadline (for cron)."""

import json

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from verbond.commitments.selectors import REMIND_WITHIN_DAYS, reminders


class Command(BaseCommand):
    help = "Decisions that need attention. `remind`: e-mail each organisation's executives."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        remind = subcommands.add_parser(
            "remind", help="e-mail executives about conditional yeses past their deadline or due soon"
        )
        remind.add_argument(
            "--days", type=int, default=REMIND_WITHIN_DAYS, help="remind of deadlines this many days ahead"
        )
        remind.add_argument("--dry-run", action="store_true", help="list what would be sent, send nothing")
        remind.add_argument("--json", action="store_true", help="print a JSON summary")

    def handle(self, *args: object, subcommand: str, **options: object) -> None:
        if subcommand != "remind":
            raise CommandError(f"unknown subcommand {subcommand!r}")
        days = int(options["days"])
        if days < 0:
            raise CommandError("--days must be zero or more")
        self._remind(days=days, dry_run=bool(options["dry_run"]), as_json=bool(options["json"]))

    def _remind(self, *, days: int, dry_run: bool, as_json: bool) -> None:
        today = timezone.localdate()
        summary = []
        with translation.override(settings.LANGUAGE_CODE):
            for reminder in reminders(today=today, days=days):
                recipients = [executive.email for executive in reminder.executives]
                context = {"reminder": reminder, "days": days, "today": today, "site_url": settings.SITE_URL.rstrip("/")}
                subject = _("verbond: %(count)s conditional yes decisions need a decision") % {
                    "count": len(reminder.past_deadline) + len(reminder.due_soon)
                }
                body = render_to_string("commitments/email/remind.txt", context)
                sent = bool(recipients) and not dry_run
                if sent:
                    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
                summary.append(
                    {
                        "organisation": reminder.organisation.name,
                        "recipients": recipients,
                        "past_deadline": [d.network.name for d in reminder.past_deadline],
                        "due_soon": [d.network.name for d in reminder.due_soon],
                        "sent": sent,
                    }
                )
        if as_json:
            self.stdout.write(json.dumps({"date": today.isoformat(), "days": days, "organisations": summary}))
            return
        for item in summary:
            state = (
                "sent"
                if item["sent"]
                else ("no executive with e-mail" if not item["recipients"] else "dry run")
            )
            self.stdout.write(
                f"{item['organisation']}: {len(item['past_deadline'])} past deadline, "
                f"{len(item['due_soon'])} due within {days} days ({state})"
            )
        if not summary:
            self.stdout.write("Nothing to remind.")

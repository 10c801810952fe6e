"""`verbond report`: the board report of an organisation, or the decision pack of one network, as PDF."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from verbond.organisations.models import Organisation
from verbond.reports import documents

UNKNOWN_ORGANISATION = "No organisation with the short name {slug!r}."
UNKNOWN_NETWORK = "Network {network} does not exist or {slug!r} does not take part in it."
NOT_A_PDF = "--out must name a .pdf file."


class Command(BaseCommand):
    help = "Write the board report of an organisation (or, with --network, a decision pack) to a PDF file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, metavar="SLUG", help="the organisation's short name")
        parser.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
        parser.add_argument(
            "--network", type=int, metavar="ID", help="write this network's decision pack instead"
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE[:2],
            help="language of the report (default: %(default)s)",
        )

    def handle(
        self, *args: object, org: str, out: str, network: int | None, language: str, **options: object
    ) -> None:
        path = Path(out)
        if path.suffix.lower() != ".pdf":
            raise CommandError(NOT_A_PDF)
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(UNKNOWN_ORGANISATION.format(slug=org))
        if network is None:
            data = documents.board_report_pdf(organisation=organisation, language=language)
        else:
            try:
                data = documents.decision_pack_pdf(
                    organisation=organisation, network_id=network, language=language
                )
            except Http404:
                raise CommandError(UNKNOWN_NETWORK.format(network=network, slug=org)) from None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}") from None
        self.stdout.write(self.style.SUCCESS(f"Wrote {path} ({len(data) // 1024} kB)."))

"""`verbond report`: the board report of an organisation, or the decision pack of one network, as PDF."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils import timezone

from verbond.organisations.models import Organisation
from verbond.reports import documents

UNKNOWN_ORGANISATION = "No organisation with the short name {slug!r}."
UNKNOWN_NETWORK = "Network {network} does not exist or {slug!r} does not take part in it."
NO_SUCH_NETWORK = "Network {network} does not exist."
NOT_A_PDF = "--out must name a .pdf file."
ORG_REQUIRED = "The board report needs --org SLUG (only a decision pack, with --network, can do without)."


class Command(BaseCommand):
    help = "Write the board report of an organisation (or, with --network, a decision pack) to a PDF file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--org",
            metavar="SLUG",
            help="the organisation's short name (required for the board report; "
            "for a decision pack the default is the network's lead organisation)",
        )
        parser.add_argument(
            "--out",
            metavar="FILE.pdf",
            help="where to write the PDF (default: board-report-SLUG-DATE.pdf or "
            "decision-pack-ID-SLUG-DATE.pdf in the current directory)",
        )
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
        self,
        *args: object,
        org: str | None = None,
        out: str | None = None,
        network: int | None = None,
        language: str,
        **options: object,
    ) -> None:
        if out is not None and Path(out).suffix.lower() != ".pdf":
            raise CommandError(NOT_A_PDF)
        organisation = self.organisation(org, network)
        if network is None:
            data = documents.board_report_pdf(organisation=organisation, language=language)
        else:
            try:
                data = documents.decision_pack_pdf(
                    organisation=organisation, network_id=network, language=language
                )
            except Http404:
                raise CommandError(UNKNOWN_NETWORK.format(network=network, slug=organisation.slug)) from None
        path = Path(out) if out is not None else Path(default_file_name(organisation, network))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}") from None
        self.stdout.write(self.style.SUCCESS(f"Wrote {path.resolve()} ({len(data) // 1024} kB)."))

    def organisation(self, org: str | None, network: int | None) -> Organisation:
        """--org, or for a decision pack without it the network's lead organisation."""
        if org is None:
            if network is None:
                raise CommandError(ORG_REQUIRED)
            lead = Organisation.objects.filter(led_networks__pk=network).first()
            if lead is None:
                raise CommandError(NO_SUCH_NETWORK.format(network=network))
            return lead
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(UNKNOWN_ORGANISATION.format(slug=org))
        return organisation


def default_file_name(organisation: Organisation, network: int | None) -> str:
    """A name that says what the report is, for whom and when, so reports of different days sit side by side."""
    today = timezone.localdate().isoformat()
    if network is None:
        return f"board-report-{organisation.slug}-{today}.pdf"
    return f"decision-pack-{network}-{organisation.slug}-{today}.pdf"

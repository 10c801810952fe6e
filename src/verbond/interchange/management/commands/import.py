"""`verbond import PATH --org SLUG`: read a hand-made network list (XLSX or CSV) into the register."""

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from verbond.interchange import services
from verbond.interchange.importing.columns import IGNORE, SYNONYMS
from verbond.interchange.importing.plan import ImportPlan, Issue
from verbond.interchange.importing.table import UNKNOWN_SHEET, UNREADABLE_FILE, TableError
from verbond.interchange.services import UNKNOWN_ORGANISATION


class Command(BaseCommand):
    help = "Import networks from an XLSX or CSV file into an organisation's register."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--org", required=True, help="short name (slug) of the importing organisation")
        parser.add_argument("--sheet", help="worksheet name (default: the first)")
        parser.add_argument("--dry-run", action="store_true", help="report what would happen; write nothing")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid rows despite errors"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help=f"map a column (header text or letter) to a field, or '{IGNORE}' to ignore it; "
            f"fields: {', '.join(SYNONYMS)}",
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            plan, result = self.run_import(options)
        except ImportRefused as refusal:
            if options["format"] != "json":
                raise CommandError(str(refusal)) from refusal
            # Even a refusal is one JSON object, so a script can always parse what it gets.
            report = refusal.plan.summary() if refusal.plan else {"errors": []}
            report["errors"].append(refusal.issue.as_dict())
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            sys.exit(1)
        if options["format"] == "json":
            summary = plan.summary()
            if result is not None:
                summary["warnings"] += [issue.as_dict() for issue in result.kept]
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_report(plan, result, dry_run=options["dry_run"]))
        if plan.errors:
            sys.exit(1)

    def run_import(self, options: dict) -> tuple[ImportPlan, "services.ImportResult | None"]:
        """Read the file into a plan and, unless it is a dry run, write it; ImportRefused when neither can be done."""
        overrides = parse_overrides(options["map"])
        path: Path = options["path"]
        if not path.is_file():
            raise ImportRefused(_("No such file: %(path)s") % {"path": path}, value=str(path))
        try:
            plan = services.import_preview(
                path=path, organisation_slug=options["org"], sheet=options["sheet"], overrides=overrides
            )
        except TableError as error:
            value = options["sheet"] if error.args[0] == UNKNOWN_SHEET else str(path)
            raise ImportRefused(str(error.args[0]), value=value or "") from error
        except OSError as error:
            raise ImportRefused(str(UNREADABLE_FILE), value=str(path)) from error
        if options["dry_run"]:
            return plan, None
        if plan.organisation.id is None:
            raise ImportRefused(str(UNKNOWN_ORGANISATION), value=options["org"], plan=plan)
        if plan.errors and not options["skip_invalid"]:
            return plan, None
        try:
            return plan, services.import_apply(plan=plan, skip_invalid=options["skip_invalid"])
        except ValidationError as error:
            raise ImportRefused(" ".join(error.messages), value="", plan=plan) from error


class ImportRefused(CommandError):
    """Nothing could be read or written: plain text normally, an error in the JSON object with --format json."""

    def __init__(self, message: str, *, value: str, plan: ImportPlan | None = None) -> None:
        super().__init__(message)
        self.issue = Issue(None, "", value, message)
        self.plan = plan


def parse_overrides(values: list[str]) -> dict[str, str]:
    overrides: dict[str, str] = {}
    for value in values:
        column, sep, field = value.rpartition("=")
        field = field.strip()
        if not sep or not column.strip() or (field not in SYNONYMS and field != IGNORE):
            raise ImportRefused(
                _("--map needs COLUMN=FIELD with FIELD one of: %(fields)s")
                % {"fields": ", ".join([*SYNONYMS, IGNORE])},
                value=value,
            )
        overrides[column.strip()] = field
    return overrides


def render_report(plan: ImportPlan, result: "services.ImportResult | None", *, dry_run: bool) -> str:
    """The readable report: mapping, totals, matches, errors and warnings."""
    lines = [
        _("Sheet: %(sheet)s, header in row %(row)s")
        % {"sheet": plan.sheet or "-", "row": plan.header_row or "-"}
    ]
    lines.append(_("Columns:"))
    ignored, row_word = _("(ignored)"), _("row")
    for column in plan.columns:
        lines.append(f"  {column.letter} {column.header!s:30} → {column.label or ignored}")
    summary = plan.summary()
    lines.append(
        _(
            "Rows: %(rows)s, networks: %(networks)s, organisations matched: %(matched)s, new: %(new)s, "
            "hours per month: %(hours)s"
        )
        % {
            "rows": summary["rows"],
            "networks": summary["networks"],
            "matched": summary["organisations_matched"],
            "new": summary["organisations_new"],
            "hours": summary["hours_per_month_total"],
        }
    )
    # Names merged by resemblance are among the warnings, with their row.
    if plan.organisations_new:
        lines.append(_("New organisations:"))
        lines += [f"  {name}" for name in plan.organisations_new]
    for title, issues in ((_("Errors:"), plan.errors), (_("Warnings:"), plan.warnings)):
        if issues:
            lines.append(title)
            lines += [f"  {row_word} {i.row or '-'} {i.column}: {i.value!r} – {i.message}" for i in issues]
    if dry_run:
        lines.append(_("Dry run: nothing was written."))
    elif result is None:
        lines.append(
            _("Nothing was written because of the errors (use --skip-invalid to import the valid rows).")
        )
    else:
        lines.append(
            _(
                "Written: %(created)s networks created, %(updated)s updated, %(unchanged)s unchanged, %(orgs)s organisations created."
            )
            % {
                "created": len(result.networks_created),
                "updated": len(result.networks_updated),
                "unchanged": len(result.networks_unchanged),
                "orgs": len(result.organisations_created),
            }
        )
        if result.kept:
            lines.append(_("Kept, because they were changed in verbond since the last import:"))
            lines += [f"  {row_word} {i.row or '-'} {i.column}: {i.value!r} – {i.message}" for i in result.kept]
    return "\n".join(lines)

"""`verbond analyse FILE`: network analytics on a memberships table, without the database."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from verbond.analysis import analyse
from verbond.analysis.export import write_report_files
from verbond.analysis.reader import InputError, read_memberships
from verbond.analysis.report import STAGES

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Analyse a CSV or XLSX of memberships (columns organisation,network[,weight] or organisatie,netwerk): "
        "network overlap, co-membership, centrality and brokers. Prints JSON, or writes CSV, GraphML and "
        "GEXF files with --out. Does not touch the database."
    )
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV or XLSX with one membership per row")
        parser.add_argument("--min-jaccard", type=float, default=0.5, help="overlap threshold (default 0.5)")
        parser.add_argument("--top", type=int, default=None, help="keep the top N partners per organisation")
        parser.add_argument("--out", type=Path, default=None, help="write CSV, GraphML and GEXF files here")
        parser.add_argument("--encoding", default="utf-8", help="encoding of a CSV file (default utf-8)")
        parser.add_argument(
            "--pivots", type=int, default=256, help="sampled sources above 5,000 organisations"
        )
        parser.add_argument("--seed", type=int, default=0, help="seed for the sampled sources")

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["file"]
        min_jaccard: float = options["min_jaccard"]
        top: int | None = options["top"]
        if not 0.0 <= min_jaccard <= 1.0:
            raise CommandError("--min-jaccard must be between 0 and 1", returncode=BAD_INPUT)
        if top is not None and top < 1:
            raise CommandError("--top must be at least 1", returncode=BAD_INPUT)
        if not path.is_file():
            raise CommandError(f"no such file: {path}", returncode=BAD_INPUT)
        try:
            affiliations = read_memberships(path, encoding=options["encoding"])
        except InputError as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from error
        # The progress bar starts only once the input is read, so a bad file's error is the only output.
        console = Console(stderr=True)
        columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task(STAGES[0], total=len(STAGES) + 1)

            def advance(stage: str) -> None:
                following = STAGES[STAGES.index(stage) + 1] if stage != STAGES[-1] else "writing"
                progress.update(task, advance=1, description=following)

            report = analyse(
                affiliations,
                min_jaccard=min_jaccard,
                top=top,
                pivots=options["pivots"],
                seed=options["seed"],
                progress=advance,
            )
            if options["out"] is None:
                output = report.to_dict()
            else:
                written = write_report_files(report, options["out"])
                data = report.to_dict()
                output = {
                    key: data[key]
                    for key in ("organisations", "networks", "memberships", "density", "components")
                }
                output["files"] = [str(path) for path in written]
            progress.update(task, advance=1)
        self.stdout.write(json.dumps(output, ensure_ascii=False, allow_nan=False))

"""Reading a spreadsheet (XLSX or CSV) into plain rows, keeping the row numbers the user sees."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext_lazy as _

UNSUPPORTED_FORMAT = _("Only .xlsx and .csv files can be imported.")
UNREADABLE_FILE = _("The file could not be read as a spreadsheet.")
UNKNOWN_SHEET = _("The workbook has no sheet with that name.")

CSV_ENCODINGS = ("utf-8-sig", "cp1252")


class TableError(ValueError):
    """The file itself cannot be read (wrong format, missing sheet)."""


@dataclass
class Table:
    """Rows as (row number, cells); merged cells carry the value of their top-left cell."""

    rows: list[tuple[int, list[object]]]
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""


def read_table(path: Path, *, sheet: str | None = None) -> Table:
    """Read an .xlsx or .csv file; CSV delimiter and encoding (UTF-8 or Windows-1252) are detected."""
    return read_table_bytes(Path(path).read_bytes(), filename=Path(path).name, sheet=sheet)


def read_table_bytes(data: bytes, *, filename: str, sheet: str | None = None) -> Table:
    """Read a spreadsheet held in memory (an upload); the file name's extension tells XLSX from CSV."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data, sheet)
    if suffix in (".csv", ".txt"):
        return read_csv_bytes(data)
    raise TableError(UNSUPPORTED_FORMAT)


def _read_xlsx(data: bytes, sheet: str | None) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken or mislabelled file
        raise TableError(UNREADABLE_FILE) from error
    names = workbook.sheetnames
    if sheet:
        matches = [name for name in names if name.strip().lower() == sheet.strip().lower()]
        if not matches:
            raise TableError(UNKNOWN_SHEET)
        worksheet = workbook[matches[0]]
    else:
        worksheet = workbook.worksheets[0]
    merged: dict[tuple[int, int], object] = {}
    for cell_range in worksheet.merged_cells.ranges:
        value = worksheet.cell(cell_range.min_row, cell_range.min_col).value
        for row in range(cell_range.min_row, cell_range.max_row + 1):
            for column in range(cell_range.min_col, cell_range.max_col + 1):
                merged[(row, column)] = value
    rows: list[tuple[int, list[object]]] = []
    for row_cells in worksheet.iter_rows():
        if not row_cells:
            continue
        number = row_cells[0].row
        values = [merged.get((number, cell.column), cell.value) for cell in row_cells]
        rows.append((number, _trimmed(values)))
    return Table(rows=rows, sheet=worksheet.title, sheets=names)


def read_csv_bytes(data: bytes) -> Table:
    """CSV as Dutch Excel writes it (semicolons, Windows-1252) or as anything else does (commas, UTF-8)."""
    for encoding in CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise TableError(UNREADABLE_FILE)
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t|").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ";,\t"}
        delimiter = max(counts, key=counts.get)
    rows: list[tuple[int, list[object]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # Row numbers as a spreadsheet shows them: a quoted cell with new lines is still one row.
    for number, values in enumerate(reader, start=1):
        rows.append((number, _trimmed(list(values))))
    return Table(rows=rows, encoding=encoding.replace("utf-8-sig", "utf-8"), delimiter=delimiter)


def _trimmed(values: list[object]) -> list[object]:
    values = [None if isinstance(v, str) and not v.strip() else v for v in values]
    while values and values[-1] is None:
        values.pop()
    return values

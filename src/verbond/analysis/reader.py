"""Read a memberships table (CSV or XLSX) into affiliations, with one-line errors for bad input."""

import csv
import io
import zipfile
from pathlib import Path

from verbond.analysis.affiliations import Affiliations, affiliations_from_pairs

ORGANISATION_HEADERS = ("organisation", "organisatie", "organization")
NETWORK_HEADERS = ("network", "netwerk")
WEIGHT_HEADERS = ("weight", "gewicht")

ERROR_EMPTY = "the file has no memberships"
ERROR_COLUMNS = "missing column(s): need 'organisation' and 'network' (or 'organisatie' and 'netwerk')"
ERROR_ENCODING = "cannot read the file as {encoding}; try --encoding cp1252 (or save it as UTF-8)"
ERROR_FORMAT = "cannot read the file: expected a CSV or XLSX file"
ERROR_WEIGHT = "row {row}: weight {value!r} is not a number"
ERROR_ROW = "row {row}: organisation and network must both be filled in"
ERROR_CSV = "line {line}: cannot read the file as CSV ({error})"


class InputError(ValueError):
    """Bad input, with a message fit for one line on stderr."""


def _column(headers: list[str], names: tuple[str, ...]) -> int | None:
    for index, header in enumerate(headers):
        if header in names:
            return index
    return None


def _rows_from_csv(data: bytes, encoding: str) -> list[list[str]]:
    try:
        text = data.decode(
            "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
        )
    except (UnicodeDecodeError, LookupError) as error:
        raise InputError(ERROR_ENCODING.format(encoding=encoding)) from error
    if "\x00" in text:
        raise InputError(ERROR_ENCODING.format(encoding=encoding))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        return list(reader)
    except csv.Error as error:  # e.g. a field over csv.field_size_limit() (131,072 characters)
        raise InputError(ERROR_CSV.format(line=reader.line_num, error=error)) from error


def _rows_from_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise InputError(ERROR_FORMAT) from error
    sheet = workbook.worksheets[0]
    rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def read_memberships(path: Path, *, encoding: str = "utf-8") -> Affiliations:
    """Affiliations from a table with columns organisation, network[, weight] (Dutch headers too).

    Blank rows are skipped; headers are matched case-insensitively. Raises `InputError` for an empty file,
    missing columns, an unreadable encoding, CSV it cannot parse (such as a field over 131,072 characters),
    a half-filled row or a weight that is not a number.
    """
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _rows_from_xlsx(path)
    else:
        rows = _rows_from_csv(data, encoding)
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise InputError(ERROR_EMPTY)
    headers = [cell.strip().lower() for cell in rows[0]]
    org_col = _column(headers, ORGANISATION_HEADERS)
    net_col = _column(headers, NETWORK_HEADERS)
    weight_col = _column(headers, WEIGHT_HEADERS)
    if org_col is None or net_col is None:
        raise InputError(ERROR_COLUMNS)
    organisations, networks, weights = [], [], []
    for number, row in enumerate(rows[1:], start=2):
        cells = row + [""] * (max(org_col, net_col, weight_col or 0) + 1 - len(row))
        organisation, network = cells[org_col].strip(), cells[net_col].strip()
        if not organisation or not network:
            raise InputError(ERROR_ROW.format(row=number))
        weight = 1.0
        if weight_col is not None and cells[weight_col].strip():
            raw = cells[weight_col].strip()
            try:
                weight = (
                    float(raw.replace(",", ".")) if raw.count(",") == 1 and "." not in raw else float(raw)
                )
            except ValueError as error:
                raise InputError(ERROR_WEIGHT.format(row=number, value=raw)) from error
        organisations.append(organisation)
        networks.append(network)
        weights.append(weight)
    if not organisations:
        raise InputError(ERROR_EMPTY)
    return affiliations_from_pairs(organisations, networks, weights)

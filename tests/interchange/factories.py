"""Spreadsheet files for import tests, written on the fly."""

from pathlib import Path

import openpyxl

# A copy of ../shared/data/netwerken-voorbeeld.xlsx, so the tests do not depend on a folder outside the repository.
SAMPLE = Path(__file__).parent / "data" / "netwerken-voorbeeld.xlsx"


def write_xlsx(path: Path, rows: list[list[object]], *, title: str = "Netwerken") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]], *, delimiter: str = ";", encoding: str = "cp1252") -> Path:
    lines = []
    for row in rows:
        cells = [f'"{c}"' if delimiter in c or "\n" in c or '"' in c else c for c in row]
        lines.append(delimiter.join(cells))
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path

"""Typst markup from Python: escaping user text, and compiling markup to PDF (typst from PyPI, no system libraries).

User text (network names, purposes, conditions) is never trusted as markup: every piece goes through `escape()`,
which turns it into literal text. Charts travel as SVG bytes in `sys.inputs`, never as markup.
"""

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

import typst

# Every character that starts markup in typst: code (#), math ($), strong (*), emphasis (_), raw (`), labels and
# references (< > @), content blocks ([ ]), headings (=), lists (- + /), comments (// /*), non-breaking space (~),
# smart quotes (' "), the escape itself (\) and shorthands (-- ... -?).
_SPECIAL = re.compile(r"""([\\#$*_`<>@\[\]=\-+/~'".:;{}()|^&!?%])""")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|\n")


def escape(value: object) -> str:
    """Literal typst markup for any text: special characters escaped, line breaks kept as line breaks."""
    text = _CONTROL.sub("", "" if value is None else str(value))
    text = _SPECIAL.sub(r"\\\1", text)
    # A bare newline is a space in typst; a user's line break stays a line break. Leading spaces of a line are
    # harmless once every markup character is escaped.
    return _NEWLINES.sub(" \\\\\n", text.strip())


def content(value: object) -> str:
    """A content block `[...]` holding the escaped text, usable as a function argument."""
    return f"[{escape(value)}]"


def number(value: Decimal | float | int | None, *, decimals: int = 0, language: str = "nl") -> str:
    """A number formatted for the reader (1.250,5 in Dutch, 1,250.5 in English); '–' when missing."""
    if value is None:
        return "–"
    formatted = f"{float(value):,.{decimals}f}"
    if decimals and formatted.endswith("0" * decimals):
        formatted = formatted[: -(decimals + 1)]
    if language.startswith("nl"):
        formatted = formatted.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return formatted


def table(*, columns: str, header: Iterable[str], rows: Iterable[Iterable[str]], align: str = "left") -> str:
    """A typst table; header and rows are already markup (use `content()` for text)."""
    cells = f"table.header({', '.join(header)})"
    body = ",\n  ".join(", ".join(row) for row in rows)
    if body:
        cells += ",\n  " + body
    return f"#table(columns: {columns}, align: {align},\n  {cells}\n)\n"


def compile_pdf(markup: str, *, images: Mapping[str, str | bytes] | None = None) -> bytes:
    """Compile typst markup to PDF; `images` are passed as `sys.inputs` (read with `image(bytes(sys.inputs.x))`)."""
    inputs = {
        name: data.decode() if isinstance(data, bytes) else data for name, data in (images or {}).items()
    }
    return typst.compile(markup.encode(), format="pdf", sys_inputs=inputs, ignore_system_fonts=True)

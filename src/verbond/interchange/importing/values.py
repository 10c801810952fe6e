"""Reading the values people type into their spreadsheets. Plain functions: text in, value out.

Each parser returns a `Parsed`: the value, or `None` with `readable=False` when the text could not be
read (a warning), or `None` with `readable=True` when the cell means "nothing" ("n.v.t.", "-", empty).
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

EMPTY_MARKERS = {"", "-", "--", "–", "nvt", "n.v.t", "n.v.t.", "n/a", "na", "geen", "none", "nb", "n.b."}

# How many of a period fit in a month: "3 uur per kwartaal" is 1 hour per month.
PERIODS_PER_MONTH: dict[str, Decimal] = {
    **dict.fromkeys(["maand", "mnd", "m", "mo", "month", "pm", "maandelijks", "monthly"], Decimal(1)),
    **dict.fromkeys(["week", "wk", "w", "pw", "weekly", "wekelijks"], Decimal(52) / Decimal(12)),
    **dict.fromkeys(["dag", "day", "d", "werkdag", "workday"], Decimal(52 * 5) / Decimal(12)),
    **dict.fromkeys(["kwartaal", "kw", "q", "quarter", "pk", "quarterly"], Decimal(1) / Decimal(3)),
    **dict.fromkeys(["jaar", "jr", "j", "year", "yr", "pj", "jaarlijks", "yearly"], Decimal(1) / Decimal(12)),
}
PERIOD_PREFIX = re.compile(r"^(per|p/|p\.|/|a|an|each|every|in de|in het|elke|iedere)\s*")
PERIOD_MULTIPLE = re.compile(r"^(\d+)\s*(weken|weeks|maanden|months|jaar|years)$")
HOURS_NUMBER = re.compile(r"^(?:ca\.?|circa|ongeveer|about|approx\.?|±|~)?\s*(\d+(?:[.,]\d+)?)\s*(.*)$")
MINUTE_UNITS = re.compile(r"^(min|minuten|minutes|mins)\b")
HOUR_UNITS = re.compile(r"^(uur|uren|u\b|u/|u\.|h\b|h/|hrs|hours|hour)")

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "february": 2,
    "maart": 3, "mrt": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

CADENCES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"twee\s*wekelijks|tweewekelijks|om de week|per (2|twee) weken|fortnight|every (2|two) weeks"
        ),
        "fortnightly",
    ),
    (re.compile(r"per (6|zes) weken|zeswekelijks|six.?week|every (6|six) weeks"), "six_weekly"),
    (re.compile(r"wekelijks|per week|weekly|every week"), "weekly"),
    (re.compile(r"maandelijks|per maand|monthly|every month|p/?m\b"), "monthly"),
    (re.compile(r"kwartaal|quarterly|quarter"), "quarterly"),
    (
        re.compile(r"halfjaarlijks|per half jaar|2x per jaar|twee keer per jaar|twice a year|half.?yearly"),
        "twice_a_year",
    ),
    (re.compile(r"jaarlijks|per jaar|yearly|annual"), "yearly"),
    (re.compile(r"ad.?hoc|op afroep|wanneer nodig|indien nodig|when needed|as needed"), "ad_hoc"),
]
ACTIVE_STATUSES = {"loopt", "lopend", "actief", "active", "running", "ongoing"}


@dataclass(frozen=True)
class Parsed:
    value: object = None
    readable: bool = True


UNREADABLE = Parsed(None, readable=False)
NOTHING = Parsed(None, readable=True)


def text_of(value: object) -> str:
    """The cell as the user sees it: dates as dd-mm-yyyy, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


def is_empty(value: object) -> bool:
    return text_of(value).strip().lower().rstrip(".") in {m.rstrip(".") for m in EMPTY_MARKERS}


def _decimal(text: str) -> Decimal | None:
    """'1,5' and '1.5' are both one and a half; '2.500' (three digits after the dot) is two thousand five hundred."""
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def parse_hours(value: object) -> Parsed:
    """Hours of effort, normalised to hours per month ('3 uur/kwartaal' → 1.0). A bare number is per month."""
    if isinstance(value, bool):
        return UNREADABLE
    if isinstance(value, int | float | Decimal):
        return (
            Parsed(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)) if value >= 0 else UNREADABLE
        )
    if is_empty(value):
        return NOTHING
    text = text_of(value).lower().replace("\u00a0", " ")
    match = HOURS_NUMBER.match(text)
    if not match:
        return UNREADABLE
    number = _decimal(match.group(1))
    rest = match.group(2).strip()
    if number is None:
        return UNREADABLE
    if MINUTE_UNITS.match(rest):
        number = number / 60
        rest = MINUTE_UNITS.sub("", rest, count=1)
    elif HOUR_UNITS.match(rest):
        rest = HOUR_UNITS.sub("", rest, count=1)
    rest = PERIOD_PREFIX.sub("", rest.strip(), count=1).strip(" .")
    factor = Decimal(1)
    if match := PERIOD_MULTIPLE.match(rest):
        unit = {"weken": "week", "weeks": "week", "maanden": "maand", "months": "maand"}.get(
            match.group(2), "jaar"
        )
        factor = PERIODS_PER_MONTH[unit] / int(match.group(1)) if int(match.group(1)) else Decimal(0)
    elif rest:
        if rest.replace(".", "") not in PERIODS_PER_MONTH:
            return UNREADABLE
        factor = PERIODS_PER_MONTH[rest.replace(".", "")]
    return Parsed((number * factor).quantize(Decimal("0.1"), ROUND_HALF_UP))


def parse_money(value: object) -> Parsed:
    """An amount in euros: '€ 2.500', '€ 1.250,-', 'EUR 300', 1250.0."""
    if isinstance(value, bool):
        return UNREADABLE
    if isinstance(value, int | float | Decimal):
        return Parsed(Decimal(str(value)).quantize(Decimal("0.01"))) if value >= 0 else UNREADABLE
    if is_empty(value):
        return NOTHING
    text = text_of(value).lower().replace("\u00a0", " ")
    text = re.sub(r"^(€|eur|euro)\s*", "", text.strip())
    text = re.sub(r"\s*(€|eur|euro|per jaar|p/j|p\.j\.|/jaar|/jr|per year|a year)\s*$", "", text)
    text = re.sub(r"[,.]-+$", "", text).replace(" ", "")
    if not re.fullmatch(r"\d[\d.,]*", text):
        return UNREADABLE
    amount = _decimal(text)
    if amount is None:
        return UNREADABLE
    return Parsed(amount.quantize(Decimal("0.01")))


def parse_date(value: object) -> Parsed:
    """A date: a real date cell, 01-09-2020, 2020-09-01, 'maart 2021' (first of the month) or '2021' (1 January)."""
    if isinstance(value, dt.datetime):
        return Parsed(value.date())
    if isinstance(value, dt.date):
        return Parsed(value)
    if isinstance(value, int) and 1900 <= value <= 2100:
        return Parsed(dt.date(value, 1, 1))
    if isinstance(value, float) and value.is_integer() and 1900 <= value <= 2100:
        return Parsed(dt.date(int(value), 1, 1))
    if is_empty(value):
        return NOTHING
    text = text_of(value).lower().strip()
    text = re.sub(r"^(sinds|vanaf|per|since|from)\s+", "", text)
    try:
        if match := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text):
            day, month, year = (int(g) for g in match.groups())
            return Parsed(dt.date(year, month, day))
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            year, month, day = (int(g) for g in match.groups())
            return Parsed(dt.date(year, month, day))
        if match := re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", text):
            if match.group(2) in MONTHS:
                return Parsed(dt.date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1))))
        if match := re.fullmatch(r"([a-z]+)\.?\s+(\d{4})", text):
            if match.group(1) in MONTHS:
                return Parsed(dt.date(int(match.group(2)), MONTHS[match.group(1)], 1))
        if match := re.fullmatch(r"(\d{1,2})[-/](\d{4})", text):
            return Parsed(dt.date(int(match.group(2)), int(match.group(1)), 1))
        if match := re.fullmatch(r"(\d{4})", text):
            return Parsed(dt.date(int(match.group(1)), 1, 1))
    except ValueError:  # 31-2-2024
        return UNREADABLE
    return UNREADABLE


def parse_cadence(value: object) -> Parsed:
    """How often it meets, as a `Cadence` value ('maandelijks' → 'monthly'); unknown rhythms are unreadable."""
    if is_empty(value):
        return NOTHING
    text = text_of(value).lower()
    for pattern, cadence in CADENCES:
        if pattern.search(text):
            return Parsed(cadence)
    return UNREADABLE


def split_names(value: object) -> list[str]:
    """Partner names from one cell separated by commas, semicolons, new lines, slashes or ' en '/' and '/'&'."""
    if is_empty(value):
        return []
    text = str(value)
    # Commas inside brackets ("Welzijn Vaartstad (WVS, team Noord)") do not separate names.
    parts: list[str] = []
    depth, current = 0, ""
    for char in text:
        depth += char == "("
        depth -= char == ")" and depth > 0
        if depth == 0 and char in ",;\n\r|+":
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    names: list[str] = []
    for part in parts:
        for name in re.split(r"(?<!-)\s+(?:en|and|&)\s+", part):
            name = " ".join(name.split()).strip(" .-•*")
            if name and name.lower() not in EMPTY_MARKERS and name not in names:
                names.append(name)
    return names


ABBREVIATIONS = [
    (r"\bgem\b\.?", "gemeente"),
    (r"\bgmt\b\.?", "gemeente"),
    (r"\bprov\b\.?", "provincie"),
    (r"\bstg\b\.?", "stichting"),
    (r"\bst\b\.", "stichting"),
    (r"\bver\b\.", "vereniging"),
    (r"\bggz\b", "ggz"),
]


def organisation_key(name: str) -> str:
    """A name reduced to what identifies it: 'gem. Vaartstad' and 'Gemeente  Vaartstad (WVS)' compare equal."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\([^)]*\)", " ", text)
    for pattern, replacement in ABBREVIATIONS:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def is_totals_label(value: object) -> bool:
    return bool(
        re.fullmatch(
            r"(sub)?(totaal|totalen|total|totals|som|sum|generaal totaal|grand total)\s*:?",
            text_of(value).lower(),
        )
    )

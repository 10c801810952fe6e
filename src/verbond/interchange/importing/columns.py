"""Which column holds what: the header row is found and its (Dutch or English) names mapped to fields."""

import re

from django.utils.translation import gettext_lazy as _

from verbond.interchange.importing.values import organisation_key

# Field → header names people use for it, compared after `header_key`. The first is the canonical one.
SYNONYMS: dict[str, list[str]] = {
    "name": ["netwerk", "netwerk overleg", "naam", "naam netwerk", "overleg", "samenwerkingsverband", "network",
             "name", "network name", "netwerknaam", "platform", "tafel"],
    "challenge": ["opgave", "thema", "maatschappelijke opgave", "domein", "challenge", "theme", "topic"],
    "lead": ["trekker", "penvoerder", "lead", "lead organisation", "lead organization", "voorzitter",
             "eigenaar", "initiatiefnemer", "regie", "regisseur"],
    "partners": ["partners", "deelnemers", "partijen", "deelnemende organisaties", "participants", "members",
                 "organisaties", "samenwerkingspartners"],
    "representatives": ["wie gaat namens ons", "namens ons", "vertegenwoordiger", "vertegenwoordigers",
                        "representatives", "representative", "wie", "deelnemer namens ons", "contactpersoon"],
    "cadence": ["frequentie", "vergaderfrequentie", "ritme", "cadence", "frequency", "hoe vaak"],
    "hours": ["tijdsinvestering", "uren", "uren per maand", "uur per maand", "tijd", "inzet", "hours",
              "hours per month", "time", "effort", "tijdsbesteding"],
    "costs": ["kosten", "kosten p j", "kosten per jaar", "bijdrage", "financiele bijdrage", "costs",
              "costs per year", "cost", "budget", "jaarlijkse kosten"],
    "start_date": ["sinds", "start", "startdatum", "begonnen", "vanaf", "start date", "since", "begin",
                   "begindatum", "looptijd vanaf"],
    "end_date": ["einddatum", "tot", "eind", "end date", "until", "end", "looptijd tot"],
    "status": ["status", "stand", "state"],
    "purpose": ["doel", "doelstelling", "omschrijving", "purpose", "description", "beschrijving"],
    "notes": ["opmerkingen", "opmerking", "toelichting", "notities", "notes", "remarks", "comments", "bijzonderheden"],
}  # fmt: skip

FIELD_LABELS = {
    "name": _("name"),
    "challenge": _("challenge"),
    "lead": _("lead organisation"),
    "partners": _("partners"),
    "representatives": _("representatives"),
    "cadence": _("cadence"),
    "hours": _("hours per month"),
    "costs": _("costs per year"),
    "start_date": _("start date"),
    "end_date": _("end date"),
    "status": _("status"),
    "purpose": _("purpose"),
    "notes": _("notes"),
}
IGNORE = "-"
HEADER_SEARCH_ROWS = 20


def header_key(text: object) -> str:
    return organisation_key(str(text or ""))


def field_for_header(text: object) -> str | None:
    key = header_key(text)
    if not key:
        return None
    for name, synonyms in SYNONYMS.items():
        if key in synonyms or key == name.replace("_", " "):
            return name
    # "Tijdsinvestering (uren per maand)" or "Naam van het netwerk": try the words before a bracket or colon.
    short = header_key(re.split(r"[(:]", str(text))[0])
    for name, synonyms in SYNONYMS.items():
        if short in synonyms:
            return name
    return None


def find_header(rows: list[tuple[int, list[object]]], overrides: dict[str, str] | None = None) -> int | None:
    """Index (in `rows`) of the row with the most recognised column names; a title row above it is skipped."""
    named = {header_key(k): f for k, f in (overrides or {}).items()}
    best, best_score = None, 1
    for index, (_number, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        fields = [named.get(header_key(v)) or field_for_header(v) for v in values if isinstance(v, str)]
        score = len({f for f in fields if f})
        if score > best_score:
            best, best_score = index, score
    return best


def map_columns(headers: list[object], overrides: dict[str, str] | None = None) -> dict[int, str]:
    """Column index → field. `overrides` maps a header text (or a column letter) to a field, or to '-' to ignore it."""
    overrides = {header_key(k): v for k, v in (overrides or {}).items()}
    mapping: dict[int, str] = {}
    automatic: dict[int, str] = {}
    for index, header in enumerate(headers):
        override = overrides.get(header_key(header), overrides.get(column_letter(index).lower()))
        if override is not None:
            if override != IGNORE:
                mapping[index] = override
        elif field := field_for_header(header):
            automatic[index] = field
    # An override wins over a column that was recognised automatically for the same field.
    for index, field in automatic.items():
        if field not in mapping.values():
            mapping[index] = field
    return dict(sorted(mapping.items()))


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters

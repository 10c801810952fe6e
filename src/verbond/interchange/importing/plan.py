"""From rows to an import plan: what would be created, matched, warned about. No database access here."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz, process

from verbond.interchange.importing import values as v
from verbond.interchange.importing.columns import FIELD_LABELS, column_letter, find_header, map_columns
from verbond.interchange.importing.matching import KnownOrganisation, Match, Method, OrganisationMatcher
from verbond.interchange.importing.table import Table

NO_HEADER = _("No header row with a column for the network's name was found.")
NAME_MISSING = _("This row has no network name, so it cannot become a network.")
DUPLICATE_ROW = _("Same network as row %(row)s: the rows were merged.")
HOURS_UNREADABLE = _("The hours could not be read: left empty, the text is kept in the notes.")
COSTS_UNREADABLE = _("The costs could not be read: left empty, the text is kept in the notes.")
DATE_UNREADABLE = _("The date could not be read: left empty, the text is kept in the notes.")
CADENCE_UNREADABLE = _("The cadence could not be read: left empty, the text is kept in the notes.")
CHALLENGE_UNKNOWN = _("No such challenge: left empty, the text is kept in the notes.")
POSSIBLE_MATCH = _(
    "“%(name)s” resembles “%(candidate)s” (%(confidence)s%%) but is not merged with it: "
    "a new organisation is created."
)
MERGED_MATCH = _("“%(name)s” is taken to be “%(canonical)s” (%(confidence)s%% alike).")
LEAD_MISSING = _("No lead organisation: your organisation is recorded as the lead.")
END_BEFORE_START = _("The end date is before the start date: left empty, the text is kept in the notes.")

PARSERS = {
    "hours": (v.parse_hours, HOURS_UNREADABLE),
    "costs": (v.parse_money, COSTS_UNREADABLE),
    "start_date": (v.parse_date, DATE_UNREADABLE),
    "end_date": (v.parse_date, DATE_UNREADABLE),
    "cadence": (v.parse_cadence, CADENCE_UNREADABLE),
}
CHALLENGE_CONFIDENT = 85


@dataclass(frozen=True)
class KnownChallenge:
    id: int
    name: str
    name_en: str = ""
    slug: str = ""


@dataclass
class Issue:
    """An error (the row is not imported) or a warning (a value is left empty), as the user sees the cell."""

    row: int | None
    column: str
    value: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "value": self.value, "message": str(self.message)}


@dataclass
class NetworkDraft:
    """One network to create or update, with our participation in it."""

    row: int
    name: str
    lead: Match | None
    partners: list[Match] = field(default_factory=list)
    challenges: list[KnownChallenge] = field(default_factory=list)
    representatives: str = ""
    cadence: str = ""
    hours_per_month: Decimal | None = None
    costs_per_year: Decimal | None = None
    start_date: object = None
    end_date: object = None
    purpose: str = ""
    notes: list[str] = field(default_factory=list)
    merged_rows: list[int] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (network_key(self.name), v.organisation_key(self.lead.canonical) if self.lead else "")

    @property
    def notes_text(self) -> str:
        return "\n".join(self.notes)


@dataclass
class ColumnMapping:
    letter: str
    header: str
    field: str | None

    @property
    def label(self) -> str:
        return str(FIELD_LABELS[self.field]) if self.field else ""


@dataclass
class ImportPlan:
    """Everything an import would do; the preview shows it and the service writes it."""

    organisation: KnownOrganisation
    sheet: str = ""
    header_row: int | None = None
    columns: list[ColumnMapping] = field(default_factory=list)
    rows: int = 0
    networks: list[NetworkDraft] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # totals rows
    matches: list[Match] = field(default_factory=list)
    # Names merged with a look-alike, where first seen (row, column) and what they matched then: each is warned about.
    merged_names: list[tuple[int, str, Match, str]] = field(default_factory=list)

    @property
    def organisations_matched(self) -> list[Match]:
        seen, result = set(), []
        for match in self.matches:
            if match.organisation_id is not None and match.organisation_id not in seen:
                seen.add(match.organisation_id)
                result.append(match)
        return result

    @property
    def organisations_new(self) -> list[str]:
        own = v.organisation_key(self.organisation.name)
        names: list[str] = []
        for match in self.matches:
            if match.organisation_id is None and v.organisation_key(match.canonical) != own:
                if match.canonical not in names:
                    names.append(match.canonical)
        return names

    @property
    def hours_per_month_total(self) -> Decimal:
        return sum((d.hours_per_month or Decimal(0) for d in self.networks), Decimal(0))

    def summary(self) -> dict[str, object]:
        """The JSON report: exactly the keys the command documents."""
        return {
            "rows": self.rows,
            "networks": len(self.networks),
            "organisations_matched": len(self.organisations_matched),
            "organisations_new": len(self.organisations_new),
            "hours_per_month_total": float(self.hours_per_month_total),
            "errors": [issue.as_dict() for issue in self.errors],
            "warnings": [issue.as_dict() for issue in self.warnings],
        }


def build_plan(
    table: Table,
    *,
    organisation: KnownOrganisation,
    organisations: list[KnownOrganisation],
    challenges: list[KnownChallenge],
    overrides: dict[str, str] | None = None,
) -> ImportPlan:
    """Read the table's rows into network drafts, matching organisations and challenges by name."""
    plan = ImportPlan(organisation=organisation, sheet=table.sheet)
    known = list(organisations)
    if organisation.id is None:
        known.append(organisation)
    matcher = OrganisationMatcher(known)
    header_index = find_header(table.rows, overrides)
    if header_index is None:
        plan.errors.append(Issue(None, "", "", NO_HEADER))
        return plan
    header_number, headers = table.rows[header_index]
    mapping = map_columns(headers, overrides)
    plan.header_row = header_number
    plan.columns = [
        ColumnMapping(column_letter(i), v.text_of(h), mapping.get(i))
        for i, h in enumerate(headers)
        if h is not None
    ]
    plan.columns += [ColumnMapping(column_letter(i), "", f) for i, f in mapping.items() if i >= len(headers)]
    if "name" not in mapping.values():
        plan.errors.append(Issue(header_number, "", "", NO_HEADER))
        return plan
    column_of = {f: i for i, f in mapping.items()}
    header_of = {
        f: (v.text_of(headers[i]) if i < len(headers) and headers[i] else column_letter(i))
        for f, i in column_of.items()
    }
    drafts: dict[tuple[str, str], NetworkDraft] = {}
    for number, cells in table.rows[header_index + 1 :]:
        row = {f: (cells[i] if i < len(cells) else None) for f, i in column_of.items()}
        if all(value is None for value in cells):
            continue
        if any(v.is_totals_label(value) for value in cells[:2]) or v.is_totals_label(row["name"]):
            plan.skipped.append(number)
            continue
        plan.rows += 1
        draft = _draft(number, row, header_of, plan, matcher, challenges, organisation)
        if draft is None:
            continue
        if draft.key in drafts:
            first = drafts[draft.key]
            plan.warnings.append(
                Issue(number, header_of["name"], draft.name, DUPLICATE_ROW % {"row": first.row})
            )
            _merge(first, draft)
        else:
            drafts[draft.key] = draft
    matcher.settle_names()
    _warn_merged_names(plan)
    plan.networks = list(drafts.values())
    plan.matches = list(matcher.cache.values())
    return plan


def _warn_merged_names(plan: ImportPlan) -> None:
    """A spelling merged with a look-alike is never silent: one warning each, among the others by row."""
    for row, column, match, matched_then in plan.merged_names:
        # A new organisation may have been renamed to this very spelling: then the other one was merged into it.
        name = matched_then if match.canonical == match.name else match.name
        message = MERGED_MATCH % {"name": name, "canonical": match.canonical, "confidence": match.confidence}
        plan.warnings.append(Issue(row, column, match.name, message))
    plan.warnings.sort(key=lambda issue: issue.row or 0)


def _draft(number, row, header_of, plan, matcher, challenges, organisation) -> NetworkDraft | None:
    name = v.text_of(row["name"]).strip()
    if not name or v.is_empty(name):
        plan.errors.append(Issue(number, header_of["name"], name, NAME_MISSING))
        return None

    def warn(field_name: str, message: str) -> None:
        text = v.text_of(row[field_name])
        plan.warnings.append(Issue(number, header_of[field_name], text, message))
        draft.notes.append(f"{header_of[field_name]}: {text}")

    lead_names = v.split_names(row.get("lead"))
    lead = _matched(matcher, lead_names[0], number, header_of.get("lead", ""), plan) if lead_names else None
    draft = NetworkDraft(row=number, name=name, lead=lead)
    if lead is None:
        draft.lead = matcher.match(organisation.name)
        plan.warnings.append(Issue(number, header_of.get("lead", ""), "", LEAD_MISSING))
    for partner in [*lead_names[1:], *v.split_names(row.get("partners"))]:
        match = _matched(matcher, partner, number, header_of.get("partners", ""), plan)
        if all(m.canonical != match.canonical for m in [draft.lead, *draft.partners]):
            draft.partners.append(match)
    for field_name, (parser, message) in PARSERS.items():
        if field_name not in row:
            continue
        parsed = parser(row[field_name])
        if not parsed.readable:
            warn(field_name, message)
        else:
            attribute = {"hours": "hours_per_month", "costs": "costs_per_year"}.get(field_name, field_name)
            setattr(draft, attribute, parsed.value if parsed.value is not None else _blank(field_name))
    if draft.start_date and draft.end_date and draft.end_date < draft.start_date:
        draft.end_date = None
        warn("end_date", END_BEFORE_START)
    if "challenge" in row:
        for text in v.split_names(row["challenge"]):
            challenge = match_challenge(text, challenges)
            if challenge is None:
                plan.warnings.append(Issue(number, header_of["challenge"], text, CHALLENGE_UNKNOWN))
                draft.notes.append(f"{header_of['challenge']}: {text}")
            elif challenge not in draft.challenges:
                draft.challenges.append(challenge)
    draft.representatives = v.text_of(row.get("representatives")).replace("\n", ", ")[:300]
    draft.purpose = v.text_of(row.get("purpose"))
    status = v.text_of(row.get("status"))
    if status and status.lower() not in v.ACTIVE_STATUSES:
        draft.notes.insert(0, f"{header_of['status']}: {status}")
    if text := v.text_of(row.get("notes")):
        draft.notes.insert(0, text)
    return draft


def _blank(field_name: str) -> object:
    return "" if field_name == "cadence" else None


def _matched(matcher: OrganisationMatcher, name: str, number: int, column: str, plan: ImportPlan) -> Match:
    match = matcher.match(name)
    if match.method == Method.FUZZY and all(seen is not match for _r, _c, seen, _n in plan.merged_names):
        plan.merged_names.append((number, column, match, match.canonical))
    if match.candidate:
        message = POSSIBLE_MATCH % {
            "name": name,
            "candidate": match.candidate,
            "confidence": match.candidate_confidence,
        }
        if not any(w.message == message for w in plan.warnings):
            plan.warnings.append(Issue(number, column, name, message))
    return match


def _merge(first: NetworkDraft, duplicate: NetworkDraft) -> None:
    """A repeated row fills what the first left empty; extra partners and notes are added."""
    first.merged_rows.append(duplicate.row)
    for name in (
        "representatives",
        "cadence",
        "hours_per_month",
        "costs_per_year",
        "start_date",
        "end_date",
        "purpose",
    ):
        if getattr(first, name) in (None, "") and getattr(duplicate, name) not in (None, ""):
            setattr(first, name, getattr(duplicate, name))
    for partner in duplicate.partners:
        if all(m.canonical != partner.canonical for m in [first.lead, *first.partners]):
            first.partners.append(partner)
    for challenge in duplicate.challenges:
        if challenge not in first.challenges:
            first.challenges.append(challenge)
    for note in duplicate.notes:
        if note not in first.notes:
            first.notes.append(note)


def network_key(name: str) -> str:
    """Network names compare without case, punctuation or extra spaces; brackets count."""
    return " ".join(re.sub(r"[^\w()]+", " ", name.lower()).split())


def match_challenge(text: str, challenges: list[KnownChallenge]) -> KnownChallenge | None:
    """'Zorg' is 'Zorg en welzijn', 'Housing' is 'Wonen': exact, then by first word, then fuzzy."""
    key = v.organisation_key(text)
    if not key:
        return None
    for challenge in challenges:
        keys = {
            v.organisation_key(challenge.name),
            v.organisation_key(challenge.name_en),
            challenge.slug.replace("-", " "),
        }
        if key in keys:
            return challenge
    for challenge in challenges:
        if any(
            k.startswith(key + " ")
            for k in (v.organisation_key(challenge.name), v.organisation_key(challenge.name_en))
        ):
            return challenge
    choices = {c: v.organisation_key(c.name) for c in challenges}
    best = process.extractOne(key, choices, scorer=fuzz.ratio) if choices else None
    return best[2] if best and best[1] >= CHALLENGE_CONFIDENT else None

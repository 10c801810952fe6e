"""Exports of what a user may see, as XLSX (one sheet each) or CSV, with headers in the user's language.

Only the organisation's own private data (portfolio, decisions) and the shared data of the networks it takes
part in (pledges, mandates, indicators, measurements).
"""

import csv
import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Model
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from verbond.accounts.models import User
from verbond.commitments.models import Mandate, Pledge
from verbond.commitments.selectors import pledges_visible_to
from verbond.decisions.models import Decision
from verbond.decisions.selectors import decisions_visible_to
from verbond.networks.models import Participant
from verbond.networks.selectors import networks_visible_to, portfolio
from verbond.outcomes.models import Indicator, Measurement
from verbond.outcomes.selectors import indicators_visible_to

Value = str | int | float | Decimal | datetime.date | bool | None

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")

TITLES = {
    "portfolio": gettext_lazy("Portfolio"),
    "decisions": gettext_lazy("Decisions"),
    "pledges": gettext_lazy("Pledges"),
    "mandates": gettext_lazy("Mandates"),
    "indicators": gettext_lazy("Indicators"),
    "measurements": gettext_lazy("Measurements"),
}


@dataclass
class Sheet:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Value]]


def _label(model: type[Model], field: str) -> str:
    return str(model._meta.get_field(field).verbose_name).capitalize()


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def available() -> list[str]:
    """The sheets that can be exported, in order."""
    return list(TITLES)


def _portfolio(user: User) -> Sheet:
    result = portfolio(organisation=user.organisation)
    headers = [
        _("Network"),
        _("Level"),
        _("Lead organisation"),
        _("Challenges"),
        _("Partners"),
        _("Our hours per month"),
        _("Our costs per year (€)"),
        _("Decision"),
        _("Decided on"),
        _("Deadline"),
    ]
    rows = [
        [
            row.network.name,
            row.network.get_level_display(),
            row.network.lead.name,
            ", ".join(str(challenge) for challenge in row.challenges),
            row.partner_count,
            row.hours_per_month,
            row.costs_per_year,
            row.decision_label,
            row.decided_on,
            row.deadline,
        ]
        for row in result.rows
    ]
    return Sheet("portfolio", str(TITLES["portfolio"]), headers, rows)


def _decisions(user: User) -> Sheet:
    decisions = (
        decisions_visible_to(user=user)
        .filter(network__in=networks_visible_to(user=user))
        .select_related("network", "decided_by")
        .order_by("network__name", "-decided_on", "-created_at")
    )
    fields = [
        "decided_on",
        "gate_urgency",
        "gate_courage",
        "gate_reciprocity",
        "put_in_hours_per_month",
        "put_in_budget",
        "put_in_mandate",
        "conditions",
        "deadline",
        "reason",
        "exit_date",
    ]
    headers = [_("Network"), _label(Decision, "kind"), *[_label(Decision, f) for f in fields], _("Decided by"), _("Current")]
    rows = []
    for decision in decisions:
        values = [getattr(decision, f) for f in fields]
        values = [_yes_no(v) if isinstance(v, bool) else v for v in values]
        decided_by = str(decision.decided_by) if decision.decided_by else ""
        rows.append([decision.network.name, decision.get_kind_display(), *values, decided_by, _yes_no(decision.is_current)])
    return Sheet("decisions", str(TITLES["decisions"]), headers, rows)


def _pledges(user: User) -> Sheet:
    pledges = pledges_visible_to(user=user).select_related("network", "organisation").order_by(
        "network__name", "organisation__name", "due_date", "pk"
    )
    fields = ["description", "quantity", "unit", "period_start", "period_end", "accountable_person", "due_date"]
    headers = [
        _("Network"),
        _label(Pledge, "organisation"),
        _label(Pledge, "kind"),
        *[_label(Pledge, f) for f in fields],
        _label(Pledge, "status"),
        _label(Pledge, "delivered_quantity"),
    ]
    rows = [
        [
            p.network.name,
            p.organisation.name,
            p.get_kind_display(),
            *[getattr(p, f) for f in fields],
            p.get_status_display(),
            p.delivered_quantity,
        ]
        for p in pledges
    ]
    return Sheet("pledges", str(TITLES["pledges"]), headers, rows)


def _mandates(user: User) -> Sheet:
    # The same scope as the commitments app's mandate_get: mandates are shared with the network's participants.
    mandates = (
        Mandate.objects.filter(network__in=networks_visible_to(user=user))
        .select_related("network", "granting_organisation", "holder_organisation")
        .order_by("network__name", "valid_from", "pk")
    )
    fields = ["team_or_role", "hours_per_week", "scope", "valid_from", "valid_until"]
    headers = [
        _("Network"),
        _label(Mandate, "granting_organisation"),
        _label(Mandate, "holder_organisation"),
        *[_label(Mandate, f) for f in fields],
    ]
    rows = [
        [m.network.name, m.granting_organisation.name, m.holder_organisation.name, *[getattr(m, f) for f in fields]]
        for m in mandates
    ]
    return Sheet("mandates", str(TITLES["mandates"]), headers, rows)


def _indicators(user: User) -> Sheet:
    indicators = indicators_visible_to(user=user).select_related("network", "owner").order_by("network__name", "kind", "name")
    fields = ["name", "unit", "baseline_value", "baseline_date", "target_value", "target_date"]
    headers = [
        _("Network"),
        _label(Indicator, "kind"),
        *[_label(Indicator, f) for f in fields],
        _label(Indicator, "direction"),
        _label(Indicator, "owner"),
    ]
    rows = [
        [
            i.network.name,
            i.get_kind_display(),
            *[getattr(i, f) for f in fields],
            i.get_direction_display(),
            i.owner.name,
        ]
        for i in indicators
    ]
    return Sheet("indicators", str(TITLES["indicators"]), headers, rows)


def _measurements(user: User) -> Sheet:
    measurements = (
        Measurement.objects.current()
        .filter(indicator__in=indicators_visible_to(user=user))
        .select_related("indicator", "indicator__network")
        .order_by("indicator__network__name", "indicator__name", "date")
    )
    fields = ["date", "value", "source", "version"]
    headers = [_("Network"), _("Indicator"), *[_label(Measurement, f) for f in fields]]
    rows = [[m.indicator.network.name, m.indicator.name, *[getattr(m, f) for f in fields]] for m in measurements]
    return Sheet("measurements", str(TITLES["measurements"]), headers, rows)


BUILDERS: dict[str, Callable[[User], Sheet]] = {
    "portfolio": _portfolio,
    "decisions": _decisions,
    "pledges": _pledges,
    "mandates": _mandates,
    "indicators": _indicators,
    "measurements": _measurements,
}


def export_sheets(*, user: User, what: list[str] | None = None) -> list[Sheet]:
    """The requested sheets (default: all available) with what the user's organisation may see; 404 if unknown."""
    if not user.organisation_id:
        raise Http404
    keys = available()
    wanted = what or keys
    if any(key not in keys for key in wanted):
        raise Http404
    return [BUILDERS[key](user) for key in wanted]


def _safe_text(value: str) -> str:
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    # A leading quote makes a spreadsheet show the text instead of running it; plain numbers like -3 stay.
    if value.startswith(FORMULA_START) and not NUMBER.match(value):
        return "'" + value
    return value


def _cell(value: Value) -> Value:
    if isinstance(value, str):
        return _safe_text(value)
    return value


def to_xlsx(sheets: list[Sheet]) -> bytes:
    """One worksheet per sheet, bold headers, frozen header row, sensible column widths."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet.title[:31])
        worksheet.append(sheet.headers)
        for cell in worksheet[1]:
            cell.font = bold
        for row in sheet.rows:
            worksheet.append([_cell(value) for value in row])
            for cell in worksheet[worksheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula
                elif isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
        worksheet.freeze_panes = "A2"
        for index, header in enumerate(sheet.headers, start=1):
            longest = max([len(header), *(len(str(row[index - 1] or "")) for row in sheet.rows[:200])])
            worksheet.column_dimensions[get_column_letter(index)].width = min(max(10, longest + 2), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_value(value: Value, *, decimal_comma: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return _safe_text(value)
    if decimal_comma and isinstance(value, (Decimal, float)):
        return str(value).replace(".", ",")
    return str(value)


def to_csv(sheet: Sheet, *, dutch: bool = False) -> str:
    """One sheet as CSV, dates as YYYY-MM-DD: comma-separated with a decimal point, or — for Dutch Excel, which
    reads `;` and decimal commas — semicolon-separated with a decimal comma."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if dutch else ",")
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow([_csv_value(value, decimal_comma=dutch) for value in row])
    return buffer.getvalue()


def filename(*, user: User, what: str, extension: str) -> str:
    return f"verbond-{user.organisation.slug}-{what}-{timezone.localdate().isoformat()}.{extension}"


GRAPH_FORMATS = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml"}


def affiliation_graph(*, user: User):  # noqa: ANN201 - a networkx Graph
    """The organisation-by-network graph of the networks the user's organisation takes part in (shared data)."""
    import networkx as nx

    graph = nx.Graph()
    participants = (
        Participant.objects.filter(network__in=networks_visible_to(user=user))
        .select_related("network", "organisation")
        .order_by("network__name", "organisation__name")
    )
    for participant in participants:
        network, organisation = participant.network, participant.organisation
        graph.add_node(f"n{network.pk}", label=_safe_text(network.name), kind="network", level=network.level)
        graph.add_node(f"o{organisation.pk}", label=_safe_text(organisation.name), kind="organisation", type=organisation.kind)
        graph.add_edge(f"o{organisation.pk}", f"n{network.pk}", role=participant.role)
    return graph


def to_graph_file(graph, graph_format: str) -> bytes:  # noqa: ANN001
    import networkx as nx

    buffer = io.BytesIO()
    if graph_format == "gexf":
        nx.write_gexf(graph, buffer)
    else:
        nx.write_graphml(graph, buffer)
    return buffer.getvalue()

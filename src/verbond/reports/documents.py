"""The board report and the decision pack as typst documents, compiled to PDF.

Markup is built here from report data; every piece of user text goes through `escape()` / `content()`.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.utils import formats, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from verbond.core.charts import standalone_svg
from verbond.networks.selectors import PortfolioRow
from verbond.organisations.models import Organisation
from verbond.reports import charts
from verbond.reports.selectors import (
    DUE_WITHIN_DAYS,
    BoardReport,
    DecisionPack,
    board_report_data,
    decision_pack_data,
)
from verbond.reports.typesetting import compile_pdf, content, escape, number, table

BLUE = 'rgb("#154273")'


def _language() -> str:
    return (translation.get_language() or "nl")[:2]


def _hours(value: Decimal | float | None) -> str:
    return escape(number(value, decimals=1, language=_language()))


def _euro(value: Decimal | float | None) -> str:
    return escape("–" if value is None else f"€ {number(value, language=_language())}")


def _date(value: object) -> str:
    return escape(formats.date_format(value, "j F Y") if value else "–")


def _preamble(*, title: str, organisation: Organisation, generated_on: object) -> str:
    footer = escape(f"verbond · {organisation.name} · {title} · ") + _date(generated_on)
    return f"""#set document(title: {content(title)}, author: "verbond")
#set page(paper: "a4", margin: (x: 18mm, top: 16mm, bottom: 18mm),
  footer: context [#set text(size: 8pt, fill: rgb("#5f6b7a")); {footer} #h(1fr) #counter(page).display("1 / 1", both: true)])
#set text(font: "Libertinus Serif", size: 10.5pt, lang: "{_language()}")
#set par(justify: false)
#show heading.where(level: 1): set text(size: 20pt, fill: {BLUE})
#show heading.where(level: 2): set text(size: 13.5pt, fill: {BLUE})
#show heading.where(level: 2): it => block(above: 1.3em, below: 0.7em, it)
#set table(inset: (x: 5pt, y: 4pt), stroke: (x, y) => if y == 0 {{ (bottom: 0.8pt + {BLUE}) }} else {{ (bottom: 0.4pt + rgb("#d0d7de")) }})
#show table.cell.where(y: 0): set text(weight: "bold")
#let card(value, label) = block(fill: rgb("#eef4f8"), inset: 8pt, radius: 3pt, width: 100%, breakable: false)[
  #text(size: 16pt, weight: "bold", fill: {BLUE})[#value] \\ #text(size: 8.5pt)[#label]]
#let signal(body) = block(stroke: (left: 3pt + rgb("#d52b1e")), inset: (left: 8pt, y: 4pt), width: 100%, body)
#let muted(body) = text(fill: rgb("#5f6b7a"), body)
"""


def _cards(cards: Iterable[tuple[str, str]]) -> str:
    """Key figures in a row of boxes; values are markup, labels plain text."""
    cards = list(cards)
    cells = ", ".join(f"card([{value}], {content(label)})" for value, label in cards)
    return f"#grid(columns: (1fr,) * {len(cards)}, gutter: 6pt, {cells})\n"


def _chart(name: str) -> str:
    return f'#align(center, image(bytes(sys.inputs.{name}), width: 100%, format: "svg"))\n'


def _decision_text(row: PortfolioRow) -> str:
    label = row.decision_label or _("no decision yet")
    if row.past_deadline:
        label = f"{label} ({_('decide now')})"
    return label


def board_report_markup(report: BoardReport) -> tuple[str, dict[str, str]]:
    """Typst markup of the board report and the SVG charts it includes."""
    title = _("Board report")
    result = report.portfolio
    parts = [_preamble(title=title, organisation=report.organisation, generated_on=report.generated_on)]
    parts.append(f"= {escape(title)}: {escape(report.organisation.name)}\n")
    parts.append(f"#muted[{_date(report.generated_on)}]\n\n")

    capacity_label = _("our hours per month")
    if report.capacity_used is not None:
        capacity_label = _("our hours per month, %(percentage)s%% of capacity") % {
            "percentage": report.capacity_used
        }
    parts.append(
        _cards(
            [
                (escape(result.total.networks), _("networks")),
                (_hours(result.total.hours_per_month), capacity_label),
                (_euro(result.total.costs_per_year), _("our costs per year")),
                (escape(len(result.undecided)), _("without a decision")),
                (escape(len(report.past_deadline)), _("conditional yes past its deadline")),
            ]
        )
    )

    parts.append(f"== {escape(_('Hours against capacity'))}\n")
    parts.append(escape(_capacity_sentence(report)) + "\n\n")
    parts.append(_chart("capacity"))

    parts.append(f"== {escape(_('Portfolio per challenge'))}\n")
    rows = [
        [
            content(challenge if challenge else _("no challenge")),
            content(totals.networks),
            f"[{_hours(totals.hours_per_month)}]",
            f"[{_euro(totals.costs_per_year)}]",
        ]
        for challenge, totals in result.per_challenge
    ]
    header = [
        content(_("Challenge")),
        content(_("Networks")),
        content(_("Hours / month")),
        content(_("Costs / year")),
    ]
    parts.append(
        table(
            columns="(1fr, auto, auto, auto)", header=header, rows=rows, align="(left, right, right, right)"
        )
    )
    parts.append(f"#muted[{escape(_('A network with several challenges counts under each of them.'))}]\n")
    parts.append(_chart("challenges"))

    parts.append(f"== {escape(_('Decisions due'))}\n")
    parts.append(_decisions_due(report))

    parts.append(f"== {escape(_('Signals'))}\n")
    parts.append(_signals(report))
    parts.append(_other_apps(report))

    parts.append(f"== {escape(_('All networks'))}\n")
    rows = [
        [
            content(row.network.name),
            content(", ".join(str(challenge) for challenge in row.challenges) or "–"),
            f"[{_hours(row.hours_per_month)}]",
            f"[{_euro(row.costs_per_year)}]",
            content(_decision_text(row)),
        ]
        for row in result.rows
    ]
    header = [
        content(_("Network")),
        content(_("Challenges")),
        content(_("Hours / month")),
        content(_("Costs / year")),
        content(_("Decision")),
    ]
    total = [
        content(_("Total")),
        "[]",
        f"[*{_hours(result.total.hours_per_month)}*]",
        f"[*{_euro(result.total.costs_per_year)}*]",
        "[]",
    ]
    parts.append(
        table(
            columns="(1.6fr, 1.4fr, auto, auto, 1fr)",
            header=header,
            rows=[*rows, total],
            align="(left, left, right, right, left)",
        )
    )
    images = {
        "capacity": standalone_svg(charts.hours_against_capacity(report)),
        "challenges": standalone_svg(charts.hours_per_challenge(report)),
    }
    if report.heat_map is not None:
        images["heatmap"] = standalone_svg(charts.heat_map(report.heat_map))
    if report.key_results:
        images["keyresults"] = standalone_svg(charts.key_results(report.key_results))
    return "".join(parts), images


def _capacity_sentence(report: BoardReport) -> str:
    hours = number(report.portfolio.total.hours_per_month, decimals=1, language=_language())
    committed = number(report.committed_hours_per_month, decimals=1, language=_language())
    if report.capacity_used is None:
        return _(
            "We spend %(hours)s hours per month on networks, %(committed)s of them with a committed yes. "
            "No capacity for network work is set."
        ) % {"hours": hours, "committed": committed}
    sentence = _(
        "We spend %(hours)s hours per month on networks, %(committed)s of them with a committed yes, "
        "against a capacity of %(capacity)s hours per month (%(percentage)s%%)."
    ) % {
        "hours": hours,
        "committed": committed,
        "capacity": number(report.capacity_hours_per_month, decimals=1, language=_language()),
        "percentage": report.capacity_used,
    }
    if report.over_capacity:
        sentence += " " + _("That is more than the capacity: every new committed yes needs a no elsewhere.")
    return sentence


def _decisions_due(report: BoardReport) -> str:
    parts = []
    if report.past_deadline:
        parts.append(f"#signal[*{escape(_('Conditional yes past its deadline: decide now'))}*]\n")
        rows = [
            [content(row.network.name), f"[{_date(row.deadline)}]", f"[{_hours(row.hours_per_month)}]"]
            for row in report.past_deadline
        ]
        header = [content(_("Network")), content(_("Deadline")), content(_("Hours / month"))]
        parts.append(
            table(columns="(1fr, auto, auto)", header=header, rows=rows, align="(left, left, right)")
        )
    if report.decisions_due:
        parts.append(
            escape(
                _(
                    "Networks without a decision, and conditional yeses whose deadline falls within %(days)s days."
                )
                % {"days": DUE_WITHIN_DAYS}
            )
            + "\n\n"
        )
        rows = [
            [
                content(row.network.name),
                content(_decision_text(row)),
                f"[{_date(row.deadline)}]",
                f"[{_hours(row.hours_per_month)}]",
            ]
            for row in report.decisions_due
        ]
        header = [
            content(_("Network")),
            content(_("Now")),
            content(_("Deadline")),
            content(_("Hours / month")),
        ]
        parts.append(
            table(
                columns="(1fr, auto, auto, auto)", header=header, rows=rows, align="(left, left, left, right)"
            )
        )
    if not parts:
        parts.append(escape(_("No decisions are due.")) + "\n\n")
    return "".join(parts)


def _signals(report: BoardReport) -> str:
    parts = [f"=== {escape(_('Talking shop'))}\n"]
    if report.talking_shops:
        parts.append(escape(_("Networks that take our hours without a committed yes.")) + "\n\n")
        rows = [
            [
                content(signal.network.name),
                f"[{_hours(signal.hours_per_month)}]",
                content("; ".join(signal.reasons)),
            ]
            for signal in report.talking_shops
        ]
        header = [content(_("Network")), content(_("Hours / month")), content(_("Why"))]
        parts.append(table(columns="(1fr, auto, 1fr)", header=header, rows=rows, align="(left, right, left)"))
    else:
        parts.append(escape(_("No talking-shop signals.")) + "\n\n")
    parts.append(f"=== {escape(_('Overlap'))}\n")
    if report.overlaps:
        parts.append(
            escape(_("Networks on the same challenge with largely the same partners: merge candidates."))
            + "\n\n"
        )
        rows = [
            [
                content(overlap.first.name),
                content(overlap.second.name),
                content(", ".join(str(challenge) for challenge in overlap.challenges)),
                content(f"{overlap.shared_partners} ({overlap.percentage}%)"),
            ]
            for overlap in report.overlaps
        ]
        header = [
            content(_("Network")),
            content(_("Network")),
            content(_("Challenge")),
            content(_("Shared partners")),
        ]
        parts.append(
            table(
                columns="(1fr, 1fr, auto, auto)", header=header, rows=rows, align="(left, left, left, right)"
            )
        )
    else:
        parts.append(escape(_("No overlapping networks found.")) + "\n\n")
    return "".join(parts)


def _other_apps(report: BoardReport) -> str:
    """Sections provided by other apps; empty while they do not exist."""
    parts = []
    if report.heat_map is not None:
        parts.append(f"== {escape(_('Criteria heat map'))}\n")
        parts.append(
            escape(
                _(
                    "The latest assessment of each network, mean score per criterion from 1 (weak) to 5 (strong)."
                )
            )
            + "\n\n"
        )
        parts.append(_chart("heatmap"))
    if report.key_results:
        parts.append(f"== {escape(_('Key results'))}\n")
        parts.append(
            escape(_("Is anyone better off? The results for residents of our committed alliances.")) + "\n\n"
        )
        parts.append(_indicator_table(report.key_results))
        parts.append(_chart("keyresults"))
    return "".join(parts)


def _indicator_table(results: list) -> str:
    """Indicators (key results, or a network's results) with baseline, latest, target and progress."""
    rows = []
    for result in results:
        summary = getattr(result, "summary", result)
        indicator = summary.indicator
        latest = summary.latest
        name = f"{result.network.name}: {indicator.name}" if hasattr(result, "summary") else indicator.name
        progress = "–" if summary.progress is None else f"{summary.progress}%"
        towards = _("yes") if summary.moving_towards_target else _("no")
        rows.append(
            [
                content(name),
                content(
                    f"{number(indicator.baseline_value, decimals=1, language=_language())} {indicator.unit}"
                ),
                content(
                    f"{number(latest.value, decimals=1, language=_language())} {indicator.unit}"
                    if latest
                    else "–"
                ),
                content(
                    f"{number(indicator.target_value, decimals=1, language=_language())} {indicator.unit}"
                ),
                content(progress),
                content(towards),
            ]
        )
    header = [
        content(_("Result")),
        content(_("Baseline")),
        content(_("Latest")),
        content(_("Target")),
        content(_("Progress")),
        content(_("Towards target")),
    ]
    return table(
        columns="(1fr, auto, auto, auto, auto, auto)",
        header=header,
        rows=rows,
        align="(left, right, right, right, right, left)",
    )


def board_report_pdf(*, organisation: Organisation, language: str | None = None) -> bytes:
    """The executive's board report for the organisation, as PDF, in the given (or the active) language."""
    with translation.override(language or translation.get_language()):
        markup, images = board_report_markup(board_report_data(organisation=organisation))
        return compile_pdf(markup, images=images)


def decision_pack_markup(pack: DecisionPack) -> tuple[str, dict[str, str]]:
    """Typst markup of the one-page decision pack and the SVG charts it includes."""
    network = pack.network
    title = _("Decision pack")
    parts = [_preamble(title=title, organisation=pack.organisation, generated_on=pack.generated_on)]
    parts.append("#set text(size: 9.5pt)\n")
    parts.append(f"= {escape(title)}: {escape(network.name)}\n")
    parts.append(f"#muted[{escape(pack.organisation.name)} · {_date(pack.generated_on)}]\n\n")
    facts = [
        (_("Lead organisation"), network.lead.name),
        (_("Level"), network.get_level_display()),
        (_("Challenges"), ", ".join(str(challenge) for challenge in pack.challenges) or "–"),
        (_("Cadence"), network.get_cadence_display() or "–"),
        (_("Legal obligation"), _("yes") if network.legal_obligation else _("no")),
    ]
    cells = ", ".join(f"[*{escape(label)}*], {content(value)}" for label, value in facts)
    parts.append(f"#grid(columns: (auto, 1fr), column-gutter: 10pt, row-gutter: 5pt, {cells})\n")

    parts.append(f"== {escape(_('Purpose'))}\n")
    parts.append(
        (escape(network.purpose) if network.purpose else escape(_("No purpose written down."))) + "\n"
    )

    parts.append(f"== {escape(_('Partners'))}\n")
    partners = [
        f"{participant.organisation.name} ({participant.get_role_display()})"
        for participant in pack.participants
    ]
    parts.append(escape("; ".join(partners)) + "\n")

    parts.append(f"== {escape(_('Our effort'))}\n")
    participation = pack.participation
    parts.append(
        _cards(
            [
                (_hours(participation.hours_per_month if participation else None), _("hours per month")),
                (_euro(participation.costs_per_year if participation else None), _("costs per year")),
            ]
        )
    )
    if participation and participation.representatives:
        parts.append(f"*{escape(_('Representatives'))}:* {escape(participation.representatives)}\n\n")

    images = {}
    if pack.assessment is not None:
        parts.append(f"== {escape(_('Latest assessment'))}\n")
        parts.append(escape(assessment_sentence(pack.assessment)) + "\n\n")
        profile = profile_svg(pack.assessment)
        if profile:
            images["profile"] = str(profile)
            parts.append('#align(center, image(bytes(sys.inputs.profile), width: 62%, format: "svg"))\n')
    if pack.pledges is not None:
        parts.append(f"== {escape(_('Pledges and delivery'))}\n")
        parts.append(_pledges(pack.pledges))
    if pack.results is not None:
        parts.append(f"== {escape(_('Results'))}\n")
        if pack.results:
            parts.append(_indicator_table(pack.results))
        else:
            parts.append(escape(_("No indicators defined yet.")) + "\n\n")

    parts.append(f"== {escape(_('Our current decision and the gates'))}\n")
    parts.append(_decision(pack))
    return "".join(parts), images


def assessment_sentence(results: object) -> str:
    score = getattr(results, "score", None)
    sentence = _("%(answered)s of %(invited)s invited people answered.") % {
        "answered": results.answered,
        "invited": results.invited,
    }
    if score is not None:
        sentence += " " + _("Mean score %(score)s out of 5.") % {
            "score": number(score, decimals=1, language=_language())
        }
    if getattr(results, "shared_urgency", False):
        sentence += " " + _("The partners share the urgency.")
    return sentence


def profile_svg(results: object) -> SafeString | None:
    """The assessments app's own criteria profile chart (ours against the partners), when it offers one."""
    try:
        from verbond.assessments.charts import profile_svg as assessments_profile_svg
    except ImportError:
        return None
    svg = assessments_profile_svg(results)
    return svg or None


def _pledges(reciprocity: object) -> str:
    """Per participant: pledges, share delivered, overdue; who pledged nothing."""
    if not reciprocity.partners:
        return escape(_("No pledges recorded yet.")) + "\n\n"
    rows = []
    for line in reciprocity.partners:
        share = "–" if line.share is None else f"{round(line.share * 100)}%"
        rows.append(
            [content(line.organisation.name), content(line.pledges), content(share), content(line.overdue)]
        )
    header = [content(_("Partner")), content(_("Pledges")), content(_("Delivered")), content(_("Overdue"))]
    parts = [
        table(
            columns="(1fr, auto, auto, auto)", header=header, rows=rows, align="(left, right, right, right)"
        )
    ]
    if reciprocity.without_pledges:
        names = ", ".join(organisation.name for organisation in reciprocity.without_pledges)
        parts.append(f"*{escape(_('No pledges from'))}:* {escape(names)}\n\n")
    return "".join(parts)


def _decision(pack: DecisionPack) -> str:
    decision = pack.decision
    parts = []
    if decision is None:
        parts.append(escape(_("No decision yet.")) + "\n\n")
    else:
        summary = _("%(kind)s, decided on %(date)s") % {
            "kind": decision.get_kind_display(),
            "date": formats.date_format(decision.decided_on, "j F Y"),
        }
        parts.append(f"*{escape(summary)}*\n\n")
    rows = []
    for gate, passed in pack.gates:
        answer = "–" if passed is None else (_("yes") if passed else _("no"))
        mark = "" if passed is None else ("✓ " if passed else "✗ ")
        rows.append([content(gate), content(mark + answer)])
    parts.append(table(columns="(1fr, auto)", header=[content(_("Gate")), content(_("Passed"))], rows=rows))
    if decision is not None:
        details = [
            (
                _("We put in: hours per month"),
                number(decision.put_in_hours_per_month, decimals=1, language=_language()),
            ),
            (_("We put in: budget (€ per year)"), number(decision.put_in_budget, language=_language())),
            (_("We put in: mandate"), decision.put_in_mandate),
            (_("Conditions"), decision.conditions),
            (_("Deadline"), formats.date_format(decision.deadline, "j F Y") if decision.deadline else ""),
            (_("Reason"), decision.reason),
        ]
        cells = ", ".join(
            f"[*{escape(label)}*], {content(value)}" for label, value in details if value and value != "–"
        )
        if cells:
            parts.append(f"#grid(columns: (auto, 1fr), column-gutter: 10pt, row-gutter: 5pt, {cells})\n")
    return "".join(parts)


def decision_pack_pdf(*, organisation: Organisation, network_id: int, language: str | None = None) -> bytes:
    """The decision pack for one network as PDF; 404 when the organisation does not take part in it."""
    with translation.override(language or translation.get_language()):
        markup, images = decision_pack_markup(
            decision_pack_data(organisation=organisation, network_id=network_id)
        )
        return compile_pdf(markup, images=images)

"""The report's charts as Altair specifications: inline SVG on the HTML page, SVG images in the PDF."""

import altair as alt
import vl_convert as vlc
from django.utils.translation import gettext as _

from verbond.core.charts import PALETTE
from verbond.decisions.models import DecisionKind
from verbond.networks.selectors import NO_DECISION
from verbond.reports.selectors import BoardReport

DECISION_COLOURS = {
    DecisionKind.COMMITTED_YES: "#39870c",
    DecisionKind.CONDITIONAL_YES: "#e17000",
    DecisionKind.NO: "#d52b1e",
    DecisionKind.EXIT: "#a90061",
    NO_DECISION: "#8d99a6",
}
WIDTH = 440
FONT = "Libertinus Serif, Georgia, serif"


def _configured(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure(font=FONT)
        .configure_view(stroke=None)
        .configure_axis(labelLimit=220, titleFontWeight="normal")
    )


def hours_per_challenge(report: BoardReport) -> alt.TopLevelMixin:
    """Our hours per month per challenge (a network with several challenges counts under each)."""
    values = [
        {
            "challenge": str(challenge) if challenge else _("no challenge"),
            "hours": float(totals.hours_per_month),
        }
        for challenge, totals in report.portfolio.per_challenge
    ]
    hours_title = _("hours per month")
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar(color=PALETTE[0])
        .encode(
            y=alt.Y("challenge:N", sort=None, title=None),
            x=alt.X("hours:Q", title=hours_title),
            tooltip=[alt.Tooltip("challenge:N"), alt.Tooltip("hours:Q", title=hours_title)],
        )
        .properties(width=WIDTH, height=max(60, 22 * len(values)))
    )
    return _configured(chart)


def hours_against_capacity(report: BoardReport) -> alt.TopLevelMixin:
    """Our hours per month, stacked by decision, against the capacity the organisation set."""
    values = [
        {
            "decision": str(label or _("no decision yet")),
            "kind": kind,
            "hours": float(totals.hours_per_month),
            "order": i,
        }
        for i, (kind, label, totals) in enumerate(report.portfolio.per_decision)
    ]
    domain = [value["decision"] for value in values]
    colours = [DECISION_COLOURS.get(value["kind"], PALETTE[4]) for value in values]
    bars = (
        alt.Chart(alt.Data(values=values))
        .mark_bar(height=28)
        .encode(
            x=alt.X("sum(hours):Q", title=_("hours per month")),
            color=alt.Color(
                "decision:N",
                scale=alt.Scale(domain=domain, range=colours),
                legend=alt.Legend(title=None, orient="bottom", direction="horizontal"),
            ),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("decision:N"), alt.Tooltip("hours:Q")],
        )
    )
    layers = [bars]
    capacity = report.capacity_hours_per_month
    if capacity:
        rule_data = alt.Data(values=[{"capacity": float(capacity), "label": _("capacity")}])
        rule = (
            alt.Chart(rule_data)
            .mark_rule(color="#154273", strokeWidth=2, strokeDash=[4, 3])
            .encode(x="capacity:Q")
        )
        text = (
            alt.Chart(rule_data)
            .mark_text(align="left", dx=4, dy=-22, color="#154273")
            .encode(x="capacity:Q", text="label:N")
        )
        layers += [rule, text]
    chart = alt.layer(*layers).properties(width=WIDTH, height=48)
    return _configured(chart)


def svg(chart: alt.TopLevelMixin) -> str:
    """A standalone SVG document of the chart, for the PDF."""
    return vlc.vegalite_to_svg(chart.to_dict())


def capacity_title() -> str:
    return _("Our hours per month by decision, against our capacity")


def challenge_title() -> str:
    return _("Our hours per month per challenge")

"""The report's charts as Altair specifications: inline SVG on the HTML page, SVG images in the PDF."""

import altair as alt
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


def capacity_title() -> str:
    return _("Our hours per month by decision, against our capacity")


def challenge_title() -> str:
    return _("Our hours per month per challenge")


def heat_map(heat_map: object) -> alt.TopLevelMixin:
    """Networks × criteria of the latest assessments, the score written in each cell (not colour alone)."""
    values = []
    names = [name for _key, name in heat_map.keys]
    for network, _result, scores in heat_map.rows:
        for (_key, name), score in zip(heat_map.keys, scores, strict=False):
            if score is not None:
                values.append({"network": network.name, "criterion": name, "score": round(score, 1)})
    base = alt.Chart(alt.Data(values=values)).encode(
        x=alt.X(
            "criterion:N", sort=names, title=None, axis=alt.Axis(labelAngle=-35, orient="top", labelLimit=160)
        ),
        y=alt.Y("network:N", sort=None, title=None, axis=alt.Axis(labelLimit=200)),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "score:Q",
            scale=alt.Scale(domain=[1, 3, 5], range=["#d52b1e", "#ffb612", "#39870c"]),
            legend=alt.Legend(title=_("score (1–5)"), orient="bottom"),
        ),
        tooltip=["network:N", "criterion:N", "score:Q"],
    )
    text = base.mark_text(fontSize=10, color="black").encode(text=alt.Text("score:Q", format=".1f"))
    chart = alt.layer(cells, text).properties(width=alt.Step(42), height=alt.Step(18))
    return _configured(chart)


def heat_map_title() -> str:
    return _("Criteria heat map: the latest assessment of each network")


def key_results(results: list) -> alt.TopLevelMixin:
    """Progress towards target of each key result, in percent."""
    values = [
        {
            "result": f"{result.network.name}: {result.summary.indicator.name}",
            "progress": result.summary.progress or 0,
        }
        for result in results
    ]
    title = _("progress towards target (%)")
    bars = (
        alt.Chart(alt.Data(values=values))
        .mark_bar(color=PALETTE[2])
        .encode(
            y=alt.Y("result:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("progress:Q", title=title, scale=alt.Scale(domainMin=0, domainMax=100)),
            tooltip=[alt.Tooltip("result:N"), alt.Tooltip("progress:Q", title=title)],
        )
    )
    text = bars.mark_text(align="left", dx=3, color="black").encode(text=alt.Text("progress:Q", format=".0f"))
    return _configured(alt.layer(bars, text).properties(width=300, height=alt.Step(20)))


def key_results_title() -> str:
    return _("Key results: progress towards target")

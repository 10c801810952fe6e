"""The trend chart of an indicator: measurements as a line, with the baseline and the target."""

import altair as alt
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from verbond.core.charts import PALETTE, chart_svg
from verbond.outcomes.selectors import IndicatorSummary


def trend_chart(summary: IndicatorSummary) -> SafeString:
    """Server-side SVG: the line of measurements, the baseline as a point, the target as a point and a rule."""
    indicator = summary.indicator
    measured, baseline, target = _("measured"), _("baseline"), _("target")
    rows = [{"date": indicator.baseline_date.isoformat(), "value": float(indicator.baseline_value), "series": baseline}]
    rows += [{"date": m.date.isoformat(), "value": float(m.value), "series": measured} for m in summary.measurements]
    rows.append({"date": indicator.target_date.isoformat(), "value": float(indicator.target_value), "series": target})
    data = alt.Data(values=rows)
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=[baseline, measured, target], range=[PALETTE[4], PALETTE[0], PALETTE[2]]),
        legend=alt.Legend(orient="bottom"),
    )
    shape = alt.Shape(
        "series:N", scale=alt.Scale(domain=[baseline, measured, target], range=["square", "circle", "diamond"]), legend=None
    )
    x = alt.X("date:T", title=_("date"))
    y = alt.Y("value:Q", title=indicator.unit, scale=alt.Scale(zero=False))
    base = alt.Chart(data)
    line = base.transform_filter(alt.FieldOneOfPredicate(field="series", oneOf=[baseline, measured])).mark_line(
        color=PALETTE[0]
    ).encode(x=x, y=y)
    points = base.mark_point(filled=True, size=70).encode(x=x, y=y, color=colour, shape=shape)
    rule = (
        alt.Chart(alt.Data(values=[{"value": float(indicator.target_value)}]))
        .mark_rule(strokeDash=[6, 4], color=PALETTE[2])
        .encode(y="value:Q")
    )
    chart = alt.layer(rule, line, points).properties(width=560, height=240)
    title = _("Trend of %(name)s: baseline, measurements and target") % {"name": indicator.name}
    return chart_svg(chart, title=title)

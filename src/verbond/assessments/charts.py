"""The criteria profile of a round: ours against the partners, as server-rendered SVG."""

import altair as alt
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from verbond.assessments.results import RoundResults
from verbond.core.charts import PALETTE, chart_svg


def profile_svg(results: RoundResults) -> SafeString | None:
    """Mean score per criterion, one bar per visible group; None when nobody has answered yet."""
    ours, partners = _("Our organisation"), _("Partners")
    rows = []
    for position, item in enumerate(results.criteria):
        if item.ours.mean is not None:
            rows.append({"criterion": item.criterion.name, "group": ours, "mean": round(item.ours.mean, 2), "order": position})
        # Hidden partner figures are None in the results, so they cannot reach the chart.
        if item.partners is not None and item.partners.mean is not None:
            rows.append(
                {"criterion": item.criterion.name, "group": partners, "mean": round(item.partners.mean, 2), "order": position}
            )
    if not rows:
        return None
    order = [item.criterion.name for item in results.criteria]
    groups = [group for group in (ours, partners) if any(row["group"] == group for row in rows)]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("criterion:N", sort=order, title=None, axis=alt.Axis(labelLimit=240, labelFontSize=12)),
            yOffset=alt.YOffset("group:N", sort=groups),
            x=alt.X("mean:Q", scale=alt.Scale(domain=[0, 5]), title=_("Mean score (1–5)")),
            color=alt.Color(
                "group:N",
                sort=groups,
                scale=alt.Scale(domain=groups, range=PALETTE[: len(groups)]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=["criterion:N", "group:N", "mean:Q"],
        )
        .properties(width=480, height=alt.Step(14))
    )
    text = chart.mark_text(align="left", dx=3, fontSize=10).encode(text=alt.Text("mean:Q", format=".1f"), color=alt.value("#222"))
    return chart_svg(alt.layer(chart, text), title=_("Criteria profile: our organisation and partners"))

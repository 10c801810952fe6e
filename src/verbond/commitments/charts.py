"""The reciprocity picture: per partner, how many pledges it made and how much of them it delivered."""

import altair as alt
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from verbond.commitments.selectors import Reciprocity
from verbond.core.charts import PALETTE, chart_svg


def reciprocity_chart(result: Reciprocity) -> SafeString | None:
    """Grouped bars per partner: pledges made and pledges delivered (a partly delivered one counts in part)."""
    partners = [line for line in result.partners if line.pledges]
    if not partners:
        return None
    pledged, delivered = _("pledged"), _("delivered")
    rows = []
    for line in partners:
        rows.append({"partner": line.organisation.name, "measure": pledged, "pledges": line.pledges})
        rows.append(
            {"partner": line.organisation.name, "measure": delivered, "pledges": round(line.fulfilled, 2)}
        )
    title = _("Pledges made and delivered per partner")
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("partner:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
            yOffset=alt.YOffset("measure:N", sort=[pledged, delivered]),
            x=alt.X("pledges:Q", title=_("number of pledges"), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "measure:N",
                title=None,
                sort=[pledged, delivered],
                scale=alt.Scale(domain=[pledged, delivered], range=[PALETTE[4], PALETTE[0]]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=["partner:N", "measure:N", "pledges:Q"],
        )
        .properties(width=420, height=alt.Step(14), title=title)
    )
    return chart_svg(chart, title=title)

import re

import altair as alt
from django.utils import translation

from verbond.core.charts import chart_svg

MONTHLY = alt.Data(values=[{"date": "2026-01-15", "value": 1250.5}, {"date": "2026-10-15", "value": 2}])


def _labels(svg: str) -> list[str]:
    return re.findall(r">([^<]+)</text>", svg)


def test_a_chart_writes_months_and_numbers_in_the_users_language():
    chart = alt.Chart(MONTHLY).mark_line().encode(x="date:T", y="value:Q")

    with translation.override("nl"):
        dutch = _labels(chart_svg(chart, title="Huishoudens geholpen"))
    with translation.override("en"):
        english = _labels(chart_svg(chart, title="Households helped"))

    assert "oktober" in dutch and "October" not in dutch
    assert "October" in english
    assert "1.200" in dutch and "1,200" in english


def test_a_chart_is_announced_to_screen_readers_by_its_title():
    chart = alt.Chart(MONTHLY).mark_bar().encode(x="date:T", y="value:Q")

    assert '<svg role="img" aria-label="Bereik &amp; effect" ' in chart_svg(chart, title="Bereik & effect")

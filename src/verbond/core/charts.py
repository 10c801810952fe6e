"""Server-side SVG charts: Altair specifications rendered by vl-convert, no JavaScript in the browser."""

import altair as alt
import vl_convert as vlc
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#01689b", "#e17000", "#39870c", "#a90061", "#5f6b7a", "#ffb612", "#8fcae7", "#42145f", "#d52b1e"]


def standalone_svg(chart: alt.TopLevelMixin) -> str:
    """A standalone SVG document of the chart, with numbers and dates written as the user's language writes them."""
    locale = "nl-NL" if (translation.get_language() or "nl").startswith("nl") else "en-US"
    return vlc.vegalite_to_svg(
        chart.to_dict(),
        format_locale=locale,
        time_format_locale=locale,
        allowed_base_urls=[],  # a chart never fetches data from anywhere
    )


def chart_svg(chart: alt.TopLevelMixin, *, title: str = "") -> SafeString:
    """Render a chart to an inline, accessible SVG element."""
    svg = standalone_svg(chart)
    # vl-convert emits a standalone SVG; give it a role and title so screen readers announce it.
    if title:
        from django.utils.html import escape

        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703 - SVG from vl-convert; Vega escapes every label

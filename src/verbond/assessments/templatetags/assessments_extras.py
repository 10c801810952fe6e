from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def score(value: float | None) -> str:
    """A mean score with one decimal, or a dash when there is none."""
    return "–" if value is None else floatformat(value, 1)


@register.filter
def change(value: float | None) -> str:
    """A change with its sign (+0.4, −0.3), or a dash."""
    if value is None:
        return "–"
    text = floatformat(abs(value), 1)
    return f"+{text}" if value > 0.049 else (f"−{text}" if value < -0.049 else text)


@register.filter
def heat(value: float | None) -> str:
    """A CSS class for a heat-map cell; the number is always printed too, so colour is never the only cue."""
    if value is None:
        return "heat-none"
    return f"heat-{min(5, max(1, int(value + 0.5)))}"

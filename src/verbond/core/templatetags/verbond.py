from decimal import Decimal

from django import template
from django.http import QueryDict
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def euro(value: Decimal | float | None) -> str:
    """€ 12.500 in Dutch, € 12,500 in English."""
    if value is None or value == "":
        return "–"
    return f"€ {floatformat(value, '0g')}"


@register.filter
def hours(value: Decimal | float | None) -> str:
    if value is None or value == "":
        return "–"
    return floatformat(value, "-1g")


@register.simple_tag(takes_context=True)
def sortable_header(context: template.Context, key: str, label: str, numeric: bool = False) -> SafeString:
    """A <th> whose link toggles sorting by `key`, keeping the active filters; announces the order."""
    query: QueryDict = context["query"].copy()
    current = context.get("sort", "name")
    ascending_now = current == key
    descending_now = current == f"-{key}"
    query["sort"] = f"-{key}" if ascending_now else key
    aria = "ascending" if ascending_now else "descending" if descending_now else "none"
    arrow = " ▲" if ascending_now else " ▼" if descending_now else ""
    css = "num" if numeric else ""
    return format_html(
        '<th scope="col" aria-sort="{}" class="{}"><a href="?{}">{}<span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></a></th>',
        aria,
        css,
        query.urlencode(),
        label,
        arrow,
        _(", sort"),
    )


@register.filter
def field_value(instance: object, name: str) -> object:
    """A model field's value as a person reads it (the label of a choice)."""
    display = getattr(instance, f"get_{name}_display", None)
    return display() if callable(display) else getattr(instance, name, "")

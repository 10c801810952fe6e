"""The export buttons on the portfolio page."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from verbond.interchange import exports


def portfolio_exports(request: HttpRequest, **context: object) -> str | None:
    """Download buttons for every sheet the installation has; no queries."""
    if not getattr(request.user, "organisation_id", None):
        return None
    sheets = [(key, exports.TITLES[key]) for key in exports.available()]
    return render_to_string("interchange/_export_panel.html", {"sheets": sheets}, request=request)

"""The board report and the decision pack, as PDF downloads and as printable HTML pages."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.text import slugify

from verbond.core.charts import chart_svg
from verbond.organisations.models import Organisation
from verbond.reports import charts, documents, selectors


def _organisation(request: HttpRequest) -> Organisation:
    """The user's organisation; a user without one has no report to see."""
    if not request.user.organisation_id:
        raise Http404
    return request.user.organisation


def _pdf(data: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def board_pdf(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    data = documents.board_report_pdf(organisation=organisation, language=translation.get_language())
    return _pdf(data, filename=f"board-report-{organisation.slug}.pdf")


@login_required
def board_html(request: HttpRequest) -> HttpResponse:
    report = selectors.board_report_data(organisation=_organisation(request))
    context = {
        "report": report,
        "due_within_days": selectors.DUE_WITHIN_DAYS,
        "capacity_chart": chart_svg(charts.hours_against_capacity(report), title=charts.capacity_title()),
        "challenge_chart": chart_svg(charts.hours_per_challenge(report), title=charts.challenge_title()),
    }
    if report.heat_map is not None:
        context["heat_map_chart"] = chart_svg(charts.heat_map(report.heat_map), title=charts.heat_map_title())
    if report.key_results:
        context["key_results_chart"] = chart_svg(
            charts.key_results(report.key_results), title=charts.key_results_title()
        )
    return render(request, "reports/board.html", context)


@login_required
def decision_pack_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request)
    # Look the network up first so a network the organisation is not in is a 404 before any rendering.
    network = selectors.network_for_report(organisation=organisation, network_id=pk)
    data = documents.decision_pack_pdf(
        organisation=organisation, network_id=network.pk, language=translation.get_language()
    )
    return _pdf(data, filename=f"decision-pack-{slugify(network.name) or network.pk}.pdf")


@login_required
def decision_pack_html(request: HttpRequest, pk: int) -> HttpResponse:
    pack = selectors.decision_pack_data(organisation=_organisation(request), network_id=pk)
    context = {"pack": pack}
    if pack.assessment is not None:
        context["assessment_sentence"] = documents.assessment_sentence(pack.assessment)
        context["profile_chart"] = documents.profile_svg(pack.assessment)
    return render(request, "reports/decision_pack.html", context)

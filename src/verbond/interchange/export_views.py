from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from verbond.interchange import exports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """All available sheets in one workbook, or `?what=decisions` (repeatable) for some."""
    what = request.GET.getlist("what")
    sheets = exports.export_sheets(user=request.user, what=what or None)
    name = exports.filename(user=request.user, what=what[0] if len(what) == 1 else "export", extension="xlsx")
    return _download(exports.to_xlsx(sheets), XLSX, name)


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    """One sheet as CSV: `?what=portfolio` (default); Dutch users get Dutch Excel's `;` and decimal comma unless
    `?dialect=international`."""
    what = request.GET.get("what", "portfolio")
    (sheet,) = exports.export_sheets(user=request.user, what=[what])
    # The byte order mark lets Excel read UTF-8 (accents in names) correctly.
    dutch = request.GET.get("dialect", "nl" if request.LANGUAGE_CODE.startswith("nl") else "international") == "nl"
    content = "\ufeff" + exports.to_csv(sheet, dutch=dutch)
    return _download(content.encode("utf-8"), "text/csv; charset=utf-8", exports.filename(user=request.user, what=what, extension="csv"))


@login_required
def export_graph(request: HttpRequest) -> HttpResponse:
    """The affiliation graph (organisations and the networks they share) as GraphML or GEXF (`?format=gexf`)."""
    graph_format = request.GET.get("format", "graphml")
    if graph_format not in exports.GRAPH_FORMATS or not request.user.organisation_id:
        raise Http404
    content = exports.to_graph_file(exports.affiliation_graph(user=request.user), graph_format)
    name = exports.filename(user=request.user, what="graph", extension=graph_format)
    return _download(content, exports.GRAPH_FORMATS[graph_format], name)

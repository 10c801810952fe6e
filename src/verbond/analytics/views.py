import networkx as nx
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from verbond.analytics import selectors
from verbond.analytics.forms import ThresholdForm
from verbond.interchange.exports import to_csv


def _threshold(request: HttpRequest) -> tuple[ThresholdForm, float]:
    form = ThresholdForm(request.GET or None)
    if form.is_valid():
        return form, float(form.cleaned_data["min_jaccard"])
    return ThresholdForm(initial={"min_jaccard": str(selectors.DEFAULT_JACCARD)}), selectors.DEFAULT_JACCARD


@login_required
def overlap(request: HttpRequest) -> HttpResponse:
    form, min_jaccard = _threshold(request)
    candidates = selectors.merge_candidates(user=request.user, min_jaccard=min_jaccard)
    return render(
        request,
        "analytics/overlap.html",
        {"form": form, "candidates": candidates, "min_jaccard": min_jaccard},
    )


@login_required
def partner_map(request: HttpRequest) -> HttpResponse:
    picture = selectors.partner_map(user=request.user)
    return render(request, "analytics/partner_map.html", {"map": picture})


@login_required
def region(request: HttpRequest) -> HttpResponse:
    form, min_jaccard = _threshold(request)
    view = selectors.region_view(user=request.user, min_jaccard=min_jaccard)
    return render(request, "analytics/region.html", {"form": form, "view": view, "min_jaccard": min_jaccard})


@login_required
def export(request: HttpRequest, scope: str, graph: str, fmt: str) -> HttpResponse:
    if graph not in selectors.GRAPHS or fmt not in selectors.FORMATS:
        raise Http404
    network_graph = selectors.export_graph(user=request.user, scope=scope, graph=graph)
    writer = nx.generate_graphml if fmt == "graphml" else nx.generate_gexf
    response = HttpResponse(
        "\n".join(writer(network_graph)), content_type=f"{selectors.FORMATS[fmt]}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="verbond-{scope}-{graph}.{fmt}"'
    return response


@login_required
def region_table(request: HttpRequest, table: str) -> HttpResponse:
    """A region table in full as CSV (Dutch Excel's `;` and decimal comma for Dutch users)."""
    if table not in selectors.REGION_TABLES:
        raise Http404
    _form, min_jaccard = _threshold(request)
    sheet = selectors.region_table(user=request.user, table=table, min_jaccard=min_jaccard)
    dutch = request.LANGUAGE_CODE.startswith("nl")
    response = HttpResponse("\ufeff" + to_csv(sheet, dutch=dutch), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="verbond-region-{table}.csv"'
    return response

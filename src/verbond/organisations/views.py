from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from verbond.core import panels
from verbond.networks.selectors import networks_shared_with
from verbond.organisations import selectors


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    partners = selectors.partners_of(user=request.user)
    kind = request.GET.get("kind", "")
    if kind:
        partners = partners.filter(kind=kind)
    return render(request, "organisations/organisation_list.html", {"partners": partners, "kind": kind})


@login_required
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get(user=request.user, slug=slug)
    context = {
        "organisation": organisation,
        "is_own": organisation.pk == request.user.organisation_id,
        "shared_networks": networks_shared_with(organisation_id=request.user.organisation_id, partner=organisation),
        "panels": panels.render("organisation", request, organisation=organisation),
    }
    return render(request, "organisations/organisation_detail.html", context)

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.pagination import paginate

from verbond.api.pagination import Page
from verbond.api.routes.common import READ_ERRORS
from verbond.api.schemas import ChallengeOut, Id, OrganisationFilter, OrganisationOut
from verbond.networks.selectors import challenges_all
from verbond.organisations.selectors import organisations_visible_to

router = Router(tags=["organisations"])


@router.get("/organisations", response={200: list[OrganisationOut], **READ_ERRORS}, summary="List organisations")
@paginate(Page)
def organisation_list(request: HttpRequest, filters: Query[OrganisationFilter]):  # noqa: ANN201
    """Your own organisation and its partners (organisations that share a network with it)."""
    organisations = organisations_visible_to(user=request.user).order_by("name", "pk")
    if filters.q:
        organisations = organisations.filter(name__icontains=filters.q)
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    return organisations


@router.get("/organisations/{organisation_id}", response={200: OrganisationOut, **READ_ERRORS}, summary="Get an organisation")
def organisation_detail(request: HttpRequest, organisation_id: Id):  # noqa: ANN201
    """One organisation you may see; capacity only for your own."""
    return get_object_or_404(organisations_visible_to(user=request.user), pk=organisation_id)


challenges = Router(tags=["challenges"])


@challenges.get("/challenges", response={200: list[ChallengeOut], **READ_ERRORS}, summary="List challenges")
@paginate(Page)
def challenge_list(request: HttpRequest):  # noqa: ANN201
    """The societal challenges (opgaven) networks work on."""
    return challenges_all().order_by("position", "name", "pk")

"""Pledges, through the commitments app's selectors and services."""

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from verbond.api import auth
from verbond.api.pagination import Page
from verbond.api.routes.common import READ_ERRORS, WRITE_ERRORS, edit_errors
from verbond.api.schemas import (
    CapacityIn,
    Id,
    OrganisationOut,
    PledgeConflictOut,
    PledgeFilter,
    PledgeIn,
    PledgeOut,
    PledgeStatusIn,
    PledgeUpdateIn,
)
from verbond.commitments import selectors, services
from verbond.commitments.models import Pledge
from verbond.networks.selectors import network_get

router = Router(tags=["pledges"])
capacity = Router(tags=["organisations"])


@router.get("/pledges", response={200: list[PledgeOut], **READ_ERRORS}, summary="List pledges")
@paginate(Page)
def pledge_list(request: HttpRequest, filters: Query[PledgeFilter]):  # noqa: ANN201
    """Pledges in the networks your organisation takes part in (shared with every participant)."""
    pledges = selectors.pledges_visible_to(user=request.user).select_related("organisation")
    if filters.network:
        pledges = pledges.filter(network_id=filters.network)
    if filters.organisation:
        pledges = pledges.filter(organisation_id=filters.organisation)
    if filters.status:
        pledges = pledges.filter(status=filters.status)
    return pledges.order_by("due_date", "pk")


@router.get("/pledges/{pledge_id}", response={200: PledgeOut, **READ_ERRORS}, summary="Get a pledge")
def pledge_detail(request: HttpRequest, pledge_id: Id):  # noqa: ANN201
    return selectors.pledge_get(user=request.user, pledge_id=pledge_id)


@router.post(
    "/networks/{network_id}/pledges", response={201: PledgeOut, **WRITE_ERRORS}, auth=auth.write, summary="Pledge"
)
def pledge_create(request: HttpRequest, network_id: Id, payload: PledgeIn):  # noqa: ANN201
    """Record what your organisation promises in a network (coordinators and executives)."""
    network = network_get(user=request.user, network_id=network_id)
    return Status(201, services.pledge_create(user=request.user, network=network, **payload.dict()))


@router.put(
    "/pledges/{pledge_id}",
    response={200: PledgeOut, **edit_errors(Pledge, PledgeConflictOut)},
    auth=auth.write,
    summary="Change a pledge",
)
def pledge_update(request: HttpRequest, pledge_id: Id, payload: PledgeUpdateIn):  # noqa: ANN201
    """Correct the terms of one of your organisation's pledges (not its kind; its status has its own operation).

    Send the edit_stamp you read: if the pledge changed since, nothing is saved (409, with the pledge as it is now).
    """
    pledge = selectors.pledge_get(user=request.user, pledge_id=pledge_id)
    services.pledge_update(user=request.user, pledge=pledge, **payload.dict())
    return selectors.pledge_get(user=request.user, pledge_id=pledge_id)


@router.post(
    "/pledges/{pledge_id}/status",
    response={200: PledgeOut, **WRITE_ERRORS},
    auth=auth.write,
    summary="Change a pledge's status",
)
def pledge_status(request: HttpRequest, pledge_id: Id, payload: PledgeStatusIn):  # noqa: ANN201
    """Record delivery (or withdrawal) of one of your organisation's pledges; it joins the pledge's history."""
    pledge = selectors.pledge_get(user=request.user, pledge_id=pledge_id)
    services.pledge_status_change(user=request.user, pledge=pledge, **payload.dict())
    return selectors.pledge_get(user=request.user, pledge_id=pledge_id)


@capacity.put(
    "/organisations/own/capacity",
    response={200: OrganisationOut, **WRITE_ERRORS},
    auth=auth.write,
    summary="Set our capacity",
)
def capacity_set(request: HttpRequest, payload: CapacityIn):  # noqa: ANN201
    """Executives and admins set how many hours per month the organisation can spend on networks."""
    return services.capacity_set(user=request.user, hours_per_month=payload.capacity_hours_per_month)

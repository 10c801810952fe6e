from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router
from ninja.pagination import paginate

from verbond.api import auth
from verbond.api.pagination import Page
from verbond.api.routes.common import READ_ERRORS, edit_errors
from verbond.api.schemas import (
    Id,
    ParticipationConflictOut,
    ParticipationFilter,
    ParticipationIn,
    ParticipationOut,
)
from verbond.api.selectors import participations_visible_to
from verbond.networks import selectors, services
from verbond.networks.models import Network, Participation

router = Router(tags=["participations"])

VERSION_REQUIRED = _(
    "Your organisation's participation in this network exists: send the version you read, so that changes "
    "made by others since are not overwritten."
)


@router.get("/participations", response={200: list[ParticipationOut], **READ_ERRORS}, summary="List our participations")
@paginate(Page)
def participation_list(request: HttpRequest, filters: Query[ParticipationFilter]):  # noqa: ANN201
    """Your own organisation's effort per network: private, never another organisation's."""
    participations = participations_visible_to(user=request.user)
    if filters.network:
        participations = participations.filter(network_id=filters.network)
    return participations.order_by("network__name", "pk")


@router.get(
    "/networks/{network_id}/participation",
    response={200: ParticipationOut, **READ_ERRORS},
    summary="Get our participation in a network",
)
def participation_detail(request: HttpRequest, network_id: Id):  # noqa: ANN201
    """Your organisation's participation in one network, or 404 when none is recorded."""
    network = selectors.network_get(user=request.user, network_id=network_id)
    return get_object_or_404(participations_visible_to(user=request.user), network=network)


@router.put(
    "/networks/{network_id}/participation",
    response={200: ParticipationOut, **edit_errors(Participation, ParticipationConflictOut)},
    auth=auth.write,
    summary="Record our participation in a network",
)
def participation_save(request: HttpRequest, network_id: Id, payload: ParticipationIn):  # noqa: ANN201
    """Create or change your organisation's hours, costs and representatives; send the version you read."""
    network = selectors.network_get(user=request.user, network_id=network_id)
    with transaction.atomic():
        # Lock the network so that no participation appears between this check and the save.
        Network.objects.select_for_update().get(pk=network.pk)
        exists = participations_visible_to(user=request.user).filter(network=network).exists()
        if exists and payload.version is None:
            raise ValidationError({"version": [VERSION_REQUIRED]})
        return services.participation_save(user=request.user, network=network, **payload.dict())

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from verbond.api import auth
from verbond.api.pagination import Page
from verbond.api.routes.common import READ_ERRORS, WRITE_ERRORS, edit_errors
from verbond.api.schemas import (
    Id,
    NetworkConflictOut,
    NetworkFilter,
    NetworkIn,
    NetworkOut,
    NetworkUpdateIn,
    ParticipantOut,
    ParticipantsIn,
)
from verbond.networks import selectors, services
from verbond.networks.models import Challenge, Network
from verbond.organisations.models import Organisation

router = Router(tags=["networks"])

UNKNOWN_ORGANISATION = _("There is no organisation with this id.")
UNKNOWN_CHALLENGE = _("There is no challenge with this id.")
NETWORK_EDIT_ERRORS = edit_errors(Network, NetworkConflictOut)


def _with_relations(networks):  # noqa: ANN001, ANN202
    return networks.select_related("lead").prefetch_related(
        Prefetch("challenges", queryset=Challenge.objects.order_by("position", "name"))
    )


def _network(request: HttpRequest, network_id: int) -> Network:
    return selectors.network_get(user=request.user, network_id=network_id)


def _fields(payload: NetworkIn) -> dict:
    """The service's keyword arguments from the request body; unknown ids are a field error."""
    data = payload.dict(exclude={"lead_id", "challenge_ids", "version"})
    data["cadence"] = data["cadence"] or ""
    lead = Organisation.objects.filter(pk=payload.lead_id).first()
    challenges = list(Challenge.objects.filter(pk__in=payload.challenge_ids))
    errors = {}
    if lead is None:
        errors["lead_id"] = [UNKNOWN_ORGANISATION]
    if len(challenges) != len(set(payload.challenge_ids)):
        errors["challenge_ids"] = [UNKNOWN_CHALLENGE]
    if errors:
        raise ValidationError(errors)
    return {**data, "lead": lead, "challenges": challenges}


@router.get("/networks", response={200: list[NetworkOut], **READ_ERRORS}, summary="List networks")
@paginate(Page)
def network_list(request: HttpRequest, filters: Query[NetworkFilter]):  # noqa: ANN201
    """The active networks your organisation takes part in."""
    networks = selectors.networks_visible_to(user=request.user)
    if filters.q:
        networks = networks.filter(name__icontains=filters.q)
    if filters.level:
        networks = networks.filter(level=filters.level)
    if filters.challenge:
        networks = networks.filter(challenges=filters.challenge)
    return _with_relations(networks).order_by("name", "pk")


@router.get("/networks/{network_id}", response={200: NetworkOut, **READ_ERRORS}, summary="Get a network")
def network_detail(request: HttpRequest, network_id: Id):  # noqa: ANN201
    """A network your organisation takes part in; any other is 404."""
    return _network(request, network_id)


@router.post("/networks", response={201: NetworkOut, **WRITE_ERRORS}, auth=auth.write, summary="Register a network")
def network_create(request: HttpRequest, payload: NetworkIn):  # noqa: ANN201
    """Coordinators, executives and admins register networks; your organisation becomes a participant."""
    network = services.network_create(user=request.user, **_fields(payload))
    return Status(201, network)


@router.put(
    "/networks/{network_id}", response={200: NetworkOut, **NETWORK_EDIT_ERRORS}, auth=auth.write, summary="Change a network"
)
def network_update(request: HttpRequest, network_id: Id, payload: NetworkUpdateIn):  # noqa: ANN201
    """Only the lead or the registering organisation changes the shared description; send the version you read."""
    network = _network(request, network_id)
    return services.network_update(user=request.user, network=network, version=payload.version, **_fields(payload))


@router.post(
    "/networks/{network_id}/archive", response={200: NetworkOut, **WRITE_ERRORS}, auth=auth.write, summary="Archive a network"
)
def network_archive(request: HttpRequest, network_id: Id):  # noqa: ANN201
    """Archive (never delete) a network; it then leaves every list."""
    return services.network_archive(user=request.user, network=_network(request, network_id))


@router.get(
    "/networks/{network_id}/participants", response={200: list[ParticipantOut], **READ_ERRORS}, summary="List participants"
)
def participant_list(request: HttpRequest, network_id: Id):  # noqa: ANN201
    """The organisations taking part in a network, with their roles (shared with all participants)."""
    return selectors.network_participants(network=_network(request, network_id))


@router.put(
    "/networks/{network_id}/participants",
    response={200: list[ParticipantOut], **NETWORK_EDIT_ERRORS},
    auth=auth.write,
    summary="Set participants",
)
def participants_set(request: HttpRequest, network_id: Id, payload: ParticipantsIn):  # noqa: ANN201
    """Make the participants exactly these; the lead and the registering organisation always stay. Send the
    network's version you read (GET /networks/{id}); a change since is refused (409, with the network as it is)."""
    network = _network(request, network_id)
    wanted = {item.organisation_id: item.role for item in payload.participants}
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=wanted)}
    if len(organisations) != len(wanted):
        raise ValidationError({"participants": [UNKNOWN_ORGANISATION]})
    roles = {organisations[pk]: role for pk, role in wanted.items()}
    network = services.participants_set(user=request.user, network=network, roles=roles, version=payload.version)
    return selectors.network_participants(network=network)

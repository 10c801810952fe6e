from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from verbond.api import auth
from verbond.api.pagination import Page
from verbond.api.routes.common import READ_ERRORS, edit_errors
from verbond.api.schemas import DecisionConflictOut, DecisionFilter, DecisionIn, DecisionOut, Id
from verbond.decisions.models import Decision
from verbond.decisions.selectors import decisions_visible_to
from verbond.decisions.services import decision_record
from verbond.networks.selectors import network_get

router = Router(tags=["decisions"])


@router.get("/decisions", response={200: list[DecisionOut], **READ_ERRORS}, summary="List our decisions")
@paginate(Page)
def decision_list(request: HttpRequest, filters: Query[DecisionFilter]):  # noqa: ANN201
    """Your organisation's decisions, newest first (private: never another organisation's)."""
    decisions = decisions_visible_to(user=request.user)
    if filters.network:
        decisions = decisions.filter(network_id=filters.network)
    if filters.kind:
        decisions = decisions.filter(kind=filters.kind)
    if filters.current is not None:
        decisions = decisions.filter(superseded_at__isnull=filters.current)
    return decisions.order_by("-decided_on", "-created_at", "-pk")


@router.get("/decisions/{decision_id}", response={200: DecisionOut, **READ_ERRORS}, summary="Get a decision")
def decision_detail(request: HttpRequest, decision_id: Id):  # noqa: ANN201
    """One of your organisation's decisions; any other is 404."""
    return get_object_or_404(decisions_visible_to(user=request.user), pk=decision_id)


@router.post(
    "/networks/{network_id}/decisions",
    response={201: DecisionOut, **edit_errors(Decision, DecisionConflictOut)},
    auth=auth.write,
    summary="Record a decision",
)
def decision_create(request: HttpRequest, network_id: Id, payload: DecisionIn):  # noqa: ANN201
    """An executive records the organisation's decision; it supersedes the current one (the gates apply).

    Send the id of the current decision you saw as `supersedes_id`; without it you say there was none, as on the page.
    """
    network = network_get(user=request.user, network_id=network_id)
    arguments = payload.dict() | {"supersedes_id": payload.supersedes_id or 0}  # 0: "I saw no current decision"
    return Status(201, decision_record(user=request.user, network=network, **arguments))

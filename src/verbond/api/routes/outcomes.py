"""Indicators and measurements, through the outcomes app's selectors and services."""

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from verbond.api import auth
from verbond.api.pagination import Page
from verbond.api.routes.common import READ_ERRORS, WRITE_ERRORS, edit_errors
from verbond.api.schemas import (
    CorrectionIn,
    Id,
    IndicatorConflictOut,
    IndicatorFilter,
    IndicatorIn,
    IndicatorOut,
    IndicatorUpdateIn,
    MeasurementIn,
    MeasurementOut,
)
from verbond.networks.selectors import network_get
from verbond.outcomes import selectors, services
from verbond.outcomes.models import Indicator

router = Router(tags=["results"])


@router.get("/indicators", response={200: list[IndicatorOut], **READ_ERRORS}, summary="List indicators")
@paginate(Page)
def indicator_list(request: HttpRequest, filters: Query[IndicatorFilter]):  # noqa: ANN201
    """Indicators of the networks your organisation takes part in (shared with every participant)."""
    indicators = selectors.indicators_visible_to(user=request.user).select_related("owner")
    if filters.network:
        indicators = indicators.filter(network_id=filters.network)
    if filters.kind:
        indicators = indicators.filter(kind=filters.kind)
    return indicators.order_by("network_id", "kind", "name", "pk")


@router.get("/indicators/{indicator_id}", response={200: IndicatorOut, **READ_ERRORS}, summary="Get an indicator")
def indicator_detail(request: HttpRequest, indicator_id: Id):  # noqa: ANN201
    return selectors.indicator_get(user=request.user, indicator_id=indicator_id)


@router.post(
    "/networks/{network_id}/indicators",
    response={201: IndicatorOut, **WRITE_ERRORS},
    auth=auth.write,
    summary="Add an indicator",
)
def indicator_create(request: HttpRequest, network_id: Id, payload: IndicatorIn):  # noqa: ANN201
    """Name a result of a network; your organisation owns the indicator."""
    network = network_get(user=request.user, network_id=network_id)
    return Status(201, services.indicator_create(user=request.user, network=network, **payload.dict()))


@router.put(
    "/indicators/{indicator_id}",
    response={200: IndicatorOut, **edit_errors(Indicator, IndicatorConflictOut)},
    auth=auth.write,
    summary="Change an indicator",
)
def indicator_update(request: HttpRequest, indicator_id: Id, payload: IndicatorUpdateIn):  # noqa: ANN201
    """Only the owner organisation changes its indicator; send the edit_stamp you read."""
    indicator = selectors.indicator_get(user=request.user, indicator_id=indicator_id)
    return services.indicator_update(user=request.user, indicator=indicator, **payload.dict())


@router.get(
    "/indicators/{indicator_id}/measurements",
    response={200: list[MeasurementOut], **READ_ERRORS},
    summary="List measurements",
)
def measurement_list(request: HttpRequest, indicator_id: Id):  # noqa: ANN201
    """Every version of every measurement, newest first; `current` marks the valid ones."""
    indicator = selectors.indicator_get(user=request.user, indicator_id=indicator_id)
    return selectors.measurement_history(indicator=indicator)


@router.post(
    "/indicators/{indicator_id}/measurements",
    response={201: MeasurementOut, **WRITE_ERRORS},
    auth=auth.write,
    summary="Add a measurement",
)
def measurement_add(request: HttpRequest, indicator_id: Id, payload: MeasurementIn):  # noqa: ANN201
    indicator = selectors.indicator_get(user=request.user, indicator_id=indicator_id)
    return Status(201, services.measurement_add(user=request.user, indicator=indicator, **payload.dict()))


@router.post(
    "/measurements/{measurement_id}/correction",
    response={201: MeasurementOut, **WRITE_ERRORS},
    auth=auth.write,
    summary="Correct a measurement",
)
def measurement_correct(request: HttpRequest, measurement_id: Id, payload: CorrectionIn):  # noqa: ANN201
    """A correction is a new version; the old value stays in the history."""
    measurement = selectors.measurement_get(user=request.user, measurement_id=measurement_id)
    return Status(201, services.measurement_correct(user=request.user, measurement=measurement, **payload.dict()))

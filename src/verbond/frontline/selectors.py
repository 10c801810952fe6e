"""Reads of professionals' requests, always scoped to what the user's organisation may see."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from verbond.accounts.models import Role, User
from verbond.accounts.permissions import can_answer_requests
from verbond.assessments.selectors import latest_results
from verbond.commitments.models import Mandate
from verbond.commitments.selectors import mandates_active_in
from verbond.frontline.models import ANSWERED_STATUSES, OPEN_STATUSES, Category, Request, Status, Step
from verbond.networks.models import Level, Network
from verbond.networks.selectors import networks_visible_to
from verbond.organisations.models import Organisation

SECONDS_PER_DAY = 86400
TOP_CATEGORIES = 3


@dataclass(frozen=True)
class Route:
    """Who answers a request, and under which mandate (None: the network's lead, for want of a mandate)."""

    organisation: Organisation
    mandate: Mandate | None = None


def routing_mandates(*, network: Network) -> list[Mandate]:
    """The mandates in force today in the network, in the order that breaks ties (holder's name, oldest first)."""
    return list(mandates_active_in(network=network))


def mandate_relevance(*, text: str, mandate: Mandate) -> float:
    """How well a request's words match what a mandate covers (its team or role and scope), from 0 to 100."""
    return fuzz.token_set_ratio(text, f"{mandate.team_or_role} {mandate.scope}", processor=default_process)


def request_route(*, network: Network, text: str = "", mandate: Mandate | None = None) -> Route:
    """The one place routing is decided.

    The mandate the professional chose, if any; otherwise the mandate in force whose team and scope best match the
    request's title and description; otherwise the network's lead.
    """
    if mandate is not None:
        return Route(organisation=mandate.holder_organisation, mandate=mandate)
    mandates = routing_mandates(network=network)
    if not mandates:
        return Route(organisation=network.lead)
    # max() keeps the first of equals, so ties go by the register's order.
    best = max(mandates, key=lambda candidate: mandate_relevance(text=text, mandate=candidate))
    return Route(organisation=best.holder_organisation, mandate=best)


def requests_visible_to(*, user: User) -> QuerySet[Request]:
    """Requests in networks the user's organisation takes part in, and the user's own requests."""
    if not user.is_authenticated:
        return Request.objects.none()
    networks = Network.objects.for_organisation(user.organisation_id).values("pk")
    return Request.objects.filter(Q(network_id__in=networks) | Q(raised_by_id=user.pk))


def request_get(*, user: User, request_id: int) -> Request:
    """One visible request, or 404 (never 403: a stranger may not learn that it exists)."""
    queryset = requests_visible_to(user=user).select_related(
        "network__lead", "raised_by", "raised_by_organisation", "routed_to", "mandate"
    )
    return get_object_or_404(queryset, pk=request_id)


def request_list(*, user: User, network: Network | None = None, state: str = "") -> list[Request]:
    """Visible requests, newest first; `state` is "open", "answered", "closed" or empty for all."""
    queryset = requests_visible_to(user=user).select_related("network", "raised_by_organisation", "routed_to")
    if network is not None:
        queryset = queryset.filter(network=network)
    if state == "open":
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif state == "answered":
        queryset = queryset.filter(status__in=ANSWERED_STATUSES)
    elif state == "closed":
        queryset = queryset.filter(status=Status.CLOSED)
    return list(queryset)


def request_steps(*, request: Request) -> list[Step]:
    return list(request.steps.select_related("by", "organisation"))


def execution_alliances_for(*, user: User) -> QuerySet[Network]:
    """The execution alliances in which the user may raise a request."""
    return networks_visible_to(user=user).filter(level=Level.EXECUTION).order_by("name")


def may_answer(*, user: User, request: Request) -> bool:
    """Coordinators and executives of the organisation the request is routed to, or of the network's lead;
    once escalated, also the executives of the organisations involved."""
    if not can_answer_requests(user):
        return False
    if user.organisation_id in (request.routed_to_id, request.network.lead_id):
        return True
    return (
        request.status == Status.ESCALATED
        and user.role == Role.EXECUTIVE
        and user.organisation_id in involved_organisation_ids(request=request)
    )


def may_follow_up(*, user: User, request: Request) -> bool:
    """The professional who raised it, and whoever may answer it, may close or reopen a request."""
    return user.pk == request.raised_by_id or may_answer(user=user, request=request)


def may_close(*, user: User, request: Request) -> bool:
    """The raiser may close (withdraw) a request at any time; those who answer it only once it is answered,
    so that closing never hides an unanswered request from the deadline figures."""
    if request.status == Status.CLOSED:
        return False
    if user.pk == request.raised_by_id:
        return True
    return request.status not in OPEN_STATUSES and may_answer(user=user, request=request)


def involved_organisation_ids(*, request: Request) -> set[int]:
    """The organisations whose executives an escalation goes to: the professional's, the routed one and the
    network's lead (which answers for the alliance when a mandate holder cannot)."""
    return {request.raised_by_organisation_id, request.routed_to_id, request.network.lead_id}


@dataclass
class Figures:
    """How a set of requests is handled. Times are in calendar days from raising to the first answer."""

    total: int = 0
    open: int = 0
    overdue: int = 0
    decided: int = 0
    granted: int = 0
    median_days: float | None = None
    p90_days: float | None = None
    categories: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def share_granted(self) -> float | None:
        return self.granted / self.decided if self.decided else None


def request_figures(*, queryset: QuerySet[Request], now: datetime.datetime | None = None) -> Figures:
    """Open and overdue counts, median and 90th percentile time to decision, share granted, most frequent
    categories. One query, whatever the number of requests."""
    now = now or timezone.now()
    rows = list(queryset.values_list("status", "due_at", "raised_at", "decided_at", "outcome", "category"))
    figures = Figures(total=len(rows))
    durations = []
    categories: Counter[str] = Counter()
    for status, due_at, raised_at, decided_at, outcome, category in rows:
        categories[category] += 1
        if status in OPEN_STATUSES:
            figures.open += 1
            if due_at < now:
                figures.overdue += 1
        if outcome:
            figures.decided += 1
            figures.granted += outcome == Status.GRANTED
        if decided_at is not None:
            durations.append((decided_at - raised_at).total_seconds() / SECONDS_PER_DAY)
    if durations:
        figures.median_days = float(np.median(durations))
        figures.p90_days = float(np.percentile(durations, 90))
    order = {value: position for position, value in enumerate(Category.values)}
    ranked = sorted(categories.items(), key=lambda item: (-item[1], order.get(item[0], 99)))
    figures.categories = [
        (value, str(Category(value).label), count) for value, count in ranked[:TOP_CATEGORIES]
    ]
    return figures


def network_figures(*, network: Network, now: datetime.datetime | None = None) -> Figures:
    """Figures for one network's requests (the caller has checked that the user sees the network)."""
    return request_figures(queryset=Request.objects.filter(network=network), now=now)


@dataclass(frozen=True)
class RoomForProfessionals:
    """Our latest assessment's score (1–5) on "room for professionals", shown beside the request figures."""

    score: float | None
    round_id: int | None


def room_for_professionals(*, network: Network, organisation_id: int | None) -> RoomForProfessionals:
    """From the organisation's latest assessment round of the network; the anonymity rule is applied there."""
    result = latest_results(organisation_id=organisation_id, network_ids=[network.pk]).get(network.pk)
    if result is None:
        return RoomForProfessionals(score=None, round_id=None)
    criterion = result.criterion("professionals")
    return RoomForProfessionals(score=criterion.headline if criterion else None, round_id=result.round.pk)


@dataclass
class OrganisationFigures:
    answered_by_us: Figures
    raised_by_us: Figures


def organisation_figures(*, user: User, now: datetime.datetime | None = None) -> OrganisationFigures:
    """The user's own organisation: requests routed to it, and requests its professionals raised."""
    organisation_id = user.organisation_id
    return OrganisationFigures(
        answered_by_us=request_figures(
            queryset=Request.objects.filter(routed_to_id=organisation_id), now=now
        ),
        raised_by_us=request_figures(
            queryset=Request.objects.filter(raised_by_organisation_id=organisation_id), now=now
        ),
    )

"""Request and response shapes of the API. Inputs are bounded so that bad input is a 422, never a 500."""

import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator

from verbond.core.concurrency import edit_stamp
from verbond.decisions.models import DecisionKind
from verbond.networks.models import Cadence, Level, ParticipantRole
from verbond.organisations.models import OrganisationKind

# Database ids: bounded so that a huge number is refused by validation, not by the database driver.
MAX_ID = 2**53
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _storable(value: str) -> str:
    # PostgreSQL refuses NUL characters and no database stores lone surrogates: refuse them as input errors.
    if "\x00" in value:
        raise ValueError("Text may not contain NUL characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("Text must be valid Unicode.") from error
    return value


def Text(max_length: int, min_length: int = 0) -> type[str]:  # noqa: N802 - reads as a type in annotations
    """A string a database can store, with bounded length."""
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(_storable)]


Hours = Annotated[Decimal, Field(ge=0, le=Decimal("99999.9"), max_digits=7, decimal_places=1)]
Money = Annotated[Decimal, Field(ge=0, le=Decimal("999999999.99"), max_digits=11, decimal_places=2)]
Version = Annotated[int, Field(ge=1, le=2**31 - 1)]
Day = Annotated[datetime.date, Field(ge=datetime.date(1900, 1, 1), le=datetime.date(2999, 12, 31))]


class ErrorOut(Schema):
    message: str = Field(description="What went wrong, in the user's language.")
    errors: dict[str, list[str]] = Field(default_factory=dict, description="Messages per field ('__all__': general).")


CURRENT = "The record as it is now on the server, in the same shape as its GET: compare, then send again."


class ConflictOut(ErrorOut):
    """409: someone else changed the record since you read it; nothing was saved."""

    current: None = Field(None, description=CURRENT)


class OrganisationRef(Schema):
    id: int
    name: str
    slug: str


class ChallengeOut(Schema):
    id: int
    name: str
    name_en: str
    slug: str


class OrganisationOut(Schema):
    id: int
    name: str
    slug: str
    kind: OrganisationKind
    city: str
    website: str
    is_own: bool = Field(description="The organisation of the token's user.")
    capacity_hours_per_month: float | None = Field(
        None, description="Hours per month available for network work; private, so only for the own organisation."
    )

    @staticmethod
    def resolve_is_own(obj, context) -> bool:  # noqa: ANN001
        return obj.pk == context["request"].user.organisation_id

    @staticmethod
    def resolve_capacity_hours_per_month(obj, context) -> float | None:  # noqa: ANN001
        own = obj.pk == context["request"].user.organisation_id
        if not own or obj.capacity_hours_per_month is None:
            return None
        return float(obj.capacity_hours_per_month)


class OrganisationFilter(Schema):
    q: Text(100) = Field("", description="Part of the name.")
    kind: OrganisationKind | None = None


class NetworkOut(Schema):
    id: int
    name: str
    purpose: str
    level: Level
    lead: OrganisationRef
    registered_by_id: int
    challenges: list[ChallengeOut]
    cadence: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    legal_obligation: bool
    version: int

    @staticmethod
    def resolve_challenges(obj) -> list:  # noqa: ANN001
        return list(obj.challenges.all())


class NetworkFilter(Schema):
    q: Text(100) = Field("", description="Part of the name.")
    level: Level | None = None
    challenge: Id | None = Field(None, description="Id of a challenge.")


class NetworkIn(Schema):
    name: Text(200, min_length=1)
    purpose: Text(5000) = ""
    level: Level = Level.TACTICAL
    lead_id: Id
    challenge_ids: list[Id] = Field(default_factory=list, max_length=100)
    cadence: Cadence | None = None
    start_date: Day | None = None
    end_date: Day | None = None
    legal_obligation: bool = False


class NetworkUpdateIn(NetworkIn):
    version: Version = Field(description="The version you read; a newer one on the server means a 409 conflict.")


class NetworkConflictOut(ConflictOut):
    current: NetworkOut | None = Field(None, description=CURRENT)


class ParticipantOut(Schema):
    organisation: OrganisationRef
    role: ParticipantRole


class ParticipantIn(Schema):
    organisation_id: Id
    role: ParticipantRole = ParticipantRole.PARTICIPANT


class ParticipantsIn(Schema):
    participants: list[ParticipantIn] = Field(max_length=500)
    version: int = Field(ge=1, description="The network's version you read; a stale one is refused (409).")


class ParticipationOut(Schema):
    id: int
    network_id: int
    network_name: str
    representatives: str
    hours_per_month: float
    costs_per_year: float
    notes: str
    version: int
    updated_at: datetime.datetime

    @staticmethod
    def resolve_network_name(obj) -> str:  # noqa: ANN001
        return obj.network.name


class ParticipationFilter(Schema):
    network: Id | None = Field(None, description="Id of a network.")


class ParticipationIn(Schema):
    hours_per_month: Hours
    costs_per_year: Money
    representatives: Text(300) = ""
    notes: Text(5000) = ""
    version: Version | None = Field(
        None,
        description="The version you read. Required when your participation exists (else 422); omit only to create.",
    )


class ParticipationConflictOut(ConflictOut):
    current: ParticipationOut | None = Field(None, description=CURRENT)


class DecisionOut(Schema):
    id: int
    network_id: int
    kind: DecisionKind
    decided_on: datetime.date
    gate_urgency: bool
    gate_courage: bool
    gate_reciprocity: bool
    put_in_hours_per_month: float | None
    put_in_budget: float | None
    put_in_mandate: str
    conditions: str
    deadline: datetime.date | None
    reason: str
    exit_date: datetime.date | None
    current: bool
    superseded_by_id: int | None

    @staticmethod
    def resolve_current(obj) -> bool:  # noqa: ANN001
        return obj.superseded_at is None


class DecisionFilter(Schema):
    network: Id | None = Field(None, description="Id of a network.")
    kind: DecisionKind | None = None
    current: bool | None = Field(None, description="Only current (true) or only superseded (false) decisions.")


class DecisionIn(Schema):
    kind: DecisionKind
    decided_on: Day | None = Field(None, description="Defaults to today.")
    gate_urgency: bool = False
    gate_courage: bool = False
    gate_reciprocity: bool = False
    put_in_hours_per_month: Hours | None = None
    put_in_budget: Money | None = None
    put_in_mandate: Text(300) = ""
    conditions: Text(5000) = ""
    deadline: Day | None = None
    reason: Text(5000) = ""
    exit_date: Day | None = None
    supersedes_id: Id | None = Field(
        None,
        description="The id of the current decision you saw; omit when there was none. "
        "If the current decision is another one (or one came since): 409.",
    )


class DecisionConflictOut(ConflictOut):
    current: DecisionOut | None = Field(None, description=CURRENT)


class CapacityIn(Schema):
    capacity_hours_per_month: Hours | None = Field(description="Hours per month for network work; null: not set.")


# --- pledges (commitments app) ---------------------------------------------------------------------------------

Quantity = Annotated[Decimal, Field(ge=0, le=Decimal("9999999999.99"), max_digits=12, decimal_places=2)]


class PledgeOut(Schema):
    id: int
    network_id: int
    organisation: OrganisationRef
    kind: str
    description: str
    quantity: float
    unit: str
    period_start: datetime.date
    period_end: datetime.date | None
    accountable_person: str
    due_date: datetime.date
    status: str
    delivered_quantity: float
    edit_stamp: str = Field(description="Send it back when changing the pledge: a stale one is refused (409).")

    @staticmethod
    def resolve_edit_stamp(obj) -> str:  # noqa: ANN001
        return edit_stamp(obj)


class PledgeFilter(Schema):
    network: Id | None = Field(None, description="Id of a network.")
    organisation: Id | None = Field(None, description="Id of the pledging organisation.")
    status: Text(20) = Field("", description="pledged, delivered, partly_delivered, not_delivered or withdrawn.")


class PledgeTermsIn(Schema):
    """What a pledge promises: the same terms when it is made and when it is changed."""

    description: Text(300, min_length=1)
    quantity: Quantity
    unit: Text(40) = ""
    period_start: Day
    period_end: Day | None = None
    accountable_person: Text(200, min_length=1)
    due_date: Day


class PledgeIn(PledgeTermsIn):
    kind: Text(16, min_length=1) = Field(description="hours, budget, homes, mandate, data or other.")
    note: Text(2000) = ""


class PledgeUpdateIn(PledgeTermsIn):
    edit_stamp: Text(40, min_length=1) = Field(description="The edit_stamp you read; a stale one is refused (409).")


class PledgeConflictOut(ConflictOut):
    current: PledgeOut | None = Field(None, description=CURRENT)


class PledgeStatusIn(Schema):
    status: Text(20, min_length=1) = Field(description="delivered, partly_delivered, not_delivered or withdrawn.")
    note: Text(2000)
    changed_on: Day | None = None
    delivered_quantity: Quantity | None = None


# --- indicators and measurements (outcomes app) ----------------------------------------------------------------

Measure = Annotated[Decimal, Field(ge=Decimal("-9999999999.9999"), le=Decimal("9999999999.9999"), max_digits=14, decimal_places=4)]


class IndicatorOut(Schema):
    id: int
    network_id: int
    kind: str
    name: str
    unit: str
    direction: str
    baseline_value: float
    baseline_date: datetime.date
    target_value: float
    target_date: datetime.date
    owner: OrganisationRef
    edit_stamp: str = Field(description="Send it back when changing the indicator: a stale one is refused (409).")

    @staticmethod
    def resolve_edit_stamp(obj) -> str:  # noqa: ANN001
        return edit_stamp(obj)


class IndicatorFilter(Schema):
    network: Id | None = Field(None, description="Id of a network.")
    kind: Text(16) = Field("", description="how_much, how_well or better_off.")


class IndicatorIn(Schema):
    kind: Text(16, min_length=1) = Field(description="how_much, how_well or better_off.")
    name: Text(200, min_length=1)
    unit: Text(50, min_length=1)
    direction: Text(8) = Field("higher", description="higher or lower.")
    baseline_value: Measure
    baseline_date: Day
    target_value: Measure
    target_date: Day


class IndicatorUpdateIn(IndicatorIn):
    edit_stamp: Text(40, min_length=1) = Field(description="The edit_stamp you read; a stale one is refused (409).")


class IndicatorConflictOut(ConflictOut):
    current: IndicatorOut | None = Field(None, description=CURRENT)


class MeasurementOut(Schema):
    id: int
    indicator_id: int
    date: datetime.date
    value: float
    source: str
    version: int
    current: bool

    @staticmethod
    def resolve_current(obj) -> bool:  # noqa: ANN001
        return obj.superseded_at is None


class MeasurementIn(Schema):
    date: Day
    value: Measure
    source: Text(300) = ""


class CorrectionIn(Schema):
    value: Measure
    source: Text(300) = ""

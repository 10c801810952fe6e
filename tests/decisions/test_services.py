import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.utils import timezone

from tests.factories import DecisionFactory, NetworkFactory
from verbond.core.errors import ConflictError
from verbond.decisions import services
from verbond.decisions.models import Decision, DecisionKind

TODAY = timezone.localdate


def committed(**overrides):
    arguments = dict(
        kind=DecisionKind.COMMITTED_YES,
        gate_urgency=True,
        gate_courage=True,
        gate_reciprocity=True,
        put_in_hours_per_month=Decimal("8"),
    )
    return arguments | overrides


def test_committed_yes_with_all_three_gates_and_hours_is_recorded(executive, network):
    decision = services.decision_record(user=executive, network=network, **committed())

    assert decision.kind == DecisionKind.COMMITTED_YES
    assert decision.is_current
    assert decision.put_in_hours_per_month == Decimal("8")


@pytest.mark.parametrize("gate", ["gate_urgency", "gate_courage", "gate_reciprocity"])
def test_committed_yes_requires_all_three_gates(executive, network, gate):
    with pytest.raises(ValidationError) as error:
        services.decision_record(user=executive, network=network, **committed(**{gate: False}))

    assert services.GATES_REQUIRED in error.value.message_dict["__all__"]
    assert not Decision.objects.exists()


def test_committed_yes_requires_something_put_in(executive, network):
    with pytest.raises(ValidationError) as error:
        services.decision_record(user=executive, network=network, **committed(put_in_hours_per_month=None))

    assert services.PUT_IN_REQUIRED in error.value.message_dict["put_in_hours_per_month"]


@pytest.mark.parametrize(
    "put_in",
    [{"put_in_budget": Decimal("10000")}, {"put_in_mandate": "Wijkconsulenten op verzoek inzetten"}],
)
def test_committed_yes_accepts_a_budget_or_a_mandate_instead_of_hours(executive, network, put_in):
    decision = services.decision_record(
        user=executive, network=network, **committed(put_in_hours_per_month=None, **put_in)
    )

    assert decision.kind == DecisionKind.COMMITTED_YES


def test_conditional_yes_needs_conditions_and_a_deadline(executive, network):
    with pytest.raises(ValidationError) as error:
        services.decision_record(user=executive, network=network, kind=DecisionKind.CONDITIONAL_YES)

    assert set(error.value.message_dict) == {"conditions", "deadline"}


@pytest.mark.parametrize(("days", "accepted"), [(1, True), (90, True), (91, False)])
def test_conditional_yes_deadline_is_at_most_90_days_ahead(executive, network, days, accepted):
    arguments = dict(
        kind=DecisionKind.CONDITIONAL_YES,
        conditions="Partners leggen hun inzet vast.",
        deadline=TODAY() + datetime.timedelta(days=days),
    )

    if accepted:
        assert services.decision_record(user=executive, network=network, **arguments).deadline == arguments["deadline"]
    else:
        with pytest.raises(ValidationError) as error:
            services.decision_record(user=executive, network=network, **arguments)
        assert "deadline" in error.value.message_dict


def test_conditional_yes_deadline_lies_after_the_decision(executive, network):
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            user=executive, network=network, kind=DecisionKind.CONDITIONAL_YES, conditions="x", deadline=TODAY()
        )

    assert services.DEADLINE_NOT_AFTER_DECISION in error.value.message_dict["deadline"]


def conditional(*, decided_days_ago, deadline_days_after_decision):
    decided_on = TODAY() - datetime.timedelta(days=decided_days_ago)
    return dict(
        kind=DecisionKind.CONDITIONAL_YES,
        conditions="Partners leggen hun inzet vast.",
        decided_on=decided_on,
        deadline=decided_on + datetime.timedelta(days=deadline_days_after_decision),
    )


@pytest.mark.parametrize(("days_after", "accepted"), [(89, True), (90, True), (91, False), (145, False)])
def test_a_backdated_conditional_yes_counts_its_90_days_from_the_decision_date(executive, network, days_after, accepted):
    arguments = conditional(decided_days_ago=60, deadline_days_after_decision=days_after)

    if accepted:
        assert services.decision_record(user=executive, network=network, **arguments).deadline == arguments["deadline"]
    else:
        with pytest.raises(ValidationError) as error:
            services.decision_record(user=executive, network=network, **arguments)
        [message] = error.value.message_dict["deadline"]
        assert "90 days after the decision date" in message
        assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("field", "put_in"),
    [
        ("put_in_hours_per_month", {"put_in_hours_per_month": Decimal("-3"), "put_in_budget": Decimal("10000")}),
        ("put_in_budget", {"put_in_hours_per_month": Decimal("8"), "put_in_budget": Decimal("-1")}),
    ],
)
def test_what_we_put_in_cannot_be_negative(executive, network, field, put_in):
    with pytest.raises(ValidationError) as error:
        services.decision_record(user=executive, network=network, **committed(**put_in))

    assert error.value.message_dict[field] == [services.PUT_IN_NEGATIVE]
    assert not Decision.objects.exists()


def test_no_requires_a_reason_and_exit_also_a_date(executive, network):
    with pytest.raises(ValidationError) as no_error:
        services.decision_record(user=executive, network=network, kind=DecisionKind.NO)
    with pytest.raises(ValidationError) as exit_error:
        services.decision_record(user=executive, network=network, kind=DecisionKind.EXIT, reason="Overlap")

    assert services.REASON_REQUIRED in no_error.value.message_dict["reason"]
    assert services.EXIT_DATE_REQUIRED in exit_error.value.message_dict["exit_date"]


def test_a_decision_cannot_be_dated_in_the_future(executive, network):
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            user=executive, network=network, kind=DecisionKind.NO, reason="x", decided_on=TODAY() + datetime.timedelta(days=1)
        )

    assert "decided_on" in error.value.message_dict


def test_a_new_decision_supersedes_the_previous_one_and_keeps_history(executive, network):
    first = services.decision_record(user=executive, network=network, kind=DecisionKind.NO, reason="Geen urgentie")

    second = services.decision_record(user=executive, network=network, **committed())

    first.refresh_from_db()
    assert first.superseded_by == second
    assert first.superseded_at is not None
    assert first.reason == "Geen urgentie"
    assert list(Decision.objects.current()) == [second]
    assert Decision.objects.count() == 2


def test_a_stale_form_cannot_overwrite_a_decision_recorded_meanwhile(executive, network):
    seen = services.decision_record(user=executive, network=network, kind=DecisionKind.NO, reason="Eerste")
    services.decision_record(user=executive, network=network, kind=DecisionKind.NO, reason="Tweede", supersedes_id=seen.pk)

    with pytest.raises(ConflictError):
        services.decision_record(user=executive, network=network, kind=DecisionKind.NO, reason="Derde", supersedes_id=seen.pk)

    assert Decision.objects.current().get().reason == "Tweede"


def test_fields_of_another_kind_are_not_kept(executive, network):
    decision = services.decision_record(
        user=executive, network=network, kind=DecisionKind.NO, reason="Overlap", put_in_hours_per_month=Decimal(5)
    )

    assert decision.put_in_hours_per_month is None


@pytest.mark.parametrize("role_fixture", ["coordinator", "member"])
def test_only_executives_decide(request, network, role_fixture):
    user = request.getfixturevalue(role_fixture)

    with pytest.raises(PermissionDenied):
        services.decision_record(user=user, network=network, kind=DecisionKind.NO, reason="x")


def test_an_organisation_decides_only_on_networks_it_takes_part_in(stranger):
    network = NetworkFactory()

    with pytest.raises(PermissionDenied):
        services.decision_record(user=stranger, network=network, kind=DecisionKind.NO, reason="x")


def test_a_network_or_organisation_with_decisions_cannot_be_deleted_with_them(organisation, network):
    DecisionFactory(network=network, organisation=organisation)

    with pytest.raises(ProtectedError):
        network.delete()
    with pytest.raises(ProtectedError):
        organisation.delete()

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.commitments.factories import MandateFactory, PledgeFactory
from tests.factories import DecisionFactory, OrganisationFactory, UserFactory
from verbond.commitments import selectors, services
from verbond.commitments.models import Handover, PledgeStatus
from verbond.decisions.models import DecisionKind

TODAY = timezone.localdate


@pytest.fixture
def partner(network):
    organisation = OrganisationFactory(name="Partner")
    network.participants.create(organisation=organisation)
    return organisation


@pytest.fixture
def exit_decision(executive, network):
    return DecisionFactory(
        network=network,
        organisation=executive.organisation,
        kind=DecisionKind.EXIT,
        reason="Geen gedeelde urgentie.",
        exit_date=TODAY() + datetime.timedelta(days=60),
    )


def _plan(executive, decision, partner, **overrides):
    arguments = {
        "pledges_outcome": Handover.HANDED_OVER,
        "pledges_handed_to": partner,
        "mandates_outcome": Handover.ENDED,
        "mandates_handed_to": None,
        "end_date": TODAY() + datetime.timedelta(days=30),
        "partners_told_by": "Bestuurder",
        "wind_down_date": TODAY() + datetime.timedelta(days=60),
    }
    arguments.update(overrides)
    return services.exit_plan_save(user=executive, decision=decision, **arguments)


def test_open_pledges_and_mandates_are_listed_until_resolved(executive, network, partner, exit_decision):
    organisation = executive.organisation
    open_pledge = PledgeFactory(network=network, organisation=organisation)
    PledgeFactory(
        network=network, organisation=organisation, status=PledgeStatus.DELIVERED, delivered_quantity=10
    )
    PledgeFactory(network=network, organisation=partner)  # a partner's pledge is not ours to resolve
    running = MandateFactory(
        network=network, granting_organisation=organisation, decided_by=executive, holder_organisation=partner
    )
    MandateFactory(
        network=network,
        granting_organisation=organisation,
        decided_by=executive,
        holder_organisation=partner,
        valid_until=TODAY() + datetime.timedelta(days=10),
    )  # ends before the plan's end date
    plan = _plan(executive, exit_decision, partner)

    pledges, mandates = selectors.exit_open_items(plan=plan)
    assert pledges == [open_pledge] and mandates == [running]

    assert services.exit_plan_apply(user=executive, plan=plan) == (1, 1)

    assert selectors.exit_open_items(plan=plan) == ([], [])
    open_pledge.refresh_from_db()
    assert open_pledge.status == PledgeStatus.WITHDRAWN
    assert "handed over to Partner" in open_pledge.status_changes.last().note
    running.refresh_from_db()
    assert running.valid_until == plan.end_date


def test_hand_over_needs_a_partner_in_the_network(executive, exit_decision, partner):
    outsider = OrganisationFactory()

    with pytest.raises(ValidationError) as missing:
        _plan(executive, exit_decision, None)
    with pytest.raises(ValidationError) as foreign:
        _plan(executive, exit_decision, outsider)

    assert "pledges_handed_to" in missing.value.message_dict
    assert services.HANDED_TO_NOT_PARTNER in foreign.value.message_dict["pledges_handed_to"]


def test_exit_plan_belongs_to_a_current_exit_by_our_executive(executive, network, partner, stranger):
    no = DecisionFactory(network=network, organisation=executive.organisation)
    coordinator = UserFactory(organisation=executive.organisation, coordinator=True)

    with pytest.raises(ValidationError):
        _plan(executive, no, partner)
    no.delete()
    decision = DecisionFactory(
        network=network,
        organisation=executive.organisation,
        kind=DecisionKind.EXIT,
        exit_date=TODAY(),
        reason="Stoppen.",
    )
    with pytest.raises(PermissionDenied):
        _plan(coordinator, decision, partner)
    with pytest.raises(PermissionDenied):
        _plan(stranger, decision, partner)


def test_exit_plan_page_is_private_to_the_leaving_organisation(
    client_for, executive, network, partner, exit_decision
):
    _plan(executive, exit_decision, partner)
    partner_user = UserFactory(organisation=partner, executive=True)
    url = reverse("commitments:exit_plan", args=[network.pk])

    assert client_for(partner_user).get(url).status_code == 404
    page = client_for(executive).get(url)
    assert page.status_code == 200
    assert "Still open" in page.content.decode()


def test_exit_plan_form_saves_and_index_lists_the_exit(
    client_for, executive, network, partner, exit_decision
):
    PledgeFactory(network=network, organisation=executive.organisation, quantity=Decimal(4))
    client = client_for(executive)

    response = client.post(
        reverse("commitments:exit_plan", args=[network.pk]),
        {
            "pledges_outcome": "ended",
            "mandates_outcome": "ended",
            "end_date": TODAY().isoformat(),
            "partners_told_by": "Anouk de Wit",
            "wind_down_date": (TODAY() + datetime.timedelta(days=30)).isoformat(),
        },
    )

    assert response.status_code == 302
    exits = client.get(reverse("commitments:index")).context["exits"]
    assert [(e.decision, e.open_pledges, e.plan.partners_told_by) for e in exits] == [
        (exit_decision, 1, "Anouk de Wit")
    ]

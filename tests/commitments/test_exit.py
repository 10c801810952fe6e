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


def _open_items(executive, network, partner):
    pledge = PledgeFactory(network=network, organisation=executive.organisation, description="Onze open toezegging")
    mandate = MandateFactory(
        network=network,
        granting_organisation=executive.organisation,
        decided_by=executive,
        holder_organisation=partner,
        team_or_role="Wijkteam Noord",
    )
    MandateFactory(
        network=network,
        granting_organisation=executive.organisation,
        decided_by=executive,
        holder_organisation=partner,
        team_or_role="Wijkteam Zuid",
        valid_until=TODAY() + datetime.timedelta(days=10),
    )  # ends before the exit date: nothing to resolve
    return pledge, mandate


def test_before_a_plan_the_open_items_are_listed_with_a_prompt_to_make_it(
    client_for, executive, network, partner, exit_decision
):
    pledge, mandate = _open_items(executive, network, partner)

    assert selectors.exit_open_items(decision=exit_decision) == ([pledge], [mandate])
    page = client_for(executive).get(reverse("commitments:exit_plan", args=[network.pk])).content.decode()

    assert "Exit without a plan" in page and 'href="#plan-form"' in page
    assert "Onze open toezegging" in page and "Wijkteam Noord" in page
    assert "Wijkteam Zuid" not in page
    assert "Resolve as planned" not in page  # nothing to apply without a plan


def test_a_coordinator_sees_the_open_items_and_is_asked_to_get_a_plan_made(
    client_for, executive, network, partner, exit_decision
):
    _open_items(executive, network, partner)
    coordinator = UserFactory(organisation=executive.organisation, coordinator=True)

    page = client_for(coordinator).get(reverse("commitments:exit_plan", args=[network.pk])).content.decode()

    assert "Onze open toezegging" in page and "Ask an executive" in page


def test_network_page_and_portfolio_show_an_exit_without_a_plan_as_to_do(
    client_for, executive, network, partner, exit_decision
):
    _open_items(executive, network, partner)
    client = client_for(executive)
    network_url = reverse("networks:detail", args=[network.pk])
    portfolio_url = reverse("networks:portfolio")

    assert "Exit without a plan" in client.get(network_url).content.decode()
    portfolio = client.get(portfolio_url).content.decode()
    assert "Exits to finish" in portfolio and "exit without a plan" in portfolio

    _plan(executive, exit_decision, partner)

    assert "Exit without a plan" not in client.get(network_url).content.decode()
    portfolio = client.get(portfolio_url).content.decode()
    assert "exit without a plan" not in portfolio and "still open — pledges: 1, mandates: 1" in portfolio


def test_an_exit_with_a_plan_and_nothing_open_is_no_longer_to_do(
    client_for, executive, network, partner, exit_decision
):
    _plan(executive, exit_decision, partner)

    assert "Exits to finish" not in client_for(executive).get(reverse("networks:portfolio")).content.decode()


def test_exits_in_progress_counts_only_mandates_running_past_the_exit_date_before_a_plan(
    executive, network, partner, exit_decision
):
    _open_items(executive, network, partner)
    MandateFactory(
        network=network,
        granting_organisation=executive.organisation,
        decided_by=executive,
        holder_organisation=partner,
        valid_from=TODAY() - datetime.timedelta(days=400),
        valid_until=TODAY() - datetime.timedelta(days=100),
    )  # long over

    [item] = selectors.exits_in_progress(user=executive)

    assert item.plan is None and item.open_pledges == 1 and item.open_mandates == 1 and item.to_do

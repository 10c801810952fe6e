"""Dashboard figures on a worked example."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import OrganisationFactory, ParticipantFactory, UserFactory
from tests.frontline.factories import ExecutionAllianceFactory, RequestFactory
from verbond.frontline.models import Category, Status
from verbond.frontline.selectors import network_figures, organisation_figures

NOW = datetime.datetime(2026, 11, 27, 12, 0, tzinfo=datetime.UTC)


def decided(network, days, outcome, category, **kwargs):
    raised_at = NOW - datetime.timedelta(days=30)
    return RequestFactory(
        network=network,
        category=category,
        raised_at=raised_at,
        due_at=raised_at + datetime.timedelta(days=14),
        decided_at=raised_at + datetime.timedelta(days=days),
        outcome=outcome,
        status=outcome,
        **kwargs,
    )


@pytest.fixture
def worked_example(alliance):
    """Five decided requests (1, 2, 3, 4 and 10 days to decision; 3 granted), one open on time, one overdue."""
    decided(alliance, 1, Status.GRANTED, Category.RULE)
    decided(alliance, 2, Status.GRANTED, Category.RULE)
    decided(alliance, 3, Status.DECLINED, Category.BUDGET)
    decided(alliance, 4, Status.GRANTED, Category.HOUSE)
    closed = decided(alliance, 10, Status.DECLINED, Category.RULE)
    closed.status = Status.CLOSED  # closed after the decline: still counts as decided, declined
    closed.save()
    RequestFactory(
        network=alliance, category=Category.BUDGET, raised_at=NOW, due_at=NOW + datetime.timedelta(days=3)
    )
    RequestFactory(
        network=alliance,
        category=Category.DECISION,
        status=Status.ESCALATED,
        raised_at=NOW - datetime.timedelta(days=5),
        due_at=NOW - datetime.timedelta(days=1),
    )
    return alliance


def test_network_figures_on_a_worked_example(worked_example):
    figures = network_figures(network=worked_example, now=NOW)

    assert figures.total == 7
    assert figures.open == 2
    assert figures.overdue == 1
    assert figures.decided == 5
    assert figures.granted == 3
    assert figures.share_granted == pytest.approx(0.6)
    assert figures.median_days == pytest.approx(3.0)
    # numpy's linear interpolation: position 0.9 × 4 = 3.6 between 4 and 10 days → 4 + 0.6 × 6.
    assert figures.p90_days == pytest.approx(7.6)
    assert [(value, count) for value, _label, count in figures.categories] == [
        (Category.RULE, 3),
        (Category.BUDGET, 2),
        (Category.HOUSE, 1),
    ]


def test_figures_without_requests_are_empty(alliance):
    figures = network_figures(network=alliance, now=NOW)

    assert (figures.open, figures.overdue, figures.median_days, figures.share_granted) == (0, 0, None, None)


def test_organisation_figures_split_routed_to_us_and_raised_by_us(organisation, executive):
    partner = OrganisationFactory()
    alliance = ExecutionAllianceFactory(lead=organisation)
    ParticipantFactory(network=alliance, organisation=partner)
    our_professional = UserFactory(organisation=organisation)
    their_professional = UserFactory(organisation=partner)
    decided(alliance, 2, Status.GRANTED, Category.RULE, raised_by=their_professional, routed_to=organisation)
    RequestFactory(
        network=alliance,
        raised_by=our_professional,
        routed_to=partner,
        due_at=NOW - datetime.timedelta(days=1),
    )

    figures = organisation_figures(user=executive, now=timezone.now())

    assert (figures.answered_by_us.total, figures.answered_by_us.granted) == (1, 1)
    assert (figures.raised_by_us.total, figures.raised_by_us.overdue) == (1, 1)

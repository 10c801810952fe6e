import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.commitments.factories import MandateFactory, PledgeFactory
from tests.factories import DecisionFactory, NetworkFactory, OrganisationFactory, ParticipationFactory
from verbond.decisions.models import DecisionKind


def _add_world(executive, count):
    """`count` more networks with our pledges, mandates both ways, decisions and an exit."""
    organisation = executive.organisation
    for index in range(count):
        partner = OrganisationFactory()
        network = NetworkFactory(lead=partner, participants=[organisation])
        ParticipationFactory(network=network, organisation=organisation, hours_per_month=4)
        PledgeFactory(network=network, organisation=organisation)
        MandateFactory(
            network=network,
            granting_organisation=organisation,
            decided_by=executive,
            holder_organisation=partner,
        )
        MandateFactory(network=network, granting_organisation=partner, holder_organisation=organisation)
        if index % 2:
            DecisionFactory(network=network, organisation=organisation, conditional_expired=True)
        else:
            DecisionFactory(
                network=network,
                organisation=organisation,
                kind=DecisionKind.EXIT,
                exit_date=timezone.localdate() + datetime.timedelta(days=30),
                reason="Stoppen.",
            )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_index_mandates_and_portfolio_use_a_fixed_number_of_queries(client_for, executive):
    client = client_for(executive)
    urls = [reverse("commitments:index"), reverse("commitments:mandates"), reverse("networks:portfolio")]

    _add_world(executive, 1)
    small = [_count(client, url) for url in urls]
    _add_world(executive, 5)
    large = [_count(client, url) for url in urls]

    assert small == large

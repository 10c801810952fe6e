"""Region view and exports: the analysis is cached by its input, brokers are capped, centrality is bounded."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.analytics.factories import overlapping_networks
from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from verbond.analysis import analyse
from verbond.analytics import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def analyst(other_organisation):
    return UserFactory(organisation=other_organisation, username="analyst", is_analyst=True)


@pytest.fixture
def analyses(monkeypatch):
    calls = []

    def counting(*args, **kwargs):
        calls.append(kwargs)
        return analyse(*args, **kwargs)

    monkeypatch.setattr(selectors, "analyse", counting)
    return calls


def test_region_view_reuses_the_analysis_until_the_register_changes(
    client_for, analyst, organisation, analyses
):
    overlapping_networks(organisation)
    client = client_for(analyst)

    first = client.get(reverse("analytics:region")).content.decode()
    second = client.get(reverse("analytics:region")).content.decode()

    assert len(analyses) == 1
    assert first[first.index("<h1") :] == second[second.index("<h1") :]
    NetworkFactory(lead=organisation, name="Nieuw Netwerk", participants=[OrganisationFactory()])
    client.get(reverse("analytics:region"))
    assert len(analyses) == 2
    client.get(reverse("analytics:region"), {"min_jaccard": "0.9"})
    assert len(analyses) == 3  # another threshold is another analysis


def test_projection_export_reuses_the_analysis(client_for, analyst, organisation, analyses):
    overlapping_networks(organisation)
    url = reverse("analytics:export", args=["region", "projection", "gexf"])

    first = client_for(analyst).get(url).content
    second = client_for(analyst).get(url).content

    assert len(analyses) == 1
    assert first == second


def test_web_requests_compute_centrality_exactly_only_up_to_the_web_limit(
    client_for, analyst, organisation, analyses, monkeypatch
):
    overlapping_networks(organisation, partners=6)
    assert selectors.WEB_EXACT_LIMIT < 5_000

    client_for(analyst).get(reverse("analytics:region"))
    monkeypatch.setattr(selectors, "WEB_EXACT_LIMIT", 3)
    monkeypatch.setattr(selectors, "WEB_PIVOTS", 2)
    response = client_for(analyst).get(reverse("analytics:region"))

    assert analyses[0]["exact_limit"] == 1_000
    assert analyses[1]["exact_limit"] == 3
    centrality = response.context["view"].report.centrality
    assert not centrality.exact and centrality.pivots == 2
    assert "estimated from 2 sampled organisations" in response.content.decode()
    assert "for closeness" in response.content.decode()


def test_region_view_shows_the_25_strongest_brokers_and_counts_the_rest(client_for, analyst):
    # A chain of 30 organisations, each pair of neighbours in its own network: 28 cut points.
    chain = [OrganisationFactory(name=f"Schakel {i:02}", slug=f"schakel-{i:02}") for i in range(30)]
    for left, right in zip(chain, chain[1:], strict=False):
        NetworkFactory(lead=left, name=f"Keten {left.name}", participants=[right])

    response = client_for(analyst).get(reverse("analytics:region"))

    view = response.context["view"]
    assert len(view.brokers) == selectors.BROKERS_SHOWN == 25
    assert view.brokers_hidden == 3
    scores = [row["betweenness"] for row in view.brokers]
    assert scores == sorted(scores, reverse=True)
    assert {row["info"].name for row in view.brokers[:2]} == {"Schakel 14", "Schakel 15"}  # the middle
    assert "3 more brokers with a lower betweenness are not shown" in response.content.decode()

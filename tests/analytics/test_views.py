"""Analytics pages: overlap, partner map, region view and exports, scoped to what the user may see."""

import re
from decimal import Decimal

import networkx as nx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.analytics.factories import overlapping_networks
from tests.factories import NetworkFactory, OrganisationFactory, ParticipationFactory, UserFactory
from verbond.analytics.selectors import KIND_COLOURS, MAP_LIMIT
from verbond.organisations.models import OrganisationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(other_organisation):
    return UserFactory(organisation=other_organisation, username="analyst", is_analyst=True)


def test_overlap_page_lists_merge_candidates_with_shared_partners_and_challenges(
    client_for, executive, organisation
):
    overlapping_networks(organisation)

    response = client_for(executive).get(reverse("analytics:overlap"))

    assert response.status_code == 200
    [candidate] = response.context["candidates"]
    assert {candidate.first.name, candidate.second.name} == {"Schuldhulp Noord", "Armoedetafel Noord"}
    assert [p.name for p in candidate.shared_partners] == [
        "Partner 0",
        "Partner 1",
        "Partner 2",
        "Woonstichting Test",
    ]
    assert candidate.shared_challenges == ["Armoede"]
    assert candidate.percentage == 67
    assert "Partner 1" in response.content.decode()


def test_overlap_threshold_can_be_raised_and_bad_values_fall_back(client_for, executive, organisation):
    overlapping_networks(organisation)
    client = client_for(executive)

    strict = client.get(reverse("analytics:overlap"), {"min_jaccard": "0.9"})
    bad = client.get(reverse("analytics:overlap"), {"min_jaccard": "lots"})

    assert strict.context["candidates"] == []
    assert bad.status_code == 200
    assert len(bad.context["candidates"]) == 1


def test_overlap_page_never_shows_networks_of_others(client_for, stranger, organisation):
    overlapping_networks(organisation)

    response = client_for(stranger).get(reverse("analytics:overlap"))

    assert response.context["candidates"] == []
    assert "Schuldhulp Noord" not in response.content.decode()


@pytest.mark.parametrize("url_name", ["analytics:overlap", "analytics:partner_map", "analytics:region"])
def test_analytics_pages_use_a_fixed_number_of_queries(client_for, organisation, url_name):
    user = UserFactory(organisation=organisation, executive=True, is_analyst=True)
    client = client_for(user)
    overlapping_networks(organisation, partners=2)
    client.get(reverse(url_name))

    with CaptureQueriesContext(connection) as small:
        client.get(reverse(url_name))
    for i in range(6):
        NetworkFactory(
            lead=organisation, name=f"Extra {i}", participants=[OrganisationFactory() for _ in range(3)]
        )
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_partner_map_draws_partners_sized_by_shared_networks_and_linked_to_their_page(
    client_for, executive, organisation
):
    _first, _second, shared = overlapping_networks(organisation)

    response = client_for(executive).get(reverse("analytics:partner_map"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html
    assert reverse("organisations:detail", args=[shared[0].slug]) in html
    nodes = {node.organisation.name: node for node in response.context["map"].nodes}
    assert nodes["Partner 0"].shared == 2
    assert nodes["Partner 0"].radius > min(node.radius for node in nodes.values())
    assert nodes["Woonstichting Test"].is_own


def test_partner_map_colours_nodes_by_organisation_kind(client_for, executive, organisation):
    kinds = [OrganisationKind.MUNICIPALITY, OrganisationKind.CARE_PROVIDER, OrganisationKind.WELFARE]
    partners = [
        OrganisationFactory(name=f"Partner {kind}", slug=f"partner-{kind}", kind=kind) for kind in kinds
    ]
    NetworkFactory(lead=organisation, participants=partners)

    response = client_for(executive).get(reverse("analytics:partner_map"))

    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    fills = re.findall(r'<circle [^>]*fill="([^"]+)"', svg)
    expected = {KIND_COLOURS[kind] for kind in [*kinds, organisation.kind]}
    assert set(fills) == expected and len(expected) == 4
    for node in response.context["map"].nodes:
        assert node.colour == KIND_COLOURS[node.organisation.kind]
    assert set(response.context["map"].legend) == {
        (KIND_COLOURS[kind], str(kind.label)) for kind in [*kinds, OrganisationKind(organisation.kind)]
    }


def test_partner_map_draws_at_most_100_partners_and_counts_the_rest(client_for, executive, organisation):
    partners = [OrganisationFactory(name=f"Partner {i:03}", slug=f"partner-{i:03}") for i in range(MAP_LIMIT + 5)]
    NetworkFactory(lead=organisation, participants=partners[:10])  # these ten share two networks with us
    NetworkFactory(lead=organisation, participants=partners)

    response = client_for(executive).get(reverse("analytics:partner_map"))

    picture = response.context["map"]
    assert MAP_LIMIT == 100
    assert len(picture.nodes) == MAP_LIMIT + 1  # the partners and us
    assert picture.hidden == 5
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<circle") == MAP_LIMIT + 1
    assert len(picture.edges) == MAP_LIMIT
    drawn = {node.organisation.name for node in picture.nodes}
    assert {f"Partner {i:03}" for i in range(10)} <= drawn  # those sharing most are never left out
    assert "5 more partners are not drawn" in html


def test_partner_map_is_the_same_every_time(client_for, executive, organisation):
    overlapping_networks(organisation)
    client = client_for(executive)

    def svg():
        html = client.get(reverse("analytics:partner_map")).content.decode()
        return html[html.index("<svg") : html.index("</svg>")]

    assert svg() == svg()


def test_partner_map_leaves_out_organisations_we_share_nothing_with(client_for, executive, organisation):
    overlapping_networks(organisation)
    outsider = OrganisationFactory(name="Zorgverzekeraar Elders")
    NetworkFactory(lead=outsider, participants=[OrganisationFactory()])

    response = client_for(executive).get(reverse("analytics:partner_map"))

    assert "Zorgverzekeraar Elders" not in response.content.decode()


def test_partner_map_without_networks_says_so(client_for, executive):
    response = client_for(executive).get(reverse("analytics:partner_map"))

    assert response.status_code == 200
    assert "<svg" not in response.content.decode()


def test_region_view_is_for_analysts_only(client_for, executive):
    response = client_for(executive).get(reverse("analytics:region"))

    assert response.status_code == 403


def test_region_view_shows_all_networks_without_private_figures(client_for, analyst, organisation):
    first, _second, _shared = overlapping_networks(organisation)
    ParticipationFactory(
        network=first, organisation=organisation, hours_per_month=Decimal("4321.5"), costs_per_year=98765
    )

    response = client_for(analyst).get(reverse("analytics:region"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Schuldhulp Noord" in html
    assert "98765" not in html and "98.765" not in html and "98,765" not in html
    assert not any(hours in html for hours in ("4321", "4.321", "4,321"))
    assert response.context["view"].report.affiliations.n_networks == 2


def test_superuser_sees_the_region_view(client_for, other_organisation):
    superuser = UserFactory(organisation=other_organisation, is_superuser=True)

    response = client_for(superuser).get(reverse("analytics:region"))

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("graph", "fmt"),
    [
        ("affiliations", "graphml"),
        ("affiliations", "gexf"),
        ("projection", "graphml"),
        ("projection", "gexf"),
    ],
)
def test_exports_are_readable_graphs_of_what_the_user_may_see(
    client_for, executive, organisation, graph, fmt, tmp_path
):
    overlapping_networks(organisation)
    NetworkFactory(name="Geheim Netwerk", participants=[OrganisationFactory(name="Onbekende Partij")])

    response = client_for(executive).get(reverse("analytics:export", args=["own", graph, fmt]))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    path = tmp_path / f"graph.{fmt}"
    path.write_bytes(response.content)
    exported = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    labels = {data.get("label") for _node, data in exported.nodes(data=True)}
    assert "Partner 0" in labels
    assert "Onbekende Partij" not in labels and "Geheim Netwerk" not in labels
    if graph == "affiliations":
        assert "Schuldhulp Noord" in labels


def test_region_exports_are_for_analysts_only(client_for, executive, analyst, organisation):
    overlapping_networks(organisation)

    refused = client_for(executive).get(reverse("analytics:export", args=["region", "projection", "gexf"]))
    allowed = client_for(analyst).get(reverse("analytics:export", args=["region", "projection", "gexf"]))

    assert refused.status_code == 403
    assert allowed.status_code == 200


def test_unknown_export_is_not_found(client_for, executive):
    response = client_for(executive).get(reverse("analytics:export", args=["own", "everything", "graphml"]))

    assert response.status_code == 404


def test_pages_require_login(client):
    response = client.get(reverse("analytics:overlap"))

    assert response.status_code == 302


def test_partner_ratings_feed_the_partner_map_as_weighted_ties(client_for, executive, organisation):
    from tests.assessments.factories import RespondentFactory, RoundFactory
    from tests.factories import NetworkFactory, OrganisationFactory
    from verbond.assessments.models import PartnerRating

    partner = OrganisationFactory(name="Zorggroep Beoordeeld")
    network = NetworkFactory(lead=organisation, participants=[partner])
    round_ = RoundFactory(network=network, organisation=organisation, closed=True, partner_ratings=True)
    for _ in range(3):
        respondent = RespondentFactory(round=round_, organisation=organisation)
        PartnerRating.objects.create(respondent=respondent, organisation=partner, reliability=5, contribution=4)

    response = client_for(executive).get(reverse("analytics:partner_map"))

    node = next(n for n in response.context["map"].nodes if n.organisation.name == "Zorggroep Beoordeeld")
    assert (node.reliability, node.contribution, node.tie_width) == (5.0, 4.0, 4.5)
    assert "stroke-width: 4.5px" in response.content.decode()


def test_an_analyst_downloads_the_region_tables_in_full_with_names(client_for, analyst, organisation):
    overlapping_networks(organisation)
    client = client_for(analyst)

    overlap = client.get(reverse("analytics:region_table", args=["network_overlap"]), {"min_jaccard": "0.5"})
    organisations = client.get(reverse("analytics:region_table", args=["organisations"]), HTTP_ACCEPT_LANGUAGE="nl")

    assert overlap.status_code == organisations.status_code == 200
    assert overlap["Content-Type"].startswith("text/csv")
    rows = [line.split(",") for line in overlap.content.decode("utf-8-sig").splitlines()]
    # Both networks: 3 shared partners + the lead, of 6 in all.
    assert rows[1][:3] == ["Armoedetafel Noord", "Schuldhulp Noord", "4"] or rows[1][:3] == [
        "Schuldhulp Noord", "Armoedetafel Noord", "4"
    ]
    assert len(organisations.content.decode("utf-8-sig").splitlines()) == 1 + 6  # header + every organisation
    assert "Partner 0;" in organisations.content.decode("utf-8-sig")  # Dutch Excel: semicolons


def test_region_tables_are_for_analysts_only(client_for, executive, analyst):
    refused = client_for(executive).get(reverse("analytics:region_table", args=["brokers"]))
    unknown = client_for(analyst).get(reverse("analytics:region_table", args=["salaries"]))

    assert refused.status_code == 403
    assert unknown.status_code == 404

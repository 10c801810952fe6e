"""A published affiliation data set: Davis, Gardner & Gardner's Southern Women.

Davis, A., Gardner, B. B. & Gardner, M. R. (1941). *Deep South: A Social Anthropological Study of Caste and
Class.* University of Chicago Press — 18 women's attendance at 14 social events (89 attendances).
Breiger, R. L. (1974). The duality of persons and groups. *Social Forces* 53(2), 181–190 — the one-mode
"person × person" matrix of shared events (Table 2), e.g. Evelyn and Theresa attended 7 events together.

networkx ships the attendance data as ``networkx.davis_southern_women_graph()``.
"""

import networkx as nx
import pytest

from verbond.analysis import affiliations_from_pairs, analyse, co_membership_matrix

# Breiger (1974), row "Evelyn" of the women-by-women matrix (shared events with each other woman).
BREIGER_EVELYN = {
    "Laura Mandeville": 6,
    "Theresa Anderson": 7,
    "Brenda Rogers": 6,
    "Charlotte McDowd": 3,
    "Frances Anderson": 4,
    "Eleanor Nye": 3,
    "Pearl Oglethorpe": 3,
    "Ruth DeSand": 3,
    "Verne Sanderson": 2,
    "Myra Liddel": 2,
    "Katherina Rogers": 2,
    "Sylvia Avondale": 2,
    "Nora Fayette": 2,
    "Helen Lloyd": 1,
    "Dorothy Murchison": 2,
    "Olivia Carleton": 1,
    "Flora Price": 1,
}


@pytest.fixture(scope="module")
def southern_women():
    graph = nx.davis_southern_women_graph()
    rows = [(woman, event) for woman in graph.graph["top"] for event in graph[woman]]
    affiliations = affiliations_from_pairs([w for w, _ in rows], [e for _, e in rows])
    return graph, affiliations


def test_southern_women_has_18_women_14_events_and_89_attendances(southern_women):
    _graph, affiliations = southern_women

    assert (affiliations.n_organisations, affiliations.n_networks, affiliations.n_memberships) == (18, 14, 89)


def test_shared_events_reproduce_breigers_row_for_evelyn(southern_women):
    _graph, affiliations = southern_women
    index = {name: i for i, name in enumerate(affiliations.organisations)}

    matrix = co_membership_matrix(affiliations).toarray()

    evelyn = index["Evelyn Jefferson"]
    assert {name: int(matrix[evelyn, index[name]]) for name in BREIGER_EVELYN} == BREIGER_EVELYN


def test_evelyn_and_theresa_are_the_closest_pair(southern_women):
    _graph, affiliations = southern_women

    report = analyse(affiliations, top=1)

    first = report.co_membership_rows()[0]
    assert (first["a"], first["b"], first["shared"]) == ("Evelyn Jefferson", "Theresa Anderson", 7)


def test_women_projection_is_one_component_with_139_of_153_pairs_tied(southern_women):
    graph, affiliations = southern_women

    report = analyse(affiliations)

    assert report.components == 1
    assert report.density == pytest.approx(139 / 153)
    women = nx.bipartite.projected_graph(graph, graph.graph["top"])
    expected = nx.betweenness_centrality(women)
    table = {row["organisation"]: row for row in report.organisations_table()}
    assert {name: row["betweenness"] for name, row in table.items()} == pytest.approx(expected)

"""The engine against networkx on random small bipartite graphs, metric by metric."""

import itertools

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis.strategies import Case, bipartite_cases
from verbond.analysis import (
    affiliations_from_pairs,
    brokers,
    centrality,
    co_membership,
    co_membership_matrix,
    co_membership_top,
    components,
    density,
    network_overlap,
    network_top_k,
    organisation_degrees,
    projection,
)
from verbond.analysis.centrality import articulation_points

CASES = bipartite_cases()
# Engine checks against networkx are cheap but not instant; no deadline, a fixed number of examples.
ENGINE = settings(max_examples=60, deadline=None)


def _shared(case: Case, a: int, b: int) -> int:
    return len(set(case.graph[a]) & set(case.graph[b]))


@ENGINE
@given(CASES)
def test_co_membership_counts_every_pair_sharing_a_network(case):
    expected = {
        (a, b): _shared(case, a, b)
        for a, b in itertools.combinations(case.organisations, 2)
        if _shared(case, a, b) > 0
    }

    pairs = co_membership(case.affiliations)

    assert {
        (int(a), int(b)): int(s) for a, b, s in zip(pairs.a, pairs.b, pairs.shared, strict=True)
    } == expected
    assert list(pairs.shared) == sorted(pairs.shared, reverse=True)


@ENGINE
@given(CASES, st.integers(1, 4))
def test_co_membership_top_keeps_each_organisations_best_partners_and_nothing_else(case, top):
    def best(org):
        partners = [(-_shared(case, org, other), other) for other in case.organisations if other != org]
        return {other for score, other in sorted(p for p in partners if p[0] < 0)[:top]}

    pairs = co_membership(case.affiliations, top=top)

    kept = {(int(a), int(b)) for a, b in zip(pairs.a, pairs.b, strict=True)}
    expected = {tuple(sorted((org, other))) for org in case.organisations for other in best(org)}
    assert kept == expected


@ENGINE
@given(CASES, st.integers(1, 4), st.integers(1, 30))
def test_streamed_top_partners_and_partner_counts_equal_the_whole_projection(case, top, block_work):
    whole = co_membership(case.affiliations, top=top, matrix=co_membership_matrix(case.affiliations))

    streamed, partners = co_membership_top(case.affiliations, top=top, block_work=block_work)

    assert (streamed.a.tolist(), streamed.b.tolist(), streamed.shared.tolist()) == (
        whole.a.tolist(),
        whole.b.tolist(),
        whole.shared.tolist(),
    )
    assert partners.tolist() == [case.projection.degree(v) for v in case.organisations]


@ENGINE
@given(CASES, st.sampled_from([0.0, 0.1, 0.25, 1 / 3, 0.5, 0.7, 0.9, 1.0]))
def test_network_overlap_matches_networkx_jaccard_projection(case, threshold):
    networks = [case.network_node(j) for j in range(case.affiliations.n_networks)]
    reference = nx.bipartite.overlap_weighted_projected_graph(case.graph, networks, jaccard=True)
    expected = {
        tuple(sorted((networks.index(u), networks.index(v)))): weight
        for u, v, weight in reference.edges(data="weight")
        if weight >= threshold
    }

    pairs = network_overlap(case.affiliations, min_jaccard=threshold)

    found = {(int(a), int(b)): j for a, b, j in zip(pairs.a, pairs.b, pairs.jaccard, strict=True)}
    assert found.keys() == expected.keys()
    for key, jaccard in found.items():
        assert jaccard == pytest.approx(expected[key])
        a, b = (networks[i] for i in key)
        assert pairs.shared[list(found).index(key)] == len(set(case.graph[a]) & set(case.graph[b]))
    assert list(pairs.jaccard) == sorted(pairs.jaccard, reverse=True)


@ENGINE
@given(CASES, st.integers(1, 3))
def test_network_top_k_lists_the_most_similar_networks_first(case, k):
    networks = [case.network_node(j) for j in range(case.affiliations.n_networks)]
    reference = nx.bipartite.overlap_weighted_projected_graph(case.graph, networks, jaccard=True)

    pairs = network_top_k(case.affiliations, k=k)

    for j, node in enumerate(networks):
        scored = sorted(
            (
                -reference[node][other]["weight"],
                -len(set(case.graph[node]) & set(case.graph[other])),
                networks.index(other),
            )
            for other in reference[node]
        )
        found = [int(b) for a, b in zip(pairs.a, pairs.b, strict=True) if a == j]
        assert sorted(found) == sorted(index for _, _, index in scored[:k])


@ENGINE
@given(CASES)
def test_degrees_partners_and_weighted_degree_match_networkx(case):
    degree, partners, weighted = organisation_degrees(case.affiliations)

    for org in case.organisations:
        assert degree[org] == case.graph.degree(org)
        assert partners[org] == case.projection.degree(org)
        assert weighted[org] == pytest.approx(case.graph.degree(org, weight="weight"))


@ENGINE
@given(CASES)
def test_exact_betweenness_and_closeness_match_networkx_normalized(case):
    expected_betweenness = nx.betweenness_centrality(case.projection, normalized=True)
    expected_closeness = nx.closeness_centrality(case.projection)

    result = centrality(projection(case.affiliations), batch=3)

    assert result.exact
    assert result.betweenness == pytest.approx(
        [expected_betweenness[v] for v in case.organisations], abs=1e-12
    )
    assert result.closeness == pytest.approx([expected_closeness[v] for v in case.organisations], abs=1e-12)


@ENGINE
@given(bipartite_cases(max_organisations=14), st.integers(2, 6), st.integers(0, 1000))
def test_sampled_betweenness_equals_networkx_with_the_same_pivots_and_seed(case, pivots, seed):
    n = case.affiliations.n_organisations
    if pivots >= n:
        pivots = max(n - 1, 1)
    expected = nx.betweenness_centrality(case.projection, k=pivots, normalized=True, seed=seed)

    result = centrality(projection(case.affiliations), exact_limit=0, pivots=pivots, seed=seed, batch=2)

    if n > 2 and pivots > 1:
        assert not result.exact
        assert result.betweenness == pytest.approx([expected[v] for v in case.organisations], abs=1e-12)
        assert np.all(result.betweenness_error >= 0)


@ENGINE
@given(CASES)
def test_sampled_closeness_of_a_pivot_is_exact(case):
    n = case.affiliations.n_organisations
    expected = nx.closeness_centrality(case.projection)

    result = centrality(projection(case.affiliations), exact_limit=0, pivots=max(n - 1, 1), seed=1)

    for v in case.organisations:
        if result.closeness_reliable[v]:
            assert result.closeness[v] >= 0
    import random

    for pivot in random.Random(1).sample(range(n), max(n - 1, 1)):  # noqa: S311
        assert result.closeness[pivot] == pytest.approx(expected[pivot])


@ENGINE
@given(CASES)
def test_components_and_density_match_networkx(case):
    adjacency = projection(case.affiliations)

    count, labels = components(adjacency)

    assert count == nx.number_connected_components(case.projection)
    for component in nx.connected_components(case.projection):
        assert len({labels[v] for v in component}) == 1
    assert density(adjacency) == pytest.approx(nx.density(case.projection))


@ENGINE
@given(CASES)
def test_articulation_points_of_the_projection_match_networkx(case):
    expected = set(nx.articulation_points(case.projection))

    mask = articulation_points(case.affiliations)

    assert set(np.flatnonzero(mask).tolist()) == expected


@ENGINE
@given(CASES)
def test_brokers_are_cut_points_then_highest_betweenness(case):
    between = centrality(projection(case.affiliations)).betweenness

    found = brokers(case.affiliations, between, top=3)

    cut = set(nx.articulation_points(case.projection))
    assert set(found.indices.tolist()) >= cut
    assert found.indices.tolist()[: len(cut)] == sorted(cut, key=lambda v: (-between[v], v))


def test_repeated_memberships_count_once_and_add_their_weights():
    affiliations = affiliations_from_pairs(["a", "a", "b"], ["x", "x", "x"], [2.0, 3.0, 1.0])

    degree, partners, weighted = organisation_degrees(affiliations)

    assert affiliations.n_memberships == 2
    assert degree.tolist() == [1, 1]
    assert partners.tolist() == [1, 1]
    assert weighted.tolist() == [5.0, 1.0]


def test_threshold_outside_zero_to_one_is_refused():
    affiliations = affiliations_from_pairs(["a"], ["x"])

    with pytest.raises(ValueError):
        network_overlap(affiliations, min_jaccard=1.5)

"""Sampled closeness comes with a standard error that covers the exact value."""

import networkx as nx
import numpy as np
import scipy.sparse as sp

from verbond.analysis import centrality


def _adjacency(graph: nx.Graph) -> sp.csr_array:
    matrix = sp.csr_array(nx.to_scipy_sparse_array(graph, nodelist=sorted(graph), format="csr"))
    return sp.csr_array((np.ones(matrix.nnz), matrix.indices, matrix.indptr), shape=matrix.shape)


def test_sampled_closeness_reports_its_standard_error():
    graph = nx.connected_watts_strogatz_graph(200, 4, 0.05, seed=3)
    adjacency = _adjacency(graph)
    assert np.all(centrality(adjacency).closeness_error == 0)  # exact: no error
    estimates, errors = [], []

    for seed in range(60):
        sampled = centrality(adjacency, exact_limit=0, pivots=20, seed=seed)
        pivot = sampled.closeness_error == 0
        assert pivot.sum() == 20  # a pivot's own closeness is exact
        assert sampled.max_closeness_error == sampled.closeness_error.max() > 0
        estimates.append(np.where(pivot, np.nan, sampled.closeness))
        errors.append(np.where(pivot, np.nan, sampled.closeness_error))

    # The reported standard error matches the spread of the estimate over repeated samples of pivots.
    spread = np.nanstd(np.array(estimates), axis=0) / np.nanmean(np.array(errors), axis=0)
    assert 0.75 <= np.median(spread) <= 1.33


def test_closeness_error_is_missing_where_closeness_could_not_be_estimated():
    graph = nx.disjoint_union(nx.path_graph(30), nx.path_graph(3))
    adjacency = _adjacency(graph)

    sampled = centrality(adjacency, exact_limit=0, pivots=2, seed=0)

    unreliable = ~sampled.closeness_reliable
    assert np.all(np.isnan(sampled.closeness_error[unreliable]))
    assert np.all(np.isfinite(sampled.closeness_error[~unreliable]))

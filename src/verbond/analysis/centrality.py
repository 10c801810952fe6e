"""Centrality, components, density and brokers on the unweighted organisation projection.

Betweenness and closeness use Brandes' algorithm, run for a batch of sources at once as sparse
matrix products (the "algebraic" formulation of Brandes, as in GraphBLAS): the frontier of every source
in the batch is one sparse ``n × batch`` matrix, so each BFS level is a single product with the adjacency
matrix and the work stays ``O(n·m)`` overall, in compiled code.
"""

import random
from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from verbond.analysis.affiliations import Affiliations
from verbond.analysis.overlap import co_membership_matrix

EXACT_LIMIT = 5_000
DEFAULT_PIVOTS = 256


def projection(affiliations: Affiliations, co_membership: sp.csr_array | None = None) -> sp.csr_array:
    """Adjacency matrix of the unweighted organisation projection (1.0 where two share a network).

    Notes
    -----
    Same as ``networkx.bipartite.projected_graph`` on the organisation side. Dominated by ``B Bᵀ``
    unless `co_membership` is given, then ``O(nnz)``.
    """
    if co_membership is None:
        co_membership = co_membership_matrix(affiliations)
    return sp.csr_array(
        (np.ones(co_membership.nnz), co_membership.indices, co_membership.indptr), shape=co_membership.shape
    )


def components(adjacency: sp.csr_array) -> tuple[int, np.ndarray]:
    """Connected components: their number and a component label per node. ``O(n + m)``."""
    count, labels = connected_components(adjacency, directed=False)
    return int(count), labels


def density(adjacency: sp.csr_array) -> float:
    """Edge density ``2m / (n (n - 1))`` of the projection, as ``networkx.density``; 0 for n ≤ 1."""
    n = adjacency.shape[0]
    if n <= 1:
        return 0.0
    return float(adjacency.nnz) / (n * (n - 1))


@dataclass(frozen=True)
class Centrality:
    """Betweenness and closeness per organisation, with how they were computed.

    Attributes
    ----------
    betweenness, closeness : float64 arrays
        networkx's definitions with ``normalized=True`` (closeness with ``wf_improved=True``).
    exact : bool
        False when estimated from `pivots` sampled sources.
    pivots : int
        Number of BFS sources used (n when exact).
    seed : int | None
    betweenness_error : float64 array
        Standard error of each betweenness estimate (zeros when exact).
    closeness_reliable : bool array
        False where sampled closeness could not be estimated (no pivot in the node's component); the
        closeness there is NaN.
    closeness_error : float64 array
        Standard error of each sampled closeness (zeros when exact and for the pivots themselves, NaN where
        not reliable).
    """

    betweenness: np.ndarray
    closeness: np.ndarray
    exact: bool
    pivots: int
    seed: int | None
    betweenness_error: np.ndarray
    closeness_reliable: np.ndarray
    closeness_error: np.ndarray

    @property
    def max_error(self) -> float:
        """Largest standard error of a betweenness estimate."""
        return _largest(self.betweenness_error)

    @property
    def max_closeness_error(self) -> float:
        """Largest standard error of a closeness estimate."""
        return _largest(self.closeness_error)


def _largest(errors: np.ndarray) -> float:
    return float(np.nanmax(errors)) if np.any(np.isfinite(errors)) else 0.0


@dataclass
class _Accumulator:
    dependency: np.ndarray
    dependency_sq: np.ndarray
    distance_sum: np.ndarray
    distance_sq: np.ndarray
    reached_by: np.ndarray
    source_closeness: dict


def _brandes_batch(adjacency: sp.csr_array, sources: np.ndarray, acc: _Accumulator) -> None:
    n = adjacency.shape[0]
    width = len(sources)
    columns = np.arange(width)
    sigma = np.zeros((n, width))
    depth = np.full((n, width), -1, dtype=np.int32)
    sigma[sources, columns] = 1.0
    depth[sources, columns] = 0
    levels = [(sources.astype(np.int64), columns)]
    level = 0
    while True:
        rows, cols = levels[-1]
        frontier = sp.csr_array((sigma[rows, cols], (rows, cols)), shape=(n, width))
        reached = (adjacency @ frontier).tocoo()
        r, c = reached.coords
        new = depth[r, c] < 0
        if not new.any():
            break
        level += 1
        r, c = r[new].astype(np.int64), c[new]
        depth[r, c] = level
        sigma[r, c] = reached.data[new]
        levels.append((r, c))
    delta = np.zeros((n, width))
    for level in range(len(levels) - 1, 0, -1):
        rows, cols = levels[level]
        coefficient = (1.0 + delta[rows, cols]) / sigma[rows, cols]
        pulled = (adjacency @ sp.csr_array((coefficient, (rows, cols)), shape=(n, width))).tocoo()
        r, c = pulled.coords
        before = depth[r, c] == level - 1
        r, c = r[before], c[before]
        delta[r, c] += sigma[r, c] * pulled.data[before]
    delta[sources, columns] = 0.0
    acc.dependency += delta.sum(axis=1)
    acc.dependency_sq += (delta**2).sum(axis=1)
    positive = np.where(depth > 0, depth, 0)
    acc.distance_sum += positive.sum(axis=1)
    acc.distance_sq += (positive.astype(np.float64) ** 2).sum(axis=1)
    acc.reached_by += (depth > 0).sum(axis=1)
    reach = (depth >= 0).sum(axis=0)
    total = positive.sum(axis=0)
    for source, reach_count, total_distance in zip(sources, reach, total, strict=True):
        acc.source_closeness[int(source)] = (int(reach_count), int(total_distance))


def _closeness(reach: int, total_distance: float, n: int) -> float:
    # networkx.closeness_centrality with wf_improved=True: (r-1)/Σd scaled by the reachable fraction.
    if total_distance <= 0 or n <= 1:
        return 0.0
    return (reach - 1) / total_distance * (reach - 1) / (n - 1)


def centrality(
    adjacency: sp.csr_array,
    *,
    exact_limit: int = EXACT_LIMIT,
    pivots: int = DEFAULT_PIVOTS,
    seed: int = 0,
    batch: int | None = None,
) -> Centrality:
    """Betweenness and closeness of every node of an unweighted, undirected graph.

    Parameters
    ----------
    adjacency : csr_array
        Symmetric 0/1 adjacency matrix without self-loops (see `projection`).
    exact_limit : int
        Up to this many nodes the result is exact: Brandes from every node.
    pivots : int
        Above `exact_limit`, the number of BFS sources sampled uniformly without replacement. The sample
        is ``random.Random(seed).sample(range(n), pivots)``, the same nodes networkx picks for
        ``betweenness_centrality(G, k=pivots, seed=seed)`` on a graph with nodes ``0..n-1`` added in order,
        and the betweenness estimate is networkx's (so equal to it for the same seed).
    seed : int
    batch : int, optional
        Sources per sparse BFS; memory ``O(n · batch)``. By default as many as keep an ``n × batch``
        array near 40 MB (16 to 256): wider batches amortise the per-level overhead.

    Returns
    -------
    Centrality
        Betweenness normalised by ``(n-1)(n-2)`` ordered pairs (networkx ``normalized=True``,
        ``endpoints=False``); closeness ``(r-1)/Σd · (r-1)/(n-1)`` with ``r`` the nodes reachable
        (networkx ``wf_improved=True``).

    Notes
    -----
    Time ``O(s · m)`` for ``s`` sources (``s = n`` when exact) and ``m`` edges; memory ``O(m + n · batch)``.
    Sampled betweenness is unbiased; ``betweenness_error`` is the standard error of the estimate per node,
    ``scale · sqrt(k) · std(δ_p(v))`` over the k pivots. Sampled closeness of a node that is not a pivot
    uses the mean distance from the pivots in its component (Eppstein & Wang 2004) and the exact
    component size; it is NaN when no pivot falls in its component. ``closeness_error`` is its standard
    error by the delta method, ``closeness · std(d_p(v)) / (sqrt(k_v) · mean(d_p(v)))`` over the ``k_v``
    pivots that reach the node.
    """
    n = adjacency.shape[0]
    if batch is None:
        batch = max(16, min(256, 5_000_000 // max(n, 1)))
    exact = n <= exact_limit or pivots >= n
    chosen = np.arange(n) if exact else np.asarray(random.Random(seed).sample(range(n), pivots))  # noqa: S311
    acc = _Accumulator(
        dependency=np.zeros(n),
        dependency_sq=np.zeros(n),
        distance_sum=np.zeros(n),
        distance_sq=np.zeros(n),
        reached_by=np.zeros(n, dtype=np.int64),
        source_closeness={},
    )
    for start in range(0, len(chosen), batch):
        _brandes_batch(adjacency, chosen[start : start + batch], acc)
    k = len(chosen)
    betweenness = np.zeros(n)
    error = np.zeros(n)
    if n > 2:
        if exact:
            betweenness = acc.dependency / ((n - 1) * (n - 2))
        else:
            is_pivot = np.zeros(n, dtype=bool)
            is_pivot[chosen] = True
            # A pivot cannot be a source of its own dependency: it is estimated from the other k - 1.
            samples = np.where(is_pivot, k - 1, k).astype(np.float64)
            with np.errstate(divide="ignore", invalid="ignore"):
                scale = np.where(samples > 0, 1.0 / (samples * (n - 2)), np.nan)
                betweenness = acc.dependency * scale
                mean = acc.dependency / samples
                variance = (
                    np.maximum(acc.dependency_sq / samples - mean**2, 0.0)
                    * samples
                    / np.maximum(samples - 1, 1)
                )
                error = scale * np.sqrt(samples * variance)
    closeness = np.zeros(n)
    closeness_error = np.zeros(n)
    reliable = np.ones(n, dtype=bool)
    if exact:
        for source, (reach, total) in acc.source_closeness.items():
            closeness[source] = _closeness(reach, total, n)
    else:
        _count, labels = components(adjacency)
        size = np.bincount(labels)[labels]
        with np.errstate(divide="ignore", invalid="ignore"):
            estimate = np.where(
                acc.reached_by > 0, acc.reached_by / acc.distance_sum * (size - 1) / max(n - 1, 1), np.nan
            )
        closeness = np.where(size > 1, estimate, 0.0)
        # Delta method: closeness = c / mean distance, so SE(closeness) = closeness · SE(mean) / mean, with
        # SE(mean) = std(d_p(v)) / sqrt(k_v) over the k_v pivots that reached v.
        with np.errstate(divide="ignore", invalid="ignore"):
            reached = acc.reached_by.astype(np.float64)
            mean = acc.distance_sum / reached
            variance = (
                np.maximum(acc.distance_sq / reached - mean**2, 0.0) * reached / np.maximum(reached - 1, 1)
            )
            closeness_error = np.where(size > 1, closeness * np.sqrt(variance / reached) / mean, 0.0)
        for source, (reach, total) in acc.source_closeness.items():
            closeness[source] = _closeness(reach, total, n)
            closeness_error[source] = 0.0
        reliable = ~np.isnan(closeness)
        closeness_error[~reliable] = np.nan
    return Centrality(
        betweenness=betweenness,
        closeness=closeness,
        exact=exact,
        pivots=k,
        seed=None if exact else seed,
        betweenness_error=error,
        closeness_reliable=reliable,
        closeness_error=closeness_error,
    )


def articulation_points(affiliations: Affiliations) -> np.ndarray:
    """Organisations whose removal splits the organisation projection (boolean mask).

    Computed on the bipartite graph, which is far smaller than the projection: an organisation ``u`` cuts
    the projection iff at least two of the biconnected components of the affiliation graph through ``u``
    lead to another organisation — a component with a cycle always does, a bridge ``u–network`` does when
    the network has other members.

    Notes
    -----
    ``O(n + N + m)`` (Hopcroft–Tarjan via ``networkx.biconnected_components``) for ``n`` organisations,
    ``N`` networks and ``m`` memberships, instead of ``O(nnz(B Bᵀ))`` on the projection.
    """
    n = affiliations.n_organisations
    incidence = affiliations.incidence.tocoo()
    graph = nx.Graph()
    graph.add_nodes_from(range(n + affiliations.n_networks))
    graph.add_edges_from(zip(incidence.row.tolist(), (incidence.col + n).tolist(), strict=True))
    sizes = np.bincount(affiliations.incidence.indices, minlength=affiliations.n_networks)
    leading = np.zeros(n, dtype=np.int64)
    for block in nx.biconnected_components(graph):
        if len(block) == 2:
            first, second = block
            org, network = (first, second) if first < n else (second, first)
            if sizes[network - n] >= 2:
                leading[org] += 1
        else:
            members = [node for node in block if node < n]
            leading[members] += 1
    return leading >= 2


@dataclass(frozen=True)
class Brokers:
    """Organisations that hold the projection together.

    ``indices`` lists articulation points first, then the highest betweenness, each by betweenness
    (descending) and index; ``articulation`` is the per-organisation mask.
    """

    indices: np.ndarray
    articulation: np.ndarray


def brokers(affiliations: Affiliations, betweenness: np.ndarray, *, top: int = 10) -> Brokers:
    """Articulation points of the projection plus the `top` organisations by betweenness (> 0)."""
    cut = articulation_points(affiliations)
    index = np.arange(len(betweenness))
    order = np.lexsort((index, -np.nan_to_num(betweenness)))
    highest = [i for i in order[:top] if betweenness[i] > 0]
    cut_first = [i for i in order if cut[i]]
    chosen = cut_first + [i for i in highest if not cut[i]]
    return Brokers(indices=np.asarray(chosen, dtype=np.int64), articulation=cut)

"""Network overlap (Jaccard of member sets) and co-membership (the organisation projection).

Both are one sparse matrix product on the incidence matrix ``B`` (organisations × networks):
``Bᵀ B`` counts shared members of every pair of networks, ``B Bᵀ`` shared networks of every pair of
organisations. Filtering, sorting and top-k selection are vectorised over the product's nonzeros.
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from verbond.analysis.affiliations import Affiliations

_INT64_MAX = np.iinfo(np.int64).max


@dataclass(frozen=True)
class Pairs:
    """Pairs of items (networks or organisations) as parallel arrays of indices, ``a < b`` unless directed.

    ``jaccard`` is empty for co-membership pairs.
    """

    a: np.ndarray
    b: np.ndarray
    shared: np.ndarray
    jaccard: np.ndarray

    def __len__(self) -> int:
        return len(self.a)


def _rows_of(indptr: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(indptr) - 1, dtype=np.int64), np.diff(indptr))


def _network_product(affiliations: Affiliations) -> sp.csr_array:
    incidence = affiliations.incidence
    return (incidence.T.tocsr() @ incidence).tocsr()


def co_membership_matrix(affiliations: Affiliations) -> sp.csr_array:
    """Shared networks of every pair of organisations: ``B Bᵀ`` with the diagonal removed.

    Returns
    -------
    scipy.sparse.csr_array
        Symmetric ``n_organisations × n_organisations`` int32 matrix; entry ``(i, j)`` is the number of
        networks ``i`` and ``j`` both take part in; zero diagonal (not stored).

    Notes
    -----
    Time ``O(Σ_networks size²)`` (Gustavson's sparse product), memory ``O(nnz)`` of the result, i.e. the
    number of co-member pairs. This is the irreducible cost of the projection.
    """
    incidence = affiliations.incidence
    product = (incidence @ incidence.T.tocsr()).tocsr()
    product.setdiag(0)
    product.eliminate_zeros()
    product.sort_indices()
    return product


def organisation_degrees(
    affiliations: Affiliations, co_membership: sp.csr_array | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per organisation: degree (networks), distinct partners, weighted degree.

    Parameters
    ----------
    affiliations : Affiliations
    co_membership : csr_array, optional
        The result of `co_membership_matrix`, if already computed (it is the expensive part).

    Returns
    -------
    degree : int64 array
        Number of networks of each organisation.
    partners : int64 array
        Number of other organisations sharing at least one network (degree in the projection).
    weighted_degree : float64 array
        Sum of membership weights.

    Notes
    -----
    ``O(n + m)`` given the co-membership matrix, otherwise dominated by its product.
    """
    if co_membership is None:
        co_membership = co_membership_matrix(affiliations)
    degree = np.diff(affiliations.incidence.indptr).astype(np.int64)
    partners = np.diff(co_membership.indptr).astype(np.int64)
    weighted = np.asarray(affiliations.weights.sum(axis=1)).ravel().astype(np.float64)
    return degree, partners, weighted


def _top_k_by_int(
    rows: np.ndarray, cols: np.ndarray, score: np.ndarray, n_rows: int, n_cols: int, k: int
) -> np.ndarray:
    """Indices of the top-k entries per row: highest score first, then lowest column.

    One ``np.sort`` of composite int64 keys (row, -score, column) instead of a lexsort; rows with at most
    `k` entries skip the sort altogether. ``O(e log e)`` for ``e`` entries in rows longer than k.
    """
    counts = np.bincount(rows, minlength=n_rows)
    long_rows = counts > k
    selected = np.flatnonzero(~long_rows[rows])
    candidates = np.flatnonzero(long_rows[rows])
    if candidates.size == 0:
        return selected
    top = int(score[candidates].max())
    span = (top + 1) * n_cols
    if n_rows * span >= _INT64_MAX // 2:  # pragma: no cover - beyond any real country
        order = np.lexsort((cols[candidates], -score[candidates], rows[candidates]))
        ordered = candidates[order]
        ordered_rows = rows[ordered]
    else:
        keys = (
            rows[candidates] * span + (top - score[candidates].astype(np.int64)) * n_cols + cols[candidates]
        )
        # Keys are unique, so the default (SIMD-accelerated, unstable) argsort is deterministic.
        order = np.argsort(keys)
        ordered = candidates[order]
        ordered_rows = rows[ordered]
    long_counts = np.bincount(ordered_rows, minlength=n_rows)
    starts = np.cumsum(long_counts) - long_counts
    rank = np.arange(ordered.size) - starts[ordered_rows]
    return np.concatenate([selected, ordered[rank < k]])


def _top_k_by_float(
    rows: np.ndarray, cols: np.ndarray, score: np.ndarray, secondary: np.ndarray, n_rows: int, k: int
) -> np.ndarray:
    """Indices of the top-k entries per row by (score, secondary) descending, then lowest column."""
    counts = np.bincount(rows, minlength=n_rows)
    long_rows = counts > k
    selected = np.flatnonzero(~long_rows[rows])
    candidates = np.flatnonzero(long_rows[rows])
    if candidates.size == 0:
        return selected
    order = np.lexsort((cols[candidates], -secondary[candidates], -score[candidates], rows[candidates]))
    ordered = candidates[order]
    ordered_rows = rows[ordered]
    long_counts = np.bincount(ordered_rows, minlength=n_rows)
    starts = np.cumsum(long_counts) - long_counts
    rank = np.arange(ordered.size) - starts[ordered_rows]
    return np.concatenate([selected, ordered[rank < k]])


def _sorted_pairs(a: np.ndarray, b: np.ndarray, shared: np.ndarray, jaccard: np.ndarray | None) -> Pairs:
    if jaccard is None:
        order = np.lexsort((b, a, -shared))
        return Pairs(a=a[order], b=b[order], shared=shared[order], jaccard=np.empty(0))
    order = np.lexsort((b, a, -shared, -jaccard))
    return Pairs(a=a[order], b=b[order], shared=shared[order], jaccard=jaccard[order])


def network_overlap(affiliations: Affiliations, *, min_jaccard: float = 0.5) -> Pairs:
    """Every pair of networks whose member sets have Jaccard similarity ≥ `min_jaccard`.

    Parameters
    ----------
    affiliations : Affiliations
    min_jaccard : float
        Threshold in [0, 1]. With 0, every pair sharing at least one member.

    Returns
    -------
    Pairs
        ``a < b`` network indices, ``shared`` members and ``jaccard = shared / (|a| + |b| - shared)``,
        sorted by jaccard, then shared (both descending), then ``a``, ``b``.

    Notes
    -----
    Time ``O(Σ_organisations degree²)`` for the product ``Bᵀ B`` plus ``O(nnz)`` to filter it; memory
    ``O(nnz(Bᵀ B))``. Pairs sharing no member have Jaccard 0 and never appear.
    """
    if not 0.0 <= min_jaccard <= 1.0:
        raise ValueError("min_jaccard must be between 0 and 1")
    product = _network_product(affiliations)
    size = _network_sizes(affiliations)
    rows = _rows_of(product.indptr)
    cols = product.indices
    upper = rows < cols
    a, b, shared = rows[upper], cols[upper].astype(np.int64), product.data[upper].astype(np.int64)
    jaccard = shared / (size[a] + size[b] - shared)
    keep = jaccard >= min_jaccard
    return _sorted_pairs(a[keep], b[keep], shared[keep], jaccard[keep])


def _network_sizes(affiliations: Affiliations) -> np.ndarray:
    return np.bincount(affiliations.incidence.indices, minlength=affiliations.n_networks).astype(np.int64)


def network_top_k(affiliations: Affiliations, *, k: int = 10, min_jaccard: float = 0.0) -> Pairs:
    """The `k` most similar networks of each network (by Jaccard, then shared members, then index).

    Returns
    -------
    Pairs
        Directed: ``a`` is the network, ``b`` one of its top-k neighbours (``a != b``); sorted like
        `network_overlap`. A network sharing members with fewer than `k` others lists all of them.

    Notes
    -----
    Time: the product ``Bᵀ B`` plus ``O(e log e)`` for the ``e`` entries in rows longer than ``k``.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    product = _network_product(affiliations)
    product.setdiag(0)
    product.eliminate_zeros()
    size = _network_sizes(affiliations)
    rows = _rows_of(product.indptr)
    cols = product.indices.astype(np.int64)
    shared = product.data.astype(np.int64)
    jaccard = shared / (size[rows] + size[cols] - shared)
    if min_jaccard > 0:
        keep = jaccard >= min_jaccard
        rows, cols, shared, jaccard = rows[keep], cols[keep], shared[keep], jaccard[keep]
    chosen = _top_k_by_float(rows, cols, jaccard, shared, affiliations.n_networks, k)
    return _sorted_pairs(rows[chosen], cols[chosen], shared[chosen], jaccard[chosen])


def co_membership(
    affiliations: Affiliations, *, top: int | None = None, matrix: sp.csr_array | None = None
) -> Pairs:
    """Pairs of organisations sharing at least one network, with the number of shared networks.

    Parameters
    ----------
    affiliations : Affiliations
    top : int, optional
        Keep, per organisation, only its `top` partners with most shared networks (ties: lowest index);
        a pair is kept when it is in the top list of either organisation.
    matrix : csr_array, optional
        `co_membership_matrix(affiliations)` if already computed.

    Returns
    -------
    Pairs
        ``a < b`` organisation indices and ``shared``, sorted by shared (descending), then ``a``, ``b``.

    Notes
    -----
    Time: the product ``B Bᵀ`` (``O(Σ_networks size²)``) plus one sort of the kept pairs; the top-k
    selection sorts only the entries of organisations with more than `top` partners.
    """
    if matrix is None:
        matrix = co_membership_matrix(affiliations)
    n = affiliations.n_organisations
    rows = _rows_of(matrix.indptr)
    cols = matrix.indices.astype(np.int64)
    shared = matrix.data
    if top is None:
        upper = rows < cols
        return _sorted_pairs(rows[upper], cols[upper], shared[upper].astype(np.int64), None)
    if top < 1:
        raise ValueError("top must be at least 1")
    chosen = _top_k_by_int(rows, cols, shared, n, n, top)
    a = np.minimum(rows[chosen], cols[chosen])
    b = np.maximum(rows[chosen], cols[chosen])
    keys, first = np.unique(a * n + b, return_index=True)
    values = shared[chosen][first].astype(np.int64)
    return _sorted_pairs(keys // n, keys % n, values, None)

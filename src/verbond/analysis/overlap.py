"""Network overlap (Jaccard of member sets) and co-membership (the organisation projection).

Both are one sparse matrix product on the incidence matrix ``B`` (organisations × networks):
``Bᵀ B`` counts shared members of every pair of networks, ``B Bᵀ`` shared networks of every pair of
organisations. Filtering, sorting and top-k selection are vectorised over the product's nonzeros.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from verbond.analysis.affiliations import Affiliations


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
    return product


def organisation_degrees(
    affiliations: Affiliations,
    co_membership: sp.csr_array | None = None,
    *,
    partners: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per organisation: degree (networks), distinct partners, weighted degree.

    Parameters
    ----------
    affiliations : Affiliations
    co_membership : csr_array, optional
        The result of `co_membership_matrix`, or the `projection` (same pattern), if already computed (it is
        the expensive part).
    partners : int64 array, optional
        Partner counts from `co_membership_top`, if already computed.

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
    if partners is None:
        if co_membership is None:
            co_membership = co_membership_matrix(affiliations)
        partners = np.diff(co_membership.indptr).astype(np.int64)
    degree = np.diff(affiliations.incidence.indptr).astype(np.int64)
    weighted = np.asarray(affiliations.weights.sum(axis=1)).ravel().astype(np.float64)
    return degree, partners, weighted


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Concatenated ``range(start, start + length)`` for each pair, and the pair each index came from."""
    owner = np.repeat(np.arange(len(starts)), lengths)
    offsets = np.cumsum(lengths) - lengths
    return np.arange(int(lengths.sum())) - offsets[owner] + starts[owner], owner


def _top_k_chunk(chunk: sp.csr_array, offset: int, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Top-k entries of each row of a block of co-membership rows: most shared first, then lowest column.

    Most pairs share exactly one network. A row's top k holds at most k of those — the ones with the lowest
    columns, which lie among its first ``k + (entries > 1)`` entries once columns are sorted — so only
    those ranges and the entries above 1 become candidates; one sort of composite int64 keys
    ``(row, -shared, column)`` over the candidates finishes the job. ``O(e)`` for ``e`` entries (the column
    sort and one comparison) plus ``O(c log c)`` for ``c ≤ rows·k + (entries > 1)`` candidates.
    """
    chunk.sort_indices()
    indptr = chunk.indptr.astype(np.int64)
    lengths = np.diff(indptr)
    several = np.flatnonzero(chunk.data > 1)
    several_rows = np.searchsorted(indptr, several, side="right") - 1
    several_per_row = np.bincount(several_rows, minlength=len(lengths))
    first, first_rows = _ranges(indptr[:-1], np.minimum(lengths, k + several_per_row))
    single = chunk.data[first] == 1
    candidates = np.concatenate([several, first[single]])
    rows = np.concatenate([several_rows, first_rows[single]])
    if candidates.size == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty
    cols = chunk.indices[candidates].astype(np.int64)
    score = chunk.data[candidates].astype(np.int64)
    n_cols = chunk.shape[1]
    top = int(score.max())
    span = (top + 1) * n_cols
    keys = np.sort(rows * span + (top - score) * n_cols + cols)
    rows = keys // span
    score = top - (keys % span) // n_cols
    cols = keys % n_cols
    counts = np.bincount(rows, minlength=chunk.shape[0])
    starts = np.cumsum(counts) - counts
    chosen = np.arange(len(keys)) - starts[rows] < k
    return rows[chosen] + offset, cols[chosen], score[chosen]


def _row_blocks(weights: np.ndarray, budget: int) -> list[tuple[int, int]]:
    """Consecutive row ranges whose summed weight stays near `budget` (at least one row each)."""
    bounds = np.searchsorted(
        np.cumsum(weights), np.arange(budget, int(weights.sum()) + budget, budget), side="right"
    )
    edges = np.unique(np.concatenate(([0], np.minimum(bounds, len(weights)), [len(weights)])))
    return [(int(lo), int(hi)) for lo, hi in zip(edges[:-1], edges[1:], strict=True) if hi > lo]


def _pairs_from_directed(a: np.ndarray, b: np.ndarray, shared: np.ndarray, n: int) -> Pairs:
    low, high = np.minimum(a, b), np.maximum(a, b)
    keys, first = np.unique(low * n + high, return_index=True)
    return _sorted_pairs(keys // n, keys % n, shared[first], None)


def co_membership_top(
    affiliations: Affiliations, *, top: int, block_work: int = 20_000_000, threads: int = 2
) -> tuple[Pairs, np.ndarray]:
    """Top partners of every organisation and its number of partners, without the whole projection in memory.

    Streams ``B Bᵀ`` in blocks of organisations (each block ``B[rows] Bᵀ``, about `block_work` scalar
    products), keeps each block's top-`top` pairs and partner counts, and drops the rest. SciPy's sparse
    product releases the GIL, so `threads` blocks run at once.

    Returns
    -------
    pairs : Pairs
        As `co_membership` with ``top``.
    partners : int64 array
        Distinct partners per organisation.

    Notes
    -----
    Same time as ``B Bᵀ`` (``O(Σ_networks size²)``), memory ``O(block + n·top)`` instead of ``O(nnz(B Bᵀ))``.
    """
    pairs, partners, _pattern = _stream_co_membership(
        affiliations, top=top, block_work=block_work, threads=threads, keep_pattern=False
    )
    return pairs, partners


def co_membership_top_with_projection(
    affiliations: Affiliations, *, top: int, block_work: int = 20_000_000, threads: int = 2
) -> tuple[Pairs, np.ndarray, sp.csr_array]:
    """`co_membership_top` plus the unweighted projection's adjacency, in the same single pass over ``B Bᵀ``.

    Returns
    -------
    pairs, partners
        As `co_membership_top`.
    adjacency : scipy.sparse.csr_array
        Symmetric float64 0/1 matrix, as `verbond.analysis.projection` (what centrality needs).

    Notes
    -----
    Each block keeps only its column indices; the counts of shared networks (int32, as big as the pattern)
    and the sort of every pair are never materialised. Memory ``O(nnz(B Bᵀ))`` for the adjacency itself
    (12 bytes per entry), about half the peak of `co_membership_matrix` followed by `projection`.
    """
    pairs, partners, pattern = _stream_co_membership(
        affiliations, top=top, block_work=block_work, threads=threads, keep_pattern=True
    )
    if pattern is None:  # keep_pattern=True always returns one
        raise RuntimeError("the co-membership pass kept no pattern")
    return pairs, partners, pattern


def _stream_co_membership(
    affiliations: Affiliations, *, top: int, block_work: int, threads: int, keep_pattern: bool
) -> tuple[Pairs, np.ndarray, sp.csr_array | None]:
    if top < 1:
        raise ValueError("top must be at least 1")
    incidence = affiliations.incidence
    transposed = incidence.T.tocsr()
    sizes = _network_sizes(affiliations)
    work = incidence @ sizes
    n = affiliations.n_organisations
    partners = np.zeros(n, dtype=np.int64)

    def run(bounds: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
        lo, hi = bounds
        block = (incidence[lo:hi] @ transposed).tocsr()
        block.setdiag(0, k=lo)
        block.eliminate_zeros()
        partners[lo:hi] = np.diff(block.indptr)
        a, b, shared = _top_k_chunk(block, lo, top)
        # _top_k_chunk sorted the block's indices, so the pattern comes out canonical.
        pattern = np.asarray(block.indices, dtype=np.int32) if keep_pattern else None
        return a, b, shared, pattern

    blocks = _row_blocks(work, block_work)
    if threads > 1 and len(blocks) > 1:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            found = list(pool.map(run, blocks))
    else:
        found = [run(bounds) for bounds in blocks]
    a, b, shared = (np.concatenate(parts) for parts in list(zip(*found, strict=True))[:3])
    adjacency = None
    if keep_pattern:
        indices = np.concatenate([part[3] for part in found]) if found else np.empty(0, dtype=np.int32)
        del found
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(partners, out=indptr[1:])
        if indptr[-1] < np.iinfo(np.int32).max:
            indptr = indptr.astype(np.int32)
        adjacency = sp.csr_array((np.ones(len(indices)), indices, indptr), shape=(n, n))
        adjacency.has_sorted_indices = True
    return _pairs_from_directed(a, b, shared, n), partners, adjacency


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


def network_overlap(
    affiliations: Affiliations, *, min_jaccard: float = 0.5, verify_batch: int = 2_000_000
) -> Pairs:
    """Every pair of networks whose member sets have Jaccard similarity ≥ `min_jaccard`.

    Parameters
    ----------
    affiliations : Affiliations
    min_jaccard : float
        Threshold in [0, 1]. With 0, every pair sharing at least one member.
    verify_batch : int
        Candidate pairs verified per batch (bounds memory).

    Returns
    -------
    Pairs
        ``a < b`` network indices, ``shared`` members and ``jaccard = shared / (|a| + |b| - shared)``,
        sorted by jaccard, then shared (both descending), then ``a``, ``b``.

    Notes
    -----
    With a threshold ``t > 0`` this uses prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007):
    order organisations from rarest to most common; two networks can only reach ``J ≥ t`` if they share an
    organisation among the first ``|x| - ⌈t·|x|⌉ + 1`` members of either. Candidates are the nonzeros of
    ``Pᵀ P`` for the prefix incidence ``P`` — umbrella bodies sit at the end of every order, so they drop out
    of the product — then a length filter and an exact count of shared members per candidate.
    Time ``O(Σ_organisations prefix-degree² + Σ_candidates (|a| + |b|))``; without a threshold
    ``O(Σ_organisations degree²)`` for the full product ``Bᵀ B``. The result is exact either way.
    """
    if not 0.0 <= min_jaccard <= 1.0:
        raise ValueError("min_jaccard must be between 0 and 1")
    size = _network_sizes(affiliations)
    if min_jaccard == 0.0:
        product = _network_product(affiliations)
        rows = _rows_of(product.indptr)
        cols = product.indices
        upper = rows < cols
        a, b, shared = rows[upper], cols[upper].astype(np.int64), product.data[upper].astype(np.int64)
        jaccard = shared / (size[a] + size[b] - shared)
        return _sorted_pairs(a, b, shared, jaccard)
    members = affiliations.incidence.T.tocsr()  # networks × organisations
    degree = np.diff(affiliations.incidence.indptr)
    rank = np.empty(len(degree), dtype=members.indices.dtype)
    rank[np.lexsort((np.arange(len(degree)), degree))] = np.arange(len(degree), dtype=rank.dtype)
    ranked = sp.csr_array((members.data, rank[members.indices], members.indptr), shape=members.shape)
    ranked.sort_indices()
    # A longer prefix is always safe, so round the overlap bound down a hair against float error.
    prefix = size - np.ceil(min_jaccard * size - 1e-9).astype(np.int64) + 1
    rows = _rows_of(ranked.indptr)
    position = np.arange(ranked.nnz) - ranked.indptr[rows]
    keep = position < prefix[rows]
    prefix_matrix = sp.csr_array(
        (np.ones(int(keep.sum()), dtype=np.int32), (rows[keep], ranked.indices[keep])), shape=ranked.shape
    )
    del rows, position, keep
    candidates = sp.triu(prefix_matrix @ prefix_matrix.T.tocsr(), k=1).tocoo()
    a, b = candidates.row.astype(np.int64), candidates.col.astype(np.int64)
    del candidates
    small, large = np.minimum(size[a], size[b]), np.maximum(size[a], size[b])
    plausible = small >= min_jaccard * large - 1e-9
    a, b = a[plausible], b[plausible]
    shared = np.empty(len(a), dtype=np.int64)
    for start in range(0, len(a), verify_batch):
        stop = start + verify_batch
        both = members[a[start:stop]].multiply(members[b[start:stop]])
        shared[start:stop] = np.diff(sp.csr_array(both).indptr)
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
    if matrix is None and top is not None:
        return co_membership_top(affiliations, top=top)[0]
    if matrix is None:
        matrix = co_membership_matrix(affiliations)
    n = affiliations.n_organisations
    if top is None:
        upper = sp.triu(matrix, k=1).tocoo()
        return _sorted_pairs(
            upper.row.astype(np.int64), upper.col.astype(np.int64), upper.data.astype(np.int64), None
        )
    if top < 1:
        raise ValueError("top must be at least 1")
    found = [
        _top_k_chunk(matrix[lo:hi], lo, top) for lo, hi in _row_blocks(np.diff(matrix.indptr), 5_000_000)
    ]
    a, b, shared = (np.concatenate(parts) for parts in zip(*found, strict=True))
    return _pairs_from_directed(a, b, shared, n)

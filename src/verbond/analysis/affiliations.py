"""The organisation × network incidence matrix, built once from (organisation, network[, weight]) rows or a matrix."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class Affiliations:
    """Who takes part in what.

    Attributes
    ----------
    organisations, networks : numpy.ndarray
        Labels; row ``i`` of `incidence` is ``organisations[i]``, column ``j`` is ``networks[j]``.
    incidence : scipy.sparse.csr_array
        Binary ``n_organisations × n_networks`` matrix (int32, 1 = member), sorted indices, no duplicates.
    weights : scipy.sparse.csr_array
        Same pattern as `incidence`, float64: the weight of each membership (1.0 when none was given;
        repeated rows are summed).
    """

    organisations: np.ndarray
    networks: np.ndarray
    incidence: sp.csr_array
    weights: sp.csr_array

    @property
    def n_organisations(self) -> int:
        return self.incidence.shape[0]

    @property
    def n_networks(self) -> int:
        return self.incidence.shape[1]

    @property
    def n_memberships(self) -> int:
        return int(self.incidence.nnz)


def affiliations_from_pairs(
    organisations: Sequence | np.ndarray,
    networks: Sequence | np.ndarray,
    weights: Sequence[float] | np.ndarray | None = None,
) -> Affiliations:
    """Encode parallel columns of labels as a sparse incidence matrix.

    Parameters
    ----------
    organisations, networks : sequence of hashable labels (str or int), equal length
        One row per membership. Repeated (organisation, network) rows are one membership.
    weights : sequence of float, optional
        Weight of each row (e.g. hours); repeated rows add up. Defaults to 1.0 per row.

    Returns
    -------
    Affiliations
        Labels are sorted (``numpy.unique`` order), so the same input always gives the same indices.

    Notes
    -----
    ``O(m log m)`` time for ``m`` rows (the label sort), ``O(m)`` memory.
    """
    org_labels, org_index = np.unique(np.asarray(organisations), return_inverse=True)
    net_labels, net_index = np.unique(np.asarray(networks), return_inverse=True)
    if len(org_index) != len(net_index):
        raise ValueError("organisations and networks must have the same length")
    values = np.ones(len(org_index)) if weights is None else np.asarray(weights, dtype=np.float64)
    if len(values) != len(org_index):
        raise ValueError("weights must have the same length as organisations")
    shape = (len(org_labels), len(net_labels))
    weight_matrix = sp.csr_array((values, (org_index, net_index)), shape=shape)
    weight_matrix.sum_duplicates()
    incidence = sp.csr_array(
        (np.ones(weight_matrix.nnz, dtype=np.int32), weight_matrix.indices, weight_matrix.indptr), shape=shape
    )
    return Affiliations(
        organisations=org_labels, networks=net_labels, incidence=incidence, weights=weight_matrix
    )


def _sorted_labels(labels: Sequence | np.ndarray, size: int, what: str) -> tuple[np.ndarray, np.ndarray]:
    values = np.asarray(labels)
    if values.ndim != 1 or len(values) != size:
        raise ValueError(f"{what} labels must be one per {'row' if what == 'organisation' else 'column'}")
    ordered, order = np.unique(values, return_index=True)
    if len(ordered) != len(values):
        raise ValueError(f"{what} labels must be unique")
    return ordered, order


def affiliations_from_incidence(
    matrix: sp.sparray | sp.spmatrix | np.ndarray,
    organisation_labels: Sequence | np.ndarray,
    network_labels: Sequence | np.ndarray,
    weights: sp.sparray | sp.spmatrix | np.ndarray | None = None,
) -> Affiliations:
    """Affiliations from an ``n_organisations × n_networks`` incidence matrix (scipy sparse or dense).

    Parameters
    ----------
    matrix : scipy sparse matrix/array or 2-D array
        Every nonzero entry ``(i, j)`` is a membership of organisation ``i`` in network ``j``; its value is
        otherwise ignored.
    organisation_labels, network_labels : sequence of unique hashable labels (str or int)
        One per row and one per column of `matrix`.
    weights : same shape as `matrix`, optional
        The weight of each membership is read at its position (e.g. hours); defaults to 1.0 each. A zero
        weight keeps the membership.

    Returns
    -------
    Affiliations
        Exactly what `affiliations_from_pairs` gives for the same memberships: labels sorted (``numpy.unique``
        order) and rows and columns permuted to match, so results and their tie-breaks are the same.

    Notes
    -----
    ``O(m + n log n + N log N)`` for ``m`` nonzeros, ``n`` organisations and ``N`` networks; no Python loop
    over memberships.
    """
    pattern = sp.csr_array(matrix)
    if pattern.ndim != 2:
        raise ValueError("matrix must be two-dimensional")
    org_labels, org_order = _sorted_labels(organisation_labels, pattern.shape[0], "organisation")
    net_labels, net_order = _sorted_labels(network_labels, pattern.shape[1], "network")
    pattern = sp.csr_array(pattern[org_order][:, net_order])
    pattern.sum_duplicates()
    pattern.eliminate_zeros()
    pattern.sort_indices()
    shape = pattern.shape
    if weights is None:
        values = np.ones(pattern.nnz)
    else:
        weight_source = sp.csr_array(weights)
        if weight_source.shape != shape:
            raise ValueError("weights must have the same shape as matrix")
        weight_source = sp.csr_array(weight_source[org_order][:, net_order])
        rows = np.repeat(np.arange(shape[0]), np.diff(pattern.indptr))
        values = np.asarray(weight_source[rows, pattern.indices], dtype=np.float64).ravel()
    weight_matrix = sp.csr_array((values, pattern.indices.copy(), pattern.indptr.copy()), shape=shape)
    incidence = sp.csr_array(
        (np.ones(pattern.nnz, dtype=np.int32), weight_matrix.indices, weight_matrix.indptr), shape=shape
    )
    return Affiliations(
        organisations=org_labels, networks=net_labels, incidence=incidence, weights=weight_matrix
    )

"""The organisation × network incidence matrix, built once from (organisation, network[, weight]) rows."""

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

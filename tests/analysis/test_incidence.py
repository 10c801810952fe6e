"""Affiliations from a scipy sparse incidence matrix are the same as from the pairs it holds."""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from verbond.analysis import affiliations_from_incidence, affiliations_from_pairs, analyse


@st.composite
def memberships(draw):
    n_orgs, n_nets = draw(st.integers(1, 9)), draw(st.integers(1, 7))
    cells = sorted(
        draw(st.sets(st.tuples(st.integers(0, n_orgs - 1), st.integers(0, n_nets - 1)), min_size=1))
    )
    # Pairs only know organisations and networks with a membership: keep just the rows and columns used.
    used_rows = sorted({r for r, _ in cells})
    used_cols = sorted({c for _, c in cells})
    cells = [(used_rows.index(r), used_cols.index(c)) for r, c in cells]
    n_orgs, n_nets = len(used_rows), len(used_cols)
    weights = draw(st.lists(st.integers(1, 20), min_size=len(cells), max_size=len(cells)))
    # Labels in a shuffled order, so the matrix is not already in the sorted order pairs produce.
    org_labels = draw(st.permutations([f"org{i}" for i in range(n_orgs)]))
    net_labels = draw(st.permutations(list(range(100, 100 + n_nets))))
    return n_orgs, n_nets, cells, [float(w) for w in weights], org_labels, net_labels


def _same(first, second):
    assert first.organisations.tolist() == second.organisations.tolist()
    assert first.networks.tolist() == second.networks.tolist()
    for attribute in ("incidence", "weights"):
        one, other = getattr(first, attribute), getattr(second, attribute)
        assert one.dtype == other.dtype
        assert one.indptr.tolist() == other.indptr.tolist()
        assert one.indices.tolist() == other.indices.tolist()
        assert one.data.tolist() == other.data.tolist()


@settings(max_examples=60, deadline=None)
@given(memberships(), st.sampled_from(["csr", "csc", "coo", "dense"]))
def test_incidence_matrix_gives_the_same_affiliations_and_report_as_its_pairs(case, layout):
    n_orgs, n_nets, cells, weights, org_labels, net_labels = case
    rows, cols = [r for r, _ in cells], [c for _, c in cells]
    marks = sp.coo_array((np.full(len(cells), 7), (rows, cols)), shape=(n_orgs, n_nets))
    hours = sp.coo_array((weights, (rows, cols)), shape=(n_orgs, n_nets))
    convert = {"csr": sp.csr_array, "csc": sp.csc_array, "coo": sp.coo_array, "dense": lambda m: m.toarray()}

    from_matrix = affiliations_from_incidence(
        convert[layout](marks), org_labels, net_labels, weights=convert[layout](hours)
    )

    from_pairs = affiliations_from_pairs(
        [org_labels[r] for r in rows], [net_labels[c] for c in cols], weights
    )
    _same(from_matrix, from_pairs)
    assert analyse(from_matrix, top=2, min_jaccard=0.3).to_dict() == analyse(
        from_pairs, top=2, min_jaccard=0.3
    ).to_dict()
    unweighted = affiliations_from_incidence(convert[layout](marks), org_labels, net_labels)
    _same(unweighted, affiliations_from_pairs([org_labels[r] for r in rows], [net_labels[c] for c in cols]))


def test_explicit_zeros_are_not_memberships_and_empty_rows_stay_as_organisations():
    matrix = sp.csr_array(
        (np.array([1, 0, 1]), np.array([0, 1, 1]), np.array([0, 2, 3, 3])), shape=(3, 2)
    )

    affiliations = affiliations_from_incidence(matrix, ["a", "b", "c"], ["x", "y"])

    assert affiliations.n_memberships == 2
    assert affiliations.n_organisations == 3
    assert analyse(affiliations).components == 3


@pytest.mark.parametrize(
    ("organisations", "networks", "message"),
    [(["a"], ["x", "y"], "one per row"), (["a", "a"], ["x", "y"], "unique"), (["a", "b"], ["x"], "one per")],
)
def test_labels_must_fit_the_matrix(organisations, networks, message):
    with pytest.raises(ValueError, match=message):
        affiliations_from_incidence(sp.csr_array(np.eye(2)), organisations, networks)

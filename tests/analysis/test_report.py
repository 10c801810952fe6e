"""`analyse()`: with `top` it streams the projection once and gives the same report as the whole matrix."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis.strategies import bipartite_cases
from verbond.analysis import (
    analyse,
    co_membership,
    co_membership_matrix,
    co_membership_top_with_projection,
    projection,
)
from verbond.analysis import report as report_module

ENGINE = settings(max_examples=60, deadline=None)


@ENGINE
@given(bipartite_cases(), st.integers(1, 4), st.integers(1, 30))
def test_streamed_projection_equals_the_projection_of_the_whole_matrix(case, top, block_work):
    matrix = co_membership_matrix(case.affiliations)

    pairs, partners, adjacency = co_membership_top_with_projection(
        case.affiliations, top=top, block_work=block_work
    )

    expected = projection(case.affiliations, matrix)
    assert adjacency.shape == expected.shape
    assert adjacency.dtype == np.float64
    assert (adjacency != expected).nnz == 0
    assert partners.tolist() == np.diff(expected.indptr).tolist()
    whole = co_membership(case.affiliations, top=top, matrix=matrix)
    assert (pairs.a.tolist(), pairs.b.tolist(), pairs.shared.tolist()) == (
        whole.a.tolist(),
        whole.b.tolist(),
        whole.shared.tolist(),
    )


@ENGINE
@given(bipartite_cases(), st.integers(1, 4))
def test_analyse_with_top_reports_what_the_whole_matrix_gives(case, top):
    streamed = analyse(case.affiliations, top=top, min_jaccard=0.3).to_dict()

    matrix = co_membership_matrix(case.affiliations)
    whole = co_membership(case.affiliations, top=top, matrix=matrix)
    labels = case.affiliations.organisations
    assert streamed["co_membership"] == [
        {"a": labels[a].item(), "b": labels[b].item(), "shared": int(s)}
        for a, b, s in zip(whole.a, whole.b, whole.shared, strict=True)
    ]
    everything = analyse(case.affiliations, min_jaccard=0.3).to_dict()
    for key in ("density", "components", "organisations_table", "brokers", "network_overlap"):
        assert streamed[key] == everything[key]


def test_analyse_with_top_never_builds_the_whole_co_membership_matrix(monkeypatch):
    from verbond.analysis import affiliations_from_pairs

    affiliations = affiliations_from_pairs(["a", "b", "b", "c"], ["x", "x", "y", "y"])

    def refuse(*args, **kwargs):
        raise AssertionError("the whole co-membership matrix was built")

    monkeypatch.setattr(report_module, "co_membership_matrix", refuse)
    report = analyse(affiliations, top=1)

    assert report.partners.tolist() == [1, 2, 1]
    assert report.components == 1
    with pytest.raises(AssertionError, match="whole"):
        analyse(affiliations)

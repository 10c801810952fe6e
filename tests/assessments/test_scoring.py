"""The maths on hand-computed examples (no database)."""

import math

import pytest

from verbond.assessments import scoring


def test_mean_spread_and_agreement_of_a_close_group():
    scores = [4, 4, 5, 5]

    # mean 4.5; s² = (4 × 0.25) / 3 = 1/3; r_wg = 1 - (1/3) / 2 = 5/6
    assert scoring.mean(scores) == 4.5
    assert scoring.sample_variance(scores) == pytest.approx(1 / 3)
    assert scoring.spread(scores) == pytest.approx(math.sqrt(1 / 3))
    assert scoring.agreement(scores) == pytest.approx(5 / 6)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([3, 3, 3], 1.0),  # everyone the same: full agreement
        ([3, 4, 5], 0.5),  # s² = 1, so 1 - 1/2
        ([2, 4], 0.0),  # s² = 2 equals the uniform null: no more agreement than chance
        ([1, 5, 1, 5], 0.0),  # s² = 16/3 > 2: polarised, truncated to 0
        ([1, 2, 3, 4, 5], 0.0),  # s² = 2.5
        ([2, 2, 3, 3], pytest.approx(1 - (1 / 3) / 2)),
    ],
)
def test_agreement_is_r_wg_against_a_uniform_null(scores, expected):
    assert scoring.agreement(scores) == expected


def test_uniform_null_variance_of_a_five_point_scale_is_two():
    assert scoring.UNIFORM_NULL_VARIANCE == 2.0


@pytest.mark.parametrize("scores", [[], [4]])
def test_fewer_than_two_scores_have_no_spread_or_agreement(scores):
    assert scoring.spread(scores) is None
    assert scoring.agreement(scores) is None


def test_weighted_mean_uses_weights_and_skips_missing_values():
    # (4 × 2 + 1 × 1) / 3 = 3; the missing value and the zero weight are left out
    assert scoring.weighted_mean([(4, 2), (1, 1), (None, 5), (5, 0)]) == 3.0
    assert scoring.weighted_mean([(None, 1)]) is None
    assert scoring.mean([]) is None

from decimal import Decimal

import pytest

from verbond.outcomes.progress import is_moving_towards_target, progress_percentage

D = Decimal


@pytest.mark.parametrize(
    ("baseline", "target", "value", "direction", "expected"),
    [
        ("40", "80", "60", "higher", 50),
        ("40", "80", "40", "higher", 0),
        ("40", "80", "30", "higher", 0),  # worse than baseline: clamped to 0
        ("40", "80", "80", "higher", 100),  # target reached
        ("40", "80", "95", "higher", 100),  # beyond target: clamped to 100
        ("120", "60", "90", "lower", 50),
        ("120", "60", "60", "lower", 100),
        ("120", "60", "50", "lower", 100),
        ("120", "60", "130", "lower", 0),
        ("120", "60", "105", "lower", 25),
    ],
)
def test_progress_is_share_of_the_distance_covered_in_both_directions(baseline, target, value, direction, expected):
    result = progress_percentage(baseline=D(baseline), target=D(target), value=D(value), direction=direction)

    assert result == expected


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [("10", "higher", 100), ("11", "higher", 100), ("9", "higher", 0), ("10", "lower", 100), ("11", "lower", 0)],
)
def test_progress_when_baseline_equals_target_is_all_or_nothing(value, direction, expected):
    result = progress_percentage(baseline=D(10), target=D(10), value=D(value), direction=direction)

    assert result == expected


def test_progress_without_a_measurement_is_unknown():
    assert progress_percentage(baseline=D(1), target=D(2), value=None, direction="higher") is None


@pytest.mark.parametrize(
    ("values", "direction", "expected"),
    [
        ([], "higher", False),
        (["45"], "higher", True),  # better than the baseline
        (["35"], "higher", False),
        (["50", "55"], "higher", True),
        (["55", "50"], "higher", False),
        (["55", "55"], "higher", False),
        (["80", "80"], "higher", True),  # at the target counts as moving
        (["35", "30"], "lower", True),
        (["30", "35"], "lower", False),
    ],
)
def test_moving_towards_target_compares_the_latest_value_with_the_one_before(values, direction, expected):
    baseline, target = (D(40), D(80)) if direction == "higher" else (D(40), D(20))

    result = is_moving_towards_target(baseline=baseline, target=target, direction=direction, values=[D(v) for v in values])

    assert result is expected

"""The arithmetic of an assessment: mean, spread, agreement and weighted mean. Plain numbers in, numbers out.

Agreement index: r_wg against a uniform null distribution (James, Demaree & Wolf 1984)
----------------------------------------------------------------------------------------
For one criterion answered on a scale with A options (here A = 5):

    r_wg = 1 - s² / σ²_EU,   σ²_EU = (A² - 1) / 12 = 2.0

where s² is the sample variance (divisor n - 1) of the scores and σ²_EU the variance a group would have if
everyone answered at random (a uniform distribution over the A options). r_wg is 1 when everyone gives the
same score and 0 when the answers are as spread as chance. Answers more polarised than chance (s² > σ²_EU)
give a negative value, which is truncated to 0 as is customary. With fewer than two scores there is no
agreement to measure, so the index is None. "Don't know" answers are left out of every figure.

Worked example: scores 4, 4, 5, 5 have mean 4.5 and s² = (4 × 0.25) / 3 = 1/3, so r_wg = 1 - (1/3)/2 = 5/6.
Scores 1, 5, 1, 5 have s² = 16/3 > 2, so r_wg = 0. A value of 0.7 or more is conventionally read as agreement.

Spread is the sample standard deviation (√s²). Complexity of every function: O(n).
"""

import math
from collections.abc import Sequence

SCALE_OPTIONS = 5
UNIFORM_NULL_VARIANCE = (SCALE_OPTIONS**2 - 1) / 12


def mean(scores: Sequence[float]) -> float | None:
    """Arithmetic mean, None for no scores."""
    return sum(scores) / len(scores) if scores else None


def sample_variance(scores: Sequence[float]) -> float | None:
    """Variance with divisor n - 1; None below two scores."""
    if len(scores) < 2:
        return None
    centre = sum(scores) / len(scores)
    return sum((score - centre) ** 2 for score in scores) / (len(scores) - 1)


def spread(scores: Sequence[float]) -> float | None:
    """Sample standard deviation; None below two scores."""
    variance = sample_variance(scores)
    return math.sqrt(variance) if variance is not None else None


def agreement(scores: Sequence[float]) -> float | None:
    """r_wg against a uniform null on a five-point scale, truncated to [0, 1]; None below two scores."""
    variance = sample_variance(scores)
    if variance is None:
        return None
    return max(0.0, 1.0 - variance / UNIFORM_NULL_VARIANCE)


def weighted_mean(values: Sequence[tuple[float | None, float]]) -> float | None:
    """Mean of (value, weight) pairs, skipping missing values; None when no weight is left."""
    present = [(value, weight) for value, weight in values if value is not None and weight > 0]
    total = sum(weight for _value, weight in present)
    if not total:
        return None
    return sum(value * weight for value, weight in present) / total

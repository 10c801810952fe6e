"""Which networks to say no to: an exact 0/1 knapsack, framework-free.

Given networks we could leave (each frees some hours per month and gives up some value), choose the set that
frees at least the hours needed while giving up the least value in total. A greedy guess (lowest value first,
or lowest value per hour) is often wrong here, so this solves it exactly.
"""

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

Key = TypeVar("Key")

# Hours are kept with one decimal (tenths), so the dynamic programme works on whole tenths: exact, no rounding.
_SCALE = 10
_EPSILON = 1e-9


@dataclass(frozen=True)
class Candidate(Generic[Key]):
    key: Key
    hours: Decimal
    value: float


@dataclass(frozen=True)
class Selection(Generic[Key]):
    chosen: tuple[Candidate[Key], ...]
    hours: Decimal
    value: float


def _tenths(hours: Decimal) -> int:
    return int((Decimal(hours) * _SCALE).to_integral_value(rounding="ROUND_HALF_UP"))


def least_value_cover(candidates: list[Candidate[Key]], needed: Decimal) -> Selection[Key] | None:
    """The subset freeing at least `needed` hours with the least total value, or None if no subset does.

    Parameters
    ----------
    candidates
        Networks that may be given up; hours (>= 0, one decimal) and value (>= 0).
    needed
        Hours per month to free. Zero or less needs nothing: an empty selection.

    Returns
    -------
    Selection or None
        Ties on value go to fewer networks, then to fewer hours freed, then to input order (the earliest
        networks in the list).

    Notes
    -----
    Exact dynamic programme over the hours freed, capped at the hours needed: freeing more than needed is no
    better than freeing just enough, so every total at or above the need shares one state, which keeps the best
    (least value, then fewer networks, fewer hours, earlier networks) way to get there. Hours count in tenths,
    divided by the greatest common divisor of all hours (whole hours: steps of one hour). O(n * W) time and
    O(W) memory, with n candidates and W the hours needed in those steps: the size of the portfolio does not
    enter W. Each state keeps its chosen networks as one bitmask (an int, bit n-1-i for candidate i), not as a
    list: extending a state costs one addition, and comparing masks is exactly the input-order tie-break.
    """
    target = max(0, math.ceil(Decimal(needed) * _SCALE))
    if target == 0:
        return Selection(chosen=(), hours=Decimal(0), value=0.0)
    usable = [c for c in candidates if _tenths(c.hours) > 0]
    tenths = [_tenths(c.hours) for c in usable]
    step = math.gcd(*tenths) if tenths else 1
    weights = [t // step for t in tenths]
    cap = -(-target // step)  # totals are multiples of `step`: freeing >= target <=> >= cap steps
    if sum(weights) < cap:
        return None
    count = len(usable)
    # Per total freed (in steps, capped at `cap`): least value, fewest networks, fewest tenths, chosen bitmask.
    values = [math.inf] * (cap + 1)
    sizes = [0] * (cap + 1)
    freed = [0] * (cap + 1)
    masks = [0] * (cap + 1)
    values[0] = 0.0
    for index, candidate in enumerate(usable):
        weight, value, hours, bit = weights[index], candidate.value, tenths[index], 1 << (count - 1 - index)
        # Downwards, so each network is given up at most once: a state is read before anything writes to it
        # (writes go to higher totals, and the capped state is read first).
        for total in range(cap, -1, -1):
            base = values[total]
            if base == math.inf:
                continue
            to = total + weight if total + weight < cap else cap
            new_value = base + value
            old_value = values[to]
            if new_value > old_value + _EPSILON:
                continue
            new_size, new_freed, new_mask = sizes[total] + 1, freed[total] + hours, masks[total] | bit
            if new_value >= old_value - _EPSILON and (new_size, new_freed, -new_mask) >= (
                sizes[to],
                freed[to],
                -masks[to],
            ):
                continue
            values[to], sizes[to], freed[to], masks[to] = new_value, new_size, new_freed, new_mask
    if values[cap] == math.inf:
        return None
    mask = masks[cap]
    picked = tuple(c for index, c in enumerate(usable) if mask >> (count - 1 - index) & 1)
    return Selection(chosen=picked, hours=sum((c.hours for c in picked), Decimal(0)), value=values[cap])

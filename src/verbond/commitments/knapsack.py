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
        Ties on value go to fewer networks, then to fewer hours freed, then to input order.

    Notes
    -----
    Exact dynamic programme over the hours freed, in tenths of an hour: O(n * W) time and O(W) states, with
    n candidates and W the sum of their hours in tenths (a few thousand for a real portfolio).
    """
    target = max(0, math.ceil(Decimal(needed) * _SCALE))
    if target == 0:
        return Selection(chosen=(), hours=Decimal(0), value=0.0)
    usable = [c for c in candidates if _tenths(c.hours) > 0]
    # states: tenths freed -> (value, count, chosen indices); keeps the best way to free exactly that much.
    states: dict[int, tuple[float, int, tuple[int, ...]]] = {0: (0.0, 0, ())}
    for index, candidate in enumerate(usable):
        weight = _tenths(candidate.hours)
        for freed, (value, count, chosen) in list(states.items()):
            new = (value + candidate.value, count + 1, (*chosen, index))
            old = states.get(freed + weight)
            if old is None or _better(new, old):
                states[freed + weight] = new
    best: tuple[int, tuple[float, int, tuple[int, ...]]] | None = None
    for freed, state in states.items():
        if freed < target:
            continue
        if best is None or _key(state, freed) < _key(best[1], best[0]):
            best = (freed, state)
    if best is None:
        return None
    freed, (value, _count, chosen) = best
    picked = tuple(usable[i] for i in chosen)
    return Selection(chosen=picked, hours=sum((c.hours for c in picked), Decimal(0)), value=value)


def _better(new: tuple[float, int, tuple[int, ...]], old: tuple[float, int, tuple[int, ...]]) -> bool:
    if new[0] < old[0] - _EPSILON:
        return True
    if new[0] > old[0] + _EPSILON:
        return False
    return (new[1], new[2]) < (old[1], old[2])


def _key(state: tuple[float, int, tuple[int, ...]], freed: int) -> tuple[float, int, int, tuple[int, ...]]:
    return (round(state[0], 9), state[1], freed, state[2])

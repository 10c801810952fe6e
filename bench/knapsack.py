"""Benchmark of the capacity proposal's exact knapsack (not part of the test suite).

    uv run python bench/knapsack.py                  # 50, 150, 300 and 1000 candidate networks
    uv run python bench/knapsack.py --sizes 50 150 --old-max 150

For each size it draws a seeded portfolio (hours per month 1.0-30.0 in tenths, so no common step shrinks the
programme; values 1-5 from assessments, or the default 2.5 for a third of them) and times, in the same run:
- the old programme (every reachable total of hours freed, each with the whole chosen list): the baseline,
  skipped above --old-max because it takes minutes and gigabytes there;
- the new one for a typical shortfall (--needed, default 40 hours per month);
- the new one for a shortfall ten times as large (400 hours per month).
Where the old one ran, both must agree on the value given up (else the script stops with an error).
"""

import argparse
import math
import random
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial

from verbond.commitments.knapsack import Candidate, least_value_cover

_SCALE = 10
_EPSILON = 1e-9


def old_least_value_cover(candidates: list[Candidate], needed: Decimal):  # noqa: ANN201 - as it was
    """The programme before the cap (commit 01d4711), verbatim apart from names: the baseline."""

    def tenths(hours: Decimal) -> int:
        return int((Decimal(hours) * _SCALE).to_integral_value(rounding="ROUND_HALF_UP"))

    def better(new: tuple, old: tuple) -> bool:
        if new[0] < old[0] - _EPSILON:
            return True
        if new[0] > old[0] + _EPSILON:
            return False
        return (new[1], new[2]) < (old[1], old[2])

    def key(state: tuple, freed: int) -> tuple:
        return (round(state[0], 9), state[1], freed, state[2])

    target = max(0, math.ceil(Decimal(needed) * _SCALE))
    if target == 0:
        return (), 0.0
    usable = [c for c in candidates if tenths(c.hours) > 0]
    states: dict[int, tuple[float, int, tuple[int, ...]]] = {0: (0.0, 0, ())}
    for index, candidate in enumerate(usable):
        weight = tenths(candidate.hours)
        for freed, (value, count, chosen) in list(states.items()):
            new = (value + candidate.value, count + 1, (*chosen, index))
            old = states.get(freed + weight)
            if old is None or better(new, old):
                states[freed + weight] = new
    best = None
    for freed, state in states.items():
        if freed < target:
            continue
        if best is None or key(state, freed) < key(best[1], best[0]):
            best = (freed, state)
    if best is None:
        return None
    _freed, (value, _count, chosen) = best
    return tuple(usable[i] for i in chosen), value


def portfolio(size: int, seed: int) -> list[Candidate]:
    rng = random.Random(seed)
    return [
        Candidate(
            key=index,
            hours=Decimal(rng.randint(10, 300)) / 10,
            value=2.5 if rng.random() < 1 / 3 else round(rng.uniform(1, 5), 2),
        )
        for index in range(size)
    ]


def timed(function: Callable[[], object]) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 150, 300, 1000])
    parser.add_argument(
        "--needed", type=Decimal, default=Decimal(40), help="typical shortfall, hours per month"
    )
    parser.add_argument("--old-max", type=int, default=300, help="largest size the old programme runs on")
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args()

    large = arguments.needed * 10
    print(
        f"candidates | total hours | old (baseline), cpu | new, {arguments.needed} h short, cpu"
        f" | new, {large} h short, cpu | speed-up | chosen"
    )
    for size in arguments.sizes:
        candidates = portfolio(size, arguments.seed + size)
        total = sum((c.hours for c in candidates), Decimal(0))
        new, _, new_cpu = timed(partial(least_value_cover, candidates, arguments.needed))
        big, _, big_cpu = timed(partial(least_value_cover, candidates, large))
        if size <= arguments.old_max:
            # The old programme's work does not depend on the shortfall: one run answers both questions.
            old, _, old_cpu = timed(partial(old_least_value_cover, candidates, arguments.needed))
            old_big = old_least_value_cover(candidates, large) if size <= 150 else None
            if abs(old[1] - new.value) > 1e-6 or (old_big and abs(old_big[1] - big.value) > 1e-6):
                raise SystemExit(f"disagreement at {size}: old {old[1]} vs new {new.value}")
            baseline, ratio = f"{old_cpu:.3f} s", f"{old_cpu / max(new_cpu, 1e-6):,.0f}×"
        else:
            baseline, ratio = "skipped", "–"
        print(
            f"{size:10} | {total:11} | {baseline:>19} | {new_cpu:20.4f} s | {big_cpu:20.3f} s | {ratio:>8}"
            f" | {len(new.chosen)} / {len(big.chosen)} networks"
        )


if __name__ == "__main__":
    main()

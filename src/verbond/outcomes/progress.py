"""Progress towards a target, as plain arithmetic (no database).

Progress is the share of the distance from baseline to target that has been covered, in percent:

    progress = 100 * (value - baseline) / (target - baseline)

The formula is the same for both directions, because the target of a "lower is better" indicator lies below
its baseline (the services refuse a target on the wrong side). The result is clamped to 0..100:

- a value at or beyond the target (in the better direction) is 100 % — the target is reached;
- a value worse than the baseline is 0 %, not a negative percentage;
- when baseline equals target there is no distance to cover: 100 % if the value is at the target or better,
  else 0 %.
"""

from decimal import Decimal

HIGHER = "higher"
LOWER = "lower"


def is_at_or_better(value: Decimal, reference: Decimal, direction: str) -> bool:
    return value >= reference if direction == HIGHER else value <= reference


def progress_percentage(*, baseline: Decimal, target: Decimal, value: Decimal | None, direction: str) -> int | None:
    """Percentage (0..100, rounded) of the way from baseline to target; None without a value."""
    if value is None:
        return None
    if is_at_or_better(value, target, direction):
        return 100
    if baseline == target:
        return 0
    share = (Decimal(value) - Decimal(baseline)) / (Decimal(target) - Decimal(baseline))
    return int(max(Decimal(0), min(Decimal(100), share * 100)).quantize(Decimal(1)))


def target_on_the_better_side(*, baseline: Decimal, target: Decimal, direction: str) -> bool:
    """A target must not lie on the worse side of the baseline (equal is allowed: hold the line)."""
    return is_at_or_better(target, baseline, direction)


def is_moving_towards_target(
    *, baseline: Decimal, target: Decimal, direction: str, values: list[Decimal]
) -> bool:
    """Moving towards the target: the latest value is at the target, or better than the one before it.

    `values` are in date order; the baseline counts as the value before the first measurement.
    """
    if not values:
        return False
    latest = values[-1]
    if is_at_or_better(latest, target, direction):
        return True
    previous = values[-2] if len(values) > 1 else baseline
    return latest != previous and is_at_or_better(latest, previous, direction)

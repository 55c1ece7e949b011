"""Quota -> stage requirements -> integer schedules.

Requirements are exact fractions. Whole numbers appear only in schedules, and
every schedule is cut from one rounding of the exact cumulative requirement:
the cumulative target through day k is ``ceil(E * W_k / W_n)`` where ``W_k`` is
the cumulative weight of the first k working days (1 per day today; seasonality
and ramp-up can weigh days differently). So daily numbers are whole, they add
up to the weekly numbers, their running sum never falls behind the exact
requirement, and the period total is ``ceil(E)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction


def stage_requirements(quota: Fraction, rates: Sequence[Fraction]) -> tuple[Fraction, ...]:
    """``(E(revenue), E(stage 1), ...)``: each stage's requirement is the one above
    divided by that stage's rate (how much of the stage above one unit yields)."""
    required = [quota]
    for rate in rates:
        required.append(required[-1] / rate)
    return tuple(required)


def ceil_fraction(value: Fraction) -> int:
    return -((-value.numerator) // value.denominator)


def cumulative_targets(
    total: Fraction, cumulative_weights: Sequence[int], at: Sequence[int]
) -> list[int]:
    """Cumulative whole-unit targets through each day count in ``at``.

    ``cumulative_weights[k]`` is the weight of the first k days (index 0 is 0),
    so the last entry is the whole period's weight.
    """
    whole = cumulative_weights[-1]
    if whole == 0:
        return [0] * len(at)
    # ceil(a / b) == -((-a) // b), in integers: no float ever touches a count.
    minus_num, den = -total.numerator, total.denominator * whole
    return [-((minus_num * cumulative_weights[k]) // den) for k in at]


def split_targets(
    total: Fraction, cumulative_weights: Sequence[int], boundaries: Sequence[int]
) -> list[int]:
    """Whole-unit targets of consecutive runs of days.

    ``boundaries`` are the day counts at the end of each run (non-decreasing); a
    run's target is the cumulative target at its end minus the one at its start.
    """
    cumulative = cumulative_targets(total, cumulative_weights, boundaries)
    return [b - a for a, b in zip([0, *cumulative], cumulative, strict=False)]


def uniform_weights(days: int) -> range:
    """Cumulative weights when every working day counts the same."""
    return range(days + 1)


# -- issue 10: floors
def apply_floor(days: Sequence[int], floor: int) -> list[int]:
    """A stage's whole-unit day targets with a daily floor: each day the larger of the
    floor and the funnel's number. Applied to the day targets once they are cut from
    the day weights, so weeks, months and the period total are the sums of the days
    shown, whatever shaped them."""
    return [day if day > floor else floor for day in days]

"""The seam: how much each working day weighs (shape.py), by hand."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from goalsplit.funnel import split_targets
from goalsplit.shape import (
    NO_SHAPING,
    Shaping,
    add_months,
    day_weights,
    exact_day_weights,
    uniform_day_weights,
)


def days_between(first: date, last: date) -> list[date]:
    """Every weekday in [first, last]."""
    out = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            out.append(day)
        day += timedelta(days=1)
    return out


def test_no_shaping_is_the_uniform_schedule() -> None:
    days = days_between(date(2026, 1, 1), date(2026, 1, 31))
    weights = day_weights(days, NO_SHAPING)
    assert list(weights.result) == list(range(len(days) + 1))
    assert weights.activity is weights.result
    assert weights.total == len(days)
    assert weights is uniform_day_weights(len(days))
    # A cycle alone shifts nothing when every day weighs the same.
    cycled = day_weights(days, Shaping(cycle=5))
    assert cycled.result is weights.result and cycled.activity is weights.result
    assert cycled.cycle == 5


def test_add_months_keeps_the_day_or_takes_the_month_end() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 2, 2), 1) == date(2026, 3, 2)
    assert add_months(date(2025, 12, 15), 2) == date(2026, 2, 15)


def test_season_weights_days_by_their_month() -> None:
    # Two days in January (weight 1), two in February (weight 1/2).
    days = [date(2026, 1, 29), date(2026, 1, 30), date(2026, 2, 2), date(2026, 2, 3)]
    season = tuple([Fraction(1), Fraction(1, 2)] + [Fraction(1)] * 10)
    weights = day_weights(days, Shaping(season=season))
    half = Fraction(1, 2)
    assert exact_day_weights(days, Shaping(season=season)) == [1, 1, half, half]
    assert weights.total == 3
    # 30 over weights 2:2:1:1 -> cumulative ceil(30 * [2, 4, 5, 6] / 6) = 10, 20, 25, 30.
    assert split_targets(Fraction(30), weights.result, [1, 2, 3, 4]) == [10, 10, 5, 5]


def test_ramp_by_month_of_tenure() -> None:
    # Hired 2026-02-02 with ramp [50%]: tenure month 1 runs to 2026-03-01.
    days = [date(2026, 2, 27), date(2026, 3, 2), date(2026, 3, 3)]
    shaping = Shaping(ramp=(Fraction(1, 2),), hired=date(2026, 2, 2))
    assert exact_day_weights(days, shaping) == [Fraction(1, 2), 1, 1]
    assert day_weights(days, shaping).total == Fraction(5, 2)
    # Without a hiring date nobody ramps.
    assert day_weights(days, Shaping(ramp=(Fraction(1, 2),))).total == 3


def test_cycle_leads_the_activity() -> None:
    days = days_between(date(2026, 1, 26), date(2026, 2, 6))  # 5 January, 5 February days
    season = tuple([Fraction(1), Fraction(2)] + [Fraction(1)] * 10)
    weights = day_weights(days, Shaping(season=season, cycle=2))
    # Revenue: 1,1,1,1,1,2,2,2,2,2; activity: the weight two working days later.
    assert list(weights.result) == [0, 1, 2, 3, 4, 5, 7, 9, 11, 13, 15]
    assert list(weights.activity) == [0, 1, 2, 3, 5, 7, 9, 11, 13, 15, 17]


def test_a_cycle_past_the_last_day_takes_the_last_days_weight() -> None:
    days = days_between(date(2026, 1, 27), date(2026, 2, 2))  # 4 January days, 02-02
    season = tuple([Fraction(1), Fraction(2)] + [Fraction(1)] * 10)
    weights = day_weights(days, Shaping(season=season, cycle=2))
    # Revenue 1,1,1,1,2; activity two days later, past the end the last day's: 1,1,2,2,2.
    assert list(weights.result) == [0, 1, 2, 3, 4, 6]
    assert list(weights.activity) == [0, 1, 2, 4, 6, 8]
    assert weights.cycle == 2 and weights.full_on is None  # no buffer: never "full early"


def test_buffer_runs_ahead_and_meets_the_total_early() -> None:
    days = days_between(date(2026, 3, 2), date(2026, 3, 13))  # 10 days
    weights = day_weights(days, Shaping(buffer=Fraction(1, 4)))
    # min(1, 1.25 * k / 10): full by day 8.
    assert weights.full_on == 8
    daily = split_targets(Fraction(100), weights.result, range(1, 11))
    assert daily == [13, 12, 13, 12, 13, 12, 13, 12, 0, 0]
    # A small buffer: 1.05 x 9 / 10 is short of the whole on day 9; full on the last day.
    assert day_weights(days, Shaping(buffer=Fraction(1, 20))).full_on == 10


def test_remaining_weights_after_a_buffer_is_met_are_uniform() -> None:
    days = days_between(date(2026, 3, 2), date(2026, 3, 13))
    weights = day_weights(days, Shaping(buffer=Fraction(1, 4)))
    assert list(weights.remaining(0, 9)) == [0, 1]
    assert list(weights.remaining(0, 4)) == [
        weights.result[k] - weights.result[4] for k in range(4, 11)
    ]


def test_remaining_weights_of_the_result_and_of_the_activity() -> None:
    # The weights of test_cycle_leads_the_activity: the result's and the activity's
    # schedules differ, and what is left of each is cut from its own.
    days = days_between(date(2026, 1, 26), date(2026, 2, 6))
    season = tuple([Fraction(1), Fraction(2)] + [Fraction(1)] * 10)
    weights = day_weights(days, Shaping(season=season, cycle=2))
    assert weights.remaining(0, 4) == [0, 1, 3, 5, 7, 9, 11]  # 4, 5, 7, .., 15 less 4
    assert weights.remaining(1, 4) == [0, 2, 4, 6, 8, 10, 12]  # 5, 7, .., 17 less 5
    # One day left: its own weight (2), not the uniform [0, 1] of a schedule met early.
    assert weights.remaining(0, 9) == [0, 2]


def test_a_ramp_without_a_hiring_date_is_ignored_by_the_season_too() -> None:
    days = [date(2026, 1, 30), date(2026, 2, 2)]
    season = tuple([Fraction(1), Fraction(1, 2)] + [Fraction(1)] * 10)
    shaping = Shaping(season=season, ramp=(Fraction(1, 2),))
    assert exact_day_weights(days, shaping) == [1, Fraction(1, 2)]
    assert day_weights(days, shaping).total == Fraction(3, 2)

"""How much each working day weighs, per rep: the one place a schedule is shaped.

Every number that is spread over days reads a rep's :class:`DayWeights`: the
period, month, week and day targets, the day card, ``track``'s planned-to-date
and catch-up, and the allocation (a rep's share is weight x the sum of their
day weights, so a ramping hire carries less). Seasonality, ramp-up, buffer and
sales cycle are ways of computing these weights, not code paths elsewhere.

A day's weight is the season weight of its calendar month times the rep's ramp
factor for their month of tenure, exactly (fractions, held here as integers over
one common denominator, so that no float ever reaches a count). The schedule of
the result follows the cumulative weights; the stages below it (the activity)
follow the same weights ``cycle`` working days later, so activity leads revenue;
a buffer makes both run ahead of that pace by a factor ``1 + buffer``, capped
at the full requirement. Without any of these every day weighs 1 and the
cumulative weights are ``range(days + 1)``, exactly the schedule of old.
"""

from __future__ import annotations

import calendar as _calendar
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import lru_cache
from itertools import accumulate
from math import lcm

from goalsplit.funnel import uniform_weights


@dataclass(frozen=True)
class Shaping:
    """What shapes one rep's schedule: the plan's keys, with the rep's overrides applied."""

    season: tuple[Fraction, ...] | None = None  # weight of a working day per month, Jan first
    ramp: tuple[Fraction, ...] = ()  # productivity by month of tenure (then 1)
    hired: date | None = None  # tenure counts from this day (needed for a ramp)
    buffer: Fraction = Fraction(0)  # run ahead of the shaped pace by this share
    cycle: int = 0  # working days from an activity to the revenue it produces

    @property
    def uniform(self) -> bool:
        """Every day weighs the same (a cycle alone shifts nothing then)."""
        return self.season is None and not (self.ramp and self.hired) and not self.buffer


NO_SHAPING = Shaping()


@dataclass(frozen=True)
class DayWeights:
    """The cumulative weights of one rep's working days, per kind of stage.

    ``result[k]`` is the weight of the rep's first k working days in the result's
    schedule (``result[0]`` is 0, ``result[-1]`` the whole period's); ``activity``
    is the same for every stage below the result. Only ratios matter: the
    cumulative whole-unit target through day k is ``ceil(E * W[k] / W[-1])``
    (:func:`goalsplit.funnel.cumulative_targets`).
    """

    result: Sequence[int]
    activity: Sequence[int]
    total: Fraction  # the exact sum of the day weights (season x ramp): the allocation's measure
    full_on: int | None = None  # with a buffer: working days until the full requirement is met
    cycle: int = 0

    def stage(self, index: int) -> Sequence[int]:
        """Cumulative weights of stage ``index`` (0: the result)."""
        return self.result if index == 0 else self.activity

    def remaining(self, index: int, elapsed: int) -> Sequence[int]:
        """Cumulative weights of stage ``index`` over the days after the first
        ``elapsed``, from 0; uniform when the schedule gives those days no weight
        (a buffer met before them), so that what is left can still be spread."""
        weights = self.stage(index)
        base = weights[elapsed]
        if weights[-1] == base:
            return range(len(weights) - elapsed)
        return [w - base for w in weights[elapsed:]]


@lru_cache(maxsize=64)
def uniform_day_weights(days: int) -> DayWeights:
    """Every working day counts the same: the schedule without any shaping."""
    weights = uniform_weights(days)
    return DayWeights(weights, weights, Fraction(days))


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, on the same day of the month or the
    month's last day (2026-01-31 + 1 month = 2026-02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def exact_day_weights(days: Sequence[date], shaping: Shaping) -> list[Fraction]:
    """Each working day's weight, exactly: season of its month x ramp of its tenure."""
    scaled, denominator = _scaled(days, shaping)
    return [Fraction(w, denominator) for w in scaled]


def _scaled(days: Sequence[date], shaping: Shaping) -> tuple[list[int], int]:
    """Each day's weight as an integer over one common denominator."""
    season = shaping.season
    season_den = lcm(*(w.denominator for w in season)) if season else 1
    by_month = [w.numerator * (season_den // w.denominator) for w in season] if season else [1] * 12
    ramp = shaping.ramp if shaping.hired is not None else ()
    ramp_den = lcm(*(r.denominator for r in ramp)) if ramp else 1
    factors = [r.numerator * (ramp_den // r.denominator) for r in ramp]
    result = []
    if factors:
        assert shaping.hired is not None
        # Month of tenure n covers hired + (n-1) months .. the day before hired + n months.
        ends = [add_months(shaping.hired, n) for n in range(1, len(factors) + 1)]
        tenure = 0
        for day in days:
            while tenure < len(ends) and day >= ends[tenure]:
                tenure += 1
            factor = factors[tenure] if tenure < len(factors) else ramp_den
            result.append(by_month[day.month - 1] * factor)
    else:
        result = [by_month[day.month - 1] for day in days]
    return result, season_den * ramp_den


def day_weights(days: Sequence[date], shaping: Shaping) -> DayWeights:
    """The cumulative weights of ``days`` (a rep's working days, in order)."""
    if shaping.uniform:
        return uniform_day_weights(len(days))
    scaled, denominator = _scaled(days, shaping)
    n = len(scaled)
    cycle = shaping.cycle
    result: list[int] = list(accumulate(scaled, initial=0))
    if cycle and n:
        led = [scaled[min(k + cycle, n - 1)] for k in range(n)]
        activity: list[int] = list(accumulate(led, initial=0))
    else:
        activity = result
    total = Fraction(result[-1], denominator)
    full_on = None
    if shaping.buffer:
        ahead = 1 + shaping.buffer
        result = _ahead(result, ahead)
        activity = result if activity is result else _ahead(activity, ahead)
        full_on = bisect_left(result, result[-1])
    return DayWeights(result, activity, total, full_on, cycle)


def _ahead(cumulative: list[int], factor: Fraction) -> list[int]:
    """``min(1, factor x W[k] / W[n])`` as integers: the pace ``factor`` times the
    shaped one, capped at the whole period."""
    whole = cumulative[-1] * factor.denominator
    num = factor.numerator
    return [min(whole, w * num) for w in cumulative]

"""A rep's card for one day: what to do today, this week, and where the period stands.

The numbers are cut from the same integer schedule as the plan (``plan --daily``
gives the same targets for the same date); only the few cumulative values the
card needs are computed, so a card costs no more than the plan itself.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from goalsplit.breakdown import Breakdown, RepPlan
from goalsplit.calendar import Week
from goalsplit.funnel import cumulative_targets


class OutsidePeriodError(ValueError):
    """The date is not inside the plan's period."""


@dataclass(frozen=True)
class DayCard:
    breakdown: Breakdown
    rep: RepPlan
    date: dt.date  # the day asked about
    working_day: bool  # is ``date`` one of the rep's working days?
    card_date: dt.date | None  # the working day whose targets are shown: date, or the next one
    day: int  # position of card_date among the rep's working days (1-based), 0 if none
    targets: tuple[int, ...]  # whole-unit targets of card_date, per stage
    week: Week  # the ISO week of card_date (or of date when no working day is left)
    week_working_days: int
    week_remaining_working_days: int  # the week's working days from card_date on, inclusive
    week_targets: tuple[int, ...]
    period_to_date: tuple[int, ...]  # cumulative schedule through ``date``

    @property
    def days(self) -> int:
        return self.rep.working_days


def day_card(breakdown: Breakdown, rep: RepPlan, on: dt.date) -> DayCard:
    if not breakdown.start <= on <= breakdown.end:
        raise OutsidePeriodError(on)
    days = rep.days
    done = bisect_right(days, on)  # working days through ``on``
    working_day = done > 0 and days[done - 1] == on
    position = done if working_day else done + 1  # 1-based index of the card's day
    card_date = days[position - 1] if position <= len(days) else None

    anchor = card_date or on
    week_index = next(i for i, w in enumerate(breakdown.weeks) if w.start <= anchor <= w.end)
    week = breakdown.weeks[week_index]
    week_start = bisect_left(days, week.start)  # working days before the week
    week_end = rep.week_ends[week_index]

    weights = rep.cumulative_weights
    points = [done, position - 1, min(position, len(days)), week_start, week_end]
    per_stage = [cumulative_targets(e, weights, points) for e in rep.required]
    through, before_card, through_card, before_week, through_week = zip(*per_stage, strict=True)
    targets = tuple(b - a for a, b in zip(before_card, through_card, strict=True))
    if card_date is None:
        targets = tuple(0 for _ in targets)
    return DayCard(
        breakdown=breakdown,
        rep=rep,
        date=on,
        working_day=working_day,
        card_date=card_date,
        day=position if card_date else 0,
        targets=targets,
        week=week,
        week_working_days=week_end - week_start,
        week_remaining_working_days=max(0, week_end - (position - 1)) if card_date else 0,
        week_targets=tuple(b - a for a, b in zip(before_week, through_week, strict=True)),
        period_to_date=tuple(through),
    )

"""A rep's card for one day: what to do today, this week, and where the period stands.

The numbers are cut from the same integer schedule as the plan (``plan --daily``
gives the same targets for the same date); only the few cumulative values the
card needs are computed, so a card costs no more than the plan itself.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass

from goalsplit.breakdown import Breakdown, RepPlan
from goalsplit.calendar import WORKING_KINDS, Month, Week, holiday_names
from goalsplit.i18n import N_, tr

# Why a day is or is not one of the rep's working days: the team's calendar
# (calendar.DayKind) and the rep's own window and leave.
DAY_KIND_TEXT = {
    "working": N_("working day"),
    "make_up_workday": N_("make-up working day"),
    "extra_workday": N_("extra working day (calendar.workdays)"),
    "public_holiday": N_("public holiday: {holiday}"),
    "weekend": N_("weekend"),
    "team_day_off": N_("a day off for everyone (calendar.holidays)"),
    "leave": N_("{rep} is on leave"),
    "before_start": N_("{rep} starts on {start}"),
    "after_end": N_("{rep}'s last day was {end}"),
}


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
    day_kind: str = "working"  # why ``date`` is (not) a working day: a DAY_KIND_TEXT key
    card_day_kind: str | None = None  # the same for card_date
    holiday: Mapping[str, str] | None = None  # the public holiday on ``date``, by language
    # The calendar month of card_date, when the period touches more than one month.
    month: Month | None = None
    month_working_days: int = 0
    month_remaining_working_days: int = 0  # from card_date on, inclusive
    month_targets: tuple[int, ...] = ()
    month_left: tuple[int, ...] = ()  # of the month's targets, what is left from card_date on

    @property
    def days(self) -> int:
        return self.rep.working_days

    def describe(self, kind: str, lang: str) -> str:
        """``public holiday: Spring Festival``, ``weekend``, ``Li Na is on leave`` ..."""
        holiday = ""
        if self.holiday:
            holiday = self.holiday.get(lang) or self.holiday.get("en", "")
        return tr(
            DAY_KIND_TEXT[kind],
            lang,
            holiday=holiday,
            rep=self.rep.name,
            start=self.rep.start,
            end=self.rep.end,
        )


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

    month = None
    month_start = month_end = 0
    if breakdown.by_month:
        month_index = next(i for i, m in enumerate(breakdown.months) if m.start <= anchor <= m.end)
        month = breakdown.months[month_index]
        month_start = bisect_left(days, month.start)
        month_end = rep.month_ends[month_index]

    points = [
        done,
        position - 1,
        min(position, len(days)),
        week_start,
        week_end,
        month_start,
        month_end,
    ]
    per_stage = [rep.cumulative(i, points) for i in range(len(rep.stages))]
    through, before_card, through_card, before_week, through_week, before_month, through_month = (
        zip(*per_stage, strict=True)
    )
    targets = tuple(b - a for a, b in zip(before_card, through_card, strict=True))
    if card_date is None:
        targets = tuple(0 for _ in targets)
    kind = day_kind(breakdown, rep, on, working_day)
    holiday = None
    if kind == "public_holiday" and breakdown.calendar and breakdown.calendar.public:
        public = breakdown.calendar.public
        holiday = {
            "en": public.names.get(on, ""),
            "zh": holiday_names(public, [on.year], "zh").get(on, ""),
        }
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
        day_kind=kind,
        card_day_kind=day_kind(breakdown, rep, card_date, True) if card_date else None,
        holiday=holiday,
        month=month,
        month_working_days=month_end - month_start,
        month_remaining_working_days=max(0, month_end - (position - 1)) if card_date else 0,
        month_targets=tuple(b - a for a, b in zip(before_month, through_month, strict=True)),
        month_left=tuple(
            b - max(a, c) if card_date else 0
            for a, b, c in zip(before_card, through_month, before_month, strict=True)
        ),
    )


def day_kind(breakdown: Breakdown, rep: RepPlan, day: dt.date, working: bool) -> str:
    """Why ``day`` is (``working``: it is) one of ``rep``'s working days."""
    if day < rep.start:
        return "before_start"
    if day > rep.end:
        return "after_end"
    if breakdown.calendar is not None:
        team = breakdown.calendar.day_kind(day)
    else:  # a breakdown built without its calendar: only the team's days are known
        at = bisect_left(breakdown.working_days, day)
        known = at < len(breakdown.working_days) and breakdown.working_days[at] == day
        team = "working" if known else "team_day_off"
    if working or team not in WORKING_KINDS:
        return team
    return "leave"

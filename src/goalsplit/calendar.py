"""Working days and ISO weeks.

Everything here takes dates as arguments and never reads the clock. Public
holidays and official make-up working days (China's 调休) come from the
``holidays`` package, imported only when a plan names a country.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True)
class Week:
    """An ISO week (Monday-Sunday) clipped to the period."""

    label: str  # "2026-W02"
    start: date
    end: date


@dataclass(frozen=True)
class PublicCalendar:
    """A country's days off and official make-up working days for some years."""

    country: str
    days_off: frozenset[date]
    make_up_days: frozenset[date]
    uncovered_years: tuple[int, ...]  # years the holiday data does not really know
    covered_through: int | None


class UnknownCountryError(ValueError):
    pass


def iter_days(start: date, end: date) -> Iterable[date]:
    day = start
    one = timedelta(days=1)
    while day <= end:
        yield day
        day += one


def iso_weeks(start: date, end: date) -> tuple[Week, ...]:
    """Every ISO week overlapping [start, end], clipped to it, in order."""
    weeks = []
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        sunday = monday + timedelta(days=6)
        year, number, _ = monday.isocalendar()
        weeks.append(Week(f"{year}-W{number:02d}", max(monday, start), min(sunday, end)))
        monday += timedelta(days=7)
    return tuple(weeks)


def public_calendar(country: str, years: Sequence[int]) -> PublicCalendar:
    """Public holidays and make-up working days of ``country`` for ``years``.

    The holidays package computes rule-based holidays for any year, but a
    country that announces its calendar year by year (China's make-up days)
    is only known for the years its data covers; those beyond are reported
    in ``uncovered_years`` so a guessed calendar never passes silently.
    """
    import holidays  # deferred: costs tens of milliseconds at start-up

    code = country.strip().upper()
    try:
        table = holidays.country_holidays(code, years=list(years))
    except NotImplementedError:
        raise UnknownCountryError(code) from None
    covered = _announced_through(table)
    limit_low = getattr(table, "start_year", None)
    limit_high = getattr(table, "end_year", None)
    if covered is None:
        covered = limit_high
    uncovered = tuple(
        year
        for year in years
        if (covered is not None and year > covered)
        or (limit_high is not None and year > limit_high)
        or (limit_low is not None and year < limit_low)
    )
    make_up = frozenset(
        day for day in getattr(table, "weekend_workdays", ()) if day.year in set(years)
    )
    return PublicCalendar(code, frozenset(table.keys()), make_up, uncovered, covered)


def _announced_through(table: Any) -> int | None:
    """Last year for which a country's yearly announced swaps (调休) are in the data.

    Such swaps are stored as "special holidays" substituted from another date,
    written ``(month, day, from_month, from_day[, from_year])``. A country with
    none of them follows fixed rules and is limited only by ``end_year``.
    """
    years = []
    for attr, specials in vars(table).items():
        if not attr.startswith("special_") or not isinstance(specials, dict):
            continue
        for year, entries in specials.items():
            if isinstance(year, int) and _has_substitution(entries):
                years.append(year)
    return max(years) if years else None


def _has_substitution(entries: Any) -> bool:
    if not isinstance(entries, tuple) or not entries:
        return False
    items = entries if isinstance(entries[0], tuple) else (entries,)
    return any(
        isinstance(item, tuple) and len(item) in (4, 5) and all(isinstance(x, int) for x in item)
        for item in items
    )


def team_working_days(
    start: date,
    end: date,
    weekend: frozenset[int],
    public: PublicCalendar | None,
    extra_off: frozenset[date],
    extra_on: frozenset[date],
) -> tuple[date, ...]:
    """Working days in [start, end]: not weekend, not a public holiday, plus make-up
    days; minus the plan's own days off; a day the plan lists as a workday always works."""
    days_off = public.days_off if public else frozenset()
    make_up = public.make_up_days if public else frozenset()
    result = []
    for day in iter_days(start, end):
        if day in extra_on:
            result.append(day)
            continue
        works = (day.weekday() not in weekend and day not in days_off) or day in make_up
        if works and day not in extra_off:
            result.append(day)
    return tuple(result)


def expand_spans(spans: Iterable[tuple[date, date]]) -> frozenset[date]:
    return frozenset(day for first, last in spans for day in iter_days(first, last))

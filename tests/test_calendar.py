"""Working days on real calendars, and ISO weeks."""

from __future__ import annotations

from datetime import date

from goalsplit.calendar import iso_weeks, public_calendar, team_working_days
from tests.conftest import breakdown_of, warnings_of

WEEKEND = frozenset({5, 6})


def cn_days(start: date, end: date) -> tuple[date, ...]:
    years = list(range(start.year, end.year + 1))
    return team_working_days(
        start, end, WEEKEND, public_calendar("CN", years), frozenset(), frozenset()
    )


def test_february_2026_in_china_has_16_working_days() -> None:
    days = cn_days(date(2026, 2, 1), date(2026, 2, 28))
    assert len(days) == 16
    # Make-up Saturdays (调休) work; the Spring Festival days do not.
    assert date(2026, 2, 14) in days and date(2026, 2, 28) in days
    for day in (16, 17, 18, 19, 20, 23):
        assert date(2026, 2, day) not in days


def test_october_2025_in_china_has_18_working_days() -> None:
    days = cn_days(date(2025, 10, 1), date(2025, 10, 31))
    assert len(days) == 18
    assert date(2025, 10, 11) in days  # a make-up Saturday
    assert date(2025, 10, 8) not in days


def test_plan_calendar_applies_country_lists_and_overrides() -> None:
    breakdown = breakdown_of("""
        period: 2026-02
        calendar:
          country: CN
          holidays: [2026-02-02..2026-02-03, 2026-02-14]
          workdays: [2026-02-16, 2026-02-22]
        target: 100
        rates: {pipeline: 1, intents: 1, deep_talks: 1, connects: 1, dials: 1}
        reps: [{name: A}]
    """)
    days = breakdown.working_days
    # 16 official - 2 offsite days - the make-up Saturday + a festival day + a Sunday.
    assert len(days) == 16 - 3 + 2
    assert date(2026, 2, 14) not in days
    assert date(2026, 2, 16) in days and date(2026, 2, 22) in days


def test_without_a_country_only_weekends_and_lists_apply() -> None:
    breakdown = breakdown_of("""
        period: 2026-02
        calendar: {weekend: [fri, sat]}
        target: 100
        rates: {pipeline: 1, intents: 1, deep_talks: 1, connects: 1, dials: 1}
        reps: [{name: A}]
    """)
    assert len(breakdown.working_days) == 20
    assert all(day.weekday() not in (4, 5) for day in breakdown.working_days)


def test_rep_days_respect_start_end_and_leave() -> None:
    breakdown = breakdown_of("""
        period: 2026-02
        calendar: {country: CN}
        target: 100
        rates: {pipeline: 1, intents: 1, deep_talks: 1, connects: 1, dials: 1}
        reps:
          - {name: Joiner, start: 2026-02-09}
          - {name: Leaver, end: 2026-02-13}
          - {name: Away, leave: [2026-02-24..2026-02-26, 2026-02-28]}
    """)
    joiner, leaver, away = breakdown.reps
    assert joiner.working_days == 11  # 9..13, 14 (Sat), 24..27, 28 (Sat)
    assert leaver.working_days == 10  # 2..6 and 9..13
    assert leaver.days[-1] == date(2026, 2, 13)
    assert away.working_days == 16 - 4


def test_iso_weeks_are_clipped_to_the_period_and_labelled() -> None:
    weeks = iso_weeks(date(2026, 1, 1), date(2026, 3, 31))
    assert [w.label for w in weeks][:2] == ["2026-W01", "2026-W02"]
    assert (weeks[0].start, weeks[0].end) == (date(2026, 1, 1), date(2026, 1, 4))
    assert (weeks[-1].label, weeks[-1].start, weeks[-1].end) == (
        "2026-W14",
        date(2026, 3, 30),
        date(2026, 3, 31),
    )
    assert len(weeks) == 14
    # A period starting late in December belongs to the next ISO year's week 1.
    assert iso_weeks(date(2025, 12, 29), date(2026, 1, 4))[0].label == "2026-W01"


def test_weeks_without_working_days_are_listed_with_zero_targets() -> None:
    breakdown = breakdown_of("""
        period: 2026-02
        calendar: {country: CN}
        target: 1000
        rates: {pipeline: 1, intents: 1, deep_talks: 1, connects: 1, dials: 1}
        reps: [{name: A}]
    """)
    rep = breakdown.reps[0]
    weeks = dict(zip([w.label for w in breakdown.weeks], rep.week_targets(), strict=True))
    assert weeks["2026-W08"] == (0, 0, 0, 0, 0, 0)  # Spring Festival week
    assert [w.label for w in breakdown.weeks][3] == "2026-W08"
    assert breakdown.week_working_days(rep.week_ends)[3] == 0
    assert sum(w[0] for w in weeks.values()) == 1000


def test_years_beyond_the_official_holiday_data_are_flagged() -> None:
    calendar = public_calendar("CN", [2026, 2027])
    assert calendar.covered_through == 2026
    assert calendar.uncovered_years == (2027,)
    warnings = warnings_of("""
        period: 2027-Q1
        calendar:
          country: CN
        target: 100
        rates: {pipeline: 1, intents: 1, deep_talks: 1, connects: 1, dials: 1}
        reps: [{name: A}]
    """)
    assert len(warnings) == 1
    assert warnings[0].startswith("plan.yaml:3:12: warning: calendar.country: holiday data for CN")
    assert "2027" in warnings[0]


def test_rule_based_countries_are_not_flagged() -> None:
    assert public_calendar("DE", [2030]).uncovered_years == ()

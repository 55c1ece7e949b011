"""Working days on real calendars, and ISO weeks."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from goalsplit.calendar import (
    describe_calendar,
    expand_spans,
    iso_weeks,
    iter_days,
    public_calendar,
    team_working_days,
)
from goalsplit.cli import app
from tests.conftest import breakdown_of, errors_of, warnings_of

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


# --- naming the calendar (issue 8) -----------------------------------------------

RATES = "rates: {pipeline: 1, intents: 1, deep_talks: 1, connects: 1, dials: 1}"


def plan_with(calendar: str, period: str = "2026-Q1", reps: str = "[{name: A}]") -> str:
    return f"period: {period}\ncalendar: {calendar}\ntarget: 100\n{RATES}\nreps: {reps}\n"


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_calendar_line_counts_holidays_and_make_up_days_within_the_period() -> None:
    breakdown = breakdown_of(plan_with("{country: CN, holidays: [2026-03-09..2026-03-10]}"))
    assert breakdown.calendar is not None
    assert describe_calendar(breakdown.calendar) == (
        "calendar: China (CN), 2026, 8 public holidays, 3 make-up workdays, +2 days off"
    )
    assert describe_calendar(breakdown.calendar, "zh") == (
        "日历：中国（CN），2026 年，8 个法定节假日，3 个调休上班日，另有 2 个全员休息日"
    )
    year = breakdown_of(plan_with("{country: CN}", period="2026"))
    assert year.calendar is not None
    assert describe_calendar(year.calendar).endswith(", 6 make-up workdays")
    # A country without make-up days says nothing about them; one holiday is singular.
    may = breakdown_of(plan_with("{country: DE, workdays: [2026-05-02]}", period="2026-05"))
    assert may.calendar is not None
    assert describe_calendar(may.calendar) == (
        "calendar: Germany (DE), 2026, 3 public holidays, +1 workday"
    )
    january = breakdown_of(plan_with("{country: US}", period="2026-W03"))
    assert january.calendar is not None
    assert describe_calendar(january.calendar).endswith("2026, 0 public holidays")
    assert describe_calendar(
        breakdown_of(plan_with("{country: US}", period="2026-W04")).calendar  # type: ignore[arg-type]
    ).endswith("2026, 1 public holiday")


def test_without_a_country_the_calendar_says_weekends_only() -> None:
    plain = breakdown_of(plan_with("{}"))
    assert plain.calendar is not None
    assert describe_calendar(plain.calendar) == (
        "calendar: weekends only (sat, sun), no public holidays"
    )
    assert describe_calendar(plain.calendar, "zh") == "日历：仅周末休息（周六、周日），无法定节假日"
    gulf = breakdown_of(plan_with("{weekend: [fri, sat], holidays: [2026-01-05]}"))
    assert gulf.calendar is not None
    assert describe_calendar(gulf.calendar) == (
        "calendar: weekends only (fri, sat), no public holidays, +1 day off"
    )
    spanning = breakdown_of(
        plan_with("{country: GB}", period="{start: 2025-12-01, end: 2026-01-31}")
    )
    assert spanning.calendar is not None
    assert ", 2025–2026, " in describe_calendar(spanning.calendar)


@pytest.mark.parametrize(
    ("code", "en", "zh"),
    [
        ("CN", "China (CN)", "中国（CN）"),
        ("US", "United States (US)", "美国（US）"),
        ("DE", "Germany (DE)", "德国（DE）"),
        ("GB", "United Kingdom (GB)", "英国（GB）"),
        ("JP", "Japan (JP)", "日本（JP）"),
        ("HK", "Hong Kong (HK)", "中国香港（HK）"),
        ("TW", "Taiwan (TW)", "中国台湾（TW）"),
        ("SG", "Singapore (SG)", "新加坡（SG）"),
        ("SH", "Saint Helena Ascension and Tristan da Cunha (SH)", "圣赫勒拿"),
    ],
)
def test_countries_are_named_in_both_languages(code: str, en: str, zh: str) -> None:
    breakdown = breakdown_of(plan_with(f"{{country: {code}}}"))
    assert breakdown.calendar is not None
    assert describe_calendar(breakdown.calendar).startswith(f"calendar: {en}, 2026, ")
    assert describe_calendar(breakdown.calendar, "zh").startswith(f"日历：{zh}")


def test_saint_helena_is_named_in_plan_check_today_and_json(tmp_path: Path) -> None:
    # `SH` is a valid code, but for Saint Helena: no report may leave that unsaid.
    path = write(tmp_path, plan_with("{country: SH}"))
    name = "calendar: Saint Helena Ascension and Tristan da Cunha (SH), 2026"
    check = run("check", path, "--lang", "en")
    assert check.exit_code == 0
    assert name in " ".join(check.stdout.split())
    for fmt in ("table", "markdown"):
        report = run("plan", path, "-f", fmt, "--lang", "en").stdout
        head = " ".join(report.split("|")[0].split())  # the header, before the first table
        assert name in head, fmt
    card = run("today", path, "-d", "2026-01-05", "--lang", "en").stdout
    assert name in " ".join(card.split())
    document = json.loads(run("plan", path, "-f", "json").stdout)
    assert document["schema_version"] == 1
    assert document["calendar"]["code"] == "SH"
    assert document["calendar"]["name"].startswith("Saint Helena")
    zh = run("check", path, "--lang", "zh").stdout
    assert "日历：圣赫勒拿、阿森松和特里斯坦-达库尼亚（SH），2026 年" in zh


def test_json_lists_the_public_holidays_and_make_up_days_of_the_period(tmp_path: Path) -> None:
    path = write(
        tmp_path, plan_with("{country: CN, holidays: [2026-03-09], workdays: [2026-02-22]}")
    )
    calendar = json.loads(run("plan", path, "-f", "json").stdout)["calendar"]
    assert calendar["code"] == "CN" and calendar["name"] == "China"
    assert calendar["subdivision"] is None
    assert calendar["weekend"] == ["sat", "sun"]
    holidays = {h["date"]: h["name"] for h in calendar["public_holidays"]}
    assert len(holidays) == 8
    assert "Spring Festival" in holidays["2026-02-17"]
    assert calendar["make_up_workdays"] == ["2026-01-04", "2026-02-14", "2026-02-28"]
    assert calendar["extra_days_off"] == ["2026-03-09"]
    assert calendar["extra_workdays"] == ["2026-02-22"]
    plain = json.loads(run("plan", write(tmp_path, plan_with("{}"), "p.yaml"), "-f", "json").stdout)
    assert plain["calendar"]["code"] is None and plain["calendar"]["public_holidays"] == []


# --- unknown codes and subdivisions ---------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("China", "did you mean CN (China)?"),
        ("china", "did you mean CN (China)?"),
        ("Germny", "DE (Germany)"),
        ("United Kingdom", "did you mean GB (United Kingdom)?"),
        ("中国", "did you mean CN (China)?"),
    ],
)
def test_an_unknown_country_lists_close_matches(written: str, expected: str) -> None:
    errors = errors_of(plan_with(f"{{country: {written}}}"))
    assert len(errors) == 1
    assert errors[0].startswith(
        f"plan.yaml:2:21: calendar.country: unknown country code {written!r}"
    )
    assert expected in errors[0]


def test_a_three_letter_code_is_the_same_country() -> None:
    for written in ("CHN", "chn", " cn "):
        breakdown = breakdown_of(plan_with(f"{{country: '{written}'}}"))
        assert breakdown.calendar is not None and breakdown.calendar.public is not None
        assert breakdown.calendar.public.country == "CN"
        assert describe_calendar(breakdown.calendar).startswith("calendar: China (CN), ")


def test_a_code_nobody_knows_keeps_the_plain_message() -> None:
    assert errors_of(plan_with("{country: QQ}")) == [
        "plan.yaml:2:21: calendar.country: unknown country code 'QQ'; use an ISO 3166 code "
        "that the holidays package supports, such as CN, US, DE"
    ]


def test_subdivisions_are_accepted() -> None:
    country = breakdown_of(plan_with("{country: US}"))
    california = breakdown_of(plan_with("{country: US-CA}"))
    lowercase = breakdown_of(plan_with("{country: us-ca}"))
    assert california.calendar is not None and california.calendar.public is not None
    assert california.calendar.public.subdivision == "CA"
    # César Chávez Day (03-31) is a holiday in California only.
    assert date(2026, 3, 31) in country.working_days
    assert date(2026, 3, 31) not in california.working_days
    assert lowercase.working_days == california.working_days
    assert describe_calendar(california.calendar).startswith(
        "calendar: United States (US), California (CA), 2026, "
    )


def test_an_unknown_subdivision_lists_the_valid_ones() -> None:
    [error] = errors_of(plan_with("{country: US-XX}"))
    assert error.startswith(
        "plan.yaml:2:21: calendar.country: United States (US) has no subdivision 'XX'; "
        "the holidays package knows: AK, AL, "
    )
    assert ", CA, " in error
    [china] = errors_of(plan_with("{country: CN-GD}"))
    assert china == (
        "plan.yaml:2:21: calendar.country: the holidays package has no subdivisions for "
        "China (CN); write country: CN"
    )


def test_checking_a_plan_without_a_country_does_not_import_holidays(tmp_path: Path) -> None:
    path = write(tmp_path, plan_with("{}"))
    code = (
        "import sys; from goalsplit.cli import app; from typer.testing import CliRunner; "
        f"r = CliRunner().invoke(app, ['check', {path!r}]); assert r.exit_code == 0, r.output; "
        "print('holidays' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


# --- quadratic work and the ends of the calendar ----------------------------------


def counting_days(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the days the calendar walks through: a measure of work that, unlike a
    stopwatch, does not depend on how busy the machine is."""
    import goalsplit.calendar

    walked = [0]
    walk = goalsplit.calendar.iter_days

    def counted(start: date, end: date) -> Iterator[date]:
        for day in walk(start, end):
            walked[0] += 1
            yield day

    monkeypatch.setattr(goalsplit.calendar, "iter_days", counted)
    return walked


def test_long_ranges_are_clipped_to_the_period_before_they_are_expanded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    everything = (date(1, 1, 1), date(9999, 12, 30))
    walked = counting_days(monkeypatch)
    days = expand_spans([everything] * 5, date(2026, 1, 1), date(2026, 3, 31))
    assert len(days) == 90
    assert walked[0] == 90  # the period's days, once: not 3.6 million days, five times
    assert expand_spans([(date(2026, 1, 5), date(2026, 1, 6))]) == {
        date(2026, 1, 5),
        date(2026, 1, 6),
    }


def test_a_hundred_reps_on_the_same_long_leave_take_no_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each rep starts on a different day, so no two share a window; the leave is the
    # same and spans three centuries (before the fix: about 7 s; now a few ms).
    reps = "\n".join(
        f"  - {{name: R{i}, start: 2026-01-{1 + i % 28:02d}, leave: [1900-01-01..2199-12-30]}}"
        for i in range(100)
    )
    text = (
        "period: 2026-Q1\n"
        "calendar: {holidays: [1900-01-01..2199-12-30, 1900-01-01..2199-12-30, "
        "1900-01-02..2199-12-30], workdays: [2026-01-03]}\n"
        f"target: 100\n{RATES}\nreps:\n  - {{name: A}}\n{reps}\n"
    )
    walked = counting_days(monkeypatch)
    breakdown = breakdown_of(text)
    # The period's days a few times over (team calendar, each distinct leave clipped to
    # the period), not 109,572 days for each of 100 reps and 3 holiday ranges.
    assert walked[0] <= 10 * 90
    assert breakdown.working_days == (date(2026, 1, 3),)
    assert all(rep.working_days == 0 for rep in breakdown.reps[1:])


def test_calendar_functions_work_at_the_ends_of_the_calendar() -> None:
    last = list(iter_days(date(9999, 12, 29), date.max))
    assert last == [date(9999, 12, 29), date(9999, 12, 30), date(9999, 12, 31)]
    assert list(iter_days(date.min, date(1, 1, 2))) == [date.min, date(1, 1, 2)]
    end_weeks = iso_weeks(date(9999, 12, 20), date.max)
    assert end_weeks[-1].end == date.max and end_weeks[-1].label == "9999-W52"
    start_weeks = iso_weeks(date.min, date(1, 1, 10))
    assert start_weeks[0].start == date.min and start_weeks[0].label == "0001-W01"
    assert expand_spans([(date.min, date.max)], date(9999, 12, 30), date.max) == {
        date(9999, 12, 30),
        date.max,
    }
    days = team_working_days(
        date(9999, 12, 27), date.max, WEEKEND, None, frozenset(), frozenset({date.max})
    )
    assert days == (
        date(9999, 12, 27),
        date(9999, 12, 28),
        date(9999, 12, 29),
        date(9999, 12, 30),
        date(9999, 12, 31),
    )
    assert public_calendar("CN", [1, 9999]).days_off == frozenset()


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date.min, max_value=date.max),
    st.integers(min_value=0, max_value=60),
)
def test_weeks_cover_every_day_once_anywhere_in_the_calendar(start: date, length: int) -> None:
    end = date.fromordinal(min(start.toordinal() + length, date.max.toordinal()))
    weeks = iso_weeks(start, end)
    covered = [day for week in weeks for day in iter_days(week.start, week.end)]
    assert covered == list(iter_days(start, end))
    assert all(w.start.weekday() == 0 or w.start == start for w in weeks)
    assert all(w.end.weekday() == 6 or w.end == end for w in weeks)

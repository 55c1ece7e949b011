"""The edges of calendar.py that a mutation run showed no other test pins down (issue 13):
the holiday library's year range, unknown countries and subdivisions, which language the
holiday names come in, how China's announced swaps are recognised, and the calendar line."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import ClassVar

import holidays
import pytest

from goalsplit.calendar import (
    WEEKEND_DEFAULT,
    CalendarInfo,
    UnknownCountryError,
    UnknownSubdivisionError,
    _announced_through,
    _has_substitution,
    _words,
    close_countries,
    country_name,
    describe_calendar,
    holiday_names,
    iso_weeks,
    public_calendar,
)


def info(
    country: str | None,
    start: date,
    end: date,
    weekend: frozenset[int] = WEEKEND_DEFAULT,
    off: frozenset[date] = frozenset(),
    on: frozenset[date] = frozenset(),
) -> CalendarInfo:
    public = public_calendar(country, range(start.year, end.year + 1)) if country else None
    return CalendarInfo(start, end, weekend, public, off, on)


# --- the holiday library's range --------------------------------------------------------


def test_years_outside_the_librarys_range_are_flagged_and_its_ends_are_not() -> None:
    table = holidays.country_holidays("DE")
    low, high = table.start_year, table.end_year
    calendar = public_calendar("DE", [low - 1, low, high, high + 1])
    assert calendar.uncovered_years == (low - 1, high + 1)
    # A country that follows fixed rules is known up to the library's last year.
    assert calendar.covered_through == high
    assert public_calendar("DE", [low, high]).uncovered_years == ()


def test_china_is_known_only_through_its_last_announced_year() -> None:
    # China's make-up days are announced year by year: 2026 is in the data, 2027 is not.
    calendar = public_calendar("CN", [2026, 2027])
    assert calendar.covered_through == 2026
    assert calendar.uncovered_years == (2027,)
    assert calendar.observes_make_up_days is True
    assert public_calendar("DE", [2026]).observes_make_up_days is False


# --- unknown countries and subdivisions --------------------------------------------------


def test_an_unknown_country_raises_with_its_code_and_close_matches() -> None:
    with pytest.raises(UnknownCountryError) as caught:
        public_calendar("QQ", [2026])
    assert caught.value.code == "QQ" and str(caught.value) == "QQ"
    assert caught.value.suggestions == ()
    with pytest.raises(UnknownCountryError) as close:
        public_calendar("CNN", [2026])
    assert close.value.code == "CNN"
    assert close.value.suggestions[0] == ("CN", "China")


def test_an_unknown_subdivision_raises_with_the_valid_ones() -> None:
    with pytest.raises(UnknownSubdivisionError) as caught:
        public_calendar("US-XX", [2026])
    error = caught.value
    assert str(error) == "US-XX"
    assert (error.country, error.name, error.subdivision) == ("US", "United States", "XX")
    assert "CA" in error.valid


def test_a_code_without_a_name_is_named_by_its_code() -> None:
    assert country_name("QQ") == "QQ"
    assert country_name("QQ", "zh") == "QQ"
    assert country_name("CHN", "zh") == "中国"


def test_close_matches_are_at_most_three() -> None:
    assert close_countries("CNN") == [("CN", "China"), ("PN", "Pitcairn Islands"), ("CA", "Canada")]
    # AEX is close to AX, AE, MX and AZ, and more: the three closest are named.
    assert close_countries("AEX") == [
        ("AX", "Aland Islands"),
        ("AE", "United Arab Emirates"),
        ("MX", "Mexico"),
    ]


@pytest.mark.parametrize(
    "written",
    [
        "Aland Islands",
        "aland islands",
        "AlandIslands",  # without the spaces
        "Aland  Islands",  # with too many
        "ALA",
        "Aland Islands-XX",  # a subdivision of a country written by name
    ],
)
def test_a_country_written_out_in_full_is_the_only_match(written: str) -> None:
    assert close_countries(written) == [("AX", "Aland Islands")]
    assert close_countries("Argentina-XX") == [("AR", "Argentina")]


def test_a_misspelt_name_is_matched_with_and_without_its_spaces() -> None:
    # Close to "BOUVET ISLAND" as written, and to other islands.
    assert close_countries("Bouvet Islan") == [
        ("BV", "Bouvet Island"),
        ("FO", "Faroe Islands"),
        ("SS", "South Sudan"),
    ]


def test_registry_names_are_split_into_words() -> None:
    assert _words("SaintHelenaAscensionAndTristanDaCunha") == (
        "Saint Helena Ascension and Tristan da Cunha"
    )
    assert _words("USVirginIslands") == "US Virgin Islands"
    assert _words("TheGambia") == "The Gambia"  # a small word is capitalised first
    assert _words("Korea2") == "Korea 2"
    assert _words("") == ""


# --- holiday names, and countries without English names ----------------------------------


@pytest.fixture
def chinese_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a language, the holidays package names holidays in the language of the
    environment's locale (or the country's own default): Chinese here."""
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    assert holidays.country_holidays("CN", years=2026)[date(2026, 1, 1)] == "元旦"


@pytest.mark.usefixtures("chinese_locale")
def test_holiday_names_are_in_english_whatever_the_locale() -> None:
    # China's holidays would come in Chinese, and Canada's in its default Canadian English
    # ("Labour Day"); names are asked for in US English wherever the package has it.
    assert public_calendar("CN", [2026]).names[date(2026, 1, 1)] == "New Year's Day"
    assert public_calendar("CA", [2026]).names[date(2026, 9, 7)] == "Labor Day"


@pytest.mark.usefixtures("chinese_locale")
def test_a_country_without_translations_and_its_subdivisions() -> None:
    # New Zealand has no translations at all (its names are English already), and regions
    # with their own anniversary days.
    country = public_calendar("NZ", [2026])
    assert country.names[date(2026, 2, 6)] == "Waitangi Day"
    assert date(2026, 1, 26) not in country.days_off
    assert country.subdivision is None and country.subdivision_name is None
    auckland = public_calendar("NZ-AUK", [2026])
    assert auckland.names[date(2026, 1, 26)] == "Auckland Anniversary Day"
    assert (auckland.subdivision, auckland.subdivision_name) == ("AUK", "Auckland")


def test_holiday_names_are_those_of_the_years_asked_for() -> None:
    china = public_calendar("CN", [2025, 2026])
    english = holiday_names(china, [2026], "en")
    assert english and {day.year for day in english} == {2026}
    assert english[date(2026, 1, 1)] == "New Year's Day"
    chinese = holiday_names(china, [2026], "zh")
    assert {day.year for day in chinese} == {2026}
    assert chinese[date(2026, 1, 1)] == "元旦"
    # Germany has no Chinese names: the English ones, of the years asked for.
    germany = public_calendar("DE", [2025, 2026])
    names = holiday_names(germany, [2026], "zh")
    assert names and {day.year for day in names} == {2026}
    assert names[date(2026, 12, 25)] == "Christmas Day"


# --- recognising announced swaps (China's 调休) --------------------------------------------


def test_what_counts_as_an_announced_swap() -> None:
    # The holidays package writes a day moved from another date as
    # (month, day, from_month, from_day[, from_year]); one such entry, or a tuple of them.
    assert _has_substitution((2, 14, 2, 16)) is True
    assert _has_substitution(((2, 14, 2, 16), (2, 28, 2, 23))) is True
    assert _has_substitution(((12, 31, 1, 2, 2026),)) is True
    # Named holidays (month, day, name), odd lengths and non-tuples are not swaps.
    assert _has_substitution(((10, 6, "中秋节"),)) is False
    assert _has_substitution((10, 6, "中秋节")) is False
    assert _has_substitution(((1, 2, 3),)) is False
    assert _has_substitution(((1, 2, 3, 4, 5, 6),)) is False
    assert _has_substitution(()) is False
    assert _has_substitution([(2, 14, 2, 16)]) is False
    assert _has_substitution(None) is False


def test_the_last_announced_year_reads_only_special_tables() -> None:
    table = SimpleNamespace(
        special_public_holidays={2025: ((2, 3, 1, 26),), 2026: ((2, 14, 2, 16),), "x": ()},
        special_observed={2030: ((10, 6, "中秋节"),)},
        special_note="not a table",
        other={2040: ((1, 1, 1, 2),)},
    )
    assert _announced_through(table) == 2026
    assert _announced_through(SimpleNamespace(other={2040: ((1, 1, 1, 2),)})) is None


# --- the period's days -----------------------------------------------------------------


def test_a_period_ending_on_a_monday_has_that_week_too() -> None:
    weeks = iso_weeks(date(2026, 3, 4), date(2026, 3, 9))
    assert [(w.label, w.start, w.end) for w in weeks] == [
        ("2026-W10", date(2026, 3, 4), date(2026, 3, 8)),
        ("2026-W11", date(2026, 3, 9), date(2026, 3, 9)),
    ]


def test_public_holidays_and_make_up_days_on_the_edges_of_the_period_count() -> None:
    # 2026-02-14 and 2026-02-28 are China's make-up Saturdays; 2026-01-01 is a holiday.
    february = info("CN", date(2026, 2, 14), date(2026, 2, 28))
    assert february.make_up_workdays() == [date(2026, 2, 14), date(2026, 2, 28)]
    new_year = info("CN", date(2025, 12, 29), date(2026, 1, 1))
    assert new_year.public_holidays() == [date(2026, 1, 1)]


def test_a_make_up_day_the_team_takes_off_is_a_team_day_off() -> None:
    calendar = info("CN", date(2026, 2, 1), date(2026, 2, 28), off=frozenset({date(2026, 2, 14)}))
    assert calendar.day_kind(date(2026, 2, 14)) == "team_day_off"
    assert calendar.day_kind(date(2026, 2, 28)) == "make_up_workday"


# --- the calendar line -----------------------------------------------------------------


def test_the_calendar_line_without_weekend_or_country() -> None:
    calendar = info(None, date(2026, 3, 1), date(2026, 3, 31), weekend=frozenset())
    assert describe_calendar(calendar) == "calendar: no weekend, no public holidays"
    assert describe_calendar(calendar, "zh") == "日历：无周末，无法定节假日"


def test_the_calendar_line_names_a_subdivision_in_both_languages() -> None:
    calendar = info("US-CA", date(2026, 3, 1), date(2026, 3, 31))
    assert describe_calendar(calendar) == (
        "calendar: United States (US), California (CA), 2026, 1 public holiday"
    )
    assert describe_calendar(calendar, "zh") == (
        "日历：美国（US），California（CA），2026 年，1 个法定节假日"
    )


def test_the_calendar_line_counts_make_up_days_even_when_none_fall_in_the_period() -> None:
    # China swaps days; March 2026 has none to swap, and the line says so.
    calendar = info("CN", date(2026, 3, 1), date(2026, 3, 31))
    assert describe_calendar(calendar) == (
        "calendar: China (CN), 2026, 0 public holidays, 0 make-up workdays"
    )


def test_the_calendar_line_names_an_unusual_weekend_and_extra_workdays() -> None:
    extra = frozenset({date(2026, 3, 6), date(2026, 3, 7)})
    calendar = info("CN", date(2026, 3, 1), date(2026, 3, 31), frozenset({4, 5}), on=extra)
    assert describe_calendar(calendar) == (
        "calendar: China (CN), 2026, 0 public holidays, 0 make-up workdays, "
        "weekend: fri, sat, +2 workdays"
    )
    assert describe_calendar(calendar, "zh") == (
        "日历：中国（CN），2026 年，0 个法定节假日，0 个调休上班日，周末：周五、周六，"
        "另有 2 个额外工作日"
    )
    none = info("CN", date(2026, 3, 1), date(2026, 3, 31), frozenset(), on=extra)
    assert describe_calendar(none).endswith(", no weekend, +2 workdays")
    assert describe_calendar(none, "zh").endswith("，无周末，另有 2 个额外工作日")


# --- the calendar logic against a holidays package we control -----------------------------


class FakeTable(dict[date, str]):
    """A country table as the holidays package makes them, for a country "XA" whose only
    English is British, with Chinese names and two regions. Each name says what it was
    asked for: the language and the subdivision."""

    country = "XA"
    supported_languages = ("fr", "en_GB", "zh_CN")
    subdivisions = ("N", "S")
    subdivisions_aliases: ClassVar[dict[str, str]] = {"North": "N", "Nord": "N"}


class BareTable(dict[date, str]):
    """A table without the optional attributes (languages, year limits, swapped days,
    subdivisions), as older versions of the package make them."""

    country = "XB"


def fake_country_holidays(
    code: str, subdiv: str | None = None, years: object = None, language: str | None = None
) -> dict[date, str]:
    kind = {"XA": FakeTable, "XB": BareTable}.get(code)
    if kind is None:
        raise NotImplementedError(code)
    table = kind()
    for year in years if isinstance(years, list) else ():
        table[date(year, 1, 1)] = f"New Year ({language or 'default'}, {subdiv or 'all'})"
    return table


@pytest.fixture
def fake_holidays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(holidays, "country_holidays", fake_country_holidays)


@pytest.mark.usefixtures("fake_holidays")
def test_names_come_in_the_countrys_own_english_when_it_has_no_us_english() -> None:
    country = public_calendar("XA", [2026])
    assert country.names == {date(2026, 1, 1): "New Year (en_GB, all)"}
    assert country.days_off == {date(2026, 1, 1)}
    north = public_calendar("XA-N", [2026])
    assert north.names == {date(2026, 1, 1): "New Year (en_GB, N)"}
    assert (north.subdivision, north.subdivision_name) == ("N", "North")
    assert holiday_names(north, [2026], "zh") == {date(2026, 1, 1): "New Year (zh_CN, N)"}
    assert holiday_names(north, [2026], "en") == north.names


@pytest.mark.usefixtures("fake_holidays")
def test_a_table_without_the_optional_attributes() -> None:
    # No languages: the default names. No year limits and no announced swaps: every year
    # is covered, and there are no make-up days. No subdivisions: none is valid.
    bare = public_calendar("XB", [2026, 2300])
    assert bare.names == {
        date(2026, 1, 1): "New Year (default, all)",
        date(2300, 1, 1): "New Year (default, all)",
    }
    assert (bare.covered_through, bare.uncovered_years) == (None, ())
    assert bare.make_up_days == frozenset() and bare.observes_make_up_days is False
    assert bare.name == "XB"
    assert holiday_names(bare, [2026], "zh") == {date(2026, 1, 1): "New Year (default, all)"}
    with pytest.raises(UnknownSubdivisionError) as caught:
        public_calendar("XB-N", [2026])
    assert caught.value.valid == ()

"""Working days and ISO weeks.

Everything here takes dates as arguments and never reads the clock. Public
holidays and official make-up working days (China's 调休) come from the
``holidays`` package, imported only when a plan names a country.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, Literal


@dataclass(frozen=True)
class Week:
    """An ISO week (Monday-Sunday) clipped to the period."""

    label: str  # "2026-W02"
    start: date
    end: date


@dataclass(frozen=True)
class Month:
    """A calendar month clipped to the period."""

    label: str  # "2026-01"
    start: date
    end: date


@dataclass(frozen=True)
class PublicCalendar:
    """A country's days off and official make-up working days for some years."""

    country: str  # the holidays package's code, e.g. "CN"
    days_off: frozenset[date]
    make_up_days: frozenset[date]
    uncovered_years: tuple[int, ...]  # years the holiday data does not really know
    covered_through: int | None
    name: str = ""  # "China"
    subdivision: str | None = None  # "CA" in US-CA
    subdivision_name: str | None = None  # "California"
    names: Mapping[date, str] = field(default_factory=dict)  # English names of days_off
    observes_make_up_days: bool = False  # does the country swap weekend days (调休) at all?


class UnknownCountryError(ValueError):
    """A country code the holidays package does not know; ``suggestions`` are
    ``(code, name)`` pairs close to what was written."""

    def __init__(self, code: str, suggestions: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(code)
        self.code = code
        self.suggestions = tuple(suggestions)


class UnknownSubdivisionError(ValueError):
    """A subdivision the holidays package does not know for a country it knows."""

    def __init__(self, country: str, name: str, subdivision: str, valid: Sequence[str]) -> None:
        super().__init__(f"{country}-{subdivision}")
        self.country = country
        self.name = name
        self.subdivision = subdivision
        self.valid = tuple(valid)


def iter_days(start: date, end: date) -> Iterator[date]:
    """Every day of [start, end], in order; safe up to date.max (no day after it is made)."""
    for ordinal in range(start.toordinal(), end.toordinal() + 1):
        yield date.fromordinal(ordinal)


def iso_weeks(start: date, end: date) -> tuple[Week, ...]:
    """Every ISO week overlapping [start, end], clipped to it, in order.

    Works in day numbers, so a week that would begin before date.min or end after
    date.max is simply clipped instead of raising.
    """
    weeks = []
    first, last = start.toordinal(), end.toordinal()
    monday = first - start.weekday()
    while monday <= last:
        week_start = date.fromordinal(max(monday, first))
        week_end = date.fromordinal(min(monday + 6, last))
        year, number, _ = week_start.isocalendar()  # every day of a week has its label
        weeks.append(Week(f"{year:04d}-W{number:02d}", week_start, week_end))
        monday += 7
    return tuple(weeks)


def calendar_months(start: date, end: date) -> tuple[Month, ...]:
    """Every calendar month overlapping [start, end], clipped to it, in order."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        first = max(date(year, month, 1), start)
        last_day = date(year, month, 1).replace(day=_month_days(year, month))
        months.append(Month(f"{year:04d}-{month:02d}", first, min(last_day, end)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def _month_days(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, month)[1]


def split_country(spec: str) -> tuple[str, str | None]:
    """``"us-ca"`` -> ``("US", "CA")``; ``"CN"`` -> ``("CN", None)``."""
    code, dash, subdivision = spec.strip().partition("-")
    return code.strip().upper(), (subdivision.strip().upper() or None) if dash else None


def public_calendar(country: str, years: Sequence[int] | range) -> PublicCalendar:
    """Public holidays and make-up working days of ``country`` for ``years``.

    ``country`` is a code the holidays package knows (``CN``, ``US``, also its
    three-letter form), optionally with a subdivision: ``US-CA``. The holidays
    package computes rule-based holidays for any year, but a country that
    announces its calendar year by year (China's make-up days) is only known for
    the years its data covers; those beyond are reported in ``uncovered_years`` so
    a guessed calendar never passes silently.
    """
    import holidays  # deferred: costs tens of milliseconds at start-up

    code, subdivision = split_country(country)
    years = list(years)
    try:
        table = holidays.country_holidays(code, years=years)
    except NotImplementedError:
        raise UnknownCountryError(code, close_countries(country)) from None
    kind = type(table)
    name = country_name(code)
    sub_name = None
    if subdivision is not None:
        known = _subdivisions(kind)
        if subdivision not in known:
            raise UnknownSubdivisionError(table.country, name, subdivision, list(known))
        sub_name = known[subdivision]
    languages = getattr(kind, "supported_languages", ()) or ()
    # Names in English where the package has them (China's default is Chinese).
    english = [lang for lang in languages if lang.startswith("en")]
    language = "en_US" if "en_US" in english else (english[0] if english else None)
    if subdivision is not None or language is not None:
        table = holidays.country_holidays(code, subdiv=subdivision, years=years, language=language)
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
    swaps = frozenset(getattr(table, "weekend_workdays", ()))
    wanted = set(years)
    make_up = frozenset(day for day in swaps if day.year in wanted)
    return PublicCalendar(
        country=str(table.country),
        days_off=frozenset(table.keys()),
        make_up_days=make_up,
        uncovered_years=uncovered,
        covered_through=covered,
        name=name,
        subdivision=subdivision,
        subdivision_name=sub_name,
        names=dict(table.items()),
        observes_make_up_days=bool(swaps),
    )


def holiday_names(public: PublicCalendar, years: Sequence[int], lang: str) -> dict[date, str]:
    """Names of the public holidays of ``years`` in ``lang``: Chinese where the
    holidays package has them (``zh_CN``), else the English names."""
    if lang != "zh":
        return {day: name for day, name in public.names.items() if day.year in years}
    import holidays

    table = holidays.country_holidays(public.country, subdiv=public.subdivision, years=list(years))
    languages = getattr(type(table), "supported_languages", ()) or ()
    if "zh_CN" not in languages:
        return {day: name for day, name in public.names.items() if day.year in years}
    table = holidays.country_holidays(
        public.country, subdiv=public.subdivision, years=list(years), language="zh_CN"
    )
    return dict(table.items())


def country_name(code: str, lang: str = "en") -> str:
    """A country's name from the holidays registry ("Saint Helena Ascension and Tristan
    da Cunha" for SH), in Chinese for the countries a plan most often names."""
    names = _country_names()
    alpha2 = next((c for c, (n, a3) in names.items() if code in (c, a3)), code)
    if lang == "zh" and alpha2 in ZH_COUNTRY_NAMES:
        return ZH_COUNTRY_NAMES[alpha2]
    return names[alpha2][0] if alpha2 in names else code


def close_countries(text: str, limit: int = 3) -> list[tuple[str, str]]:
    """Countries whose code or name is close to ``text``, as ``(code, name)``:
    ``China`` -> CN (China), ``CHN`` -> CN, ``Germny`` -> DE (Germany)."""
    from difflib import get_close_matches

    names = _country_names()
    wanted = text.strip()
    by_key: dict[str, str] = {}
    for code, (name, alpha3) in names.items():
        by_key.setdefault(code, code)
        if alpha3:
            by_key.setdefault(alpha3, code)
        by_key.setdefault(name.upper(), code)
        by_key.setdefault(name.replace(" ", "").upper(), code)
    for code, zh in ZH_COUNTRY_NAMES.items():
        by_key.setdefault(zh, code)
    found: list[str] = []
    head = split_country(wanted)[0]
    for key in (wanted.upper(), wanted.replace(" ", "").upper(), wanted, head):
        if key in by_key:
            found.append(by_key[key])
    if found:  # a name or a three-letter code written out in full
        return [(code, names[code][0]) for code in dict.fromkeys(found)]
    for key in get_close_matches(wanted.upper(), list(by_key), n=limit * 2, cutoff=0.6):
        found.append(by_key[key])
    unique = list(dict.fromkeys(found))[:limit]
    return [(code, names[code][0]) for code in unique]


@cache
def _country_names() -> dict[str, tuple[str, str]]:
    """``{alpha-2: (English name, alpha-3)}`` for every country the holidays package knows."""
    import holidays

    registry = getattr(holidays, "registry", None)
    entries = getattr(registry, "COUNTRIES", None)
    result: dict[str, tuple[str, str]] = {}
    if isinstance(entries, dict):
        for entry in entries.values():
            if isinstance(entry, tuple) and len(entry) >= 3:
                result[str(entry[1])] = (_words(str(entry[0])), str(entry[2]))
    if not result:  # pragma: no cover - an older holidays without the registry
        result = {code: (code, "") for code in holidays.list_supported_countries()}
    return result


_SMALL_WORDS = {"And", "Da", "Of", "The", "Del", "De"}


def _words(camel: str) -> str:
    """``SaintHelenaAscensionAndTristanDaCunha`` -> ``Saint Helena Ascension and
    Tristan da Cunha``."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z][a-z]*|[a-z]+|\d+", camel)
    return (
        " ".join(w.lower() if i and w in _SMALL_WORDS else w for i, w in enumerate(words)) or camel
    )


def _subdivisions(kind: Any) -> dict[str, str | None]:
    """``{code: name or None}`` of a country's subdivisions."""
    codes = tuple(getattr(kind, "subdivisions", ()) or ())
    names: dict[str, str] = {}
    for alias, code in (getattr(kind, "subdivisions_aliases", {}) or {}).items():
        names.setdefault(code, alias)
    return {str(code): names.get(code) for code in codes}


# Countries in Chinese: the ones a plan most often names, and SH, which a Chinese
# user may well write meaning Shanghai.
ZH_COUNTRY_NAMES = {
    "CN": "中国",
    "HK": "中国香港",
    "MO": "中国澳门",
    "TW": "中国台湾",
    "US": "美国",
    "GB": "英国",
    "DE": "德国",
    "FR": "法国",
    "IT": "意大利",
    "ES": "西班牙",
    "NL": "荷兰",
    "CH": "瑞士",
    "AT": "奥地利",
    "SE": "瑞典",
    "RU": "俄罗斯",
    "JP": "日本",
    "KR": "韩国",
    "SG": "新加坡",
    "MY": "马来西亚",
    "TH": "泰国",
    "VN": "越南",
    "ID": "印度尼西亚",
    "PH": "菲律宾",
    "IN": "印度",
    "AE": "阿联酋",
    "SA": "沙特阿拉伯",
    "AU": "澳大利亚",
    "NZ": "新西兰",
    "CA": "加拿大",
    "MX": "墨西哥",
    "BR": "巴西",
    "SH": "圣赫勒拿、阿森松和特里斯坦-达库尼亚",
}


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


def expand_spans(
    spans: Iterable[tuple[date, date]], start: date | None = None, end: date | None = None
) -> frozenset[date]:
    """The days of ``spans``, clipped to [start, end] first: a range such as
    ``0001-01-01..9999-12-30`` costs only the days of the period it overlaps."""
    days: set[date] = set()
    for first, last in set(spans):
        if start is not None and first < start:
            first = start
        if end is not None and last > end:
            last = end
        days.update(iter_days(first, last))
    return frozenset(days)


WEEKEND_DEFAULT = frozenset({5, 6})
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# What a day is for the team, in order of how the working days are decided.
DayKind = Literal[
    "working",
    "make_up_workday",  # a weekend day the country works instead of a holiday (调休)
    "extra_workday",  # a day the plan lists in calendar.workdays that would be off
    "public_holiday",
    "weekend",
    "team_day_off",  # calendar.holidays: a day off for everyone
]
WORKING_KINDS = frozenset({"working", "make_up_workday", "extra_workday"})


@dataclass(frozen=True)
class CalendarInfo:
    """The calendar a plan's working days come from, within its period: for saying
    which calendar was used, and why a day is (not) a working day."""

    start: date
    end: date
    weekend: frozenset[int]
    public: PublicCalendar | None
    extra_off: frozenset[date]  # calendar.holidays, within the period
    extra_on: frozenset[date]  # calendar.workdays, within the period

    def public_holidays(self) -> list[date]:
        """The public holidays (days off) within the period, in order."""
        if self.public is None:
            return []
        return sorted(d for d in self.public.days_off if self.start <= d <= self.end)

    def make_up_workdays(self) -> list[date]:
        if self.public is None:
            return []
        return sorted(d for d in self.public.make_up_days if self.start <= d <= self.end)

    def day_kind(self, day: date) -> DayKind:
        """Why ``day`` is or is not a working day for the team (as team_working_days)."""
        kind = self._kind_by_rules(day)
        if day in self.extra_on and kind not in WORKING_KINDS:
            return "extra_workday"
        return kind

    def _kind_by_rules(self, day: date) -> DayKind:
        public = self.public
        if public is not None and day in public.make_up_days:
            return "team_day_off" if day in self.extra_off else "make_up_workday"
        if public is not None and day in public.days_off:
            return "public_holiday"
        if day.weekday() in self.weekend:
            return "weekend"
        if day in self.extra_off:
            return "team_day_off"
        return "working"


def weekend_text(weekend: frozenset[int], lang: str) -> str:
    from goalsplit.i18n import WEEKDAY_LABELS

    if lang == "zh":
        return "、".join(WEEKDAY_LABELS["zh"][d] for d in sorted(weekend))
    return ", ".join(WEEKDAY_KEYS[d] for d in sorted(weekend))


def describe_calendar(info: CalendarInfo, lang: str = "en") -> str:
    """One line naming the calendar used: "calendar: China (CN), 2026, 8 public
    holidays, 3 make-up workdays" (counted within the period); without a country
    "calendar: weekends only (sat, sun), no public holidays"."""
    from goalsplit.i18n import tr, trn

    public = info.public
    years = (
        str(info.start.year)
        if info.start.year == info.end.year
        else f"{info.start.year}–{info.end.year}"
    )
    if public is None:
        if info.weekend:
            text = tr(
                "calendar: weekends only ({weekend}), no public holidays",
                lang,
                weekend=weekend_text(info.weekend, lang),
            )
        else:
            text = tr("calendar: no weekend, no public holidays", lang)
    else:
        place = tr(
            "{country} ({code})",
            lang,
            country=country_name(public.country, lang),
            code=public.country,
        )
        if public.subdivision is not None:
            place += tr(
                ", {subdivision} ({code})",
                lang,
                subdivision=public.subdivision_name or public.subdivision,
                code=public.subdivision,
            )
        parts = [
            tr("calendar: {place}", lang, place=place),
            f"{years} 年" if lang == "zh" else years,
            trn(
                "{count} public holiday",
                "{count} public holidays",
                len(info.public_holidays()),
                lang,
            ),
        ]
        make_up = len(info.make_up_workdays())
        if make_up or public.observes_make_up_days:
            parts.append(trn("{count} make-up workday", "{count} make-up workdays", make_up, lang))
        if info.weekend != WEEKEND_DEFAULT:
            parts.append(
                tr("weekend: {weekend}", lang, weekend=weekend_text(info.weekend, lang))
                if info.weekend
                else tr("no weekend", lang)
            )
        text = ("，" if lang == "zh" else ", ").join(parts)
    extras = []
    if info.extra_off:
        extras.append(trn("+{count} day off", "+{count} days off", len(info.extra_off), lang))
    if info.extra_on:
        extras.append(trn("+{count} workday", "+{count} workdays", len(info.extra_on), lang))
    return ("，" if lang == "zh" else ", ").join([text, *extras])

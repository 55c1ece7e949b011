"""The plan file, as validated input models (format version 1).

Models are frozen and forbid unknown keys, so a typo such as ``qouta:`` fails
loudly. Numbers arrive as ``int`` or ``Decimal`` (the loader never produces
binary floats for written decimals), so ``0.57`` stays exactly 57/100.
Checks that need more than one field at a time live in :func:`plan_issues`,
which returns every problem instead of stopping at the first.
"""

from __future__ import annotations

import calendar as _calendar
import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from goalsplit.errors import Issue

RESULT_STAGE = "revenue"
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_WEEKDAY_NAMES = tuple(name.lower() for name in _calendar.day_name)

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERCENT_RE = re.compile(r"^\s*([-+]?[0-9][0-9_]*(?:\.[0-9_]*)?|[-+]?\.[0-9_]+)\s*%\s*$")
_STAGE_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse_date(value: Any) -> date:
    """A calendar date written YYYY-MM-DD (an int is never read as a timestamp)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE_RE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a valid date") from None
    raise ValueError(f"expected a date written YYYY-MM-DD, got {value!r}")


def _date_span(value: Any) -> tuple[date, date]:
    """A single date or an inclusive range ``2026-03-09..2026-03-10``."""
    if isinstance(value, str) and ".." in value:
        first, _, last = value.partition("..")
        start, end = parse_date(first), parse_date(last)
        if end < start:
            raise ValueError(f"range {value!r} ends before it starts")
        return (start, end)
    day = parse_date(value)
    return (day, day)


def _percent(value: Any) -> Any:
    """Let a rate be written ``30%`` as well as ``0.30``."""
    if isinstance(value, str):
        match = _PERCENT_RE.match(value)
        if match:
            try:
                return Decimal(match.group(1)) / 100
            except InvalidOperation:  # pragma: no cover - the regex admits only numbers
                pass
    return value


def _parse_period(value: Any) -> Any:
    """Turn ``2026``, ``2026-H1``, ``2026-Q1``, ``2026-03``, ``2026-W05`` into start/end."""
    if isinstance(value, dict):
        return value
    text = str(value).strip() if isinstance(value, int | str) else None
    if text is not None and not isinstance(value, bool):
        span = period_span(text)
        if span is not None:
            return {"start": span[0], "end": span[1], "label": text.upper()}
    raise ValueError(
        f"expected a period such as 2026, 2026-H1, 2026-Q1, 2026-03, 2026-W05 or "
        f"{{start: 2026-01-05, end: 2026-03-27}}, got {value!r}"
    )


def period_span(text: str) -> tuple[date, date] | None:
    """The first and last day of a named period, or None if it is not one."""
    text = text.upper()
    try:
        if re.fullmatch(r"\d{4}", text):
            year = int(text)
            return date(year, 1, 1), date(year, 12, 31)
        if m := re.fullmatch(r"(\d{4})-H([12])", text):
            year, half = int(m[1]), int(m[2])
            return date(year, 6 * half - 5, 1), _month_end(year, 6 * half)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", text):
            year, quarter = int(m[1]), int(m[2])
            return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), _month_end(year, month)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", text):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
    except ValueError:
        return None
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, _calendar.monthrange(year, month)[1])


def _weekday(value: Any) -> int:
    if isinstance(value, str):
        name = value.strip().lower()
        if name in WEEKDAY_NAMES:
            return WEEKDAY_NAMES.index(name)
        if name in _FULL_WEEKDAY_NAMES:
            return _FULL_WEEKDAY_NAMES.index(name)
    raise ValueError(f"expected a weekday ({', '.join(WEEKDAY_NAMES)}), got {value!r}")


IsoDate = Annotated[date, BeforeValidator(parse_date)]
DateSpan = Annotated[tuple[date, date], BeforeValidator(_date_span)]
Weekday = Annotated[int, BeforeValidator(_weekday)]
Money = Annotated[Decimal, Field(allow_inf_nan=False)]
PositiveNumber = Annotated[Decimal, Field(gt=0, allow_inf_nan=False)]
Rate = Annotated[Decimal, BeforeValidator(_percent), Field(gt=0, allow_inf_nan=False)]
Unit = Literal["money", "count"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Stage(_Model):
    """One funnel stage below the result."""

    name: str
    label: str | None = None
    unit: Unit = "count"

    @field_validator("name")
    @classmethod
    def _name_is_a_key(cls, name: str) -> str:
        if not _STAGE_NAME_RE.match(name):
            raise ValueError(
                f"stage name {name!r} must be a key such as deep_talks "
                "(letters, digits and _, not starting with a digit)"
            )
        if name == RESULT_STAGE:
            raise ValueError(f"{RESULT_STAGE!r} is the result stage; it is always first")
        return name

    @property
    def display_label(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()


REVENUE = Stage.model_construct(name=RESULT_STAGE, label="Revenue", unit="money")
DEFAULT_FUNNEL: tuple[Stage, ...] = (
    Stage.model_construct(name="pipeline", label="Pipeline", unit="money"),
    Stage.model_construct(name="intents", label="Intents", unit="count"),
    Stage.model_construct(name="deep_talks", label="Deep talks", unit="count"),
    Stage.model_construct(name="connects", label="Connects", unit="count"),
    Stage.model_construct(name="dials", label="Dials", unit="count"),
)


class Period(_Model):
    start: IsoDate
    end: IsoDate
    label: str | None = None

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: date, info: Any) -> date:
        start = info.data.get("start")
        if start is not None and end < start:
            raise ValueError(f"the period ends ({end}) before it starts ({start})")
        return end

    @property
    def name(self) -> str:
        return self.label or f"{self.start}..{self.end}"


class Calendar(_Model):
    country: str | None = None
    weekend: tuple[Weekday, ...] = (5, 6)
    holidays: tuple[DateSpan, ...] = ()
    workdays: tuple[DateSpan, ...] = ()


class Rep(_Model):
    model_config = ConfigDict(coerce_numbers_to_str=True)

    name: str = Field(min_length=1)
    weight: PositiveNumber = Decimal(1)
    quota: Annotated[Money, Field(ge=0)] | None = None
    rates: dict[str, Rate] = {}
    start: IsoDate | None = None
    end: IsoDate | None = None
    leave: tuple[DateSpan, ...] = ()

    @field_validator("name")
    @classmethod
    def _strip(cls, name: str) -> str:
        if not name.strip():
            raise ValueError("a rep's name must not be blank")
        return name.strip()


class Plan(_Model):
    version: Literal[1] = 1
    team: str | None = None
    currency: str | None = None
    period: Annotated[Period, BeforeValidator(_parse_period)]
    calendar: Calendar = Calendar()
    target: PositiveNumber
    stretch: Annotated[Decimal, BeforeValidator(_percent), Field(ge=1, allow_inf_nan=False)] = (
        Decimal(1)
    )
    funnel: tuple[Stage, ...] | None = Field(default=None, min_length=1)
    rates: dict[str, Rate] = {}
    reps: tuple[Rep, ...] = Field(min_length=1)

    @property
    def stages(self) -> tuple[Stage, ...]:
        """Every stage, the result (revenue) first, down to the first daily activity."""
        return (REVENUE, *(self.funnel or DEFAULT_FUNNEL))


def plan_issues(plan: Plan) -> list[Issue]:
    """Consistency problems that involve more than one field, all of them."""
    issues: list[Issue] = []
    stages = plan.stages
    names = [stage.name for stage in stages[1:]]

    seen_stage: set[str] = set()
    for i, stage in enumerate(plan.funnel or ()):
        if stage.name in seen_stage:
            issues.append(Issue(("funnel", i, "name"), f"stage {stage.name!r} is listed twice"))
        seen_stage.add(stage.name)

    def check_rates(rates: dict[str, Decimal], where: tuple[str | int, ...]) -> None:
        for stage_name in rates:
            if stage_name not in names:
                hint = (
                    f"the revenue stage has no rate; the stages are {', '.join(names)}"
                    if stage_name == RESULT_STAGE
                    else f"the stages are {', '.join(names)}"
                )
                issues.append(
                    Issue(
                        (*where, stage_name), f"no stage named {stage_name!r}; {hint}", at_key=True
                    )
                )

    check_rates(plan.rates, ("rates",))

    nobody = [n for n in names if n not in plan.rates and all(n not in r.rates for r in plan.reps)]
    if nobody:
        issues.append(
            Issue(
                ("rates",),
                f"no rate for {', '.join(nobody)}: give the team's rate here "
                "(or a rate in every rep's rates:)",
            )
        )

    first_seen: dict[str, int] = {}
    for i, rep in enumerate(plan.reps):
        where: tuple[str | int, ...] = ("reps", i)
        if rep.name in first_seen:
            issues.append(
                Issue(
                    (*where, "name"),
                    f"rep {rep.name!r} is listed twice (also reps[{first_seen[rep.name]}])",
                )
            )
        else:
            first_seen[rep.name] = i
        check_rates(rep.rates, (*where, "rates"))
        missing = [
            n for n in names if n not in rep.rates and n not in plan.rates and n not in nobody
        ]
        if missing:
            issues.append(
                Issue(
                    where,
                    f"{rep.name}: no rate for {', '.join(missing)} "
                    "(give it in the team's rates: or in this rep's rates:)",
                )
            )
        for key in ("start", "end"):
            day = getattr(rep, key)
            if day is not None and not plan.period.start <= day <= plan.period.end:
                issues.append(
                    Issue(
                        (*where, key),
                        f"{key} {day} is outside the period {plan.period.start}..{plan.period.end}",
                    )
                )
        if rep.start and rep.end and rep.end < rep.start:
            issues.append(Issue((*where, "end"), f"end {rep.end} is before start {rep.start}"))
        for j, (first, last) in enumerate(rep.leave):
            if last < plan.period.start or first > plan.period.end:
                issues.append(
                    Issue(
                        (*where, "leave", j),
                        f"leave {first}..{last} lies outside the period and has no effect",
                        severity="warning",
                    )
                )
    return issues

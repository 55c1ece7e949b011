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

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
)

from goalsplit.errors import InputError, Issue
from goalsplit.i18n import N_

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
            raise InputError("{value} is not a valid date", value=repr(value)) from None
    raise InputError("expected a date written YYYY-MM-DD, got {value}", value=repr(value))


def _date_span(value: Any) -> tuple[date, date]:
    """A single date or an inclusive range ``2026-03-09..2026-03-10``."""
    if isinstance(value, str) and ".." in value:
        first, _, last = value.partition("..")
        start, end = parse_date(first), parse_date(last)
        if end < start:
            raise InputError("range {value} ends before it starts", value=repr(value))
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
    raise InputError(
        "expected a period such as 2026, 2026-H1, 2026-Q1, 2026-03, 2026-W05 or "
        "{{start: 2026-01-05, end: 2026-03-27}}, got {value}",
        value=repr(value),
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
    raise InputError(
        "expected a weekday ({names}), got {value}",
        names=", ".join(WEEKDAY_NAMES),
        value=repr(value),
    )


# The JSON Schema (``goalsplit schema``) describes what is written in the file,
# not the parsed values, hence the explicit schemas below.
_DATE = r"\d{4}-\d{2}-\d{2}"
_PERCENT = r"^\s*[0-9][0-9_]*(\.[0-9_]*)?\s*%\s*$"
_PERCENT_AT_LEAST_100 = r"^\s*[1-9][0-9_]{2,}(\.[0-9_]*)?\s*%\s*$"
IsoDate = Annotated[
    date, BeforeValidator(parse_date), WithJsonSchema({"type": "string", "format": "date"})
]
DateSpan = Annotated[
    tuple[date, date],
    BeforeValidator(_date_span),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": f"^{_DATE}(\\.\\.{_DATE})?$",
            "description": "A date, or an inclusive range such as 2026-03-09..2026-03-10.",
        }
    ),
]
Weekday = Annotated[
    int,
    BeforeValidator(_weekday),
    WithJsonSchema({"enum": [*WEEKDAY_NAMES, *_FULL_WEEKDAY_NAMES]}),
]
_NUMBER_SCHEMA = {"type": "number"}
Money = Annotated[Decimal, Field(allow_inf_nan=False), WithJsonSchema(_NUMBER_SCHEMA)]
PositiveNumber = Annotated[
    Decimal,
    Field(gt=0, allow_inf_nan=False),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0}),
]
Rate = Annotated[
    Decimal,
    BeforeValidator(_percent),
    Field(gt=0, allow_inf_nan=False),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "exclusiveMinimum": 0},
                {"type": "string", "pattern": _PERCENT},
            ],
            "description": "How much of the stage above one unit of this stage yields "
            "(0.30, or 30%).",
        }
    ),
]
Unit = Literal["money", "count"]
_PERIOD_SCHEMA = {
    "description": "2026, 2026-H1, 2026-Q1, 2026-03, 2026-W05 or {start, end}.",
    "anyOf": [
        {"type": "integer"},
        {"type": "string", "pattern": r"^\d{4}(-[HhQqWw]?\d{1,2})?$"},
        {
            "type": "object",
            "properties": {
                "start": {"type": "string", "format": "date"},
                "end": {"type": "string", "format": "date"},
                "label": {"type": "string"},
            },
            "required": ["start", "end"],
            "additionalProperties": False,
        },
    ],
}


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
            raise InputError(
                "stage name {name} must be a key such as deep_talks "
                "(letters, digits and _, not starting with a digit)",
                name=repr(name),
            )
        if name == RESULT_STAGE:
            raise InputError("{name} is the result stage; it is always first", name=repr(name))
        return name


REVENUE = Stage.model_construct(name=RESULT_STAGE, label=None, unit="money")
DEFAULT_FUNNEL: tuple[Stage, ...] = (
    Stage.model_construct(name="pipeline", label=None, unit="money"),
    Stage.model_construct(name="intents", label=None, unit="count"),
    Stage.model_construct(name="deep_talks", label=None, unit="count"),
    Stage.model_construct(name="connects", label=None, unit="count"),
    Stage.model_construct(name="dials", label=None, unit="count"),
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
            raise InputError(
                "the period ends ({end}) before it starts ({start})", end=end, start=start
            )
        return end

    @property
    def name(self) -> str:
        return self.label or f"{self.start}..{self.end}"


class Calendar(_Model):
    country: str | None = Field(
        default=None,
        description="Country code for public holidays and official make-up working days.",
    )
    weekend: tuple[Weekday, ...] = Field(
        default=(5, 6), json_schema_extra={"default": ["sat", "sun"]}
    )
    holidays: tuple[DateSpan, ...] = Field(default=(), description="Extra days off for everyone.")
    workdays: tuple[DateSpan, ...] = Field(
        default=(), description="Extra working days for everyone (always working days)."
    )


class Rep(_Model):
    model_config = ConfigDict(coerce_numbers_to_str=True)

    name: str = Field(min_length=1)
    weight: PositiveNumber = Field(
        default=Decimal(1), description="Ability weight for sharing the target (default 1)."
    )
    quota: Annotated[Money, Field(ge=0)] | None = Field(
        default=None, description="An explicit quota, kept as is; the others share the rest."
    )
    rates: dict[str, Rate] = Field(
        default={}, description="The rep's own rates, overriding the team's stage by stage."
    )
    start: IsoDate | None = Field(default=None, description="Joins the team on this day.")
    end: IsoDate | None = Field(default=None, description="Leaves the team after this day.")
    leave: tuple[DateSpan, ...] = Field(default=(), description="Personal days off.")

    @field_validator("name")
    @classmethod
    def _strip(cls, name: str) -> str:
        if not name.strip():
            raise InputError("a rep's name must not be blank")
        return name.strip()


def _history_file(value: Any) -> Any:
    """``history: past.csv`` is short for ``history: {file: past.csv}``."""
    return {"file": value} if isinstance(value, str) else value


class HistorySource(_Model):
    """Past activity to draw each rep's rates (and ability) from."""

    file: str = Field(min_length=1, description="A CSV file, relative to the plan file.")
    months: int | None = Field(
        default=None, gt=0, description="Use only the last N months before the period start."
    )
    since: IsoDate | None = Field(default=None, description="Use rows from this day on.")
    until: IsoDate | None = Field(
        default=None, description="Use rows up to this day (default: the day before the period)."
    )
    prior: int = Field(
        default=30,
        ge=0,
        description="Prior strength: the team's rate weighs as much as this many units "
        "(count equivalents) of a rep's own activity at each stage.",
    )


class Plan(_Model):
    version: Literal[1] = 1
    lang: Literal["en", "zh"] | None = Field(
        default=None,
        description="Language of reports and messages for this plan (--lang and "
        "GOALSPLIT_LANG still win).",
    )
    team: str | None = Field(default=None, description="A label for reports.")
    currency: str | None = Field(default=None, description="Shown next to money.")
    period: Annotated[Period, BeforeValidator(_parse_period), WithJsonSchema(_PERIOD_SCHEMA)]
    calendar: Calendar = Field(default=Calendar(), json_schema_extra={"default": {}})
    target: PositiveNumber = Field(description="The team's revenue target for the period.")
    stretch: Annotated[
        Decimal,
        BeforeValidator(_percent),
        Field(ge=1, allow_inf_nan=False),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "number", "minimum": 1},
                    {"type": "string", "pattern": _PERCENT_AT_LEAST_100},
                ]
            }
        ),
    ] = Field(
        default=Decimal(1),
        description="Quotas add up to target x stretch (at least 1; 1.1 or 110%).",
        json_schema_extra={"default": 1},
    )
    funnel: tuple[Stage, ...] | None = Field(
        default=None,
        min_length=1,
        description="The stages below revenue, top to bottom (default: pipeline, intents, "
        "deep_talks, connects, dials).",
    )
    rates: dict[str, Rate] = Field(default={}, description="The team's rate of each stage.")
    reps: tuple[Rep, ...] = Field(min_length=1)
    history: Annotated[HistorySource | None, BeforeValidator(_history_file)] = Field(
        default=None,
        description="Past activity (CSV) for personal rates: a file name, or {file, months, "
        "since, until, prior}.",
    )
    allocation: Literal["weight", "history"] = Field(
        default="weight",
        description="Share the target by weight x working days, or also by each rep's "
        "historical revenue per working day.",
    )

    def history_window(self) -> tuple[date | None, date]:
        """The days of history to use: by default everything before the period."""
        source = self.history
        until = self.period.start - timedelta(days=1)
        if source is None:
            return None, until
        if source.until is not None:
            until = source.until
        since = source.since
        if since is None and source.months is not None:
            month = self.period.start.year * 12 + self.period.start.month - 1 - source.months
            since = date(month // 12, month % 12 + 1, 1)
        return since, until

    @property
    def stages(self) -> tuple[Stage, ...]:
        """Every stage, the result (revenue) first, down to the first daily activity."""
        return (REVENUE, *(self.funnel or DEFAULT_FUNNEL))


def plan_issues(plan: Plan) -> list[Issue]:
    """Consistency problems that involve more than one field, all of them."""
    issues: list[Issue] = []
    stages = plan.stages
    names = [stage.name for stage in stages[1:]]
    listed = ", ".join(names)

    seen_stage: set[str] = set()
    for i, stage in enumerate(plan.funnel or ()):
        if stage.name in seen_stage:
            issues.append(
                Issue(
                    ("funnel", i, "name"),
                    "stage {name} is listed twice",
                    {"name": repr(stage.name)},
                )
            )
        seen_stage.add(stage.name)

    def check_rates(rates: dict[str, Decimal], where: tuple[str | int, ...]) -> None:
        for stage_name in rates:
            if stage_name not in names:
                template = (
                    N_(
                        "no stage named {name}; the revenue stage has no rate; "
                        "the stages are {stages}"
                    )
                    if stage_name == RESULT_STAGE
                    else N_("no stage named {name}; the stages are {stages}")
                )
                issues.append(
                    Issue(
                        (*where, stage_name),
                        template,
                        {"name": repr(stage_name), "stages": listed},
                        at_key=True,
                    )
                )

    check_rates(plan.rates, ("rates",))

    # With a history file, rates missing here come from it (checked when it is read).
    nobody = [
        n
        for n in names
        if plan.history is None and n not in plan.rates and all(n not in r.rates for r in plan.reps)
    ]
    if nobody:
        issues.append(
            Issue(
                ("rates",),
                "no rate for {stages}: give the team's rate here (or a rate in every rep's rates:)",
                {"stages": ", ".join(nobody)},
            )
        )

    first_seen: dict[str, int] = {}
    for i, rep in enumerate(plan.reps):
        where: tuple[str | int, ...] = ("reps", i)
        if rep.name in first_seen:
            issues.append(
                Issue(
                    (*where, "name"),
                    "rep {name} is listed twice (also reps[{other}])",
                    {"name": repr(rep.name), "other": first_seen[rep.name]},
                )
            )
        else:
            first_seen[rep.name] = i
        check_rates(rep.rates, (*where, "rates"))
        missing = [
            n
            for n in names
            if plan.history is None
            and n not in rep.rates
            and n not in plan.rates
            and n not in nobody
        ]
        if missing:
            issues.append(
                Issue(
                    where,
                    "{rep}: no rate for {stages} (give it in the team's rates: or in this rep's "
                    "rates:)",
                    {"rep": rep.name, "stages": ", ".join(missing)},
                )
            )
        for key in ("start", "end"):
            day = getattr(rep, key)
            if day is not None and not plan.period.start <= day <= plan.period.end:
                issues.append(
                    Issue(
                        (*where, key),
                        "{key} {day} is outside the period {start}..{end}",
                        {
                            "key": key,
                            "day": day,
                            "start": plan.period.start,
                            "end": plan.period.end,
                        },
                    )
                )
        if rep.start and rep.end and rep.end < rep.start:
            issues.append(
                Issue(
                    (*where, "end"),
                    "end {end} is before start {start}",
                    {"end": rep.end, "start": rep.start},
                )
            )
        for j, (first, last) in enumerate(rep.leave):
            if last < plan.period.start or first > plan.period.end:
                issues.append(
                    Issue(
                        (*where, "leave", j),
                        "leave {first}..{last} lies outside the period and has no effect",
                        {"first": first, "last": last},
                        severity="warning",
                    )
                )
    if plan.allocation == "history" and plan.history is None:
        issues.append(
            Issue(("allocation",), "allocation: history needs a history: file to draw on")
        )
    if plan.history and plan.history.since and plan.history.since > plan.history_window()[1]:
        issues.append(
            Issue(
                ("history", "since"),
                "the history window is empty: since {since} is after until {until}",
                {"since": plan.history.since, "until": plan.history_window()[1]},
            )
        )
    return issues

"""The plan file, as validated input models (format version 1).

Models are frozen and forbid unknown keys, so a typo such as ``qouta:`` fails
loudly. Numbers arrive as ``int`` or ``Decimal`` (the loader never produces
binary floats for written decimals), so ``0.57`` stays exactly 57/100. The
loader hands them over with the text they were written as (:class:`WrittenInt`,
:class:`WrittenDecimal`), so that a text field keeps ``007`` as ``007``, and a
number outside the range of :mod:`goalsplit.limits` as :class:`OutOfRange`, so
that every numeric field reports it once, in the same words. Dates are held to
the same limits wherever they are written.
Checks that need more than one field at a time live in :mod:`goalsplit.checks`,
which returns every problem instead of stopping at the first.
"""

from __future__ import annotations

import calendar as _calendar
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    field_validator,
)

from goalsplit.errors import InputError
from goalsplit.i18n import N_
from goalsplit.limits import (
    FIRST_DATE,
    LAST_DATE,
    NumberOutOfRangeError,
    check_decimal,
    date_in_range,
    parse_written_number,
)

RESULT_STAGE = "revenue"
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_WEEKDAY_NAMES = tuple(name.lower() for name in _calendar.day_name)

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_PERCENT_RE = re.compile(r"^\s*([-+]?[0-9][0-9_]*(?:\.[0-9_]*)?|[-+]?\.[0-9_]+)\s*%\s*$")
_STAGE_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PERIOD_YEAR_RE = re.compile(r"(\d{4})(?:-(?:H[12]|Q[1-4]|\d{2}|W\d{2}))?")

OUT_OF_RANGE = N_(
    "{value} is out of range: a number must be "
    "between 0.000000001 and 1,000,000,000,000 in size (or 0), with at most 30 digits"
)
"""The one message for a number outside the range (it quotes ``limits.RANGE_TEXT``)."""
DATE_OUT_OF_RANGE = N_("{value} is outside the dates goalsplit accepts, {first}..{last}")


class WrittenInt(int):
    """A whole number read from a plan, with the text it was written as (``007``)."""

    text: str

    def __new__(cls, value: int, text: str) -> WrittenInt:
        number = super().__new__(cls, value)
        number.text = text
        return number


class WrittenDecimal(Decimal):
    """A decimal number read from a plan, with the text it was written as (``1e3``)."""

    text: str

    def __new__(cls, value: Decimal, text: str) -> WrittenDecimal:
        number = super().__new__(cls, value)
        number.text = text
        return number


class OutOfRange(str):
    """A number written outside the range (``1e999``, ``.inf``), kept as its text.

    A numeric field reports it (once, see :data:`OUT_OF_RANGE`); a text field takes it
    as the text it is, so a rep may be called ``1e999``.
    """


def _as_text(value: Any) -> Any:
    """A scalar in a text field is the text as written: ``007`` stays ``007``."""
    if isinstance(value, WrittenInt | WrittenDecimal):
        return value.text
    if isinstance(value, OutOfRange):
        return str(value)
    return value


# In the schema, text may also be written as a number (a rep called 007): editors
# must not flag what goalsplit reads as text.
Text = Annotated[
    str,
    BeforeValidator(_as_text),
    WithJsonSchema({"type": ["string", "number"]}),
]
NonEmptyText = Annotated[
    str,
    BeforeValidator(_as_text),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]}),
]


def _shown_number(value: int | Decimal | float) -> str:
    text = getattr(value, "text", None)
    if isinstance(text, str):
        return text
    if isinstance(value, int) and not -(10**100) < value < 10**100:
        return format(Decimal(value), ".6g")  # str() of a huge int is refused
    return str(value)


def _number(value: Any) -> Any:
    """Hold every number written in a plan to the one range rule of limits.py."""
    if isinstance(value, OutOfRange):
        raise InputError(OUT_OF_RANGE, value=str(value))
    if isinstance(value, bool):
        return value  # pydantic says what it must be
    if isinstance(value, str):
        try:
            parsed = parse_written_number(value)
        except NumberOutOfRangeError:
            raise InputError(OUT_OF_RANGE, value=value.strip()) from None
        return value if parsed is None else parsed
    if isinstance(value, float):
        if value != value:  # NaN: pydantic says it must be a finite number
            return value
        # As written (0.1, not its binary expansion); infinity is out of range.
        exact: Decimal | None = Decimal(repr(value)) if abs(value) != float("inf") else None
    elif isinstance(value, int | Decimal):
        exact = Decimal(value)
    else:
        return value
    try:
        if exact is None:
            raise NumberOutOfRangeError(str(value))
        check_decimal(exact)
    except NumberOutOfRangeError:
        raise InputError(OUT_OF_RANGE, value=_shown_number(value)) from None
    return int(value) if isinstance(value, int) else exact


def make_date(text: str, year: int, month: int, day: int) -> date:
    """The date ``text`` names, or an InputError saying why there is none."""
    if not FIRST_DATE.year <= year <= LAST_DATE.year:
        raise InputError(DATE_OUT_OF_RANGE, value=text, first=FIRST_DATE, last=LAST_DATE)
    if not 1 <= month <= 12:
        raise InputError(
            "{value} does not exist: there is no month {month}", value=text, month=month
        )
    days = _calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise InputError(
            "{value} does not exist: {month:%B %Y} has {days} days",
            value=text,
            month=date(year, month, 1),
            days=days,
        )
    return date(year, month, day)


def parse_date(value: Any) -> date:
    """A calendar date written YYYY-MM-DD (an int is never read as a timestamp)."""
    if isinstance(value, date):
        if not date_in_range(value):
            raise InputError(DATE_OUT_OF_RANGE, value=value, first=FIRST_DATE, last=LAST_DATE)
        return value
    if isinstance(value, str):
        text = value.strip()
        match = _DATE_RE.match(text)
        if match:
            return make_date(text, int(match[1]), int(match[2]), int(match[3]))
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
    """Let a rate be written ``30%`` as well as ``0.30``; either is held to the range."""
    if isinstance(value, str) and not isinstance(value, OutOfRange):
        match = _PERCENT_RE.match(value)
        if match:
            try:
                number = parse_written_number(match.group(1))
                if number is not None:
                    number = number.scaleb(-2)  # exact, unlike a division in 28 digits
                    check_decimal(number)
                    return number
            except NumberOutOfRangeError:
                raise InputError(OUT_OF_RANGE, value=value.strip()) from None
    return _number(value)


def _parse_period(value: Any) -> Any:
    """Turn ``2026``, ``2026-H1``, ``2026-Q1``, ``2026-03``, ``2026-W05`` into start/end."""
    if isinstance(value, dict):
        return value
    text = None
    if isinstance(value, WrittenInt):
        text = value.text.strip()
    elif isinstance(value, int | str) and not isinstance(value, bool):
        text = str(value).strip()
    if text is not None:
        year = _PERIOD_YEAR_RE.fullmatch(text.upper())
        if year and not FIRST_DATE.year <= int(year[1]) <= LAST_DATE.year:
            raise InputError(DATE_OUT_OF_RANGE, value=text, first=FIRST_DATE, last=LAST_DATE)
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
Money = Annotated[
    Decimal, BeforeValidator(_number), Field(allow_inf_nan=False), WithJsonSchema(_NUMBER_SCHEMA)
]
PositiveNumber = Annotated[
    Decimal,
    BeforeValidator(_number),
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
Share = Annotated[
    Decimal,
    BeforeValidator(_percent),
    Field(ge=0, allow_inf_nan=False),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 1},
                {"type": "string", "pattern": _PERCENT},
            ],
        }
    ),
]
Unit = Literal["money", "count"]


# -- issue 9: plans shaped in time ------------------------------------------------------
_SHARE_SCHEMA = {
    "anyOf": [
        {"type": "number", "exclusiveMinimum": 0},
        {"type": "string", "pattern": _PERCENT},
    ]
}


def _at_most_full(value: Decimal) -> Decimal:
    if value > 1:
        raise InputError(
            "a ramp step is at most 100% (full pace), got {value}", value=shown_percent(value)
        )
    return value


def _buffer_at_most(value: Decimal) -> Decimal:
    if value > 1:
        raise InputError("a buffer is at most 100%, got {value}", value=shown_percent(value))
    return value


def shown_percent(value: Decimal) -> str:
    return f"{(value * 100).normalize():f}%"


SeasonWeight = Annotated[
    Decimal,
    BeforeValidator(_percent),
    Field(gt=0, allow_inf_nan=False),
    WithJsonSchema(
        {
            **_SHARE_SCHEMA,
            "description": "How much a working day of this month weighs (1: an ordinary month).",
        }
    ),
]
RampStep = Annotated[
    Decimal,
    BeforeValidator(_percent),
    Field(gt=0, allow_inf_nan=False),
    AfterValidator(_at_most_full),
    WithJsonSchema(_SHARE_SCHEMA),
]
# Tags of the unions below; the validator leaves them out of an error's location.
UNION_TAGS = frozenset({"<months>", "<history>", "<steps>", "<none>"})
MAX_RAMP_MONTHS = 36


def _season_form(value: Any) -> str:
    return "<history>" if isinstance(value, str) else "<months>"


def _ramp_form(value: Any) -> str:
    return "<none>" if isinstance(value, str) else "<steps>"


Seasonality = Annotated[
    Annotated[dict[str, SeasonWeight], Tag("<months>")]
    | Annotated[Literal["history"], Tag("<history>")],
    Discriminator(_season_form),
    WithJsonSchema(
        {
            "description": "Weight of a working day in each calendar month, such as "
            "{1: 0.8, 2: 0.5, 11: 1.4} (months not listed weigh 1), or history: each "
            "month's revenue per working day in the history file.",
            "anyOf": [
                {
                    "type": "object",
                    "patternProperties": {"^(0?[1-9]|1[0-2])$": _SHARE_SCHEMA},
                    "additionalProperties": False,
                },
                {"const": "history"},
            ],
        }
    ),
]
Ramp = Annotated[
    Annotated[tuple[RampStep, ...], Tag("<steps>"), Field(min_length=1, max_length=MAX_RAMP_MONTHS)]
    | Annotated[Literal["none"], Tag("<none>")],
    Discriminator(_ramp_form),
    WithJsonSchema(
        {
            "description": "A new rep's productivity by month of tenure, such as "
            "[25%, 50%, 75%] (then 100%), or none.",
            "anyOf": [
                {"type": "array", "items": _SHARE_SCHEMA, "minItems": 1, "maxItems": 36},
                {"const": "none"},
            ],
        }
    ),
]
Buffer = Annotated[
    Decimal,
    BeforeValidator(_percent),
    Field(ge=0, allow_inf_nan=False),
    AfterValidator(_buffer_at_most),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 1},
                {"type": "string", "pattern": _PERCENT},
            ],
            "description": "Run the schedules this much ahead of the shaped pace (10%), so "
            "that the full requirement is met before the period's last weeks.",
        }
    ),
]


def _whole_days(value: Any) -> Any:
    return _number(value)


Cycle = Annotated[
    int,
    BeforeValidator(_whole_days),
    Field(ge=0),
    WithJsonSchema(
        {
            "type": "integer",
            "minimum": 0,
            "description": "Working days from an activity to the revenue it produces: "
            "the activity stages run this much ahead of revenue.",
        }
    ),
]
# A daily amount of one stage: whole units, since a day's targets are whole.
DailyFloor = Annotated[
    int,
    BeforeValidator(_number),
    Field(ge=0),
    WithJsonSchema({"type": "integer", "minimum": 0}),
]
DailyCapacity = Annotated[
    int,
    BeforeValidator(_number),
    Field(gt=0),
    WithJsonSchema({"type": "integer", "exclusiveMinimum": 0}),
]
_FLOORS = (
    "Daily minimums per stage (visits: 8): a day's target is the larger of the floor and "
    "the funnel's number."
)
_CAPACITY = (
    "The most of a stage a rep can do in a day (dials: 150); a plan that needs more on "
    "any working day is infeasible."
)
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
    label: Text | None = None
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
    label: Text | None = None

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
    name: NonEmptyText = Field(min_length=1)
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
    hired: IsoDate | None = Field(
        default=None,
        description="Hired on this day: the ramp counts months of tenure from it (default: "
        "start). Inside the period without start, the rep starts on it.",
    )
    ramp: Ramp | None = Field(
        default=None, description="This rep's ramp-up (overrides the team's), or none."
    )
    cycle: Cycle | None = Field(
        default=None, description="This rep's sales cycle in working days (overrides the team's)."
    )
    floors: dict[str, DailyFloor] = Field(
        default={}, description=_FLOORS + " The rep's own, overriding the team's stage by stage."
    )
    capacity: dict[str, DailyCapacity] = Field(
        default={},
        description=_CAPACITY + " The rep's own, overriding the team's stage by stage.",
    )

    @field_validator("name")
    @classmethod
    def _strip(cls, name: str) -> str:
        if not name.strip():
            raise InputError("a rep's name must not be blank")
        return name.strip()


def _history_file(value: Any) -> Any:
    """``history: past.csv`` is short for ``history: {file: past.csv}``."""
    return {"file": value} if isinstance(value, str | WrittenInt | WrittenDecimal) else value


class HistorySource(_Model):
    """Past activity to draw each rep's rates (and ability) from."""

    file: NonEmptyText = Field(
        min_length=1, description="A CSV file or workbook (.xlsx), relative to the plan file."
    )
    sheet: NonEmptyText | None = Field(
        default=None, min_length=1, description="A workbook's sheet to read (default: the first)."
    )
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

    @field_validator("months", "prior", mode="before")
    @classmethod
    def _in_range(cls, value: Any) -> Any:
        return _number(value)


class CarveOut(_Model):
    """Revenue hoped for from new business: taken off the target before it is decomposed."""

    name: NonEmptyText = Field(min_length=1)
    amount: PositiveNumber
    owner: Text | None = Field(default=None, description="The rep who owns it (reported only).")


class Plan(_Model):
    version: Literal[1] = 1
    lang: Literal["en", "zh"] | None = Field(
        default=None,
        description="Language of reports and messages for this plan (--lang and "
        "GOALSPLIT_LANG still win).",
    )
    team: Text | None = Field(default=None, description="A label for reports.")
    currency: Text | None = Field(default=None, description="Shown next to money.")
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
    seasonality: Seasonality | None = None
    ramp: Ramp | None = Field(
        default=None,
        description="The team's ramp-up for new reps (those with hired: or start: in the "
        "period), by month of tenure.",
    )
    carve_out: tuple[CarveOut, ...] = Field(
        default=(),
        description="Revenue expected from new business, taken off the target before it is "
        "decomposed: a bonus, not a burden.",
    )
    buffer: Buffer | None = None
    cycle: Cycle = Field(default=0)

    tiers: tuple[Share, ...] | None = Field(
        default=None,
        description="The shares of the team ranked top, middle and bottom in track "
        "(default [20%, 70%, 10%], the 2-7-1 tiers; [30%, 60%, 10%] for 3-6-1).",
        json_schema_extra={"minItems": 3, "maxItems": 3},
    )

    @field_validator("tiers")
    @classmethod
    def _three_shares(cls, tiers: tuple[Decimal, ...] | None) -> tuple[Decimal, ...] | None:
        if tiers is None:
            return None
        if len(tiers) != 3 or sum(tiers) != 1:
            raise InputError(
                "expected three shares, top, middle and bottom, that add up to 100% "
                "(such as [20%, 70%, 10%]), got {value}",
                value="[" + ", ".join(_shown_number(t) for t in tiers) + "]",
            )
        return tiers

    floors: dict[str, DailyFloor] = Field(default={}, description=_FLOORS)
    capacity: dict[str, DailyCapacity] = Field(default={}, description=_CAPACITY)
    scenarios: dict[str, dict[str, Any]] = Field(
        default={},
        description="Named what-ifs, chosen with --scenario NAME: each a part of the plan laid "
        "over it (mappings merge key by key, reps by name).",
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
            # More months than the dates a history may hold is simply all of it.
            since = max(date(max(month // 12, 1), month % 12 + 1, 1), FIRST_DATE)
        return since, until

    @property
    def stages(self) -> tuple[Stage, ...]:
        """Every stage, the result (revenue) first, down to the first daily activity."""
        return (REVENUE, *(self.funnel or DEFAULT_FUNNEL))


_MONTH_KEY_RE = re.compile(r"^\s*0?([1-9]|1[0-2])\s*$")


def season_month(key: str) -> int | None:
    """The calendar month a seasonality key names (``1``, ``01`` .. ``12``), or None."""
    match = _MONTH_KEY_RE.match(key)
    return int(match[1]) if match else None

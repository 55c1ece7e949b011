"""Views: what a report says, as typed tables, notes and chart series.

A view holds numbers, not text: each column knows its kind (money, count, rate,
percent, decimal, date, text) and how many decimals a person reads, each cell
holds the number itself (an ``int`` or an exact ``Fraction``), a date, a string or
None (missing). A :class:`Value` carries a cell whose kind differs from its
column's (a stage row of money among counts), a mark after the number (``*`` an
explicit quota, ``^`` a day lifted by a floor) or, for a label, its display text
beside its real value (a week's label and its start date).

Formats turn views into text or bytes: table and Markdown lay out
:meth:`View.blocks` through :mod:`goalsplit.render.display`; CSV writes
:meth:`View.records` (one long table for a spreadsheet's filters); xlsx writes
blocks and records as sheets with real numbers, and draws :meth:`View.charts`;
HTML shows blocks and charts. JSON is the hand-kept contract and reads the core
objects the view holds (:attr:`View.subject`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, NoReturn

from goalsplit.render.grid import Note

if TYPE_CHECKING:
    from goalsplit.render import ReportOptions

Kind = Literal["money", "count", "rate", "percent", "decimal", "date", "text"]
Align = Literal["left", "right"]
Number = int | Fraction
CellValue = Number | date | str | None


class ViewKind(str, Enum):
    """Every report a command can show; each format renders every one of them (or
    says, in :data:`goalsplit.render.UNSUPPORTED`, that it does not)."""

    plan = "plan"
    card = "card"
    track = "track"
    rates = "rates"
    reach = "reach"
    compare = "compare"


def assert_never(value: NoReturn) -> NoReturn:  # typing.assert_never, Python 3.11+
    raise AssertionError(f"unhandled case: {value!r}")


@dataclass(frozen=True, slots=True)
class Value:
    """A cell that says more than its column: its own kind, a mark, a sign, or the
    text shown for it."""

    value: CellValue
    kind: Kind | None = None  # None: the column's
    places: int | None = None
    mark: str = ""
    signed: bool = False
    shown: str | None = None  # the text a person reads, when not the value formatted


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = "text"
    places: int | None = None  # decimals a person reads (None: whole when whole)
    align: Align | None = None  # None: text left, numbers right
    signed: bool = False  # a gap: +5 / -5
    key: str = ""  # a stable name for machines (CSV and xlsx headers stay translated)

    @property
    def aligned(self) -> Align:
        if self.align is not None:
            return self.align
        return "left" if self.kind in ("text", "date") else "right"


def money_column(header: str) -> Column:
    return Column(header, "money")


def stage_column(header: str, unit: str, per_day: bool = False) -> Column:
    """A stage's amounts: money for a money stage, else counts (per day: one decimal)."""
    if unit == "money":
        return Column(header, "money")
    return Column(header, "count", 1 if per_day else None)


TEAM = "\x00team"
"""The ``name`` of the tables and charts about the whole team. No rep can be named so
(a plan refuses control characters), so a rep named "Team" keeps a sheet, a section
and charts of their own; a format shows it as "Team" in the report's language."""


def shown_name(name: str, lang: str) -> str:
    """A table's ``name`` as a person reads it (a sheet's name)."""
    from goalsplit.i18n import tr

    return tr("Team", lang) if name == TEAM else name


@dataclass
class Table:
    """A table of a report: title, columns, rows, footer and the caption below it.

    ``name`` says what it is about, for a sheet's name: a rep's name, or :data:`TEAM`;
    ``rows`` may be any iterable (a long table is written as it is produced).
    """

    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    row_styles: list[str] = field(default_factory=list)
    footer: list[Any] | None = None
    title: str = ""
    caption: str = ""  # below the table; a newline starts a new line
    subtitle: str = ""  # under the title
    name: str = ""
    stream: Iterable[Sequence[Any]] | None = None  # rows produced on demand (records)
    role: str = ""  # what the table is, for the charts drawn from it (schedule, ...)

    def add_row(self, *cells: Any, style: str = "") -> None:
        self.rows.append(list(cells))
        self.row_styles.append(style)

    def all_rows(self) -> Iterable[Sequence[Any]]:
        return self.rows if self.stream is None else self.stream


Block = Table | Note


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number | None]
    kind: Kind = "count"
    column: int | None = None  # the column of Chart.table it comes from


@dataclass(frozen=True)
class Chart:
    """A chart of a view: ``bar`` (targets by week or month; plan against actual),
    ``line`` (a burn-up: plan to date against actual), ``funnel`` (each stage's
    requirement for the period). ``about`` names the rep or the team. When the
    numbers are a table of the view's blocks, ``table`` is that table, each series
    names its column and ``rows`` the table's rows charted: the xlsx format draws
    the chart from those cells; HTML draws every chart from the values."""

    kind: Literal["bar", "line", "funnel"]
    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    about: str = ""
    table: Table | None = None
    rows: tuple[int, int] | None = None  # first and last row index in the table
    labels: int = 0  # the table's column of the categories
    footer: bool = False  # the series are the table's footer (a funnel of totals)
    marker: str | None = None  # a vertical line at this category (the as-of day)
    reference: Number | None = None  # a horizontal line at this value (100%)


@dataclass(frozen=True)
class View:
    """A report to show: what it is, the core object it shows, and how."""

    kind: ViewKind
    subject: Any
    options: ReportOptions

    @property
    def currency(self) -> str | None:
        """The plan's ``currency:`` (for money formats), when the view shows a plan."""
        subject = self.subject
        if isinstance(subject, list | tuple) and subject:  # compare: its cases
            subject = subject[0]
        breakdown = getattr(subject, "breakdown", subject)
        currency = getattr(breakdown, "currency", None)
        return currency if isinstance(currency, str) and currency else None

    def blocks(self) -> list[Block]:
        """What a person reads: tables with notes between them."""
        from goalsplit.render.views import blocks

        return blocks(self)

    def records(self) -> Table:
        """One long table of every number, a row per rep and stage (CSV, a data sheet)."""
        from goalsplit.render.records import records

        return records(self)

    def charts(self, blocks: Sequence[Block]) -> list[Chart]:
        """The charts of the view, drawn from ``blocks`` (this view's) where they can."""
        from goalsplit.render.charts import charts

        return charts(self, blocks)

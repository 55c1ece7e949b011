"""Output formats: one module per format, one registry.

A report is a :class:`~goalsplit.render.view.View` (what it is, the core object it
shows, the options); each format module has ``render_view(view)``, which returns
the report as an iterator of text chunks, or of bytes for a binary format
(:data:`BINARY`: xlsx). Modules are imported only when used, so JSON output never
pays for rich, and no text format pays for the xlsx writer or the chart library.
Every format renders every view, except where :data:`UNSUPPORTED` says otherwise
(a test renders every pair).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from goalsplit.i18n import stage_label

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown
    from goalsplit.card import DayCard
    from goalsplit.history import RatesReport
    from goalsplit.model import Stage
    from goalsplit.render.view import View, ViewKind
    from goalsplit.track import TrackReport


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"
    html = "html"


RENDERERS: dict[Format, str] = {
    Format.table: "goalsplit.render.table",
    Format.json: "goalsplit.render.json",
    Format.csv: "goalsplit.render.csv",
    Format.markdown: "goalsplit.render.markdown",
    Format.xlsx: "goalsplit.render.xlsx",
    Format.html: "goalsplit.render.html",
}

BINARY = frozenset({"xlsx"})  # formats that write bytes: never to a terminal


class RatesFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"
    html = "html"
    yaml = "yaml"


RATES_RENDERERS: dict[RatesFormat, str] = {
    **{RatesFormat(fmt.value): module for fmt, module in RENDERERS.items()},
    RatesFormat.yaml: "goalsplit.render.yaml",
}

# (format, view) pairs a format does not render; the command does not offer them.
UNSUPPORTED: frozenset[tuple[str, str]] = frozenset(
    ("yaml", kind) for kind in ("plan", "card", "track", "reach", "compare")
)

# The packages of the reports extra, by the format that needs them.
EXTRA_MODULES: dict[str, tuple[str, ...]] = {
    "xlsx": ("xlsxwriter",),
    "html": ("matplotlib",),
}


class MissingExtraError(Exception):
    """A format needs a package of the ``reports`` extra that is not installed."""

    def __init__(self, fmt: str, module: str) -> None:
        self.fmt = fmt
        self.module = module
        super().__init__(f"--format {fmt} needs {module}")


def check_extra(fmt: str) -> None:
    """Raise MissingExtraError when the format's packages are not installed (found
    without importing them, so this costs nothing)."""
    from importlib.util import find_spec

    for module in EXTRA_MODULES.get(fmt, ()):
        if find_spec(module) is None:
            raise MissingExtraError(fmt, module)


def render_view(fmt: Format | RatesFormat, view: View) -> Iterator[str | bytes]:
    """The report as consecutive pieces of text (or bytes, for :data:`BINARY`)."""
    module = RATES_RENDERERS[RatesFormat(fmt.value)]
    chunks: Iterator[str | bytes] = importlib.import_module(module).render_view(view)
    return chunks


def _view(kind: str, subject: object, options: ReportOptions) -> View:
    from goalsplit.render.view import View, ViewKind

    return View(ViewKind(kind), subject, options)


class By(str, Enum):
    """The runs of days a human report shows per rep (``plan --by``)."""

    week = "week"
    month = "month"


# A period touching more calendar months than this reads by month unless --by says so.
MONTHS_READ_BY_WEEK = 3


@dataclass(frozen=True)
class ReportOptions:
    reps: tuple[str, ...] = ()  # names to show; empty shows everyone
    daily: bool = False
    by: By | None = None  # None: by month for a period longer than a quarter, else by week
    color: bool = False
    width: int = 80
    lang: str = "en"

    def label(self, stage: Stage) -> str:
        return stage_label(stage.name, stage.label, self.lang)

    def schedule_by(self, breakdown: Breakdown) -> By:
        """Weeks or months: as asked, else months for a half-year or a year (53 weeks
        are too many rows to read), weeks for a quarter or less."""
        if self.by is not None:
            return self.by
        return By.month if len(breakdown.months) > MONTHS_READ_BY_WEEK else By.week


def render(fmt: Format, breakdown: Breakdown, options: ReportOptions) -> Iterator[str | bytes]:
    """The plan's report as consecutive pieces (a large JSON report is streamed)."""
    return render_view(fmt, _view("plan", breakdown, options))


def render_text(fmt: Format, breakdown: Breakdown, options: ReportOptions) -> str:
    return "".join(str(chunk) for chunk in render(fmt, breakdown, options))


def render_card(fmt: Format, card: DayCard, options: ReportOptions) -> Iterator[str | bytes]:
    """A rep's day card as consecutive pieces."""
    return render_view(fmt, _view("card", card, options))


def selected_reps(breakdown: Breakdown, options: ReportOptions) -> list[int]:
    """Indices of the reps to show, in plan order."""
    if not options.reps:
        return list(range(len(breakdown.reps)))
    wanted = set(options.reps)
    return [i for i, rep in enumerate(breakdown.reps) if rep.name in wanted]


def render_rates(
    fmt: RatesFormat, report: RatesReport, options: ReportOptions
) -> Iterator[str | bytes]:
    """Rates drawn from a history file as consecutive pieces."""
    return render_view(fmt, _view("rates", report, options))


def render_track(fmt: Format, report: TrackReport, options: ReportOptions) -> Iterator[str | bytes]:
    """Plan against actuals as consecutive pieces."""
    return render_view(fmt, _view("track", report, options))


def view_kinds() -> list[ViewKind]:
    from goalsplit.render.view import ViewKind

    return list(ViewKind)

"""Output formats: one module per format, one registry.

Each format module has ``render(breakdown, options)`` for a plan and
``render_card(card, options)`` for a rep's day, each returning the report as an
iterator of text chunks. Modules are imported only when used, so JSON output
never pays for rich.
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
    from goalsplit.track import TrackReport


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


RENDERERS: dict[Format, str] = {
    Format.table: "goalsplit.render.table",
    Format.json: "goalsplit.render.json",
    Format.csv: "goalsplit.render.csv",
    Format.markdown: "goalsplit.render.markdown",
}


class RatesFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    yaml = "yaml"


RATES_RENDERERS: dict[RatesFormat, str] = {
    **{RatesFormat(fmt.value): module for fmt, module in RENDERERS.items()},
    RatesFormat.yaml: "goalsplit.render.yaml",
}


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


def _chunks(module: str, function: str, subject: object, options: ReportOptions) -> Iterator[str]:
    chunks: Iterator[str] = getattr(importlib.import_module(module), function)(subject, options)
    return chunks


def render(fmt: Format, breakdown: Breakdown, options: ReportOptions) -> Iterator[str]:
    """The report as consecutive pieces of text (a large JSON report is streamed)."""
    return _chunks(RENDERERS[fmt], "render", breakdown, options)


def render_text(fmt: Format, breakdown: Breakdown, options: ReportOptions) -> str:
    return "".join(render(fmt, breakdown, options))


def render_card(fmt: Format, card: DayCard, options: ReportOptions) -> Iterator[str]:
    """A rep's day card as consecutive pieces of text."""
    return _chunks(RENDERERS[fmt], "render_card", card, options)


def selected_reps(breakdown: Breakdown, options: ReportOptions) -> list[int]:
    """Indices of the reps to show, in plan order."""
    if not options.reps:
        return list(range(len(breakdown.reps)))
    wanted = set(options.reps)
    return [i for i, rep in enumerate(breakdown.reps) if rep.name in wanted]


def render_rates(fmt: RatesFormat, report: RatesReport, options: ReportOptions) -> Iterator[str]:
    """Rates drawn from a history file as consecutive pieces of text."""
    return _chunks(RATES_RENDERERS[fmt], "render_rates", report, options)


def render_track(fmt: Format, report: TrackReport, options: ReportOptions) -> Iterator[str]:
    """Plan against actuals as consecutive pieces of text."""
    return _chunks(RENDERERS[fmt], "render_track", report, options)

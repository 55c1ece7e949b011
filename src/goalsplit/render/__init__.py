"""Output formats: one module per format, one registry.

Each format module has ``render(breakdown, options)`` returning the report as an
iterator of text chunks. Modules are imported only when used, so JSON output
never pays for rich.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown


class Format(str, Enum):
    table = "table"
    json = "json"


RENDERERS: dict[Format, str] = {
    Format.table: "goalsplit.render.table",
    Format.json: "goalsplit.render.json",
}


@dataclass(frozen=True)
class ReportOptions:
    reps: tuple[str, ...] = ()  # names to show; empty shows everyone
    daily: bool = False
    color: bool = False
    width: int = 80


def render(fmt: Format, breakdown: Breakdown, options: ReportOptions) -> Iterator[str]:
    """The report as consecutive pieces of text (a large JSON report is streamed)."""
    module = importlib.import_module(RENDERERS[fmt])
    chunks: Iterator[str] = module.render(breakdown, options)
    return chunks


def render_text(fmt: Format, breakdown: Breakdown, options: ReportOptions) -> str:
    return "".join(render(fmt, breakdown, options))


def selected_reps(breakdown: Breakdown, options: ReportOptions) -> list[int]:
    """Indices of the reps to show, in plan order."""
    if not options.reps:
        return list(range(len(breakdown.reps)))
    wanted = set(options.reps)
    return [i for i, rep in enumerate(breakdown.reps) if rep.name in wanted]

"""``--format markdown``: the human report as GitHub-flavoured Markdown tables.

Fit for a chat message, an email or a CI job summary
(``goalsplit plan plan.yaml -f markdown >> "$GITHUB_STEP_SUMMARY"``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from goalsplit.render import ReportOptions
from goalsplit.render.display import text_blocks
from goalsplit.render.grid import Grid
from goalsplit.render.view import Block, View, ViewKind
from goalsplit.text import printable

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown
    from goalsplit.card import DayCard
    from goalsplit.history import RatesReport
    from goalsplit.track import TrackReport


def render_view(view: View) -> Iterator[str]:
    yield document(view.blocks())


def render(breakdown: Breakdown, options: ReportOptions) -> Iterator[str]:
    return render_view(View(ViewKind.plan, breakdown, options))


def render_card(card: DayCard, options: ReportOptions) -> Iterator[str]:
    return render_view(View(ViewKind.card, card, options))


def render_rates(report: RatesReport, options: ReportOptions) -> Iterator[str]:
    return render_view(View(ViewKind.rates, report, options))


def render_track(report: TrackReport, options: ReportOptions) -> Iterator[str]:
    return render_view(View(ViewKind.track, report, options))


def document(view_blocks: list[Block]) -> str:
    blocks = text_blocks(view_blocks)
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Grid):
            first = not any(isinstance(b, Grid) for b in blocks[: blocks.index(block)])
            parts.append(table(block, heading="##" if first else "###"))
        else:
            parts.append(escape(block.text) + "\n")
    return "\n".join(parts)


def escape(text: str) -> str:
    """Cell or line text that Markdown shows as written (control characters as
    visible escapes)."""
    text = printable(text)
    for char in "\\|*_`[]<>":
        text = text.replace(char, "\\" + char)
    return text


def table(grid: Grid, heading: str) -> str:
    lines = []
    if grid.title:
        lines += [f"{heading} {escape(grid.title)}", ""]
    if grid.subtitle:
        lines += [escape(grid.subtitle), ""]
    lines.append("| " + " | ".join(escape(c.header) for c in grid.columns) + " |")
    lines.append(
        "|" + "|".join("---:" if c.align == "right" else ":---" for c in grid.columns) + "|"
    )
    for row in grid.rows:
        lines.append("| " + " | ".join(escape(cell) for cell in row) + " |")
    if grid.footer:
        lines.append(
            "| " + " | ".join(f"**{escape(cell)}**" if cell else "" for cell in grid.footer) + " |"
        )
    if grid.caption:
        paragraphs = [f"_{escape(text)}_" for text in grid.caption.split("\n") if text]
        lines += ["", "\n\n".join(paragraphs)]
    return "\n".join(lines) + "\n"

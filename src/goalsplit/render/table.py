"""``--format table``: the human report laid out for a terminal, readable in 80 columns.

Colour only on a terminal (bold headings, dim empty weeks, a green or red
target check); in pipes, files and with ``NO_COLOR`` plain text, without
importing rich at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from goalsplit.render import ReportOptions
from goalsplit.render.display import text_blocks
from goalsplit.render.grid import Grid, Line, layout, wrap
from goalsplit.render.view import Block, View, ViewKind
from goalsplit.text import printable

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown
    from goalsplit.card import DayCard
    from goalsplit.history import RatesReport
    from goalsplit.track import TrackReport

STYLES = {
    "title": "bold",
    "header": "bold",
    "footer": "bold",
    "rule": "dim",
    "caption": "dim",
    "dim": "dim",
    "ok": "green",
    "bad": "bold red",
}


def render_view(view: View) -> Iterator[str]:
    yield paint(lines(view.blocks(), view.options.width), view.options.color)


def render(breakdown: Breakdown, options: ReportOptions) -> Iterator[str]:
    return render_view(View(ViewKind.plan, breakdown, options))


def render_card(card: DayCard, options: ReportOptions) -> Iterator[str]:
    return render_view(View(ViewKind.card, card, options))


def render_rates(report: RatesReport, options: ReportOptions) -> Iterator[str]:
    return render_view(View(ViewKind.rates, report, options))


def render_track(report: TrackReport, options: ReportOptions) -> Iterator[str]:
    return render_view(View(ViewKind.track, report, options))


def lines(blocks: list[Block], width: int) -> list[Line]:
    """Blocks one under another, a blank line before every table but the first."""
    result: list[Line] = []
    for block in text_blocks(blocks):
        if isinstance(block, Grid):
            if result:
                result.append(("", ""))
            result += layout(block, width)
        else:
            result += [(text, block.style) for text in wrap(printable(block.text), width)]
    return result


def paint(lines: list[Line], color: bool) -> str:
    """Plain text, or ANSI-styled text through rich when writing to a terminal."""
    if not color:
        return "".join(text + "\n" for text, _ in lines)
    import io

    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=io.StringIO(),
        force_terminal=True,
        color_system="standard",
        width=10_000,
        highlight=False,
        emoji=False,
        markup=False,
    )
    for text, style in lines:
        console.print(Text(text, style=STYLES.get(style, "")), soft_wrap=True)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()

"""``--format table``: the manager's report, readable in 80 columns.

A team summary (each rep's quota and average daily stage targets, team totals,
the sub-goals-vs-target check), then per rep the weekly schedule in whole units
(and, with ``--daily``, the schedule per working day). Colour only on a
terminal; elsewhere plain text, without importing rich.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

from goalsplit.breakdown import Breakdown, RepPlan
from goalsplit.model import Stage
from goalsplit.render import ReportOptions, selected_reps
from goalsplit.render.grid import Column, Grid, Line, layout

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


def render(breakdown: Breakdown, options: ReportOptions) -> Iterator[str]:
    yield paint(report_lines(breakdown, options), options.color)


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


def report_lines(breakdown: Breakdown, options: ReportOptions) -> list[Line]:
    lines = layout(summary_grid(breakdown, options), options.width)
    lines += allocation_lines(breakdown)
    for i in selected_reps(breakdown, options):
        rep = breakdown.reps[i]
        lines.append(("", ""))
        lines += layout(weekly_grid(breakdown, rep), options.width)
        if options.daily:
            lines.append(("", ""))
            lines += layout(daily_grid(breakdown, rep), options.width)
    return lines


def _half_up(amount: Fraction) -> int:
    return math.floor(amount + Fraction(1, 2))


def money(amount: int | Fraction) -> str:
    """Whole currency units with thousands separators (halves round up)."""
    return f"{_half_up(Fraction(amount)):,}"


def average(amount: Fraction, stage: Stage) -> str:
    """An exact per-day average: whole currency units for money, one decimal for counts."""
    if stage.unit == "money":
        return money(amount)
    tenths = _half_up(amount * 10)
    sign = "-" if tenths < 0 else ""
    return f"{sign}{abs(tenths) // 10:,}.{abs(tenths) % 10}"


def whole(amount: int) -> str:
    return f"{amount:,}"


def _currency(breakdown: Breakdown) -> str:
    return f" ({breakdown.currency})" if breakdown.currency else ""


def summary_grid(breakdown: Breakdown, options: ReportOptions) -> Grid:
    stages = breakdown.stages[1:]
    shown = [breakdown.reps[i] for i in selected_reps(breakdown, options)]
    everyone = len(shown) == len(breakdown.reps)
    team = f"{breakdown.team} · " if breakdown.team else ""
    grid = Grid(
        columns=[
            Column("Rep", "left"),
            Column("Days"),
            Column(f"Quota{_currency(breakdown)}"),
            *(Column(stage.display_label) for stage in stages),
        ],
        title=f"{team}{breakdown.period_label} ({breakdown.start} – {breakdown.end}, "
        f"{len(breakdown.working_days)} working days)",
        caption="Stage columns: average per working day.",
    )
    per_day_totals = [Fraction(0)] * len(breakdown.stages)
    for rep in shown:
        per_day = rep.per_day()
        if per_day:
            per_day_totals = [a + b for a, b in zip(per_day_totals, per_day, strict=True)]
        grid.add_row(
            rep.name,
            str(rep.working_days),
            money(rep.totals()[0]) + ("*" if rep.quota_explicit else ""),
            *(
                average(per_day[k], stage) if per_day else "–"
                for k, stage in enumerate(stages, start=1)
            ),
        )
    grid.footer = [
        "Team" if everyone else "Shown",
        str(len(breakdown.working_days)) if everyone else "",
        money(sum(rep.totals()[0] for rep in shown)),
        *(average(per_day_totals[k], stage) for k, stage in enumerate(stages, start=1)),
    ]
    return grid


def allocation_lines(breakdown: Breakdown) -> list[Line]:
    allocated = breakdown.allocated
    share = float(allocated / breakdown.target * 100)
    holds = allocated >= breakdown.target
    lines: list[Line] = [
        (
            f"{'✓' if holds else '✗'} Quotas add up to {money(allocated)} = {share:.1f}% of the "
            f"target {money(breakdown.target)} (stretch {float(breakdown.stretch):g})",
            "ok" if holds else "bad",
        )
    ]
    if not holds:
        lines.append(("  The quotas must add up to at least the target.", "bad"))
    if any(rep.quota_explicit for rep in breakdown.reps):
        lines.append(("* explicit quota; the others share the rest by weight × working days.", ""))
    return lines


def _rates_caption(breakdown: Breakdown, rep: RepPlan) -> str:
    parts = []
    for stage, rate, source in zip(breakdown.stages[1:], rep.rates, rep.rate_sources, strict=True):
        value = money(rate) if rate > 1 and rate.denominator == 1 else f"{float(rate):g}"
        parts.append(f"{stage.display_label.lower()} {value}{'*' if source == 'rep' else ''}")
    own = " (* = own)" if "rep" in rep.rate_sources else ""
    return f"rates{own}: " + ", ".join(parts)


def weekly_grid(breakdown: Breakdown, rep: RepPlan) -> Grid:
    window = ""
    if (rep.start, rep.end) != (breakdown.start, breakdown.end):
        window = f", {rep.start} – {rep.end}"
    grid = Grid(
        columns=[
            Column("Week", "left"),
            Column("Days"),
            *(Column(stage.display_label) for stage in breakdown.stages),
        ],
        title=f"{rep.name} — quota {money(rep.totals()[0])}{_currency(breakdown)}, "
        f"{rep.working_days} working days{window}",
        caption=_rates_caption(breakdown, rep),
    )
    day_counts = breakdown.week_working_days(rep.week_ends)
    for week, days, targets in zip(breakdown.weeks, day_counts, rep.week_targets(), strict=True):
        grid.add_row(
            f"{week.label[-3:]} {week.start:%m-%d}",
            str(days),
            *(whole(t) for t in targets),
            style="dim" if days == 0 else "",
        )
    grid.footer = ["Total", str(rep.working_days), *(whole(t) for t in rep.totals())]
    return grid


def daily_grid(breakdown: Breakdown, rep: RepPlan) -> Grid:
    grid = Grid(
        columns=[Column("Date", "left"), *(Column(s.display_label) for s in breakdown.stages)],
        title=f"{rep.name} — by working day",
    )
    for day, targets in zip(rep.days, rep.day_targets(), strict=True):
        grid.add_row(f"{day:%m-%d %a}", *(whole(t) for t in targets))
    grid.footer = ["Total", *(whole(t) for t in rep.totals())]
    return grid

"""``--format table``: rich tables for a manager, readable in 80 columns.

A team summary (each rep's quota and average daily stage targets, team totals,
the sub-goals-vs-target check), then per rep the weekly schedule in whole units.
"""

from __future__ import annotations

import io
import math
from fractions import Fraction

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from goalsplit.breakdown import Breakdown, RepPlan
from goalsplit.model import Stage
from goalsplit.render import ReportOptions, selected_reps


def render(breakdown: Breakdown, options: ReportOptions) -> str:
    console = Console(
        file=io.StringIO(),
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(report(breakdown, options))
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def report(breakdown: Breakdown, options: ReportOptions) -> RenderableType:
    parts: list[RenderableType] = [summary_table(breakdown, options), allocation_line(breakdown)]
    for i in selected_reps(breakdown, options):
        rep = breakdown.reps[i]
        parts.append(Text(""))
        parts.append(weekly_table(breakdown, rep))
        if options.daily:
            parts.append(Text(""))
            parts.append(daily_table(breakdown, rep))
    return Group(*parts)


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


def _title(breakdown: Breakdown) -> str:
    team = f"{breakdown.team} · " if breakdown.team else ""
    return (
        f"{team}{breakdown.period_label} ({breakdown.start} – {breakdown.end}, "
        f"{len(breakdown.working_days)} working days)"
    )


def _currency(breakdown: Breakdown) -> str:
    return f" ({breakdown.currency})" if breakdown.currency else ""


def summary_table(breakdown: Breakdown, options: ReportOptions) -> Table:
    stages = breakdown.stages[1:]
    table = Table(
        title=_title(breakdown),
        caption="Stage columns: average per working day.",
        box=box.SIMPLE_HEAD,
        show_footer=True,
        header_style="bold",
        footer_style="bold",
        title_style="bold",
        pad_edge=False,
    )
    shown = [breakdown.reps[i] for i in selected_reps(breakdown, options)]
    everyone = len(shown) == len(breakdown.reps)
    table.add_column("Rep", footer="Team" if everyone else "Shown", overflow="fold")
    table.add_column(
        "Days", justify="right", footer=str(len(breakdown.working_days)) if everyone else ""
    )
    quota_total = sum(rep.totals()[0] for rep in shown)
    table.add_column(f"Quota{_currency(breakdown)}", justify="right", footer=money(quota_total))
    for k, stage in enumerate(stages, start=1):
        per_day_total = sum(
            (rep.per_day() or (Fraction(0),) * len(breakdown.stages))[k] for rep in shown
        )
        table.add_column(
            stage.display_label, justify="right", footer=average(Fraction(per_day_total), stage)
        )
    for rep in shown:
        per_day = rep.per_day()
        cells = [
            rep.name,
            str(rep.working_days),
            money(rep.totals()[0]) + ("" if not rep.quota_explicit else "*"),
        ]
        cells += [
            average(per_day[k], stage) if per_day else "–"
            for k, stage in enumerate(stages, start=1)
        ]
        table.add_row(*cells)
    return table


def allocation_line(breakdown: Breakdown) -> Text:
    allocated = breakdown.allocated
    share = allocated / breakdown.target * 100
    holds = allocated >= breakdown.target
    mark = "✓" if holds else "✗"
    text = Text()
    text.append(f"{mark} ", style="green" if holds else "bold red")
    text.append(
        f"Quotas add up to {money(allocated)} = {float(share):.1f}% of the target "
        f"{money(breakdown.target)} (stretch {float(breakdown.stretch):g})",
        style="" if holds else "bold red",
    )
    if not holds:
        text.append("\n  The quotas must add up to at least the target.", style="bold red")
    if any(rep.quota_explicit for rep in breakdown.reps):
        text.append("\n* explicit quota; the others share the rest by weight × working days.")
    return text


def _rates_line(breakdown: Breakdown, rep: RepPlan) -> str:
    parts = []
    for stage, rate, source in zip(breakdown.stages[1:], rep.rates, rep.rate_sources, strict=True):
        value = money(rate) if rate > 1 and rate.denominator == 1 else f"{float(rate):g}"
        parts.append(f"{stage.display_label.lower()} {value}{'*' if source == 'rep' else ''}")
    own = " (* = own)" if "rep" in rep.rate_sources else ""
    return f"rates{own}: " + ", ".join(parts)


def weekly_table(breakdown: Breakdown, rep: RepPlan) -> Table:
    window = ""
    if (rep.start, rep.end) != (breakdown.start, breakdown.end):
        window = f", {rep.start} – {rep.end}"
    table = Table(
        title=f"{rep.name} — quota {money(rep.totals()[0])}{_currency(breakdown)}, "
        f"{rep.working_days} working days{window}",
        caption=_rates_line(breakdown, rep),
        box=box.SIMPLE_HEAD,
        show_footer=True,
        header_style="bold",
        footer_style="bold",
        title_style="bold",
        pad_edge=False,
    )
    totals = rep.totals()
    table.add_column("Week", footer="Total")
    table.add_column("Days", justify="right", footer=str(rep.working_days))
    for stage, total in zip(breakdown.stages, totals, strict=True):
        table.add_column(stage.display_label, justify="right", footer=whole(total))
    day_counts = breakdown.week_working_days(rep.week_ends)
    for week, days, targets in zip(breakdown.weeks, day_counts, rep.week_targets(), strict=True):
        table.add_row(
            f"{week.label[-3:]} {week.start:%m-%d}",
            str(days),
            *(whole(t) for t in targets),
            style="dim" if days == 0 else None,
        )
    return table


def daily_table(breakdown: Breakdown, rep: RepPlan) -> Table:
    table = Table(
        title=f"{rep.name} — by working day",
        box=box.SIMPLE_HEAD,
        header_style="bold",
        title_style="bold",
        pad_edge=False,
    )
    table.add_column("Date")
    for stage in breakdown.stages:
        table.add_column(stage.display_label, justify="right")
    for day, targets in zip(rep.days, rep.day_targets(), strict=True):
        table.add_row(f"{day:%m-%d %a}", *(whole(t) for t in targets))
    return table

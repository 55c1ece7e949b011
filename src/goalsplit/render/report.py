"""What the human reports say, as grids: shared by the table and Markdown formats.

For a plan: a team summary (each rep's quota and average daily stage targets,
team totals), the sub-goals-vs-target check, then per rep the weekly schedule
in whole units (and, with ``--daily``, the schedule per working day). For a
rep's day: today's targets beside the week's and the period's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

from goalsplit.i18n import N_, WEEKDAY_LABELS, stage_label, tr, trn
from goalsplit.render import By, ReportOptions, selected_reps
from goalsplit.render.display import half_up as _half_up
from goalsplit.render.display import money, rate_short, rate_text, tenths, whole
from goalsplit.render.display import percent as _percent
from goalsplit.render.display import share as _share
from goalsplit.render.display import weight as _weight
from goalsplit.render.grid import Note
from goalsplit.render.view import (
    TEAM,
    Block,
    Column,
    Kind,
    Table,
    Value,
    shown_name,
    stage_column,
)

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown, RepPlan
    from goalsplit.card import DayCard
    from goalsplit.history import RatesReport
    from goalsplit.model import Stage
    from goalsplit.track import RateCheck, RepTrack, ReviewRow, StageTrack, TrackReport


def plan_blocks(breakdown: Breakdown, options: ReportOptions) -> list[Block]:
    blocks: list[Block] = [summary_grid(breakdown, options)]
    blocks += allocation_notes(breakdown, options.lang)
    blocks += feasibility_notes(breakdown, options)
    by_month = options.schedule_by(breakdown) == By.month
    for i in selected_reps(breakdown, options):
        rep = breakdown.reps[i]
        blocks.append(weekly_grid(breakdown, rep, options, by_month))
        if options.daily:
            blocks.append(daily_grid(breakdown, rep, options))
    return blocks


def feasibility_notes(breakdown: Breakdown, options: ReportOptions) -> list[Note]:
    from goalsplit.render.reach import feasibility_notes as notes

    return notes(breakdown, options)


__all__ = ["_half_up", "money", "rate_short", "rate_text", "whole"]


def average(amount: Fraction, stage: Stage) -> str:
    """An exact per-day average: whole currency units for money, one decimal for counts."""
    return money(amount) if stage.unit == "money" else tenths(amount)


def per_day_cell(amount: Fraction | None, stage: Stage) -> Value:
    """A per-day average as a cell: money, or a count with one decimal."""
    if stage.unit == "money":
        return Value(amount, "money")
    return Value(amount, "count", 1)


def amount(value: Fraction | int | None, stage: Stage, signed: bool = False) -> Value:
    """A quantity done or to do as a cell: money, or a count (whole when whole)."""
    return Value(value, "money" if stage.unit == "money" else "count", signed=signed)


def _currency(breakdown: Breakdown) -> str:
    return f" ({breakdown.currency})" if breakdown.currency else ""


def summary_grid(breakdown: Breakdown, options: ReportOptions) -> Table:
    lang = options.lang
    below = breakdown.stages[1:]  # the result is the quota column
    shown = [breakdown.reps[i] for i in selected_reps(breakdown, options)]
    everyone = len(shown) == len(breakdown.reps)
    grid = Table(
        columns=[
            Column(tr("Rep", lang)),
            Column(tr("Days", lang), "count"),
            Column(tr("Quota", lang) + _currency(breakdown), "money"),
            *(stage_column(options.label(stage), stage.unit, per_day=True) for stage in below),
        ],
        title=trn(
            "{team}{period} ({start} – {end}, {count} working day)",
            "{team}{period} ({start} – {end}, {count} working days)",
            len(breakdown.working_days),
            lang,
            team=f"{breakdown.team} · " if breakdown.team else "",
            period=breakdown.period_label,
            start=breakdown.start,
            end=breakdown.end,
        ),
        subtitle=_calendar_line(breakdown, lang),
        caption=tr("Stage columns: average per working day.", lang),
        name=TEAM,
        role="plan-summary",
    )
    stages = breakdown.stages
    per_day_totals = [Fraction(0)] * len(stages)
    for rep in shown:
        per_day = rep.shown_per_day()
        if per_day:
            per_day_totals = [a + b for a, b in zip(per_day_totals, per_day, strict=True)]
        grid.add_row(
            rep.name,
            rep.working_days,
            Value(rep.totals()[0], mark="*" if rep.quota_explicit else ""),
            *(per_day[1:] if per_day else [None] * len(below)),
        )
    grid.footer = [
        tr("Team", lang) if everyone else tr("Shown", lang),
        len(breakdown.working_days) if everyone else "",
        sum((rep.quota for rep in shown), Fraction(0)),  # the exact sum, rounded once
        *per_day_totals[1:],
    ]
    return grid


def _calendar_line(breakdown: Breakdown, lang: str, before: str = "") -> str:
    """The calendar the working days come from ("calendar: China (CN), 2026, ...")."""
    from goalsplit.calendar import describe_calendar

    if breakdown.calendar is None:
        return ""
    return before + describe_calendar(breakdown.calendar, lang)


def allocation_notes(breakdown: Breakdown, lang: str) -> list[Note]:
    allocated = breakdown.allocated
    decomposed = breakdown.decomposed
    holds = allocated >= decomposed
    template = (
        N_("Quotas add up to {allocated} = {share}% of the target {target} (stretch {stretch})")
        if not breakdown.carve_outs
        else N_(
            "Quotas add up to {allocated} = {share}% of the target less carve-outs, {target} "
            "(stretch {stretch})"
        )
    )
    check = tr(
        template,
        lang,
        allocated=money(allocated),
        share=f"{float(allocated / decomposed * 100):.1f}",
        target=money(decomposed),
        stretch=f"{float(breakdown.stretch):g}",
    )
    notes = [*shaping_notes(breakdown, lang)]
    notes.append(Note(f"{'✓' if holds else '✗'} {check}", "ok" if holds else "bad"))
    if not holds:
        notes.append(Note(tr("The quotas must add up to at least the target.", lang), "bad"))
    explicit = any(rep.quota_explicit for rep in breakdown.reps)
    if breakdown.allocation == "history":
        notes.append(
            Note(
                tr(
                    "Quotas shared by weight × revenue per working day in history × working days.",
                    lang,
                )
            )
        )
        if explicit:
            notes.append(Note(tr("* explicit quota, kept as is.", lang)))
    elif explicit:
        notes.append(
            Note(tr("* explicit quota; the others share the rest by weight × working days.", lang))
        )
    return notes


def shaping_notes(breakdown: Breakdown, lang: str) -> list[Note]:
    """What shapes the plan in time: carve-outs, seasonality, buffer, sales cycle."""
    notes = []
    if breakdown.carve_outs:
        items = ", ".join(
            f"{c.name} {money(c.amount)}" + (f" ({c.owner})" if c.owner else "")
            for c in breakdown.carve_outs
        )
        notes.append(
            Note(
                tr(
                    "Carve-out {carved} ({items}): taken off the target {target} before it is "
                    "decomposed; a bonus beside the plan, never anyone's activity.",
                    lang,
                    carved=money(breakdown.carved),
                    items=items,
                    target=money(breakdown.target),
                )
            )
        )
    if breakdown.season is not None:
        touched = sorted({int(m.label[-2:]) for m in breakdown.months})
        weights = ", ".join(
            f"{month_name(m, lang)} {_weight(breakdown.season[m - 1])}" for m in touched
        )
        notes.append(
            Note(
                tr(
                    N_("Seasonality (a working day's weight by month): {weights}")
                    if breakdown.season_source != "history"
                    else N_(
                        "Seasonality from history (a working day's weight by month): {weights}"
                    ),
                    lang,
                    weights=weights,
                )
            )
        )
    if breakdown.buffer:
        dates = [rep.full_by for rep in breakdown.reps if rep.full_by is not None]
        notes.append(
            Note(
                tr(
                    "Buffer {buffer}%: the schedules run ahead of pace and meet the full "
                    "requirement by {date}.",
                    lang,
                    buffer=f"{float(breakdown.buffer * 100):g}",
                    date=max(dates) if dates else "–",
                )
            )
        )
    openings = [o for o in (rep.opening for rep in breakdown.reps) if o is not None]
    if openings:
        first = breakdown.stages[1]
        notes.append(
            Note(
                tr(
                    "Sales cycle: activity runs {cycle} working days ahead of revenue; "
                    "{stage} to have open on day one: {amount}.",
                    lang,
                    cycle=breakdown.cycle or max(rep.shaping.cycle for rep in breakdown.reps),
                    stage=_lower(stage_label(first.name, first.label, lang)),
                    amount=whole(sum(o[0] for o in openings)),
                )
            )
        )
    return notes


def month_name(month: int, lang: str) -> str:
    return f"{month}月" if lang == "zh" else date(2000, month, 1).strftime("%b")


def _rep_shaping_line(breakdown: Breakdown, rep: RepPlan, options: ReportOptions) -> str:
    """How this rep's days are shaped: ramp-up, opening pipeline, buffer."""
    lang = options.lang
    parts = []
    shaping = rep.shaping
    if shaping.ramp and shaping.hired is not None:
        parts.append(
            tr(
                "ramp from {hired}: {steps}, then 100%",
                lang,
                hired=shaping.hired,
                steps=", ".join(f"{float(step * 100):g}%" for step in shaping.ramp),
            )
        )
    opening = rep.opening
    if opening is not None:
        parts.append(
            tr(
                "open on day one (cycle {cycle}): {amounts}",
                lang,
                cycle=shaping.cycle,
                amounts=", ".join(
                    f"{_lower(options.label(s.stage))} {whole(n)}"
                    for s, n in zip(rep.rated, opening, strict=True)
                ),
            )
        )
    if rep.full_by is not None:
        parts.append(tr("full requirement by {date}", lang, date=rep.full_by))
    return "; ".join(parts)


MARKS = {"rep": "*", "history": "h", "team": "", "team-history": "t"}


def _rates_caption(breakdown: Breakdown, rep: RepPlan, options: ReportOptions) -> str:
    parts = []
    for s in rep.rated:
        assert s.source is not None
        label = options.label(s.stage)
        label = label.lower() if label.isascii() else label
        parts.append(f"{label} {rate_text(s.rate, trim=True)}{MARKS[s.source]}")
    legend = {
        "rep": tr("* = own", options.lang),
        "history": tr("h = own history", options.lang),
        "team-history": tr("t = team history", options.lang),
    }
    sources = {s.source for s in rep.rated}
    shown = [legend[source] for source in legend if source in sources]
    text = tr("rates: {rates}", options.lang, rates=", ".join(parts))
    return f"{text} ({', '.join(shown)})" if shown else text


def weekly_grid(
    breakdown: Breakdown, rep: RepPlan, options: ReportOptions, by_month: bool = False
) -> Table:
    """A rep's schedule: a row per ISO week, or (``by_month``) per calendar month."""
    lang = options.lang
    window = ""
    if (rep.start, rep.end) != (breakdown.start, breakdown.end):
        window = f", {rep.start} – {rep.end}" if lang != "zh" else f"，{rep.start} – {rep.end}"
    grid = Table(
        columns=[
            Column(tr("Month", lang) if by_month else tr("Week", lang)),
            Column(tr("Days", lang), "count"),
            *(stage_column(options.label(stage), stage.unit) for stage in breakdown.stages),
        ],
        name=rep.name,
        role="schedule",
        title=trn(
            "{rep} — quota {quota}{currency}, {count} working day{window}",
            "{rep} — quota {quota}{currency}, {count} working days{window}",
            rep.working_days,
            lang,
            rep=rep.name,
            quota=money(rep.totals()[0]),
            currency=_currency(breakdown),
            window=window,
        ),
        caption="\n".join(
            line
            for line in (
                _rates_caption(breakdown, rep, options),
                _rep_shaping_line(breakdown, rep, options),
            )
            if line
        ),
    )
    if by_month:
        labels = [month.label for month in breakdown.months]
        day_counts = breakdown.week_working_days(rep.month_ends)
        rows = rep.month_targets()
    else:
        labels = [f"{week.label[-3:]} {week.start:%m-%d}" for week in breakdown.weeks]
        day_counts = breakdown.week_working_days(rep.week_ends)
        rows = rep.week_targets()
    marks = _floor_marks(rep, rep.month_ends if by_month else rep.week_ends, grid, options)
    for label, days, targets, lifted in zip(labels, day_counts, rows, marks, strict=True):
        grid.add_row(
            label,
            days,
            *_marked(targets, lifted),
            style="dim" if days == 0 else "",
        )
    grid.footer = [tr("Total", lang), rep.working_days, *rep.totals()]
    return grid


def _marked(targets: Sequence[int], marks: Sequence[str]) -> list[int | Value]:
    return [Value(t, mark=mark) if mark else t for t, mark in zip(targets, marks, strict=True)]


def daily_grid(breakdown: Breakdown, rep: RepPlan, options: ReportOptions) -> Table:
    lang = options.lang
    grid = Table(
        columns=[
            Column(tr("Date", lang), "date"),
            *(stage_column(options.label(s), s.unit) for s in breakdown.stages),
        ],
        title=tr("{rep} — by working day", lang, rep=rep.name),
        name=rep.name,
    )
    marks = _floor_marks(rep, range(1, rep.working_days + 1), grid, options)
    for day, targets, lifted in zip(rep.days, rep.day_targets(), marks, strict=True):
        grid.add_row(
            Value(day, shown=f"{day:%m-%d} {weekday(day, lang)}"),
            *_marked(targets, lifted),
        )
    grid.footer = [tr("Total", lang), *rep.totals()]
    return grid


def _floor_marks(
    rep: RepPlan, boundaries: Sequence[int], grid: Table, options: ReportOptions
) -> list[tuple[str, ...]]:
    """Per row, per stage: ``^`` where a daily floor lifts a day above the funnel's
    number; the caption says which floors (nothing at all without floors)."""
    if not rep.floors:
        return [("",) * len(rep.stages)] * len(boundaries)
    floors = ", ".join(
        f"{options.label(s.stage)} {rep.floor(k):,}"
        for k, s in enumerate(rep.stages)
        if rep.floor(k)
    )
    note = tr(
        "^ = the daily floor lifts the funnel's number (floors: {floors})",
        options.lang,
        floors=floors,
    )
    grid.caption = f"{grid.caption}\n{note}" if grid.caption else note
    binds = rep.floor_binds(boundaries)
    return [tuple("^" if b else "" for b in row) for row in zip(*binds, strict=True)]


def weekday(day: date, lang: str) -> str:
    return WEEKDAY_LABELS["zh" if lang == "zh" else "en"][day.weekday()]


def card_blocks(card: DayCard, options: ReportOptions) -> list[Block]:
    if card.evening is not None:
        return evening_blocks(card, options)
    lang = options.lang
    breakdown, rep = card.breakdown, card.rep
    blocks: list[Block] = []
    if not card.working_day:
        day_off = {
            "date": card.date,
            "weekday": weekday(card.date, lang),
            "rep": rep.name,
            "reason": card.describe(card.day_kind, lang),
        }
        if card.card_date is not None:
            text = tr(
                "{date} ({weekday}) is not a working day for {rep}: {reason}. Here is the "
                "next one, {next} ({next_weekday}).",
                lang,
                **day_off,
                next=card.card_date,
                next_weekday=weekday(card.card_date, lang),
            )
        else:
            text = tr(
                "{date} ({weekday}) is not a working day for {rep}: {reason}. None is left "
                "in {period}.",
                lang,
                **day_off,
                period=breakdown.period_label,
            )
        blocks.append(Note(text, "bad"))
    shown = card.card_date or card.date
    if card.card_date is not None:
        title = tr(
            "{rep} — {weekday} {date}, working day {day} of {days}",
            lang,
            rep=rep.name,
            weekday=weekday(shown, lang),
            date=shown,
            day=card.day,
            days=card.days,
        )
        if card.card_day_kind not in (None, "working"):
            title += tr(" ({kind})", lang, kind=card.describe(card.card_day_kind, lang))
    else:
        title = tr("{rep} — {period}", lang, rep=rep.name, period=breakdown.period_label)
    totals = rep.totals()
    month_columns = []
    month_line = ""
    if card.month is not None:
        month_columns = [
            Column(tr("Month {month}", lang, month=card.month.label), "count"),
            Column(tr("Left in month", lang), "count"),
        ]
        month_line = "\n" + trn(
            "Month {month}: {count} working day, {left} left from {date}; left in month: "
            "the month's targets from {date} on.",
            "Month {month}: {count} working days, {left} left from {date}; left in month: "
            "the month's targets from {date} on.",
            card.month_working_days,
            lang,
            month=card.month.label,
            left=card.month_remaining_working_days,
            date=f"{shown:%m-%d}",
        )
    grid = Table(
        columns=[
            Column(tr("Stage", lang)),
            Column(tr("Today", lang) if card.working_day else f"{shown:%m-%d}", "count"),
            Column(tr("Week {week}", lang, week=card.week.label[-3:]), "count"),
            *month_columns,
            Column(tr("To date", lang), "count"),
            Column(tr("Period", lang), "count"),
        ],
        title=title,
        name=rep.name,
        caption=trn(
            "Week {week} ({start} – {end}): {count} working day, {left} left from {date}. "
            "To date: the schedule through {today}. Quota {quota}{currency}.",
            "Week {week} ({start} – {end}): {count} working days, {left} left from {date}. "
            "To date: the schedule through {today}. Quota {quota}{currency}.",
            card.week_working_days,
            lang,
            week=card.week.label,
            start=f"{card.week.start:%m-%d}",
            end=f"{card.week.end:%m-%d}",
            left=card.week_remaining_working_days,
            date=f"{shown:%m-%d}",
            today=f"{card.date:%m-%d}",
            quota=money(totals[0]),
            currency=_currency(breakdown),
        )
        + month_line
        + _calendar_line(breakdown, lang, "\n"),
    )
    # ``^`` on today's target where the daily floor lifts it (with the caption's note,
    # when one is lifted).
    lifted: Sequence[str] = ("",) * len(breakdown.stages)
    if card.day and rep.floors and any(b[1] for b in rep.floor_binds([card.day - 1, card.day])):
        lifted = _floor_marks(rep, [card.day - 1, card.day], grid, options)[1]
    for k, stage in enumerate(breakdown.stages):
        cell = _cell_of(stage)
        today = cell(card.targets[k])
        if lifted[k]:
            kind: Kind | None = "money" if stage.unit == "money" else None
            today = Value(card.targets[k], kind, mark=lifted[k])
        grid.add_row(
            options.label(stage),
            today,
            cell(card.week_targets[k]),
            *(
                (cell(card.month_targets[k]), cell(card.month_left[k]))
                if card.month is not None
                else ()
            ),
            cell(card.period_to_date[k]),
            cell(totals[k]),
        )
    blocks.append(grid)
    return blocks


def _cell_of(stage: Stage) -> Callable[[Fraction | int | None], Fraction | int | Value | None]:
    """A stage row's whole amounts: money cells for a money stage (in a column of counts)."""
    if stage.unit == "money":
        return lambda value: Value(value, "money")
    return lambda value: value


def rates_blocks(report: RatesReport, options: ReportOptions) -> list[Block]:
    lang = options.lang
    since, until = report.window
    stages = report.stages
    team = Table(
        columns=[
            Column(tr("Stage", lang)),
            Column(tr("Team rate", lang), "rate"),
            Column(tr("Sample", lang), "count", 0),
        ],
        name=TEAM,
        title=trn(
            "Rates from {file} ({since} – {until}, {count:,} row, prior {prior})",
            "Rates from {file} ({since} – {until}, {count:,} rows, prior {prior})",
            report.history.rows,
            lang,
            file=report.file,
            since=since or "…",
            until=until or "…",
            prior=report.table.prior,
        ),
        caption=tr(
            "A rate is the stage above per unit of this stage; the sample is this stage's total.",
            lang,
        ),
    )
    for stage, estimate_ in zip(stages[1:], report.table.team, strict=True):
        team.add_row(options.label(stage), estimate_.raw, estimate_.sample)
    reps = Table(
        columns=[
            Column(tr("Rep", lang)),
            Column(tr("Stage", lang)),
            Column(tr("Raw", lang), "rate"),
            Column(tr("Used", lang), "rate"),
            Column(tr("Sample", lang), "count", 0),
            Column(""),
        ],
        name=tr("Reps", lang),
        title=tr("Each rep's rates (used = shrunk toward the team's rate)", lang),
        caption=tr(
            "thin: the rep's own sample weighs less than the prior, so the team's rate "
            "dominates; no data: the team's rate is used as is.",
            lang,
        ),
    )
    for name, estimates in report.table.reps.items():
        for k, (stage, estimate_) in enumerate(zip(stages[1:], estimates, strict=True)):
            flag = ""
            if estimate_.sample == 0:
                flag = tr("no data", lang)
            elif estimate_.thin:
                flag = tr("thin", lang)
            reps.add_row(
                name if k == 0 else Value(name, shown=""),  # every row names its rep in xlsx
                options.label(stage),
                estimate_.raw,
                estimate_.used,
                estimate_.sample,
                flag,
                style="dim" if flag else "",
            )
    return [team, reps]


def _pct(value: Fraction | None) -> str:
    return _percent(value)


def _amount(value: Fraction | None, stage: Stage) -> str:
    """A quantity as done or to do, in a sentence: whole units (money with separators)."""
    if value is None:
        return "–"
    return money(value) if stage.unit == "money" or value.denominator == 1 else tenths(value)


STATUS_TEXT = {"ahead": N_("ahead"), "on track": N_("on track"), "behind": N_("behind")}
TIER_TEXT = {"top": N_("top"), "middle": N_("middle"), "bottom": N_("bottom")}


def track_blocks(report: TrackReport, options: ReportOptions) -> list[Block]:
    lang = options.lang
    breakdown = report.breakdown
    stages = breakdown.stages
    activity = stages[-1]
    shown = [report.reps[i] for i in selected_reps(breakdown, options)]
    team = report.team
    summary = Table(
        columns=[
            Column("#", "count"),
            Column(tr("Rep", lang)),
            stage_column(options.label(stages[0]), stages[0].unit),
            Column(tr("Plan", lang), "money"),
            Column("%", "percent"),
            Column(tr("Tier", lang)),
            Column(tr("Status", lang)),
            Column(tr("Needed/day", lang), "money"),
            Column(tr("Plan/day", lang), "money"),
        ],
        name=TEAM,
        role="track-summary",
        title=tr(
            "{team}{period}: progress as of {date} (working day {day} of {days})",
            lang,
            team=f"{breakdown.team} · " if breakdown.team else "",
            period=breakdown.period_label,
            date=report.as_of,
            day=sum(1 for d in breakdown.working_days if d <= report.as_of),
            days=len(breakdown.working_days),
        ),
        caption=tr(
            "Plan: the schedule to date. Needed/day: revenue per remaining working day to "
            "still make the quota.",
            lang,
        )
        + "\n"
        + tr(
            "#: rank by % of plan to date. Tiers: top {top}, middle {middle}, bottom {bottom} "
            "of the team.",
            lang,
            top=_share(team.tier_shares[0]),
            middle=_share(team.tier_shares[1]),
            bottom=_share(team.tier_shares[2]),
        ),
    )
    for r in sorted(shown, key=lambda r: r.rank or len(report.reps) + 1):
        head = r.result
        summary.add_row(
            r.rank,
            r.rep.name,
            head.actual,
            head.planned,
            head.pct,
            tr(TIER_TEXT[r.tier], lang) if r.tier else None,
            tr(STATUS_TEXT[r.status], lang),
            head.per_day,
            (r.rep.per_day() or (Fraction(0),))[0],
            style="bad" if r.status == "behind" else "",
        )
    summary.footer = [
        "",
        tr("Team", lang),
        Value(team.actual, "money"),
        team.planned,
        team.pct,
        "",
        "",
        team.catch_up_per_day,
        team.original_per_day,
    ]
    blocks: list[Block] = [summary]
    if team.attainment is not None:
        blocks.append(
            Note(
                tr(
                    "Team: {actual} of the {quota} in quotas so far ({attainment}); "
                    "ahead: {ahead}; on track: {on_track}; behind: {behind}.",
                    lang,
                    actual=money(team.actual),
                    quota=money(team.quota),
                    attainment=_pct(team.attainment),
                    ahead=len(team.by_status["ahead"]),
                    on_track=len(team.by_status["on track"]),
                    behind=len(team.by_status["behind"]),
                )
            )
        )
    for r in shown:
        if r.classification != "on track":
            blocks.append(
                Note(
                    tr(
                        "{rep} — {diagnosis}",
                        lang,
                        rep=r.rep.name,
                        diagnosis=diagnosis_text(
                            r.classification,
                            r.weakest.rate if r.weakest is not None else None,
                            r.weakest.stage if r.weakest is not None else None,
                            r.compound,
                            (r.activity.planned, r.activity.actual),
                            activity,
                            options,
                        ),
                    ),
                    "bad" if r.status == "behind" else "",
                )
            )
    if report.review is not None:
        blocks += review_blocks(report, options)
        return blocks
    for r in shown:
        blocks += _rep_track_blocks(r, report, options, activity)
    return blocks


def _lower(label: str) -> str:
    """``Deep talks`` -> ``deep talks`` inside a sentence; ``CRM leads`` stays."""
    if label.isascii() and label[:1].isupper() and label[1:2].islower():
        return label[0].lower() + label[1:]
    return label


def _singular(label: str) -> str:
    """``connects`` -> ``connect``, ``opportunities`` -> ``opportunity`` (English
    labels only; ``deals won`` stays as it is)."""
    if not label.isascii():
        return label
    if label.endswith("ies") and len(label) > 4:
        return label[:-3] + "y"
    if label.endswith("s") and not label.endswith("ss"):
        return label[:-1]
    return label


def conversion_name(check: RateCheck, stage: Stage, options: ReportOptions) -> str:
    """What a conversion is, named by what it yields per unit: ``deep talks per
    connect``, ``revenue per unit of pipeline``, 每个外呼接通的深入沟通."""
    lang = options.lang
    above = options.label(check.above)
    below = options.label(stage)
    english = lang != "zh"
    if english:
        above, below = _lower(above), _lower(below)
    if stage.unit == "money":
        return tr("{above} per unit of {stage}", lang, above=above, stage=below)
    return tr(
        "{above} per {stage}", lang, above=above, stage=_singular(below) if english else below
    )


def conversion_against_plan(check: RateCheck, stage: Stage, options: ReportOptions) -> str:
    """``deep talks per connect 0.12 against 0.20``."""
    return tr(
        "{conversion} {actual} against {planned}",
        options.lang,
        conversion=conversion_name(check, stage, options),
        actual=rate_short(check.actual),
        planned=rate_short(check.planned),
    )


def diagnosis_text(
    classification: str,
    check: RateCheck | None,
    stage: Stage | None,
    compound: bool,
    activity_done: tuple[int, Fraction | None],
    activity: Stage,
    options: ReportOptions,
) -> str:
    """The diagnosis in a few words: quantity (which activity, how far behind) or
    quality (which conversion, against what)."""
    lang = options.lang
    if classification == "quantity":
        planned, actual = activity_done
        label = options.label(activity)
        return tr(
            "quantity: {activity} {actual} of {planned} ({pct})",
            lang,
            activity=_lower(label) if lang != "zh" else label,
            actual=_amount(actual, activity),
            planned=whole(planned),
            pct=_pct(actual / planned * 100 if actual is not None and planned else None),
        )
    if classification == "quality" and check is not None and stage is not None:
        named = conversion_against_plan(check, stage, options)
        if compound:
            return tr(
                "quality, spread over several stages; the costliest: {named}", lang, named=named
            )
        return tr("quality: {named}", lang, named=named)
    if classification == "unknown":
        return tr("behind; the actuals lack the columns to tell why", lang)
    return tr(STATUS_TEXT["on track"], lang)


def conversion(stage: StageTrack, options: ReportOptions) -> str:
    """``Dials → Connects``: what a stage turns into (its rate is the stage above per unit)."""
    assert stage.rate is not None
    return f"{options.label(stage.stage)} → {options.label(stage.rate.above)}"


def _rep_track_blocks(
    r: RepTrack, report: TrackReport, options: ReportOptions, activity: Stage
) -> list[Block]:
    from goalsplit.track import MIN_SAMPLE

    lang = options.lang
    grid = Table(
        columns=[
            Column(tr("Stage", lang)),
            Column(tr("Plan", lang), "count"),
            Column(tr("Actual", lang), "count"),
            Column(tr("Gap", lang), "count", signed=True),
            Column("%", "percent"),
            Column(tr("Needed/day", lang), "count", 1),
            Column(tr("Plan/day", lang), "count", 1),
        ],
        name=r.rep.name,
        role="progress",
        title=tr(
            "{rep} — {status}, working day {day} of {days}",
            lang,
            rep=r.rep.name,
            status=tr(STATUS_TEXT[r.status], lang),
            day=r.elapsed_days,
            days=r.rep.working_days,
        ),
    )
    days = r.rep.working_days
    for p in r.stages:
        stage = p.stage
        grid.add_row(
            options.label(stage),
            amount(p.planned, stage),
            amount(p.actual, stage),
            amount(p.gap, stage, signed=True),
            p.pct,
            per_day_cell(p.per_day, stage),
            per_day_cell(p.plan.required / days if days else None, stage),
        )
    blocks: list[Block] = [grid]
    checks = [(conversion(s, options), s.rate) for s in r.stages if s.rate is not None]
    if checks:
        rates = Table(
            columns=[
                Column(tr("Stage", lang)),
                Column(tr("Actual rate", lang), "rate"),
                Column(tr("Plan", lang), "rate"),
                Column(tr("Team", lang), "rate"),
                Column(tr("Sample", lang), "count", 0),
                Column(""),
            ],
            name=r.rep.name,
            title=tr("{rep} — conversion so far", lang, rep=r.rep.name),
            caption=tr(
                "A rate is judged once its sample reaches {sample} count equivalents.",
                lang,
                sample=MIN_SAMPLE,
            ),
        )
        for label, c in checks:
            weak = c.weak
            rates.add_row(
                label,
                c.actual,
                c.planned,
                c.team,
                c.sample,
                tr("weak", lang) if weak else ("" if c.judged else tr("too few", lang)),
                style="bad" if weak else ("dim" if not c.judged else ""),
            )
        blocks.append(rates)
    blocks += [Note(text, style) for text, style in _verdict(r, report, options, activity)]
    return blocks


def _verdict(
    r: RepTrack, report: TrackReport, options: ReportOptions, activity: Stage
) -> list[tuple[str, str]]:
    lang = options.lang
    lines: list[tuple[str, str]] = []

    def say(style: str, template: str, **fields: object) -> None:
        lines.append((tr(template, lang, **fields), style))

    if r.classification == "quantity":
        last = r.activity
        say(
            "bad",
            "Behind on quantity: {activity} {actual} of {planned} planned so far ({pct}).",
            activity=options.label(activity),
            actual=_amount(last.actual, activity),
            planned=money(last.planned),
            pct=_pct(last.pct),
        )
    elif r.classification == "quality" and r.weakest is not None:
        check = r.weakest.rate
        assert check is not None
        extra = r.extra_activity
        days = r.catch_up.remaining_days
        named = conversion_against_plan(check, r.weakest.stage, options)
        if r.compound:
            below = sum(
                1 for s in r.stages if s.rate is not None and s.rate.lost and s.rate.lost > 0
            )
            say(
                "bad",
                "Behind on quality, spread over several stages: {count} conversions are below "
                "plan, none far enough to be weak on its own. The costliest is {named} "
                "(team {team}): it cost {lost} of revenue so far.",
                count=below,
                named=named,
                team=rate_short(check.team),
                lost=money(check.lost or 0),
            )
        elif extra is None:  # the stage converts nothing: no finite amount makes up for it
            say(
                "bad",
                "Behind on quality: {named} (team {team}): nothing has converted yet, so no "
                "amount of extra {activity} makes up for it at this rate; fix this stage first.",
                named=named,
                team=rate_short(check.team),
                activity=options.label(activity),
            )
        else:
            say(
                "bad",
                "Behind on quality: {named} (team {team}); at this rate the rest of the "
                "period needs {extra} more {activity} ({per_day} a day).",
                named=named,
                team=rate_short(check.team),
                extra=money(extra),
                activity=options.label(activity),
                per_day=average(extra / days, activity) if days else "–",
            )
    elif r.classification == "unknown":
        say(
            "bad",
            "Behind, and the actuals lack the columns to tell quantity from quality: add "
            "the {activity} column and the stages above it.",
            activity=options.label(activity),
        )
    if r.catch_up.missed_by is not None:
        say(
            "bad",
            "No working days left: the quota was missed by {amount}.",
            amount=money(r.catch_up.missed_by),
        )
    projection = r.projection
    if projection is not None:
        fields = {
            "projected": money(projection.revenue),
            "attainment": _pct(projection.attainment),
        }
        if projection.suggested_tier is not None and projection.suggested is not None:
            say(
                "ok",
                "Ahead: at this pace {projected} ({attainment} of the quota); offer the "
                "next tier, {tier}: {suggested}.",
                tier=tr(projection.suggested_tier, lang),
                suggested=money(projection.suggested),
                **fields,
            )
        else:
            say(
                "ok",
                "Ahead: at this pace {projected} ({attainment} of the quota), past the "
                "benchmark tier.",
                **fields,
            )
    return lines


def review_blocks(report: TrackReport, options: ReportOptions) -> list[Block]:
    """The weekly (or monthly) review: the team's rows, then each shown rep's."""
    review = report.review
    assert review is not None
    blocks = _review_grid(TEAM, review.team, report, options)
    for i in selected_reps(report.breakdown, options):
        blocks += _review_grid(report.reps[i].rep.name, review.reps[i], report, options)
    return blocks


def _review_grid(
    who: str, rows: Sequence[ReviewRow], report: TrackReport, options: ReportOptions
) -> list[Block]:
    lang = options.lang
    stages = report.breakdown.stages
    by = report.review.by if report.review else "week"
    grid = Table(
        columns=[
            Column(tr("Week", lang) if by == "week" else tr("Month", lang)),
            Column(tr("Days", lang), "count"),
            stage_column(options.label(stages[0]), stages[0].unit),
            Column(tr("Plan", lang), "money"),
            Column("%", "percent"),
            *(Column(options.label(stage), "percent") for stage in stages[1:]),
        ],
        name=who,
        role="review",
        title=tr("{who} — week by week", lang, who=shown_name(who, lang))
        if by == "week"
        else tr("{who} — month by month", lang, who=shown_name(who, lang)),
        caption=tr(
            "Stage columns: % of the plan. * unfinished: held to its plan through {date}.",
            lang,
            date=f"{report.as_of:%m-%d}",
        ),
    )
    notes: list[Block] = []
    activity = stages[-1]
    for row in rows:
        label = f"{row.label[-3:]} {row.start:%m-%d}" if by == "week" else row.label
        label += "" if row.complete else "*"
        head = row.stages[0]
        grid.add_row(
            label,
            row.working_days,
            head.actual,
            head.planned,
            head.pct,
            *(cell.pct for cell in row.stages[1:]),
            style="bad" if row.status == "behind" else ("dim" if not row.working_days else ""),
        )
        diagnosis = row.diagnosis
        if diagnosis.classification != "on track":
            k = diagnosis.weakest
            last = row.stages[-1]
            text = diagnosis_text(
                diagnosis.classification,
                row.checks[k] if k is not None else None,
                stages[k] if k is not None else None,
                diagnosis.compound,
                (last.planned, last.actual),
                activity,
                options,
            )
            notes.append(
                Note(
                    tr("{row}: {diagnosis}", lang, row=label, diagnosis=text),
                    "bad" if row.status == "behind" else "",
                )
            )
    return [grid, *notes]


def evening_blocks(card: DayCard, options: ReportOptions) -> list[Block]:
    """The evening card: the day's, the week's and the period's targets against what
    was done, the pace each remaining day now needs, and tomorrow's targets."""
    evening = card.evening
    assert evening is not None
    lang = options.lang
    breakdown, rep = card.breakdown, card.rep
    track = evening.track
    stages = breakdown.stages
    on = evening.date
    if evening.working_day:
        title = tr(
            "{rep} — {weekday} {date}, working day {day} of {days}: the day's result",
            lang,
            rep=rep.name,
            weekday=weekday(on, lang),
            date=on,
            day=track.elapsed_days,
            days=rep.working_days,
        )
    else:
        title = tr(
            "{rep} — {weekday} {date} ({kind}): the day's result",
            lang,
            rep=rep.name,
            weekday=weekday(on, lang),
            date=on,
            kind=card.describe(card.day_kind, lang),
        )
    grid = Table(
        columns=[
            Column(tr("Stage", lang)),
            Column(tr("Today", lang), "count"),
            Column(tr("Done", lang), "count"),
            Column(tr("Week {week}", lang, week=evening.week.label[-3:]), "count"),
            Column(tr("Done", lang), "count"),
            Column(tr("To date", lang), "count"),
            Column(tr("Done", lang), "count"),
            Column(tr("Needed/day", lang), "count", 1),
        ],
        title=title,
        name=rep.name,
        caption=trn(
            "Week {week} and To date: the schedule through {date}. Needed/day: what each of "
            "the {count} working day left needs now to still make the quota {quota}{currency}.",
            "Week {week} and To date: the schedule through {date}. Needed/day: what each of "
            "the {count} working days left needs now to still make the quota {quota}{currency}.",
            track.catch_up.remaining_days,
            lang,
            week=evening.week.label,
            date=f"{on:%m-%d}",
            quota=money(rep.totals()[0]),
            currency=_currency(breakdown),
        ),
    )
    for k, (stage, progress) in enumerate(zip(stages, track.stages, strict=True)):
        cell = _cell_of(stage)
        grid.add_row(
            options.label(stage),
            cell(evening.targets[k]),
            amount(evening.done[k], stage),
            cell(evening.week_planned[k]),
            amount(evening.week_done[k], stage),
            cell(progress.planned),
            amount(progress.actual, stage),
            per_day_cell(progress.per_day, stage),
        )
    blocks: list[Block] = [grid]
    head = track.result if track.result.actual is not None else track.activity
    blocks.append(
        Note(
            tr(
                "{status}: {stage} {actual} of {planned} planned to date ({pct}).",
                lang,
                status=_first_upper(tr(STATUS_TEXT[track.status], lang)),
                stage=options.label(head.stage),
                actual=_amount(head.actual, head.stage),
                planned=whole(head.planned),
                pct=_pct(head.pct),
            ),
            "bad" if track.status == "behind" else ("ok" if track.status == "ahead" else ""),
        )
    )
    if track.classification != "on track":
        text = diagnosis_text(
            track.classification,
            track.weakest.rate if track.weakest is not None else None,
            track.weakest.stage if track.weakest is not None else None,
            track.compound,
            (track.activity.planned, track.activity.actual),
            stages[-1],
            options,
        )
        blocks.append(Note(_first_upper(text) + ("" if lang == "zh" else "."), "bad"))
    if evening.tomorrow is not None:
        blocks.append(
            Note(
                tr(
                    N_("Tomorrow, {weekday} {date}: {targets}.")
                    if evening.tomorrow == card.date + timedelta(days=1)
                    else N_("Next working day, {weekday} {date}: {targets}."),
                    lang,
                    weekday=weekday(evening.tomorrow, lang),
                    date=f"{evening.tomorrow:%m-%d}",
                    targets=("，" if lang == "zh" else ", ").join(
                        f"{options.label(stage)} {whole(t)}"
                        for stage, t in zip(stages, evening.tomorrow_targets, strict=True)
                    ),
                )
            )
        )
    else:
        blocks.append(
            Note(tr("No working day is left in {period}.", lang, period=breakdown.period_label))
        )
    return blocks


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]

"""What the human reports say, as grids: shared by the table and Markdown formats.

For a plan: a team summary (each rep's quota and average daily stage targets,
team totals), the sub-goals-vs-target check, then per rep the weekly schedule
in whole units (and, with ``--daily``, the schedule per working day). For a
rep's day: today's targets beside the week's and the period's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

from goalsplit.i18n import N_, WEEKDAY_LABELS, tr, trn
from goalsplit.render import By, ReportOptions, selected_reps
from goalsplit.render.grid import Block, Column, Grid, Note

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown, RepPlan
    from goalsplit.card import DayCard
    from goalsplit.history import RatesReport
    from goalsplit.model import Stage
    from goalsplit.track import RepTrack, StageTrack, TrackReport


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
    lang = options.lang
    below = breakdown.stages[1:]  # the result is the quota column
    shown = [breakdown.reps[i] for i in selected_reps(breakdown, options)]
    everyone = len(shown) == len(breakdown.reps)
    grid = Grid(
        columns=[
            Column(tr("Rep", lang), "left"),
            Column(tr("Days", lang)),
            Column(tr("Quota", lang) + _currency(breakdown)),
            *(Column(options.label(stage)) for stage in below),
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
    )
    stages = breakdown.stages
    per_day_totals = [Fraction(0)] * len(stages)
    for rep in shown:
        per_day = rep.per_day()
        if per_day and rep.floors:  # the average of the day targets shown, floors and all
            per_day = tuple(Fraction(total, rep.working_days) for total in rep.totals())
        if per_day:
            per_day_totals = [a + b for a, b in zip(per_day_totals, per_day, strict=True)]
        averages = [average(a, s) for s, a in zip(stages, per_day, strict=True)] if per_day else []
        grid.add_row(
            rep.name,
            str(rep.working_days),
            money(rep.totals()[0]) + ("*" if rep.quota_explicit else ""),
            *(averages[1:] if per_day else ["–"] * len(below)),
        )
    grid.footer = [
        tr("Team", lang) if everyone else tr("Shown", lang),
        str(len(breakdown.working_days)) if everyone else "",
        money(sum((rep.quota for rep in shown), Fraction(0))),  # the exact sum, rounded once
        *[average(a, s) for s, a in zip(stages, per_day_totals, strict=True)][1:],
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
    holds = allocated >= breakdown.target
    check = tr(
        "Quotas add up to {allocated} = {share}% of the target {target} (stretch {stretch})",
        lang,
        allocated=money(allocated),
        share=f"{float(allocated / breakdown.target * 100):.1f}",
        target=money(breakdown.target),
        stretch=f"{float(breakdown.stretch):g}",
    )
    notes = [Note(f"{'✓' if holds else '✗'} {check}", "ok" if holds else "bad")]
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
) -> Grid:
    """A rep's schedule: a row per ISO week, or (``by_month``) per calendar month."""
    lang = options.lang
    window = ""
    if (rep.start, rep.end) != (breakdown.start, breakdown.end):
        window = f", {rep.start} – {rep.end}" if lang != "zh" else f"，{rep.start} – {rep.end}"
    grid = Grid(
        columns=[
            Column(tr("Month", lang) if by_month else tr("Week", lang), "left"),
            Column(tr("Days", lang)),
            *(Column(options.label(stage)) for stage in breakdown.stages),
        ],
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
        caption=_rates_caption(breakdown, rep, options),
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
            str(days),
            *(whole(t) + mark for t, mark in zip(targets, lifted, strict=True)),
            style="dim" if days == 0 else "",
        )
    grid.footer = [tr("Total", lang), str(rep.working_days), *(whole(t) for t in rep.totals())]
    return grid


def daily_grid(breakdown: Breakdown, rep: RepPlan, options: ReportOptions) -> Grid:
    lang = options.lang
    grid = Grid(
        columns=[
            Column(tr("Date", lang), "left"),
            *(Column(options.label(s)) for s in breakdown.stages),
        ],
        title=tr("{rep} — by working day", lang, rep=rep.name),
    )
    marks = _floor_marks(rep, range(1, rep.working_days + 1), grid, options)
    for day, targets, lifted in zip(rep.days, rep.day_targets(), marks, strict=True):
        grid.add_row(
            f"{day:%m-%d} {weekday(day, lang)}",
            *(whole(t) + mark for t, mark in zip(targets, lifted, strict=True)),
        )
    grid.footer = [tr("Total", lang), *(whole(t) for t in rep.totals())]
    return grid


def _floor_marks(
    rep: RepPlan, boundaries: Sequence[int], grid: Grid, options: ReportOptions
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
            Column(tr("Month {month}", lang, month=card.month.label)),
            Column(tr("Left in month", lang)),
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
    grid = Grid(
        columns=[
            Column(tr("Stage", lang), "left"),
            Column(tr("Today", lang) if card.working_day else f"{shown:%m-%d}"),
            Column(tr("Week {week}", lang, week=card.week.label[-3:])),
            *month_columns,
            Column(tr("To date", lang)),
            Column(tr("Period", lang)),
        ],
        title=title,
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
    for k, stage in enumerate(breakdown.stages):
        grid.add_row(
            options.label(stage),
            whole(card.targets[k]),
            whole(card.week_targets[k]),
            *(
                (whole(card.month_targets[k]), whole(card.month_left[k]))
                if card.month is not None
                else ()
            ),
            whole(card.period_to_date[k]),
            whole(totals[k]),
        )
    blocks.append(grid)
    return blocks


def rate_text(rate: Fraction | None, trim: bool = False) -> str:
    """Rates below 1 with four decimals (``trim``: without trailing zeros), ratios
    such as ARPU as amounts."""
    if rate is None:
        return "–"
    if rate >= 100:
        return money(rate)
    text = f"{float(rate):,.2f}" if rate >= 1 else f"{float(rate):.4f}"
    return text.rstrip("0").rstrip(".") if trim else text


def rates_blocks(report: RatesReport, options: ReportOptions) -> list[Block]:
    lang = options.lang
    since, until = report.window
    stages = report.stages
    team = Grid(
        columns=[
            Column(tr("Stage", lang), "left"),
            Column(tr("Team rate", lang)),
            Column(tr("Sample", lang)),
        ],
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
        team.add_row(options.label(stage), rate_text(estimate_.raw), money(estimate_.sample))
    reps = Grid(
        columns=[
            Column(tr("Rep", lang), "left"),
            Column(tr("Stage", lang), "left"),
            Column(tr("Raw", lang)),
            Column(tr("Used", lang)),
            Column(tr("Sample", lang)),
            Column("", "left"),
        ],
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
                name if k == 0 else "",
                options.label(stage),
                rate_text(estimate_.raw),
                rate_text(estimate_.used),
                money(estimate_.sample),
                flag,
                style="dim" if flag else "",
            )
    return [team, reps]


def _pct(value: Fraction | None) -> str:
    return "–" if value is None else f"{float(value):.0f}%"


def _amount(value: Fraction | None, stage: Stage) -> str:
    """A quantity as done or to do: whole units (money with separators)."""
    if value is None:
        return "–"
    return (
        money(value) if stage.unit == "money" or value.denominator == 1 else average(value, stage)
    )


def _signed(value: Fraction | None, stage: Stage) -> str:
    if value is None:
        return "–"
    text = _amount(abs(value), stage)
    return f"+{text}" if value > 0 else (f"-{text}" if value < 0 else text)


STATUS_TEXT = {"ahead": N_("ahead"), "on track": N_("on track"), "behind": N_("behind")}


def track_blocks(report: TrackReport, options: ReportOptions) -> list[Block]:
    lang = options.lang
    breakdown = report.breakdown
    stages = breakdown.stages
    activity = stages[-1]
    shown = [report.reps[i] for i in selected_reps(breakdown, options)]
    summary = Grid(
        columns=[
            Column(tr("Rep", lang), "left"),
            Column(options.label(stages[0])),
            Column(tr("Plan", lang)),
            Column("%"),
            Column(tr("Status", lang), "left"),
            Column(tr("Diagnosis", lang), "left"),
            Column(tr("Needed/day", lang)),
            Column(tr("Plan/day", lang)),
        ],
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
        ),
    )
    for r in shown:
        head = r.result
        summary.add_row(
            r.rep.name,
            _amount(head.actual, stages[0]),
            money(head.planned),
            _pct(head.pct),
            tr(STATUS_TEXT[r.status], lang),
            _classification_text(r, options),
            money(head.per_day) if head.per_day is not None else "–",
            money((r.rep.per_day() or (Fraction(0),))[0]),
            style="bad" if r.status == "behind" else "",
        )
    team = report.team
    summary.footer = [
        tr("Team", lang),
        money(team.actual),
        money(team.planned),
        _pct(team.pct),
        "",
        "",
        money(team.catch_up_per_day) if team.catch_up_per_day is not None else "–",
        money(team.original_per_day),
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
        blocks += _rep_track_blocks(r, report, options, activity)
    return blocks


def conversion(stage: StageTrack, options: ReportOptions) -> str:
    """``Dials → Connects``: what a stage turns into (its rate is the stage above per unit)."""
    assert stage.rate is not None
    return f"{options.label(stage.stage)} → {options.label(stage.rate.above)}"


def _classification_text(r: RepTrack, options: ReportOptions) -> str:
    if r.classification == "quality" and r.weakest is not None:
        return tr("quality: {stage}", options.lang, stage=options.label(r.weakest.stage))
    return tr(
        {"quantity": N_("quantity"), "on track": N_("on track")}.get(
            r.classification, N_("on track")
        ),
        options.lang,
    )


def _rep_track_blocks(
    r: RepTrack, report: TrackReport, options: ReportOptions, activity: Stage
) -> list[Block]:
    from goalsplit.track import MIN_SAMPLE

    lang = options.lang
    grid = Grid(
        columns=[
            Column(tr("Stage", lang), "left"),
            Column(tr("Plan", lang)),
            Column(tr("Actual", lang)),
            Column(tr("Gap", lang)),
            Column("%"),
            Column(tr("Needed/day", lang)),
            Column(tr("Plan/day", lang)),
        ],
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
            _amount(Fraction(p.planned), stage),
            _amount(p.actual, stage),
            _signed(p.gap, stage),
            _pct(p.pct),
            average(p.per_day, stage) if p.per_day is not None else "–",
            average(p.plan.required / days, stage) if days else "–",
        )
    blocks: list[Block] = [grid]
    checks = [(conversion(s, options), s.rate) for s in r.stages if s.rate is not None]
    if checks:
        rates = Grid(
            columns=[
                Column(tr("Stage", lang), "left"),
                Column(tr("Actual rate", lang)),
                Column(tr("Plan", lang)),
                Column(tr("Team", lang)),
                Column(tr("Sample", lang)),
                Column("", "left"),
            ],
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
                rate_text(c.actual),
                rate_text(c.planned),
                rate_text(c.team),
                money(c.sample),
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
        if extra is None:  # the stage converts nothing: no finite amount makes up for it
            say(
                "bad",
                "Behind on quality: {stage} at 0 (plan {planned}, team {team}): nothing has "
                "converted yet, so no amount of extra {activity} makes up for it at this rate; "
                "fix this stage first.",
                stage=conversion(r.weakest, options),
                planned=rate_text(check.planned),
                team=rate_text(check.team),
                activity=options.label(activity),
            )
        else:
            say(
                "bad",
                "Behind on quality: {stage} at {actual} (plan {planned}, team {team}); "
                "at this rate the rest of the period needs {extra} more {activity} "
                "({per_day} a day).",
                stage=conversion(r.weakest, options),
                actual=rate_text(check.actual),
                planned=rate_text(check.planned),
                team=rate_text(check.team),
                extra=money(extra),
                activity=options.label(activity),
                per_day=average(extra / days, activity) if days else "–",
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

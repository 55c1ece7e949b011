"""Records: each report as one long table, a row per rep and stage (or per case),
every number as it is (exact), for a spreadsheet's filters and pivots.

CSV writes these tables as they are; the xlsx format adds them as its data sheet.
The plan's table is produced a rep at a time, so a 10,000-rep year is written as
it is worked out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from goalsplit.i18n import tr
from goalsplit.render import ReportOptions, selected_reps
from goalsplit.render.view import Column, Table, View, ViewKind, assert_never

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown
    from goalsplit.card import DayCard
    from goalsplit.feasibility import ReachReport
    from goalsplit.history import RatesReport
    from goalsplit.track import TrackReport


def records(view: View) -> Table:
    kind = view.kind
    if kind is ViewKind.plan:
        return plan_records(view.subject, view.options)
    if kind is ViewKind.card:
        return card_records(view.subject, view.options)
    if kind is ViewKind.track:
        return track_records(view.subject, view.options)
    if kind is ViewKind.rates:
        return rates_records(view.subject, view.options)
    if kind is ViewKind.reach:
        return reach_records(view.subject, view.options)
    if kind is ViewKind.compare:
        return compare_records(view.subject, view.options)
    assert_never(kind)


def _columns(*specs: tuple[str, str]) -> list[Column]:
    return [Column(header, kind) for header, kind in specs]  # type: ignore[arg-type]


def plan_records(breakdown: Breakdown, options: ReportOptions) -> Table:
    """One row per rep and stage with the period numbers, then one column per ISO
    week, one per calendar month when the period touches more than one (and with
    ``--daily`` one per working day)."""
    lang = options.lang
    columns = _columns(
        (tr("Rep", lang), "text"),
        (tr("Stage", lang), "text"),
        (tr("Label", lang), "text"),
        (tr("Unit", lang), "text"),
        (tr("Working days", lang), "count"),
        (tr("Exact total", lang), "decimal"),
        (tr("Total", lang), "count"),
        (tr("Per working day", lang), "decimal"),
    )
    columns += [Column(week.label, "count") for week in breakdown.weeks]
    by_month = breakdown.by_month
    if by_month:  # a column per calendar month, after the weeks
        columns += [Column(month.label, "count") for month in breakdown.months]
    days: list[Any] = []
    if options.daily:
        days = sorted(
            {day for i in selected_reps(breakdown, options) for day in breakdown.reps[i].days}
        )
        columns += [Column(day.isoformat(), "count") for day in days]

    def rows() -> Iterator[list[Any]]:
        labels = [options.label(stage) for stage in breakdown.stages]
        for i in selected_reps(breakdown, options):
            rep = breakdown.reps[i]
            working_days = rep.working_days
            weeks = rep.week_columns()
            months = rep.month_columns() if by_month else [[]] * len(rep.stages)
            daily = rep.day_columns() if options.daily else [[]] * len(rep.stages)
            for s, total, label, week_targets, month_targets, day_targets in zip(
                rep.stages, rep.totals(), labels, weeks, months, daily, strict=True
            ):
                stage = s.stage
                row = [
                    rep.name,
                    stage.name,  # a key: letters, digits and _
                    label,
                    stage.unit,
                    working_days,
                    s.required,
                    total,  # the requirement rounded up once (with a floor: the days' sum)
                    s.required / working_days if working_days else None,
                    *week_targets,
                    *month_targets,
                ]
                if options.daily:
                    mine = dict(zip(rep.days, day_targets, strict=True))
                    row += [mine.get(day, "") for day in days]
                yield row

    return Table(columns, stream=rows(), name=tr("Data", lang))


def card_records(card: DayCard, options: ReportOptions) -> Table:
    lang = options.lang
    evening = card.evening
    specs = [
        (tr("Rep", lang), "text"),
        (tr("Date", lang), "date"),
        (tr("Working day?", lang), "text"),
        (tr("Kind of day", lang), "text"),
        (tr("Card date", lang), "date"),
        (tr("Working day no.", lang), "count"),
        (tr("Working days in period", lang), "count"),
        (tr("Stage", lang), "text"),
        (tr("Label", lang), "text"),
        (tr("Today", lang), "count"),
        (tr("Week", lang), "text"),
        (tr("Week target", lang), "count"),
    ]
    if card.month is not None:
        specs += [
            (tr("Month", lang), "text"),
            (tr("Month target", lang), "count"),
            (tr("Left in month", lang), "count"),
        ]
    specs += [(tr("To date", lang), "count"), (tr("Period", lang), "count")]
    if evening is not None:
        specs += [
            (tr("Done", lang), "decimal"),
            (tr("Week to date", lang), "count"),
            (tr("Week done", lang), "decimal"),
            (tr("Done to date", lang), "decimal"),
            (tr("Needed/day", lang), "decimal"),
        ]
    table = Table(_columns(*specs), name=tr("Data", lang))
    totals = card.rep.totals()
    working = tr("yes", lang) if card.working_day else tr("no", lang)
    kind = card.describe(card.day_kind, lang)
    for k, stage in enumerate(card.breakdown.stages):
        table.add_row(
            card.rep.name,
            card.date,
            working,
            kind,
            card.card_date if card.card_date else "",
            card.day if card.card_date else "",
            card.days,
            stage.name,
            options.label(stage),
            card.targets[k],
            card.week.label,
            card.week_targets[k],
            *(
                (card.month.label, card.month_targets[k], card.month_left[k])
                if card.month is not None
                else ()
            ),
            card.period_to_date[k],
            totals[k],
            *(
                []
                if evening is None
                else [
                    evening.done[k],
                    evening.week_planned[k],
                    evening.week_done[k],
                    evening.track.stages[k].actual,
                    evening.track.stages[k].per_day,
                ]
            ),
        )
    return table


def rates_records(report: RatesReport, options: ReportOptions) -> Table:
    lang = options.lang
    table = Table(
        _columns(
            (tr("Rep", lang), "text"),
            (tr("Stage", lang), "text"),
            (tr("Label", lang), "text"),
            (tr("Raw", lang), "decimal"),
            (tr("Used", lang), "decimal"),
            (tr("Sample", lang), "decimal"),
            (tr("Stage above", lang), "decimal"),
            (tr("Prior", lang), "decimal"),
            (tr("Thin", lang), "count"),
        ),
        name=tr("Data", lang),
    )
    rows = [("", report.table.team), *report.table.reps.items()]
    for name, estimates in rows:
        for stage, e in zip(report.stages[1:], estimates, strict=True):
            table.add_row(
                name or tr("(team)", lang),
                stage.name,
                options.label(stage),
                e.raw,
                e.used,
                e.sample,
                e.above,
                e.prior,
                int(e.thin),
            )
    return table


def track_records(report: TrackReport, options: ReportOptions) -> Table:
    if report.review is not None:  # --by: the review's rows instead of the period's
        return review_records(report, options)
    from goalsplit.render.report import TIER_TEXT, diagnosis_text

    lang = options.lang
    table = Table(
        _columns(
            (tr("Rep", lang), "text"),
            (tr("Stage", lang), "text"),
            (tr("Label", lang), "text"),
            (tr("As of", lang), "date"),
            (tr("Plan", lang), "count"),
            (tr("Actual", lang), "decimal"),
            (tr("Gap", lang), "decimal"),
            ("%", "decimal"),
            (tr("Needed/day", lang), "decimal"),
            (tr("Plan/day", lang), "decimal"),
            (tr("Actual rate", lang), "decimal"),
            (tr("Planned rate", lang), "decimal"),
            (tr("Team rate", lang), "decimal"),
            (tr("Sample", lang), "decimal"),
            (tr("Status", lang), "text"),
            (tr("Diagnosis", lang), "text"),
            ("#", "count"),
            (tr("Tier", lang), "text"),
        ),
        name=tr("Data", lang),
    )
    activity = report.breakdown.stages[-1]
    for i in selected_reps(report.breakdown, options):
        r = report.reps[i]
        days = r.rep.working_days
        diagnosis = diagnosis_text(
            r.classification,
            r.weakest.rate if r.weakest is not None else None,
            r.weakest.stage if r.weakest is not None else None,
            r.compound,
            (r.activity.planned, r.activity.actual),
            activity,
            options,
        )
        tier = tr(TIER_TEXT[r.tier], lang) if r.tier else ""
        for s in r.stages:
            check = s.rate
            table.add_row(
                r.rep.name,
                s.stage.name,
                options.label(s.stage),
                report.as_of,
                s.planned,
                s.actual,
                s.gap,
                s.pct,
                s.per_day,
                s.plan.required / days if days else None,
                check.actual if check else None,
                check.planned if check else None,
                check.team if check else None,
                check.sample if check else None,
                r.status,
                diagnosis,
                r.rank if r.rank is not None else "",
                tier,
            )
    return table


def review_records(report: TrackReport, options: ReportOptions) -> Table:
    """One row per week (or month), rep (the team first) and stage."""
    lang = options.lang
    review = report.review
    assert review is not None
    table = Table(
        _columns(
            (tr("Rep", lang), "text"),
            (tr("Week", lang) if review.by == "week" else tr("Month", lang), "text"),
            (tr("Start", lang), "date"),
            (tr("End", lang), "date"),
            (tr("Through", lang), "date"),
            (tr("Working days", lang), "count"),
            (tr("Stage", lang), "text"),
            (tr("Label", lang), "text"),
            (tr("Plan", lang), "count"),
            (tr("Actual", lang), "decimal"),
            ("%", "decimal"),
            (tr("Row plan", lang), "count"),
            (tr("Status", lang), "text"),
            (tr("Classification", lang), "text"),
            (tr("Weakest stage", lang), "text"),
        ),
        name=tr("Data", lang),
    )
    stages = report.breakdown.stages
    everyone = [(tr("(team)", lang), review.team)] + [
        (report.reps[i].rep.name, review.reps[i]) for i in selected_reps(report.breakdown, options)
    ]
    for who, rows in everyone:
        for row in rows:
            weakest = row.diagnosis.weakest
            for stage, cell in zip(stages, row.stages, strict=True):
                table.add_row(
                    who,
                    row.label,
                    row.start,
                    row.end,
                    row.through,
                    row.working_days,
                    stage.name,
                    options.label(stage),
                    cell.planned,
                    cell.actual,
                    cell.pct,
                    cell.planned_full,
                    row.status,
                    row.diagnosis.classification,
                    stages[weakest].name if weakest is not None else "",
                )
    return table


def reach_records(report: ReachReport, options: ReportOptions) -> Table:
    lang = options.lang
    table = Table(
        _columns(
            (tr("Rep", lang), "text"),
            (tr("Working days", lang), "count"),
            (tr("Quota", lang), "decimal"),
            (tr("At capacity", lang), "decimal"),
            (tr("Stage", lang), "text"),
            (tr("Capacity", lang), "count"),
            (tr("Feasible", lang), "text"),
        ),
        name=tr("Data", lang),
    )
    for i in selected_reps(report.breakdown, options):
        fit = report.team.reps[i]
        binding = fit.binding
        table.add_row(
            fit.rep.name,
            fit.rep.working_days,
            fit.rep.quota,
            fit.reach,
            binding.stage.name if binding else "",
            binding.capacity if binding else "",
            "yes" if fit.feasible else "no",
        )
    return table


def compare_records(cases: Sequence[Any], options: ReportOptions) -> Table:
    """The comparison's rows as they are shown, every row naming its rep (no footer)."""
    from goalsplit.render.compare import compare_blocks

    grid = compare_blocks(cases, options)[0]
    assert isinstance(grid, Table)
    columns = [c if c.kind == "text" else Column(c.header, "decimal") for c in grid.columns]
    return Table(columns, rows=grid.rows, row_styles=grid.row_styles, name=grid.name)

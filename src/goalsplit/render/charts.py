"""The charts of a view, as series of numbers, drawn by the xlsx format (native
Excel charts over the sheet's own cells) and the HTML format.

- plan: per rep, the funnel (each stage's requirement for the period) and the
  revenue target by week or month;
- track: the team's plan to date against actual per rep; per rep a burn-up (the
  schedule's running sum against what was done, day by day) and the stage
  attainment (% of plan to date); with ``--by``, per rep the rows of the review;
- reach: each rep's quota against what the rep can make at capacity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

from goalsplit.i18n import tr
from goalsplit.render.view import Chart, Series, Table, Value, View, ViewKind

if TYPE_CHECKING:
    from goalsplit.render.view import Block, Kind, Number
    from goalsplit.track import RepTrack, TrackReport


def charts(view: View, blocks: Sequence[Block]) -> list[Chart]:
    tables = [block for block in blocks if isinstance(block, Table)]
    kind = view.kind
    if kind is ViewKind.plan:
        return _plan(tables, view)
    if kind is ViewKind.track:
        return _track(tables, view)
    if kind is ViewKind.reach:
        return [_bars(t, 0, (3, 4), t.title) for t in tables if t.rows][:1]
    return []  # a day card, rates and a comparison read best as tables


def number(cell: object) -> Number | None:
    """The number in a cell, or None (text, a blank, a missing number)."""
    if isinstance(cell, Value):
        cell = cell.value
    if isinstance(cell, bool) or not isinstance(cell, (int, Fraction)):
        return None
    return cell


def label(cell: object) -> str:
    if isinstance(cell, Value):
        if cell.shown is not None:
            return cell.shown
        cell = cell.value
    if isinstance(cell, date):
        return f"{cell:%m-%d}"
    return str(cell)


def _bars(
    table: Table, label_column: int, columns: Sequence[int], title: str, about: str = ""
) -> Chart:
    rows = table.rows
    return Chart(
        "bar",
        title,
        [label(row[label_column]) for row in rows],
        [
            Series(
                table.columns[k].header,
                [number(row[k]) for row in rows],
                table.columns[k].kind,
                column=k,
            )
            for k in columns
        ],
        about=about or table.name,
        table=table,
        rows=(0, len(rows) - 1),
        labels=label_column,
    )


def _plan(tables: list[Table], view: View) -> list[Chart]:
    lang = view.options.lang
    by_month = False
    result: list[Chart] = []
    for table in tables:
        if table.role == "plan-summary" and table.rows:
            result.append(_bars(table, 0, (2,), tr("Quota per rep", lang), tr("Team", lang)))
        if table.role != "schedule" or not table.rows:
            continue
        by_month = table.columns[0].header == tr("Month", lang)
        footer = table.footer or []
        stages = range(2, len(table.columns))
        result.append(
            Chart(
                "funnel",
                tr("{rep} — the funnel for the period", lang, rep=table.name),
                [table.columns[k].header for k in stages],
                [
                    Series(
                        tr("Total", lang),
                        [number(footer[k]) if k < len(footer) else None for k in stages],
                    )
                ],
                about=table.name,
                table=table,
                footer=True,
            )
        )
        title = (
            tr("{rep} — targets by month", lang, rep=table.name)
            if by_month
            else tr("{rep} — targets by week", lang, rep=table.name)
        )
        result.append(_bars(table, 0, (2,), title))
    return result


def _track(tables: list[Table], view: View) -> list[Chart]:
    report: TrackReport = view.subject
    lang = view.options.lang
    result: list[Chart] = []
    progress = {t.name: t for t in tables if t.role == "progress"}
    for table in tables:
        if table.role == "track-summary" and table.rows:
            chart = _bars(
                table, 1, (3, 2), tr("Plan to date against actual", lang), tr("Team", lang)
            )
            result.append(_renamed(chart, (tr("Plan", lang), tr("Actual", lang))))
    from goalsplit.render import selected_reps

    for i in selected_reps(report.breakdown, view.options):
        r = report.reps[i]
        result.append(burn_up(report, r, lang))
        found = progress.get(r.rep.name)
        if found is not None and found.rows:
            chart = _bars(
                found, 0, (4,), tr("{rep} — % of plan to date by stage", lang, rep=r.rep.name)
            )
            result.append(replace(chart, reference=100))
    for table in tables:
        if table.role == "review" and table.rows:
            chart = _bars(table, 0, (3, 2), tr("{rep} — plan against actual", lang, rep=table.name))
            result.append(_renamed(chart, (tr("Plan", lang), tr("Actual", lang))))
    return result


def _renamed(chart: Chart, names: Sequence[str]) -> Chart:
    series = [
        Series(name, s.values, s.kind, s.column)
        for name, s in zip(names, chart.series, strict=True)
    ]
    return replace(chart, series=series)


def burn_up(report: TrackReport, r: RepTrack, lang: str) -> Chart:
    """The rep's schedule to date (whole units, the result or, without a revenue
    column, the activity) against the running sum of what was done, by working day."""
    rep = r.rep
    index = 0 if r.result.actual is not None else len(r.stages) - 1
    stage = r.stages[index].stage
    days = rep.days
    plan = rep.stage_cumulative(index, range(1, len(days) + 1))
    done: list[Number | None] = []
    as_of = report.as_of
    for day in days:
        if day > as_of:
            done.append(None)
            continue
        done.append(report.actuals.through(rep.name, day).get(stage.name, Fraction(0)))
    elapsed = sum(1 for day in days if day <= as_of)
    kind: Kind = "money" if stage.unit == "money" else "count"
    return Chart(
        "line",
        tr("{rep} — burn-up: plan to date against actual", lang, rep=rep.name),
        [f"{day:%m-%d}" for day in days],
        [
            Series(tr("Plan", lang), list(plan), kind),
            Series(tr("Actual", lang), done, kind),
        ],
        about=rep.name,
        marker=f"{days[elapsed - 1]:%m-%d}" if elapsed else None,
    )

"""``goalsplit compare``: the same plan under several scenarios, side by side.

Per rep: the quota, each stage's average daily target and whether the days fit
the rep's capacity; for the team, the quotas' sum and the reach at capacity. One
module for every format, like ``reach``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from goalsplit.i18n import N_, tr
from goalsplit.render import Format, ReportOptions
from goalsplit.render.report import per_day_cell
from goalsplit.render.view import TEAM, Block, Column, Table, Value

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown, RepPlan
    from goalsplit.feasibility import RepFit, TeamFit


BASE = N_("plan")  # the column of the plan as it is (with --set values, if any)


@dataclass(frozen=True)
class Case:
    """One column: the plan with a scenario and ``--set`` values laid over it."""

    name: str
    scenario: str | None
    sets: tuple[str, ...]
    breakdown: Breakdown
    fit: TeamFit


def _names(cases: Sequence[Case], options: ReportOptions) -> list[str]:
    """Every rep in any case, in the order first met (``--rep``: only those)."""
    seen: dict[str, None] = {}
    for case in cases:
        for rep in case.breakdown.reps:
            seen.setdefault(rep.name, None)
    return [n for n in seen if not options.reps or n in options.reps]


def _find(case: Case, name: str) -> tuple[RepPlan, RepFit] | None:
    for rep, fit in zip(case.breakdown.reps, case.fit.reps, strict=True):
        if rep.name == name:
            return rep, fit
    return None


def _verdict(fit: RepFit, options: ReportOptions) -> str:
    if not fit.capped:
        return "–"
    over = [s for s in fit.stages if s.over]
    if not over:
        return "✓"
    from goalsplit.feasibility import peak_text

    return "✗ " + ", ".join(
        f"{options.label(s.stage)} {peak_text(fit.rep, s)}>{s.capacity:,}" for s in over
    )


def compare_blocks(cases: Sequence[Case], options: ReportOptions) -> list[Block]:
    lang = options.lang
    stages = cases[0].breakdown.stages
    grid = Table(
        columns=[
            Column(tr("Rep", lang)),
            Column(""),
            *(
                Column(tr(BASE, lang) if case.name == BASE else case.name, "count", 1, "right")
                for case in cases
            ),
        ],
        name=TEAM,
        title=tr(
            "{team}{period}: scenarios side by side",
            lang,
            team=f"{cases[0].breakdown.team} · " if cases[0].breakdown.team else "",
            period=cases[0].breakdown.period_label,
        ),
        caption=tr(
            "Stage rows: average per working day. Capacity: ✓ fits, ✗ the busiest day "
            "needs more than the capacity, – no capacity set.",
            lang,
        ),
    )
    for name in _names(cases, options):
        found = [_find(case, name) for case in cases]
        grid.add_row(
            name, tr("Quota", lang), *(Value(f[0].quota if f else None, "money") for f in found)
        )
        again = Value(name, shown="")  # every row names its rep in a spreadsheet
        for k, stage in enumerate(stages[1:], start=1):
            cells = []
            for f in found:
                per_day = f[0].shown_per_day() if f else None
                cells.append(per_day_cell(per_day[k] if per_day else None, stage))
            grid.add_row(again, options.label(stage), *cells)
        grid.add_row(
            again,
            tr("Capacity", lang),
            *(_verdict(f[1], options) if f else "–" for f in found),
            style="bad" if any(f and not f[1].feasible for f in found) else "",
        )
    if not options.reps:
        quotas: list[object] = [tr("Team", lang), tr("Quota", lang)]
        quotas += [Value(case.breakdown.allocated, "money") for case in cases]
        if any(any(r.capped for r in case.fit.reps) for case in cases):
            grid.add_row(*quotas)
            quotas = ["", tr("At capacity", lang)]
            quotas += [Value(c.fit.reachable, "money") for c in cases]
        grid.footer = quotas
    return [grid]


def compare_document(cases: Sequence[Case], options: ReportOptions) -> dict[str, Any]:
    from goalsplit.render.json import SCHEMA_VERSION, rep_feasibility, team_feasibility

    def number(value: Fraction) -> float:
        return float(value)

    reps = []
    for name in _names(cases, options):
        by_case: dict[str, Any] = {}
        for case in cases:
            f = _find(case, name)
            if f is None:
                by_case[case.name] = None
                continue
            rep, fit = f
            per_day = rep.per_day()
            by_case[case.name] = {
                "quota": number(rep.quota),
                "working_days": rep.working_days,
                "per_day": None
                if per_day is None
                else {s.stage.name: number(v) for s, v in zip(rep.stages, per_day, strict=True)},
                "feasibility": rep_feasibility(fit) if fit.capped else None,
            }
        reps.append({"name": name, "cases": by_case})
    return {
        "schema_version": SCHEMA_VERSION,
        "cases": [
            {"name": case.name, "scenario": case.scenario, "sets": list(case.sets)}
            for case in cases
        ],
        "team": {
            case.name: {
                "target": number(case.breakdown.target),
                "allocated": number(case.breakdown.allocated),
                "feasibility": team_feasibility(case.fit),
            }
            for case in cases
        },
        "reps": reps,
    }


def render_compare(
    fmt: Format, cases: Sequence[Case], options: ReportOptions
) -> Iterator[str | bytes]:
    from goalsplit.render import render_view
    from goalsplit.render.view import View, ViewKind

    return render_view(fmt, View(ViewKind.compare, cases, options))

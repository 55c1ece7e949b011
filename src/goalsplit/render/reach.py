"""What the reps can make at capacity: ``goalsplit reach`` in every format, and the
feasibility lines of the plan report.

One module for the command (table, Markdown, JSON and CSV), since its report is
small: the grids are described once and laid out by the table and Markdown
formats like every other report.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from goalsplit.i18n import tr, trn
from goalsplit.render import Format, ReportOptions, selected_reps
from goalsplit.render.grid import Note
from goalsplit.render.report import money
from goalsplit.render.view import TEAM, Block, Column, Table

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown
    from goalsplit.feasibility import ReachReport, RepFit, TeamFit


def _pct(part: Fraction, whole: Fraction) -> str:
    return f"{float(part / whole * 100):.1f}%" if whole else "–"


def _share(part: Fraction, whole: Fraction) -> Fraction | None:
    return part / whole * 100 if whole else None


def _limit(fit: RepFit, options: ReportOptions) -> str:
    binding = fit.binding
    if binding is None:
        return "–"
    return tr(
        "{stage} {capacity}/day",
        options.lang,
        stage=options.label(binding.stage),
        capacity=f"{binding.capacity:,}",
    )


def team_notes(team: TeamFit, options: ReportOptions) -> list[Note]:
    """At capacity, how much of the target the team reaches, and the headcount it lacks."""
    lang = options.lang
    share = _pct(team.reachable, team.target)
    if not team.short:
        return [
            Note(
                "✓ "
                + tr(
                    "At capacity the team reaches {reachable} = {share} of the target {target}.",
                    lang,
                    reachable=money(team.reachable),
                    share=share,
                    target=money(team.target),
                ),
                "ok",
            )
        ]
    text = tr(
        "At capacity the team reaches {reachable} = {share} of the target {target}, "
        "short by {gap}.",
        lang,
        reachable=money(team.reachable),
        share=share,
        target=money(team.target),
        gap=money(team.short),
    )
    if team.headcount and team.per_rep is not None:
        text += " " + trn(
            "{count} more rep at full pace ({per_rep} each) would close the gap.",
            "{count} more reps at full pace ({per_rep} each) would close the gap.",
            team.headcount,
            lang,
            per_rep=money(team.per_rep),
        )
    return [Note("✗ " + text, "bad")]


def feasibility_notes(breakdown: Breakdown, options: ReportOptions) -> list[Note]:
    """The plan report's lines on capacity: who is over it, and the team's reach."""
    from goalsplit.feasibility import has_limits, peak_text, team_fit

    if not has_limits(breakdown) or not any(r.capacity for r in breakdown.reps):
        return []
    team = team_fit(breakdown)
    lang = options.lang
    notes = []
    for i in selected_reps(breakdown, options):
        fit = team.reps[i]
        for s in fit.stages:
            if s.over:
                notes.append(
                    Note(
                        "✗ "
                        + tr(
                            "{rep}: {peak} {stage} on the busiest day, above the capacity "
                            "of {capacity}; at capacity the quota would be {quota}.",
                            lang,
                            rep=fit.rep.name,
                            peak=peak_text(fit.rep, s),
                            stage=options.label(s.stage),
                            capacity=f"{s.capacity:,}",
                            quota=money(Fraction(s.reach.numerator // s.reach.denominator)),
                        ),
                        "bad",
                    )
                )
    return notes + team_notes(team, options)


def reach_blocks(report: ReachReport, options: ReportOptions) -> list[Block]:
    lang = options.lang
    breakdown = report.breakdown
    currency = f" ({breakdown.currency})" if breakdown.currency else ""
    grid = Table(
        columns=[
            Column(tr("Rep", lang)),
            Column(tr("Days", lang), "count"),
            Column(tr("Capacity", lang)),
            Column(tr("Quota", lang) + currency, "money"),
            Column(tr("At capacity", lang) + currency, "money"),
            Column(tr("of quota", lang), "percent", 1),
        ],
        name=TEAM,
        title=tr(
            "{team}{period}: what each rep can make at capacity",
            lang,
            team=f"{breakdown.team} · " if breakdown.team else "",
            period=breakdown.period_label,
        ),
        caption=tr(
            "At capacity: the funnel run forwards from the stage that limits the rep most, "
            "at the rep's rates, over the rep's working days.",
            lang,
        ),
    )
    shown = selected_reps(breakdown, options)
    for i in shown:
        fit = report.team.reps[i]
        rep = fit.rep
        grid.add_row(
            rep.name,
            rep.working_days,
            _limit(fit, options),
            rep.quota,
            fit.reach,
            _share(fit.reach, rep.quota) if fit.reach is not None else None,
            style="bad" if not fit.feasible else "",
        )
    if len(shown) == len(breakdown.reps):
        quota = breakdown.allocated
        grid.footer = [
            tr("Team", lang),
            len(breakdown.working_days),
            "",
            quota,
            report.team.reachable,
            _share(report.team.reachable, quota),
        ]
    return [grid, *team_notes(report.team, options)]


def reach_document(report: ReachReport, options: ReportOptions) -> dict[str, Any]:
    from goalsplit.render.json import SCHEMA_VERSION, rep_feasibility, team_feasibility

    breakdown = report.breakdown
    return {
        "schema_version": SCHEMA_VERSION,
        "team": breakdown.team,
        "currency": breakdown.currency,
        "period": {
            "label": breakdown.period_label,
            "start": breakdown.start.isoformat(),
            "end": breakdown.end.isoformat(),
            "working_days": len(breakdown.working_days),
        },
        "per_day": None if report.per_day is None else dict(report.per_day),
        "feasibility": team_feasibility(report.team),
        "reps": [
            {
                "name": report.team.reps[i].rep.name,
                "working_days": report.team.reps[i].rep.working_days,
                "quota": float(report.team.reps[i].rep.quota),
                **rep_feasibility(report.team.reps[i]),
            }
            for i in selected_reps(breakdown, options)
        ],
    }


def render_reach(fmt: Format, report: ReachReport, options: ReportOptions) -> Iterator[str | bytes]:
    from goalsplit.render import render_view
    from goalsplit.render.view import View, ViewKind

    return render_view(fmt, View(ViewKind.reach, report, options))

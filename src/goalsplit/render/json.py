"""``--format json``: the stable contract for scripts (schema_version 1).

Exact quantities (quotas, requirements, per-day averages, rates) are floats;
schedule targets are integers. Keys are English and never translated. The
output is compact (one line); pipe it through ``jq`` to read it.

A year of weeks for 10,000 reps is millions of numbers, so the weekly and daily
rows are written from a prepared template (one ``%`` formatting per rep) rather
than as millions of small dicts; ``tests/test_cli.py`` checks that the result
parses to the same document a plain ``json.dumps`` would give.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from itertools import chain
from typing import TYPE_CHECKING, Any

from goalsplit.feasibility import has_limits, team_fit
from goalsplit.funnel import ceil_fraction
from goalsplit.render import ReportOptions, selected_reps
from goalsplit.render.view import View, ViewKind, assert_never

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown, RepPlan
    from goalsplit.card import DayCard, Evening
    from goalsplit.feasibility import RepFit, TeamFit
    from goalsplit.history import RateEstimate, RatesReport
    from goalsplit.track import RepTrack, ReviewRow, StageTrack, TrackReport

SCHEMA_VERSION = 1


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def render(breakdown: Breakdown, options: ReportOptions) -> Iterator[str]:
    names = [stage.name for stage in breakdown.stages]
    week_heads = [
        _dumps({"week": w.label, "start": w.start.isoformat(), "end": w.end.isoformat()})[:-1]
        + ',"working_days":%d,'
        for w in breakdown.weeks
    ]
    weeks_template = _rows_template(week_heads, names)
    months_template = None
    if breakdown.by_month:  # a period within one month has no months to show
        month_heads = [
            _dumps({"month": m.label, "start": m.start.isoformat(), "end": m.end.isoformat()})[:-1]
            + ',"working_days":%d,'
            for m in breakdown.months
        ]
        months_template = _rows_template(month_heads, names)
    document = header(breakdown, options)
    fit = None
    if has_limits(breakdown):  # only then: a plan without floors or capacity is as before
        fit = team_fit(breakdown)
        document["feasibility"] = team_feasibility(fit)
    head = _dumps({**document, "reps": []})
    assert head.endswith('"reps":[]}')
    yield head[: -len("]}")]
    # One rep at a time: a year for 10,000 reps is 100 MB that need not sit in memory.
    for n, i in enumerate(selected_reps(breakdown, options)):
        yield ("," if n else "") + _rep(
            breakdown.reps[i],
            names,
            weeks_template,
            months_template,
            breakdown,
            options,
            None if fit is None else fit.reps[i],
        )
    yield "]}\n"


def header(breakdown: Breakdown, options: ReportOptions) -> dict[str, Any]:
    """Everything but the reps."""
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
        "target": float(breakdown.target),
        "stretch": float(breakdown.stretch),
        "allocated": float(breakdown.allocated),
        "stages": [
            {"name": s.name, "label": options.label(s), "unit": s.unit} for s in breakdown.stages
        ],
        "warnings": [w.describe() for w in breakdown.warnings if w.severity == "warning"],
        "notes": [w.describe() for w in breakdown.warnings if w.severity == "note"],
        "allocation": breakdown.allocation,
        "history": _history(breakdown),
        "calendar": _calendar(breakdown),
        **_shaping(breakdown),
    }


def _shaping(breakdown: Breakdown) -> dict[str, Any]:
    """The keys that shape the plan in time, where used (schema_version 1: additive)."""
    names = [stage.name for stage in breakdown.stages[1:]]
    found: dict[str, Any] = {}
    if breakdown.carve_outs:
        found["carve_out"] = {
            "total": float(breakdown.carved),
            "items": [
                {"name": c.name, "amount": float(c.amount), "owner": c.owner}
                for c in breakdown.carve_outs
            ],
        }
        found["decomposed"] = float(breakdown.decomposed)
    if breakdown.season is not None:
        found["seasonality"] = {
            "source": breakdown.season_source,
            "weights": {str(m): float(w) for m, w in enumerate(breakdown.season, 1)},
        }
    if breakdown.ramp:
        found["ramp"] = [float(step) for step in breakdown.ramp]
    if breakdown.buffer:
        found["buffer"] = float(breakdown.buffer)
    openings = [o for o in (rep.opening for rep in breakdown.reps) if o is not None]
    if breakdown.cycle or openings:
        found["cycle"] = breakdown.cycle
        found["opening"] = dict(
            zip(names, (sum(column) for column in zip(*openings, strict=True)), strict=True)
        )
    return found


def _rep_shaping(rep: RepPlan) -> dict[str, Any]:
    shaping = rep.shaping
    found: dict[str, Any] = {}
    if not shaping.uniform:
        found["day_weight"] = float(rep.weights.total)  # the allocation's measure of the days
    if shaping.ramp and shaping.hired is not None:
        found["ramp"] = {
            "hired": shaping.hired.isoformat(),
            "steps": [float(step) for step in shaping.ramp],
        }
    opening = rep.opening
    if opening is not None:
        found["cycle"] = shaping.cycle
        found["opening"] = dict(zip((s.stage.name for s in rep.rated), opening, strict=True))
    if shaping.buffer:
        full_by = rep.full_by
        found["full_by"] = full_by.isoformat() if full_by else None
    return found


def _calendar(breakdown: Breakdown) -> dict[str, Any] | None:
    """The calendar the working days come from, within the period."""
    from goalsplit.calendar import WEEKDAY_KEYS

    info = breakdown.calendar
    if info is None:
        return None
    public = info.public
    names = public.names if public else {}
    return {
        "code": public.country if public else None,
        "name": public.name if public else None,
        "subdivision": public.subdivision if public else None,
        "weekend": [WEEKDAY_KEYS[d] for d in sorted(info.weekend)],
        "public_holidays": [
            {"date": day.isoformat(), "name": names.get(day, "")} for day in info.public_holidays()
        ],
        "make_up_workdays": [day.isoformat() for day in info.make_up_workdays()],
        "extra_days_off": [day.isoformat() for day in sorted(info.extra_off)],
        "extra_workdays": [day.isoformat() for day in sorted(info.extra_on)],
    }


def _history(breakdown: Breakdown) -> dict[str, Any] | None:
    history = breakdown.history
    if history is None:
        return None
    return {
        "since": history.since.isoformat() if history.since else None,
        "until": history.until.isoformat() if history.until else None,
        "rows": history.rows,
        "reps": len(history.reps),
    }


def _rows_template(heads: Sequence[str], names: Sequence[str]) -> str:
    """``[{...head..."targets":{"revenue":%d,...}},...]`` for one row per head."""
    targets = ",".join(_dumps(name).replace("%", "%%") + ":%d" for name in names)
    row_tail = '"targets":{' + targets + "}}"
    return "[" + ",".join(head + row_tail for head in heads) + "]"


def _rep(
    rep: RepPlan,
    names: list[str],
    weeks_template: str,
    months_template: str | None,
    breakdown: Breakdown,
    options: ReportOptions,
    fit: RepFit | None = None,
) -> str:
    working_days = rep.working_days
    document: dict[str, Any] = {
        "name": rep.name,
        "weight": float(rep.weight),
        "start": rep.start.isoformat(),
        "end": rep.end.isoformat(),
        "working_days": rep.working_days,
        "quota": float(rep.quota),
        "quota_source": "explicit" if rep.quota_explicit else "allocated",
        "rates": {s.stage.name: float(s.rate) for s in rep.rated if s.rate is not None},
        "rate_sources": {s.stage.name: s.source for s in rep.rated},
        "rate_evidence": {
            s.stage.name: {"sample": float(s.evidence.sample), "thin": s.evidence.thin}
            for s in rep.rated
            if s.evidence is not None
        },
        "stages": {
            s.stage.name: {
                "total": float(s.required),
                "total_ceil": total,  # the sum of the targets shown
                "per_day": float(s.required / working_days) if working_days else None,
            }
            for s, total in zip(rep.stages, rep.totals(), strict=True)
        },
    }
    document.update(_rep_shaping(rep))
    if rep.ability is not None:
        document["ability"] = {
            "revenue_per_day": float(rep.ability),
            "source": rep.ability_source,
        }
    if fit is not None:
        document["feasibility"] = rep_feasibility(fit)
    day_counts = breakdown.week_working_days(rep.week_ends)
    weeks = weeks_template % tuple(
        chain.from_iterable(zip(day_counts, *rep.week_columns(), strict=True))
    )
    text = _dumps(document)[:-1] + ',"weeks":' + weeks
    if months_template is not None:
        month_days = breakdown.week_working_days(rep.month_ends)
        text += ',"months":' + months_template % tuple(
            chain.from_iterable(zip(month_days, *rep.month_columns(), strict=True))
        )
    if options.daily:
        day_heads = ['{"date":"%s",' % day.isoformat() for day in rep.days]  # noqa: UP031
        days = _rows_template(day_heads, names) % tuple(
            chain.from_iterable(zip(*rep.day_columns(), strict=True))
        )
        text += ',"days":' + days
    return text + "}"


def rep_feasibility(fit: RepFit) -> dict[str, Any]:
    """A rep's days against their floors and capacity (plans that set either)."""
    rep = fit.rep
    return {
        "feasible": fit.feasible,
        "reach": None if fit.reach is None else float(fit.reach),
        "binding_stage": None if fit.binding is None else fit.binding.stage.name,
        "extra_days": fit.extra_days,
        "floors": {
            s.stage.name: {
                "floor": floor,
                "binding_days": sum(day < floor for day in rep.funnel_days(k)),
                "funnel_total": ceil_fraction(s.required),
                "scheduled": total,
            }
            for k, (s, total) in enumerate(zip(rep.stages, rep.totals(), strict=True))
            if (floor := rep.floor(k))
        },
        "capacity": {
            s.stage.name: {
                "capacity": s.capacity,
                "peak": s.peak,
                "over": s.over,
                "most": float(s.most),
                "reach": float(s.reach),
                "rate": float(s.rate),
                "rate_needed": float(s.rate_needed),
                "days_needed": s.days_needed,
            }
            for s in fit.stages
        },
    }


def team_feasibility(fit: TeamFit) -> dict[str, Any]:
    return {
        "feasible": all(r.feasible for r in fit.reps),
        "infeasible_reps": [r.rep.name for r in fit.reps if not r.feasible],
        "target": float(fit.target),
        "reachable": float(fit.reachable),
        "short": float(fit.short),
        "per_rep": None if fit.per_rep is None else float(fit.per_rep),
        "average_working_days": float(fit.average_days),
        "headcount": fit.headcount,
    }


def render_card(card: DayCard, options: ReportOptions) -> Iterator[str]:
    names = [stage.name for stage in card.breakdown.stages]
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "rep": card.rep.name,
        "date": card.date.isoformat(),
        "working_day": card.working_day,
        "day_kind": card.day_kind,  # why "date" is (not) a working day
        "reason": None if card.working_day else card.describe(card.day_kind, options.lang),
        "holiday": None
        if card.holiday is None
        else {
            "name": card.holiday.get("en", ""),
            "label": card.holiday.get(options.lang) or card.holiday.get("en", ""),
        },
        "card_date": card.card_date.isoformat() if card.card_date else None,
        "card_day_kind": card.card_day_kind,
        "day": card.day,
        "days": card.days,
        "targets": dict(zip(names, card.targets, strict=True)),
        "week": {
            "week": card.week.label,
            "start": card.week.start.isoformat(),
            "end": card.week.end.isoformat(),
            "working_days": card.week_working_days,
            "remaining_working_days": card.week_remaining_working_days,
            "targets": dict(zip(names, card.week_targets, strict=True)),
        },
        "period_to_date": dict(zip(names, card.period_to_date, strict=True)),
        **_card_month(card, names),
        "period": {
            "label": card.breakdown.period_label,
            "start": card.breakdown.start.isoformat(),
            "end": card.breakdown.end.isoformat(),
            "totals": dict(zip(names, card.rep.totals(), strict=True)),
        },
        "quota": float(card.rep.quota),
        "stages": [
            {"name": s.name, "label": options.label(s), "unit": s.unit}
            for s in card.breakdown.stages
        ],
        "warnings": [w.describe() for w in card.breakdown.warnings if w.severity == "warning"],
        "calendar": _calendar(card.breakdown),
    }
    if card.evening is not None:
        document["evening"] = _evening(card.evening, names)
    yield _dumps(document) + "\n"


def _evening(evening: Evening, names: list[str]) -> dict[str, Any]:
    """``today --actuals``: the day's result; the period to date as ``track`` gives it."""

    def number(value: Fraction | None) -> float | None:
        return None if value is None else float(value)

    def per_stage(values: Sequence[Any]) -> dict[str, Any]:
        return dict(zip(names, values, strict=True))

    track = evening.track
    left = track.catch_up.remaining_days
    return {
        "date": evening.date.isoformat(),
        "working_day": evening.working_day,
        "targets": per_stage(evening.targets),
        "done": per_stage([number(v) for v in evening.done]),
        "week": {
            "week": evening.week.label,
            "planned_to_date": per_stage(evening.week_planned),
            "done": per_stage([number(v) for v in evening.week_done]),
        },
        "period_to_date": {
            "planned": per_stage([s.planned for s in track.stages]),
            "done": per_stage([number(s.actual) for s in track.stages]),
            "pct": per_stage([number(s.pct) for s in track.stages]),
        },
        "status": track.status,
        "classification": track.classification,
        "weakest_stage": track.weakest.stage.name if track.weakest is not None else None,
        "compound": track.compound,
        "catch_up": {
            "remaining_days": left,
            "per_day": per_stage([number(s.per_day) for s in track.stages]) if left else None,
            "next_day": per_stage([s.next_day for s in track.stages]) if left else None,
        },
        "tomorrow": None
        if evening.tomorrow is None
        else {
            "date": evening.tomorrow.isoformat(),
            "targets": per_stage(evening.tomorrow_targets),
        },
    }


def _card_month(card: DayCard, names: Sequence[str]) -> dict[str, Any]:
    """The card's calendar month, when the period touches more than one."""
    if card.month is None:
        return {}
    return {
        "month": {
            "month": card.month.label,
            "start": card.month.start.isoformat(),
            "end": card.month.end.isoformat(),
            "working_days": card.month_working_days,
            "remaining_working_days": card.month_remaining_working_days,
            "targets": dict(zip(names, card.month_targets, strict=True)),
            "left": dict(zip(names, card.month_left, strict=True)),
        }
    }


def render_rates(report: RatesReport, options: ReportOptions) -> Iterator[str]:
    names = [stage.name for stage in report.stages]
    since, until = report.window

    def number(value: Fraction | None) -> float | None:
        return None if value is None else float(value)

    def estimates(values: Sequence[RateEstimate]) -> dict[str, Any]:
        return {
            name: {
                "raw": number(e.raw),
                "used": number(e.used),
                "sample": float(e.sample),
                "above": float(e.above),
                "prior": float(e.prior),
                "thin": e.thin,
            }
            for name, e in zip(names[1:], values, strict=True)
        }

    document = {
        "schema_version": SCHEMA_VERSION,
        "source": {
            "file": report.file,
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
            "rows": report.history.rows,
            "prior": report.table.prior,
        },
        "stages": [
            {"name": s.name, "label": options.label(s), "unit": s.unit} for s in report.stages
        ],
        "team": estimates(report.table.team),
        "reps": [
            {"name": name, "rates": estimates(values)} for name, values in report.table.reps.items()
        ],
    }
    yield _dumps(document) + "\n"


def render_track(report: TrackReport, options: ReportOptions) -> Iterator[str]:
    breakdown = report.breakdown

    def number(value: Fraction | None) -> float | None:
        return None if value is None else float(value)

    def per_stage(r: RepTrack, value: Callable[[StageTrack], Any]) -> dict[str, Any] | None:
        """One value per stage; None when the rep has no working days left."""
        if not r.catch_up.remaining_days:
            return None
        return {s.stage.name: value(s) for s in r.stages}

    reps: list[dict[str, Any]] = []
    for i in selected_reps(breakdown, options):
        r = report.reps[i]
        catch_up = r.catch_up
        projection = r.projection
        reps.append(
            {
                "name": r.rep.name,
                "status": r.status,
                "classification": r.classification,
                "weakest_stage": r.weakest.stage.name if r.weakest is not None else None,
                "compound": r.compound,
                "extra_activity": number(r.extra_activity),
                "rank": r.rank,
                "tier": r.tier,
                "elapsed_days": r.elapsed_days,
                "working_days": r.rep.working_days,
                "quota": float(r.rep.quota),
                "stages": {
                    s.stage.name: {
                        "planned_to_date": s.planned,
                        "actual_to_date": number(s.actual),
                        "gap": number(s.gap),
                        "pct": number(s.pct),
                    }
                    for s in r.stages
                },
                "rates": {
                    s.stage.name: None
                    if (c := s.rate) is None
                    else {
                        "actual": number(c.actual),
                        "planned": float(c.planned),
                        "team": number(c.team),
                        "sample": float(c.sample),
                        "judged": c.judged,
                        "revenue_lost": number(c.lost),
                    }
                    for s in r.stages
                    if s.plan.rate is not None
                },
                "catch_up": {
                    "remaining_days": catch_up.remaining_days,
                    "remaining": {s.stage.name: float(s.remaining) for s in r.stages},
                    "per_day": per_stage(r, lambda s: number(s.per_day)),
                    "original_per_day": None
                    if not r.rep.working_days
                    else {
                        s.stage.name: float(s.required / r.rep.working_days) for s in r.rep.stages
                    },
                    "next_day": per_stage(r, lambda s: s.next_day),
                    "missed_by": number(catch_up.missed_by),
                },
                "projection": None
                if projection is None
                else {
                    "revenue": float(projection.revenue),
                    "attainment": float(projection.attainment),
                    "tier": projection.tier,
                    "suggested": number(projection.suggested),
                    "suggested_tier": projection.suggested_tier,
                },
            }
        )
        if report.review is not None:
            reps[-1]["review"] = [_review_row(row, breakdown) for row in report.review.reps[i]]
    team = report.team
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "as_of": report.as_of.isoformat(),
        "period": {
            "label": breakdown.period_label,
            "start": breakdown.start.isoformat(),
            "end": breakdown.end.isoformat(),
            "working_days": len(breakdown.working_days),
        },
        "actuals": {
            "stages": list(report.actuals.stages),
            "rows": report.actuals.rows,
            "last_date": report.actuals.last_date.isoformat() if report.actuals.last_date else None,
        },
        "team": {
            "planned_to_date": team.planned,
            "actual_to_date": float(team.actual),
            "pct": number(team.pct),
            "quota": float(team.quota),
            "attainment": number(team.attainment),
            "catch_up_per_day": number(team.catch_up_per_day),
            "original_per_day": float(team.original_per_day),
            "reps_by_status": team.by_status,
            "tiers": {
                "shares": [float(share) for share in team.tier_shares],
                **team.by_tier,
            },
        },
        "reps": reps,
        "unknown_reps": list(report.unknown_reps),
        "warnings": [w.describe() for w in breakdown.warnings if w.severity == "warning"],
        "notes": [n.describe() for n in report.notes],
        "by": report.review.by if report.review is not None else None,
    }
    if report.review is not None:
        document["team"]["review"] = [_review_row(row, breakdown) for row in report.review.team]
    yield _dumps(document) + "\n"


def _review_row(row: ReviewRow, breakdown: Breakdown) -> dict[str, Any]:
    def number(value: Fraction | None) -> float | None:
        return None if value is None else float(value)

    names = [stage.name for stage in breakdown.stages]
    diagnosis = row.diagnosis
    return {
        "label": row.label,
        "start": row.start.isoformat(),
        "end": row.end.isoformat(),
        "working_days": row.working_days,
        "complete": row.complete,
        "through": row.through.isoformat(),
        "status": row.status,
        "classification": diagnosis.classification,
        "weakest_stage": names[diagnosis.weakest] if diagnosis.weakest is not None else None,
        "compound": diagnosis.compound,
        "stages": {
            name: {
                "planned": cell.planned,
                "planned_full": cell.planned_full,
                "actual": number(cell.actual),
                "pct": number(cell.pct),
            }
            for name, cell in zip(names, row.stages, strict=True)
        },
        "rates": {
            name: None
            if check is None
            else {
                "actual": number(check.actual),
                "planned": float(check.planned),
                "sample": float(check.sample),
                "judged": check.judged,
            }
            for name, check in zip(names[1:], row.checks[1:], strict=True)
        },
    }


def render_view(view: View) -> Iterator[str]:
    """Every view's JSON document, written by hand: the contract for scripts."""
    kind, subject, options = view.kind, view.subject, view.options
    if kind is ViewKind.plan:
        return render(subject, options)
    if kind is ViewKind.card:
        return render_card(subject, options)
    if kind is ViewKind.track:
        return render_track(subject, options)
    if kind is ViewKind.rates:
        return render_rates(subject, options)
    if kind is ViewKind.reach:
        from goalsplit.render.reach import reach_document

        return iter([_dumps(reach_document(subject, options)) + "\n"])
    if kind is ViewKind.compare:
        from goalsplit.render.compare import compare_document

        return iter([_dumps(compare_document(subject, options)) + "\n"])
    assert_never(kind)

"""``--format json``: the stable contract for scripts (schema_version 1).

Exact quantities (quotas, requirements, per-day averages, rates) are floats;
schedule targets are integers. Keys are English and never translated.
"""

from __future__ import annotations

import json
from typing import Any

from goalsplit.breakdown import Breakdown, RepPlan
from goalsplit.render import ReportOptions, selected_reps

SCHEMA_VERSION = 1


def render(breakdown: Breakdown, options: ReportOptions) -> str:
    document = plan_document(breakdown, options)
    return json.dumps(document, ensure_ascii=False, indent=None, separators=(",", ":")) + "\n"


def plan_document(breakdown: Breakdown, options: ReportOptions) -> dict[str, Any]:
    names = [stage.name for stage in breakdown.stages]
    weeks = [
        {"week": w.label, "start": w.start.isoformat(), "end": w.end.isoformat()}
        for w in breakdown.weeks
    ]
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
            {"name": s.name, "label": s.display_label, "unit": s.unit} for s in breakdown.stages
        ],
        "warnings": [issue.describe() for issue in breakdown.warnings],
        "reps": [
            _rep(breakdown.reps[i], names, weeks, breakdown, options)
            for i in selected_reps(breakdown, options)
        ],
    }


def _rep(
    rep: RepPlan,
    names: list[str],
    weeks: list[dict[str, Any]],
    breakdown: Breakdown,
    options: ReportOptions,
) -> dict[str, Any]:
    per_day = rep.per_day()
    totals = rep.totals()
    below = names[1:]
    document: dict[str, Any] = {
        "name": rep.name,
        "weight": float(rep.weight),
        "start": rep.start.isoformat(),
        "end": rep.end.isoformat(),
        "working_days": rep.working_days,
        "quota": float(rep.quota),
        "quota_source": "explicit" if rep.quota_explicit else "allocated",
        "rates": {name: float(rate) for name, rate in zip(below, rep.rates, strict=True)},
        "rate_sources": dict(zip(below, rep.rate_sources, strict=True)),
        "stages": {
            name: {
                "total": float(exact),
                "total_ceil": whole,
                "per_day": float(per_day[k]) if per_day is not None else None,
            }
            for k, (name, exact, whole) in enumerate(zip(names, rep.required, totals, strict=True))
        },
        "weeks": [
            {**week, "working_days": days, "targets": dict(zip(names, targets, strict=True))}
            for week, days, targets in zip(
                weeks, breakdown.week_working_days(rep.week_ends), rep.week_targets(), strict=True
            )
        ],
    }
    if options.daily:
        document["days"] = [
            {"date": day.isoformat(), "targets": dict(zip(names, targets, strict=True))}
            for day, targets in zip(rep.days, rep.day_targets(), strict=True)
        ]
    return document

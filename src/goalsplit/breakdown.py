"""The plan, worked out: the one result type every renderer receives.

``build_breakdown`` turns a validated plan into working days, quotas and exact
stage requirements. Integer schedules (per week, per day) are cut on demand,
so a report that shows only weeks never pays for days.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Literal

from goalsplit.allocate import Claim, allocate_quotas
from goalsplit.calendar import (
    PublicCalendar,
    UnknownCountryError,
    Week,
    expand_spans,
    iso_weeks,
    public_calendar,
    team_working_days,
)
from goalsplit.errors import Issue, PlanError, PlanPath
from goalsplit.funnel import ceil_fraction, split_targets, stage_requirements, uniform_weights
from goalsplit.model import Plan, Rep, Stage, plan_issues

RateSource = Literal["rep", "team"]


@dataclass(frozen=True)
class RepPlan:
    """One rep's share of the plan: quota, rates and exact stage requirements."""

    name: str
    weight: Fraction
    quota: Fraction
    quota_explicit: bool
    start: date
    end: date
    days: tuple[date, ...]  # this rep's working days, in order
    week_ends: tuple[int, ...]  # working days through the end of each week of the period
    rates: tuple[Fraction, ...]  # one per stage below the result
    rate_sources: tuple[RateSource, ...]
    required: tuple[Fraction, ...]  # exact requirement per stage, the result first

    @property
    def working_days(self) -> int:
        return len(self.days)

    @property
    def cumulative_weights(self) -> Sequence[int]:
        return uniform_weights(len(self.days))

    def totals(self) -> tuple[int, ...]:
        """Whole-unit period totals: each exact requirement rounded up once."""
        return tuple(ceil_fraction(e) for e in self.required)

    def per_day(self) -> tuple[Fraction, ...] | None:
        """Exact average per working day, or None without working days."""
        if not self.days:
            return None
        return tuple(e / len(self.days) for e in self.required)

    def week_targets(self) -> list[tuple[int, ...]]:
        """Whole-unit targets per week: one tuple of stage targets per week."""
        return list(zip(*self.week_columns(), strict=True))

    def day_targets(self) -> list[tuple[int, ...]]:
        """Whole-unit targets per working day: one tuple of stage targets per day."""
        return list(zip(*self.day_columns(), strict=True))

    def week_columns(self) -> list[list[int]]:
        """Whole-unit targets per week: one list per stage, the result first."""
        return self._split(self.week_ends)

    def day_columns(self) -> list[list[int]]:
        """Whole-unit targets per working day: one list per stage, the result first."""
        return self._split(range(1, len(self.days) + 1))

    def _split(self, boundaries: Sequence[int]) -> list[list[int]]:
        weights = self.cumulative_weights
        return [split_targets(e, weights, boundaries) for e in self.required]


@dataclass(frozen=True)
class Breakdown:
    team: str | None
    currency: str | None
    period_label: str
    start: date
    end: date
    working_days: tuple[date, ...]
    target: Fraction
    stretch: Fraction
    available: Fraction  # target x stretch
    stages: tuple[Stage, ...]  # the result first
    weeks: tuple[Week, ...]
    week_ends: tuple[int, ...]  # team working days through the end of each week
    reps: tuple[RepPlan, ...]
    warnings: tuple[Issue, ...] = field(default=())

    @property
    def allocated(self) -> Fraction:
        return sum((rep.quota for rep in self.reps), Fraction(0))

    def week_working_days(self, ends: Sequence[int]) -> list[int]:
        return [b - a for a, b in zip((0, *ends[:-1]), ends, strict=True)]


def build_breakdown(plan: Plan) -> Breakdown:
    """Work the plan out; raise PlanError with every problem found (and the warnings)."""
    issues: list[Issue] = plan_issues(plan)
    period = plan.period
    years = list(range(period.start.year, period.end.year + 1))

    public: PublicCalendar | None = None
    if plan.calendar.country:
        try:
            public = public_calendar(plan.calendar.country, years)
        except UnknownCountryError as exc:
            issues.append(
                Issue(
                    ("calendar", "country"),
                    "unknown country code {code}; use an ISO 3166 code that the holidays "
                    "package supports, such as CN, US, DE",
                    {"code": repr(exc.args[0])},
                )
            )
        else:
            if public.uncovered_years:
                issues.append(
                    Issue(
                        ("calendar", "country"),
                        "holiday data for {country} is known only through {through}; {years} "
                        "is guessed from rules and may be wrong (list the official days in "
                        "calendar.holidays and calendar.workdays)",
                        {
                            "country": public.country,
                            "through": public.covered_through,
                            "years": ", ".join(map(str, public.uncovered_years)),
                        },
                        severity="warning",
                    )
                )

    team_days = team_working_days(
        period.start,
        period.end,
        frozenset(plan.calendar.weekend),
        public,
        expand_spans(plan.calendar.holidays),
        expand_spans(plan.calendar.workdays),
    )
    if not team_days:
        issues.append(Issue(("period",), "the period has no working days"))

    weeks = iso_weeks(period.start, period.end)
    week_last_days = [w.end for w in weeks]
    team_week_ends = tuple(bisect_right(team_days, d) for d in week_last_days)
    issues.extend(_rate_warnings(plan))

    stage_names = [s.name for s in plan.stages[1:]]
    windows: dict[
        tuple[date, date, tuple[tuple[date, date], ...]], tuple[tuple[date, ...], tuple[int, ...]]
    ] = {}
    rep_days: list[tuple[date, ...]] = []
    rep_week_ends: list[tuple[int, ...]] = []
    for rep in plan.reps:
        start = rep.start or period.start
        end = rep.end or period.end
        key = (start, end, rep.leave)
        if key not in windows:
            if key == (period.start, period.end, ()):
                windows[key] = (team_days, team_week_ends)
            else:
                leave = expand_spans(rep.leave)
                days = tuple(d for d in team_days if start <= d <= end and d not in leave)
                windows[key] = (days, tuple(bisect_right(days, d) for d in week_last_days))
        days, ends = windows[key]
        rep_days.append(days)
        rep_week_ends.append(ends)

    target = Fraction(plan.target)
    stretch = Fraction(plan.stretch)
    allocation = allocate_quotas(
        target,
        stretch,
        [
            Claim(
                Fraction(rep.quota) if rep.quota is not None else None,
                Fraction(rep.weight),
                len(days),
            )
            for rep, days in zip(plan.reps, rep_days, strict=True)
        ],
    )
    issues.extend(allocation.issues)
    if any(issue.is_error for issue in issues):
        raise PlanError(issues)

    team_rates = {name: Fraction(value) for name, value in plan.rates.items()}
    reps = []
    for rep, days, ends, quota in zip(
        plan.reps, rep_days, rep_week_ends, allocation.quotas, strict=True
    ):
        rates, sources = _rep_rates(rep, stage_names, team_rates)
        reps.append(
            RepPlan(
                name=rep.name,
                weight=Fraction(rep.weight),
                quota=quota,
                quota_explicit=rep.quota is not None,
                start=rep.start or period.start,
                end=rep.end or period.end,
                days=days,
                week_ends=ends,
                rates=rates,
                rate_sources=sources,
                required=stage_requirements(quota, rates),
            )
        )

    return Breakdown(
        team=plan.team,
        currency=plan.currency,
        period_label=period.name,
        start=period.start,
        end=period.end,
        working_days=team_days,
        target=target,
        stretch=stretch,
        available=allocation.available,
        stages=plan.stages,
        weeks=weeks,
        week_ends=team_week_ends,
        reps=tuple(reps),
        warnings=tuple(issues),
    )


def _rep_rates(
    rep: Rep, stage_names: Sequence[str], team_rates: dict[str, Fraction]
) -> tuple[tuple[Fraction, ...], tuple[RateSource, ...]]:
    rates: list[Fraction] = []
    sources: list[RateSource] = []
    for name in stage_names:
        if name in rep.rates:
            rates.append(Fraction(rep.rates[name]))
            sources.append("rep")
        else:
            rates.append(team_rates[name])
            sources.append("team")
    return tuple(rates), tuple(sources)


def _rate_warnings(plan: Plan) -> list[Issue]:
    """A rate above 1 between two stages of the same unit is almost always a
    percentage written as a whole number (30 instead of 0.30 or 30%)."""
    stages = plan.stages
    above = {stages[i].name: stages[i - 1] for i in range(1, len(stages))}
    unit = {s.name: s.unit for s in stages}
    sets: list[tuple[PlanPath, dict[str, object]]] = [(("rates",), dict(plan.rates))]
    sets += [(("reps", i, "rates"), dict(rep.rates)) for i, rep in enumerate(plan.reps)]
    issues = []
    for where, rates in sets:
        for name, value in rates.items():
            if name in above and unit[name] == above[name].unit and Fraction(str(value)) > 1:
                issues.append(
                    Issue(
                        (*where, name),
                        "{value} means one unit of {stage} yields more than one of {above}; "
                        "a percentage is written 0.30 or 30%",
                        {"value": value, "stage": name, "above": above[name].name},
                        severity="warning",
                    )
                )
    return issues

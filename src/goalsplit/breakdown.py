"""The plan, worked out: the one result type every renderer receives.

``build_breakdown`` turns a validated plan into working days, quotas and exact
stage requirements. Integer schedules (per week, per day) are cut on demand,
so a report that shows only weeks never pays for days.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import cached_property
from itertools import accumulate, pairwise
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from goalsplit.allocate import Claim, allocate_quotas
from goalsplit.calendar import (
    CalendarInfo,
    Month,
    PublicCalendar,
    UnknownCountryError,
    UnknownSubdivisionError,
    Week,
    calendar_months,
    expand_spans,
    iso_weeks,
    public_calendar,
    team_working_days,
)
from goalsplit.checks import check_plan
from goalsplit.errors import Issue, PlanError, PlanPath
from goalsplit.funnel import (
    apply_floor,
    ceil_fraction,
    cumulative_targets,
    split_targets,
    stage_requirements,
)
from goalsplit.i18n import StageNames
from goalsplit.limits import MAX_REQUIREMENT
from goalsplit.model import Plan, Rep, Stage, season_month
from goalsplit.shape import NO_SHAPING, DayWeights, Shaping, day_weights

if TYPE_CHECKING:
    from goalsplit.history import History, RateEstimate, RateTable

RateSource = Literal["rep", "history", "team", "team-history"]
AbilitySource = Literal["history", "team-average"]
NONE: Mapping[str, Any] = MappingProxyType({})  # no floors, no capacity


class StagePlan(NamedTuple):
    """One stage of one rep's plan: the stage, its rate (how much of the stage above
    one unit of this stage yields; None for the result), where the rate comes from,
    the history behind it, and the exact requirement.

    A named tuple: a year's plan for 10,000 reps makes 60,000 of them, and a tuple is
    built several times faster than a frozen dataclass."""

    stage: Stage
    rate: Fraction | None
    source: RateSource | None
    evidence: RateEstimate | None  # when the rate comes from history
    required: Fraction


@dataclass(frozen=True)
class RepPlan:
    """One rep's share of the plan: quota, and per stage its rate and exact requirement."""

    name: str
    weight: Fraction
    quota: Fraction
    quota_explicit: bool
    start: date
    end: date
    days: tuple[date, ...]  # this rep's working days, in order
    week_ends: tuple[int, ...]  # working days through the end of each week of the period
    month_ends: tuple[int, ...]  # working days through the end of each month of the period
    stages: tuple[StagePlan, ...]  # one per stage of the funnel, the result (no rate) first
    weights: DayWeights  # how much each working day weighs: every schedule is cut from it
    ability: Fraction | None = None  # revenue per working day in history (allocation: history)
    ability_source: AbilitySource | None = None
    shaping: Shaping = NO_SHAPING  # what the day weights come from
    floors: Mapping[str, int] = field(
        default_factory=lambda: NONE
    )  # daily minimum per stage: the team's, then the rep's own
    capacity: Mapping[str, int] = field(
        default_factory=lambda: NONE
    )  # daily maximum per stage, likewise
    # Floored stages' day targets from the funnel (at ~index) and running sums of the
    # day targets shown (at index), worked out once per rep (a new RepPlan, also from
    # dataclasses.replace, starts without them).
    _floored: dict[int, list[int]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    @property
    def full_by(self) -> date | None:
        """With a buffer: the working day by which the schedule meets the full requirement."""
        full_on = self.weights.full_on
        return self.days[full_on - 1] if full_on else None

    @cached_property
    def opening(self) -> tuple[int, ...] | None:
        """With a sales cycle: per stage below the result, the whole units needed for the
        revenue of the first ``cycle`` working days, which must be open on day one."""
        cycle = self.shaping.cycle
        if not cycle:
            return None
        at = [min(cycle, len(self.days))]
        result = self.weights.result
        return tuple(cumulative_targets(s.required, result, at)[0] for s in self.rated)

    @property
    def rated(self) -> tuple[StagePlan, ...]:
        """The stages that have a rate: every stage below the result."""
        return self.stages[1:]

    @property
    def required(self) -> tuple[Fraction, ...]:
        """Exact requirement per stage, the result first."""
        return tuple(s.required for s in self.stages)

    def requirements(self, revenue: Fraction) -> tuple[Fraction, ...]:
        """Exact requirement per stage for ``revenue`` through this rep's rates."""
        return stage_requirements(revenue, [s.rate for s in self.rated if s.rate is not None])

    def stage(self, name: str) -> StagePlan:
        return next(s for s in self.stages if s.stage.name == name)

    @property
    def working_days(self) -> int:
        return len(self.days)

    def totals(self) -> tuple[int, ...]:
        """Whole-unit period totals: each exact requirement rounded up once (with a daily
        floor, the sum of the day targets shown)."""
        if self.floors:
            days = len(self.days)
            return tuple(self.stage_cumulative(i, [days])[0] for i in range(len(self.stages)))
        return tuple(ceil_fraction(e) for e in self.required)

    def floor(self, index: int) -> int:
        """The daily floor of stage ``index`` (0: none)."""
        return self.floors.get(self.stages[index].stage.name, 0) if self.floors else 0

    def funnel_days(self, index: int) -> list[int]:
        """Stage ``index``'s whole-unit target of each working day as the funnel alone
        gives it (before any floor)."""
        key = ~index  # kept beside the floored sums, for floored stages only
        days = self._floored.get(key)
        if days is None:
            s = self.stages[index]
            days = split_targets(
                s.required, self.weights.stage(index), range(1, len(self.days) + 1)
            )
            if self.floor(index):
                self._floored[key] = days
        return days

    def floor_binds(self, boundaries: Sequence[int]) -> list[list[bool]]:
        """Per stage, per run of days ending at each of ``boundaries``: whether a daily
        floor lifts any of its days above the funnel's number."""
        marks = []
        for index in range(len(self.stages)):
            floor = self.floor(index)
            if not floor:
                marks.append([False] * len(boundaries))
                continue
            lifted = list(accumulate((d < floor for d in self.funnel_days(index)), initial=0))
            ends = [lifted[k] for k in boundaries]
            marks.append([b > a for a, b in zip([0, *ends], ends, strict=False)])
        return marks

    def stage_cumulative(self, index: int, points: Sequence[int]) -> list[int]:
        """Stage ``index``'s whole-unit schedule through each day count in ``points``:
        the cumulative funnel schedule, or with a daily floor the running sum of the
        day targets shown (each day the larger of the floor and the funnel's number)."""
        floor = self.floor(index)
        if not floor:
            return cumulative_targets(
                self.stages[index].required, self.weights.stage(index), points
            )
        running = self._floored.get(index)
        if running is None:
            shown = apply_floor(self.funnel_days(index), floor)
            running = self._floored[index] = list(accumulate(shown, initial=0))
        return [running[k] for k in points]

    def peak(self, index: int) -> int:
        """What the busiest working day of stage ``index`` needs, in whole units (0
        without days): the exact need of the day that weighs most, rounded up, or the
        daily floor. No day's target is larger (the schedule's day targets are
        differences of running sums rounded up, so each is at most its exact need
        rounded up), and with every day weighing the same some day takes exactly that.
        Judged on the exact need, a quota one unit above what the capacity can carry
        (``reach``) is over capacity, whatever the shape of the days."""
        return ceil_fraction(self.peak_need(index)) if self.days else 0

    def peak_need(self, index: int) -> Fraction:
        """The exact need of the busiest working day of stage ``index``: the share of
        the requirement that the heaviest day carries, or the daily floor."""
        days = len(self.days)
        if not days:
            return Fraction(0)
        weights = self.weights.stage(index)
        floor = self.floor(index)
        if isinstance(weights, range):
            heaviest = Fraction(1, days)
        else:
            total = weights[-1] - weights[0]
            if not total:
                return Fraction(floor)
            heaviest = Fraction(max(b - a for a, b in pairwise(weights)), total)
        return max(self.stages[index].required * heaviest, Fraction(floor))

    def per_day(self) -> tuple[Fraction, ...] | None:
        """Exact average per working day, or None without working days."""
        if not self.days:
            return None
        return tuple(e / len(self.days) for e in self.required)

    def shown_per_day(self) -> tuple[Fraction, ...] | None:
        """The average of the day targets shown: :meth:`per_day`, or with daily floors
        the period's totals (floors and all) over the working days."""
        per_day = self.per_day()
        if per_day and self.floors:
            return tuple(Fraction(total, len(self.days)) for total in self.totals())
        return per_day

    def week_targets(self) -> list[tuple[int, ...]]:
        """Whole-unit targets per week: one tuple of stage targets per week."""
        return list(zip(*self.week_columns(), strict=True))

    def day_targets(self) -> list[tuple[int, ...]]:
        """Whole-unit targets per working day: one tuple of stage targets per day."""
        return list(zip(*self.day_columns(), strict=True))

    def month_targets(self) -> list[tuple[int, ...]]:
        """Whole-unit targets per calendar month: one tuple of stage targets per month."""
        return list(zip(*self.month_columns(), strict=True))

    def month_columns(self) -> list[list[int]]:
        """Whole-unit targets per calendar month: one list per stage, the result first."""
        return self.columns(self.month_ends)

    def week_columns(self) -> list[list[int]]:
        """Whole-unit targets per week: one list per stage, the result first."""
        return self.columns(self.week_ends)

    def day_columns(self) -> list[list[int]]:
        """Whole-unit targets per working day: one list per stage, the result first."""
        return self.columns(range(1, len(self.days) + 1))

    def cumulative(self, at: Sequence[int]) -> list[list[int]]:
        """Whole-unit cumulative targets through each day count in ``at``: one list per
        stage, the result first. The one place a rep's schedule is read from: the day,
        week and month columns, the day card and track's planned-to-date."""
        return [self.stage_cumulative(i, at) for i in range(len(self.stages))]

    def columns(self, boundaries: Sequence[int]) -> list[list[int]]:
        """Whole-unit targets of consecutive runs of working days ending at each of
        ``boundaries`` (day counts, non-decreasing): one list per stage, the result
        first. Each run's target is the sum of its days' targets (the cumulative
        schedule at its end less the one at its start)."""
        return [
            [b - a for a, b in zip([0, *cumulative], cumulative, strict=False)]
            for cumulative in self.cumulative(boundaries)
        ]


@dataclass(frozen=True)
class CarvedOut:
    """Revenue expected from new business, beside the plan (never anyone's activity)."""

    name: str
    amount: Fraction
    owner: str | None


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
    months: tuple[Month, ...] = ()
    month_ends: tuple[int, ...] = ()  # team working days through the end of each month
    season: tuple[Fraction, ...] | None = None  # a working day's weight per month, Jan first
    season_source: Literal["plan", "history"] | None = None
    buffer: Fraction = Fraction(0)
    cycle: int = 0  # the team's sales cycle, in working days
    ramp: tuple[Fraction, ...] = ()  # the team's ramp-up, by month of tenure
    carve_outs: tuple[CarvedOut, ...] = ()

    @property
    def carved(self) -> Fraction:
        """Revenue carved out of the target before it is decomposed."""
        return sum((c.amount for c in self.carve_outs), Fraction(0))

    @property
    def decomposed(self) -> Fraction:
        """The target less the carve-outs: what the quotas are shared from."""
        return self.target - self.carved

    warnings: tuple[Issue, ...] = field(default=())
    allocation: str = "weight"
    history: History | None = None
    calendar: CalendarInfo | None = None  # where the working days come from
    tiers: tuple[Fraction, Fraction, Fraction] | None = (
        None  # the plan's tiers: (top, middle, bottom)
    )
    team_rates: Mapping[str, Fraction] = field(
        default_factory=lambda: NONE
    )  # the team's rate of each stage (plan or history)
    floors: Mapping[str, int] = field(
        default_factory=lambda: NONE
    )  # the team's daily floors and capacity (reps may override)
    capacity: Mapping[str, int] = field(default_factory=lambda: NONE)

    @property
    def allocated(self) -> Fraction:
        return sum((rep.quota for rep in self.reps), Fraction(0))

    def week_working_days(self, ends: Sequence[int]) -> list[int]:
        """Working days per run (week or month) from the day counts at their ends."""
        return [b - a for a, b in zip((0, *ends[:-1]), ends, strict=True)]

    @property
    def by_month(self) -> bool:
        """Does the period touch more than one calendar month (so months are shown)?"""
        return len(self.months) > 1


def build_breakdown(plan: Plan, history: History | None = None) -> Breakdown:
    """Work the plan out; raise PlanError with every problem found (and the warnings).

    ``history`` is the plan's history file, already read (when the plan has one).
    """
    if plan.history is not None and history is None:
        raise ValueError("the plan names a history file: pass the History read from it")
    issues: list[Issue] = check_plan(plan)
    period = plan.period
    years = list(range(period.start.year, period.end.year + 1))

    public: PublicCalendar | None = None
    if plan.calendar.country:
        try:
            public = public_calendar(plan.calendar.country, years)
        except UnknownCountryError as exc:
            issues.append(_unknown_country(plan.calendar.country, exc))
        except UnknownSubdivisionError as exc:
            issues.append(_unknown_subdivision(exc))
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

    calendar = CalendarInfo(
        period.start,
        period.end,
        frozenset(plan.calendar.weekend),
        public,
        expand_spans(plan.calendar.holidays, period.start, period.end),
        expand_spans(plan.calendar.workdays, period.start, period.end),
    )
    team_days = team_working_days(
        period.start,
        period.end,
        calendar.weekend,
        public,
        calendar.extra_off,
        calendar.extra_on,
    )
    if not team_days:
        issues.append(Issue(("period",), "the period has no working days"))

    weeks = iso_weeks(period.start, period.end)
    months = calendar_months(period.start, period.end)
    week_last_days = [w.end for w in weeks]
    month_last_days = [m.end for m in months]
    team_week_ends = tuple(bisect_right(team_days, d) for d in week_last_days)
    team_month_ends = tuple(bisect_right(team_days, d) for d in month_last_days)

    stages = plan.stages
    windows: dict[tuple[date, date, tuple[tuple[date, date], ...]], _Window] = {}
    rep_windows: list[_Window] = []
    leaves: dict[tuple[tuple[date, date], ...], frozenset[date]] = {}
    for rep in plan.reps:
        start, end = _rep_span(rep, plan)
        key = (start, end, rep.leave)
        if key not in windows:
            if key == (period.start, period.end, ()):
                windows[key] = _Window(team_days, team_week_ends, team_month_ends)
            else:
                if rep.leave not in leaves:  # each distinct leave is worked out once
                    leaves[rep.leave] = expand_spans(rep.leave, period.start, period.end)
                leave = leaves[rep.leave]
                days = tuple(d for d in team_days if start <= d <= end and d not in leave)
                windows[key] = _Window(
                    days,
                    tuple(bisect_right(days, d) for d in week_last_days),
                    tuple(bisect_right(days, d) for d in month_last_days),
                )
        rep_windows.append(windows[key])
    rep_days = [window.days for window in rep_windows]

    team_rates = {name: Fraction(value) for name, value in plan.rates.items()}
    table: RateTable | None = None
    if plan.history is not None and history is not None:
        table = _history_rates(plan, history, team_rates, issues)
    abilities: list[tuple[Fraction | None, AbilitySource | None]] = [(None, None)] * len(plan.reps)
    if plan.allocation == "history" and history is not None:
        abilities = _abilities(plan, history, issues)

    # How much each working day weighs, per rep: worked out once per distinct window
    # and shaping, so that 10,000 reps on a few windows cost a few computations.
    season, _ = _season(plan, history, issues)
    buffer = Fraction(plan.buffer) if plan.buffer else Fraction(0)
    issues.extend(_cycle_issues(plan, len(team_days)))
    shapes: dict[tuple[object, ...], tuple[Shaping, DayWeights]] = {}
    rep_shapings: list[Shaping] = []
    rep_weights: list[DayWeights] = []
    for rep, days in zip(plan.reps, rep_days, strict=True):
        start, end = _rep_span(rep, plan)
        # What tells one rep's shaping from another's (season and buffer are the team's).
        shape_key = (start, end, rep.leave, rep.ramp, rep.hired, rep.cycle)
        if shape_key not in shapes:
            shaping = _rep_shaping(rep, plan, season, buffer)
            shapes[shape_key] = (shaping, day_weights(days, shaping))
        shaping, weights = shapes[shape_key]
        rep_shapings.append(shaping)
        rep_weights.append(weights)

    target = Fraction(plan.target)
    stretch = Fraction(plan.stretch)
    carve_outs = tuple(CarvedOut(c.name, Fraction(c.amount), c.owner) for c in plan.carve_out)
    carved = sum((c.amount for c in carve_outs), Fraction(0))
    allocation = allocate_quotas(
        max(target - carved, Fraction(0)),
        stretch,
        [
            Claim(
                Fraction(rep.quota) if rep.quota is not None else None,
                Fraction(rep.weight) * (ability if ability is not None else 1),
                len(days),
                weights.total,
            )
            for rep, days, weights, (ability, _) in zip(
                plan.reps, rep_days, rep_weights, abilities, strict=True
            )
        ],
    )
    issues.extend(allocation.issues)
    if allocation.available > MAX_REQUIREMENT:
        issues.append(
            Issue(
                ("stretch",),
                "target x stretch is {available}, more than the {limit} a plan can hold",
                {"available": _large(allocation.available), "limit": f"{MAX_REQUIREMENT:,}"},
            )
        )
    if any(issue.is_error for issue in issues):
        raise PlanError(issues)

    reps = []
    shared: dict[tuple[tuple[str, int], ...], Mapping[str, int]] = {}
    unworkable: dict[PlanPath, Issue] = {}  # one error per offending rate, however many reps
    for i, (rep, window, weights, shaping, quota, (ability, ability_source)) in enumerate(
        zip(
            plan.reps,
            rep_windows,
            rep_weights,
            rep_shapings,
            allocation.quotas,
            abilities,
            strict=True,
        )
    ):
        rated = _rep_rates(rep, stages, team_rates, table)
        problem = _zero_rate(i, rep.name, stages[0], rated)
        if problem is None:
            stage_plans = _stage_plans(stages[0], quota, rated)
            problem = _requirement_beyond_limit(i, rep.name, stage_plans)
        if problem is not None:
            unworkable.setdefault(problem.path, problem)
            continue
        reps.append(
            RepPlan(
                name=rep.name,
                weight=Fraction(rep.weight),
                quota=quota,
                quota_explicit=rep.quota is not None,
                start=_rep_span(rep, plan)[0],
                end=_rep_span(rep, plan)[1],
                days=window.days,
                week_ends=window.week_ends,
                month_ends=window.month_ends,
                stages=stage_plans,
                weights=weights,
                ability=ability,
                ability_source=ability_source,
                shaping=shaping,
                floors=_own(plan.floors, rep.floors, shared),
                capacity=_own(plan.capacity, rep.capacity, shared),
            )
        )
    if unworkable:
        raise PlanError([*issues, *unworkable.values()])
    issues.extend(_year_end_warning(plan, months, reps))

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
        months=months,
        month_ends=team_month_ends,
        season=season,
        season_source=("history" if plan.seasonality == "history" else "plan")
        if season is not None
        else None,
        buffer=buffer,
        cycle=plan.cycle,
        ramp=tuple(Fraction(step) for step in plan.ramp) if isinstance(plan.ramp, tuple) else (),
        carve_outs=carve_outs,
        warnings=tuple(issues),
        allocation=plan.allocation,
        history=history,
        calendar=calendar,
        tiers=_tiers(plan),
        team_rates=_team_rates(stages, team_rates, table),
        floors=plan.floors,
        capacity=plan.capacity,
    )


def _tiers(plan: Plan) -> tuple[Fraction, Fraction, Fraction] | None:
    if plan.tiers is None:
        return None
    top, middle, bottom = (Fraction(share) for share in plan.tiers)
    return top, middle, bottom


def _own(
    team: Mapping[str, int],
    rep: Mapping[str, int],
    shared: dict[tuple[tuple[str, int], ...], Mapping[str, int]],
) -> Mapping[str, int]:
    """The team's daily amounts with the rep's own over them, stage by stage; reps with
    the same amounts share one mapping (a plan may have 50,000 reps)."""
    if not rep:
        return team
    merged = {**team, **rep}
    return shared.setdefault(tuple(merged.items()), merged)


def _team_rates(
    stages: Sequence[Stage], plan_rates: Mapping[str, Fraction], table: RateTable | None
) -> Mapping[str, Fraction]:
    """The team's rate of each stage: the plan's, else the team's history."""
    rates = dict(plan_rates)
    if table is not None:
        for stage, estimate_ in zip(stages[1:], table.team, strict=True):
            if stage.name not in rates and estimate_.used is not None:
                rates[stage.name] = estimate_.used
    return rates


class _Window(NamedTuple):
    """A rep's working days, and how many of them fall through each week and month."""

    days: tuple[date, ...]
    week_ends: tuple[int, ...]
    month_ends: tuple[int, ...]


def _rep_span(rep: Rep, plan: Plan) -> tuple[date, date]:
    """The first and last day a rep can work in the period: a rep hired during the
    period without a start starts on the day they are hired."""
    period = plan.period
    start = rep.start
    if start is None and rep.hired is not None and period.start <= rep.hired <= period.end:
        start = rep.hired
    return start or period.start, rep.end or period.end


def _rep_shaping(
    rep: Rep, plan: Plan, season: tuple[Fraction, ...] | None, buffer: Fraction
) -> Shaping:
    """What shapes this rep's days: the plan's keys, the rep's overrides. A ramp counts
    from ``hired`` (else ``start``); a rep with neither is not ramping."""
    spec = rep.ramp if rep.ramp is not None else plan.ramp
    hired = rep.hired or rep.start
    ramp = () if spec is None or spec == "none" or hired is None else spec
    cycle = rep.cycle if rep.cycle is not None else plan.cycle
    return Shaping(
        season,
        tuple(Fraction(step) for step in ramp),
        hired if ramp else None,
        buffer,
        cycle,
    )


def _season(
    plan: Plan, history: History | None, issues: list[Issue]
) -> tuple[tuple[Fraction, ...] | None, tuple[int, ...]]:
    """The weight of a working day in each calendar month (January first), and the
    months that seasonality: history found no revenue for (they weigh 1)."""
    written = plan.seasonality
    if written is None:
        return None, ()
    if isinstance(written, dict):
        weights = [Fraction(1)] * 12
        for key, value in written.items():
            month = season_month(key)
            if month is not None:
                weights[month - 1] = Fraction(value)
        return tuple(weights), ()
    if history is None or not history.reps:
        return None, ()  # no history file is an error already; an empty one a warning
    # Revenue per working day of each calendar month over the history's span.
    since, until = _history_span(history)
    days_in: dict[tuple[int, int], int] = {}
    for day in _history_working_days(plan, since, until):
        year_month = (day.year, day.month)
        days_in[year_month] = days_in.get(year_month, 0) + 1
    revenue = [Fraction(0)] * 12
    worked = [0] * 12
    for (year, month), amount in history.revenue_by_month.items():
        revenue[month - 1] += amount
        worked[month - 1] += days_in.get((year, month), 0)
    per_day = {
        m: revenue[m - 1] / worked[m - 1]
        for m in range(1, 13)
        if worked[m - 1] and revenue[m - 1] > 0
    }
    missing = tuple(m for m in range(1, 13) if m not in per_day)
    if missing:
        issues.append(
            Issue(
                ("seasonality",),
                "the history has no revenue for month {months}; it weighs 1",
                {"months": ", ".join(map(str, missing)), "count": len(missing)},
                severity="note",
                plural="the history has no revenue for months {months}; they weigh 1",
            )
        )
    if not per_day:
        return (Fraction(1),) * 12, missing
    mean = sum(per_day.values(), Fraction(0)) / len(per_day)
    return tuple(per_day[m] / mean if m in per_day else Fraction(1) for m in range(1, 13)), missing


def _cycle_issues(plan: Plan, working_days: int) -> list[Issue]:
    """A cycle as long as the period leaves no day whose activity produces revenue in it."""
    found = []
    cycles: list[tuple[PlanPath, int]] = [(("cycle",), plan.cycle)]
    cycles += [(("reps", i, "cycle"), r.cycle) for i, r in enumerate(plan.reps) if r.cycle]
    for where, cycle in cycles:
        if cycle and working_days and cycle >= working_days:
            found.append(
                Issue(
                    where,
                    "a sales cycle of {cycle} working days is as long as the period or "
                    "longer ({days} working days)",
                    {"cycle": cycle, "days": working_days},
                )
            )
    return found


def _year_end_warning(plan: Plan, months: Sequence[Month], reps: Sequence[RepPlan]) -> list[Issue]:
    """Don't bet the year on year-end: without a buffer, more than 40 % of a year plan's
    revenue in its last quarter is a warning."""
    if plan.buffer or len(months) < 12:
        return []
    cut = months[-4].end  # the last day before the last quarter
    total = late = Fraction(0)
    for rep in reps:
        weights = rep.weights.result
        if not rep.days or not weights[-1]:
            continue
        before = weights[bisect_right(rep.days, cut)]
        total += rep.quota
        late += rep.quota * Fraction(weights[-1] - before, weights[-1])
    if not total or late * 5 <= total * 2:
        return []
    return [
        Issue(
            ("seasonality",) if plan.seasonality is not None else ("period",),
            "{share}% of the year's revenue falls in its last quarter ({first} to {last}): "
            "don't bet the year on year-end; add a buffer (buffer: 10%) or plan more of it "
            "earlier",
            {
                "share": f"{float(late / total * 100):.0f}",
                "first": months[-3].label,
                "last": months[-1].label,
            },
            severity="warning",
        )
    ]


def _unknown_country(written: str, exc: UnknownCountryError) -> Issue:
    if not exc.suggestions:
        return Issue(
            ("calendar", "country"),
            "unknown country code {code}; use an ISO 3166 code that the holidays "
            "package supports, such as CN, US, DE",
            {"code": repr(exc.code)},
        )
    return Issue(
        ("calendar", "country"),
        "unknown country code {code}; did you mean {matches}?",
        {
            "code": repr(written),
            "matches": ", ".join(f"{code} ({name})" for code, name in exc.suggestions),
        },
    )


def _unknown_subdivision(exc: UnknownSubdivisionError) -> Issue:
    where = ("calendar", "country")
    fields = {"code": exc.country, "name": exc.name, "subdivision": repr(exc.subdivision)}
    if not exc.valid:
        return Issue(
            where,
            "the holidays package has no subdivisions for {name} ({code}); write country: {code}",
            fields,
        )
    return Issue(
        where,
        "{name} ({code}) has no subdivision {subdivision}; the holidays package knows: {valid}",
        {**fields, "valid": ", ".join(exc.valid)},
    )


RatedStage = tuple[Stage, Fraction, RateSource, "RateEstimate | None"]


def _rep_rates(
    rep: Rep,
    stages: Sequence[Stage],
    team_rates: dict[str, Fraction],
    table: RateTable | None,
) -> list[RatedStage]:
    """Each stage below the result with its rate, the rate's source and evidence.

    Precedence: the rep's own rate in the plan, the rep's history (shrunk toward the
    team), the team's rate in the plan, the team's history."""
    rated: list[RatedStage] = []
    mine = table.reps.get(rep.name) if table else None
    for i, stage in enumerate(stages[1:]):
        name = stage.name
        estimate_ = mine[i] if mine else None
        if name in rep.rates:
            rated.append((stage, Fraction(rep.rates[name]), "rep", None))
        elif estimate_ is not None and estimate_.sample > 0 and estimate_.used is not None:
            rated.append((stage, estimate_.used, "history", estimate_))
        elif name in team_rates:
            rated.append((stage, team_rates[name], "team", None))
        else:
            assert table is not None
            team = table.team[i]
            assert team.used is not None  # a stage without any rate is an error earlier
            rated.append((stage, team.used, "team-history", team))
    return rated


def _stage_plans(
    result: Stage, quota: Fraction, rated: Sequence[RatedStage]
) -> tuple[StagePlan, ...]:
    """The result's requirement is the quota; each stage's is the one above divided by
    the stage's rate."""
    required = stage_requirements(quota, [rate for _, rate, _, _ in rated])
    return (
        StagePlan(result, None, None, None, quota),
        *(
            StagePlan(stage, rate, source, evidence, exact)
            for (stage, rate, source, evidence), exact in zip(rated, required[1:], strict=True)
        ),
    )


def _rate_path(index: int, stage: Stage, source: RateSource | None) -> PlanPath:
    """Where a rep's rate of ``stage`` comes from: the rep's rates, the team's, the rep
    (a rate from the rep's own history, which the rep's rates can override), or the
    history file the plan names."""
    if source == "rep":
        return ("reps", index, "rates", stage.name)
    if source == "team":
        return ("rates", stage.name)
    if source == "history":
        return ("reps", index)
    if source is None:  # the result: its requirement is the quota
        return ("stretch",)
    return ("history",)


def _zero_rate(index: int, rep: str, result: Stage, rated: Sequence[RatedStage]) -> Issue | None:
    """A rate of 0 (only history can give one: nothing converted, with prior 0 or a
    team total of 0 above) means no amount of the stage ever makes the quota."""
    above = result
    for stage, rate, source, _ in rated:
        if rate == 0:
            return Issue(
                _rate_path(index, stage, source),
                "{rep}: the history gives {stage} a rate of 0 (none of it ever became "
                "{above}), so no amount of it makes the quota; give a rate for it in the plan",
                {"rep": rep, "stage": StageNames(stage), "above": StageNames(above)},
            )
        above = stage
    return None


def _requirement_beyond_limit(index: int, rep: str, stages: Sequence[StagePlan]) -> Issue | None:
    """A requirement beyond MAX_REQUIREMENT comes from rates that are far too small; it
    is reported at the rate that pushes it over, so that every plan accepted prints."""
    for s in stages:
        required = s.required
        if required.numerator > MAX_REQUIREMENT * required.denominator:  # a cheap >
            return Issue(
                _rate_path(index, s.stage, s.source),
                "with this rate {rep} needs {required} {stage}, more than the {limit} a plan "
                "can hold: the rate is far too small (or written the wrong way round)",
                {
                    "rep": rep,
                    "required": _large(s.required),
                    "stage": StageNames(s.stage),
                    "limit": f"{MAX_REQUIREMENT:,}",
                },
            )
    return None


def _large(amount: Fraction) -> str:
    """An amount far beyond any plan, in a few significant digits."""
    return f"{float(amount):.3g}"


def _history_rates(
    plan: Plan, history: History, team_rates: dict[str, Fraction], issues: list[Issue]
) -> RateTable:
    from goalsplit.history import estimate

    assert plan.history is not None
    stages = plan.stages
    table = estimate(
        history,
        {s.name: s.unit for s in stages},
        plan.history.prior,
        team_rates=team_rates,
        reps=[rep.name for rep in plan.reps],
    )
    for stage, team in zip(stages[1:], table.team, strict=True):
        if team.used is None:
            issues.append(
                Issue(
                    ("history",),
                    "no data for {stage} in the history: its team total is zero, and the plan "
                    "gives no team rate for it",
                    {"stage": StageNames(stage)},
                )
            )
    names = {rep.name for rep in plan.reps}
    others = [name for name in history.reps if name not in names]
    if others:
        issues.append(
            Issue(
                ("history",),
                "{count} rep in the history is not in the plan; their activity counts toward "
                "the team's rates only: {names}",
                {
                    "count": len(others),
                    "names": ", ".join(others[:10]) + (", …" if len(others) > 10 else ""),
                },
                severity="note",
                plural="{count} reps in the history are not in the plan; their activity counts "
                "toward the team's rates only: {names}",
            )
        )
    if not history.rows:
        issues.append(
            Issue(
                ("history",),
                "the history has no rows in the window {since}..{until}",
                {"since": history.since or "…", "until": history.until or "…"},
                severity="warning",
            )
        )
    return table


def _history_span(history: History) -> tuple[date, date]:
    """The days the history covers: its window, else the span of its rows."""
    entries = list(history.reps.values())
    since = history.since or min(e.first for e in entries)
    until = history.until or max(e.last for e in entries)
    return since, until


def _history_working_days(plan: Plan, since: date, until: date) -> tuple[date, ...]:
    """The team's working days within the history's span, on the plan's calendar."""
    public = None
    if plan.calendar.country:
        try:
            public = public_calendar(plan.calendar.country, range(since.year, until.year + 1))
        except (UnknownCountryError, UnknownSubdivisionError):
            public = None  # already reported for the period
    return team_working_days(
        since,
        until,
        frozenset(plan.calendar.weekend),
        public,
        expand_spans(plan.calendar.holidays, since, until),
        expand_spans(plan.calendar.workdays, since, until),
    )


def _abilities(
    plan: Plan, history: History, issues: list[Issue]
) -> list[tuple[Fraction | None, AbilitySource | None]]:
    """Each rep's revenue per working day in the history ("the able do more").

    Like rates, it is shrunk toward the team's average by the weight of evidence,
    the prior counted in working days: ``(revenue + prior * average) / (days + prior)``.
    A rep without history gets the team's average; a week of history moves a new
    rep only a little away from it.
    """
    assert plan.history is not None
    prior = plan.history.prior
    entries = list(history.reps.values())
    if not entries:
        return [(None, None)] * len(plan.reps)
    since, until = _history_span(history)
    days = _history_working_days(plan, since, until)

    def worked(first: date, last: date) -> int:
        return bisect_right(days, min(last, until)) - bisect_left(days, max(first, since))

    revenue_total = Fraction(0)
    days_total = 0
    for entry in entries:
        revenue_total += entry.totals[0]
        days_total += worked(entry.first, entry.last)
    average = revenue_total / days_total if days_total else None
    result: list[tuple[Fraction | None, AbilitySource | None]] = []
    for i, rep in enumerate(plan.reps):
        mine = history.reps.get(rep.name)
        own_days = worked(mine.first, mine.last) if mine else 0
        if mine is not None and own_days and average is not None:
            ability = (mine.totals[0] + prior * average) / (own_days + prior)
            result.append((ability, "history"))
            if ability == 0 and rep.quota is None:
                issues.append(
                    Issue(
                        ("reps", i),
                        "{rep} had no revenue in the history, so allocation: "
                        "history gives them no share",
                        {"rep": rep.name},
                        severity="warning",
                    )
                )
        else:
            result.append((average, "team-average" if average is not None else None))
    return result

"""Track the process: plan against actuals, the catch-up pace and the weak stage.

For each rep, as of a date: what the plan's integer schedule asked for so far,
what was done, the gap; what each remaining working day now needs so the quota
is still made; and whether a shortfall is one of quantity (the daily activity
is behind its schedule) or of quality (the activity is there, but a stage
converts well below plan), judged only on samples large enough to mean
something. Reps ahead of plan get a projection and the next tier as a target.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import pairwise
from typing import Literal

from goalsplit.breakdown import Breakdown, RepPlan, StagePlan
from goalsplit.funnel import split_targets
from goalsplit.history import prior_units
from goalsplit.i18n import N_
from goalsplit.model import Stage

ON_TRACK_BAND = Fraction(5, 100)  # within ±5 % of the schedule counts as on track
WEAK_RATE = Fraction(80, 100)  # a stage converting below 80 % of its planned rate is weak
MIN_SAMPLE = 30  # count equivalents of a stage before its rate is judged
# "Solid -> high performer -> benchmark": a rep ahead of plan is offered the next tier.
TIERS: tuple[tuple[Fraction, str], ...] = (
    (Fraction(1), N_("solid")),
    (Fraction(6, 5), N_("high performer")),
    (Fraction(3, 2), N_("benchmark")),
)

Status = Literal["ahead", "on track", "behind"]
Classification = Literal["quantity", "quality", "on track"]


@dataclass
class Actuals:
    """What was done: per rep, per day, the sums of the stages present in the file."""

    stages: tuple[str, ...]  # the stages that have a column, in funnel order
    by_rep: dict[str, dict[dt.date, list[int | Fraction]]] = field(default_factory=dict)
    last_date: dt.date | None = None
    rows: int = 0

    def add(self, rep: str, day: dt.date, values: Sequence[int | Fraction]) -> None:
        days = self.by_rep.setdefault(rep, {})
        known = days.get(day)
        days[day] = (
            list(values) if known is None else [a + b for a, b in zip(known, values, strict=True)]
        )
        if self.last_date is None or day > self.last_date:
            self.last_date = day
        self.rows += 1

    def through(self, rep: str, as_of: dt.date) -> dict[str, Fraction]:
        """Each present stage's sum for ``rep`` over the days up to ``as_of``."""
        sums = [Fraction(0)] * len(self.stages)
        for day, values in self.by_rep.get(rep, {}).items():
            if day <= as_of:
                sums = [a + b for a, b in zip(sums, values, strict=True)]
        return dict(zip(self.stages, sums, strict=True))


@dataclass(frozen=True)
class RateCheck:
    """A stage's conversion so far: the stage above per unit of this stage."""

    above: Stage
    actual: Fraction | None  # None when the sample is zero
    planned: Fraction
    team: Fraction | None
    sample: Fraction  # this stage's actual so far
    judged: bool  # sample large enough to judge the rate

    @property
    def weak(self) -> bool:
        """Judged, and converting below WEAK_RATE of plan."""
        return self.judged and self.actual is not None and self.actual < self.planned * WEAK_RATE


@dataclass(frozen=True)
class StageTrack:
    """One stage of one rep's progress: the schedule to date against what was done,
    the stage's conversion so far, and what it needs from here."""

    plan: StagePlan
    planned: int  # the schedule through the as-of date
    actual: Fraction | None  # None when the actuals have no column for the stage
    gap: Fraction | None  # actual - planned
    pct: Fraction | None  # actual / planned x 100; None when nothing was planned yet
    rate: RateCheck | None  # None for the result, and when a column is missing
    remaining: Fraction  # exact requirement from the remaining revenue
    per_day: Fraction | None  # remaining over the days left; None without any
    next_day: int | None  # the whole-unit target of the next working day

    @property
    def stage(self) -> Stage:
        return self.plan.stage


@dataclass(frozen=True)
class CatchUp:
    remaining_days: int  # the rep's working days after the as-of date
    missed_by: Fraction | None  # no days left and the quota not met


@dataclass(frozen=True)
class Projection:
    revenue: Fraction  # at the current pace over all the rep's working days
    attainment: Fraction  # projected revenue / quota
    tier: str | None  # the tier the projection reaches
    suggested: Fraction | None  # the next tier's quota
    suggested_tier: str | None


@dataclass(frozen=True)
class RepTrack:
    rep: RepPlan
    elapsed_days: int
    stages: tuple[StageTrack, ...]  # per stage, the result first
    status: Status
    classification: Classification
    weakest: StageTrack | None  # the weakest judged stage (quality)
    # What that stage's shortfall costs in activity; None when the stage converts
    # nothing (no amount of activity makes up for it) or when there is no weak stage.
    extra_activity: Fraction | None
    catch_up: CatchUp
    projection: Projection | None

    @property
    def result(self) -> StageTrack:
        return self.stages[0]

    @property
    def activity(self) -> StageTrack:
        """The first daily activity (dials): the last stage of the funnel."""
        return self.stages[-1]

    @property
    def progress(self) -> tuple[StageTrack, ...]:
        """The stages, under the name callers reading ``progress[0]`` know."""
        return self.stages


@dataclass(frozen=True)
class TeamTrack:
    planned: int  # revenue schedule to date, all reps
    actual: Fraction
    pct: Fraction | None
    quota: Fraction
    attainment: Fraction | None  # revenue to date / quotas
    # Revenue per day now needed, summed over the reps with days left; None when no rep
    # has any (as for each rep: nothing can be caught up any more).
    catch_up_per_day: Fraction | None
    original_per_day: Fraction
    by_status: dict[str, list[str]]


@dataclass(frozen=True)
class TrackReport:
    breakdown: Breakdown
    actuals: Actuals
    as_of: dt.date
    reps: tuple[RepTrack, ...]
    team: TeamTrack
    unknown_reps: tuple[str, ...]


def _status(progress: StageTrack) -> Status:
    if progress.actual is None or progress.planned == 0:
        return "on track" if progress.actual is None or progress.actual == 0 else "ahead"
    if progress.actual < progress.planned * (1 - ON_TRACK_BAND):
        return "behind"
    if progress.actual > progress.planned * (1 + ON_TRACK_BAND):
        return "ahead"
    return "on track"


def track(breakdown: Breakdown, actuals: Actuals, as_of: dt.date) -> TrackReport:
    as_of = min(max(as_of, breakdown.start - dt.timedelta(days=1)), breakdown.end)
    names = [stage.name for stage in breakdown.stages]
    units = {stage.name: stage.unit for stage in breakdown.stages}
    done_by_rep = {rep.name: actuals.through(rep.name, as_of) for rep in breakdown.reps}

    # The team's actual rates, over the reps of the plan.
    team_rates: dict[str, Fraction | None] = {}
    for above, stage in pairwise(names):
        team_rates[stage] = None
        if above in actuals.stages and stage in actuals.stages:
            top = sum((d[above] for d in done_by_rep.values()), Fraction(0))
            bottom = sum((d[stage] for d in done_by_rep.values()), Fraction(0))
            team_rates[stage] = top / bottom if bottom else None

    reps = tuple(
        _track_rep(rep, done_by_rep[rep.name], names, units, team_rates, as_of)
        for rep in breakdown.reps
    )
    planned = sum(r.result.planned for r in reps)
    actual = sum((r.result.actual or Fraction(0) for r in reps), Fraction(0))
    quota = sum((r.rep.quota for r in reps), Fraction(0))
    by_status: dict[str, list[str]] = {"ahead": [], "on track": [], "behind": []}
    for r in reps:
        by_status[r.status].append(r.rep.name)
    team = TeamTrack(
        planned=planned,
        actual=actual,
        pct=actual / planned * 100 if planned else None,
        quota=quota,
        attainment=actual / quota * 100 if quota else None,
        catch_up_per_day=_team_per_day([r.result.per_day for r in reps]),
        original_per_day=sum(((r.rep.per_day() or (Fraction(0),))[0] for r in reps), Fraction(0)),
        by_status=by_status,
    )
    plan_names = set(done_by_rep)
    unknown = tuple(name for name in actuals.by_rep if name not in plan_names)
    return TrackReport(breakdown, actuals, as_of, reps, team, unknown)


def _team_per_day(per_day: Sequence[Fraction | None]) -> Fraction | None:
    left = [amount for amount in per_day if amount is not None]
    return sum(left, Fraction(0)) if left else None


def _track_rep(
    rep: RepPlan,
    done: Mapping[str, Fraction],
    names: Sequence[str],
    units: Mapping[str, str],
    team_rates: Mapping[str, Fraction | None],
    as_of: dt.date,
) -> RepTrack:
    """``done`` holds the stages that have a column in the actuals."""
    elapsed = bisect_right(rep.days, as_of)
    days_left = rep.working_days - elapsed
    # Catch-up: the remaining revenue through the rep's rates, over the days left.
    remaining_revenue = max(Fraction(0), rep.quota - done.get(names[0], Fraction(0)))
    remaining = rep.requirements(remaining_revenue)
    # Diagnosis: each stage's conversion so far against the plan and the team.
    ks = prior_units(names, units, {s.stage.name: s.rate for s in rep.rated}, MIN_SAMPLE)

    stages: list[StageTrack] = []
    above: StagePlan | None = None
    for index, (plan, left) in enumerate(zip(rep.stages, remaining, strict=True)):
        name = plan.stage.name
        # The schedule to date and the next day's share of what is left, both as the
        # rep's days weigh (seasonality, ramp-up, buffer, cycle).
        planned = rep.cumulative(index, [elapsed])[0]
        actual = done.get(name)
        check = None
        if (
            above is not None
            and plan.rate is not None
            and above.stage.name in done
            and actual is not None
        ):
            check = RateCheck(
                above=above.stage,
                actual=done[above.stage.name] / actual if actual else None,
                planned=plan.rate,
                team=team_rates[name],
                sample=actual,
                judged=actual >= ks[name],
            )
        stages.append(
            StageTrack(
                plan=plan,
                planned=planned,
                actual=actual,
                gap=None if actual is None else actual - planned,
                pct=None if actual is None or planned == 0 else actual / planned * 100,
                rate=check,
                remaining=left,
                per_day=left / days_left if days_left else None,
                next_day=max(
                    rep.floor(index),
                    split_targets(left, rep.weights.remaining(index, elapsed), [1])[0],
                )
                if days_left
                else None,
            )
        )
        above = plan
    result, activity = stages[0], stages[-1]
    status = _status(result if result.actual is not None else activity)
    missed_by = remaining_revenue if not days_left and remaining_revenue > 0 else None

    behind_on_activity = (
        activity.actual is not None
        and activity.planned > 0
        and activity.actual < activity.planned * (1 - ON_TRACK_BAND)
    )
    weakest: StageTrack | None = None
    extra: Fraction | None = None
    classification: Classification = "on track"
    if behind_on_activity:
        classification = "quantity"
    else:
        weak = [s for s in stages if s.rate is not None and s.rate.weak]
        if weak:
            classification = "quality"
            weakest = min(weak, key=_conversion_against_plan)
            extra = _extra_activity(weakest, stages)

    projection = None
    if status == "ahead" and elapsed and result.actual is not None and rep.quota > 0:
        projected = result.actual / elapsed * rep.working_days
        projection = _projection(projected, rep.quota)
    return RepTrack(
        rep=rep,
        elapsed_days=elapsed,
        stages=tuple(stages),
        status=status,
        classification=classification,
        weakest=weakest,
        extra_activity=extra,
        catch_up=CatchUp(days_left, missed_by),
        projection=projection,
    )


def _conversion_against_plan(stage: StageTrack) -> Fraction:
    assert stage.rate is not None and stage.rate.actual is not None
    return stage.rate.actual / stage.rate.planned


def _extra_activity(weak: StageTrack, stages: Sequence[StageTrack]) -> Fraction | None:
    """More of the weak stage is needed for the same output above it, and more activity
    below it to feed that, at the planned rates further down."""
    check = weak.rate
    assert check is not None and check.actual is not None
    if check.actual == 0:
        return None  # converting nothing: no amount of activity makes up for it
    # The remaining requirement above the weak stage, at the actual rate instead of
    # the planned one: remaining x planned / actual, less the remaining itself.
    extra = weak.remaining * (check.planned / check.actual - 1)
    below = False
    for stage in stages:
        if below:
            assert stage.plan.rate is not None
            extra /= stage.plan.rate
        below = below or stage is weak
    return extra


def _projection(projected: Fraction, quota: Fraction) -> Projection:
    """The tier the current pace reaches, and the next one up as a new target."""
    attainment = projected / quota
    reached = [name for level, name in TIERS if attainment >= level]
    above = [(level, name) for level, name in TIERS if attainment < level]
    if above:
        level, name = above[0]
        suggested, suggested_tier = quota * level, name
    else:
        suggested, suggested_tier = projected, None  # past the benchmark: hold the pace
    return Projection(
        revenue=projected,
        attainment=attainment * 100,
        tier=reached[-1] if reached else None,
        suggested=suggested,
        suggested_tier=suggested_tier,
    )

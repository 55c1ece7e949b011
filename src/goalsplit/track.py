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
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from itertools import pairwise
from typing import Literal

from goalsplit.breakdown import Breakdown, RepPlan, StagePlan
from goalsplit.errors import Issue
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

# 2-7-1 by default: the top 20 %, the middle 70 %, the bottom 10 % (a plan's tiers: wins).
DEFAULT_TIER_SHARES = (Fraction(20, 100), Fraction(70, 100), Fraction(10, 100))
TIER_NAMES = ("top", "middle", "bottom")

Status = Literal["ahead", "on track", "behind"]
# "unknown": behind, but the actuals lack the columns that would say why.
Classification = Literal["quantity", "quality", "on track", "unknown"]


@dataclass
class Actuals:
    """What was done: per rep, per day, the sums of the stages present in the file."""

    stages: tuple[str, ...]  # the stages that have a column, in funnel order
    by_rep: dict[str, dict[dt.date, list[int | Fraction]]] = field(default_factory=dict)
    last_date: dt.date | None = None
    rows: int = 0
    # Rows dated outside the plan's period, left out (CRM exports often hold them).
    before: int = 0
    after: int = 0
    # Per rep: its days in order and the running sums through each (built when asked).
    _running: dict[str, tuple[list[dt.date], list[list[int | Fraction]]]] = field(
        default_factory=dict, repr=False
    )

    def add(self, rep: str, day: dt.date, values: Sequence[int | Fraction]) -> None:
        days = self.by_rep.setdefault(rep, {})
        known = days.get(day)
        days[day] = (
            list(values) if known is None else [a + b for a, b in zip(known, values, strict=True)]
        )
        if self.last_date is None or day > self.last_date:
            self.last_date = day
        self.rows += 1
        self._running.pop(rep, None)

    def through(self, rep: str, as_of: dt.date) -> dict[str, Fraction]:
        """Each present stage's sum for ``rep`` over the days up to ``as_of``."""
        return self.between(rep, dt.date.min, as_of)

    def between(self, rep: str, first: dt.date, last: dt.date) -> dict[str, Fraction]:
        """Each present stage's sum for ``rep`` over the days ``first..last``: two
        look-ups in the rep's running sums (a year of weekly rows for a thousand reps
        would otherwise add up every day once per week)."""
        index = self._running.get(rep)
        if index is None:
            index = self._running[rep] = self._running_sums(rep)
        days, sums = index
        before = sums[bisect_left(days, first)]
        through = sums[bisect_right(days, last)]
        return {
            name: Fraction(b - a) for name, a, b in zip(self.stages, before, through, strict=True)
        }

    def _running_sums(self, rep: str) -> tuple[list[dt.date], list[list[int | Fraction]]]:
        entries = sorted(self.by_rep.get(rep, {}).items())
        running: list[int | Fraction] = [0] * len(self.stages)
        sums = [running]
        for _, values in entries:
            running = [a + b for a, b in zip(running, values, strict=True)]
            sums.append(running)
        return [day for day, _ in entries], sums


@dataclass(frozen=True)
class RateCheck:
    """A stage's conversion so far: the stage above per unit of this stage."""

    above: Stage
    actual: Fraction | None  # None when the sample is zero
    planned: Fraction
    team: Fraction | None
    sample: Fraction  # this stage's actual so far
    judged: bool  # sample large enough to judge the rate
    value: Fraction = Fraction(1)  # revenue per unit of the stage above, at the planned rates

    @property
    def lost(self) -> Fraction | None:
        """Revenue the conversion cost so far: what the stage above fell short of plan
        (sample x (planned - actual)), valued at the planned rates further up; negative
        when the stage converts better than planned. None without an actual rate."""
        if self.actual is None:
            return None
        return self.sample * (self.planned - self.actual) * self.value

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
    weakest: StageTrack | None  # the conversion named by the diagnosis (quality)
    # What that stage's shortfall costs in activity; None when the stage converts
    # nothing (no amount of activity makes up for it) or when there is no weak stage.
    extra_activity: Fraction | None
    catch_up: CatchUp
    projection: Projection | None
    # Quality without a single weak stage: several conversions a little below plan,
    # ``weakest`` the one whose shortfall cost the most revenue.
    compound: bool = False
    rank: int | None = None  # by attainment to date; ties share a rank
    tier: str | None = None  # top | middle | bottom (TIER_NAMES)

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

    @property
    def attainment(self) -> Fraction | None:
        """Percent of the plan to date that ranks the rep: revenue, or the activity
        when the actuals have no revenue column."""
        head = self.result if self.result.actual is not None else self.activity
        return head.pct


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
    tier_shares: tuple[Fraction, Fraction, Fraction] = DEFAULT_TIER_SHARES
    by_tier: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class TrackReport:
    breakdown: Breakdown
    actuals: Actuals
    as_of: dt.date
    reps: tuple[RepTrack, ...]
    team: TeamTrack
    unknown_reps: tuple[str, ...]
    # What the reader should know about the actuals (reps without rows, rows outside
    # the period, an as-of date after the last row): notes, never errors.
    notes: tuple[Issue, ...] = ()
    review: Review | None = None  # track --by week | month


@dataclass(frozen=True)
class Diagnosis:
    classification: Classification
    weakest: int | None  # the index of the stage whose conversion is named
    compound: bool  # no single weak stage: the loss is spread over several


def _status(progress: StageTrack) -> Status:
    return status_of(progress.planned, progress.actual)


def status_of(planned: int, actual: Fraction | None) -> Status:
    if actual is None or planned == 0:
        return "on track" if actual is None or actual == 0 else "ahead"
    if actual < planned * (1 - ON_TRACK_BAND):
        return "behind"
    if actual > planned * (1 + ON_TRACK_BAND):
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

    reps = [
        _track_rep(rep, done_by_rep[rep.name], names, units, team_rates, as_of)
        for rep in breakdown.reps
    ]
    shares = breakdown.tiers or DEFAULT_TIER_SHARES
    places = rank_tiers([r.attainment for r in reps], shares)
    reps = [replace(r, rank=rank, tier=tier) for r, (rank, tier) in zip(reps, places, strict=True)]
    planned = sum(r.result.planned for r in reps)
    actual = sum((r.result.actual or Fraction(0) for r in reps), Fraction(0))
    quota = sum((r.rep.quota for r in reps), Fraction(0))
    by_status: dict[str, list[str]] = {"ahead": [], "on track": [], "behind": []}
    by_tier: dict[str, list[str]] = {name: [] for name in TIER_NAMES}
    for r in sorted(reps, key=lambda r: r.rank or len(reps) + 1):
        if r.tier is not None:
            by_tier[r.tier].append(r.rep.name)
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
        tier_shares=shares,
        by_tier=by_tier,
    )
    plan_names = set(done_by_rep)
    unknown = tuple(name for name in actuals.by_rep if name not in plan_names)
    notes = _notes(breakdown, actuals, as_of, unknown)
    return TrackReport(breakdown, actuals, as_of, tuple(reps), team, unknown, notes)


def _notes(
    breakdown: Breakdown, actuals: Actuals, as_of: dt.date, unknown: Sequence[str]
) -> tuple[Issue, ...]:
    notes: list[Issue] = []
    if unknown:
        notes.append(
            Issue(
                (),
                "{count} rep is not in the plan and was left out: {names}",
                {"count": len(unknown), "names": _names(unknown)},
                severity="note",
                plural="{count} reps are not in the plan and were left out: {names}",
            )
        )
    silent = [
        rep.name
        for rep in breakdown.reps
        if rep.name not in actuals.by_rep and rep.start <= as_of and rep.days
    ]
    if silent and actuals.by_rep:
        notes.append(
            Issue(
                (),
                "{count} rep of the plan has no rows, so nothing done is counted: {names}",
                {"count": len(silent), "names": _names(silent)},
                severity="note",
                plural="{count} reps of the plan have no rows, so nothing done is counted: {names}",
            )
        )
    outside = [
        f"{rep.name} ({rep.start:%m-%d} – {rep.end:%m-%d})"
        for rep in breakdown.reps
        if any(
            not rep.start <= day <= rep.end
            for day in actuals.by_rep.get(rep.name, ())
            if day <= as_of  # counted: up to the as-of date
        )
    ]
    if outside:
        notes.append(
            Issue(
                (),
                "{count} rep has rows dated outside their days in the plan; what they did "
                "then is counted: {names}",
                {"count": len(outside), "names": _names(outside)},
                severity="note",
                plural="{count} reps have rows dated outside their days in the plan; what "
                "they did then is counted: {names}",
            )
        )
    if actuals.before:
        notes.append(
            Issue(
                (),
                "{count} row dated before the period ({start}) was left out",
                {"count": actuals.before, "start": breakdown.start},
                severity="note",
                plural="{count} rows dated before the period ({start}) were left out",
            )
        )
    if actuals.after:
        notes.append(
            Issue(
                (),
                "{count} row dated after the period ({end}) was left out",
                {"count": actuals.after, "end": breakdown.end},
                severity="note",
                plural="{count} rows dated after the period ({end}) were left out",
            )
        )
    last = actuals.last_date
    if last is None:
        notes.append(
            Issue(
                (),
                "the actuals have no rows in the period: nothing done is counted",
                severity="note",
            )
        )
    elif as_of > last:
        notes.append(
            Issue(
                (),
                "the actuals end on {last}: the days after it, up to {as_of}, count as "
                "nothing done",
                {"last": last, "as_of": as_of},
                severity="note",
            )
        )
    return tuple(notes)


def _names(names: Sequence[str]) -> str:
    return ", ".join(names[:10]) + (", …" if len(names) > 10 else "")


def _team_per_day(per_day: Sequence[Fraction | None]) -> Fraction | None:
    left = [amount for amount in per_day if amount is not None]
    return sum(left, Fraction(0)) if left else None


def rate_checks(
    stages: Sequence[StagePlan],
    done: Mapping[str, Fraction],
    team_rates: Mapping[str, Fraction | None],
    ks: Mapping[str, Fraction],
) -> list[RateCheck | None]:
    """Each stage's conversion so far (None for the result and where a column is
    missing), with the revenue its shortfall cost: the stage above fell short by
    sample x (planned - actual) units, each worth the planned rates above it."""
    checks: list[RateCheck | None] = [None]
    value = Fraction(1)  # revenue per unit of the stage above, at the planned rates
    for above, plan in pairwise(stages):
        rate, name = plan.rate, plan.stage.name
        actual = done.get(name)
        check = None
        if rate is not None and above.stage.name in done and actual is not None:
            converted = done[above.stage.name] / actual if actual else None
            check = RateCheck(
                above=above.stage,
                actual=converted,
                planned=rate,
                team=team_rates.get(name),
                sample=actual,
                judged=actual >= ks[name],
                value=value,
            )
        checks.append(check)
        value *= rate or 1
    return checks


def diagnose(
    activity_planned: int,
    activity_actual: Fraction | None,
    checks: Sequence[RateCheck | None],
    behind: bool,
) -> Diagnosis:
    """Quantity first (the daily activity is behind its schedule), then quality: a
    judged conversion well below plan, the weakest named; or, for a rep behind without
    one, the loss spread over several conversions, the costliest named. A rep who is
    behind is never "on track"."""
    if (
        activity_actual is not None
        and activity_planned > 0
        and activity_actual < activity_planned * (1 - ON_TRACK_BAND)
    ):
        return Diagnosis("quantity", None, False)
    weak = [i for i, c in enumerate(checks) if c is not None and c.weak]
    if weak:
        return Diagnosis("quality", min(weak, key=lambda i: _against_plan(checks[i])), False)
    if not behind:
        return Diagnosis("on track", None, False)
    below = [i for i, c in enumerate(checks) if c is not None and c.lost is not None and c.lost > 0]
    judged = [i for i in below if checks[i].judged]  # type: ignore[union-attr]
    pool = judged or below
    if not pool:
        return Diagnosis("unknown", None, False)
    costliest = max(pool, key=lambda i: (checks[i].lost, i))  # type: ignore[union-attr]
    return Diagnosis("quality", costliest, len(pool) > 1)


def _against_plan(check: RateCheck | None) -> Fraction:
    assert check is not None and check.actual is not None
    return check.actual / check.planned


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
    checks = rate_checks(rep.stages, done, team_rates, ks)

    stages: list[StageTrack] = []
    # The schedule to date, and below the next day's share of what is left, both as
    # the rep's days weigh (seasonality, ramp-up, buffer, cycle).
    to_date = rep.cumulative([elapsed])
    for index, (plan, left, check) in enumerate(zip(rep.stages, remaining, checks, strict=True)):
        planned = to_date[index][0]
        actual = done.get(plan.stage.name)
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
    result, activity = stages[0], stages[-1]
    status = _status(result if result.actual is not None else activity)
    missed_by = remaining_revenue if not days_left and remaining_revenue > 0 else None

    diagnosis = diagnose(activity.planned, activity.actual, checks, status == "behind")
    weakest = stages[diagnosis.weakest] if diagnosis.weakest is not None else None
    extra = _extra_activity(weakest, stages) if weakest is not None else None

    projection = None
    if status == "ahead" and elapsed and result.actual is not None and rep.quota > 0:
        projected = result.actual / elapsed * rep.working_days
        projection = _projection(projected, rep.quota)
    return RepTrack(
        rep=rep,
        elapsed_days=elapsed,
        stages=tuple(stages),
        status=status,
        classification=diagnosis.classification,
        weakest=weakest,
        extra_activity=extra,
        catch_up=CatchUp(days_left, missed_by),
        projection=projection,
        compound=diagnosis.compound,
    )


def rank_tiers(
    values: Sequence[Fraction | None], shares: Sequence[Fraction]
) -> list[tuple[int | None, str | None]]:
    """Rank and tier per value, best first; ties share a rank (1, 2, 2, 4) and a tier,
    a tie across a boundary going to the higher tier. ``shares`` are the top, middle and
    bottom shares of the team; the top and bottom get at least one rep each when their
    share is above zero (a team of 5 to 8 still has a top and a bottom). Values that
    are None (nothing planned yet) are neither ranked nor tiered."""
    ranked = sorted((v for v in values if v is not None), reverse=True)
    n = len(ranked)
    top_share, _, bottom_share = shares
    top = min(n, max(1, _half_up(n * top_share))) if top_share and n else 0
    bottom = min(n - top, max(1, _half_up(n * bottom_share))) if bottom_share and n else 0
    first_place: dict[Fraction, int] = {}
    for place, score in enumerate(ranked, start=1):
        first_place.setdefault(score, place)
    result: list[tuple[int | None, str | None]] = []
    for value in values:
        if value is None:
            result.append((None, None))
            continue
        rank = first_place[value]
        tier = "top" if rank <= top else ("bottom" if rank > n - bottom else "middle")
        result.append((rank, tier))
    return result


def _half_up(amount: Fraction) -> int:
    return int(amount + Fraction(1, 2))


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


# --- the weekly and monthly review (track --by week | month) -----------------------

By = Literal["week", "month"]


@dataclass(frozen=True)
class ReviewStage:
    planned: int  # what the row is held to: its plan, or its plan to date while unfinished
    planned_full: int  # the row's whole plan
    actual: Fraction | None  # None when the actuals have no column for the stage
    pct: Fraction | None


@dataclass(frozen=True)
class ReviewRow:
    """One week or month of one rep (or of the team): plan, actual, attainment per
    stage and the row's own diagnosis."""

    label: str  # 2026-W07 or 2026-02
    start: dt.date  # clipped to the period
    end: dt.date
    working_days: int
    complete: bool  # over by the as-of date; else compared with its plan to date
    through: dt.date  # the last day counted: end, or the as-of date
    stages: tuple[ReviewStage, ...]  # the result first
    checks: tuple[RateCheck | None, ...]
    status: Status
    diagnosis: Diagnosis

    @property
    def weakest(self) -> int | None:
        return self.diagnosis.weakest


@dataclass(frozen=True)
class Review:
    by: By
    team: tuple[ReviewRow, ...]
    reps: tuple[tuple[ReviewRow, ...], ...]  # in the order of TrackReport.reps


def review_spans(
    breakdown: Breakdown, by: By, as_of: dt.date
) -> list[tuple[str, dt.date, dt.date]]:
    """The weeks (ISO weeks) or calendar months of the period, clipped to it, up to the
    one holding ``as_of``."""
    periods = breakdown.weeks if by == "week" else breakdown.months
    spans = [(p.label, p.start, p.end) for p in periods]
    return [span for span in spans if span[1] <= as_of]


def review(report: TrackReport, by: By) -> Review:
    """The report's period cut into weeks or months up to the as-of date. A row's plan
    is cut from the same whole-unit schedule as the plan (the days' targets summed),
    so the rows add up to the plan to date."""
    breakdown, actuals, as_of = report.breakdown, report.actuals, report.as_of
    spans = review_spans(breakdown, by, as_of)
    names = [stage.name for stage in breakdown.stages]
    units = {stage.name: stage.unit for stage in breakdown.stages}
    present = set(actuals.stages)
    rows_by_rep: list[list[ReviewRow]] = []
    team_rows: list[ReviewRow] = []
    team_stages = _team_stages(report)
    team_ks = prior_units(names, units, {s.stage.name: s.rate for s in team_stages}, MIN_SAMPLE)
    rep_ks = [
        prior_units(names, units, {s.stage.name: s.rate for s in r.rep.rated}, MIN_SAMPLE)
        for r in report.reps
    ]
    for label, start, end in spans:
        through = min(end, as_of)
        done = {r.rep.name: actuals.between(r.rep.name, start, through) for r in report.reps}
        team_done = {
            name: sum((d[name] for d in done.values()), Fraction(0)) for name in actuals.stages
        }
        team_rates = _rates_of(names, team_done)
        planned_sum = [0] * len(names)
        full_sum = [0] * len(names)
        for i, r in enumerate(report.reps):
            rep = r.rep
            ks = rep_ks[i]
            points = [
                bisect_right(rep.days, d) for d in (start - dt.timedelta(days=1), through, end)
            ]
            cut = rep.cumulative(points)
            planned = [b - a for a, b, _ in cut]
            full = [c - a for a, _, c in cut]
            planned_sum = [x + y for x, y in zip(planned_sum, planned, strict=True)]
            full_sum = [x + y for x, y in zip(full_sum, full, strict=True)]
            row = _review_row(
                label,
                start,
                end,
                through,
                points[2] - points[0],
                planned,
                full,
                done[rep.name],
                present,
                rep.stages,
                team_rates,
                ks,
            )
            if len(rows_by_rep) <= i:
                rows_by_rep.append([])
            rows_by_rep[i].append(row)
        days = bisect_right(breakdown.working_days, end) - bisect_right(
            breakdown.working_days, start - dt.timedelta(days=1)
        )
        team_rows.append(
            _review_row(
                label,
                start,
                end,
                through,
                days,
                planned_sum,
                full_sum,
                team_done,
                present,
                team_stages,
                team_rates,
                team_ks,
            )
        )
    if not report.reps:
        rows_by_rep = []
    return Review(by, tuple(team_rows), tuple(tuple(rows) for rows in rows_by_rep))


def _review_row(
    label: str,
    start: dt.date,
    end: dt.date,
    through: dt.date,
    working_days: int,
    planned: Sequence[int],
    full: Sequence[int],
    done: Mapping[str, Fraction],
    present: set[str],
    stages: Sequence[StagePlan],
    team_rates: Mapping[str, Fraction | None],
    ks: Mapping[str, Fraction],
) -> ReviewRow:
    cells = []
    for plan, want, whole in zip(stages, planned, full, strict=True):
        actual = done.get(plan.stage.name) if plan.stage.name in present else None
        pct = None if actual is None or want == 0 else actual / want * 100
        cells.append(ReviewStage(want, whole, actual, pct))
    checks = rate_checks(stages, {k: v for k, v in done.items() if k in present}, team_rates, ks)
    head = cells[0] if cells[0].actual is not None else cells[-1]
    status = status_of(head.planned, head.actual)
    diagnosis = diagnose(cells[-1].planned, cells[-1].actual, checks, status == "behind")
    return ReviewRow(
        label=label,
        start=start,
        end=end,
        working_days=working_days,
        complete=through == end,
        through=through,
        stages=tuple(cells),
        checks=tuple(checks),
        status=status,
        diagnosis=diagnosis,
    )


def _rates_of(names: Sequence[str], done: Mapping[str, Fraction]) -> dict[str, Fraction | None]:
    rates: dict[str, Fraction | None] = {}
    for above, stage in pairwise(names):
        top, bottom = done.get(above), done.get(stage)
        rates[stage] = top / bottom if top is not None and bottom else None
    return rates


def _team_stages(report: TrackReport) -> list[StagePlan]:
    """The team as one rep: each stage's requirement summed over the reps, its planned
    rate the ratio of the sums (the rate the team plans with on the whole)."""
    stages = report.breakdown.stages
    totals = [
        sum((r.rep.stages[k].required for r in report.reps), Fraction(0))
        for k in range(len(stages))
    ]
    result = [StagePlan(stages[0], None, None, None, totals[0])]
    for k in range(1, len(stages)):
        rate = totals[k - 1] / totals[k] if totals[k] else None
        result.append(StagePlan(stages[k], rate, None, None, totals[k]))
    return result

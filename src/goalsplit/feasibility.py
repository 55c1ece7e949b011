"""Can the plan be done? Each rep's days against their daily capacity, and the way out.

A rep's schedule is infeasible when, on some working day, it asks for more of a
stage than the rep's capacity (``capacity: {dials: 150}``). Three ways out are
worked out exactly, from the exact requirements:

- the quota the rep can carry: the most of the stage the rep's days hold at
  capacity, run forwards through the rep's rates up to revenue (the "reach");
- the rate of the stage (how much of the stage above one unit yields) that makes
  the requirement fit the days at capacity;
- the working days it would take at capacity.

With every working day weighing the same, a day's whole-unit target is the
requirement per day rounded up or down, and the busiest day is the per-day
requirement rounded up; so the days hold ``capacity × days`` of a stage, exactly:
a quota at the reach fits, one unit more does not. When days weigh differently,
the heaviest day sets the bound (``capacity × total weight ÷ heaviest day``), and
the busiest day is judged on its exact need, so the same holds: at the reach it
fits, one unit more does not (even when no day's whole-unit target shows it yet).

The team's reach is what the reps can make at capacity (a rep without capacity
counts with their quota); when it is short of the target, the headcount that
closes the gap is counted in full-pace reps: the team's capacity and rates over
the reps' average working days.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction
from itertools import pairwise
from typing import TYPE_CHECKING

from goalsplit.errors import Issue, PlanPath
from goalsplit.funnel import ceil_fraction
from goalsplit.i18n import StageNames

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown, RepPlan, StagePlan
    from goalsplit.model import Stage


def _explained(paths: set[PlanPath], index: int, rep: RepPlan) -> bool:
    if ("stretch",) in paths or ("reps", index, "rates") in paths:
        return True
    return any(("rates", s.stage.name) in paths for s in rep.rated if s.source == "team")


@dataclass(frozen=True)
class StageFit:
    """One stage of one rep's plan against the rep's capacity for it."""

    stage: Stage
    capacity: int  # a day's most
    peak: int  # the busiest working day's need, rounded up (no day's target is above it)
    required: Fraction  # the exact period requirement
    most: Fraction  # the most of the stage the rep's working days hold at capacity
    reach: Fraction  # the revenue ``most`` makes, through the rep's rates
    rate: Fraction  # the stage's rate now
    rate_needed: Fraction  # the rate at which the requirement fits ``most``
    days_needed: int  # working days the requirement takes at capacity
    above: Stage  # the stage the rate converts into

    @property
    def over(self) -> bool:
        return self.peak > self.capacity


@dataclass(frozen=True)
class RepFit:
    rep: RepPlan
    stages: tuple[StageFit, ...]  # the stages with a capacity, top to bottom

    @property
    def capped(self) -> bool:
        return bool(self.stages)

    @property
    def feasible(self) -> bool:
        return not any(s.over for s in self.stages)

    @property
    def binding(self) -> StageFit | None:
        """The stage that limits the rep most (the smallest reach)."""
        return min(self.stages, key=lambda s: s.reach, default=None)

    @property
    def reach(self) -> Fraction | None:
        """The revenue the rep can make at capacity (None without a capacity)."""
        binding = self.binding
        return binding.reach if binding is not None else None

    @property
    def extra_days(self) -> int:
        """More working days it would take at capacity (0 when it fits)."""
        needed = max((s.days_needed for s in self.stages), default=0)
        return max(0, needed - self.rep.working_days)


@dataclass(frozen=True)
class TeamFit:
    target: Fraction
    reps: tuple[RepFit, ...]
    reachable: Fraction  # Σ reach (a rep without capacity: the quota)
    per_rep: Fraction | None  # what one more full-pace rep makes (None: no team capacity)
    average_days: Fraction  # the reps' average working days

    @property
    def short(self) -> Fraction:
        return max(Fraction(0), self.target - self.reachable)

    @property
    def headcount(self) -> int | None:
        """Full-pace reps that would close the gap (0 when there is none)."""
        if not self.short:
            return 0
        if not self.per_rep:
            return None
        return ceil_fraction(self.short / self.per_rep)


def has_limits(breakdown: Breakdown) -> bool:
    """Whether the plan sets floors or capacity anywhere."""
    return bool(
        breakdown.capacity
        or breakdown.floors
        or any(rep.capacity or rep.floors for rep in breakdown.reps)
    )


def day_bound(capacity: int, cumulative_weights: Sequence[int]) -> Fraction:
    """The most of a stage that working days weighed ``cumulative_weights`` hold when
    no day may ask for more than ``capacity``."""
    total = cumulative_weights[-1] if len(cumulative_weights) else 0
    if not total:
        return Fraction(0)
    if isinstance(cumulative_weights, range):
        heaviest = cumulative_weights.step
    else:
        heaviest = max(b - a for a, b in pairwise(cumulative_weights))
    return Fraction(capacity * total, heaviest)


def forward(amount: Fraction, stages: Sequence[StagePlan], index: int) -> Fraction:
    """The revenue ``amount`` of ``stages[index]`` makes, through the stages' rates."""
    for s in stages[index:0:-1]:
        assert s.rate is not None
        amount *= s.rate
    return amount


def rep_fit(rep: RepPlan, capacity: Mapping[str, int] | None = None) -> RepFit:
    """The rep's plan against ``capacity`` (default: the rep's own)."""
    capacity = rep.capacity if capacity is None else capacity
    if not capacity:
        return RepFit(rep, ())
    days = rep.working_days
    fits = []
    for k, s in enumerate(rep.stages):
        most_a_day = capacity.get(s.stage.name)
        if k == 0 or most_a_day is None:
            continue
        most = day_bound(most_a_day, rep.weights.stage(k))
        above = rep.stages[k - 1]
        assert s.rate is not None
        fits.append(
            StageFit(
                stage=s.stage,
                capacity=most_a_day,
                peak=rep.peak(k),
                required=s.required,
                most=most,
                reach=forward(most, rep.stages, k),
                rate=s.rate,
                rate_needed=above.required / most if most else Fraction(0),
                days_needed=ceil_fraction(s.required / most_a_day) if days else 0,
                above=above.stage,
            )
        )
    return RepFit(rep, tuple(fits))


_last: list[tuple[tuple[RepPlan, ...], TeamFit]] = []


def team_fit(breakdown: Breakdown, capacity: Mapping[str, int] | None = None) -> TeamFit:
    """Every rep against their capacity (``capacity``: everyone's, in place of the plan's).

    The checks and the renderers of one run ask for the same plan's fit; the last one
    is kept (by the identity of the reps, which a breakdown with new warnings shares)."""
    if capacity is None and _last and _last[0][0] is breakdown.reps:
        return _last[0][1]
    fit = _team_fit(breakdown, capacity)
    if capacity is None:
        _last[:] = [(breakdown.reps, fit)]
    return fit


def _team_fit(breakdown: Breakdown, capacity: Mapping[str, int] | None) -> TeamFit:
    reps = tuple(rep_fit(rep, capacity) for rep in breakdown.reps)
    reachable = sum((r.reach if r.reach is not None else r.rep.quota for r in reps), Fraction(0))
    count = len(breakdown.reps)
    average_days = Fraction(sum(r.working_days for r in breakdown.reps), count or 1)
    return TeamFit(
        breakdown.target,
        reps,
        reachable,
        _full_pace(breakdown, breakdown.capacity if capacity is None else capacity, average_days),
        average_days,
    )


@dataclass(frozen=True)
class ReachReport:
    """``goalsplit reach``: the funnel run forwards from each rep's capacity."""

    breakdown: Breakdown
    team: TeamFit
    per_day: Mapping[str, int] | None  # --per-day, in place of every rep's capacity


def reach(breakdown: Breakdown, per_day: Mapping[str, int] | None = None) -> ReachReport:
    return ReachReport(breakdown, team_fit(breakdown, per_day), per_day)


def _full_pace(
    breakdown: Breakdown, capacity: Mapping[str, int], days: Fraction
) -> Fraction | None:
    """What a rep at the team's rates and capacity makes over ``days`` working days,
    their days shaped as the team's (seasonality, buffer and cycle; no ramp: at full
    pace): a day may not need more than the capacity, so with days that weigh
    differently the busiest one sets the pace (:func:`day_bound`)."""
    best: Fraction | None = None
    revenue_per_unit = Fraction(1)
    usable = _usable_share(breakdown)
    for stage in breakdown.stages[1:]:
        rate = breakdown.team_rates.get(stage.name)
        if rate is None:
            return best
        revenue_per_unit *= rate
        most_a_day = capacity.get(stage.name)
        if most_a_day is not None:
            reach = most_a_day * days * usable * revenue_per_unit
            best = reach if best is None else min(best, reach)
    return best


def _usable_share(breakdown: Breakdown) -> Fraction:
    """The share of a full-pace rep's working days that the capacity can fill: 1 when
    every day weighs the same, else the days' weight over the busiest day's, per day."""
    from goalsplit.shape import Shaping, day_weights

    days = breakdown.working_days
    shaping = Shaping(breakdown.season, buffer=breakdown.buffer, cycle=breakdown.cycle)
    if not days or shaping.uniform:
        return Fraction(1)
    return day_bound(1, day_weights(days, shaping).activity) / len(days)


# --- numbers in messages -------------------------------------------------------------


def amount_down(value: Fraction) -> str:
    """Whole units, rounded down (a quota that fits), with thousands separators."""
    return f"{value.numerator // value.denominator:,}"


def amount_up(value: Fraction) -> str:
    return f"{ceil_fraction(value):,}"


def rate_up(value: Fraction, places: int = 4) -> str:
    """A rate rounded up to ``places`` decimals (a rate that is enough), without
    trailing zeros."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING)
    if Fraction(rounded) < value:  # the division above was itself rounded
        rounded += Decimal(1).scaleb(-places)
    return _trim(rounded)


def rate_shown(value: Fraction, places: int = 4) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return _trim(exact.quantize(Decimal(1).scaleb(-places)))


def _trim(value: Decimal) -> str:
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- the checks (see checks.WORKED_CHECKS) -----------------------------------------


def within_capacity(breakdown: Breakdown) -> Iterator[Issue]:
    """A rep whose busiest day needs more of a stage than their capacity, with the three
    ways out; one warning per stage over capacity."""
    if not any(rep.capacity for rep in breakdown.reps):
        return
    for i, fit in enumerate(team_fit(breakdown).reps):
        rep = fit.rep
        if not rep.working_days:
            continue
        for s in fit.stages:
            if not s.over or (rep.floors or {}).get(s.stage.name, 0) > s.capacity:
                continue  # a floor above the capacity is its own warning: no quota helps
            more = max(0, s.days_needed - rep.working_days)
            fields: dict[str, object] = {
                "rep": rep.name,
                "peak": peak_text(rep, s),
                "stage": StageNames(s.stage),
                "capacity": f"{s.capacity:,}",
                "quota": amount_down(s.reach),
                "above": StageNames(s.above),
                "rate": rate_up(s.rate_needed),
                "current": rate_shown(s.rate),
            }
            if not more:  # the period has days enough: its busiest days weigh too much
                yield Issue(
                    ("reps", i),
                    "{rep} needs {peak} {stage} on the busiest day, more than the capacity of "
                    "{capacity} a day; it fits with a quota of {quota}, or {stage} → {above} "
                    "at {rate} (now {current}), or with the days weighing more evenly",
                    fields,
                    severity="warning",
                )
                continue
            yield Issue(
                ("reps", i),
                "{rep} needs {peak} {stage} on the busiest day, more than the capacity of "
                "{capacity} a day; it fits with a quota of {quota}, or {stage} → {above} at "
                "{rate} (now {current}), or {count} more working day",
                {**fields, "count": more},
                severity="warning",
                plural="{rep} needs {peak} {stage} on the busiest day, more than the capacity "
                "of {capacity} a day; it fits with a quota of {quota}, or {stage} → {above} at "
                "{rate} (now {current}), or {count} more working days",
            )


def peak_text(rep: RepPlan, fit: StageFit) -> str:
    """The busiest day's need as said in a warning (of a stage over capacity): the whole
    number when some day's target shows it, else the exact need rounded up to one
    decimal (150.1: just over, although every day shows at most 150). A need over a
    whole-number capacity stays over it rounded up, so the decimal always shows it."""
    index = next(k for k, s in enumerate(rep.stages) if s.stage is fit.stage)
    running = rep.stage_cumulative(index, range(len(rep.days) + 1))
    if max(b - a for a, b in pairwise(running)) >= fit.peak:
        return f"{fit.peak:,}"
    tenths = ceil_fraction(rep.peak_need(index) * 10)
    return f"{tenths // 10:,}.{tenths % 10}"


def team_within_capacity(breakdown: Breakdown) -> Iterator[Issue]:
    """The team's reach at capacity short of the target, and the headcount that closes it."""
    if not breakdown.capacity and not any(rep.capacity for rep in breakdown.reps):
        return
    fit = team_fit(breakdown)
    if not fit.short:
        return
    where = ("capacity",) if breakdown.capacity else ("target",)
    fields: dict[str, object] = {
        "reachable": amount_down(fit.reachable),
        "target": amount_down(fit.target) if fit.target.denominator == 1 else amount_up(fit.target),
        "share": f"{float(fit.reachable / fit.target * 100):.1f}",
        "gap": amount_up(fit.short),
    }
    if fit.headcount is None or fit.per_rep is None:
        yield Issue(
            where,
            "at capacity the team reaches {reachable} of the target {target} ({share}%), "
            "short by {gap}; give the team a capacity: to count the reps it would take",
            fields,
            severity="warning",
        )
        return
    yield Issue(
        where,
        "at capacity the team reaches {reachable} of the target {target} ({share}%); "
        "{count} more rep at full pace ({per_rep} each in {days} working days at the "
        "team's rates and capacity) would close the gap of {gap}",
        {
            **fields,
            "count": fit.headcount,
            "per_rep": amount_down(fit.per_rep),
            "days": rate_shown(fit.average_days, 1),
        },
        severity="warning",
        plural="at capacity the team reaches {reachable} of the target {target} ({share}%); "
        "{count} more reps at full pace ({per_rep} each in {days} working days at the "
        "team's rates and capacity) would close the gap of {gap}",
    )


DAILY_NEED_LIMIT = 1000


def daily_need_plausible(breakdown: Breakdown) -> Iterator[Issue]:
    """Over 1,000 a day of a count stage with no capacity to check it against is almost
    surely a rate written the wrong way round (or a quota with a zero too many). Not
    said when a warning on the stretch or on a rate the rep uses names the cause."""
    explained = {w.path[:3] for w in breakdown.warnings if w.path[:1] in (("stretch",), ("rates",))}
    explained |= {w.path[:3] for w in breakdown.warnings if w.path[2:3] == ("rates",)}
    for i, rep in enumerate(breakdown.reps):
        days = rep.working_days
        if not days or _explained(explained, i, rep):
            continue
        per_day = rep.per_day() or ()
        worst: tuple[Fraction, Stage] | None = None
        for s, need in zip(rep.stages, per_day, strict=True):
            if s.stage.unit != "count" or s.stage.name in rep.capacity:
                continue
            if need > DAILY_NEED_LIMIT and (worst is None or need > worst[0]):
                worst = (need, s.stage)
        if worst is None:
            continue
        index = [s.stage for s in rep.stages].index(worst[1])
        yield Issue(
            ("reps", i),
            "{rep} needs up to {need} {stage} a day and no capacity is set for it: is a rate "
            "written the wrong way round? (capacity: {{{key}: …}} checks that a day can "
            "do it)",
            {
                "rep": rep.name,
                "need": f"{rep.peak(index):,}",
                "stage": StageNames(worst[1]),
                "key": worst[1].name,
            },
            severity="warning",
        )

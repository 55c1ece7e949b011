"""The plan's checks, as lists of small functions (beancount's ``BASIC_VALIDATIONS``).

Each check takes the plan (:data:`PLAN_CHECKS`) or the worked-out plan
(:data:`WORKED_CHECKS`) and yields the problems it finds as issues pointing at a
path in the plan; a new rule is a new function in a list. ``check_plan`` runs the
first list before anything is computed (a plan with errors there is not worked
out), :func:`goalsplit.worked.work_out` runs the second on the result, so the CLI,
``check`` and the tests all see the same issues. Problems that only come to light
while the plan is worked out (an unknown country, quotas that cannot be shared, a
rate of 0 from history) are reported where they are found, as values too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import TYPE_CHECKING, TypeVar

from goalsplit.errors import Issue, PlanPath, more_problems
from goalsplit.feasibility import daily_need_plausible, team_within_capacity, within_capacity
from goalsplit.funnel import ceil_fraction
from goalsplit.i18n import N_, StageNames
from goalsplit.limits import MAX_REPORTED
from goalsplit.model import RESULT_STAGE, Plan, season_month, shown_percent

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown

PlanCheck = Callable[[Plan], Iterable[Issue]]
WorkedCheck = Callable[["Breakdown"], Iterable[Issue]]
T = TypeVar("T")


class _Listed(list[Issue]):
    """Issues as they are found: errors up to MAX_REPORTED, the rest only counted, so
    that a plan with a million bad entries costs a hundred issues, not a million."""

    def __init__(self) -> None:
        super().__init__()
        self.errors = self.unlisted = 0

    def append(self, issue: Issue) -> None:
        if issue.is_error:
            if self.errors >= MAX_REPORTED:
                self.unlisted += 1
                return
            self.errors += 1
        super().append(issue)

    def done(self) -> list[Issue]:
        return [*self, more_problems(self.unlisted)] if self.unlisted else list(self)


def run_checks(checks: Iterable[Callable[[T], Iterable[Issue]]], subject: T) -> list[Issue]:
    """Every issue the checks find, up to MAX_REPORTED errors, then a count of the rest."""
    issues = _Listed()
    for check in checks:
        for issue in check(subject):
            issues.append(issue)
    return issues.done()


def check_plan(plan: Plan) -> list[Issue]:
    """What :data:`PLAN_CHECKS` find in the plan."""
    return run_checks(PLAN_CHECKS, plan)


def check_worked(breakdown: Breakdown) -> list[Issue]:
    """What :data:`WORKED_CHECKS` find in the worked-out plan."""
    return run_checks(WORKED_CHECKS, breakdown)


# --- the plan as written -----------------------------------------------------------


def _stage_names(plan: Plan) -> list[str]:
    return [stage.name for stage in plan.stages[1:]]


def stages_listed_once(plan: Plan) -> Iterator[Issue]:
    seen: set[str] = set()
    for i, stage in enumerate(plan.funnel or ()):
        if stage.name in seen:
            yield Issue(
                ("funnel", i, "name"), "stage {name} is listed twice", {"name": repr(stage.name)}
            )
        seen.add(stage.name)


def _unknown_stages(names: list[str], keys: Iterable[str], where: PlanPath) -> Iterator[Issue]:
    listed = ", ".join(names)
    for stage_name in keys:
        if stage_name not in names:
            template = (
                N_("no stage named {name}; the revenue stage has no rate; the stages are {stages}")
                if stage_name == RESULT_STAGE
                else N_("no stage named {name}; the stages are {stages}")
            )
            yield Issue(
                (*where, stage_name),
                template,
                {"name": repr(stage_name), "stages": listed},
                at_key=True,
            )


def rate_stages_known(plan: Plan) -> Iterator[Issue]:
    """Every rate is of a stage of the funnel."""
    names = _stage_names(plan)
    yield from _unknown_stages(names, plan.rates, ("rates",))
    for i, rep in enumerate(plan.reps):
        yield from _unknown_stages(names, rep.rates, ("reps", i, "rates"))


def rates_given(plan: Plan) -> Iterator[Issue]:
    """Every rep has a rate for every stage: their own or the team's (or, with a history
    file, one drawn from it, checked when it is read)."""
    if plan.history is not None:
        return
    names = _stage_names(plan)
    lacking = [n for n in names if n not in plan.rates and any(n not in r.rates for r in plan.reps)]
    nobody = [n for n in lacking if all(n not in r.rates for r in plan.reps)]
    if lacking and not plan.rates:
        # No team rates at all: one cause, not one error per rep.
        yield Issue(
            ("rates",),
            "the team's rates are missing: give a rate for {stages} under rates: "
            "(or in every rep's rates:)",
            {"stages": ", ".join(lacking)},
        )
        nobody = lacking
    elif nobody:
        yield Issue(
            ("rates",),
            "no rate for {stages}: give the team's rate here (or a rate in every rep's rates:)",
            {"stages": ", ".join(nobody)},
        )
    for i, rep in enumerate(plan.reps):
        missing = [
            n for n in names if n not in rep.rates and n not in plan.rates and n not in nobody
        ]
        if missing:
            yield Issue(
                ("reps", i),
                "{rep}: no rate for {stages} (give it in the team's rates: or in this rep's "
                "rates:)",
                {"rep": rep.name, "stages": ", ".join(missing)},
            )


def reps_listed_once(plan: Plan) -> Iterator[Issue]:
    first_seen: dict[str, int] = {}
    for i, rep in enumerate(plan.reps):
        if rep.name in first_seen:
            yield Issue(
                ("reps", i, "name"),
                "rep {name} is listed twice (also reps[{other}])",
                {"name": repr(rep.name), "other": first_seen[rep.name]},
            )
        else:
            first_seen[rep.name] = i


def rep_windows(plan: Plan) -> Iterator[Issue]:
    """A rep's start and end lie in the period, in that order."""
    period = plan.period
    for i, rep in enumerate(plan.reps):
        if rep.start and rep.end and rep.end < rep.start:
            # The cause; where each of the two lies against the period follows from it.
            yield Issue(
                ("reps", i, "end"),
                "end {end} is before start {start}",
                {"end": rep.end, "start": rep.start},
            )
            continue
        for key in ("start", "end"):
            day = getattr(rep, key)
            if day is not None and not period.start <= day <= period.end:
                yield Issue(
                    ("reps", i, key),
                    "{key} {day} is outside the period {start}..{end}",
                    {"key": key, "day": day, "start": period.start, "end": period.end},
                )


def leave_within_period(plan: Plan) -> Iterator[Issue]:
    for i, rep in enumerate(plan.reps):
        for j, (first, last) in enumerate(rep.leave):
            if last < plan.period.start or first > plan.period.end:
                yield Issue(
                    ("reps", i, "leave", j),
                    "leave {first}..{last} lies outside the period and has no effect",
                    {"first": first, "last": last},
                    severity="warning",
                )


def allocation_has_history(plan: Plan) -> Iterator[Issue]:
    if plan.allocation == "history" and plan.history is None:
        yield Issue(("allocation",), "'history' needs a history: file to draw on")


def history_window_not_empty(plan: Plan) -> Iterator[Issue]:
    if plan.history and plan.history.since and plan.history.since > plan.history_window()[1]:
        yield Issue(
            ("history", "since"),
            "the history window is empty: since {since} is after until {until}",
            {"since": plan.history.since, "until": plan.history_window()[1]},
        )


def stretch_plausible(plan: Plan) -> Iterator[Issue]:
    """Over-assignment is typically 105-125 %; a stretch above 2 is a slip, most often a
    percentage without its % sign."""
    stretch = plan.stretch
    if stretch <= 2:
        return
    value = f"{stretch.normalize():f}"
    if stretch >= 100:
        yield Issue(
            ("stretch",),
            "stretch {value} makes the quotas add up to {value} times the target; did you "
            "mean {value}%?",
            {"value": value},
            severity="warning",
        )
        return
    yield Issue(
        ("stretch",),
        "stretch {value} makes the quotas add up to {value} times the target; "
        "over-assignment is usually 1.05 to 1.25 (105% to 125%)",
        {"value": value},
        severity="warning",
    )


def rates_plausible(plan: Plan) -> Iterator[Issue]:
    """Rates that are almost surely typos.

    A rate above 1 between two stages of the same unit is a percentage written as a
    whole number (30 instead of 0.30 or 30%). A money stage per unit of a count stage
    (pipeline value per intent customer) is an amount; below 1 it is written the wrong
    way round (0.05 instead of 20, or a percentage where an amount belongs)."""
    above = {stage.name: upper for upper, stage in pairwise(plan.stages)}
    stage = {s.name: s for s in plan.stages}
    sets: list[tuple[PlanPath, dict[str, Decimal]]] = [(("rates",), dict(plan.rates))]
    sets += [(("reps", i, "rates"), dict(rep.rates)) for i, rep in enumerate(plan.reps)]
    for where, rates in sets:
        for name, value in rates.items():
            if name not in above:
                continue  # not a stage: an error already
            upper, rate = above[name], Fraction(str(value))
            fields = {"value": value, "stage": StageNames(stage[name]), "above": StageNames(upper)}
            if stage[name].unit == upper.unit and rate > 1:
                yield Issue(
                    (*where, name),
                    "{value} means one unit of {stage} yields more than one of {above}; "
                    "a percentage is written 0.30 or 30%",
                    fields,
                    severity="warning",
                )
            elif upper.unit == "money" and stage[name].unit == "count" and rate < 1:
                yield Issue(
                    (*where, name),
                    "{value} of {above} per unit of {stage} is below 1: an amount per "
                    "unit, such as 15000, was expected; is it written the wrong way round?",
                    fields,
                    severity="warning",
                )


# --- shaping in time ---------------------------------------------------------------


def seasonality_by_month(plan: Plan) -> Iterator[Issue]:
    """Seasonality is keyed by month number, each month once; ``history`` needs a file."""
    if isinstance(plan.seasonality, dict):
        seen: dict[int, str] = {}
        for key in plan.seasonality:
            month = season_month(key)
            if month is None:
                yield Issue(
                    ("seasonality", key),
                    "{key} is not a month: seasonality is keyed by month number, 1 to 12",
                    {"key": repr(key)},
                    at_key=True,
                )
            elif month in seen:
                yield Issue(
                    ("seasonality", key),
                    "month {month} is given twice (also as {other})",
                    {"month": month, "other": repr(seen[month])},
                    at_key=True,
                )
            else:
                seen[month] = key
    elif plan.seasonality == "history" and plan.history is None:
        yield Issue(("seasonality",), "'history' needs a history: file to draw on")


def ramps_rise(plan: Plan) -> Iterator[Issue]:
    """A ramp may stay flat but never falls: the team's and each rep's."""
    ramps: list[tuple[object, PlanPath]] = [(plan.ramp, ("ramp",))]
    ramps += [(rep.ramp, ("reps", i, "ramp")) for i, rep in enumerate(plan.reps)]
    for ramp, where in ramps:
        if not isinstance(ramp, tuple):
            continue
        for j, (before, value) in enumerate(pairwise(ramp), start=1):
            if value < before:
                yield Issue(
                    (*where, j),
                    "a ramp rises month by month: {value} comes after {before}",
                    {"value": shown_percent(value), "before": shown_percent(before)},
                )
                break


def hiring_dates(plan: Plan) -> Iterator[Issue]:
    """A rep is hired before their last day, and starts on the day they are hired or later."""
    for i, rep in enumerate(plan.reps):
        if rep.hired is None:
            continue
        last = rep.end or plan.period.end
        if rep.hired > last:
            yield Issue(
                ("reps", i, "hired"),
                "hired {hired} is after the rep's last day in the period, {end}",
                {"hired": rep.hired, "end": last},
            )
        elif rep.start is not None and rep.hired > rep.start:
            yield Issue(
                ("reps", i, "hired"),
                "hired {hired} is after start {start}: a rep starts on the day they are "
                "hired or later",
                {"hired": rep.hired, "start": rep.start},
            )


def carve_outs_leave_a_target(plan: Plan) -> Iterator[Issue]:
    """Carve-outs leave something to decompose, and their owners are reps of the plan."""
    carved = Decimal(0)
    for j, item in enumerate(plan.carve_out):
        carved += item.amount
        if carved >= plan.target:
            yield Issue(
                ("carve_out", j, "amount"),
                "the carve-outs add up to {carved}, leaving nothing of the target {target} "
                "to decompose",
                {"carved": f"{carved.normalize():,f}", "target": f"{plan.target:,f}"},
            )
            break
    names = {rep.name for rep in plan.reps}
    for j, item in enumerate(plan.carve_out):
        if item.owner is not None and item.owner not in names:
            yield Issue(
                ("carve_out", j, "owner"),
                "no rep named {name} in the plan",
                {"name": repr(item.owner)},
            )


# --- daily floors and capacity ---------------------------------------------------


def _daily_keys(plan: Plan) -> Iterator[tuple[PlanPath, dict[str, int]]]:
    """Every ``floors:`` and ``capacity:`` mapping: the team's, then each rep's."""
    for key in ("floors", "capacity"):
        yield (key,), getattr(plan, key)
    for i, rep in enumerate(plan.reps):
        for key in ("floors", "capacity"):
            yield ("reps", i, key), getattr(rep, key)


def daily_stages_known(plan: Plan) -> Iterator[Issue]:
    """Floors and capacity are of the stages below the result."""
    names = _stage_names(plan)
    for where, amounts in _daily_keys(plan):
        for name in amounts:
            if name == RESULT_STAGE:
                yield Issue(
                    (*where, name),
                    "{name} is the result; floors and capacity are daily amounts of the "
                    "stages below it: {stages}",
                    {"name": repr(name), "stages": ", ".join(names)},
                    at_key=True,
                )
            elif name not in names:
                yield from _unknown_stages(names, [name], where)


def floors_within_capacity(plan: Plan) -> Iterator[Issue]:
    """A floor above the capacity of the same stage: no day can meet both. Said at the
    floor, or at the rep's own capacity when that is what makes it so."""
    stages = {stage.name: stage for stage in plan.stages}

    def clashes(floors: dict[str, int], capacity: dict[str, int]) -> Iterator[tuple[str, int, int]]:
        for name, floor in floors.items():
            most = capacity.get(name)
            if most is not None and floor > most and name in stages:
                yield name, floor, most

    def issue(where: PlanPath, name: str, floor: int, most: int) -> Issue:
        return Issue(
            where,
            "the floor of {floor} {stage} a day is above the capacity of {capacity}: "
            "no day can meet both",
            {"floor": floor, "stage": StageNames(stages[name]), "capacity": most},
            severity="warning",
        )

    for name, floor, most in clashes(plan.floors, plan.capacity):
        yield issue(("floors", name), name, floor, most)
    for i, rep in enumerate(plan.reps):
        if not rep.floors and not rep.capacity:
            continue
        floors, capacity = {**plan.floors, **rep.floors}, {**plan.capacity, **rep.capacity}
        for name, floor, most in clashes(floors, capacity):
            if name in rep.floors:
                yield issue(("reps", i, "floors", name), name, floor, most)
            elif name in rep.capacity:
                yield issue(("reps", i, "capacity", name), name, floor, most)


PLAN_CHECKS: tuple[PlanCheck, ...] = (
    stages_listed_once,
    rate_stages_known,
    rates_given,
    reps_listed_once,
    rep_windows,
    leave_within_period,
    seasonality_by_month,
    ramps_rise,
    hiring_dates,
    carve_outs_leave_a_target,
    allocation_has_history,
    history_window_not_empty,
    stretch_plausible,
    rates_plausible,
    daily_stages_known,
    floors_within_capacity,
)
"""Checks of the plan as written; errors here stop it from being worked out."""


# --- the plan worked out -----------------------------------------------------------


def quota_above_floor(breakdown: Breakdown) -> Iterator[Issue]:
    """A quota whose funnel needs less of a floored stage in the whole period than the
    floor asks of one day: the quota (or the floor) is almost surely a typo."""
    for i, rep in enumerate(breakdown.reps):
        if not rep.floors or not rep.working_days:
            continue
        for s in rep.rated:
            floor = rep.floors.get(s.stage.name, 0)
            if s.required < floor:
                yield Issue(
                    ("reps", i, "quota") if rep.quota_explicit else ("reps", i),
                    "{rep}'s quota needs {total} {stage} in the whole period, less than one "
                    "day's floor of {floor}: is the quota (or the floor) a typo?",
                    {
                        "rep": rep.name,
                        "total": _below(s.required, floor),
                        "stage": StageNames(s.stage),
                        "floor": floor,
                    },
                    severity="warning",
                )
                break


def _below(need: Fraction, floor: int) -> str:
    """``need`` rounded up (never shown smaller than it is) to as few decimals as keep
    it below ``floor``: 20 for 19.5 of a floor of 30, 19.5 for 19.46 of a floor of 20,
    0.1 for 0.01 of a floor of 1."""
    # The first number of places that shows it below never ends in 0 (one place fewer
    # would have shown it below already), so nothing is to be trimmed.
    for places in range(10):
        units = ceil_fraction(need * 10**places)  # in steps of 10**-places
        if Fraction(units, 10**places) < floor:
            whole, part = divmod(units, 10**places)
            return f"{whole:,}" + (f".{part:0{places}d}" if places else "")
    return f"{float(need):.15g}"  # within a billionth of the floor: as many digits as a float has


WORKED_CHECKS: tuple[WorkedCheck, ...] = (
    within_capacity,
    team_within_capacity,
    daily_need_plausible,
    quota_above_floor,
)
"""Checks of the worked-out plan: what each rep's days come to."""

"""Re-planning mid-period: a new plan file for the rest of the period.

When a rep leaves or the period goes off course, what is left of the target is
re-split over the remaining working days (DOMAIN.md §4, "Tiers and re-planning"):

- the period runs from the next working day after the as-of date to the end;
- the target is what is still missing: the team target less the revenue to date;
- each rep who still has working days gets an explicit quota: what they still owe
  of their own quota (quota less revenue to date), plus a share of what the reps
  without working days left (they left, or are on leave to the end) did not
  deliver, shared by the plan's allocation rule over the days left (weight x
  working days, x ability with ``allocation: history``);
- a rep already past their quota is raised to the next tier that they have not
  reached (high performer 120 %, benchmark 150 %); past the benchmark, to what
  their own pace so far makes of the days left;
- each rep's rates are refreshed from the actuals so far, shrunk toward the rates
  the plan gave them with the estimator of ``goalsplit rates`` (the plan's history
  prior, default 30), and written for every stage.

Quotas are written in whole currency units (rounded up once, from the exact
amount) and rates as ``goalsplit rates --format yaml`` writes them, so the new
plan, read back, gives exactly the numbers written. The text is YAML that the
loader reads back as written (names quoted where YAML would read them otherwise),
with a comment block at the top that says what changed and why. Nothing here
touches a file: the CLI writes the text through :mod:`goalsplit.output`.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import TYPE_CHECKING

from goalsplit.funnel import ceil_fraction
from goalsplit.history import DEFAULT_PRIOR, prior_units, shrunk
from goalsplit.i18n import N_, tr, trn
from goalsplit.render.yaml import rate_value, yaml_string
from goalsplit.shape import exact_day_weights
from goalsplit.text import printable
from goalsplit.track import TIERS, Actuals, RepTrack, track

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown
    from goalsplit.model import CarveOut, Plan


class ReplanError(ValueError):
    """The plan cannot be re-planned as asked: an English template and its fields."""

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


@dataclass(frozen=True)
class RepReplan:
    name: str
    quota: Fraction  # the old quota
    revenue: Fraction  # revenue to date
    owed: Fraction  # of the old quota (or the raised tier's), what is still to make
    raised_to: str | None  # the tier a rep past the quota is raised to ("pace": own pace)
    share: Fraction  # of what the reps without days left did not deliver
    new_quota: int  # owed + share, rounded up once
    days_left: int
    rates: tuple[tuple[str, str], ...]  # (stage, rate as written) per stage below revenue


@dataclass(frozen=True)
class Replan:
    as_of: dt.date
    start: dt.date  # the new period
    end: dt.date
    target: Fraction  # the new target: the old one less the revenue to date
    revenue: Fraction  # the team's revenue to date
    reps: tuple[RepReplan, ...]
    dropped: tuple[tuple[str, dt.date | None, Fraction], ...]  # (name, last day, not delivered)
    prior: int
    text: str  # the new plan file


def replan(
    plan: Plan,
    breakdown: Breakdown,
    actuals: Actuals,
    as_of: dt.date,
    source: str,
    lang: str = "en",
) -> Replan:
    """The new plan for the days after ``as_of``; ReplanError when there is nothing left
    to plan (no working day after it, the target already made) or no revenue column."""
    if actuals.stages[:1] != (breakdown.stages[0].name,):
        raise ReplanError(
            N_("the actuals have no {stage} column: the revenue to date is needed to re-plan"),
            stage=breakdown.stages[0].name,
        )
    after = bisect_right(breakdown.working_days, as_of)
    if after >= len(breakdown.working_days):
        raise ReplanError(
            N_("no working day is left after {date} in {period}"),
            date=as_of,
            period=breakdown.period_label,
        )
    start, end = breakdown.working_days[after], breakdown.end
    report = track(breakdown, actuals, as_of)
    revenue = report.team.actual
    target = breakdown.target - revenue
    if target <= 0:
        raise ReplanError(
            N_(
                "nothing is left to re-plan: {revenue} of revenue to date makes the target {target}"
            ),
            revenue=_money(revenue),
            target=_money(breakdown.target),
        )

    prior = plan.history.prior if plan.history is not None else DEFAULT_PRIOR
    names = [stage.name for stage in breakdown.stages]
    units = {stage.name: stage.unit for stage in breakdown.stages}
    stayers = [r for r in report.reps if r.catch_up.remaining_days > 0]
    if not stayers:
        raise ReplanError(N_("no rep has a working day left after {date}"), date=as_of)
    leavers = [r for r in report.reps if r.catch_up.remaining_days == 0]
    undelivered = [max(Fraction(0), r.rep.quota - _revenue(r)) for r in leavers]
    pool = sum(undelivered, Fraction(0))
    # The leavers' share goes by the plan's own rule over what is left: weight x the
    # days left, each day weighed as the plan weighs it (season x ramp).
    claims = [
        r.rep.weight
        * (r.rep.ability if breakdown.allocation == "history" and r.rep.ability else 1)
        * sum(exact_day_weights(r.rep.days[r.elapsed_days :], r.rep.shaping), Fraction(0))
        for r in stayers
    ]
    total_claim = sum(claims, Fraction(0))

    reps = []
    for r, claim in zip(stayers, claims, strict=True):
        owed, raised = _owed(r)
        share = pool * claim / total_claim if total_claim else Fraction(0)
        done = actuals.through(r.rep.name, as_of)
        ks = prior_units(names, units, {s.stage.name: s.rate for s in r.rep.rated}, prior)
        rates = []
        for above, stage in pairwise(r.rep.stages):
            planned = stage.rate
            assert planned is not None
            rate = planned
            if above.stage.name in done and stage.stage.name in done:
                refreshed = shrunk(
                    done[above.stage.name], done[stage.stage.name], ks[stage.stage.name], planned
                )
                if refreshed > 0:
                    rate = refreshed
            rates.append((stage.stage.name, rate_value(rate)))
        reps.append(
            RepReplan(
                name=r.rep.name,
                quota=r.rep.quota,
                revenue=_revenue(r),
                owed=owed,
                raised_to=raised,
                share=share,
                new_quota=ceil_fraction(owed + share),
                days_left=r.catch_up.remaining_days,
                rates=tuple(rates),
            )
        )
    dropped = tuple(
        (r.rep.name, r.rep.end if r.rep.end < breakdown.end else None, left)
        for r, left in zip(leavers, undelivered, strict=True)
    )
    result = Replan(as_of, start, end, target, revenue, tuple(reps), dropped, prior, "")
    days = len(breakdown.working_days) - after
    text = _comments(result, plan, breakdown, source, lang, days) + _yaml(
        result, plan, breakdown.season, lang, days
    )
    return Replan(as_of, start, end, target, revenue, tuple(reps), dropped, prior, text)


def _revenue(r: RepTrack) -> Fraction:
    return r.result.actual or Fraction(0)


def _owed(r: RepTrack) -> tuple[Fraction, str | None]:
    """What the rep still has to make: the rest of the quota; past it, the next tier
    not reached yet; past the benchmark, what their own pace makes of the days left."""
    quota, revenue = r.rep.quota, _revenue(r)
    if revenue < quota or quota == 0:
        return max(Fraction(0), quota - revenue), None
    for level, name in TIERS:
        if revenue < quota * level:
            return quota * level - revenue, name
    pace = revenue / r.elapsed_days if r.elapsed_days else Fraction(0)
    return pace * r.catch_up.remaining_days, "pace"


# --- the text ----------------------------------------------------------------------


def _money(amount: Fraction | int) -> str:
    """Whole currency units, as the plan report shows them (a quota rounded up once)."""
    return f"{ceil_fraction(Fraction(amount)):,}"


def _comments(
    result: Replan, plan: Plan, breakdown: Breakdown, source: str, lang: str, days: int
) -> str:
    lines = [
        tr(
            "Re-plan of {file} as of {date}, written by goalsplit replan.",
            lang,
            file=source,
            date=result.as_of,
        ),
        tr(
            "Period: the rest of {period}, {start} – {end}.",
            lang,
            period=breakdown.period_label,
            start=result.start,
            end=result.end,
        ),
        tr(
            "Target: {target} - {revenue} of revenue to date = {left}; stretch as before.",
            lang,
            target=_money(breakdown.target),
            revenue=_money(result.revenue),
            left=_money(result.target)
            if result.target.denominator == 1
            else _decimal(result.target),
        ),
        tr(
            "Quotas, explicit: what each rep still owes of their quota, plus a share of what "
            "the reps without working days left did not deliver (weight x working days left).",
            lang,
        ),
    ]
    for rep in result.reps:
        if rep.raised_to is None:
            how = tr(
                "{quota} - {revenue} = {owed}",
                lang,
                quota=_money(rep.quota),
                revenue=_money(rep.revenue),
                owed=_money(rep.owed),
            )
        elif rep.raised_to == "pace":
            how = tr(
                "past the benchmark ({revenue} of {quota}): their pace over the days left, {owed}",
                lang,
                revenue=_money(rep.revenue),
                quota=_money(rep.quota),
                owed=_money(rep.owed),
            )
        else:
            how = tr(
                "past the quota ({revenue} of {quota}): raised to the next tier, {tier}, {owed} "
                "more",
                lang,
                revenue=_money(rep.revenue),
                quota=_money(rep.quota),
                tier=tr(rep.raised_to, lang),
                owed=_money(rep.owed),
            )
        if rep.share:
            how += tr(" + {share} re-split", lang, share=_money(rep.share))
        lines.append(
            "  "
            + trn(
                "{rep}: {how} -> {quota} over {count} working day",
                "{rep}: {how} -> {quota} over {count} working days",
                rep.days_left,
                lang,
                rep=rep.name,
                how=how,
                quota=f"{rep.new_quota:,}",
            )
        )
    for name, last, left in result.dropped:
        if last is not None:
            lines.append(
                tr(
                    "Left: {rep} (last day {end}); {amount} of their quota not delivered, "
                    "re-split above.",
                    lang,
                    rep=name,
                    end=last,
                    amount=_money(left),
                )
            )
        else:
            lines.append(
                tr(
                    "Dropped: {rep}, no working day left (leave); {amount} of their quota not "
                    "delivered, re-split above.",
                    lang,
                    rep=name,
                    amount=_money(left),
                )
            )
    lines.append(
        tr(
            "Rates: each rep's own for every stage, from the actuals through {date}, shrunk "
            "toward the plan's rates (prior {prior}, as goalsplit rates does).",
            lang,
            date=result.as_of,
            prior=result.prior,
        )
    )
    if plan.history is not None or plan.allocation != "weight":
        lines.append(
            tr("history: and allocation: are left out: the quotas and rates replace them.", lang)
        )
    if plan.seasonality == "history":
        lines.append(
            tr(
                "seasonality: history is written out as the month weights it gave "
                "(six significant digits).",
                lang,
            )
        )
    kept = _carve_outs(plan, result.target)
    if len(kept) < len(plan.carve_out):
        lines.append(
            tr(
                "carve_out: left out where it would leave nothing of the new target to "
                "decompose: {names}",
                lang,
                names=", ".join(c.name for c in plan.carve_out if c not in kept),
            )
        )
    cycles = [plan.cycle, *(rep.cycle or 0 for rep in plan.reps)]
    if max(cycles) >= days:
        lines.append(
            tr(
                "cycle: a sales cycle is shorter than its period: cut to {cycle}, one less "
                "than the working days left ({days})",
                lang,
                cycle=days - 1,
                days=days,
            )
        )
    from goalsplit.render.grid import wrap

    text = []
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip(" ")))
        for k, piece in enumerate(wrap(printable(line.lstrip(" ")), 86 - len(indent))):
            text.append("# " + indent + ("    " if k else "") + piece + "\n")
    return "".join(text)


def _decimal(value: Decimal | Fraction) -> str:
    """A number as a plain decimal that reads back exactly: every amount here comes from
    decimals as written (a plan, a CSV), so its denominator divides a power of ten."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
        assert places <= 40, value  # not a finite decimal: a bug
    scaled = value * 10**places
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    sign = "-" if value < 0 else ""
    whole, fraction = digits[: len(digits) - places], digits[len(digits) - places :]
    return sign + whole + ("." + fraction if fraction else "")


def _spans(spans: tuple[tuple[dt.date, dt.date], ...], start: dt.date, end: dt.date) -> list[str]:
    """Date spans clipped to ``start..end``, those outside it left out."""
    out = []
    for first, last in spans:
        if last < start or first > end:
            continue
        first, last = max(first, start), min(last, end)
        out.append(str(first) if first == last else f"{first}..{last}")
    return out


def _carve_outs(plan: Plan, target: Fraction) -> list[CarveOut]:
    """The carve-outs that still leave something of the new target to decompose: money
    hoped for from new business is no more earned than it was."""
    kept: list[CarveOut] = []
    carved = Fraction(0)
    for item in plan.carve_out:
        if carved + Fraction(item.amount) < target:
            kept.append(item)
            carved += Fraction(item.amount)
    return kept


def _season_text(season: tuple[Fraction, ...]) -> str:
    """Month weights drawn from history: six significant digits, months of weight 1 left out."""
    parts = [
        f"{month}: {format(Decimal(w.numerator) / Decimal(w.denominator), '.6g')}"
        for month, w in enumerate(season, start=1)
        if w != 1
    ]
    return "{" + ", ".join(parts) + "}"


def _shaping_lines(
    plan: Plan, season: tuple[Fraction, ...] | None, target: Fraction, days: int
) -> list[str]:
    """The plan's shaping in time, carried over as written (the days that are left keep
    their weights: seasonality, the ramp of each hire, the buffer, the cycle, which is
    cut to fit the ``days`` left)."""
    lines = []
    if isinstance(plan.seasonality, dict):
        months = ", ".join(f"{key}: {_decimal(w)}" for key, w in plan.seasonality.items())
        lines.append(f"seasonality: {{{months}}}")
    elif plan.seasonality == "history" and season is not None:
        lines.append(f"seasonality: {_season_text(season)}")
    if plan.ramp is not None:
        lines.append(f"ramp: {_ramp_text(plan.ramp)}")
    if plan.buffer is not None:
        lines.append(f"buffer: {_decimal(plan.buffer)}")
    if min(plan.cycle, days - 1) > 0:
        lines.append(f"cycle: {min(plan.cycle, days - 1)}")
    kept = _carve_outs(plan, target)
    if kept:
        lines.append("carve_out:")
        for item in kept:
            owner = f", owner: {yaml_string(item.owner)}" if item.owner is not None else ""
            lines.append(
                f"  - {{name: {yaml_string(item.name)}, amount: {_decimal(item.amount)}{owner}}}"
            )
    return lines


def _ramp_text(ramp: tuple[Decimal, ...] | str) -> str:
    if isinstance(ramp, str):
        return ramp
    return "[" + ", ".join(_decimal(step) for step in ramp) + "]"


def _yaml(
    result: Replan, plan: Plan, season: tuple[Fraction, ...] | None, lang: str, days: int
) -> str:
    from goalsplit.calendar import WEEKDAY_KEYS

    start, end = result.start, result.end
    lines = ["version: 1"]
    if plan.lang:
        lines.append(f"lang: {plan.lang}")
    if plan.team is not None:
        lines.append(f"team: {yaml_string(plan.team)}")
    if plan.currency is not None:
        lines.append(f"currency: {yaml_string(plan.currency)}")
    label = tr("{period} from {date}", lang, period=plan.period.name, date=f"{start:%m-%d}")
    lines.append(f"period: {{start: {start}, end: {end}, label: {yaml_string(label)}}}")
    calendar = plan.calendar
    calendar_lines = []
    if calendar.country:
        calendar_lines.append(f"  country: {yaml_string(calendar.country)}")
    if tuple(calendar.weekend) != (5, 6):
        weekend = ", ".join(WEEKDAY_KEYS[d] for d in calendar.weekend)
        calendar_lines.append(f"  weekend: [{weekend}]")
    for key, spans in (("holidays", calendar.holidays), ("workdays", calendar.workdays)):
        kept = _spans(spans, start, end)
        if kept:
            calendar_lines.append(f"  {key}: [{', '.join(kept)}]")
    if calendar_lines:
        lines += ["calendar:", *calendar_lines]
    lines.append(f"target: {_decimal(result.target)}")
    lines.append(f"stretch: {_decimal(plan.stretch)}")
    if plan.tiers is not None:
        lines.append(f"tiers: [{', '.join(_decimal(t) for t in plan.tiers)}]")
    if plan.funnel is not None:
        lines.append("funnel:")
        for stage in plan.funnel:
            label = f", label: {yaml_string(stage.label)}" if stage.label is not None else ""
            lines.append(f"  - {{name: {stage.name}{label}, unit: {stage.unit}}}")
    if plan.rates:
        lines.append("rates:")
        lines += [f"  {name}: {_decimal(value)}" for name, value in plan.rates.items()]
    lines += _shaping_lines(plan, season, result.target, days)
    lines.append("reps:")
    by_name = {rep.name: rep for rep in plan.reps}
    for rep in result.reps:
        written = by_name[rep.name]
        lines.append(f"  - name: {yaml_string(rep.name)}")
        lines.append(f"    quota: {rep.new_quota}")
        rates = ", ".join(f"{name}: {value}" for name, value in rep.rates)
        lines.append(f"    rates: {{{rates}}}")
        if written.start is not None and written.start > start:
            lines.append(f"    start: {written.start}")
        if written.end is not None and written.end < end:
            lines.append(f"    end: {written.end}")
        leave = _spans(written.leave, start, end)
        if leave:
            lines.append(f"    leave: [{', '.join(leave)}]")
        if written.hired is not None:
            lines.append(f"    hired: {written.hired}")
        if written.ramp is not None:
            lines.append(f"    ramp: {_ramp_text(written.ramp)}")
        if written.cycle is not None:
            lines.append(f"    cycle: {min(written.cycle, days - 1)}")
    return "".join(line + "\n" for line in lines)

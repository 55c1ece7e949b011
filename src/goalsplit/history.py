"""Personal rates from past activity, robust for reps with little of it.

The raw rate of a stage is the sum of the stage above divided by the sum of the
stage (connects ÷ dials), per rep and for the whole team. A rep's raw rate from
three deep talks is noise, so the rate used for planning is a pseudo-count
(beta-binomial posterior mean) estimate that shrinks the raw rate toward the
team's rate by the weight of evidence::

    used = (above_rep + k * team_rate) / (stage_rep + k)

``k`` is the prior strength: the team's rate counts as much as ``k`` units of
the rep's own activity at that stage. It is set in *count equivalents*
(``prior``, default 30): for a count stage ``k = prior`` (30 dials, 30 deep
talks); for a money stage it is ``prior`` units of the nearest count stage below
converted to money with the team's rates (for pipeline: 30 intent customers'
worth of pipeline). So a rep with no history gets exactly the team's rate, a
rep's used rate always lies between their raw rate and the team's, and the more
history, the closer to their own. A rate is flagged *thin* when the rep's own
sample weighs less than the prior (``stage_rep < k``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from itertools import pairwise
from operator import add

from goalsplit.errors import ActivityError, Issue
from goalsplit.i18n import StageNames
from goalsplit.model import Stage

DEFAULT_PRIOR = 30


@dataclass
class RepHistory:
    """Sums of each stage over the window for one rep, and the span of their rows.

    Sums stay ``int`` while every cell is whole (fast for a million rows) and
    become exact fractions as soon as a decimal cell is added."""

    totals: list[int | Fraction]
    first: date
    last: date  # last day covered (a month row covers the whole month)
    rows: int = 0


@dataclass
class History:
    """Past activity within a window: per-rep stage sums, in funnel order (result first)."""

    stages: tuple[str, ...]
    reps: dict[str, RepHistory] = field(default_factory=dict)
    rows: int = 0
    since: date | None = None
    until: date | None = None
    columns: dict[str, int] = field(default_factory=dict)  # each stage's column in the file
    # The result (revenue) per calendar month of the rows, for seasonality: history.
    revenue_by_month: dict[tuple[int, int], int | Fraction] = field(default_factory=dict)

    def add(self, rep: str, first: date, last: date, values: Sequence[Fraction | int]) -> None:
        """Add one row; called once per row of a history file, so kept lean."""
        month = (first.year, first.month)
        by_month = self.revenue_by_month
        by_month[month] = by_month.get(month, 0) + values[0]
        entry = self.reps.get(rep)
        if entry is None:
            self.reps[rep] = RepHistory(list(values), first, last, 1)
        else:
            entry.totals = list(map(add, entry.totals, values))
            if first < entry.first:
                entry.first = first
            if last > entry.last:
                entry.last = last
            entry.rows += 1
        self.rows += 1

    def team_totals(self) -> list[Fraction]:
        sums: list[int | Fraction] = [0] * len(self.stages)
        for entry in self.reps.values():
            sums = [a + b for a, b in zip(sums, entry.totals, strict=True)]
        return [Fraction(v) for v in sums]


@dataclass(frozen=True)
class RateEstimate:
    """One stage's rate for one rep (or the team), with its evidence."""

    raw: Fraction | None  # None when the sample is zero
    used: Fraction | None  # None only for the team when it has no data
    sample: Fraction  # the denominator: the sum of the stage itself
    above: Fraction  # the numerator: the sum of the stage above
    prior: Fraction  # k, in the stage's own units (0 for the team)
    thin: bool


@dataclass(frozen=True)
class RateTable:
    stages: tuple[str, ...]  # all stages, the result first; rates exist for stages[1:]
    team: tuple[RateEstimate, ...]
    reps: dict[str, tuple[RateEstimate, ...]]
    prior: int


def prior_units(
    stages: Sequence[str],
    units: Mapping[str, str],
    rates: Mapping[str, Fraction | None],
    prior: int,
) -> dict[str, Fraction]:
    """``k`` per rated stage (every stage below the result), in that stage's own units.

    ``rates`` are the team's rates by stage name (None where unknown)."""
    ks: dict[str, Fraction] = {}
    for index, name in enumerate(stages):
        if index == 0:
            continue  # the result has no rate
        factor = Fraction(1)
        if units[name] == "money":
            # Money per unit of the nearest count stage below, through the team's rates.
            factor = Fraction(0)
            running = Fraction(1)
            for below in stages[index + 1 :]:
                rate = rates.get(below)
                if rate is None:
                    break
                running *= rate
                if units[below] == "count":
                    factor = running
                    break
            if factor == 0:
                factor = Fraction(1)  # no count stage to convert through: plain money units
        ks[name] = prior * factor
    return ks


def shrunk(above: Fraction, sample: Fraction, k: Fraction, target: Fraction) -> Fraction:
    """The rate used: ``(above + k x target) / (sample + k)``, the raw rate shrunk
    toward ``target`` by the weight of evidence (``target`` itself without any)."""
    return (above + k * target) / (sample + k) if sample + k else target


def estimate(
    history: History,
    units: Mapping[str, str],
    prior: int = DEFAULT_PRIOR,
    team_rates: Mapping[str, Fraction] | None = None,
    reps: Iterable[str] | None = None,
) -> RateTable:
    """Raw and used rates per rep and for the team.

    ``team_rates`` (the plan's own team rates, where given) replace the team's
    history rate as the target of shrinkage, so that a rep without history gets
    exactly the rate the team plans with.
    """
    stages = history.stages
    team_sums = history.team_totals()
    team: list[RateEstimate] = []
    team_used: dict[str, Fraction | None] = {}
    for stage, (above, sample) in zip(stages[1:], pairwise(team_sums), strict=True):
        raw = above / sample if sample else None
        planned = (team_rates or {}).get(stage)
        used = planned if planned is not None else raw
        team.append(RateEstimate(raw, used, sample, above, Fraction(0), False))
        team_used[stage] = used
    ks = prior_units(stages, units, team_used, prior)

    table: dict[str, tuple[RateEstimate, ...]] = {}
    for name in reps if reps is not None else history.reps:
        entry = history.reps.get(name)
        sums = [Fraction(v) for v in entry.totals] if entry else [Fraction(0)] * len(stages)
        estimates = []
        for stage, (above, sample) in zip(stages[1:], pairwise(sums), strict=True):
            k, target = ks[stage], team_used[stage]
            raw = above / sample if sample else None
            used = raw if target is None else shrunk(above, sample, k, target)
            estimates.append(RateEstimate(raw, used, sample, above, k, sample < k))
        table[name] = tuple(estimates)
    return RateTable(stages, tuple(team), table, prior)


@dataclass(frozen=True)
class RatesReport:
    """What ``goalsplit rates`` shows: every rep's rates and the team's, with evidence."""

    file: str
    history: History
    stages: tuple[Stage, ...]
    table: RateTable

    @property
    def window(self) -> tuple[date | None, date | None]:
        entries = list(self.history.reps.values())
        since = self.history.since or (min(e.first for e in entries) if entries else None)
        until = self.history.until or (max(e.last for e in entries) if entries else None)
        return since, until


def rates_report(
    file: str, history: History, stages: tuple[Stage, ...], prior: int = DEFAULT_PRIOR
) -> RatesReport:
    """Raise ActivityError when a stage has no data for the whole team (at the header
    cell of its column in the file, when known)."""
    table = estimate(history, {s.name: s.unit for s in stages}, prior)
    empty = [stage for stage, team in zip(stages[1:], table.team, strict=True) if team.used is None]
    if empty:
        column = history.columns.get(empty[0].name)
        entries = list(history.reps.values())
        since = history.since or (min(e.first for e in entries) if entries else None)
        until = history.until or (max(e.last for e in entries) if entries else None)
        raise ActivityError(
            [
                Issue(
                    (),
                    "no data for {stages}: the team's total is zero in {since}..{until}, so "
                    "no rate can be drawn",
                    {
                        "stages": StageNames(*empty),
                        "since": since or "…",
                        "until": until or "…",
                    },
                    file=file,
                    line=1 if column is not None else None,
                    column=column + 1 if column is not None else None,
                )
            ],
            "history",
        )
    return RatesReport(file, history, stages, table)

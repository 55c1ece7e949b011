"""Invariants of shaped plans, for random seasonality, ramp-up, buffer, cycle and
carve-outs: days add up to months, to weeks and to the period total rounded up
once; running sums never fall behind the shaped exact requirement; quotas add up
to (target - carve-out) x stretch."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate, pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goalsplit.funnel import ceil_fraction
from goalsplit.shape import exact_day_weights
from tests.conftest import breakdown_of

RATES = "rates: {pipeline: 0.30, intents: 10000, deep_talks: 0.20, connects: 0.25, dials: 0.40}"
FIRST = date(2026, 1, 1)

weights = st.decimals(Decimal("0.1"), Decimal("3"), places=2)
percents = st.integers(1, 100)


@st.composite
def shaped_plans(draw: st.DrawFn) -> tuple[str, Fraction, Fraction]:
    """A plan text with random shaping, its target less carve-outs, and its buffer."""
    length = draw(st.integers(20, 200))
    end = FIRST + timedelta(days=length)
    target = draw(st.integers(10_000, 10_000_000))
    lines = [
        f"period: {{start: {FIRST}, end: {end}}}",
        f"target: {target}",
        f"stretch: {draw(st.sampled_from(['1', '1.1', '1.25']))}",
        RATES,
    ]
    season = draw(st.dictionaries(st.integers(1, 12), weights, max_size=12))
    if season:
        lines.append("seasonality: {" + ", ".join(f"{m}: {w}" for m, w in season.items()) + "}")
    ramp = sorted(draw(st.lists(percents, max_size=4)))
    if ramp:
        lines.append("ramp: [" + ", ".join(f"{p}%" for p in ramp) + "]")
    buffer = draw(st.integers(0, 30))
    if buffer:
        lines.append(f"buffer: {buffer}%")
    lines.append(f"cycle: {draw(st.integers(0, 10))}")
    carved = draw(st.integers(0, target // 2))
    if carved:
        lines.append(f"carve_out: [{{name: New, amount: {carved}}}]")
    lines.append("reps:")
    for i in range(draw(st.integers(1, 4))):
        lines.append(f"  - name: r{i}")
        lines.append(f"    weight: {draw(st.sampled_from(['1', '1.5', '0.7']))}")
        offset = draw(st.integers(0, length - 15))
        if draw(st.booleans()):
            lines.append(f"    hired: {FIRST + timedelta(days=offset)}")
        elif draw(st.booleans()):
            lines.append(f"    start: {FIRST + timedelta(days=offset)}")
        if draw(st.booleans()):
            lines.append(f"    cycle: {draw(st.integers(0, 10))}")
        if draw(st.booleans()):
            lines.append("    ramp: none")
    return "\n".join(lines) + "\n", Fraction(target - carved), Fraction(buffer, 100)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shaped_plans())
def test_shaped_schedules_add_up_and_never_fall_behind(
    case: tuple[str, Fraction, Fraction],
) -> None:
    text, decomposed, buffer = case
    breakdown = breakdown_of(text)
    assert breakdown.allocated == decomposed * breakdown.stretch
    for rep in breakdown.reps:
        n = rep.working_days
        shape = exact_day_weights(rep.days, rep.shaping)
        cycle = rep.shaping.cycle
        for index, (stage, days, weeks, months) in enumerate(
            zip(
                rep.stages,
                rep.day_columns(),
                rep.week_columns(),
                rep.month_columns(),
                strict=True,
            )
        ):
            total = ceil_fraction(stage.required)
            assert sum(days) == sum(weeks) == sum(months) == total
            assert all(d >= 0 for d in days)
            for ends, runs in ((rep.week_ends, weeks), (rep.month_ends, months)):
                cut = [0, *ends]
                assert runs == [sum(days[a:b]) for a, b in pairwise(cut)]
            if not n:
                continue
            # The shaped exact requirement: the day weights, led by the cycle for the
            # stages below the result, run ahead by the buffer and capped at the total.
            led = (
                shape
                if index == 0 or not cycle
                else [shape[min(k + cycle, n - 1)] for k in range(n)]
            )
            cumulative = list(accumulate(led))
            whole = cumulative[-1]
            running = 0
            for k, target in enumerate(days):
                running += target
                exact = stage.required * cumulative[k] / whole
                assert running >= min(stage.required, exact * (1 + buffer))
                assert running >= exact


@settings(max_examples=40, deadline=None)
@given(st.lists(weights, min_size=12, max_size=12), st.integers(1, 100))
def test_more_weight_in_a_month_never_lowers_its_share(season: list[Decimal], extra: int) -> None:
    """Raising one month's weight raises (or keeps) a rep's target in that month."""
    base = "period: 2026\ntarget: 1000000\n" + RATES + "\nreps:\n  - name: Ann\n"

    def march(weights: list[Decimal]) -> int:
        text = base + "seasonality: {" + ", ".join(f"{m}: {w}" for m, w in enumerate(weights, 1))
        return breakdown_of(text + "}\n").reps[0].month_targets()[2][0]

    heavier = list(season)
    heavier[2] = season[2] + Decimal(extra) / 10
    assert march(heavier) >= march(season)

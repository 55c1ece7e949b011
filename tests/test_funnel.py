"""Stage requirements and integer schedules: the numbers that must be right."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from goalsplit.funnel import (
    ceil_fraction,
    cumulative_targets,
    split_targets,
    stage_requirements,
    uniform_weights,
)
from tests.conftest import breakdown_of

WORKED_EXAMPLE = """
    period: {start: 2026-03-02, end: 2026-03-27}   # four plain weeks: 20 working days
    target: 30000
    rates: {pipeline: 0.30, intents: 10000, deep_talks: 0.20, connects: 0.25, dials: 0.40}
    reps:
      - name: Solo
"""


def test_worked_example_from_domain() -> None:
    # DOMAIN.md: 30,000 -> 100,000 pipeline -> 10 intents -> 50 deep talks
    # -> 200 connects -> 500 dials; over 20 days 25 dials, 10 connects, 2.5 deep talks a day.
    rep = breakdown_of(WORKED_EXAMPLE).reps[0]
    assert rep.working_days == 20
    assert rep.required == (30000, 100000, 10, 50, 200, 500)
    assert rep.totals() == (30000, 100000, 10, 50, 200, 500)
    per_day = rep.per_day()
    assert per_day is not None
    assert per_day[3:] == (Fraction(5, 2), 10, 25)
    # Deep talks alternate 3, 2, 3, 2 (running sum never behind 2.5 a day), 13/12 a week.
    deep_talks = [day[3] for day in rep.day_targets()]
    assert deep_talks[:4] == [3, 2, 3, 2]
    assert [week[3] for week in rep.week_targets()] == [13, 12, 13, 12]
    assert [week[5] for week in rep.week_targets()] == [125, 125, 125, 125]


def test_float_trap_57_over_0_57_is_exactly_100() -> None:
    assert math.ceil(57 / 0.57) == 101  # what binary floats would give
    rep = breakdown_of("""
        period: 2026-03
        target: 57
        rates: {pipeline: 0.57, intents: 1, deep_talks: 1, connects: 1, dials: 1}
        reps: [{name: A}]
    """).reps[0]
    assert rep.required[1] == 100
    assert rep.totals()[1] == 100
    assert sum(week[1] for week in rep.week_targets()) == 100


def test_requirements_divide_stage_by_stage_exactly() -> None:
    required = stage_requirements(Fraction(1000), [Fraction(1, 3), Fraction(7)])
    assert required == (1000, 3000, Fraction(3000, 7))


def test_rounding_happens_once_not_per_stage() -> None:
    # 10 / 0.3 = 33.33.. -> 34; rounding the stage above first would give 34 / 0.3 -> 114.
    required = stage_requirements(Fraction(10), [Fraction(3, 10), Fraction(3, 10)])
    assert [ceil_fraction(e) for e in required] == [10, 34, 112]


def test_cumulative_targets_follow_the_ceiling_rule() -> None:
    # E = 7 over 3 days: ceil(7/3)=3, ceil(14/3)=5, 7 -> days 3, 2, 2
    assert cumulative_targets(Fraction(7), uniform_weights(3), [1, 2, 3]) == [3, 5, 7]
    assert split_targets(Fraction(7), uniform_weights(3), [1, 2, 3]) == [3, 2, 2]


def test_unequal_day_weights_are_supported() -> None:
    # A heavy second day (weight 2) takes half of the total.
    weights = [0, 1, 3, 4]
    assert split_targets(Fraction(8), weights, [1, 2, 3]) == [2, 4, 2]


def test_no_days_means_no_targets() -> None:
    assert split_targets(Fraction(5), uniform_weights(0), [0, 0]) == [0, 0]


exact = st.fractions(min_value=0, max_value=10**7, max_denominator=10**4)


@given(total=exact, days=st.integers(min_value=1, max_value=260), data=st.data())
def test_schedule_invariants(total: Fraction, days: int, data: st.DataObject) -> None:
    daily = split_targets(total, uniform_weights(days), range(1, days + 1))
    assert all(isinstance(d, int) and d >= 0 for d in daily)
    assert sum(daily) == math.ceil(total)
    running = 0
    for k, target in enumerate(daily, start=1):
        running += target
        assert running >= total * k / days  # never behind the exact requirement
        assert running - total * k / days < 1  # and never a whole unit ahead
    # Any cut into consecutive runs (weeks) adds up to the same days.
    cuts = sorted([*data.draw(st.lists(st.integers(0, days), max_size=8)), days])
    runs = split_targets(total, uniform_weights(days), cuts)
    starts = [0, *cuts[:-1]]
    assert runs == [sum(daily[a:b]) for a, b in zip(starts, cuts, strict=True)]


@given(
    quota=st.fractions(min_value=1, max_value=10**6, max_denominator=100),
    rates=st.lists(
        st.fractions(min_value=Fraction(1, 100), max_value=100, max_denominator=100),
        min_size=1,
        max_size=6,
    ),
    stage=st.integers(min_value=0, max_value=5),
    better=st.fractions(min_value=1, max_value=3, max_denominator=20),
)
def test_a_better_rate_never_needs_more_activity(
    quota: Fraction, rates: list[Fraction], stage: int, better: Fraction
) -> None:
    stage %= len(rates)
    improved = list(rates)
    improved[stage] = rates[stage] * better
    before = stage_requirements(quota, rates)
    after = stage_requirements(quota, improved)
    assert all(a <= b for a, b in zip(after, before, strict=True))
    assert all(ceil_fraction(a) <= ceil_fraction(b) for a, b in zip(after, before, strict=True))

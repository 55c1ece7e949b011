"""Can the plan be done? Capacity, the three ways out, the team's reach, plausibility."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from goalsplit.cli import app
from goalsplit.feasibility import reach, rep_fit, team_fit
from tests.conftest import breakdown_of, dedent, errors_of, warnings_of

DOMAIN_RATES = "rates: {pipeline: 0.3, intents: 10000, deep_talks: 0.2, connects: 0.25, dials: 0.4}"
# March 2026 without a country: 22 working days. Revenue per dial: 0.3 x 10000 x 0.2 x
# 0.25 x 0.4 = 60.
OVER = f"""
    period: 2026-03
    target: 221000
    capacity: {{dials: 150}}
    {DOMAIN_RATES}
    reps: [{{name: Li Na}}]
"""


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


def test_a_rep_over_capacity_gets_three_exact_ways_out() -> None:
    # 221,000 / 60 = 3,683.33 dials over 22 days = 167.4 a day: 168 on the busiest day.
    breakdown = breakdown_of(OVER)
    fit = rep_fit(breakdown.reps[0])
    (dials,) = fit.stages
    assert max(breakdown.reps[0].day_columns()[-1]) == dials.peak == 168
    assert not fit.feasible and dials.over
    # At 150 a day the 22 days hold 3,300 dials, which make 3,300 x 60 = 198,000.
    assert dials.most == 3300 and fit.reach == dials.reach == 198000
    # The connects the quota needs (221,000 / 150 = 1,473.33) from 3,300 dials.
    assert dials.rate_needed == Fraction(221000, 150) / 3300 == Fraction(221, 495)
    # 3,683.33 dials at 150 a day take 25 working days: 3 more.
    assert dials.days_needed == 25 and fit.extra_days == 3
    assert warnings_of(OVER)[-1] == (
        "plan.yaml:5:8: warning: reps[0]: Li Na needs 168 Dials on the busiest day, more than "
        "the capacity of 150 a day; it fits with a quota of 198,000, or Dials → Connects at "
        "0.4465 (now 0.4), or 3 more working days"
    )


def test_the_remedies_do_fit(tmp_path: Path) -> None:
    for fixed in (
        OVER.replace("221000", "198000"),
        OVER.replace("dials: 0.4}", "dials: 0.4465}"),
        OVER.replace("2026-03", "{start: 2026-03-01, end: 2026-04-03}"),  # 25 working days
    ):
        breakdown = breakdown_of(fixed)
        assert rep_fit(breakdown.reps[0]).feasible, fixed
    # One unit less than enough does not.
    assert not rep_fit(breakdown_of(OVER.replace("221000", "198001")).reps[0]).feasible
    assert not rep_fit(breakdown_of(OVER.replace("dials: 0.4}", "dials: 0.4464}")).reps[0]).feasible


def test_check_strict_fails_on_infeasibility(tmp_path: Path) -> None:
    path = write(tmp_path, OVER)
    assert invoke("check", str(path)).exit_code == 0
    strict = invoke("check", str(path), "--strict", "--lang", "zh")
    assert strict.exit_code == 1
    assert "Li Na 最忙的一天需要 168 个外呼，超过每天 150 的产能" in strict.stderr
    assert (
        invoke(
            "check", str(write(tmp_path, OVER.replace("221000", "198000"))), "--strict"
        ).exit_code
        == 0
    )


def test_the_team_reach_and_the_headcount_that_closes_the_gap() -> None:
    # Two reps at 25 dials a day over 20 days reach 30,000 each: 60,000 of 105,000,
    # short by 45,000 = 1.5 full-pace reps, so 2 more.
    plan = f"""
        period: {{start: 2026-03-02, end: 2026-03-27}}
        target: 105000
        capacity: {{dials: 25}}
        {DOMAIN_RATES}
        reps: [{{name: A}}, {{name: B}}]
    """
    fit = team_fit(breakdown_of(plan))
    assert fit.reachable == 60000 and fit.short == 45000
    assert fit.per_rep == 30000 and fit.short / fit.per_rep == Fraction(3, 2)
    assert fit.headcount == 2
    assert warnings_of(plan)[0] == (
        "plan.yaml:3:11: warning: capacity: at capacity the team reaches 60,000 of the target "
        "105,000 (57.1%); 2 more reps at full pace (30,000 each in 20 working days at the "
        "team's rates and capacity) would close the gap of 45,000"
    )
    # A plan the team can reach at capacity has no team warning.
    assert team_fit(breakdown_of(plan.replace("105000", "60000"))).headcount == 0


def test_reach_on_the_worked_example_of_the_domain(tmp_path: Path) -> None:
    # DOMAIN.md: 25 dials a day over 20 working days make exactly 30,000.
    plan = f"""
        period: {{start: 2026-03-02, end: 2026-03-27}}
        target: 30000
        {DOMAIN_RATES}
        reps: [{{name: A}}]
    """
    report = reach(breakdown_of(plan), {"dials": 25})
    assert report.team.reps[0].reach == report.team.reachable == 30000
    path = write(tmp_path, plan)
    result = invoke("reach", str(path), "--per-day", "dials=25", "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["reps"][0]["reach"] == 30000 and document["feasibility"]["short"] == 0
    table = invoke("reach", str(path), "--per-day", "dials=25")
    assert " A        20   Dials 25/day   30,000        30,000     100.0%" in table.stdout
    # Without any capacity, reach says what it needs (a usage error).
    assert invoke("reach", str(path)).exit_code == 2
    bad = invoke("reach", str(path), "--per-day", "dails=25")
    assert bad.exit_code == 2 and "no stage named 'dails'" in bad.output
    assert invoke("reach", str(path), "--per-day", "dials=0").exit_code == 2


def test_json_has_a_feasibility_block_per_rep_and_for_the_team(tmp_path: Path) -> None:
    result = invoke("plan", str(write(tmp_path, OVER)), "-f", "json")
    document = json.loads(result.stdout)
    assert document["feasibility"] == {
        "feasible": False,
        "infeasible_reps": ["Li Na"],
        "target": 221000.0,
        "reachable": 198000.0,
        "short": 23000.0,
        "per_rep": 198000.0,
        "average_working_days": 22.0,
        "headcount": 1,
    }
    rep = document["reps"][0]["feasibility"]
    assert rep["feasible"] is False and rep["binding_stage"] == "dials"
    assert rep["capacity"]["dials"]["peak"] == 168
    assert rep["capacity"]["dials"]["days_needed"] == 25 and rep["extra_days"] == 3
    # Without floors or capacity, the JSON is as before.
    plain = invoke(
        "plan", str(write(tmp_path, OVER.replace("capacity: {dials: 150}", ""))), "-f", "json"
    )
    assert "feasibility" not in plain.stdout


# --- plausibility --------------------------------------------------------------------


def test_a_daily_need_above_1000_without_capacity_is_a_warning() -> None:
    plan = f"""
        period: 2026-03
        target: 5000000
        {DOMAIN_RATES}
        reps: [{{name: A}}]
    """
    # 5,000,000 / 60 / 22 = 3,787.9 dials a day.
    assert warnings_of(plan) == [
        "plan.yaml:4:8: warning: reps[0]: A needs up to 3,788 Dials a day and no capacity is "
        "set for it: is a rate written the wrong way round? (capacity: {dials: …} checks that "
        "a day can do it)"
    ]
    with_capacity = warnings_of(
        plan.replace("    reps:", "    capacity: {dials: 5000}\n        reps:")
    )
    assert len(with_capacity) == 1 and "more than the capacity of 5,000" not in with_capacity[0]
    assert warnings_of(plan.replace("5000000", "1000000")) == []


def test_a_quota_below_one_days_floor_is_a_warning() -> None:
    plan = f"""
        period: 2026-03
        target: 1200
        floors: {{dials: 30}}
        {DOMAIN_RATES}
        reps: [{{name: A, quota: 1200}}]
    """
    # 1,200 / 60 = 20 dials in the whole month, below the 30 a day the floor asks.
    assert warnings_of(plan) == [
        "plan.yaml:5:25: warning: reps[0].quota: A's quota needs 20 Dials in the whole period, "
        "less than one day's floor of 30: is the quota (or the floor) a typo?"
    ]


def test_a_need_just_below_the_floor_is_not_shown_rounded_up_to_it() -> None:
    # 1,170 / 60 = 19.5 dials in the month, below a floor of 20 a day: "19.5", not "20".
    plan = f"""
        period: 2026-03
        target: 1170
        floors: {{dials: 20}}
        {DOMAIN_RATES}
        reps: [{{name: A, quota: 1170}}]
    """
    assert warnings_of(plan) == [
        "plan.yaml:5:25: warning: reps[0].quota: A's quota needs 19.5 Dials in the whole "
        "period, less than one day's floor of 20: is the quota (or the floor) a typo?"
    ]


def test_a_floor_above_capacity_offers_no_way_out_that_cannot_work() -> None:
    """The floor of 200 asks more than the capacity of 150 whatever the quota: that is
    said once, by the floor's warning, not as a quota or a rate that would fit."""
    plan = f"""
        period: 2026-03
        target: 60000
        capacity: {{dials: 150}}
        floors: {{dials: 200}}
        {DOMAIN_RATES}
        reps: [{{name: A}}]
    """
    assert warnings_of(plan) == [
        "plan.yaml:4:17: warning: floors.dials: the floor of 200 Dials a day is above the "
        "capacity of 150: no day can meet both"
    ]
    assert not rep_fit(breakdown_of(plan).reps[0]).feasible


def test_shaped_days_over_capacity_with_days_enough_and_the_headcount() -> None:
    """The shaped quarter of the test by hand below: 64 working days, a March day's share
    1.5/65. A quota of 400,000 needs 6,666.67 dials: over the 150 a March day holds
    (153.85), although 64 days at 150 hold 9,600: no extra day is called for. A
    full-pace rep holds 150 x 65 / 1.5 = 6,500 dials over the 64 days = 390,000."""
    plan = f"""
        period: 2026-Q1
        target: 1000000
        seasonality: {{1: 1, 2: 0.5, 3: 1.5}}
        capacity: {{dials: 150}}
        {DOMAIN_RATES}
        reps: [{{name: A, quota: 400000}}, {{name: B}}]
    """
    warnings = warnings_of(plan)
    assert (
        "plan.yaml:6:8: warning: reps[0]: A needs 154 Dials on the busiest day, more "
        "than the capacity of 150 a day; it fits with a quota of 390,000, or Dials → "
        "Connects at 0.4103 (now 0.4), or with the days weighing more evenly"
    ) in warnings
    fit = team_fit(breakdown_of(plan))
    assert fit.per_rep == 390000 and fit.average_days == 64
    # Reachable: 390,000 each; short of 1,000,000 by 220,000 = 0.56 of a rep: 1 more.
    assert fit.reachable == 780000 and fit.headcount == 1


def test_floors_and_capacity_name_stages_below_the_result() -> None:
    plan = f"""
        period: 2026-03
        target: 100000
        floors: {{revenue: 1000, visits: 8}}
        {DOMAIN_RATES}
        reps: [{{name: A, capacity: {{dial: 150}}}}]
    """
    assert errors_of(plan) == [
        "plan.yaml:3:10: floors.revenue: 'revenue' is the result; floors and capacity are "
        "daily amounts of the stages below it: pipeline, intents, deep_talks, connects, dials",
        "plan.yaml:3:25: floors.visits: no stage named 'visits'; the stages are pipeline, "
        "intents, deep_talks, connects, dials",
        "plan.yaml:5:29: reps[0].capacity.dial: no stage named 'dial'; the stages are "
        "pipeline, intents, deep_talks, connects, dials",
    ]
    assert errors_of(plan.replace("1000", "1.5"))[0] == (
        "plan.yaml:3:19: floors.revenue: must be a whole number, got 1.5"
    )


def test_a_floor_above_capacity_is_a_warning() -> None:
    plan = f"""
        period: 2026-03
        target: 100000
        floors: {{dials: 100}}
        capacity: {{dials: 150}}
        {DOMAIN_RATES}
        reps: [{{name: A, capacity: {{dials: 90}}}}, {{name: B, floors: {{dials: 200}}}}]
    """
    assert [w for w in warnings_of(plan) if "floor of" in w] == [
        "plan.yaml:6:36: warning: reps[0].capacity.dials: the floor of 100 Dials a day is above "
        "the capacity of 90: no day can meet both",
        "plan.yaml:6:68: warning: reps[1].floors.dials: the floor of 200 Dials a day is above "
        "the capacity of 150: no day can meet both",
    ]


# --- invariants ----------------------------------------------------------------------


def _decimal(value: Fraction) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    assert Fraction(exact) == value
    return f"{exact:f}"


@settings(max_examples=40, deadline=None)
@given(
    capacity=st.integers(1, 400),
    month=st.integers(1, 12),
    pipeline=st.integers(5, 90),
    arpu=st.integers(100, 50000),
    deep=st.integers(1, 100),
    connects=st.integers(1, 100),
    dials=st.integers(1, 100),
    also_connects=st.booleans(),
)
def test_a_plan_at_exactly_its_reach_is_feasible_and_one_unit_more_is_not(
    capacity: int,
    month: int,
    pipeline: int,
    arpu: int,
    deep: int,
    connects: int,
    dials: int,
    also_connects: bool,
) -> None:
    limits = f"{{dials: {capacity}" + (
        f", connects: {capacity // 3 + 1}}}" if also_connects else "}"
    )
    plan = f"""
        period: 2026-{month:02d}
        target: TARGET
        capacity: {limits}
        rates:
          {{pipeline: {pipeline}%, intents: {arpu}, deep_talks: {deep}%,
            connects: {connects}%, dials: {dials}%}}
        reps: [{{name: A}}]
    """
    first = breakdown_of(plan.replace("TARGET", "1000"))
    most = rep_fit(first.reps[0]).reach
    assert most is not None and most > 0
    at = breakdown_of(plan.replace("TARGET", _decimal(most)))
    assert at.reps[0].quota == most
    assert rep_fit(at.reps[0]).feasible
    above = breakdown_of(plan.replace("TARGET", _decimal(most + 1)))
    assert not rep_fit(above.reps[0]).feasible


def test_the_call_team_example_shows_an_infeasible_rep_and_the_ways_out() -> None:
    from tests.conftest import EXAMPLES

    example = str(EXAMPLES / "call-team-2026-04.yaml")
    assert invoke("check", example, "--strict").exit_code == 0  # the plan itself fits
    pushed = invoke("plan", example, "--scenario", "push", "--rep", "张伟", "--strict")
    assert pushed.exit_code == 1
    assert (
        "call-team-2026-04.yaml:25:5: warning: reps[0]: 张伟 needs 170 Dials on the busiest day, "
        "more than the capacity of 150 a day; it fits with a quota of 212,625, or Dials → "
        "Connects at 0.508 (now 0.45), or 3 more working days"
    ) in pushed.stderr
    assert "✗ 张伟: 170 Dials on the busiest day, above the capacity of 150" in pushed.stdout


@settings(max_examples=40, deadline=None)
@given(
    capacity=st.integers(1, 400),
    weights=st.lists(
        st.sampled_from(["0.5", "0.8", "1", "1.2", "1.5", "2"]), min_size=3, max_size=3
    ),
    ramp=st.sampled_from(["", "ramp: [50%]", "ramp: [25%, 75%]"]),
    cycle=st.sampled_from(["", "cycle: 5"]),
    buffer=st.sampled_from(["", "buffer: 10%"]),
    arpu=st.integers(100, 50000),
    dials=st.integers(1, 100),
)
def test_shaped_days_at_exactly_the_reach_fit_and_one_unit_more_does_not(
    capacity: int, weights: list[str], ramp: str, cycle: str, buffer: str, arpu: int, dials: int
) -> None:
    """The same property as above when the days weigh differently (seasonality, a ramping
    hire, a sales cycle, a buffer): the busiest day is judged on its exact need."""
    season = ", ".join(f"{m}: {w}" for m, w in zip((1, 2, 3), weights, strict=True))
    plan = f"""
        period: 2026-Q1
        target: TARGET
        seasonality: {{{season}}}
        {ramp}
        {cycle}
        {buffer}
        capacity: {{dials: {capacity}}}
        rates:
          {{pipeline: 30%, intents: {arpu}, deep_talks: 20%, connects: 25%, dials: {dials}%}}
        reps: [{{name: A, hired: 2026-01-05}}]
    """
    first = breakdown_of(plan.replace("TARGET", "1000"))
    most = rep_fit(first.reps[0]).reach
    assert most is not None and most > 0
    # A reach that no decimal writes (a buffer divides by 1.1) is written to 6 places,
    # rounded down: still within reach; one unit more, rounded up, is not.
    written = Fraction(math.floor(most * 10**6), 10**6)
    at = breakdown_of(plan.replace("TARGET", _decimal(written)))
    assert at.reps[0].quota == written
    assert rep_fit(at.reps[0]).feasible
    k = len(at.reps[0].stages) - 1  # no day's target is above the busiest day's need
    assert max(day[k] for day in at.reps[0].day_targets()) <= at.reps[0].peak(k) <= capacity
    above = breakdown_of(plan.replace("TARGET", _decimal(math.ceil(most) + 1)))
    assert not rep_fit(above.reps[0]).feasible


def test_the_busiest_day_of_a_shaped_quarter_by_hand() -> None:
    """Q1 2026, no country: January 22 working days weighing 1, February 20 weighing
    0.5, March 22 weighing 1.5: the days weigh 22 + 10 + 33 = 65 and a March day's
    share of the quarter is 1.5/65. At 60 of revenue a dial (DOMAIN's
    rates), 150 dials a day on a March day carry 150 x 65 / 1.5 x 60 = 390,000."""
    plan = f"""
        period: 2026-Q1
        target: TARGET
        seasonality: {{1: 1, 2: 0.5, 3: 1.5}}
        capacity: {{dials: 150}}
        {DOMAIN_RATES}
        reps: [{{name: A}}]
    """
    at = breakdown_of(plan.replace("TARGET", "390000"))
    assert rep_fit(at.reps[0]).reach == 390000
    assert at.reps[0].peak(5) == 150 and rep_fit(at.reps[0]).feasible
    # One more unit of revenue: a March day needs 150.0004 dials, which is over.
    above = breakdown_of(plan.replace("TARGET", "390001"))
    assert above.reps[0].peak(5) == 151 and not rep_fit(above.reps[0]).feasible
    # No day's whole-unit target shows more than 150 yet: the warning says the exact need,
    # 390,001 / 60 x 1.5 / 65 = 150.0004, rounded up to as few decimals as show it over.
    assert max(day[5] for day in above.reps[0].day_targets()) == 150
    assert any(
        "A needs 150.1 Dials on the busiest day, more than the capacity of 150 a day" in w
        for w in warnings_of(plan.replace("TARGET", "390001"))
    )

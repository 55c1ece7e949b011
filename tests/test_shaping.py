"""Plans shaped in time (issue 9): seasonality, ramp-up, carve-out, buffer, sales cycle,
months. Numbers checked by hand."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goalsplit.card import day_card
from goalsplit.cli import app
from goalsplit.funnel import ceil_fraction
from goalsplit.track import Actuals, track
from goalsplit.worked import work_out
from tests.conftest import breakdown_of, dedent, errors_of, warnings_of

RATES = "rates: {pipeline: 0.30, intents: 10000, deep_talks: 0.20, connects: 0.25, dials: 0.40}"

# 2026-Q1 on the CN calendar: January 21 working days (New Year 01-01..03 off, Sunday
# 01-04 worked), February 16 (Spring Festival 02-15..23 off, Saturdays 02-14 and 02-28
# worked), March 22. Seasonality 1 / 0.5 / 1.5 weighs them 21 + 8 + 33 = 62.
QUARTER = f"""
    period: 2026-Q1
    calendar: {{country: CN}}
    target: 620000
    seasonality: {{1: 1, 2: 0.5, 3: 1.5}}
    {RATES}
    reps:
      - name: Ann
"""


def test_a_quarter_with_seasonality_on_the_cn_calendar() -> None:
    breakdown = breakdown_of(QUARTER)
    ann = breakdown.reps[0]
    assert breakdown.week_working_days(ann.month_ends) == [21, 16, 22]
    assert ann.weights.total == 62
    # 10,000 per unit of weight: January 21 x 1, February 16 x 0.5, March 22 x 1.5.
    assert [m[0] for m in ann.month_targets()] == [210_000, 80_000, 330_000]
    days = dict(zip(ann.days, ann.day_targets(), strict=True))
    assert days[date(2026, 1, 5)][0] == 10_000
    assert days[date(2026, 2, 2)][0] == 5_000
    assert days[date(2026, 2, 14)][0] == 5_000  # a make-up Saturday is a February day
    assert days[date(2026, 3, 2)][0] == 15_000
    # Dials: 620,000 / 0.3 / 10,000 / 0.2 / 0.25 / 0.4 = 10,333.3 -> per unit of weight
    # 166.67: January ceil(3,500) = 3,500, through February ceil(4,833.3) = 4,834.
    assert [m[-1] for m in ann.month_targets()] == [3_500, 1_334, 5_500]
    assert ann.totals()[-1] == ceil_fraction(Fraction(620_000, 60)) == 10_334


def test_months_and_weeks_cut_the_same_days() -> None:
    ann = breakdown_of(QUARTER).reps[0]
    for stage, days, weeks, months in zip(
        ann.stages, ann.day_columns(), ann.week_columns(), ann.month_columns(), strict=True
    ):
        assert sum(days) == sum(weeks) == sum(months) == ceil_fraction(stage.required)
        cut = [0, *ann.month_ends]
        assert months == [sum(days[a:b]) for a, b in pairwise(cut)]


def test_track_and_the_card_read_the_day_weights() -> None:
    breakdown = breakdown_of(QUARTER)
    ann = breakdown.reps[0]
    # As of the end of January the plan asked for January's 210,000, not 21/59 of the
    # quarter's 620,000.
    actuals = Actuals(tuple(s.name for s in breakdown.stages))
    actuals.add("Ann", date(2026, 1, 30), [210_000, 0, 0, 0, 0, 0])
    report = track(breakdown, actuals, date(2026, 1, 31))
    result = report.reps[0].result
    assert result.planned == 210_000
    # On plan: what is left (410,000) spread over the days left as they weigh
    # (February days 0.5, March days 1.5: 41 units): the next day is a February one.
    assert result.remaining == 410_000
    assert result.next_day == 5_000
    card = day_card(breakdown, ann, date(2026, 2, 24))
    assert card.month is not None and card.month.label == "2026-02"
    assert card.month_targets[0] == 80_000
    # 02-24 is February's 12th working day: 5 days left (with Saturday 02-28), 5,000 each.
    assert card.month_remaining_working_days == 5
    assert card.month_left[0] == 25_000
    assert card.targets[0] == 5_000


def test_a_ramping_hire_carries_less_in_the_ratio_of_day_weights() -> None:
    # Both join on 2026-02-02 with the same weight: 38 working days each. The hire's
    # first month of tenure (02-02..03-01, 16 working days) counts half: 8 + 22 = 30.
    breakdown = breakdown_of(
        f"""
        period: 2026-Q1
        calendar: {{country: CN}}
        target: 680000
        ramp: [50%]
        {RATES}
        reps:
          - name: Hire
            start: 2026-02-02
          - name: Pro
            start: 2026-02-02
            ramp: none
        """
    )
    hire, pro = breakdown.reps
    assert hire.working_days == pro.working_days == 38
    assert (hire.weights.total, pro.weights.total) == (30, 38)
    assert (hire.quota, pro.quota) == (300_000, 380_000)
    assert hire.quota / pro.quota == Fraction(30, 38)
    # The hire's February days are worth half of March's: 5,000 then 10,000.
    days = dict(zip(hire.days, hire.day_targets(), strict=True))
    assert days[date(2026, 2, 2)][0] == 5_000 and days[date(2026, 3, 2)][0] == 10_000


def test_hired_before_the_period_ramps_on_into_it() -> None:
    # Hired 2025-12-15 with ramp [25%, 50%]: tenure month 2 runs 2026-01-15..02-14.
    breakdown = breakdown_of(
        f"""
        period: {{start: 2026-01-12, end: 2026-02-20}}
        target: 1000
        ramp: [25%, 50%]
        {RATES}
        reps:
          - name: Hire
            hired: 2025-12-15
        """
    )
    hire = breakdown.reps[0]
    # 01-12..01-14: 3 days x 1/4; 01-15..02-13: 22 weekdays x 1/2; 02-16..02-20: 5 x 1.
    assert hire.weights.total == Fraction(3, 4) + 11 + 5
    assert hire.start == date(2026, 1, 12)


def test_hired_inside_the_period_without_start_starts_then() -> None:
    breakdown = breakdown_of(
        f"""
        period: 2026-03
        target: 1000
        ramp: [50%]
        {RATES}
        reps:
          - name: Hire
            hired: 2026-03-16
          - name: Old
        """
    )
    hire = breakdown.reps[0]
    assert hire.start == date(2026, 3, 16) and hire.working_days == 12
    assert hire.weights.total == 6


def test_a_carve_out_is_taken_off_before_decomposing() -> None:
    breakdown = breakdown_of(
        f"""
        period: 2026-Q1
        target: 4000000
        stretch: 1.1
        carve_out:
          - {{name: New product line, amount: 500000, owner: Ann}}
        {RATES}
        reps:
          - name: Ann
          - name: Ben
        """
    )
    assert breakdown.carved == 500_000
    assert breakdown.decomposed == 3_500_000
    assert breakdown.allocated == 3_500_000 * Fraction(11, 10)
    assert [rep.quota for rep in breakdown.reps] == [1_925_000, 1_925_000]


def test_a_buffer_runs_ahead_of_even_pace_and_finishes_before_the_last_week() -> None:
    breakdown = breakdown_of(
        f"""
        period: 2026-Q2
        target: 600000
        buffer: 10%
        {RATES}
        reps:
          - name: Ann
        """
    )
    ann = breakdown.reps[0]
    n = ann.working_days
    last_week_start = breakdown.weeks[-1].start
    for stage, days in zip(ann.stages, ann.day_columns(), strict=True):
        running = 0
        for k, target in enumerate(days, 1):
            running += target
            assert running >= stage.required * k / n  # never behind even pace
            assert running >= min(stage.required, stage.required * k * Fraction(11, 10) / n)
        assert running == ceil_fraction(stage.required)
    assert ann.full_by is not None and ann.full_by < last_week_start
    # 65 working days: the full requirement by day ceil(65 / 1.1) = 60.
    assert ann.weights.full_on == 60
    assert ann.full_by == ann.days[59]


def test_a_sales_cycle_leads_the_activity_by_about_half_a_month() -> None:
    breakdown = breakdown_of(
        f"""
        period: 2026-Q2
        target: 600000
        seasonality: {{4: 1, 5: 2, 6: 3}}
        cycle: 10
        {RATES}
        reps:
          - name: Ann
        """
    )
    ann = breakdown.reps[0]
    months = ann.month_targets()
    revenue = [m[0] / ann.totals()[0] for m in months]
    dials = [m[-1] / ann.totals()[-1] for m in months]
    # Rising seasonality: the dials come earlier than the revenue they produce.
    assert dials[0] > revenue[0] and dials[2] < revenue[2]
    # Each month's dials are the revenue weight of the same days ten working days
    # later (half a month; the period's last weight goes on after its end). 2026-Q2
    # has 22, 21 and 22 working days: April's dials weigh 12 x 1 + 10 x 2 = 32, May's
    # 11 x 2 + 10 x 3 = 52, June's 12 x 3 + 10 x 3 = 66, of 150.
    required = ann.stages[-1].required
    for month, share in zip(months, (32, 52, 66), strict=True):
        assert abs(month[-1] - required * share / 150) <= 1
    # Period totals do not change; the pipeline open on day one is that of the first
    # ten days' revenue: 10 April days of weight 1 of 22 + 2 x 21 + 3 x 22 = 130.
    assert ann.totals()[-1] == ceil_fraction(required)
    opening = ann.opening
    assert opening is not None
    assert opening[0] == ceil_fraction(Fraction(600_000 * 10 * 10, 3 * 130)) == 153_847


def test_seasonality_changes_the_allocation_by_when_reps_work() -> None:
    # Ann works all of Q2, Ben only June (weight 3): 22 + 2 x 21 + 3 x 22 = 130 vs 66.
    breakdown = breakdown_of(
        f"""
        period: 2026-Q2
        target: 196000
        seasonality: {{4: 1, 5: 2, 6: 3}}
        {RATES}
        reps:
          - name: Ann
          - name: Ben
            start: 2026-06-01
        """
    )
    assert [rep.weights.total for rep in breakdown.reps] == [130, 66]
    assert [rep.quota for rep in breakdown.reps] == [130_000, 66_000]


def test_no_shaping_keys_change_nothing() -> None:
    plain = breakdown_of(QUARTER.replace("seasonality: {1: 1, 2: 0.5, 3: 1.5}", ""))
    ones = breakdown_of(QUARTER.replace("{1: 1, 2: 0.5, 3: 1.5}", "{1: 1}"))
    a, b = plain.reps[0], ones.reps[0]
    assert a.day_columns() == b.day_columns() and a.quota == b.quota
    assert list(a.weights.result) == list(range(a.working_days + 1))


# -- warnings and errors --------------------------------------------------------------

YEAR = dedent(
    f"""
    period: 2026
    target: 1000000
    {RATES}
    reps:
      - name: Ann
    """
)


def test_a_year_bet_on_its_last_quarter_is_warned_without_a_buffer() -> None:
    heavy = YEAR + "seasonality: {10: 3, 11: 3, 12: 3}\n"
    warnings = warnings_of(heavy)
    assert any("falls in its last quarter (2026-10 to 2026-12)" in w for w in warnings)
    assert any(w.startswith("plan.yaml:6:") for w in warnings)  # at seasonality:
    assert not warnings_of(heavy + "buffer: 5%\n")
    assert not warnings_of(YEAR)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("seasonality: {13: 1}", "plan.yaml:6:15: seasonality.13: '13' is not a month"),
        ("seasonality: {2: 0}", "plan.yaml:6:18: seasonality.2: must be greater than 0, got 0"),
        ("seasonality: {2: -1}", "plan.yaml:6:18: seasonality.2: must be greater than 0"),
        ("seasonality: history", "plan.yaml:6:14: seasonality: 'history' needs a history: file"),
        ("ramp: [50%, 150%]", "plan.yaml:6:13: ramp[1]: a ramp step is at most 100%"),
        ("ramp: [50%, 25%]", "plan.yaml:6:13: ramp[1]: a ramp rises month by month: 25% comes"),
        ("ramp: sometimes", "plan.yaml:6:7: ramp: must be 'none', got 'sometimes'"),
        ("buffer: 150%", "plan.yaml:6:9: buffer: a buffer is at most 100%, got 150%"),
        ("cycle: 300", "plan.yaml:6:8: cycle: a sales cycle of 300 working days is as long"),
        ("cycle: -1", "plan.yaml:6:8: cycle: must be at least 0, got -1"),
        (
            "carve_out: [{name: X, amount: 600000}, {name: Y, amount: 500000}]",
            "plan.yaml:6:58: carve_out[1].amount: the carve-outs add up to 1,100,000, leaving "
            "nothing of the target 1,000,000 to decompose",
        ),
        (
            "carve_out: [{name: X, amount: 1, owner: Nobody}]",
            "plan.yaml:6:41: carve_out[0].owner: no rep named 'Nobody' in the plan",
        ),
    ],
)
def test_bad_shaping_is_a_located_error(extra: str, expected: str) -> None:
    errors = errors_of(YEAR + extra + "\n")
    assert any(e.startswith(expected) for e in errors), errors


def test_bad_rep_shaping_is_a_located_error() -> None:
    errors = errors_of(
        YEAR
        + "  - {name: Ben, hired: 2027-01-04}\n"
        + "  - {name: Cy, start: 2026-03-02, hired: 2026-04-01}\n"
        + "  - {name: Di, cycle: 400}\n"
    )
    assert errors == [
        "plan.yaml:6:24: reps[1].hired: hired 2027-01-04 is after the rep's last day in the "
        "period, 2026-12-31",
        "plan.yaml:7:42: reps[2].hired: hired 2026-04-01 is after start 2026-03-02: a rep "
        "starts on the day they are hired or later",
        "plan.yaml:8:23: reps[3].cycle: a sales cycle of 400 working days is as long as the "
        "period or longer (261 working days)",
    ]


# -- seasonality: history -------------------------------------------------------------


def test_seasonality_from_history(tmp_path: Path) -> None:
    # Monthly history of 2025 for January to March only, weekends off (no country):
    # January 2025 has 23 working days, February 20, March 21.
    (tmp_path / "past.csv").write_text(
        "rep,month,revenue,pipeline,intents,deep_talks,connects,dials\n"
        "Ann,2025-01,23000,1,1,1,1,1\n"
        "Ann,2025-02,10000,1,1,1,1,1\n"
        "Ann,2025-03,42000,1,1,1,1,1\n",
        encoding="utf-8",
    )
    (tmp_path / "plan.yaml").write_text(
        dedent(
            f"""
            period: 2026-Q1
            target: 100000
            history: past.csv
            seasonality: history
            {RATES}
            reps:
              - name: Ann
            """
        ),
        encoding="utf-8",
    )
    worked = work_out(tmp_path / "plan.yaml")
    breakdown = worked.breakdown
    assert breakdown is not None, worked.issues
    # Revenue per working day 1,000, 500, 2,000: mean 3,500 / 3; normalised 6/7, 3/7, 12/7.
    assert breakdown.season_source == "history"
    assert breakdown.season is not None
    assert breakdown.season[:3] == (Fraction(6, 7), Fraction(3, 7), Fraction(12, 7))
    assert breakdown.season[3:] == (1,) * 9
    notes = [str(issue) for issue in worked.issues]
    assert any("the history has no revenue for months 4, 5, 6, 7, 8, 9" in n for n in notes)


# -- reports ---------------------------------------------------------------------------


def test_json_reports_the_shaping(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        dedent(
            f"""
            period: 2026-Q1
            target: 4000000
            carve_out: [{{name: New line, amount: 500000}}]
            seasonality: {{2: 50%}}
            ramp: [50%]
            buffer: 10%
            cycle: 5
            {RATES}
            reps:
              - name: Ann
              - name: Ben
                start: 2026-02-02
            """
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["plan", str(plan), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["target"] == 4_000_000 and doc["decomposed"] == 3_500_000
    assert doc["carve_out"] == {
        "total": 500_000,
        "items": [{"name": "New line", "amount": 500_000, "owner": None}],
    }
    assert doc["seasonality"]["weights"]["2"] == 0.5 and doc["seasonality"]["source"] == "plan"
    assert doc["buffer"] == 0.1 and doc["cycle"] == 5 and doc["ramp"] == [0.5]
    ann, ben = doc["reps"]
    assert "ramp" not in ann and ben["ramp"] == {"hired": "2026-02-02", "steps": [0.5]}
    assert [m["month"] for m in ann["months"]] == ["2026-01", "2026-02", "2026-03"]
    assert sum(m["targets"]["dials"] for m in ann["months"]) == ann["stages"]["dials"]["total_ceil"]
    assert set(ann["opening"]) == {"pipeline", "intents", "deep_talks", "connects", "dials"}
    assert doc["opening"]["dials"] == ann["opening"]["dials"] + ben["opening"]["dials"]
    assert ann["full_by"] < "2026-03-31"


def test_plan_by_week_or_month() -> None:
    runner = CliRunner()
    year = str(Path(__file__).parent.parent / "examples" / "east-1-2026.yaml")
    by_month = runner.invoke(app, ["plan", year, "--rep", "李娜"]).stdout
    assert "2026-11" in by_month and "W47" not in by_month
    by_week = runner.invoke(app, ["plan", year, "--rep", "李娜", "--by", "week"]).stdout
    assert "W47" in by_week and "2026-11 " not in by_week


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_starters_shaping_examples_work_when_uncommented(lang: str) -> None:
    from goalsplit.starter import starter_plan
    from goalsplit.worked import work_out_text

    text = starter_plan("2026", lang, "plan.yaml")
    keys = ("seasonality:", "ramp:", "carve_out:", "buffer:", "cycle:")
    for key in keys:
        assert f"\n# {key}" in text
        text = text.replace(f"\n# {key}", f"\n{key}")
    text = text.replace("  # - name:", "  - name:").replace("  #   ", "    ")
    worked = work_out_text(text)
    assert worked.breakdown is not None, [str(i) for i in worked.issues]
    breakdown = worked.breakdown
    assert breakdown.season is not None and breakdown.buffer and breakdown.carve_outs
    assert any(rep.shaping.ramp for rep in breakdown.reps)


def test_a_bad_shaping_key_exits_3(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(YEAR + "seasonality: {13: 1}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(plan)])
    assert result.exit_code == 3
    assert "seasonality.13: '13' is not a month" in result.stderr

"""goalsplit track: plan against actuals, catch-up, quantity/quality diagnosis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goalsplit.cli import app
from tests.conftest import EXAMPLES, dedent

# The DOMAIN.md example: 20 working days (2026-03-02..27, no public holidays),
# quota 30,000 -> 100,000 pipeline -> 10 intents -> 50 deep talks -> 200 connects -> 500 dials.
PLAN = """
    period: {start: 2026-03-02, end: 2026-03-27}
    target: 30000
    rates: {pipeline: 0.30, intents: 10000, deep_talks: 0.20, connects: 0.25, dials: 0.40}
    reps:
      - name: Ann
      - name: Ben
        leave: [2026-03-16..2026-03-27]
"""
HEADER = "date,rep,revenue,pipeline,intents,deep_talks,connects,dials\n"


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def setup(tmp_path: Path, plan: str, actuals: str) -> tuple[Path, Path]:
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(dedent(plan), encoding="utf-8")
    actuals_path = tmp_path / "actuals.csv"
    actuals_path.write_text(HEADER + dedent(actuals), encoding="utf-8")
    return plan_path, actuals_path


def track_json(plan: Path, actuals: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    result = invoke("track", str(plan), "--actuals", str(actuals), "-f", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_catch_up_checked_by_hand(tmp_path: Path) -> None:
    # Two reps with 20 and 10 working days share 60,000: Ann 40,000, Ben 20,000 (x 1.0).
    # Ann, after 10 days (to 03-13), sold 10,000 and made 240 dials.
    plan, actuals = setup(
        tmp_path,
        PLAN.replace("target: 30000", "target: 60000"),
        """
        2026-03-02,Ann,10000,40000,4,20,80,240
        2026-03-13,Ben,0,0,0,0,0,0
    """,
    )
    doc = track_json(plan, actuals, "--as-of", "2026-03-13")
    ann = doc["reps"][0]
    assert ann["quota"] == 40000.0 and ann["elapsed_days"] == 10
    # Planned to date, 10 of 20 days: half of 40,000, and of 666.67 dials, ceil(333.33).
    assert ann["stages"]["revenue"]["planned_to_date"] == 20000
    assert ann["stages"]["dials"]["planned_to_date"] == 334
    assert ann["stages"]["revenue"]["gap"] == -10000.0
    assert ann["stages"]["revenue"]["pct"] == 50.0
    # Remaining revenue 30,000 over 10 days: 3,000 a day; 100,000 pipeline, 10 intents,
    # 50 deep talks, 200 connects, 500 dials: 50 dials a day.
    catch_up = ann["catch_up"]
    assert catch_up["remaining_days"] == 10
    assert catch_up["remaining"]["revenue"] == 30000.0
    assert catch_up["remaining"]["pipeline"] == 100000.0
    assert catch_up["remaining"]["dials"] == 500.0
    assert catch_up["per_day"]["revenue"] == 3000.0
    assert catch_up["per_day"]["dials"] == 50.0
    assert catch_up["next_day"]["dials"] == 50
    assert catch_up["original_per_day"]["revenue"] == 2000.0
    assert ann["status"] == "behind"
    assert ann["classification"] == "quantity"  # 240 of 334 dials


def test_a_rep_with_no_actuals(tmp_path: Path) -> None:
    plan, actuals = setup(tmp_path, PLAN, "2026-03-06,Ann,7500,25000,3,13,50,125\n")
    ben = track_json(plan, actuals)["reps"][1]
    assert ben["stages"]["revenue"]["actual_to_date"] == 0.0
    assert ben["stages"]["revenue"]["planned_to_date"] == 5000  # 5 of Ben's 10 days
    assert ben["status"] == "behind"
    assert ben["catch_up"]["remaining"]["revenue"] == ben["quota"]
    assert ben["catch_up"]["remaining_days"] == 5


def test_a_rep_on_leave_for_the_rest_of_the_period(tmp_path: Path) -> None:
    # Ben is on leave from 03-16: on 03-20 he has no days left and has sold 6,000 of 10,000.
    plan, actuals = setup(tmp_path, PLAN, "2026-03-13,Ben,6000,20000,2,10,40,100\n")
    ben = track_json(plan, actuals, "--as-of", "2026-03-20")["reps"][1]
    assert ben["catch_up"]["remaining_days"] == 0
    assert ben["catch_up"]["per_day"] is None
    assert ben["catch_up"]["missed_by"] == 4000.0
    text = invoke(
        "track", str(plan), "-a", str(actuals), "--as-of", "2026-03-20", "-r", "Ben", "--lang", "en"
    ).stdout
    assert "No working days left: the quota was missed by 4,000." in text


def test_quantity_and_quality_are_told_apart(tmp_path: Path) -> None:
    # Quotas: Ann 20,000 (20 days), Ben 10,000 (10 days). After 5 days the plan asks
    # Ann for 84 dials (of 333.33) and Ben for 84 (of 166.67).
    # Ann dialled enough but connects only 20 % (plan 40 %): quality, at dials -> connects.
    # Ben dialled 62 of 84: quantity.
    plan, actuals = setup(
        tmp_path,
        PLAN,
        """
        2026-03-06,Ann,1500,5000,1,5,26,130
        2026-03-06,Ben,3750,12500,1,6,25,62
    """,
    )
    doc = track_json(plan, actuals)
    ann, ben = doc["reps"]
    assert ann["classification"] == "quality"
    assert ann["weakest_stage"] == "dials"
    assert ann["rates"]["dials"] == {
        "actual": 0.2,
        "planned": 0.4,
        "team": pytest.approx(51 / 192),
        "sample": 130.0,
        "judged": True,
        # 130 dials x (0.4 - 0.2) = 26 connects short, each worth 0.25 x 0.2 x 10,000 x 0.3
        # = 150 of revenue at the planned rates above.
        "revenue_lost": 3900.0,
    }
    # The rest of the period at 0.2 instead of 0.4 connects per dial costs, for the
    # remaining 18,500 of revenue (61,666.67 pipeline, 6.17 intents, 30.83 deep talks,
    # 123.33 connects): 123.33 / 0.2 - 123.33 / 0.4 = 308.33 more dials.
    connects = 18500 / 0.3 / 10000 / 0.2 / 0.25
    assert ann["extra_activity"] == pytest.approx(connects / 0.2 - connects / 0.4)
    assert ann["extra_activity"] == pytest.approx(308.33, abs=0.01)
    assert ben["classification"] == "quantity"
    assert doc["team"]["reps_by_status"]["behind"] == ["Ann", "Ben"]  # 30 % and 75 % of plan


def test_small_samples_are_not_judged(tmp_path: Path) -> None:
    plan, actuals = setup(tmp_path, PLAN, "2026-03-02,Ann,1500,5000,1,5,2,25\n")
    ann = track_json(plan, actuals)["reps"][0]
    assert ann["rates"]["dials"]["judged"] is False  # 25 dials < 30
    assert ann["classification"] == "on track"


def test_ahead_gets_a_projection_and_the_next_tier(tmp_path: Path) -> None:
    # 5 of 20 days, 9,000 sold of a 20,000 quota: pace 36,000 = 180 % -> past the benchmark.
    # With 6,000 sold: 24,000 = 120 % -> high performer reached, offer benchmark (30,000).
    plan, actuals = setup(tmp_path, PLAN, "2026-03-06,Ann,6000,20000,2,10,40,130\n")
    ann = track_json(plan, actuals)["reps"][0]
    assert ann["status"] == "ahead"
    assert ann["projection"] == {
        "revenue": 24000.0,
        "attainment": 120.0,
        "tier": "high performer",
        "suggested": 30000.0,
        "suggested_tier": "benchmark",
    }


def test_fail_behind_exit_codes(tmp_path: Path) -> None:
    plan, actuals = setup(
        tmp_path,
        PLAN,
        """
        2026-03-06,Ann,4000,5000,1,5,26,130
        2026-03-06,Ben,2500,12500,1,6,25,62
    """,
    )
    # Ann: 4,000 of 5,000 planned (80 %); Ben: 2,500 of 5,000 (50 %).
    failed = invoke("track", str(plan), "-a", str(actuals), "--fail-behind", "60")
    assert failed.exit_code == 1
    assert "Ben (50%)" in failed.stderr and "Ann" not in failed.stderr
    assert invoke("track", str(plan), "-a", str(actuals), "--fail-behind", "50").exit_code == 0
    assert invoke("track", str(plan), "-a", str(actuals), "--fail-behind", "81").exit_code == 1


def test_bad_actuals(tmp_path: Path) -> None:
    plan, actuals = setup(
        tmp_path,
        PLAN,
        """
        2026-03-02,Ann,1,1,1,1,1,x
        2026-04-01,Ann,1,1,1,1,1,1
        2026-03-03,Zed,1,1,1,1,1,1
    """,
    )
    result = invoke("track", str(plan), "-a", str(actuals))
    assert result.exit_code == 3
    assert f"{actuals}:2:8: dials: 'x' is not a number" in result.stderr
    assert "2026-04-01" not in result.stderr  # a row after the period is a note, not an error
    actuals.write_text(HEADER + "2026-03-03,Zed,1,1,1,1,1,1\n", encoding="utf-8")
    noted = invoke("track", str(plan), "-a", str(actuals))
    assert noted.exit_code == 0
    assert "1 rep is not in the plan and was left out: Zed" in noted.stderr
    early = invoke("track", str(plan), "-a", str(actuals), "--as-of", "2026-03-01")
    assert early.exit_code == 2
    missing = invoke("track", str(plan), "-a", str(tmp_path / "none.csv"))
    assert missing.exit_code == 2


def test_any_subset_of_stage_columns(tmp_path: Path) -> None:
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(dedent(PLAN), encoding="utf-8")
    actuals = tmp_path / "a.csv"
    actuals.write_text(
        "日期,销售,外呼,外呼接通\n2026-03-02,Ann,30,12\n2026-03-02,Ann,5,2\n", encoding="utf-8"
    )
    ann = track_json(plan_path, actuals)["reps"][0]
    assert ann["stages"]["dials"]["actual_to_date"] == 35.0
    assert ann["stages"]["revenue"]["actual_to_date"] is None
    assert ann["rates"]["dials"]["actual"] == 0.4
    assert ann["rates"]["deep_talks"] is None


EXAMPLE = [str(EXAMPLES / "east-1-q1.yaml"), "--actuals", str(EXAMPLES / "east-1-q1-actuals.csv")]


def test_example_has_a_rep_ahead_one_behind_on_quantity_one_on_quality() -> None:
    doc = json.loads(invoke("track", *EXAMPLE, "-f", "json").stdout)
    reps = {rep["name"]: rep for rep in doc["reps"]}
    assert doc["as_of"] == "2026-02-13"
    assert reps["张伟"]["status"] == "ahead"
    assert reps["刘洋"]["classification"] == "quantity"
    assert reps["李娜"]["classification"] == "quality"
    assert reps["李娜"]["weakest_stage"] == "dials"


@pytest.mark.parametrize(
    ("lang", "fmt"),
    [
        (lang, fmt)
        for lang in ("en", "zh")
        for fmt in ("table", "json", "csv", "markdown")
        if lang == "en" or fmt != "json"
    ],
)
def test_track_golden(fmt: str, lang: str, golden) -> None:  # type: ignore[no-untyped-def]
    """JSON never changes with the language: English golden only (checked below)."""
    result = invoke("track", *EXAMPLE, "-f", fmt, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    if fmt == "json":
        text = json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    suffix = {"table": "txt", "markdown": "md"}.get(fmt, fmt)
    golden(f"track/east-1-q1.{lang}.{suffix}", text)


def test_a_judged_stage_converting_nothing_is_the_weakest_without_a_finite_cost(
    tmp_path: Path,
) -> None:
    # Ann dialled on schedule (90 of the 84 planned in 5 days) but connected none: the
    # dials -> connects rate is 0, judged on 90 dials. No amount of extra dialling makes up
    # for a stage that converts nothing: extra_activity is null and the report says so
    # (this crashed with an AssertionError, exit 70).
    plan, actuals = setup(tmp_path, PLAN, "2026-03-06,Ann,0,0,0,0,0,90\n")
    ann = track_json(plan, actuals)["reps"][0]
    assert ann["classification"] == "quality"
    assert ann["weakest_stage"] == "dials"
    assert ann["rates"]["dials"]["actual"] == 0.0 and ann["rates"]["dials"]["judged"]
    assert ann["extra_activity"] is None
    for lang, line in [
        ("en", "nothing has converted yet, so no amount of extra Dials makes up for it"),
        ("zh", "至今没有任何转化，按此转化率多做多少外呼都补不回来"),
    ]:
        for fmt in ("table", "markdown"):
            result = invoke("track", str(plan), "-a", str(actuals), "-f", fmt, "--lang", lang)
            assert result.exit_code == 0, result.stderr
            assert "".join(line.split()) in "".join(result.stdout.split())  # wrapped lines
    for fmt in ("csv", "json"):
        assert invoke("track", str(plan), "-a", str(actuals), "-f", fmt).exit_code == 0


def test_at_the_end_of_the_period_the_team_needs_nothing_per_day_it_cannot_have(
    tmp_path: Path,
) -> None:
    # On the last day nobody has a working day left and the quotas are unmet: every rep's
    # Needed/day is "–", and so is the team's (it said 0, as if nothing were needed).
    plan, actuals = setup(tmp_path, PLAN, "2026-03-13,Ann,6000,20000,2,10,40,100\n")
    doc = track_json(plan, actuals, "--as-of", "2026-03-27")
    assert [r["catch_up"]["per_day"] for r in doc["reps"]] == [None, None]
    assert doc["team"]["catch_up_per_day"] is None
    assert doc["team"]["original_per_day"] == 2000.0
    text = invoke("track", str(plan), "-a", str(actuals), "--as-of", "2026-03-27").stdout
    team_row = next(line for line in text.splitlines() if line.split()[:1] == ["Team"])
    assert team_row.split()[-2:] == ["–", "2,000"]
    # With days left for one rep, the team needs what that rep needs.
    doc = track_json(plan, actuals, "--as-of", "2026-03-20")
    ann, ben = doc["reps"]
    assert ben["catch_up"]["per_day"] is None
    assert doc["team"]["catch_up_per_day"] == ann["catch_up"]["per_day"]["revenue"]


def test_track_json_is_the_same_in_both_languages() -> None:
    english, chinese = (
        json.loads(invoke("track", *EXAMPLE, "-f", "json", "--lang", lang).stdout)
        for lang in ("en", "zh")
    )
    assert english == chinese

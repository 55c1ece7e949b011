"""What-if: --set and --scenario give exactly the output of the edited file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goalsplit.cli import app
from goalsplit.scenarios import OverrideError, WhatIf
from goalsplit.worked import work_out_text
from tests.conftest import EXAMPLES, dedent

EAST = (EXAMPLES / "east-1-q1.yaml").read_text(encoding="utf-8")
ACTUALS = EXAMPLES / "east-1-q1-actuals.csv"
FORMATS = ("table", "json", "csv", "markdown")


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})


def plan_files(tmp_path: Path, edit: dict[str, str], extra: str = "") -> tuple[Path, Path]:
    """The example as it is (with ``extra`` appended) and as edited by hand."""
    original = tmp_path / "plan.yaml"
    original.write_text(EAST + extra, encoding="utf-8")
    edited_text = EAST
    for old, new in edit.items():
        assert old in edited_text, old
        edited_text = edited_text.replace(old, new)
    edited = tmp_path / "edited.yaml"
    edited.write_text(edited_text + extra, encoding="utf-8")
    return original, edited


def said(result) -> str:  # type: ignore[no-untyped-def]
    """A usage error's text, unwrapped from its box."""
    return " ".join(line.strip("│ ") for line in result.stderr.splitlines()).replace("  ", " ")


def same(args_set: list[str], args_edited: list[str]) -> None:
    with_set, by_hand = invoke(*args_set), invoke(*args_edited)
    assert with_set.exit_code == by_hand.exit_code == 0, with_set.output + by_hand.output
    assert with_set.stdout == by_hand.stdout


SETS = {
    "stretch=1.20": ("stretch: 1.1 ", "stretch: 1.20 "),
    "rates.dials=40%": ("  dials: 0.35 ", "  dials: 40% "),
    "reps.张伟.weight=2": ("weight: 1.5 ", "weight: 2 "),
    "target=1_200_000": ("target: 900000", "target: 1_200_000"),
    "reps.Chen Jie.leave=[2026-02-02..2026-02-06]": (
        "    weight: 0.8\n",
        "    weight: 0.8\n    leave: [2026-02-02..2026-02-06]\n",
    ),
    "calendar.holidays=[]": ("  holidays: [2026-03-09..2026-03-10]", "  holidays: []"),
}


@pytest.mark.parametrize("setting", list(SETS))
def test_set_gives_the_output_of_the_edited_file(tmp_path: Path, setting: str) -> None:
    old, new = SETS[setting]
    original, edited = plan_files(tmp_path, {old: new})
    for fmt in FORMATS:
        same(
            ["plan", str(original), "--daily", "-f", fmt, "--set", setting],
            ["plan", str(edited), "--daily", "-f", fmt],
        )
    same(
        ["today", str(original), "-r", "张伟", "-d", "2026-02-24", "-f", "json", "--set", setting],
        ["today", str(edited), "-r", "张伟", "-d", "2026-02-24", "-f", "json"],
    )
    same(
        ["track", str(original), "-a", str(ACTUALS), "-f", "csv", "--set", setting],
        ["track", str(edited), "-a", str(ACTUALS), "-f", "csv"],
    )
    same(
        ["reach", str(original), "--per-day", "dials=80", "-f", "json", "--set", setting],
        ["reach", str(edited), "--per-day", "dials=80", "-f", "json"],
    )
    check = invoke("check", str(original), "--set", setting)
    assert check.stdout.replace("plan.yaml", "edited.yaml") == invoke("check", str(edited)).stdout


def test_several_sets_apply_in_order_and_the_last_wins(tmp_path: Path) -> None:
    original, edited = plan_files(tmp_path, {"stretch: 1.1 ": "stretch: 1.25 "})
    same(
        ["plan", str(original), "-f", "json", "--set", "stretch=2", "--set", "stretch=125%"],
        ["plan", str(edited), "-f", "json"],
    )


def test_values_are_read_by_the_plans_yaml_rules() -> None:
    plan = dedent("""
        period: 2026-03
        target: 57
        rates: {pipeline: 1, intents: 1, deep_talks: 1, connects: 1, dials: 1}
        reps: [{name: A}]
    """)

    def worked(*sets: str):  # type: ignore[no-untyped-def]
        return work_out_text(plan, what_if=WhatIf(None, sets))

    # 57 / 0.57 is exactly 100 dials (a binary float would make it 101).
    breakdown = worked("rates.dials=0.57").breakdown
    assert breakdown is not None and breakdown.reps[0].totals()[-1] == 100
    # no is text (YAML 1.2), 007 stays 007 in a text field, 1e3 is a number.
    breakdown = worked("team=no", "reps.A.name=007", "target=1e3").breakdown
    assert breakdown is not None
    assert (breakdown.team, breakdown.reps[0].name, breakdown.target) == ("no", "007", 1000)
    errors = worked("stretch=.inf").errors
    assert [i.render() for i in errors] == [
        "--set stretch=.inf: stretch: .inf is out of range: a number must be between "
        "0.000000001 and 1,000,000,000,000 in size (or 0), with at most 30 digits"
    ]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("stretch=abc", "'stretch=abc': stretch: must be a number, got 'abc'"),
        ("strech=1.2", "'strech=1.2': strech: unknown key 'strech'; did you mean 'stretch'?"),
        ("reps.Nobody.weight=2", "'reps.Nobody.weight=2': no rep named 'Nobody'; the reps are"),
        (
            "reps.9.weight=2",
            "'reps.9.weight=2': no rep named '9', and by position the reps are 0 to 4: 张伟,",
        ),
        ("target.x=1", "'target.x=1': target holds a single value, not keys"),
        ("rates.dial=0.4", "'rates.dial=0.4': rates.dial: no stage named 'dial'"),
        ("stretch", "expected KEY=VALUE with a dotted KEY such as rates.dials, got 'stretch'"),
        ("reps.张伟=2", "'reps.张伟=2': give a key of the rep, such as reps.张伟.weight"),
        ("stretch=[1", "'stretch=[1': the value is not one YAML value; quote it"),
    ],
)
def test_a_bad_set_is_a_usage_error_that_names_it(
    tmp_path: Path, setting: str, message: str
) -> None:
    original, _ = plan_files(tmp_path, {})
    for command in (["check"], ["plan"], ["reach", "--per-day", "dials=80"]):
        result = invoke(*command, str(original), "--set", setting)
        assert result.exit_code == 2, result.output
        assert "'--set'" in result.stderr
        assert message in " ".join(line.strip("│ ") for line in result.stderr.splitlines()).replace(
            "  ", " "
        )


SCENARIOS = """
scenarios:
  optimistic: {rates: {dials: 0.45}, reps: {张伟: {weight: 2}}}
  lean: {stretch: 1.0}
"""


def test_a_scenario_gives_the_output_of_the_edited_file(tmp_path: Path) -> None:
    original, edited = plan_files(
        tmp_path, {"  dials: 0.35 ": "  dials: 0.45 ", "weight: 1.5 ": "weight: 2 "}, SCENARIOS
    )
    for fmt in FORMATS:
        same(
            ["plan", str(original), "--daily", "-f", fmt, "--scenario", "optimistic"],
            ["plan", str(edited), "--daily", "-f", fmt],
        )
    # --set is laid over the scenario.
    original, edited = plan_files(tmp_path, {"stretch: 1.1 ": "stretch: 1.05 "}, SCENARIOS)
    same(
        ["plan", str(original), "-f", "json", "--scenario", "lean", "--set", "stretch=1.05"],
        ["plan", str(edited), "-f", "json"],
    )


def test_scenarios_that_are_wrong(tmp_path: Path) -> None:
    original, _ = plan_files(tmp_path, {}, SCENARIOS)
    unknown = invoke("plan", str(original), "--scenario", "pessimistic")
    assert unknown.exit_code == 2
    assert "no scenario named 'pessimistic'; the plan has: optimistic, lean" in said(unknown)
    broken, _ = plan_files(tmp_path, {}, SCENARIOS + "  bad: {stretch: abc}\n")
    # A scenario's value is checked at its line in the file, by check too (every one).
    result = invoke("check", str(broken))
    assert result.exit_code == 3
    assert "plan.yaml:33:18: scenarios.bad.stretch: must be a number, got 'abc'" in result.stderr
    # Every scenario that does not work out is said, each under its name.
    two, _ = plan_files(
        tmp_path, {}, SCENARIOS + "  bad: {stretch: abc}\n  huge: {reps: {张伟: {quota: 9e6}}}\n"
    )
    both = invoke("check", str(two))
    assert both.exit_code == 3
    lines = both.stderr.splitlines()
    assert lines[0].startswith("[bad] ") and "scenarios.bad.stretch: must be a number" in lines[0]
    assert lines[1].startswith("[huge] ") and "explicit quotas add up to 9,250,000" in lines[1]
    assert lines[2] == "goalsplit: 2 errors in the plan's scenarios; nothing was written."
    assert len(lines) == 3
    assert invoke("check", str(broken), "--scenario", "lean").exit_code == 0
    with pytest.raises(OverrideError):
        work_out_text(EAST, what_if=WhatIf("nope"))


def test_compare_shows_the_scenarios_side_by_side(tmp_path: Path) -> None:
    original, _ = plan_files(tmp_path, {}, SCENARIOS + "capacity: {dials: 60}\n")
    result = invoke("compare", str(original), "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [c["name"] for c in document["cases"]] == ["plan", "optimistic", "lean"]
    zhang = document["reps"][0]
    assert zhang["name"] == "张伟"
    assert zhang["cases"]["lean"]["quota"] < zhang["cases"]["plan"]["quota"]
    assert zhang["cases"]["plan"]["feasibility"]["feasible"] is True
    assert zhang["cases"]["optimistic"]["feasibility"]["feasible"] is False
    assert document["team"]["lean"]["allocated"] == 900000
    # --case: a column of --set values; the same numbers as --set gives.
    case = invoke("compare", str(original), "--case", "stretch=1.2; rates.dials=40%", "-f", "json")
    by_set = invoke(
        "plan", str(original), "--set", "stretch=1.2", "--set", "rates.dials=40%", "-f", "json"
    )
    quota = json.loads(by_set.stdout)["reps"][1]["quota"]
    assert (
        json.loads(case.stdout)["reps"][1]["cases"]["stretch=1.2; rates.dials=40%"]["quota"]
        == quota
    )
    table = invoke("compare", str(original), "--scenario", "lean", "--rep", "张伟")
    assert table.exit_code == 0
    assert "✗ Dials" not in table.stdout and " plan " in table.stdout and " lean" in table.stdout
    for fmt in ("csv", "markdown"):
        assert invoke("compare", str(original), "-f", fmt).exit_code == 0
    no_scenarios, _ = plan_files(tmp_path, {})
    assert invoke("compare", str(no_scenarios)).exit_code == 2


def test_a_what_if_that_sets_the_language_is_obeyed(tmp_path: Path) -> None:
    """``lang`` is a plan key like any other: --set lang=zh (or a scenario's lang:) gives
    the output of the plan with ``lang: zh`` written in it; --lang still comes first."""
    original, edited = plan_files(tmp_path, {"period: 2026-Q1": "lang: zh\nperiod: 2026-Q1"})
    for fmt in ("table", "markdown"):
        same(
            ["plan", str(original), "-f", fmt, "--set", "lang=zh"], ["plan", str(edited), "-f", fmt]
        )
    assert (
        "阶段"
        in invoke(
            "today", str(original), "--rep", "张伟", "-d", "2026-02-03", "--set", "lang=zh"
        ).stdout
    )
    assert "Rep" in invoke("plan", str(original), "--set", "lang=zh", "--lang", "en").stdout
    chinese, _ = plan_files(tmp_path, {}, "scenarios:\n  cn: {lang: zh, stretch: 1.2}\n")
    assert "销售" in invoke("plan", str(chinese), "--scenario", "cn").stdout
    assert "销售" not in invoke("plan", str(chinese)).stdout
    wrong = invoke("plan", str(original), "--set", "lang=fr")
    assert wrong.exit_code == 2 and "lang" in said(wrong)


def test_compare_says_each_cases_warnings_under_its_name(tmp_path: Path) -> None:
    original, _ = plan_files(tmp_path, {}, SCENARIOS + "capacity: {dials: 60}\n")
    result = invoke("compare", str(original))
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    # The optimistic rates need more dials than the capacity on the busiest day; the
    # base plan fits, so its warning comes only under the case's name.
    assert any(line.startswith("[optimistic] ") and "capacity of 60" in line for line in lines)
    assert not any(line.startswith("[lean] ") for line in lines)
    assert not any("capacity of 60" in line for line in lines if not line.startswith("["))


def test_null_takes_a_key_out_as_if_the_file_did_not_have_it(tmp_path: Path) -> None:
    original, edited = plan_files(tmp_path, {"  holidays: [2026-03-09..2026-03-10]": "  #"})
    for fmt in ("table", "json"):
        same(
            ["plan", str(original), "-f", fmt, "--set", "calendar.holidays=null"],
            ["plan", str(edited), "-f", fmt],
        )
    # A scenario's null does the same; a key the plan does not have stays out.
    call = EXAMPLES / "call-team-2026-04.yaml"
    text = call.read_text(encoding="utf-8")
    without = tmp_path / "without.yaml"
    without.write_text(text.replace("capacity:\n  dials: 150 ", "# "), encoding="utf-8")
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text(text + "  free: {capacity: null, buffer: ~}\n", encoding="utf-8")
    same(
        ["plan", str(call), "-f", "json", "--set", "capacity="],
        ["plan", str(without), "-f", "json"],
    )
    same(
        ["plan", str(scenario), "-f", "json", "--scenario", "free"],
        ["plan", str(without), "-f", "json"],
    )
    # A required key taken out is missing, as in a file without it, said of the --set.
    missing = invoke("plan", str(original), "--set", "period=null")
    assert missing.exit_code == 2
    assert "'period=null': missing required key 'period'" in said(missing)


def test_compare_shows_the_averages_of_the_days_shown_floors_and_all() -> None:
    """Mia's funnel asks 56.47 visits and 1.x effective visits a day; the floors (8 and 2
    a day) lift every day, and compare says what plan's summary says: 8 and 2."""
    field = str(EXAMPLES / "field-team-2026-03.yaml")
    result = invoke("compare", field, "--case", "stretch=1", "--rep", "Mia Schulz", "-f", "csv")
    rows = {row.split(",")[1]: row.split(",")[2:] for row in result.stdout.splitlines()[1:]}
    assert rows["Visits"] == ["8", "8"] and rows["Effective visits"] == ["2", "2"]
    plan = invoke("plan", field, "--rep", "Mia Schulz").stdout
    assert " Mia Schulz     22        33,884         0.4                2.0      8.0" in plan


def test_what_ifs_on_the_language_and_on_the_scenarios_themselves(tmp_path: Path) -> None:
    _, chinese = plan_files(tmp_path, {"period: 2026-Q1": "lang: zh\nperiod: 2026-Q1"})
    # null takes the file's lang: out: the report is in the language it would be without.
    assert "Rep" in invoke("plan", str(chinese), "--set", "lang=null").stdout
    assert "销售" in invoke("plan", str(chinese)).stdout
    # The value is read as the plan reads it: a comment is no part of it.
    original, _ = plan_files(tmp_path, {})
    assert "销售" in invoke("plan", str(original), "--set", "lang=zh # for the team").stdout
    # A --set of the scenarios comes before the scenario is chosen.
    with_scenarios, edited = plan_files(tmp_path, {"stretch: 1.1 ": "stretch: 1.0 "}, SCENARIOS)
    made = ["plan", str(with_scenarios), "-f", "json", "--set", "scenarios.new.stretch=1.0"]
    same([*made, "--scenario", "new"], ["plan", str(edited), "-f", "json"])
    assert invoke("check", str(with_scenarios), "--set", "scenarios.zz.stretch=1").exit_code == 0
    gone = invoke("plan", str(with_scenarios), "--scenario", "lean", "--set", "scenarios.lean=")
    assert gone.exit_code == 2 and "no scenario named 'lean'" in said(gone)


def test_a_rate_taken_out_by_a_null_is_said_of_the_set(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        dedent(
            """
            period: 2026-Q1
            target: 100000
            funnel: [{name: deals}, {name: calls}]
            rates: {deals: 1000, calls: 0.1}
            reps: [{name: A}]
            """
        ),
        encoding="utf-8",
    )
    result = invoke("plan", str(plan), "--set", "rates.calls=null")
    assert result.exit_code == 2
    assert "'rates.calls=null': rates: no rate for calls" in said(result)

"""The command line, through typer's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goalsplit import cli
from goalsplit.cli import app
from goalsplit.render import RENDERERS, Format
from tests.conftest import EXAMPLES, dedent

EAST = str(EXAMPLES / "east-1-q1.yaml")
FIELD = str(EXAMPLES / "field-team-2026-03.yaml")


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env=env)


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


VALID = """
    period: 2026-03
    target: 1000
    rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}
    reps: [{name: A}, {name: B}]
"""
WARNS = VALID.replace("[{name: A}, {name: B}]", "[{name: A, quota: 400}, {name: B, quota: 500}]")
INVALID = VALID.replace("target: 1000", "target: -1")


def test_every_format_has_a_renderer() -> None:
    import importlib

    assert set(RENDERERS) == set(Format)
    for fmt in Format:
        assert callable(importlib.import_module(RENDERERS[fmt]).render)


def test_plan_prints_the_team_and_each_rep_without_ansi_in_a_pipe() -> None:
    result = invoke("plan", EAST)
    assert result.exit_code == 0, result.stderr
    for name in ("张伟", "李娜", "王芳", "刘洋", "Chen Jie"):
        assert name in result.stdout
    assert "Quotas add up to 990,000 = 110.0% of the target 900,000" in result.stdout
    assert "\x1b[" not in result.stdout
    assert result.stderr == ""


def test_json_contract() -> None:
    result = invoke("plan", EAST, "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert doc["period"] == {
        "label": "2026-Q1",
        "start": "2026-01-01",
        "end": "2026-03-31",
        "working_days": 57,
    }
    assert (doc["target"], doc["stretch"], doc["allocated"]) == (900000.0, 1.1, 990000.0)
    assert [s["name"] for s in doc["stages"]] == [
        "revenue",
        "pipeline",
        "intents",
        "deep_talks",
        "connects",
        "dials",
    ]
    assert doc["stages"][0] == {"name": "revenue", "label": "Revenue", "unit": "money"}
    assert doc["warnings"] == []
    assert len(doc["reps"]) == 5
    assert sum(rep["quota"] for rep in doc["reps"]) == pytest.approx(990000)
    zhang = doc["reps"][0]
    assert set(zhang) >= {"name", "weight", "working_days", "quota", "rates", "stages", "weeks"}
    assert zhang["rates"]["dials"] == 0.4 and zhang["rate_sources"]["dials"] == "rep"
    assert doc["reps"][1]["quota"] == 250000.0
    assert doc["reps"][2]["working_days"] == 36  # joins 2026-02-02
    assert doc["reps"][3]["working_days"] == 52  # a week of leave
    for rep in doc["reps"]:
        assert "days" not in rep
        assert len(rep["weeks"]) == 14
        assert sum(w["working_days"] for w in rep["weeks"]) == rep["working_days"]
        for stage, numbers in rep["stages"].items():
            assert numbers["total_ceil"] == sum(w["targets"][stage] for w in rep["weeks"])
            assert numbers["total_ceil"] >= numbers["total"] > numbers["total_ceil"] - 1
            assert numbers["per_day"] == pytest.approx(numbers["total"] / rep["working_days"])
    festival = doc["reps"][0]["weeks"][7]
    assert festival["week"] == "2026-W08" and festival["working_days"] == 0
    assert set(festival["targets"].values()) == {0}


def test_json_matches_a_plain_json_dump_of_the_same_numbers() -> None:
    """The templated weeks/days rows equal what building dicts would give."""
    from goalsplit.breakdown import build_breakdown
    from goalsplit.load import load_plan

    breakdown = build_breakdown(load_plan(EAST).plan)
    doc = json.loads(invoke("plan", EAST, "--format", "json", "--daily").stdout)
    names = [s.name for s in breakdown.stages]
    for rep, shown in zip(breakdown.reps, doc["reps"], strict=True):
        assert shown["weeks"] == [
            {
                "week": w.label,
                "start": str(w.start),
                "end": str(w.end),
                "working_days": d,
                "targets": dict(zip(names, t, strict=True)),
            }
            for w, d, t in zip(
                breakdown.weeks,
                breakdown.week_working_days(rep.week_ends),
                rep.week_targets(),
                strict=True,
            )
        ]
        assert shown["days"] == [
            {"date": str(day), "targets": dict(zip(names, t, strict=True))}
            for day, t in zip(rep.days, rep.day_targets(), strict=True)
        ]


def test_daily_targets_add_up_to_the_weeks() -> None:
    doc = json.loads(invoke("plan", EAST, "-f", "json", "--daily").stdout)
    for rep in doc["reps"]:
        assert len(rep["days"]) == rep["working_days"]
        for week in rep["weeks"]:
            in_week = [d for d in rep["days"] if week["start"] <= d["date"] <= week["end"]]
            assert len(in_week) == week["working_days"]
            for stage, target in week["targets"].items():
                assert sum(d["targets"][stage] for d in in_week) == target


def test_rep_filter_keeps_team_wide_quotas() -> None:
    everyone = json.loads(invoke("plan", EAST, "-f", "json").stdout)
    one = json.loads(invoke("plan", EAST, "-f", "json", "--rep", "王芳", "--rep", "李娜").stdout)
    assert [rep["name"] for rep in one["reps"]] == ["李娜", "王芳"]
    assert one["reps"][1] == everyone["reps"][2]
    assert one["allocated"] == everyone["allocated"]


def test_unknown_rep_is_a_usage_error_listing_the_reps() -> None:
    result = invoke("plan", EAST, "--rep", "Nobody")
    assert result.exit_code == 2
    assert "Nobody" in result.stderr and "Chen Jie" in result.stderr
    assert result.stdout == ""


def test_invalid_plan_exits_3_with_positions_and_no_traceback(tmp_path: Path) -> None:
    plan = write(tmp_path, INVALID)
    out = tmp_path / "report.txt"
    result = invoke("plan", str(plan), "--output", str(out))
    assert result.exit_code == 3
    assert f"{plan}:2:9: target: must be greater than 0, got -1" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not out.exists()


def test_output_writes_the_report_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = invoke("plan", EAST, "-f", "json", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]  # no temporary left behind


def test_output_never_overwrites_the_plan(tmp_path: Path) -> None:
    plan = write(tmp_path, VALID)
    before = plan.read_bytes()
    result = invoke("plan", str(plan), "-o", str(plan))
    assert result.exit_code == 2
    assert "refusing to overwrite the plan file" in result.stderr
    assert plan.read_bytes() == before


def test_strict_turns_warnings_into_exit_1(tmp_path: Path) -> None:
    plan = write(tmp_path, WARNS)
    relaxed = invoke("plan", str(plan), "-f", "json")
    assert relaxed.exit_code == 0
    assert "warning: reps: the explicit quotas add up to 900, below the target" in relaxed.stderr
    assert json.loads(relaxed.stdout)["warnings"] == [
        "reps: the explicit quotas add up to 900, below the target 1,000"
    ]
    assert invoke("plan", str(plan), "--strict").exit_code == 1
    assert invoke("check", str(plan), "--strict").exit_code == 1
    assert invoke("check", str(plan)).exit_code == 0
    assert invoke("check", str(write(tmp_path, VALID, "ok.yaml")), "--strict").exit_code == 0


def test_check_reports_every_file(tmp_path: Path) -> None:
    good = write(tmp_path, VALID, "good.yaml")
    bad = write(tmp_path, INVALID, "bad.yaml")
    result = invoke("check", str(good), str(bad), EAST, FIELD)
    assert result.exit_code == 3
    assert f"{good}: ok: 2 reps, 2026-03 (22 working days)" in result.stdout
    assert f"{bad}:2:9: target: must be greater than 0" in result.stderr
    assert result.stdout.count(": ok:") == 3


def test_missing_plan_file_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("plan", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_version() -> None:
    from goalsplit import __version__

    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"goalsplit {__version__}"


def test_an_internal_error_keeps_its_traceback_and_exits_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import goalsplit.breakdown

    def broken(plan: object, history: object = None) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(goalsplit.breakdown, "build_breakdown", broken)
    monkeypatch.setattr(sys, "argv", ["goalsplit", "plan", EAST])
    with pytest.raises(SystemExit) as caught:
        cli.main()
    assert caught.value.code == 70
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: boom" in err
    assert "internal error" in err


def modules_loaded_by(args: list[str]) -> list[str]:
    code = (
        "import sys\nfrom goalsplit.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pydantic', 'holidays', 'yaml') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded: list[str] = json.loads(out.strip().splitlines()[-1].replace("'", '"'))
    return loaded


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_version_and_help_do_not_import_pydantic_or_holidays(args: list[str]) -> None:
    assert modules_loaded_by(args) == []


def test_command_help_does_not_import_holidays_or_yaml() -> None:
    # typer itself builds pydantic adapters for a command's parameters, so
    # `plan --help` loads pydantic through typer; our own heavy imports stay out.
    assert set(modules_loaded_by(["plan", "--help"])) <= {"pydantic"}


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "goalsplit", "check", EAST],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "ok: 5 reps" in result.stdout

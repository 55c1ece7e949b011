"""The activity CSVs (history, actuals): their own error type, limits, real dates, and
numbers in range; bad bytes are located errors or text, never a crash or a hang."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goalsplit import activity
from goalsplit.cli import app
from goalsplit.errors import ActivityError, PlanError
from goalsplit.history import rates_report
from goalsplit.limits import MAX_CELL_CHARS, RANGE_TEXT
from goalsplit.load import load_actuals, load_history
from goalsplit.model import DEFAULT_FUNNEL, REVENUE
from tests.conftest import EXAMPLES, ROOT

STAGES = (REVENUE, *DEFAULT_FUNNEL)
HEADER = "rep,date,revenue,pipeline,intents,deep_talks,connects,dials\n"
SOURCE = ROOT / "src" / "goalsplit"


def history_problems(tmp_path: Path, body: str, header: str = HEADER) -> list[str]:
    path = tmp_path / "h.csv"
    path.write_bytes((header + body).encode("utf-8"))
    with pytest.raises(ActivityError) as caught:
        load_history(path, STAGES)
    assert caught.value.kind == "history"
    return [str(issue).removeprefix(f"{path}:") for issue in caught.value.issues]


def actuals_problems(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "a.csv"
    path.write_bytes((HEADER + body).encode("utf-8"))
    with pytest.raises(ActivityError) as caught:
        load_actuals(path, STAGES, date(2026, 1, 1), date(2026, 3, 31))
    assert caught.value.kind == "actuals"
    return [str(issue).removeprefix(f"{path}:") for issue in caught.value.issues]


# --- structure -----------------------------------------------------------------------------


def test_only_yaml_source_imports_yaml_and_load_keeps_its_names() -> None:
    importers = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name == "yaml" or name.startswith("yaml.") for name in names):
                importers.add(path.name)
    assert importers == {"yaml_source.py"}
    from goalsplit import load

    for name in ("load_plan", "parse_plan", "sorted_located", "load_history", "load_actuals"):
        assert callable(getattr(load, name))
    assert issubclass(ActivityError, PlanError)


def test_csv_errors_never_speak_of_a_plan(tmp_path: Path) -> None:
    bad = [
        "Ann,2025-10-32,1,1,1,1,1,1\n",
        "Ann,2025-10-01,x,1,1,1,1,-1\n",
        ",2025-10-01,1,1,1,1,1,1\n",
        "Ann,2025-10-01,1\n",
        "Ann,2025-10-01,1e999,1,1,1,1,1\n",
    ]
    path = tmp_path / "h.csv"
    path.write_text(HEADER + "".join(bad), encoding="utf-8")
    with pytest.raises(ActivityError) as caught:
        load_history(path, STAGES)
    assert len(caught.value.issues) == 6
    for issue in caught.value.issues:
        assert "plan" not in issue.render("en")
        assert "计划" not in issue.render("zh")


# --- bytes that are not what a CSV should hold ------------------------------------------


def test_a_huge_cell_is_a_located_error(tmp_path: Path) -> None:
    body = 'Ann,2025-10-01,"' + "9" * 200_000 + '",1,1,1,1,1\nBob,2025-10-32,1,1,1,1,1,1\n'
    assert history_problems(tmp_path, body) == [
        "2:1: a cell is longer than 131072 characters",
        "3:2: 2025-10-32 does not exist: October 2025 has 31 days",
    ]
    name = "x" * (MAX_CELL_CHARS + 1)
    assert history_problems(tmp_path, f"{name},2025-10-01,1,1,1,1,1,1\n") == [
        f"2:1: the rep's name is longer than {MAX_CELL_CHARS} characters"
    ]


def test_nul_and_control_characters_are_text_or_located_errors(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_bytes((HEADER + "A\x00n\x1bn,2025-10-01,1,1,1,1,1,1\n").encode())
    assert list(load_history(path, STAGES).reps) == ["A\x00n\x1bn"]
    assert history_problems(tmp_path, "Ann,2025-10-0\x001,1,1,1,1,1,1\n") == [
        "2:2: '2025-10-0\\x001' is not a date written YYYY-MM-DD"
    ]
    assert history_problems(tmp_path, "Ann,2025-10-01,1\x00,1,1,1,1,1\n") == [
        "2:3: revenue: '1\\x00' is not a number"
    ]


def test_bad_utf8_in_the_middle_of_a_large_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    rows = "Ann,2025-10-01,1,1,1,1,1,1\n" * 100_000
    path.write_bytes(HEADER.encode() + rows.encode() + "张,2025-10-01,".encode() + b"\xff\n")
    with pytest.raises(ActivityError) as caught:
        load_history(path, STAGES)
    assert str(caught.value.issues[0]) == (
        f"{path}:100002:14: not valid UTF-8 (byte 0xff); save the file as UTF-8"
    )


def test_old_mac_line_ends_still_read(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_bytes(
        b"\xef\xbb\xbf" + (HEADER + "Ann,2025-10-01,1,1,1,1,1,1\n").replace("\n", "\r").encode()
    )
    assert load_history(path, STAGES).rows == 1


# --- limits --------------------------------------------------------------------------------


def test_a_file_above_the_size_limit_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(activity, "MAX_ACTIVITY_BYTES", 5 * 1024 * 1024)
    path = tmp_path / "h.csv"
    path.write_text(HEADER + "Ann,2025-10-01,1,1,1,1,1,1\n" * 300_000)
    with pytest.raises(ActivityError) as caught:
        load_history(path, STAGES)
    assert str(caught.value.issues[0]) == (
        f"{path}: the file is larger than 5 MB, the most a history or actuals file may hold"
    )
    with pytest.raises(ActivityError):  # not a regular file: counted while reading
        load_history("/dev/zero", STAGES)


def test_a_line_without_an_end_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(HEADER + "x" * (3 * 1024 * 1024))
    with pytest.raises(ActivityError) as caught:
        load_history(path, STAGES)
    assert str(caught.value.issues[0]) == f"{path}:2: line 2 is longer than 1048576 bytes"


def test_too_many_reps_stop_the_reading_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(activity, "MAX_ACTIVITY_REPS", 10)
    rows = "".join(f"rep{i},2025-10-01,1,1,1,1,1,1\n" for i in range(12))
    errors = history_problems(tmp_path, rows + "Ann,2025-10-01,x,1,1,1,1,1\n")
    assert errors == ["12:1: more than 10 different reps; split the file"]
    # The same reps again and again are fine.
    path = tmp_path / "same.csv"
    path.write_text(HEADER + "".join(f"rep{i % 10},2025-10-01,1,1,1,1,1,1\n" for i in range(50)))
    assert len(load_history(path, STAGES).reps) == 10


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("1e999999999", f"revenue: 1e999999999 is out of range: a number must be {RANGE_TEXT}"),
        ("1e-99999999", f"revenue: 1e-99999999 is out of range: a number must be {RANGE_TEXT}"),
        (
            "1e99999999999999999999",
            f"revenue: 1e99999999999999999999 is out of range: a number must be {RANGE_TEXT}",
        ),
        (
            "10000000000000",
            f"revenue: 10000000000000 is out of range: a number must be {RANGE_TEXT}",
        ),
        ("0.0000000001", f"revenue: 0.0000000001 is out of range: a number must be {RANGE_TEXT}"),
        ("inf", f"revenue: inf is out of range: a number must be {RANGE_TEXT}"),
        ("nan", "revenue: 'nan' is not a number"),
        ("9" * 5000, f"revenue: {'9' * 60}… is out of range: a number must be {RANGE_TEXT}"),
    ],
)
def test_cells_out_of_range_are_located_errors_at_once(
    tmp_path: Path, cell: str, message: str
) -> None:
    assert history_problems(tmp_path, f"Ann,2025-10-01,{cell},1,1,1,1,1\n") == [f"2:3: {message}"]
    assert actuals_problems(tmp_path, f"Ann,2026-01-05,{cell},1,1,1,1,1\n") == [f"2:3: {message}"]


def test_cells_within_the_range_are_exact(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(HEADER + 'Ann,2025-10-01,"1,000,000,000,000",0.000000001,1,1,1,1\n')
    totals = load_history(path, STAGES).reps["Ann"].totals
    assert totals[:2] == [10**12, pytest.approx(1e-9)] and str(totals[1]) == "1/1000000000"


# --- dates ---------------------------------------------------------------------------------


def test_dates_that_do_not_exist_and_dates_out_of_range(tmp_path: Path) -> None:
    body = (
        "Ann,2026-02-30,1,1,1,1,1,1\n"
        "Ann,2026/02/29,1,1,1,1,1,1\n"
        "Ann,0001-01-01,1,1,1,1,1,1\n"
        "Ann,9999-12-31,1,1,1,1,1,1\n"
        "Ann,2026-00-10,1,1,1,1,1,1\n"
    )
    assert history_problems(tmp_path, body) == [
        "2:2: 2026-02-30 does not exist: February 2026 has 28 days",
        "3:2: 2026/02/29 does not exist: February 2026 has 28 days",
        "4:2: 0001-01-01 is outside the dates goalsplit accepts, 1900-01-01..2199-12-31",
        "5:2: 9999-12-31 is outside the dates goalsplit accepts, 1900-01-01..2199-12-31",
        "6:2: 2026-00-10 does not exist: there is no month 0",
    ]
    months = "Ann,2026-13,1,1,1,1,1,1\nAnn,0001-01,1,1,1,1,1,1\nAnn,2199-12,1,1,1,1,1,1\n"
    assert history_problems(tmp_path, months, HEADER.replace("date", "month")) == [
        "2:2: 2026-13 does not exist: there is no month 13",
        "3:2: 0001-01 is outside the dates goalsplit accepts, 1900-01-01..2199-12-31",
    ]
    assert actuals_problems(tmp_path, "Ann,2026-02-29,1,1,1,1,1,1\n") == [
        "2:2: 2026-02-29 does not exist: February 2026 has 28 days"
    ]


# --- where the zero team total is ----------------------------------------------------------


def test_a_stage_with_a_zero_team_total_is_located_at_its_header(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(
        "日期,销售,业绩,储备金额,意向客户,深入沟通,外呼,外呼接通\n2025-10-01,Ann,1,1,1,1,0,1\n"
    )
    history = load_history(path, STAGES)
    with pytest.raises(ActivityError) as caught:
        rates_report(str(path), history, STAGES)
    assert caught.value.kind == "history"
    assert str(caught.value.issues[0]) == (
        f"{path}:1:7: no data for Dials: the team's total is zero in 2025-10-01..2025-10-01, so "
        "no rate can be drawn"
    )


# --- through the command line --------------------------------------------------------------


def test_the_cli_exits_3_for_bad_csvs(tmp_path: Path) -> None:
    history = tmp_path / "h.csv"
    history.write_text(HEADER + "Ann,2025-10-01,1e999999999,1,1,1,1,1\n")
    result = CliRunner().invoke(app, ["rates", str(history)])
    assert result.exit_code == 3
    assert f"{history}:2:3: revenue: 1e999999999 is out of range" in result.stderr
    actuals = tmp_path / "a.csv"
    actuals.write_text("date,rep,revenue\n2026-02-30,张伟,1\n")
    result = CliRunner().invoke(
        app, ["track", str(EXAMPLES / "east-1-q1.yaml"), "-a", str(actuals)]
    )
    assert result.exit_code == 3
    assert f"{actuals}:2:1: 2026-02-30 does not exist: February 2026 has 28 days" in result.stderr


def test_a_plans_bad_history_file_is_an_error_in_the_history(tmp_path: Path) -> None:
    from goalsplit.load import load_plan

    (tmp_path / "past.csv").write_text(HEADER + "Ann,2025-12-01,1e999,1,1,1,1,1\n")
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "period: 2026-01\ntarget: 10000\nhistory: past.csv\n"
        "rates: {pipeline: 0.3, intents: 10000, deep_talks: 0.2, connects: 0.25, dials: 0.4}\n"
        "reps: [{name: Ann}]\n"
    )
    with pytest.raises(ActivityError) as caught:
        load_plan(plan)
    assert caught.value.kind == "history"
    assert str(caught.value.issues[0]).startswith(f"{tmp_path / 'past.csv'}:2:3: revenue: 1e999")

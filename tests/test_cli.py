"""The command line, through typer's CliRunner."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from goalsplit import cli
from goalsplit.cli import app
from goalsplit.render import RENDERERS, Format
from tests.conftest import EXAMPLES, dedent

EAST = str(EXAMPLES / "east-1-q1.yaml")
FIELD = str(EXAMPLES / "field-team-2026-03.yaml")


def invoke(*args: str, env: dict[str, str | None] | None = None):  # type: ignore[no-untyped-def]
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
        assert callable(importlib.import_module(RENDERERS[fmt]).render_view)


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


# --- issue 8: closed pipes ----------------------------------------------------------------

HISTORY = str(EXAMPLES / "east-1-history.csv")
ACTUALS = str(EXAMPLES / "east-1-q1-actuals.csv")
NO_LANG: dict[str, str | None] = {
    "GOALSPLIT_LANG": None,
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": None,
    "COLUMNS": "200",
}


def run_into_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run goalsplit with stdout a pipe whose reader has already gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "goalsplit", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        # Every format streams through the same writer; each command once (a subprocess
        # costs about a second).
        *[["plan", EAST, "-f", fmt.value, "--daily"] for fmt in Format],
        ["today", EAST, "-r", "张伟", "-d", "2026-02-24"],
        ["track", EAST, "-a", ACTUALS, "-f", "csv"],
        ["rates", HISTORY, "-f", "yaml"],
        ["check", EAST],
        ["schema"],
        ["--version"],
        ["--help"],
        ["plan", "--help"],
        ["plan", EAST, "-f", "json", "-o", "/dev/stdout"],
    ],
    ids=lambda args: "-".join(a for a in args if not a.startswith("/")),
)
def test_a_closed_pipe_ends_quietly_with_141(args: list[str]) -> None:
    result = run_into_closed_pipe(*args)
    assert result.returncode == 141
    assert result.stderr == b""


def test_head_closing_the_pipe_early_exits_141(tmp_path: Path) -> None:
    """The issue's own command line, with a plan big enough to outlast the pipe buffer."""
    names = ", ".join(f"{{name: R{i}}}" for i in range(60))
    plan = write(tmp_path, VALID.replace("[{name: A}, {name: B}]", f"[{names}]"))
    result = subprocess.run(
        f"{shlex.quote(sys.executable)} -m goalsplit plan {shlex.quote(str(plan))} -f json "
        '--daily | head -c 10; echo " ${PIPESTATUS[0]}"',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        check=False,
    )
    assert result.stdout.decode().endswith(" 141\n")
    assert result.stderr == b""


# --- issue 8: track --fail-behind ---------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["inf", "-inf", "nan", "1e400", "-5", "1000.5", "x", "", "1e-99999"]
)
def test_fail_behind_outside_0_to_1000_is_a_usage_error(value: str) -> None:
    result = invoke("track", EAST, "-a", ACTUALS, "--fail-behind", value, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "expected a percentage from 0 to 1000" in result.stderr
    assert "Traceback" not in result.output


def test_fail_behind_error_in_chinese() -> None:
    result = invoke(
        "track",
        EAST,
        "-a",
        ACTUALS,
        "--fail-behind",
        "inf",
        "--lang",
        "zh",
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 2
    assert "应为 0 到 1000 之间的百分比" in result.stderr


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        ("0", 0, None),
        ("80", 1, "below 80%"),
        ("80%", 1, "below 80%"),
        ("8e1", 1, "below 80%"),
        ("57.5", 1, "below 57.5%"),
        ("1000", 1, "below 1000%"),
    ],
)
def test_fail_behind_reads_the_percentage_exactly(value: str, code: int, shown: str | None) -> None:
    result = invoke("track", EAST, "-a", ACTUALS, "--fail-behind", value, "-f", "json")
    assert result.exit_code == code, result.stderr
    if shown:
        assert shown in result.stderr


# --- issue 8: plurals and what was wrong ------------------------------------------------------


def test_check_uses_real_plurals(tmp_path: Path) -> None:
    one = write(
        tmp_path,
        VALID.replace("period: 2026-03", "period: {start: 2026-03-02, end: 2026-03-02}").replace(
            "[{name: A}, {name: B}]", "[{name: A, quota: 900}]"
        ),
        "one.yaml",
    )
    result = invoke("check", str(one), env={**NO_LANG})
    assert result.exit_code == 0, result.stderr
    assert ": ok: 1 rep, 2026-03-02..2026-03-02 (1 working day)" in result.stdout
    assert ", 1 warning; calendar: weekends only" in result.stdout
    two = write(tmp_path, WARNS, "two.yaml")
    assert "2 reps" in invoke("check", str(two)).stdout


def test_the_error_summary_counts_in_words(tmp_path: Path) -> None:
    one = invoke("plan", str(write(tmp_path, INVALID)), env={**NO_LANG})
    assert "goalsplit: 1 error in the plan; nothing was written." in one.stderr
    two = write(tmp_path, INVALID.replace("target: -1", "target: -1\n    qouta: 1"), "two.yaml")
    result = invoke("plan", str(two), env={**NO_LANG})
    assert "goalsplit: 2 errors in the plan; nothing was written." in result.stderr
    assert "(s)" not in one.stderr


def test_errors_in_the_actuals_say_so(tmp_path: Path) -> None:
    actuals = tmp_path / "actuals.csv"
    actuals.write_text(
        "date,rep,revenue\n2026-01-05,张伟,x\n2026-01-06,张伟,-1\n", encoding="utf-8"
    )
    result = invoke("track", EAST, "-a", str(actuals), env={**NO_LANG})
    assert result.exit_code == 3
    assert "goalsplit: 2 errors in the actuals; nothing was written." in result.stderr
    assert "in the plan" not in result.stderr
    zh = invoke("track", EAST, "-a", str(actuals), "--lang", "zh")
    assert "实际数据文件有 2 处错误" in zh.stderr


def test_errors_in_a_history_for_rates_say_so(tmp_path: Path) -> None:
    history = tmp_path / "h.csv"
    history.write_text("rep,date,revenue,dials\nA,2025-10-01,x,3\n", encoding="utf-8")
    result = invoke("rates", str(history), env={**NO_LANG})
    assert result.exit_code == 3
    assert "goalsplit: 1 error in the history; nothing was written." in result.stderr


def test_the_summary_word_follows_the_error_kind() -> None:
    from goalsplit.errors import Issue, PlanError

    class ActivityError(PlanError):
        kind = "history"

    runner = CliRunner()
    with runner.isolation() as (_, err, _):
        cli._report_issues(
            [Issue((), "the file is empty")],
            "en",
            getattr(ActivityError([]), "kind", "plan"),
        )
        assert "1 error in the history" in err.getvalue().decode()


# --- issue 8: click's framing and --help in Chinese ---------------------------------------

ENGLISH_FRAMING = (
    "Usage:",
    "Try '",
    "Error",
    "Invalid value for",
    "does not exist",
    "No such option",
    "Missing argument",
    "Missing option",
    "Got unexpected extra argument",
    "requires an argument",
)


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (["plan"], "缺少参数 'PLAN'"),
        (["plan", "nope.yaml"], "'nope.yaml' 不存在"),
        (["plan", EAST, "--bogus"], "没有选项 --bogus"),
        (["plan", EAST, "--fmt", "json"], "是否想用 --format"),
        (["plan", EAST, "extra"], "多余的参数：extra"),
        (["plan", EAST, "-f", "xml"], "'xml' 不是以下之一"),
        (["track", EAST], "缺少选项 '--actuals'"),
        (["track", EAST, "-a"], "需要一个值"),
        (["rates", HISTORY, "--prior", "-1"], "必须至少为 0"),
        (["plan", EAST, "--rep", "Nobody"], "没有名为 'Nobody' 的销售"),
        (["nocmd"], "没有命令 'nocmd'"),
    ],
)
def test_usage_errors_in_chinese(args: list[str], chinese: str) -> None:
    result = invoke(*args, env={**NO_LANG, "GOALSPLIT_LANG": "zh"})
    assert result.exit_code == 2
    assert chinese in result.stderr
    for english in ENGLISH_FRAMING:
        assert english not in result.stderr, english


def test_lang_on_the_command_line_chooses_the_language_of_usage_errors() -> None:
    result = invoke("plan", "nope.yaml", "--lang", "zh", env={**NO_LANG})
    assert result.exit_code == 2
    assert "用法：goalsplit plan" in result.stderr and "错误" in result.stderr
    english = invoke("plan", "nope.yaml", env={**NO_LANG})
    assert "Usage: goalsplit plan" in english.stderr and "does not exist" in english.stderr


@pytest.mark.parametrize(
    "command", [[], ["plan"], ["today"], ["track"], ["rates"], ["check"], ["init"], ["schema"]]
)
def test_help_in_chinese(command: list[str]) -> None:
    result = invoke(*command, "--help", env={**NO_LANG, "GOALSPLIT_LANG": "zh", "COLUMNS": "80"})
    assert result.exit_code == 0
    assert "用法：goalsplit" in result.stdout
    assert "显示此帮助并退出。" in result.stdout
    for english in ("Usage:", "Options", "Arguments", "Show this message", "[default:"):
        assert english not in result.stdout, english
    assert "…" not in result.stdout  # Chinese help is folded, not cut short


def test_help_under_lang_zh_translates_every_help_text() -> None:
    from goalsplit.i18n import ZH

    result = invoke("track", "--help", "--lang", "zh", env={**NO_LANG})
    assert "计划对比实际" in result.stdout and "实际完成情况" in result.stdout
    assert "选项" in result.stdout and "参数" in result.stdout and "[必填]" in result.stdout
    command = typer.main.get_command(app)
    cli._translate_help(command, "zh")
    for sub in [command, *command.commands.values()]:  # type: ignore[attr-defined]
        for text in [sub.help, *(getattr(p, "help", None) for p in sub.params)]:
            assert not text or text in ZH.values(), text


def test_help_stays_english_by_default() -> None:
    result = invoke("plan", "--help", env={**NO_LANG})
    assert "Usage: goalsplit plan" in result.stdout and "Options" in result.stdout


# --- issue 8: the plan's lang: --------------------------------------------------------------

ZH_INVALID = "lang: zh\n" + dedent(INVALID)


@pytest.mark.parametrize("command", ["plan", "check"])
def test_the_plans_lang_applies_even_when_the_plan_is_invalid(tmp_path: Path, command: str) -> None:
    plan = write(tmp_path, ZH_INVALID)
    result = invoke(command, str(plan), env={**NO_LANG, "LANG": "en_US.UTF-8"})
    assert result.exit_code == 3
    assert "必须大于 0" in result.stderr
    assert "计划文件有 1 处错误" in result.stderr


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["--lang", "en"], {"GOALSPLIT_LANG": "zh"}, "en"),  # --lang wins
        ([], {"GOALSPLIT_LANG": "en"}, "en"),  # then GOALSPLIT_LANG
        ([], {"LANG": "en_US.UTF-8"}, "zh"),  # then the plan, over the locale
        ([], {}, "zh"),
    ],
)
def test_language_precedence_with_the_plans_lang(
    tmp_path: Path, args: list[str], env: dict[str, str], expected: str
) -> None:
    plan = write(tmp_path, ZH_INVALID)
    result = invoke("plan", str(plan), *args, env={**NO_LANG, **env})
    assert ("必须大于 0" in result.stderr) == (expected == "zh"), result.stderr


def test_a_plan_in_english_beats_a_chinese_locale(tmp_path: Path) -> None:
    plan = write(tmp_path, "lang: en\n" + dedent(INVALID))
    result = invoke("plan", str(plan), env={**NO_LANG, "LANG": "zh_CN.UTF-8"})
    assert "must be greater than 0" in result.stderr


def test_the_plans_lang_chooses_the_report_language(tmp_path: Path) -> None:
    plan = write(tmp_path, "lang: 'zh'   # 中文\n" + dedent(VALID))
    result = invoke("plan", str(plan), env={**NO_LANG})
    assert result.exit_code == 0, result.stderr
    assert "销售" in result.stdout


def test_init_lang_zh_writes_lang_zh(tmp_path: Path) -> None:
    zh = tmp_path / "zh.yaml"
    assert invoke("init", str(zh), "--lang", "zh").exit_code == 0
    assert "\nlang: zh " in zh.read_text(encoding="utf-8")
    checked = invoke("check", str(zh), env={**NO_LANG})
    assert "通过" in checked.stdout
    en = tmp_path / "en.yaml"
    assert invoke("init", str(en), "--lang", "en").exit_code == 0
    assert "\nlang:" not in en.read_text(encoding="utf-8")


# --- issue 8: today outside the period without --date -------------------------------------

ONE_REP = VALID.replace("[{name: A}, {name: B}]", "[{name: A}]")


def test_today_after_the_period_says_it_ended(tmp_path: Path) -> None:
    plan = write(tmp_path, ONE_REP.replace("2026-03", "2020-Q1"))
    result = invoke("today", str(plan), env={**NO_LANG})
    assert result.exit_code == 2
    assert result.stderr == "goalsplit: the period 2020-Q1 ended on 2020-03-31.\n"
    zh = invoke("today", str(plan), "--lang", "zh")
    assert zh.stderr == "goalsplit：周期 2020-Q1 已于 2020-03-31 结束。\n"


def test_today_before_the_period_says_when_it_starts(tmp_path: Path) -> None:
    plan = write(tmp_path, ONE_REP.replace("2026-03", "2199-Q4"))
    result = invoke("today", str(plan), env={**NO_LANG})
    assert result.exit_code == 2
    assert "the period 2199-Q4 starts on 2199-10-01" in result.stderr
    assert "--date" not in result.stderr


def test_today_with_an_explicit_date_outside_keeps_its_message(tmp_path: Path) -> None:
    plan = write(tmp_path, ONE_REP.replace("2026-03", "2020-Q1"))
    result = invoke("today", str(plan), "--date", "2026-01-01", env={**NO_LANG})
    assert result.exit_code == 2
    assert "'--date'" in result.stderr and "is outside the period" in result.stderr


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("2026-02-30", "2026-02-30 does not exist: February 2026 has 28 days"),
        ("2026-13-01", "2026-13-01 does not exist: there is no month 13"),
        ("1800-01-01", "1800-01-01 is outside the dates goalsplit accepts"),
        ("next monday", "expected a date written YYYY-MM-DD, got 'next monday'"),
    ],
)
def test_a_date_option_is_read_by_the_plans_rules(tmp_path: Path, written: str, said: str) -> None:
    plan = write(tmp_path, ONE_REP)
    for args in (["today", str(plan), "-d", written], ["track", str(plan), "-a", str(plan)]):
        if args[0] == "track":
            args += ["--as-of", written]
        result = invoke(*args, env={**NO_LANG, "COLUMNS": "200"})
        assert result.exit_code == 2
        assert said in result.stderr


# --- issue 8: init --period ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2027", "2027-01-01", "2027-12-31"),
        ("2027-H1", "2027-01-01", "2027-06-30"),
        ("2027-H2", "2027-07-01", "2027-12-31"),
        ("2027-Q1", "2027-01-01", "2027-03-31"),
        ("2027-q4", "2027-10-01", "2027-12-31"),
        ("2027-03", "2027-03-01", "2027-03-31"),
        ("2027-W05", "2027-02-01", "2027-02-07"),
        ("2026-W53", "2026-12-28", "2027-01-03"),
    ],
)
def test_init_period_writes_a_starter_for_that_period(
    tmp_path: Path, lang: str, period: str, start: str, end: str
) -> None:
    import re

    path = tmp_path / "plan.yaml"
    result = invoke("init", str(path), "--period", period, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert f"\nperiod: {period.upper()} " in text
    for day in re.findall(r"\d{4}-\d{2}-\d{2}", text):
        assert start <= day <= end, day
    checked = invoke("check", str(path), "--lang", "en")
    assert checked.exit_code == 0, checked.stderr
    assert f": ok: 3 reps, {period.upper()} " in checked.stdout


@pytest.mark.parametrize("period", ["2027-Q5", "2027-13", "2027-W54", "27-Q1", "1899", "2200", "x"])
def test_init_with_a_bad_period_is_a_usage_error(tmp_path: Path, period: str) -> None:
    path = tmp_path / "plan.yaml"
    result = invoke("init", str(path), "--period", period, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "expected a period such as 2027" in result.stderr
    assert not path.exists()


def test_init_defaults_to_the_current_quarter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_today", lambda: date(2031, 8, 15))
    path = tmp_path / "plan.yaml"
    assert invoke("init", str(path)).exit_code == 0
    assert "\nperiod: 2031-Q3 " in path.read_text(encoding="utf-8")


def test_the_error_count_includes_the_problems_not_listed(tmp_path: Path) -> None:
    reps = "\n".join(f"  - {{name: R{i}, weight: -1}}" for i in range(150))
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "period: 2026-03\ntarget: 1000\n"
        "rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}\n"
        f"reps:\n{reps}\n",
        encoding="utf-8",
    )
    result = invoke("check", str(plan), "--lang", "en")
    assert result.exit_code == 3
    assert "… and 50 more problems" in result.stderr
    assert result.stderr.rstrip().endswith(
        "goalsplit: 150 errors in the plan; nothing was written."
    )


def test_control_characters_in_names_never_reach_the_terminal_in_messages(
    tmp_path: Path,
) -> None:
    (tmp_path / "past.csv").write_text(
        "date,rep,revenue,pipeline,intents,deep_talks,connects,dials\n"
        "2026-02-02,A,100,300,1,5,20,50\n"
        "2026-02-02,Z\x1b[31mred,100,300,1,5,20,50\n",
        encoding="utf-8",
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "period: 2026-03\ntarget: 1000\nhistory: past.csv\n"
        "rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}\n"
        "reps: [{name: A}]\n",
        encoding="utf-8",
    )
    result = invoke("plan", str(plan), "--lang", "en", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stderr
    assert "Z\\x1b[31mred" in result.stderr  # the note naming reps not in the plan

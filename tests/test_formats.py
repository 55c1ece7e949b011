"""Every output format of `plan` and `today`, in both languages, on the examples."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from goalsplit.cli import app
from goalsplit.render import Format
from tests.conftest import EXAMPLES

EAST = str(EXAMPLES / "east-1-q1.yaml")
FIELD = str(EXAMPLES / "field-team-2026-03.yaml")
HISTORY_PLAN = str(EXAMPLES / "east-1-q1-history.yaml")
YEAR = str(EXAMPLES / "east-1-2026.yaml")
CASES = {
    "east-1-q1": (EAST, "张伟", "2026-02-24"),
    "field-team": (FIELD, "Mia Schulz", "2026-03-12"),
    "east-1-q1-history": (HISTORY_PLAN, "王芳", "2026-02-24"),
    "east-1-2026": (YEAR, "王芳", "2026-04-15"),
}
SUFFIX = {Format.table: "txt", Format.json: "json", Format.csv: "csv", Format.markdown: "md"}


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, list(args), env=env)
    return result


def flat(text: str) -> str:
    """Usage errors come in a box that wraps lines: compare words, not layout."""
    for char in "│╭╮╰╯─":
        text = text.replace(char, " ")
    return " ".join(text.split())


def ok(*args: str, env: dict[str, str] | None = None) -> str:
    result = invoke(*args, env=env)
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def stable(fmt: Format, text: str) -> str:
    """Golden form: JSON pretty-printed so that diffs are readable."""
    if fmt is Format.json:
        return json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    return text


# JSON keys and values never change with the language (only stage labels do, and
# test_json_is_the_same_in_both_languages checks that), so JSON has English goldens only.
# xlsx and HTML have their own tests (tests/test_xlsx.py, tests/test_html.py).
TEXT_FORMATS = [Format.table, Format.json, Format.csv, Format.markdown]
LANG_FORMATS = [
    (lang, fmt)
    for lang in ("en", "zh")
    for fmt in TEXT_FORMATS
    if lang == "en" or fmt is not Format.json
]


@pytest.mark.parametrize(("lang", "fmt"), LANG_FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_plan_golden(case: str, fmt: Format, lang: str, golden) -> None:  # type: ignore[no-untyped-def]
    path = CASES[case][0]
    text = ok("plan", path, "--format", fmt.value, "--lang", lang)
    golden(f"plan/{case}.{lang}.{SUFFIX[fmt]}", stable(fmt, text))


@pytest.mark.parametrize(("lang", "fmt"), LANG_FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_today_golden(case: str, fmt: Format, lang: str, golden) -> None:  # type: ignore[no-untyped-def]
    path, rep, day = CASES[case]
    text = ok("today", path, "--rep", rep, "--date", day, "--format", fmt.value, "--lang", lang)
    golden(f"today/{case}.{lang}.{SUFFIX[fmt]}", stable(fmt, text))


@pytest.mark.parametrize("command", ["plan", "today"])
@pytest.mark.parametrize("case", list(CASES))
def test_json_is_the_same_in_both_languages(case: str, command: str) -> None:
    path, rep, day = CASES[case]
    args = [command, path, "-f", "json"]
    if command == "today":
        args += ["--rep", rep, "--date", day]
    english = json.loads(ok(*args, "--lang", "en"))
    chinese = json.loads(ok(*args, "--lang", "zh"))
    labels = [stage.pop("label") for stage in chinese["stages"]]
    assert [stage.pop("label") for stage in english["stages"]] != labels
    assert chinese == english
    from goalsplit.i18n import STAGE_LABELS

    for name, label in zip((s["name"] for s in english["stages"]), labels, strict=True):
        if name in STAGE_LABELS:
            assert label == STAGE_LABELS[name]["zh"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_today_on_a_day_off_golden(lang: str, golden) -> None:  # type: ignore[no-untyped-def]
    # Saturday in the Spring Festival week: the next working day is Tuesday 02-24.
    text = ok("today", EAST, "--rep", "王芳", "--date", "2026-02-21", "--lang", lang)
    golden(f"today/east-1-q1.day-off.{lang}.txt", text)


def test_csv_reads_back_with_a_bom_and_consistent_numbers() -> None:
    raw = ok("plan", EAST, "--format", "csv", "--daily")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw.removeprefix("\ufeff"))))
    header, body = rows[0], rows[1:]
    assert header[:8] == [
        "Rep",
        "Stage",
        "Label",
        "Unit",
        "Working days",
        "Exact total",
        "Total",
        "Per working day",
    ]
    weeks = [i for i, h in enumerate(header) if "-W" in h]
    days = [i for i, h in enumerate(header) if len(h) == 10 and h[4] == "-"]
    assert len(weeks) == 14 and len(days) == 57
    assert len(body) == 5 * 6
    for row in body:
        assert len(row) == len(header)
        total = int(row[6])
        assert sum(int(row[i]) for i in weeks) == total
        assert sum(int(row[i]) for i in days if row[i]) == total
        assert float(row[5]) <= total < float(row[5]) + 1
    assert {row[0] for row in body} == {"张伟", "李娜", "王芳", "刘洋", "Chen Jie"}


def test_csv_header_follows_the_language() -> None:
    raw = ok("plan", EAST, "--format", "csv", "--lang", "zh")
    header = next(csv.reader(io.StringIO(raw.removeprefix("\ufeff"))))
    assert header[:3] == ["销售", "阶段", "名称"]
    rows = list(csv.reader(io.StringIO(raw.removeprefix("\ufeff"))))
    assert rows[1][2] == "业绩" and rows[6][2] == "外呼"


@pytest.mark.parametrize(
    "args",
    [["plan", EAST], ["plan", FIELD, "--daily"], ["today", EAST, "-r", "李娜", "-d", "2026-03-03"]],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_tables_are_well_formed(args: list[str], lang: str) -> None:
    text = ok(*args, "--format", "markdown", "--lang", lang)
    tables: list[list[str]] = []
    current: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    assert tables
    for table in tables:
        width = table[0].count("|")
        assert all(row.count("|") - row.count("\\|") == width for row in table)
        assert set(table[1]) <= set("|:-")
        assert len(table) >= 3


def test_no_ansi_codes_in_any_format_when_piped() -> None:
    for fmt in Format:
        assert "\x1b[" not in ok("plan", EAST, "--format", fmt.value)
        assert "\x1b[" not in ok("today", EAST, "-r", "张伟", "-d", "2026-01-05", "-f", fmt.value)


@settings(max_examples=40, deadline=None)
@given(offset=st.integers(0, 89), rep=st.sampled_from(["张伟", "李娜", "王芳", "刘洋", "Chen Jie"]))
def test_today_json_equals_plan_daily_for_the_same_date(offset: int, rep: str) -> None:
    day = date(2026, 1, 1) + timedelta(days=offset)
    card = json.loads(ok("today", EAST, "-r", rep, "-d", day.isoformat(), "-f", "json"))
    plan = PLAN_DAILY[rep]
    days = {d["date"]: d["targets"] for d in plan["days"]}
    assert card["working_day"] == (day.isoformat() in days)
    assert card["days"] == plan["working_days"]
    through = [d for d in plan["days"] if d["date"] <= day.isoformat()]
    for stage in card["targets"]:
        assert card["period_to_date"][stage] == sum(d["targets"][stage] for d in through)
    if card["card_date"] is not None:
        assert card["targets"] == days[card["card_date"]]
        assert card["card_date"] >= day.isoformat()
        assert card["day"] == sorted(days).index(card["card_date"]) + 1
        week = next(w for w in plan["weeks"] if w["week"] == card["week"]["week"])
        assert card["week"]["targets"] == week["targets"]
        assert card["week"]["working_days"] == week["working_days"]
        left = [d for d in days if card["card_date"] <= d <= week["end"]]
        assert card["week"]["remaining_working_days"] == len(left)
    else:
        assert set(card["targets"].values()) == {0}


PLAN_DAILY = {
    rep["name"]: rep
    for rep in json.loads(
        CliRunner().invoke(app, ["plan", EAST, "--format", "json", "--daily"]).stdout
    )["reps"]
}


def test_a_card_after_the_last_working_day() -> None:
    card = json.loads(ok("today", EAST, "-r", "刘洋", "-d", "2026-03-31", "-f", "json"))
    assert card["working_day"] is True and card["day"] == card["days"]
    after = ok("today", FIELD, "-r", "Lukas Braun", "-d", "2026-03-28", "--lang", "en")
    assert " ".join(after.split()).startswith(
        "2026-03-28 (Sat) is not a working day for Lukas Braun: weekend. Here is "
        "the next one, 2026-03-30 (Mon)."
    )


def test_today_usage_errors() -> None:
    outside = invoke("today", EAST, "-r", "张伟", "-d", "2026-04-01", "--lang", "en")
    assert outside.exit_code == 2
    assert "2026-04-01 is outside the period 2026-01-01..2026-03-31" in flat(outside.stderr)
    unknown = invoke("today", EAST, "-r", "Nobody", "-d", "2026-02-02")
    assert unknown.exit_code == 2 and "Chen Jie" in unknown.stderr
    missing = invoke("today", EAST, "-d", "2026-02-02")
    assert missing.exit_code == 2 and "张伟" in missing.stderr
    bad = invoke("today", EAST, "-r", "张伟", "-d", "24/02/2026")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.stderr
    for result in (outside, unknown, missing, bad):
        assert "Traceback" not in result.stderr and result.stdout == ""


def test_today_defaults_to_the_only_rep() -> None:
    text = ok(
        "today", str(EXAMPLES / "field-team-2026-03.yaml"), "-r", "Anna Keller", "-d", "2026-03-02"
    )
    assert "Anna Keller — Mon 2026-03-02, working day 1 of 22" in text


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"GOALSPLIT_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
        ({"GOALSPLIT_LANG": "", "LANG": "zh_CN.UTF-8"}, "zh"),
        ({"GOALSPLIT_LANG": "", "LC_ALL": "", "LANG": "C.UTF-8"}, "en"),
        ({"GOALSPLIT_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ],
)
def test_language_comes_from_the_environment(env: dict[str, str], expected: str) -> None:
    text = ok("plan", FIELD, env={"LC_ALL": "", "LC_MESSAGES": "", **env})
    assert ("团队" in text) == (expected == "zh")


def test_lang_option_wins_and_is_checked() -> None:
    assert "Team" in ok("plan", FIELD, "--lang", "en", env={"GOALSPLIT_LANG": "zh"})
    result = invoke("plan", FIELD, "--lang", "fr")
    assert result.exit_code == 2


def test_errors_and_warnings_in_chinese(tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "period: 2026-03\ntarget: -1\nstretsh: 1\n"
        "rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}\n"
        "reps: [{name: A}]\n",
        encoding="utf-8",
    )
    result = invoke("plan", str(plan), "--lang", "zh")
    assert result.exit_code == 3
    assert f"{plan}:2:9: target: 必须大于 0，实际为 -1" in result.stderr
    assert f"{plan}:3:1: stretsh: 未知的键 'stretsh'；是否想写 'stretch'？" in result.stderr
    assert "goalsplit：计划文件有 2 处错误；未写出任何内容。" in result.stderr
    plan.write_text(
        "period: 2027-01\ncalendar: {country: CN}\ntarget: 100\n"
        "rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}\n"
        "reps: [{name: A}]\n",
        encoding="utf-8",
    )
    warned = invoke("check", str(plan), "--lang", "zh")
    assert warned.exit_code == 0
    assert "警告：calendar.country: CN 的节假日数据只到 2026 年" in warned.stderr


def test_daily_table_golden(golden) -> None:  # type: ignore[no-untyped-def]
    for lang in ("en", "zh"):
        text = ok("plan", EAST, "--rep", "王芳", "--daily", "--lang", lang)
        golden(f"plan/east-1-q1.wang-fang.daily.{lang}.txt", text)


def test_csv_uses_excel_line_ends() -> None:
    from goalsplit.breakdown import build_breakdown
    from goalsplit.load import load_plan
    from goalsplit.render import ReportOptions, render_text

    text = render_text(Format.csv, build_breakdown(load_plan(EAST).plan), ReportOptions())
    assert text.startswith("\ufeffRep,Stage,")
    assert text.count("\r\n") == 1 + 5 * 6 and "\n" not in text.replace("\r\n", "")

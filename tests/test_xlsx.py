"""Excel in and out (issue 12): workbooks read back with openpyxl, numbers against
the JSON report, charts against the cells they are drawn from, activity read from
.xlsx with the CSV's rules and located errors (Sheet!C7)."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from goalsplit.cli import app
from goalsplit.render.xlsx import sheet_name
from goalsplit.workbook import cell_name, column_letter
from tests.conftest import EXAMPLES, dedent

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("xlsxwriter")

EAST = str(EXAMPLES / "east-1-q1.yaml")
YEAR = str(EXAMPLES / "east-1-2026.yaml")
ACTUALS = str(EXAMPLES / "east-1-q1-actuals.csv")
ACTUALS_XLSX = str(EXAMPLES / "east-1-q1-actuals.xlsx")
HISTORY = str(EXAMPLES / "east-1-history.csv")
NAMES = ["张伟", "李娜", "王芳", "刘洋", "Chen Jie"]


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def ok(*args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def workbook(tmp_path: Path, *args: str, name: str = "report.xlsx") -> Any:
    path = tmp_path / name
    result = invoke(*args, "-f", "xlsx", "-o", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_bytes()[:4] == b"PK\x03\x04"
    return openpyxl.load_workbook(path), path


def rows_of(sheet: Any) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def table_at(sheet: Any, header_first: str) -> tuple[int, list[tuple[Any, ...]]]:
    """The header row's index (1-based) whose first cell is ``header_first``, and the
    rows under it up to the first blank row or line of text (a caption, a note)."""
    rows = rows_of(sheet)
    for i, row in enumerate(rows):
        if row and row[0] == header_first:
            body = []
            for below in rows[i + 1 :]:
                if not below or all(cell is None for cell in below[1:]):
                    break
                body.append(below)
            return i + 1, body
    raise AssertionError(f"no table headed {header_first!r} in {sheet.title}")


# --- xlsx out --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plan_workbook_numbers_equal_the_json_report(tmp_path: Path, lang: str) -> None:
    book, _ = workbook(tmp_path, "plan", EAST, "--lang", lang)
    document = json.loads(ok("plan", EAST, "-f", "json"))
    team = "Team" if lang == "en" else "团队"
    assert book.sheetnames == [team, *NAMES]  # Chinese names intact
    week = "Week" if lang == "en" else "周"
    total = "Total" if lang == "en" else "合计"
    names = [stage["name"] for stage in document["stages"]]
    for rep in document["reps"]:
        sheet = book[rep["name"]]
        header, body = table_at(sheet, week)
        weeks = [row for row in body if row[0] != total]
        assert len(weeks) == len(rep["weeks"])
        for row, expected in zip(weeks, rep["weeks"], strict=True):
            assert row[0].startswith(expected["week"][-3:])
            assert row[1] == expected["working_days"]
            assert list(row[2 : 2 + len(names)]) == [expected["targets"][n] for n in names]
        footer = body[-1]
        assert footer[0] == total
        for k in range(len(names)):  # the footer is the sum of the weeks
            assert footer[2 + k] == sum(row[2 + k] for row in weeks)
        assert sheet.freeze_panes == f"B{header + 1}"
        assert sheet.auto_filter.ref == f"A{header}:H{header + len(body) - 1}"
        assert sheet.cell(header + 1, 3).number_format == '"¥"#,##0'  # currency: CNY
    summary = book[team]
    header, body = table_at(summary, "Rep" if lang == "en" else "销售")
    quotas = {row[0]: row[2] for row in body}
    for rep in document["reps"]:  # the quota as scheduled: the weeks' revenue
        assert quotas[rep["name"]] == sum(week["targets"]["revenue"] for week in rep["weeks"])
    assert quotas["Team" if lang == "en" else "团队"] == pytest.approx(document["allocated"])


def test_number_formats_show_what_the_text_report_shows(tmp_path: Path) -> None:
    """Money in the plan's currency, whole numbers without a stray point ("57." is what
    Excel shows for 57 under "#,##0.##"), and a floor's ^ after the number, which stays
    a number."""
    book, _ = workbook(tmp_path, "plan", str(EXAMPLES / "field-team-2026-03.yaml"))
    anna = book["Anna Keller"]
    header, body = table_at(anna, "Week")
    w10 = body[1]
    assert w10[:6] == ("W10 03-02", 5, 10012, 3, 11, 40)
    formats = [anna.cell(header + 2, col).number_format for col in range(2, 7)]
    assert formats == ["#,##0", '#,##0 "€"', "#,##0", "#,##0", '#,##0"^"']
    assert "^ = the daily floor lifts the funnel's number" in " ".join(
        str(row[0]) for row in rows_of(anna)
    )
    summary = book["Team"]
    header, body = table_at(summary, "Rep")
    assert summary.cell(header + 1, 2).number_format == "#,##0"  # 22 days, a whole number
    assert summary.cell(header + 1, 4).number_format == "#,##0.0"  # 0.5 deals a day
    for sheet in book.worksheets:  # no format with optional decimals holds a whole number
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, int) and not isinstance(cell.value, bool):
                    assert not re.search(r"\.#", cell.number_format), (sheet.title, cell)
    rates, _ = workbook(tmp_path, "rates", HISTORY, name="rates.xlsx")
    data = rates[rates.sheetnames[-1]]
    sample = [c for c in next(data.iter_rows(min_row=2, max_row=2)) if isinstance(c.value, int)]
    assert sample and all(c.number_format == "#,##0" for c in sample)
    # Another currency follows the number, as written.
    plan = tmp_path / "chf.yaml"
    plan.write_text(
        (EXAMPLES / "field-team-2026-03.yaml")
        .read_text(encoding="utf-8")
        .replace("currency: EUR", "currency: CHF"),
        encoding="utf-8",
    )
    chf, _ = workbook(tmp_path, "plan", str(plan), name="chf.xlsx")
    header, _ = table_at(chf["Team"], "Rep")
    assert chf["Team"].cell(header + 1, 3).number_format == '#,##0 "CHF"'


def chart_refs(path: Path) -> list[tuple[str, list[str]]]:
    """Each chart's title text and the cell ranges its series read."""
    charts = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(
            n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)
        ):
            xml = archive.read(name).decode("utf-8")
            title = "".join(re.findall(r"<a:t>([^<]*)</a:t>", xml))
            charts.append((title, re.findall(r"<c:f>([^<]*)</c:f>", xml)))
    return charts


def test_plan_charts_point_at_the_weeks_of_each_rep(tmp_path: Path) -> None:
    book, path = workbook(tmp_path, "plan", EAST)
    charts = chart_refs(path)
    titles = [title for title, _ in charts]
    assert "Quota per rep" in titles
    for name in NAMES:
        weekly = next(refs for title, refs in charts if title == f"{name} — targets by week")
        sheet = book[name]
        header, body = table_at(sheet, "Week")
        first, last = header + 1, header + len(body) - 1  # the weeks, not the total
        quoted = f"'{name}'" if " " in name else name
        assert weekly == [
            f"{quoted}!$C${header}",
            f"{quoted}!$A${first}:$A${last}",
            f"{quoted}!$C${first}:$C${last}",
        ]
        assert not any("funnel" in title for title in titles)  # the HTML page's


def test_track_workbook_plan_against_actual(tmp_path: Path) -> None:
    book, path = workbook(tmp_path, "track", EAST, "-a", ACTUALS, "--lang", "zh")
    document = json.loads(ok("track", EAST, "-a", ACTUALS, "-f", "json"))
    header, body = table_at(book["团队"], "#")
    by_name = {row[1]: row for row in body}
    for rep in document["reps"]:
        row = by_name[rep["name"]]
        revenue = rep["stages"]["revenue"]
        assert row[2] == revenue["actual_to_date"]
        assert row[3] == revenue["planned_to_date"]
        assert row[4] == pytest.approx(revenue["pct"] / 100)  # a real percentage
        sheet = book[rep["name"]]
        _, stages = table_at(sheet, "阶段")
        assert [r[1] for r in stages] == [s["planned_to_date"] for s in rep["stages"].values()]
        assert [r[2] for r in stages] == [s["actual_to_date"] for s in rep["stages"].values()]
    assert by_name["团队"][2] == document["team"]["actual_to_date"]  # the team's row
    charts = chart_refs(path)
    team = next(refs for title, refs in charts if title == "截至目前：计划与实际")
    first, last = header + 1, header + len(body) - 1  # the reps, not the team's row
    assert team == [
        f"团队!$D${header}",
        f"团队!$B${first}:$B${last}",
        f"团队!$D${first}:$D${last}",
        f"团队!$C${header}",
        f"团队!$B${first}:$B${last}",
        f"团队!$C${first}:$C${last}",
    ]


@pytest.mark.parametrize(("lang", "sheets"), [("en", ("Reps", "Rep")), ("zh", ("销售", "销售"))])
def test_rates_workbook_numbers_equal_the_json_report(
    tmp_path: Path, lang: str, sheets: tuple[str, str]
) -> None:
    book, _ = workbook(tmp_path, "rates", HISTORY, "--lang", lang)
    document = json.loads(ok("rates", HISTORY, "-f", "json", "--lang", lang))
    _, body = table_at(book[sheets[0]], sheets[1])
    labels = {s["label"]: s["name"] for s in document["stages"]}  # in the report's language
    reps = {r["name"]: r["rates"] for r in document["reps"]}
    assert len(body) == sum(len(r) for r in reps.values())
    for row in body:
        expected = reps[row[0]][labels[row[1]]]  # every row names its rep
        assert row[2] == pytest.approx(expected["raw"])
        assert row[3] == pytest.approx(expected["used"])
        assert row[4] == pytest.approx(expected["sample"])
    data = rows_of(book[book.sheetnames[-1]])
    assert data[0][:3] == (("Rep", "Stage", "Label") if lang == "en" else ("销售", "阶段", "名称"))


def test_daily_sheets_hold_real_dates(tmp_path: Path) -> None:
    book, _ = workbook(tmp_path, "plan", EAST, "--daily", "--rep", "王芳")
    sheet = book["王芳"]
    _, days = table_at(sheet, "Date")
    document = json.loads(ok("plan", EAST, "-f", "json", "--rep", "王芳"))
    start = date.fromisoformat(document["reps"][0]["start"])
    assert isinstance(days[0][0], datetime) and days[0][0].date() >= start
    assert sum(row[1] for row in days[:-1]) == days[-1][1]


def test_year_workbook_reads_by_month(tmp_path: Path) -> None:
    book, path = workbook(tmp_path, "plan", YEAR)
    _, months = table_at(book[book.sheetnames[1]], "Month")
    assert len(months) == 13  # twelve months and the total
    assert any("targets by month" in title for title, _ in chart_refs(path))


def test_sheet_names_are_safe_and_unique() -> None:
    taken: set[str] = set()
    assert sheet_name("a/b:c*d?e[f]g\\h", taken) == "a_b_c_d_e_f_g_h"
    assert sheet_name("A/B:C*D?E[F]G\\H", taken) == "A_B_C_D_E_F_G_H (2)"  # case-blind
    long = "x" * 40
    assert sheet_name(long, taken) == "x" * 31
    assert sheet_name(long, taken) == "x" * 27 + " (2)"
    assert sheet_name("'quoted'", taken) == "quoted"
    assert sheet_name("History", taken) == "History_"
    assert sheet_name("   ", taken) == "_"
    assert all(len(name) <= 31 for name in taken)


@pytest.mark.parametrize(("lang", "team"), [("en", "Team"), ("zh", "团队")])
def test_a_rep_named_like_the_summary_sheet_keeps_a_sheet_of_their_own(
    tmp_path: Path, lang: str, team: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        dedent(
            f"""
            period: 2026-Q1
            target: 100000
            rates: {{pipeline: 0.3, intents: 10000, deep_talks: 0.2, connects: 0.25, dials: 0.4}}
            reps: [{{name: Ann}}, {{name: {team}}}]
            """
        ),
        encoding="utf-8",
    )
    book, path = workbook(tmp_path, "plan", str(plan), "--lang", lang)
    assert book.sheetnames == [team, "Ann", f"{team} (2)"]
    _, body = table_at(book[f"{team} (2)"], "Week" if lang == "en" else "周")
    assert body  # the rep's weeks, on the rep's sheet
    assert len(table_at(book[team], "Rep" if lang == "en" else "销售")[1]) == 3  # 2 reps, team
    titles = [title for title, _ in chart_refs(path)]
    assert sum(title.startswith(f"{team} — ") for title in titles) == 1  # the rep's chart
    page = invoke("plan", str(plan), "--lang", lang, "-f", "html").stdout
    assert page.count(f'data-rep="{team}"') == 1  # a section of the rep's own
    assert "\\x00" not in page


def test_a_rep_named_like_a_formula_stays_text(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        dedent(
            """
            period: 2026-03
            target: 1000
            rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}
            reps: [{name: "=HYPERLINK(\\"http://x\\")"}, {name: "a/b"}, {name: "A/B"}]
            """
        ),
        encoding="utf-8",
    )
    book, _ = workbook(tmp_path, "plan", str(plan))
    assert book.sheetnames[1:4] == ['=HYPERLINK("http___x")', "a_b", "A_B (2)"]
    _, body = table_at(book[book.sheetnames[0]], "Rep")
    assert body[0][0] == '=HYPERLINK("http://x")'  # a string cell, not a formula


def test_xlsx_to_a_terminal_is_a_usage_error() -> None:
    main, child = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "goalsplit", "plan", EAST, "-f", "xlsx"],
            stdout=child,
            stderr=subprocess.PIPE,
            check=False,
            env={**os.environ, "COLUMNS": "200"},
        )
    finally:
        os.close(child)
        os.close(main)
    assert result.returncode == 2
    assert b"-o FILE.xlsx" in result.stderr


def test_xlsx_into_a_pipe_writes_the_workbook() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "goalsplit", "plan", EAST, "-f", "xlsx"],
        capture_output=True,
        check=True,
    )
    assert result.stdout[:4] == b"PK\x03\x04"


@pytest.mark.parametrize("fmt", ["xlsx", "html"])
def test_a_missing_extra_is_a_one_line_hint(monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name in ("xlsxwriter", "matplotlib") else real(name, *a),
    )
    result = invoke("plan", EAST, "-f", fmt, "-o", os.devnull)
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "pip install 'goalsplit[reports]'" in result.stderr


def test_reading_a_workbook_without_the_extra_is_a_one_line_hint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "python_calamine" else real(name, *a),
    )
    for args in (["track", EAST, "-a", ACTUALS_XLSX], ["rates", ACTUALS_XLSX]):
        result = invoke(*args)
        assert result.exit_code == 2
        assert result.stderr.strip().count("\n") == 0
        assert "python-calamine" in result.stderr


def modules_loaded_by(args: list[str]) -> set[str]:
    code = (
        "import sys; from goalsplit.cli import app\n"
        f"try: app({args!r})\nexcept SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('xlsxwriter', 'openpyxl', 'python_calamine', 'matplotlib', 'numpy', 'PIL')), "
        "file=sys.stderr)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stderr
    return set(json.loads(out.strip().splitlines()[-1].replace("'", '"')))


@pytest.mark.parametrize(
    "args",
    [["--version"], ["plan", EAST, "-f", "table"], ["plan", EAST, "-f", "csv"]],
)
def test_reports_extra_is_imported_only_for_its_formats(args: list[str]) -> None:
    assert modules_loaded_by(args) == set()


# --- xlsx in ---------------------------------------------------------------------------


def test_actuals_from_the_crm_export_equal_the_csv() -> None:
    """examples/east-1-q1-actuals.xlsx: Chinese headers, a department column, real
    Excel dates; the same numbers as the CSV."""
    from_csv = json.loads(ok("track", EAST, "-a", ACTUALS, "-f", "json"))
    from_xlsx = json.loads(ok("track", EAST, "-a", ACTUALS_XLSX, "-f", "json"))
    from_csv["actuals"].pop("file", None)
    from_xlsx["actuals"].pop("file", None)
    assert from_xlsx == from_csv
    evening = ["today", EAST, "-r", "张伟", "-d", "2026-02-13", "-f", "json"]
    assert json.loads(ok(*evening, "-a", ACTUALS_XLSX)) == json.loads(ok(*evening, "-a", ACTUALS))


def write_book(path: Path, rows: list[list[Any]], title: str = "Sheet1") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_history_workbook_with_text_and_real_dates_and_a_sheet(tmp_path: Path) -> None:
    header = ["rep", "month", "revenue", "pipeline", "intents", "deep_talks", "connects", "dials"]
    csv_path = tmp_path / "h.csv"
    rows = [
        ["A", "2025-11", 3000, 10000, 1, 5, 20, 50],
        ["B", "2025-12", 4500, 15000, 1.5, 8, 31, 80],
    ]
    csv_path.write_text(
        "\n".join(",".join(map(str, r)) for r in [header, *rows]) + "\n", encoding="utf-8"
    )
    book = openpyxl.Workbook()
    book.active.title = "notes"
    sheet = book.create_sheet("活动")
    sheet.append(["销售", "月份", "业绩", "储备金额", "意向客户", "深入沟通", "外呼接通", "外呼"])
    sheet.append(["A", datetime(2025, 11, 1), 3000, 10000, 1, 5, 20, 50])  # a real date
    sheet.append(["B", "2025-12", 4500.0, 15000, 1.5, 8, 31, 80])  # text, a float
    book.save(tmp_path / "h.xlsx")
    expected = json.loads(ok("rates", str(csv_path), "-f", "json"))
    got = json.loads(ok("rates", str(tmp_path / "h.xlsx"), "--sheet", "活动", "-f", "json"))
    expected.pop("source")
    got.pop("source")
    assert got == expected
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        dedent(
            """
            period: 2026-03
            target: 10000
            history: {file: h2.xlsx}
            reps: [{name: A}, {name: B}]
            """
        ),
        encoding="utf-8",
    )
    write_book(tmp_path / "h2.xlsx", [header, *rows])  # the first sheet
    by_xlsx = json.loads(ok("plan", str(plan), "-f", "json"))
    plan.write_text(plan.read_text(encoding="utf-8").replace("h2.xlsx", "h.csv"), "utf-8")
    by_csv = json.loads(ok("plan", str(plan), "-f", "json"))
    by_xlsx.pop("history")
    by_csv.pop("history")
    assert by_xlsx == by_csv
    # history: {file, sheet}: the sheet named in the plan, as --sheet names it.
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("{file: h.csv}", "{file: h.xlsx, sheet: 活动}"),
        "utf-8",
    )
    by_sheet = json.loads(ok("plan", str(plan), "-f", "json"))
    by_sheet.pop("history")
    assert by_sheet == by_csv
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("h.xlsx, sheet: 活动", "h.csv, sheet: x"),
        "utf-8",
    )
    wrong = invoke("plan", str(plan))
    assert wrong.exit_code == 3
    assert "plan.yaml:3:31: history.sheet: a sheet is for a workbook (.xlsx); h.csv is CSV" in (
        wrong.stderr
    )


def test_errors_name_the_sheet_and_the_cell(tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "actuals.xlsx",
        [
            ["date", "rep", "revenue", "dials"],
            [date(2026, 1, 5), "张伟", 100, 20],
            [date(2026, 1, 6), "张伟", "lots", 20],
            ["2026-13-01", "李娜", 100, 3],
            [date(2026, 1, 7), "", 100, 3],
            [date(2026, 1, 8), "李娜", 100, -3],
        ],
        title="May 2026",
    )
    result = invoke("track", EAST, "-a", str(path))
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert [lines[0], lines[2]] == [
        f"{path}:'May 2026'!C3: revenue: 'lots' is not a number",
        f"{path}:'May 2026'!B5: the rep's name is empty",
    ]
    assert lines[3] == f"{path}:'May 2026'!D6: dials: '-3' is negative"
    assert lines[1].startswith(f"{path}:'May 2026'!A4: 2026-13-01")  # the row stops there
    assert lines[-1] == "goalsplit: 4 errors in the actuals; nothing was written."
    zh = invoke("track", EAST, "-a", str(path), "--lang", "zh")
    assert f"{path}:'May 2026'!C3: revenue：'lots' 不是数字" in zh.stderr


def test_missing_columns_and_sheets_and_legacy_files(tmp_path: Path) -> None:
    path = write_book(tmp_path / "a.xlsx", [["when", "who", "revenue"]], title="Export")
    result = invoke("track", EAST, "-a", str(path))
    assert result.exit_code == 3
    assert result.stderr.startswith(f"{path}:Export!A1: missing columns: rep, date;")
    assert (
        "no sheet named 'Nope'; the sheets are: Export"
        in invoke("track", EAST, "-a", str(path), "--sheet", "Nope").stderr
    )
    legacy = tmp_path / "old.xls"  # read by calamine when real; this one is damaged
    legacy.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    result = invoke("track", EAST, "-a", str(legacy))
    assert result.exit_code == 3
    assert result.stderr.startswith(f"{legacy}: not an Excel workbook: ")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    assert "not an Excel workbook" in invoke("track", EAST, "-a", str(broken)).stderr
    on_csv = invoke("track", EAST, "-a", ACTUALS, "--sheet", "Data")
    assert on_csv.exit_code == 2  # a usage error: the option does not fit the file
    assert "--sheet Data is for a workbook" in on_csv.stderr
    assert invoke("rates", HISTORY, "--sheet", "Data").exit_code == 2


def test_cell_names() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
    assert cell_name("Sheet1", 7, 3) == "Sheet1!C7"
    assert cell_name("销售日报", 2, 1) == "销售日报!A2"
    assert cell_name("May 2026", 7, None) == "'May 2026'!7:7"
    assert cell_name("it's", 1, 1) == "'it''s'!A1"
    assert cell_name("2026月报", 10, 3) == "'2026月报'!C10"  # a digit first, as Excel quotes it
    assert cell_name("A1", 2, 1) == "'A1'!A2" and cell_name("R1C1", 2, 1) == "'R1C1'!A2"
    assert cell_name("Data_2026", 2, 1) == "Data_2026!A2"


def test_a_table_that_starts_below_and_right_of_a1_keeps_its_cell_names(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Export"
    sheet["C3"], sheet["D3"], sheet["E3"] = "date", "rep", "revenue"
    sheet["C4"], sheet["D4"], sheet["E4"] = date(2026, 1, 5), "张伟", 100
    sheet["C6"], sheet["D6"], sheet["E6"] = "2026-01-06", "张伟", "x"
    book.save(tmp_path / "offset.xlsx")
    result = invoke("track", EAST, "-a", str(tmp_path / "offset.xlsx"))
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path / 'offset.xlsx'}:Export!E6: revenue: 'x' is not a number"
    )
    book["Export"]["C2"] = "a title above the table"  # the first row with anything in it
    book.save(tmp_path / "offset.xlsx")
    result = invoke("track", EAST, "-a", str(tmp_path / "offset.xlsx"))
    assert "Export!A2: missing columns: rep, date," in result.stderr
    del book["Export"]["C2"]
    for row in book["Export"].iter_rows():
        for cell in row:
            cell.value = None
    sheet = book["Export"]
    sheet["B1"], sheet["C1"], sheet["D1"] = "date", "rep", "revenue"
    sheet["B2"], sheet["C2"], sheet["D2"] = date(2026, 1, 5), "张伟", 100
    sheet["B4"], sheet["C4"], sheet["D4"] = "2026-01-06", "张伟", "x"
    book.save(tmp_path / "offset.xlsx")
    result = invoke("track", EAST, "-a", str(tmp_path / "offset.xlsx"))
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path / 'offset.xlsx'}:Export!D4: revenue: 'x' is not a number"
    )


def test_compare_and_reach_workbooks_name_their_sheets(tmp_path: Path) -> None:
    call = str(EXAMPLES / "call-team-2026-04.yaml")
    book, _ = workbook(tmp_path, "compare", call, name="compare.xlsx")
    assert book.sheetnames == ["Team", "Data"]
    header, body = table_at(book["Team"], "Rep")
    assert body[0][1] == "Quota"  # in the plan's currency, CNY
    assert book["Team"].cell(header + 1, 3).number_format == '"¥"#,##0'
    book, _ = workbook(tmp_path, "reach", call, name="reach.xlsx")
    assert book.sheetnames == ["Team", "Data"]
    book, _ = workbook(tmp_path, "compare", call, "--lang", "zh", name="compare-zh.xlsx")
    assert book.sheetnames == ["团队", "数据"]


def test_charts_of_a_rep_with_an_apostrophe_point_at_their_sheet(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        dedent(
            """
            period: 2026-Q1
            target: 100000
            rates: {pipeline: 0.3, intents: 10000, deep_talks: 0.2, connects: 0.25, dials: 0.4}
            reps: [{name: "O'Brien"}, {name: Ann}]
            """
        ),
        encoding="utf-8",
    )
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # xlsxwriter warns of a range on no sheet
        book, path = workbook(tmp_path, "plan", str(plan))
    refs = next(refs for title, refs in chart_refs(path) if title.startswith("O'Brien — "))
    header, _ = table_at(book["O'Brien"], "Week")
    assert refs[0] == f"'O''Brien'!$C${header}"  # as Excel quotes it

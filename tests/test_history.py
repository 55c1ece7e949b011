"""Personal rates from history: the estimator's properties, the CSV reader, the plan keys."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from goalsplit.cli import app
from goalsplit.errors import ActivityError, PlanError
from goalsplit.history import History, estimate
from goalsplit.load import load_history, parse_plan
from goalsplit.model import DEFAULT_FUNNEL, REVENUE
from tests.conftest import EXAMPLES, ROOT, dedent

STAGES = (REVENUE, *DEFAULT_FUNNEL)
NAMES = tuple(s.name for s in STAGES)
UNITS = {s.name: s.unit for s in STAGES}
HEADER = "rep,date,revenue,pipeline,intents,deep_talks,connects,dials\n"
RATES = "rates: {pipeline: 0.3, intents: 10000, deep_talks: 0.2, connects: 0.25, dials: 0.4}"


def history_of(rows: dict[str, list[int]]) -> History:
    history = History(NAMES)
    for rep, values in rows.items():
        history.add(rep, date(2025, 10, 1), date(2025, 10, 1), values)
    return history


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


# --- the estimator ---------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=5000)


@given(
    connects=counts,
    extra=counts,
    team_connects=counts,
    team_extra=counts,
    prior=st.integers(0, 200),
)
def test_used_rate_lies_between_raw_and_team(
    connects: int, extra: int, team_connects: int, team_extra: int, prior: int
) -> None:
    dials = connects + extra
    other_dials = team_connects + team_extra + 1
    history = history_of(
        {
            "rep": [0, 0, 0, 0, connects, dials],
            "other": [0, 0, 0, 0, team_connects, other_dials],
        }
    )
    table = estimate(history, UNITS, prior)
    team = table.team[4].used
    mine = table.reps["rep"][4]
    assert team is not None and mine.used is not None
    if dials == 0:
        assert mine.used == team and mine.raw is None  # no evidence: exactly the team's
    else:
        assert mine.raw == Fraction(connects, dials)
        low, high = sorted([mine.raw, team])
        assert low <= mine.used <= high
    assert mine.sample == dials


@given(connects=st.integers(1, 100), extra=st.integers(1, 100), factor=st.integers(2, 50))
def test_more_history_moves_closer_to_the_reps_own_rate(
    connects: int, extra: int, factor: int
) -> None:
    team_rows = [0, 0, 0, 0, 300, 1000]
    small = estimate(
        history_of({"rep": [0, 0, 0, 0, connects, connects + extra], "team": team_rows}), UNITS, 30
    ).reps["rep"][4]
    big = estimate(
        history_of(
            {"rep": [0, 0, 0, 0, connects * factor, (connects + extra) * factor], "team": team_rows}
        ),
        UNITS,
        30,
    ).reps["rep"][4]
    assert small.raw == big.raw and small.used is not None and big.used is not None
    assert abs(big.used - big.raw) <= abs(small.used - small.raw)  # type: ignore[operator]


def test_a_rep_without_history_gets_exactly_the_teams_rate() -> None:
    history = history_of({"veteran": [300, 1000, 1, 5, 20, 50]})
    table = estimate(history, UNITS, 30, reps=["veteran", "new"])
    assert [e.used for e in table.reps["new"]] == [e.used for e in table.team]
    assert all(e.sample == 0 for e in table.reps["new"])


def test_pseudo_count_by_hand() -> None:
    # Team: 400 connects of 1,000 dials (0.4). A rep with 10 of 20 dials (raw 0.5), prior 30:
    # (10 + 30 x 0.4) / (20 + 30) = 22 / 50 = 0.44; thin because 20 < 30.
    history = history_of({"a": [0, 0, 0, 0, 10, 20], "b": [0, 0, 0, 0, 390, 980]})
    mine = estimate(history, UNITS, 30).reps["a"][4]
    assert mine.used == Fraction(22, 50)
    assert mine.thin and mine.prior == 30


def test_money_stages_weigh_evidence_in_count_equivalents() -> None:
    # Pipeline's prior is 30 intent customers' worth of pipeline at the team's ARPU (10,000).
    history = history_of({"a": [3_000, 10_000, 1, 0, 0, 0], "b": [27_000, 90_000, 9, 0, 0, 0]})
    pipeline = estimate(history, UNITS, 30).reps["a"][0]
    assert pipeline.prior == 30 * 10_000
    assert pipeline.used == Fraction(3_000 + 300_000 * Fraction(3, 10), 10_000 + 300_000)


# --- the CSV reader --------------------------------------------------------------------


def test_chinese_headers_bom_and_rows_that_add_up(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(
        "\ufeff销售,日期,业绩,储备金额,意向客户,深入沟通,外呼接通,外呼,备注\n"
        "张伟,2025-10-08,100,300,1,5,20,50,x\n"
        "张伟,2025-10-08,50,,0,1,2,10,\n"
        "李娜,2025/10/09,0,0,0,0,1,3,\n",
        encoding="utf-8",
    )
    history = load_history(path, STAGES)
    assert history.rows == 3
    assert history.reps["张伟"].totals == [150, 300, 1, 6, 22, 60]
    assert history.reps["李娜"].first == date(2025, 10, 9)


def test_english_labels_and_month_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "h.csv",
        """
        Rep,Month,Revenue,Pipeline,Intents,Deep talks,Connects,Dials
        Ann,2025-09,1000,3000,1,5,20,50
        Ann,2025-10,1000,3000,1,5,20,50
        Ann,2025-11,1000,3000,1,5,20,50
    """,
    )
    history = load_history(path, STAGES, date(2025, 10, 1), date(2025, 11, 30))
    assert history.rows == 2
    assert (history.reps["Ann"].first, history.reps["Ann"].last) == (
        date(2025, 10, 1),
        date(2025, 11, 30),
    )
    # A month only partly inside the window is left out.
    assert load_history(path, STAGES, date(2025, 10, 15)).rows == 1


def test_window_filters_days(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "h.csv",
        HEADER + "".join(f"Ann,2025-10-{day:02d},10,30,1,1,1,1\n" for day in range(1, 32)),
    )
    assert load_history(path, STAGES, date(2025, 10, 10), date(2025, 10, 19)).rows == 10
    assert load_history(path, STAGES, None, date(2025, 10, 5)).rows == 5


def test_bad_history_cells_are_reported_with_line_and_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "h.csv",
        HEADER
        + dedent("""
        Ann,2025-10-01,10,30,1,1,1,1
        Ann,2025-10-32,10,30,1,1,1,1
        Ann,2025-10-03,ten,30,1,1,1,-4
        ,2025-10-04,1,1,1,1,1,1
        Ann,2025-10-05,1
    """),
    )
    with pytest.raises(ActivityError) as caught:
        load_history(path, STAGES)
    assert caught.value.kind == "history"
    assert [str(issue) for issue in caught.value.issues] == [
        f"{path}:3:2: 2025-10-32 does not exist: October 2025 has 31 days",
        f"{path}:4:3: revenue: 'ten' is not a number",
        f"{path}:4:8: dials: '-4' is negative",
        f"{path}:5:1: the rep's name is empty",
        f"{path}:6:4: the row has 3 cells; expected at least 8",
    ]


def test_missing_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "who,when,revenue,dials\nAnn,2025-10-01,1,1\n")
    with pytest.raises(PlanError) as caught:
        load_history(path, STAGES)
    assert str(caught.value.issues[0]) == (
        f"{path}:1:1: missing columns: rep, date | month, pipeline, intents, deep_talks, "
        "connects; the header has: who, when, revenue, dials"
    )


# --- plans with history ----------------------------------------------------------------


def plan_with(tmp_path: Path, body: str, rows: str) -> Path:
    write(tmp_path, "past.csv", HEADER + dedent(rows))
    return write(tmp_path, "plan.yaml", body)


def plan_json(path: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    result = invoke("plan", str(path), "-f", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_rate_precedence(tmp_path: Path) -> None:
    # Team history: connects 0.5 per dial. Plan team rate for dials: 0.4.
    path = plan_with(
        tmp_path,
        """
        period: 2026-01
        target: 10000
        history: past.csv
        rates: {pipeline: 0.3, intents: 10000, deep_talks: 0.2, dials: 0.4}
        reps:
          - name: Own
            rates: {dials: 0.9}
          - name: Hist
          - name: New
    """,
        """
        Hist,2025-12-01,0,0,0,100,200,400
        Other,2025-12-01,0,0,0,100,200,400
    """,
    )
    reps = {rep["name"]: rep for rep in plan_json(path)["reps"]}
    assert reps["Own"]["rate_sources"]["dials"] == "rep" and reps["Own"]["rates"]["dials"] == 0.9
    assert reps["Hist"]["rate_sources"]["dials"] == "history"
    # (200 + 30 x 0.4) / (400 + 30): shrunk toward the plan's team rate.
    assert reps["Hist"]["rates"]["dials"] == pytest.approx(212 / 430)
    assert reps["Hist"]["rate_evidence"]["dials"] == {"sample": 400.0, "thin": False}
    assert reps["New"]["rate_sources"]["dials"] == "team" and reps["New"]["rates"]["dials"] == 0.4
    # No team rate for connects in the plan: the team's history (200 + 200) / (800) is used.
    assert reps["New"]["rate_sources"]["connects"] == "team-history"
    assert reps["New"]["rates"]["connects"] == 0.5


def test_history_window_defaults_to_before_the_period(tmp_path: Path) -> None:
    path = plan_with(
        tmp_path,
        f"""
        period: 2026-01
        target: 10000
        history: {{file: past.csv, months: 2}}
        {RATES}
        reps: [{{name: Ann}}]
    """,
        """
        Ann,2025-10-31,0,0,0,0,1,1
        Ann,2025-11-01,0,0,0,0,10,100
        Ann,2025-12-31,0,0,0,0,10,100
        Ann,2026-01-05,0,0,0,0,100,100
    """,
    )
    doc = plan_json(path)
    assert doc["history"] == {"since": "2025-11-01", "until": "2025-12-31", "rows": 2, "reps": 1}
    assert doc["reps"][0]["rate_evidence"]["dials"]["sample"] == 200.0


def test_allocation_by_history_follows_revenue_per_working_day(tmp_path: Path) -> None:
    # History: 2025-12-01..05, five working days. Ann sold 1,000 a day, Bob 500 a day.
    rows = "".join(
        f"Ann,2025-12-0{d},1000,0,0,0,0,0\nBob,2025-12-0{d},500,0,0,0,0,0\n" for d in range(1, 6)
    )
    path = plan_with(
        tmp_path,
        f"""
        period: 2026-03
        target: 10000
        history: {{file: past.csv, prior: 0}}
        allocation: history
        {RATES}
        reps: [{{name: Ann}}, {{name: Bob, weight: 2}}, {{name: Cid}}]
    """,
        rows,
    )
    reps = {rep["name"]: rep for rep in plan_json(path)["reps"]}
    assert reps["Ann"]["ability"] == {"revenue_per_day": 1000.0, "source": "history"}
    assert reps["Cid"]["ability"] == {"revenue_per_day": 750.0, "source": "team-average"}
    # Shares 1 x 1000 : 2 x 500 : 1 x 750 over the same working days.
    assert reps["Ann"]["quota"] == pytest.approx(10000 * 1000 / 2750)
    assert reps["Bob"]["quota"] == pytest.approx(10000 * 1000 / 2750)
    assert reps["Cid"]["quota"] == pytest.approx(10000 * 750 / 2750)


def test_ability_is_shrunk_toward_the_team_average(tmp_path: Path) -> None:
    rows = "".join(f"Ann,2025-12-0{d},1000,0,0,0,0,0\n" for d in range(1, 6))
    rows += "Bob,2025-12-05,5000,0,0,0,0,0\n"  # one lucky day
    path = plan_with(
        tmp_path,
        f"""
        period: 2026-03
        target: 10000
        history: {{file: past.csv, prior: 5}}
        allocation: history
        {RATES}
        reps: [{{name: Ann}}, {{name: Bob}}]
    """,
        rows,
    )
    reps = {rep["name"]: rep for rep in plan_json(path)["reps"]}
    average = 10000 / 6
    assert reps["Bob"]["ability"]["revenue_per_day"] == pytest.approx((5000 + 5 * average) / 6)


def test_reps_not_in_the_plan_are_a_note_not_a_warning(tmp_path: Path) -> None:
    path = plan_with(
        tmp_path,
        f"""
        period: 2026-01
        target: 10000
        history: past.csv
        {RATES}
        reps: [{{name: Ann}}]
    """,
        """
        Ann,2025-12-01,0,0,0,0,1,2
        Gone,2025-12-01,0,0,0,0,1,2
    """,
    )
    result = invoke("check", str(path), "--strict")
    assert result.exit_code == 0
    assert "note: history: 1 rep in the history is not in the plan; their activity" in (
        result.stderr
    )
    assert plan_json(path)["notes"]


def test_a_stage_without_team_data_is_an_error_naming_it(tmp_path: Path) -> None:
    path = plan_with(
        tmp_path,
        """
        period: 2026-01
        target: 10000
        history: past.csv
        rates: {pipeline: 0.3, intents: 10000, deep_talks: 0.2, connects: 0.25}
        reps: [{name: Ann}]
    """,
        """
        Ann,2025-12-01,0,0,0,0,0,0
    """,
    )
    result = invoke("plan", str(path))
    assert result.exit_code == 3
    assert (
        f"{path}:3:10: history: no data for Dials in the history: its team total is zero, "
        "and the plan gives no team rate for it"
    ) in result.stderr
    rates = invoke("rates", str(tmp_path / "past.csv"))
    assert rates.exit_code == 3
    assert "no data for Pipeline, Intents, Deep talks, Connects, Dials" in rates.stderr


def test_missing_history_file_points_at_the_plan(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plan.yaml",
        f"""
        period: 2026-01
        target: 10000
        history: {{file: nowhere.csv}}
        {RATES}
        reps: [{{name: Ann}}]
    """,
    )
    result = invoke("plan", str(path))
    assert result.exit_code == 3
    assert f"{path}:3:17: history.file: history file {tmp_path / 'nowhere.csv'} not found" in (
        result.stderr
    )


def test_bad_history_via_the_cli_exits_3_with_positions(tmp_path: Path) -> None:
    path = plan_with(
        tmp_path,
        f"""
        period: 2026-01
        target: 10000
        history: past.csv
        {RATES}
        reps: [{{name: Ann}}]
    """,
        """
        Ann,2025-12-01,x,0,0,0,0,0
        Ann,2025-12-02,0,0,0,0,0,-1
    """,
    )
    result = invoke("plan", str(path))
    assert result.exit_code == 3
    history = tmp_path / "past.csv"
    assert f"{history}:2:3: revenue: 'x' is not a number" in result.stderr
    assert f"{history}:3:8: dials: '-1' is negative" in result.stderr


# --- goalsplit rates -------------------------------------------------------------------

EXAMPLE = str(EXAMPLES / "east-1-history.csv")


@pytest.mark.parametrize(
    ("lang", "fmt"),
    [
        (lang, fmt)
        for lang in ("en", "zh")
        for fmt in ("table", "json", "csv", "markdown", "yaml")
        if lang == "en" or fmt != "json"
    ],
)
def test_rates_golden(  # type: ignore[no-untyped-def]
    fmt: str, lang: str, golden, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # the report names the file as given: keep it machine-independent
    relative = "examples/east-1-history.csv"
    result = invoke("rates", relative, "--since", "2025-10-01", "-f", fmt, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    if fmt == "json":
        text = json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    golden(
        f"rates/east-1-history.{lang}.{ {'table': 'txt', 'markdown': 'md'}.get(fmt, fmt) }", text
    )


def test_rates_json_is_the_same_in_both_languages_but_the_labels() -> None:
    english, chinese = (
        json.loads(invoke("rates", EXAMPLE, "-f", "json", "--lang", lang).stdout)
        for lang in ("en", "zh")
    )
    assert [s.pop("label") for s in english["stages"]] == [
        "Revenue",
        "Pipeline",
        "Intents",
        "Deep talks",
        "Connects",
        "Dials",
    ]
    assert [s.pop("label") for s in chinese["stages"]] == [
        "业绩",
        "储备金额",
        "意向客户",
        "深入沟通",
        "外呼接通",
        "外呼",
    ]
    assert english == chinese


def test_rates_json_flags_the_new_rep_as_thin() -> None:
    doc = json.loads(invoke("rates", EXAMPLE, "-f", "json").stdout)
    reps = {rep["name"]: rep["rates"] for rep in doc["reps"]}
    assert reps["王芳"]["intents"]["thin"] and not reps["张伟"]["intents"]["thin"]
    assert doc["source"]["rows"] == 587 and doc["source"]["prior"] == 30


def test_rates_yaml_pastes_into_a_plan() -> None:
    block = invoke("rates", EXAMPLE, "-f", "yaml").stdout
    plan = parse_plan("period: 2026-Q1\ntarget: 100000\n" + block).plan
    assert len(plan.reps) == 6 and set(plan.rates) == set(NAMES[1:])
    assert plan.reps[0].rates  # every rep with data has their own rates


def test_rates_csv_reads_back() -> None:
    raw = invoke("rates", EXAMPLE, "-f", "csv").stdout
    rows = list(csv.reader(io.StringIO(raw.removeprefix("\ufeff"))))
    assert rows[0][:5] == ["Rep", "Stage", "Label", "Raw", "Used"]
    assert len(rows) == 1 + 5 * (1 + 6)


def test_rates_take_the_funnel_from_a_plan(tmp_path: Path) -> None:
    history = write(
        tmp_path,
        "visits.csv",
        """
        rep,date,revenue,Deals won,effective_visits,visits
        Anna,2025-12-01,8000,2,8,16
    """,
    )
    result = invoke(
        "rates", str(history), "--plan", str(EXAMPLES / "field-team-2026-03.yaml"), "-f", "json"
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["team"]["deals"]["raw"] == 4000.0
    assert doc["team"]["visits"]["raw"] == 0.5

"""Counts meet nouns in the right grammatical number: no "(s)", no "1 working days"."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from goalsplit.cli import app
from tests.conftest import dedent

ONE_DAY = """
    period: {start: 2026-03-02, end: 2026-03-02}
    target: 1000
    rates: {pipeline: 0.3, intents: 15000, deep_talks: 0.2, connects: 0.25, dials: 0.4}
    reps: [{name: Ann}, {name: Ben}]
"""


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def flat(text: str) -> str:
    return " ".join(text.split())


def test_one_working_day_in_every_report_title(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(dedent(ONE_DAY), encoding="utf-8")
    for fmt in ("table", "markdown"):
        text = flat(invoke("plan", str(plan), "-f", fmt, "--lang", "en").stdout)
        assert "2026-03-02, 1 working day)" in text
        assert "quota 500, 1 working day" in text
        assert "working days" not in text
        card = flat(
            invoke("today", str(plan), "-r", "Ann", "--date", "2026-03-02", "-f", fmt).stdout
        )
        assert "(03-02 – 03-02): 1 working day, 1 left from 03-02." in card
        zh = flat(invoke("plan", str(plan), "-f", fmt, "--lang", "zh").stdout)
        assert "1 个工作日" in zh
    two = plan.read_text().replace("end: 2026-03-02", "end: 2026-03-03")
    plan.write_text(two, encoding="utf-8")
    text = flat(invoke("plan", str(plan), "--lang", "en").stdout)
    assert "2 working days)" in text and "quota 500, 2 working days" in text


def test_rates_title_with_one_row(tmp_path: Path) -> None:
    history = tmp_path / "past.csv"
    history.write_text(
        "rep,date,revenue,pipeline,intents,deep_talks,connects,dials\n"
        "Ann,2025-12-01,100,300,1,5,20,50\n",
        encoding="utf-8",
    )
    text = flat(invoke("rates", str(history), "--lang", "en").stdout)
    assert "1 row, prior 30)" in text
    history.write_text(
        history.read_text() + "Ann,2025-12-02,1000,3000,1,5,20,50\n" * 1200, encoding="utf-8"
    )
    assert "1,201 rows, prior 30)" in flat(invoke("rates", str(history)).stdout)
    assert "1,201 行" in flat(invoke("rates", str(history), "--lang", "zh").stdout)


def test_reps_in_the_history_not_in_the_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        dedent(ONE_DAY).replace("target: 1000", "target: 1000\nhistory: past.csv"),
        encoding="utf-8",
    )
    rows = "".join(f"{name},2025-12-01,100,300,1,5,20,50\n" for name in ("Ann", "X", "Y"))
    (tmp_path / "past.csv").write_text(
        "rep,date,revenue,pipeline,intents,deep_talks,connects,dials\n" + rows, encoding="utf-8"
    )
    result = invoke("check", str(plan))
    assert "2 reps in the history are not in the plan; their activity counts" in result.stderr
    (tmp_path / "past.csv").write_text(
        "rep,date,revenue,pipeline,intents,deep_talks,connects,dials\n" + rows[: rows.index("Y")],
        encoding="utf-8",
    )
    result = invoke("check", str(plan))
    assert "1 rep in the history is not in the plan; their activity counts" in result.stderr

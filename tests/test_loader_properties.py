"""Whatever text a plan or an activity CSV holds, the loaders answer with a PlanError
(or a plan), at once: never another exception, never a hang."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goalsplit.errors import ActivityError, PlanError
from goalsplit.load import load_actuals, load_history, parse_plan
from goalsplit.model import DEFAULT_FUNNEL, REVENUE

STAGES = (REVENUE, *DEFAULT_FUNNEL)
VALID = (
    "period: 2026-03\ntarget: 1000\n"
    "rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}\n"
    "calendar: {holidays: [2026-03-09..2026-03-10]}\n"
    "reps:\n  - name: A\n    weight: 1.5\n    leave: [2026-03-02]\n  - {name: B, quota: 300}\n"
)
PIECES = st.sampled_from(
    [
        "：",
        "\t",
        "\u3000",
        ":",
        ": ",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "'",
        '"',
        "#",
        "\n",
        "  ",
        "&a",
        "*a",
        "!!int",
        "1e999999999",
        "1e-99999999",
        ".inf",
        ".nan",
        "9" * 40,
        "2026-02-30",
        "0001",
        "9999-Q4",
        "\x00",
        "\x01",
        "\ufeff",
        "|",
        ">",
        "---",
        "%",
        "name",
        "reps",
        "target",
        "rates",
        "period",
        "007",
        "张伟",
        "\r",
        "\x85",
        "\u2028",
    ]
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = VALID
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 3))
        text = text[:at] + draw(PIECES) + text[at + cut :]
    return text


@settings(max_examples=300, deadline=None)
@given(mutated())
def test_a_mutated_plan_is_a_plan_or_plan_errors(text: str) -> None:
    try:
        parse_plan(text, "plan.yaml")
    except PlanError as exc:
        assert exc.issues
        for issue in exc.issues:
            assert issue.file == "plan.yaml"
            issue.render("en")
            issue.render("zh")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_a_plan_or_plan_errors(text: str) -> None:
    try:
        parse_plan(text, "plan.yaml")
    except PlanError as exc:
        assert all(issue.render("zh") for issue in exc.issues)


CELLS = st.sampled_from(
    [
        "Ann",
        "",
        "0",
        "12",
        "-1",
        "1.5",
        "1,000",
        "1e999999999",
        "1e-99999999",
        "nan",
        "inf",
        "2026-02-03",
        "2026-02-30",
        "0001-01-01",
        "2026/02/03",
        "2026-02",
        "\x00",
        '"',
        "x" * 300,
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=6))
def test_any_csv_rows_are_read_or_reported(tmp_path: Path, rows: list[list[str]]) -> None:
    path = tmp_path / "a.csv"
    lines = ["rep,date,revenue,pipeline,intents,deep_talks,connects,dials"]
    lines += [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for read in (
        lambda: load_history(path, STAGES),
        lambda: load_actuals(path, STAGES, date(2026, 1, 1), date(2026, 3, 31)),
    ):
        try:
            read()
        except ActivityError as exc:
            assert exc.issues and all(issue.render("zh") for issue in exc.issues)

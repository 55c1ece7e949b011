"""Plausibility: typos that make absurd plans are warned about at their line, and
requirements stay within what every output format can print."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goalsplit.cli import app
from goalsplit.limits import MAX_REQUIREMENT
from tests.conftest import breakdown_of, dedent, errors_of, warnings_of

RATES = "rates: {pipeline: 0.3, intents: 15000, deep_talks: 0.2, connects: 0.25, dials: 0.4}"


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


def test_stretch_written_as_a_percentage_without_its_sign(tmp_path: Path) -> None:
    plan = f"""
        period: 2026-03
        target: 100000
        stretch: 115
        {RATES}
        reps: [{{name: A}}]
    """
    assert warnings_of(plan) == [
        "plan.yaml:3:10: warning: stretch: stretch 115 makes the quotas add up to 115 times "
        "the target; did you mean 115%?"
    ]
    assert warnings_of(plan.replace("115", "3")) == [
        "plan.yaml:3:10: warning: stretch: stretch 3 makes the quotas add up to 3 times the "
        "target; over-assignment is usually 1.05 to 1.25 (105% to 125%)"
    ]
    for fine in ("2", "1.25", "115%", "200%"):
        assert warnings_of(plan.replace("115", fine)) == []
    path = write(tmp_path, plan)
    assert invoke("check", str(path)).exit_code == 0
    strict = invoke("check", str(path), "--strict", "--lang", "zh")
    assert strict.exit_code == 1
    assert "3:10: 警告：stretch: 加码系数 115 使指标合计达到目标的 115 倍；是否想写 115%？" in (
        strict.stderr
    )


def test_a_money_rate_below_1_is_written_the_wrong_way_round(tmp_path: Path) -> None:
    plan = """
        period: 2026-03
        target: 100000
        rates: {pipeline: 0.3, intents: 0.05, deep_talks: 0.2, connects: 0.25, dials: 0.4}
        reps:
          - name: A
            rates: {intents: 5%}
          - name: B
            rates: {intents: 12000}
    """
    assert warnings_of(plan) == [
        "plan.yaml:3:33: warning: rates.intents: 0.05 of Pipeline per unit of Intents is below "
        "1: an amount per unit, such as 15000, was expected; is it written the wrong way round?",
        "plan.yaml:6:22: warning: reps[0].rates.intents: 0.05 of Pipeline per unit of Intents "
        "is below 1: an amount per unit, such as 15000, was expected; is it written the wrong "
        "way round?",
    ]
    path = write(tmp_path, plan)
    strict = invoke("check", str(path), "--strict", "--lang", "zh")
    assert strict.exit_code == 1
    assert "每 1 个 意向客户 对应 0.05 的 储备金额，小于 1" in strict.stderr
    # A money stage below a count stage is a count per amount: small is normal. The
    # "rate above 1" warning stays.
    assert warnings_of("""
        period: 2026-03
        target: 100000
        funnel:
          - {name: deals}
          - {name: pipeline, unit: money}
          - {name: meetings}
          - {name: calls}
        rates: {deals: 5000, pipeline: 0.0001, meetings: 500, calls: 30}
        reps: [{name: A}]
    """) == [
        "plan.yaml:8:62: warning: rates.calls: 30 means one unit of Calls yields more than one "
        "of Meetings; a percentage is written 0.30 or 30%"
    ]


def test_a_requirement_beyond_the_limit_is_an_error_at_the_rate(tmp_path: Path) -> None:
    # Two reps share 1e12: 5e11 of revenue each at 0.001 make 5e14 of pipeline, within the
    # limit of 1e15. With a stretch of 2.5 it is 1.25e15: the error points at the team's
    # pipeline rate, once for both reps.
    rates = (
        "rates: {pipeline: 0.001, intents: 1000000000000, deep_talks: 0.001, connects: 0.001, "
        "dials: 0.001}"
    )
    at_limit = f"""
        period: 2026-03
        target: 1000000000000
        {rates}
        reps: [{{name: A}}, {{name: B}}]
    """
    breakdown = breakdown_of(at_limit)
    assert max(max(rep.required) for rep in breakdown.reps) == MAX_REQUIREMENT // 2
    beyond = at_limit.replace("reps:", "stretch: 2.5\n        reps:")
    assert errors_of(beyond) == [
        "plan.yaml:3:19: rates.pipeline: with this rate A needs 1.25e+15 Pipeline, more than "
        "the 1,000,000,000,000,000 a plan can hold: the rate is far too small (or written the "
        "wrong way round)"
    ]
    # A rep's own rates: B's deep talks and connects at 1e-9 need 5.56e20 connects; the
    # error is at the rate that first pushes past the limit.
    path = write(
        tmp_path,
        f"""
        period: 2026-03
        target: 1000000
        {RATES.replace("15000", "3000")}
        reps:
          - name: A
          - name: B
            rates: {{deep_talks: 0.000000001, connects: 0.000000001}}
    """,
    )
    for fmt in ("table", "json", "csv", "markdown"):
        result = invoke("plan", str(path), "-f", fmt)
        assert result.exit_code == 3
        assert (
            f"{path}:7:48: reps[1].rates.connects: with this rate B needs 5.56e+20 Connects, "
            "more than the 1,000,000,000,000,000 a plan can hold"
        ) in result.stderr
        assert "Traceback" not in result.stderr


def test_target_times_stretch_beyond_the_limit_is_an_error() -> None:
    assert errors_of("""
        period: 2026-03
        target: 1000000000000
        stretch: 2000
        rates: {pipeline: 1, intents: 1, deep_talks: 1, connects: 1, dials: 1}
        reps: [{name: A}]
    """) == [
        "plan.yaml:3:10: stretch: target x stretch is 2e+15, more than the "
        "1,000,000,000,000,000 a plan can hold"
    ]


def test_a_zero_rate_from_history_is_an_error_not_a_crash(tmp_path: Path) -> None:
    # With prior 0 a rep's own history rate is the raw one: Ben's 50 dials gave no connect,
    # so no number of dials makes his quota (this divided by zero, exit 70).
    plan = write(
        tmp_path,
        """
        period: 2026-01
        target: 10000
        history: {file: past.csv, prior: 0}
        reps: [{name: Ann}, {name: Ben}]
    """,
    )
    (tmp_path / "past.csv").write_text(
        "rep,date,revenue,pipeline,intents,deep_talks,connects,dials\n"
        "Ann,2025-12-01,100,300,1,5,20,50\n"
        "Ben,2025-12-01,100,300,1,5,0,50\n",
        encoding="utf-8",
    )
    result = invoke("plan", str(plan))
    assert result.exit_code == 3
    assert (
        f"{plan}:4:21: reps[1]: Ben: the history gives Dials a rate of 0 (none of it ever "
        "became Connects), so no amount of it makes the quota; give a rate for it in the plan"
    ) in result.stderr
    fixed = plan.read_text().replace("{name: Ben}", "{name: Ben, rates: {dials: 0.3}}")
    plan.write_text(fixed, encoding="utf-8")
    assert invoke("plan", str(plan)).exit_code == 0


EXTREME = """
    period: 2026-03
    target: 1000000000000
    stretch: 1.1
    rates: {pipeline: 0.0011, intents: 1, deep_talks: 1, connects: 1, dials: 1}
    reps:
      - name: Big
        weight: 1000000000000
      - name: Tiny
        weight: 0.000000001
      - name: Fixed
        quota: 999999999999.999999999
        start: 2026-03-31
"""
ACTUALS = (
    "date,rep,revenue,pipeline,intents,deep_talks,connects,dials\n"
    "2026-03-02,Big,1000000000000,1000000000000,1000000000000,1000000000000,0.000000001,"
    "1000000000000\n"
    "2026-03-02,Tiny,0.000000001,0.000000001,0.000000001,0,0,0.000000001\n"
)


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_extreme_plans_print_in_every_format(tmp_path: Path, fmt: str) -> None:
    # Weights 1e-9 next to 1e12, a quota of almost 1e12, requirements near 1e15, and
    # actuals at both ends of the range: every format prints them.
    plan = write(tmp_path, EXTREME)
    actuals = tmp_path / "actuals.csv"
    actuals.write_text(ACTUALS, encoding="utf-8")
    runs = [
        ("plan", str(plan), "--daily"),
        ("today", str(plan), "--rep", "Tiny", "--date", "2026-03-10"),
        ("today", str(plan), "--rep", "Fixed", "--date", "2026-03-31"),
        ("track", str(plan), "-a", str(actuals), "--as-of", "2026-03-02"),
        ("track", str(plan), "-a", str(actuals), "--as-of", "2026-03-31"),
    ]
    for args in runs:
        result = invoke(*args, "-f", fmt)
        assert result.exit_code == 0, (args, result.stderr, result.exception)
        if fmt == "json":
            json.loads(result.stdout)
        if fmt == "csv":
            assert list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))

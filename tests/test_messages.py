"""Messages that name a stage show its label in the reader's language."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from goalsplit.cli import app
from goalsplit.errors import Issue
from goalsplit.i18n import StageNames
from goalsplit.model import DEFAULT_FUNNEL, Stage
from tests.conftest import breakdown_of, dedent


def warnings_in(yaml_text: str, lang: str) -> list[str]:
    return [w.render(lang) for w in breakdown_of(yaml_text).warnings]


RATE_AS_WHOLE_NUMBER = """
    period: 2026-03
    target: 100000
    rates: {pipeline: 0.3, intents: 10000, deep_talks: 0.2, connects: 25, dials: 0.4}
    reps: [{name: A}]
"""


def test_a_chinese_warning_names_the_stage_in_chinese() -> None:
    [zh] = warnings_in(RATE_AS_WHOLE_NUMBER, "zh")
    assert zh == (
        "plan.yaml:3:67: 警告：rates.connects: 25 表示每 1 个 外呼接通 产生多于 1 个 深入沟通；"
        "百分比应写作 0.30 或 30%"
    )
    assert "connects" not in zh.split(": ", 2)[2]  # only the key path keeps the key
    [en] = warnings_in(RATE_AS_WHOLE_NUMBER, "en")
    assert "25 means one unit of Connects yields more than one of Deep talks" in en


def test_a_plans_own_label_wins_in_every_language() -> None:
    plan = """
        period: 2026-03
        target: 100000
        funnel:
          - {name: pipeline, unit: money}
          - {name: visits, label: 拜访}
          - {name: calls, label: Cold calls}
        rates: {pipeline: 0.3, visits: 10000, calls: 3}
        reps: [{name: A}]
    """
    for lang in ("en", "zh"):
        [warning] = warnings_in(plan, lang)
        assert "Cold calls" in warning and "拜访" in warning


def test_stage_names_render_per_language() -> None:
    names = StageNames.pick(DEFAULT_FUNNEL, ["connects", "dials"])
    assert names.text("en") == "Connects, Dials"
    assert names.text("zh") == "外呼接通、外呼"
    own = StageNames(Stage(name="visits", label="Besuche"))
    assert own.text("zh") == "Besuche"
    issue = Issue(("rates",), "no data for {stages}", {"stages": names})
    assert issue.describe("zh") == "rates: no data for 外呼接通、外呼"  # (no catalog entry)
    assert issue.message() == "no data for Connects, Dials"
    counted = Issue(
        (),
        "{count} stage: {stages}",
        {"count": 2, "stages": names},
        plural="{count} stages: {stages}",
    )
    assert counted.message("en") == "2 stages: Connects, Dials"


def test_history_errors_name_stages_in_chinese(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        dedent("""
            period: 2026-01
            target: 10000
            history: past.csv
            rates: {pipeline: 0.3, intents: 10000, deep_talks: 0.2, connects: 0.25}
            reps: [{name: Ann}]
        """),
        encoding="utf-8",
    )
    (tmp_path / "past.csv").write_text(
        "rep,date,revenue,pipeline,intents,deep_talks,connects,dials\nAnn,2025-12-01,0,0,0,0,0,0\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["plan", str(plan), "--lang", "zh"])
    assert result.exit_code == 3
    assert "历史数据中没有 外呼 的数据" in result.stderr
    rates = CliRunner().invoke(app, ["rates", str(tmp_path / "past.csv"), "--lang", "zh"])
    assert rates.exit_code == 3
    assert "储备金额、意向客户、深入沟通、外呼接通、外呼 没有数据" in rates.stderr

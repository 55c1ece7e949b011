"""Typing slips and YAML syntax errors: at the real line and column, in our words, in
both languages; never a false alarm on a valid file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from goalsplit.cli import app
from goalsplit.errors import PlanError
from goalsplit.load import parse_plan
from goalsplit.starter import starter_plan
from tests.conftest import EXAMPLES, dedent

RATES = "rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}"
PLAN = f"""
    period: 2026-03
    target: 1000
    {RATES}
    reps:
      - name: A
"""


def problems(text: str, lang: str = "en") -> list[str]:
    with pytest.raises(PlanError) as caught:
        parse_plan(text.encode("utf-8"), "plan.yaml")
    return [issue.render(lang) for issue in caught.value.issues]


# --- full-width colon, tabs, full-width spaces ------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # PyYAML reported these on the next line, or past the end of the file.
        ("period: 2026-03\ntarget：3000000\nreps: [{name: A}]\n", "2:7"),
        ("period: 2026-03\nreps: [{name: A}]\ntarget：3000000\n", "3:7"),
        ("target：3000000\n", "1:7"),
        ("target：3000000\nperiod: 2026-03\n", "1:7"),
        (dedent(PLAN) + "calendar:\n  country：CN\n  weekend: [sat]\n", "7:10"),
        (dedent(PLAN) + "calendar:\n  country：CN\n", "7:10"),
        (dedent(PLAN) + "  - name：B\n", "6:9"),
        (dedent(PLAN) + "  - {name：B}\n", "6:10"),
        (dedent(PLAN) + "  - {weight: 2, name：B}\n", "6:21"),
        (dedent(PLAN) + "    start：2026-03-02\n", "6:10"),
        (dedent(PLAN).replace("target: 1000", "target ：1000"), "2:8"),
    ],
)
def test_a_full_width_colon_is_reported_where_it_is(text: str, where: str) -> None:
    assert problems(text) == [f"plan.yaml:{where}: full-width colon '：'; use ':'"]
    assert problems(text, "zh") == [f"plan.yaml:{where}: 全角冒号“：”；请使用半角冒号“:”"]


def test_tabs_and_full_width_spaces() -> None:
    assert problems(dedent(PLAN) + "calendar:\n\tcountry: CN\n") == [
        "plan.yaml:7:1: a tab used for indentation; indent with spaces"
    ]
    assert problems(dedent(PLAN) + "  - name: B\n \tweight: 2\n") == [
        "plan.yaml:7:2: a tab used for indentation; indent with spaces"
    ]
    # The full-width space made `calendar:` empty too: that follows from it, not reported.
    assert problems(dedent(PLAN) + "calendar:\n\u3000\u3000country: CN\n") == [
        "plan.yaml:7:1: a full-width space (U+3000) in the indentation; indent with ordinary spaces"
    ]
    assert problems(dedent(PLAN).replace("target: 1000", "target:\u30001000")) == [
        "plan.yaml:2:8: a full-width space (U+3000) used as a separator; use an ordinary space"
    ]
    assert problems(dedent(PLAN) + "  -\u3000name: B\n") == [
        "plan.yaml:6:4: a full-width space (U+3000) used as a separator; use an ordinary space"
    ]
    assert problems(dedent(PLAN) + "calendar:\n\tcountry: CN\n", "zh") == [
        "plan.yaml:7:1: 用了制表符（Tab）缩进；请用空格缩进"
    ]


def test_other_errors_are_still_reported_with_a_slip() -> None:
    errors = problems(
        f"period: 2026-03\ntarget：3000000\n{RATES}\nreps:\n  - name: A\n    weight: -1\n"
    )
    assert errors == [
        "plan.yaml:2:7: full-width colon '：'; use ':'",
        "plan.yaml:6:13: reps[0].weight: must be greater than 0, got -1",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "team: 目标：本月\n",
        "team: '目标：本月'\n",
        'team: "a：b"\n',
        "team: x  # 备注：不是键\n",
        "# 说明：注释\n",
        "funnel:\n  - {name: deals, label: 成交：单}\n",
        "funnel:\n  - name: deals\n    label: |\n      key：value\n      \tindented：too\n",
        "funnel:\n  - name: deals\n    label:\n      Deals：won\n",
        "team: 'it''s：fine'\n",
        "team: 名字\u3000有全角空格\n",
    ],
)
def test_no_false_alarm_on_a_full_width_colon_inside_text(text: str) -> None:
    parse_plan(dedent(PLAN) + text, "plan.yaml")


def test_no_false_alarm_on_the_examples_and_the_starters() -> None:
    for example in EXAMPLES.glob("*.yaml"):
        parse_plan(example.read_bytes(), str(example))
    for lang in ("en", "zh"):
        parse_plan(starter_plan("2026-Q4", lang, "plan.yaml"), "plan.yaml")


def test_the_cli_reports_a_slip_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("period: 2026-03\ntarget：3000000\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--lang", "zh"])
    assert result.exit_code == 3
    assert f"{path}:2:7: 全角冒号“：”；请使用半角冒号“:”" in result.stderr
    assert "could not find" not in result.stderr


# --- PyYAML's syntax errors in our words ---------------------------------------------------

SYNTAX = [
    (
        "a: b: c\n",
        "1:5",
        "a ':' followed by a space cannot appear here; quote the value if it contains ': '",
    ),
    (
        "period: 2026-03\ntarget 1000\nreps: []\n",
        "2:1",
        "expected 'key: value' here, but there is no ':' after the key",
    ),
    ("team: @home\n", "1:7", "'@' cannot start a value; put the value in quotes"),
    ("team: `x`\n", "1:7", "'`' cannot start a value; put the value in quotes"),
    ("reps:\n  - name: A\n  b: 2\n", "3:3", "the indentation of this line does not match"),
    ("- a\nb: 1\n", "2:1", "the indentation of this line does not match the lines above it"),
    ("team: 'East\nperiod: 2026-03\n", "1:7", "the quote ' opened here is never closed"),
    ('team: "East\nperiod: 2026-03\n', "1:7", 'the quote " opened here is never closed'),
    ("target: [1000\nreps: []\n", "1:9", "the '[' opened here is never closed"),
    ("rates: {dials: 0.5\nreps: []\n", "1:8", "the '{' opened here is never closed"),
    # Found at the end of the stream: said where the bracket opens, never past the end.
    ("period: 2026-Q1\nreps: [A,\n", "2:7", "the '[' opened here is never closed"),
    ("period: 2026-Q1\nrates: {dials: [1, 2}\n", "2:16", "the '[' opened here is never"),
    ("team: 'x' y\n", "1:11", "unexpected text after the value; put the whole value in quotes"),
    (
        "target: 1\n  period: 2026-03\n",
        "2:3",
        "this line is indented more than the line above it, so it reads as part of the value",
    ),
    ("---\na: 1\n---\nb: 2\n", "3:1", "a plan is one YAML document; remove the '---'"),
]


@pytest.mark.parametrize(("text", "where", "message"), SYNTAX)
def test_syntax_errors_in_our_words(text: str, where: str, message: str) -> None:
    errors = problems(text)
    assert len(errors) == 1
    assert errors[0].startswith(f"plan.yaml:{where}: {message}")
    chinese = problems(text, "zh")[0]
    assert "YAML" not in chinese.replace("YAML 文档", "")  # ours, translated
    assert not any(word in chinese for word in ("found", "expected", "while"))


@pytest.mark.parametrize(("text", "where", "message"), SYNTAX[:-1])
def test_the_pure_python_parsers_wording_is_translated_too(
    text: str, where: str, message: str
) -> None:
    """Without libyaml, PyYAML words its errors differently; they read the same to us."""
    from goalsplit.yaml_source import _syntax_issue

    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=yaml.SafeLoader)
    issue = _syntax_issue(caught.value, text, "plan.yaml")
    assert issue.render().startswith(f"plan.yaml:{where}: {message}")


def test_other_syntax_errors_keep_our_frame() -> None:
    errors = problems("team: !x!y 1\n")
    assert len(errors) == 1
    # (libyaml and PyYAML word the problem a little differently)
    assert errors[0].startswith("plan.yaml:1:7: YAML syntax error: found undefined tag handle")
    assert problems("team: !x!y 1\n", "zh")[0].startswith("plan.yaml:1:7: YAML 语法错误：")


# --- characters YAML does not allow --------------------------------------------------------


def test_control_characters_are_located_errors_not_crashes(tmp_path: Path) -> None:
    assert problems("period: 2026-03\nteam: a\x01b\x7f\n") == [
        "plan.yaml:2:8: character U+0001 is not allowed in a YAML file; remove it",
        "plan.yaml:2:10: character U+007F is not allowed in a YAML file; remove it",
    ]
    assert problems("team: \x00\n")[0].startswith("plan.yaml:1:7: character U+0000")
    many = problems("team: " + "\x02" * 50 + "\n")
    assert len(many) == 21 and many[-1] == "plan.yaml: … and 30 more problems"
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"period: 2026-03\r\ntarget: 1\x1b[31m\r\n")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 3
    assert f"{path}:2:10: character U+001B is not allowed" in result.stderr

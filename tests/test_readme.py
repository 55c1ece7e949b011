"""The README's help and example blocks are real output (they cannot drift).

``pytest --update-golden`` rewrites them from the current output.
"""

from __future__ import annotations

import re
import shlex

import pytest
from typer.testing import CliRunner

from goalsplit.cli import app
from tests.conftest import ROOT

README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- (\w+):start -->\n```\n)\$ (.*?)\n(.*?)(```\n<!-- \2:end -->)", re.S)


def run(command: str) -> str:
    args = shlex.split(command)
    assert args[0] == "goalsplit"
    result = CliRunner().invoke(app, args[1:], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_readme_blocks_match_the_program(request: pytest.FixtureRequest) -> None:
    text = README.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert {m[2] for m in blocks} == {
        "example",
        "help",
        "today",
        "evening",
        "share",
        "review",
        "year",
    }
    if request.config.getoption("--update-golden"):
        updated = BLOCK.sub(lambda m: f"{m[1]}$ {m[3]}\n{run(m[3])}{m[5]}", text)
        README.write_text(updated, encoding="utf-8")
        return
    for match in blocks:
        assert match[4] == run(match[3]), (
            f"README block {match[2]!r} is out of date; run pytest --update-golden"
        )


def test_readme_names_the_setup_commands_that_ci_runs() -> None:
    text = README.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in (
        "pip install . && goalsplit plan examples/east-1-q1.yaml",
        "pip install -e '.[test]' && pytest",
    ):
        assert command in text
        assert command in ci

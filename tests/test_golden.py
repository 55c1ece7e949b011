"""Whole reports for the shipped examples, compared with tests/golden/.

Refresh deliberately with ``pytest --update-golden`` and review the diff.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from goalsplit.cli import app
from tests.conftest import EXAMPLES

EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_table_report(example: str, golden) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["plan", str(EXAMPLES / example)])
    assert result.exit_code == 0, result.stderr
    golden(f"{example}.table.txt", result.stdout)


@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_json_report(example: str, golden) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["plan", str(EXAMPLES / example), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    golden(f"{example}.json", json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def test_daily_table_report(golden) -> None:  # type: ignore[no-untyped-def]
    args = ["plan", str(EXAMPLES / "east-1-q1.yaml"), "--rep", "王芳", "--daily"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    golden("east-1-q1.wang-fang.daily.txt", result.stdout)

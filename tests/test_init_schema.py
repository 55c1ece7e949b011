"""`goalsplit init` (a starter plan that checks) and `goalsplit schema` (draft-07)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from goalsplit.cli import app
from goalsplit.load import parse_yaml
from goalsplit.schema import plan_schema, plan_schema_text
from goalsplit.starter import current_quarter, starter_plan
from tests.conftest import EXAMPLES, ROOT

SHIPPED = ROOT / "schema" / "goalsplit-plan.schema.json"


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_init_writes_a_plan_that_check_accepts(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "team.yaml"
    result = invoke("init", str(path), "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert path.exists()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# goalsplit")
    assert "# yaml-language-server: $schema=" in text
    checked = invoke("check", str(path), "--lang", "en")
    assert checked.exit_code == 0, checked.stderr
    assert ": ok: 3 reps" in checked.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("today", [date(2026, 1, 1), date(2026, 5, 20), date(2026, 12, 31)])
def test_starter_plan_is_valid_in_every_quarter(tmp_path: Path, lang: str, today: date) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(starter_plan(current_quarter(today), lang, "plan.yaml"), encoding="utf-8")
    result = invoke("check", str(path))
    assert result.exit_code == 0, result.stderr
    assert f"{today.year}-Q{(today.month - 1) // 3 + 1}" in result.stdout


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("mine\n", encoding="utf-8")
    refused = invoke("init", str(path))
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert path.read_text(encoding="utf-8") == "mine\n"
    forced = invoke("init", str(path), "--force")
    assert forced.exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("# goalsplit")


def test_schema_command_prints_the_shipped_schema() -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    assert result.stdout == plan_schema_text()
    assert SHIPPED.read_text(encoding="utf-8") == plan_schema_text(), (
        "schema/goalsplit-plan.schema.json is out of date: goalsplit schema > "
        "schema/goalsplit-plan.schema.json"
    )


def test_schema_is_draft_07() -> None:
    schema = plan_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    text = json.dumps(schema)
    assert "$defs" not in text and "prefixItems" not in text


def as_json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def validate(text: str) -> list[str]:
    data, _ = parse_yaml(text, "plan.yaml", [])
    validator = jsonschema.Draft7Validator(plan_schema())
    return [error.message for error in validator.iter_errors(as_json(data))]


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_schema_accepts_the_examples(example: Path) -> None:
    assert validate(example.read_text(encoding="utf-8")) == []


def test_schema_accepts_the_starter_plans() -> None:
    for lang in ("en", "zh"):
        assert validate(starter_plan("2026-Q4", lang, "plan.yaml")) == []


def test_schema_rejects_what_the_loader_rejects() -> None:
    errors = validate(
        "period: 2026-Q1\ntarget: 100\nstretch: 30%\nrates: {dials: -1}\n"
        "reps: [{name: A, qouta: 5, leave: [2026-13]}]\n"
    )
    assert len(errors) == 4, errors  # stretch below 1, negative rate, unknown key, bad date


def test_schema_accepts_names_written_as_numbers_as_the_loader_does() -> None:
    text = (
        "team: 2026\nperiod: 2026-Q1\ntarget: 100\nrates: {pipeline: 0.3, intents: 100, "
        "deep_talks: 0.2, connects: 0.2, dials: 0.3}\nreps: [{name: 007}, {name: 1e3}]\n"
    )
    assert validate(text) == []
    from goalsplit.worked import work_out_text

    worked = work_out_text(text)
    assert worked.breakdown is not None
    assert [rep.name for rep in worked.breakdown.reps] == ["007", "1e3"]
    assert worked.breakdown.team == "2026"

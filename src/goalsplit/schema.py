"""The plan file's JSON Schema (draft-07), generated from the input models.

Editors that speak yaml-language-server (VS Code's YAML extension, and others)
use it for completion and validation. ``schema/goalsplit-plan.schema.json`` in
the repository is a copy; a test fails when it drifts from the models.
"""

from __future__ import annotations

import json
from typing import Any

from goalsplit.model import Plan

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def plan_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(mode="validation", ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    return {
        "$schema": DRAFT_07,
        "$id": "https://goalsplit.invalid/schema/plan-1.json",
        "title": "goalsplit plan (format version 1)",
        **{key: value for key, value in schema.items() if key != "title"},
        "definitions": definitions,
    }


def plan_schema_text() -> str:
    return json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n"

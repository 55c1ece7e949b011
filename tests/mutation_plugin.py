"""A pytest plugin for the mutation run (tools/mutation.py loads it through
[tool.mutmut] in pyproject.toml; a normal test run never does).

- Hypothesis draws the same examples on every run and has no deadline, so the same
  mutants die each time and a slow, loaded machine kills none by a timing failure.
- Each mutant runs the tests that reach it fastest first (by the durations mutmut
  recorded): with ``-x`` a mutant dies at its first failure, usually a unit test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("mutation", derandomize=True, database=None, deadline=None)
settings.load_profile("mutation")

_durations: dict[str, float] = {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not _durations:
        stats = Path("mutmut-stats.json")  # mutmut runs the tests from mutants/
        if not stats.exists():
            return
        _durations.update(json.loads(stats.read_text(encoding="utf-8"))["duration_by_test"])
    items.sort(key=lambda item: _durations.get(item.nodeid, 0.0))

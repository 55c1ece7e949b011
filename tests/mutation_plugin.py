"""A pytest plugin for the mutation run (tools/mutation.py loads it through
[tool.mutmut] in pyproject.toml; a normal test run never does).

- Hypothesis draws the same examples on every run and has no deadline, so the same
  mutants die each time and a slow, loaded machine kills none by a timing failure.
- Each mutant runs the tests that reach it fastest first (by the durations mutmut
  recorded): with ``-x`` a mutant dies at its first failure, usually a unit test.
- Tests that read the source rather than run it are left out (like test_i18n.py in
  pyproject.toml): parsing every mutated file (mutmut's copies hold every mutant) costs
  seconds per mutant, and a mutant cannot fail them for a reason that matters.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("mutation", derandomize=True, database=None, deadline=None)
settings.load_profile("mutation")

_durations: dict[str, float] = {}
READS_THE_SOURCE = {
    "tests/test_activity.py::test_only_yaml_source_imports_yaml_and_load_keeps_its_names",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    kept = [item for item in items if item.nodeid not in READS_THE_SOURCE]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i.nodeid in READS_THE_SOURCE])
        items[:] = kept
    if not _durations:
        stats = Path("mutmut-stats.json")  # mutmut runs the tests from mutants/
        if not stats.exists():
            return
        _durations.update(json.loads(stats.read_text(encoding="utf-8"))["duration_by_test"])
    items.sort(key=lambda item: _durations.get(item.nodeid, 0.0))

"""A plan file worked out: the one entry point that the CLI, ``check`` and the tests call.

Loading (:mod:`goalsplit.load`) and working out (:mod:`goalsplit.breakdown`) each
raise PlanError with every problem they find; here both become values, the way
beancount's loader returns entries and errors: the worked-out plan (or None when
there are errors) and its issues, every one located in the file and sorted by
position. Nobody else pairs loading with building, so the CLI and the tests see
exactly the same plan and the same messages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from goalsplit.errors import Issue, PlanError

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown
    from goalsplit.load import LoadedPlan
    from goalsplit.scenarios import WhatIf

ErrorSource = Literal["plan", "history"]


@dataclass(frozen=True)
class WorkedPlan:
    """One plan file, worked out: a breakdown and its warnings, or the errors."""

    breakdown: Breakdown | None  # None when the plan has errors
    issues: tuple[Issue, ...]  # located: the errors, or the warnings and notes
    errors_in: ErrorSource = "plan"  # which file the errors are in
    history_file: Path | None = None  # the history file the plan names, when it names one
    scenarios: tuple[str, ...] = ()  # the names of the plan's scenarios

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.is_error)


def work_out(
    path: Path | str, display_name: str | None = None, what_if: WhatIf | None = None
) -> WorkedPlan:
    """Read the plan file (and the history it names) and work it out (``what_if``: with
    a scenario and ``--set`` values laid over it)."""
    from goalsplit.load import load_plan

    path = Path(path)
    try:
        loaded = load_plan(path, display_name, what_if=what_if)
    except PlanError as exc:
        kind: ErrorSource = "history" if getattr(exc, "kind", "plan") == "history" else "plan"
        return WorkedPlan(None, tuple(exc.issues), kind)
    history = loaded.plan.history
    worked = _build(loaded)
    if history is None:
        return worked
    return replace(worked, history_file=path.parent / history.file)


def work_out_text(text: str, name: str = "plan.yaml", what_if: WhatIf | None = None) -> WorkedPlan:
    """Work out a plan written as text (no history file is read)."""
    from goalsplit.load import parse_plan

    try:
        loaded = parse_plan(text, name, what_if)
    except PlanError as exc:
        return WorkedPlan(None, tuple(exc.issues))
    return _build(loaded)


def _build(loaded: LoadedPlan) -> WorkedPlan:
    """Work the plan out (``build_breakdown`` runs checks.PLAN_CHECKS first), then run
    checks.WORKED_CHECKS on the result."""
    from goalsplit.breakdown import build_breakdown
    from goalsplit.checks import check_worked
    from goalsplit.load import sorted_located

    try:
        breakdown = build_breakdown(loaded.plan, loaded.history)
    except PlanError as exc:
        return WorkedPlan(None, tuple(sorted_located(loaded.source, exc.issues)))
    found = [*breakdown.warnings, *check_worked(breakdown)]
    issues = tuple(sorted_located(loaded.source, found))
    if any(issue.is_error for issue in issues):
        return WorkedPlan(None, issues)
    scenarios = tuple(loaded.plan.scenarios)
    return WorkedPlan(replace(breakdown, warnings=issues), issues, scenarios=scenarios)

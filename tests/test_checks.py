"""The checks seam: every rule is a function in a list, run by the one entry point."""

from __future__ import annotations

import pytest

from goalsplit import checks
from goalsplit.errors import Issue
from goalsplit.load import parse_plan
from tests.conftest import dedent, warnings_of

PLAN = """
    period: 2026-03
    target: 100000
    rates: {pipeline: 0.3, intents: 15000, deep_talks: 0.2, connects: 0.25, dials: 0.4}
    reps: [{name: A}, {name: B}]
"""


def test_a_new_rule_is_a_function_in_a_list(monkeypatch: pytest.MonkeyPatch) -> None:
    def every_rep_named(breakdown):  # type: ignore[no-untyped-def]
        for i, rep in enumerate(breakdown.reps):
            yield Issue(("reps", i, "name"), "{rep}", {"rep": rep.name}, severity="warning")

    def no_stretch(plan):  # type: ignore[no-untyped-def]
        if plan.stretch == 1:
            yield Issue(("target",), "{rep}", {"rep": "no stretch"}, severity="warning")

    monkeypatch.setattr(checks, "WORKED_CHECKS", (*checks.WORKED_CHECKS, every_rep_named))
    monkeypatch.setattr(checks, "PLAN_CHECKS", (*checks.PLAN_CHECKS, no_stretch))
    assert warnings_of(PLAN) == [
        "plan.yaml:2:9: warning: target: no stretch",
        "plan.yaml:4:15: warning: reps[0].name: A",
        "plan.yaml:4:26: warning: reps[1].name: B",
    ]


def test_an_error_from_a_worked_check_rejects_the_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    from goalsplit.worked import work_out_text

    def refuse(breakdown):  # type: ignore[no-untyped-def]
        yield Issue(("reps", 1), "{rep}", {"rep": "refused"})

    monkeypatch.setattr(checks, "WORKED_CHECKS", (refuse,))
    worked = work_out_text(dedent(PLAN))
    assert worked.breakdown is None
    assert [str(issue) for issue in worked.errors] == ["plan.yaml:4:19: reps[1]: refused"]


def test_errors_are_listed_up_to_a_hundred_then_counted() -> None:
    reps = ", ".join("{name: A}" for _ in range(150))
    plan = parse_plan(dedent(PLAN).replace("[{name: A}, {name: B}]", f"[{reps}]")).plan
    found = checks.run_checks(checks.PLAN_CHECKS, plan)
    assert len(found) == 101
    assert found[-1].params == {"count": 49}

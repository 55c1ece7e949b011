from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from goalsplit.breakdown import Breakdown, build_breakdown
from goalsplit.errors import PlanError
from goalsplit.load import parse_plan, sorted_located

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden report files from the current output instead of comparing.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with tests/golden/NAME; rewrite it only with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.exists(), f"{path} is missing; run pytest --update-golden to create it"
        assert text == path.read_text(encoding="utf-8"), (
            f"{name} differs from the golden file; if the change is intended, "
            "run pytest --update-golden and review the diff"
        )

    return check


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def breakdown_of(yaml_text: str) -> Breakdown:
    """Load YAML written in a test and work it out, with located errors."""
    loaded = parse_plan(dedent(yaml_text), "plan.yaml")
    try:
        return build_breakdown(loaded.plan)
    except PlanError as exc:
        raise PlanError(sorted_located(loaded.source, exc.issues)) from None


def errors_of(yaml_text: str) -> list[str]:
    """Every error (not warning) the plan produces, as the user sees them."""
    try:
        breakdown_of(yaml_text)
    except PlanError as exc:
        return [str(issue) for issue in exc.issues if issue.is_error]
    raise AssertionError("the plan was accepted")


def warnings_of(yaml_text: str) -> list[str]:
    loaded = parse_plan(dedent(yaml_text), "plan.yaml")
    breakdown = build_breakdown(loaded.plan)
    return [str(w) for w in sorted_located(loaded.source, list(breakdown.warnings))]

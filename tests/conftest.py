from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

from goalsplit.breakdown import Breakdown
from goalsplit.errors import PlanError
from goalsplit.worked import work_out_text

# No per-example deadline: the machines that run the suite are shared and noisy, and a
# timing is not a test (bench/benchmark.py measures speed). The mutation run loads its
# own profile (tests/mutation_plugin.py), which stays.
settings.register_profile("goalsplit", deadline=None)
if settings.get_current_profile_name() == "default":
    settings.load_profile("goalsplit")

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
    """Work out YAML written in a test, through the CLI's own entry point; raise
    PlanError with the located errors."""
    worked = work_out_text(dedent(yaml_text), "plan.yaml")
    if worked.breakdown is None:
        raise PlanError(list(worked.issues))
    return worked.breakdown


def errors_of(yaml_text: str) -> list[str]:
    """Every error (not warning) the plan produces, as the user sees them."""
    worked = work_out_text(dedent(yaml_text), "plan.yaml")
    if worked.breakdown is not None:
        raise AssertionError("the plan was accepted")
    return [str(issue) for issue in worked.errors]


def warnings_of(yaml_text: str) -> list[str]:
    """The warnings and notes of a valid plan, as the user sees them."""
    return [str(w) for w in breakdown_of(yaml_text).warnings]

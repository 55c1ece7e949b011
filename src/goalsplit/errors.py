"""User-facing problems with a plan, as opposed to bugs.

The core reports problems against a *path* into the plan (``reps[2].rates.dials``);
only the loader knows where that path sits in the file, so it fills in the
location afterwards. One exception type carries every problem found, so the
user sees all of them at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

PathPart = str | int
PlanPath = tuple[PathPart, ...]
Severity = Literal["error", "warning"]


def format_path(path: PlanPath) -> str:
    """``("reps", 2, "rates", "dials")`` -> ``reps[2].rates.dials``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass(frozen=True)
class Issue:
    """One problem found in a plan, pointing at the offending key or value."""

    path: PlanPath
    message: str
    severity: Severity = "error"
    at_key: bool = False  # point at the key itself (unknown or duplicate keys)
    file: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def located(self, file: str, line: int | None, column: int | None) -> Issue:
        return replace(self, file=file, line=line, column=column)

    def describe(self) -> str:
        """``where: what`` without the file position (used in JSON warnings)."""
        where = format_path(self.path)
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        place = ""
        if self.file is not None:
            place = self.file
            if self.line is not None:
                place += f":{self.line}"
                if self.column is not None:
                    place += f":{self.column}"
            place += ": "
        kind = "warning: " if self.severity == "warning" else ""
        return f"{place}{kind}{self.describe()}"


class PlanError(Exception):
    """The plan file is invalid; carries every error found (and any warnings)."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = list(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))

"""User-facing problems with a plan, as opposed to bugs.

The core reports problems against a *path* into the plan (``reps[2].rates.dials``);
only the loader knows where that path sits in the file, so it fills in the
location afterwards. One exception type carries every problem found, so the
user sees all of them at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from goalsplit.i18n import localized, tr, trn
from goalsplit.text import printable

PathPart = str | int
PlanPath = tuple[PathPart, ...]
Severity = Literal["error", "warning", "note"]


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
    """One problem found in a plan, pointing at the offending key or value.

    The message is an English template with named fields; it is filled in (and
    translated, see :mod:`goalsplit.i18n`) only when shown.
    """

    path: PlanPath
    template: str
    params: Mapping[str, object] = field(default_factory=dict)
    severity: Severity = "error"
    at_key: bool = False  # point at the key itself (unknown or duplicate keys)
    plural: str | None = None  # the template's plural form; ``params["count"]`` chooses
    file: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def located(self, file: str, line: int | None, column: int | None) -> Issue:
        return replace(self, file=file, line=line, column=column)

    def message(self, lang: str = "en") -> str:
        params = localized(self.params, lang)  # stage names become labels in ``lang``
        if self.plural is not None:
            count = params.pop("count")
            assert isinstance(count, int)
            return trn(self.template, self.plural, count, lang, **params)
        return tr(self.template, lang, **params)

    def describe(self, lang: str = "en") -> str:
        """``where: what`` without the file position (used in JSON warnings)."""
        where = format_path(self.path)
        what = self.message(lang)
        return f"{where}: {what}" if where else what

    def render(self, lang: str = "en") -> str:
        """``FILE:LINE:COL: [warning: ]where: what``, the form editors jump to; control
        characters from the input (a rep named with an escape sequence) are shown as
        escapes, never sent to the terminal."""
        place = ""
        if self.file is not None:
            place = self.file
            if self.line is not None:
                place += f":{self.line}"
                if self.column is not None:
                    place += f":{self.column}"
            place += ": "
        kind = {"warning": tr("warning: ", lang), "note": tr("note: ", lang)}.get(self.severity, "")
        return printable(f"{place}{kind}{self.describe(lang)}")

    def __str__(self) -> str:
        return self.render()


MORE_PROBLEMS = "… and {count} more problem"


def more_problems(count: int, file: str | None = None) -> Issue:
    """The line that stands for problems found but not listed one by one."""
    return Issue(
        (),
        "… and {count} more problem",
        {"count": count},
        plural="… and {count} more problems",
        file=file,
    )


class InputError(ValueError):
    """Raised by input validators: an English template and its fields, like Issue."""

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


class PlanError(Exception):
    """The plan file is invalid; carries every error found (and any warnings)."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = list(issues)
        super().__init__()

    def __str__(self) -> str:  # built when shown, not for every error raised
        return "\n".join(str(issue) for issue in self.issues)


ActivityKind = Literal["history", "actuals"]


class ActivityError(PlanError):
    """A history or actuals CSV is invalid; ``kind`` says which, for the closing line."""

    def __init__(self, issues: Sequence[Issue], kind: ActivityKind) -> None:
        super().__init__(issues)
        self.kind: ActivityKind = kind

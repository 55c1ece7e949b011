"""Reading a plan file: the one entry point for plans, and the only module that
opens them.

A plan is read in three steps, one module each: the YAML text becomes plain
data with a source map (:mod:`goalsplit.yaml_source`, the only module that
imports yaml), the data is validated into a :class:`~goalsplit.model.Plan` with
pydantic's errors translated into issues (:mod:`goalsplit.validate`), and every
issue is located in the file through the source map. A plan's history file is
read by :mod:`goalsplit.activity`, which reads the activity CSVs (history and
actuals); ``load_history`` and ``load_actuals`` are importable from here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from goalsplit.activity import is_workbook, load_actuals, load_history
from goalsplit.errors import MORE_PROBLEMS, Issue, PlanError, PlanPath, more_problems
from goalsplit.i18n import N_, Lang
from goalsplit.limits import MAX_PLAN_BYTES, MAX_REPORTED, MAX_REPS, MAX_STAGES
from goalsplit.slips import find_slips, mend
from goalsplit.validate import validate_plan
from goalsplit.yaml_source import SourceMap, parse_yaml, sorted_issues

if TYPE_CHECKING:
    from goalsplit.history import History
    from goalsplit.model import Plan
    from goalsplit.scenarios import WhatIf

__all__ = [
    "LoadedPlan",
    "SourceMap",
    "load_actuals",
    "load_history",
    "load_plan",
    "parse_plan",
    "parse_yaml",
    "sorted_located",
]

# Lists a plan may not make longer, refused as soon as the file goes past them.
_MAX_ITEMS: dict[PlanPath, tuple[int, str]] = {
    ("reps",): (MAX_REPS, N_("more than {max} reps; split the team into several plans")),
    ("funnel",): (MAX_STAGES, N_("more than {max} funnel stages")),
}


@dataclass(frozen=True)
class LoadedPlan:
    plan: Plan
    source: SourceMap
    history: History | None = None  # the plan's history file, read, when it names one


def load_plan(
    path: Path | str,
    display_name: str | None = None,
    with_history: bool = True,
    what_if: WhatIf | None = None,
) -> LoadedPlan:
    """Read, parse and validate a plan file (and the history file it names); raise
    PlanError listing every problem (ActivityError for problems in the history file)."""
    path = Path(path)
    name = display_name or str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_PLAN_BYTES + 1)  # never more than the limit, whatever it is
    except OSError as exc:
        raise PlanError(
            [Issue((), "cannot read the plan: {reason}", {"reason": exc.strerror}, file=name)]
        ) from None
    loaded = parse_plan(raw, name, what_if)
    source = loaded.plan.history
    if source is None or not with_history:
        return loaded
    history_path = path.parent / source.file
    if not history_path.is_file():
        raise PlanError(
            [
                loaded.source.locate(
                    Issue(
                        ("history", "file"),
                        "history file {path} not found (a path relative to the plan file)",
                        {"path": str(history_path)},
                    )
                )
            ]
        )
    if source.sheet is not None and not is_workbook(history_path):
        raise PlanError(
            [
                loaded.source.locate(
                    Issue(
                        ("history", "sheet"),
                        "a sheet is for a workbook (.xlsx); {path} is CSV",
                        {"path": source.file},
                    )
                )
            ]
        )
    since, until = loaded.plan.history_window()
    history = load_history(history_path, loaded.plan.stages, since, until, sheet=source.sheet)
    return LoadedPlan(loaded.plan, loaded.source, history)


def parse_plan(raw: bytes | str, name: str = "<plan>", what_if: WhatIf | None = None) -> LoadedPlan:
    """Parse and validate a plan; ``what_if`` lays a scenario and ``--set`` values over
    its data first (:mod:`goalsplit.scenarios`)."""
    if len(raw) > MAX_PLAN_BYTES:
        raise PlanError(
            [
                Issue(
                    (),
                    "the plan is larger than {max} MB, the most a plan file may hold",
                    {"max": MAX_PLAN_BYTES // (1024 * 1024)},
                    file=name,
                )
            ]
        )
    text = _decode(raw, name) if isinstance(raw, bytes) else raw
    try:
        return _parse(text, name, what_if)
    except PlanError as exc:
        raise PlanError(_with_slips(text, name, exc.issues, what_if)) from None


def _with_slips(
    text: str, name: str, issues: list[Issue], what_if: WhatIf | None = None
) -> list[Issue]:
    """When typing slips explain errors (an error on a slip's line, or the slip itself
    reported for a syntax error after it), report the slips, and of the other errors
    only those that remain once the slips are mended: one cause, one error."""
    if not any(char in text for char in "：\t\u3000"):
        return issues
    error_lines = {issue.line for issue in issues if issue.is_error}
    slips = [slip for slip in find_slips(text) if slip.line in error_lines]
    if not slips:
        return issues
    try:
        _parse(mend(text, slips), name, what_if)
        remaining: list[Issue] = []
    except PlanError as exc:
        slip_lines = {slip.line for slip in slips}
        remaining = [issue for issue in exc.issues if issue.line not in slip_lines]
    return sorted_issues([*(slip.issue(name) for slip in slips), *remaining])


def _parse(text: str, name: str, what_if: WhatIf | None = None) -> LoadedPlan:
    issues: list[Issue] = []
    data, source = parse_yaml(text, name, issues, _MAX_ITEMS)
    if data is None:
        raise PlanError(
            [
                Issue(
                    (),
                    "the plan is empty; it needs at least period, target, rates and reps",
                    file=name,
                    line=1,
                    column=1,
                )
            ]
        )
    if not isinstance(data, dict):
        raise PlanError(
            sorted_located(source, [Issue((), "the plan must be a mapping of keys to values")])
        )
    if what_if and not issues:
        from goalsplit.scenarios import apply_what_if

        data, source = apply_what_if(data, source, what_if)
    plan, invalid = validate_plan(data)
    issues += invalid
    if issues or plan is None:
        raise PlanError(sorted_located(source, issues))
    return LoadedPlan(plan, source)


def sorted_located(source: SourceMap, issues: list[Issue]) -> list[Issue]:
    """The issues located in the file, in file order, without the warnings about a part
    of the plan that has an error (they follow from it); when there are errors, at most
    MAX_REPORTED of them, then a line that counts the rest."""
    unlisted = sum(_unlisted(issue) for issue in issues)
    located = [source.locate(issue) for issue in issues if not _unlisted(issue)]
    kept = _without_follow_ons(sorted_issues(located))
    if not any(issue.is_error for issue in kept):
        return kept
    unlisted += max(len(kept) - MAX_REPORTED, 0)
    kept = kept[:MAX_REPORTED]
    return [*kept, more_problems(unlisted, source.file)] if unlisted else kept


def _unlisted(issue: Issue) -> int:
    """How many problems ``issue`` stands for when it only counts them (else 0)."""
    count = issue.params.get("count") if issue.template == MORE_PROBLEMS else None
    return count if isinstance(count, int) else 0


def _without_follow_ons(issues: list[Issue]) -> list[Issue]:
    broken = [issue.path for issue in issues if issue.is_error and issue.path]
    if not broken:
        return issues
    return [
        issue
        for issue in issues
        if issue.is_error or not issue.path or not any(_within(path, issue.path) for path in broken)
    ]


def _within(path: PlanPath, prefix: PlanPath) -> bool:
    return path[: len(prefix)] == prefix


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        start = before.rfind(b"\n") + 1
        column = len(raw[start : exc.start].decode("utf-8", "replace")) + 1
        raise PlanError(
            [
                Issue(
                    (),
                    "not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8",
                    {"byte": raw[exc.start]},
                    file=name,
                    line=line,
                    column=column,
                )
            ]
        ) from None


_LANG_LINE = re.compile(rb"^lang[ \t]*:[ \t]*(['\"]?)(en|zh)\1[ \t]*(?:#[^\n]*)?\r?$", re.M)


def plan_language(path: Path) -> Lang | None:
    """The plan's ``lang:``, read from the raw file without validating it, so that
    even the errors of an invalid plan come out in the plan's language."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_PLAN_BYTES)
    except OSError:
        return None
    match = _LANG_LINE.search(raw.removeprefix(b"\xef\xbb\xbf"))
    if match is None:
        return None
    return "zh" if match[2] == b"zh" else "en"


def what_if_language(
    path: Path, sets: Sequence[str], scenario: str | None
) -> Lang | Literal[""] | None:
    """The ``lang:`` a what-if gives the plan: the last ``--set lang=...`` (its value
    read as YAML, as the plan reads it), else the chosen scenario's ``lang:``; "" when
    the what-if takes the plan's ``lang:`` out (``--set lang=null``); None when it says
    nothing (the plan's own then, see plan_language). A value that is not a language is
    left to validation, which says so at its place."""
    from goalsplit.errors import InputError
    from goalsplit.scenarios import parse_set

    for text in reversed(sets):
        try:
            override = parse_set(text)
        except InputError:
            continue  # said when the --set is applied
        if override.parts == ("lang",):
            value = override.value
            return "" if value is None else value if value in ("en", "zh") else None
    if scenario is None:
        return None
    try:
        text = path.read_bytes()[:MAX_PLAN_BYTES].decode("utf-8-sig")
        data, _ = parse_yaml(text, str(path), [])
    except (OSError, UnicodeDecodeError, PlanError):
        return None
    scenarios = data.get("scenarios") if isinstance(data, dict) else None
    chosen = scenarios.get(scenario) if isinstance(scenarios, dict) else None
    lang = chosen.get("lang") if isinstance(chosen, dict) else None
    return lang if lang in ("en", "zh") else None

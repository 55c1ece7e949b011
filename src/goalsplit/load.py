"""Reading plan files: the only module that touches files or imports yaml.

YAML is read with the 1.2 core rules that people expect when they write a plan
by hand (``no`` is a string, ``1e6`` is a number, ``010`` is ten), decimals
become ``Decimal`` so no binary float ever reaches a count, duplicate keys and
anchors/aliases are errors, and every node's line and column is remembered so
that any problem found later can be reported where it is in the file.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ValidationError

from goalsplit.errors import InputError, Issue, PlanError, PlanPath
from goalsplit.i18n import LANGS, N_, stage_label
from goalsplit.model import Plan, Stage

if TYPE_CHECKING:
    from goalsplit.history import History
    from goalsplit.track import Actuals

_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"


class _CoreResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema scalars (plus ``_`` digit separators), no timestamps."""


for _tag, _pattern, _first in (
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    (_INT, r"^(?:[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+)$", list("-+0123456789")),
    (
        _FLOAT,
        r"^(?:[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
):
    _CoreResolver.add_implicit_resolver(_tag, re.compile(_pattern), _first)

if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser as _Parser

    class _Composer(_Parser, _CoreResolver):
        def __init__(self, text: str) -> None:
            _Parser.__init__(self, text)
            _CoreResolver.__init__(self)

else:  # pragma: no cover - pure-Python fallback when libyaml is missing

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _CoreResolver,
    ):
        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _CoreResolver.__init__(self)


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of the plan sits in the file."""

    file: str
    values: dict[PlanPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PlanPath, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: PlanPath, at_key: bool = False) -> tuple[int, int] | None:
        if at_key and path in self.keys:
            return self.keys[path]
        while True:
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]

    def locate(self, issue: Issue) -> Issue:
        if issue.file is not None:
            return issue
        pos = self.position(issue.path, issue.at_key)
        return issue.located(self.file, *(pos if pos else (None, None)))


@dataclass(frozen=True)
class LoadedPlan:
    plan: Plan
    source: SourceMap
    history: History | None = None  # the plan's history file, read, when it names one


def load_plan(
    path: Path | str, display_name: str | None = None, with_history: bool = True
) -> LoadedPlan:
    """Read, parse and validate a plan file (and the history file it names); raise
    PlanError listing every problem."""
    path = Path(path)
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanError(
            [Issue((), "cannot read the plan: {reason}", {"reason": exc.strerror}, file=name)]
        ) from None
    loaded = parse_plan(raw, name)
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
    since, until = loaded.plan.history_window()
    history = load_history(history_path, loaded.plan.stages, since, until)
    return LoadedPlan(loaded.plan, loaded.source, history)


def parse_plan(raw: bytes | str, name: str = "<plan>") -> LoadedPlan:
    text = _decode(raw, name) if isinstance(raw, bytes) else raw
    issues: list[Issue] = []
    data, source = parse_yaml(text, name, issues)
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
        raise PlanError([source.locate(Issue((), "the plan must be a mapping of keys to values"))])
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        issues += [_issue_from_pydantic(err) for err in errors if not _follows(err, errors)]
    if issues:
        raise PlanError(sorted_located(source, issues))
    return LoadedPlan(plan, source)


def sorted_located(source: SourceMap, issues: list[Issue]) -> list[Issue]:
    located = [source.locate(issue) for issue in issues]
    return sorted(located, key=lambda i: (i.line or 0, i.column or 0))


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
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


def parse_yaml(text: str, name: str, issues: list[Issue]) -> tuple[Any, SourceMap]:
    """YAML text -> plain data (dict, list, str, int, Decimal, bool, None) + positions.

    Problems that still leave usable data (duplicate keys, unsupported tags) are
    appended to ``issues`` so they are reported together with validation errors.
    """
    source = SourceMap(name)
    if "&" in text or "*" in text:
        _reject_anchors(text, name)
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise PlanError([_syntax_issue(exc, name)]) from None
    finally:
        composer.dispose()
    if node is None:
        return None, source
    data = _to_data(node, (), source, issues)
    return data, source


def _reject_anchors(text: str, name: str) -> None:
    """Anchors and aliases are refused before composing, so an alias bomb costs nothing."""
    issues: list[Issue] = []
    try:
        for event in yaml.parse(
            text, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
        ):
            anchor = getattr(event, "anchor", None)
            if not anchor:
                continue
            if isinstance(event, yaml.AliasEvent):
                what = N_("alias *{anchor} is not supported: write the value out")
            else:
                what = N_("anchor &{anchor} is not supported: write values out in full")
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
            issues.append(Issue((), what, {"anchor": anchor}, file=name, line=line, column=column))
    except yaml.MarkedYAMLError as exc:
        issues.append(_syntax_issue(exc, name))
    if issues:
        raise PlanError(issues)


def _syntax_issue(exc: yaml.MarkedYAMLError, name: str) -> Issue:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if exc.context:
        problem = f"{problem} ({exc.context})"
    return Issue(
        (),
        "YAML syntax error: {problem}",
        {"problem": problem},
        file=name,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _to_data(node: yaml.Node, path: PlanPath, source: SourceMap, issues: list[Issue]) -> Any:
    source.values[path] = _pos(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        first_at: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                issues.append(_issue_at(key_node, path, N_("keys must be plain words"), {}, source))
                continue
            key = key_node.value
            key_path = (*path, key)
            if key in first_at:
                line, _ = first_at[key]
                issues.append(
                    _issue_at(
                        key_node,
                        key_path,
                        N_("duplicate key {key} (first given on line {line})"),
                        {"key": repr(key), "line": line},
                        source,
                    )
                )
                continue
            first_at[key] = _pos(key_node)
            source.keys[key_path] = _pos(key_node)
            result[key] = _to_data(value_node, key_path, source, issues)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, (*path, i), source, issues) for i, item in enumerate(node.value)]
    return _scalar(node, path, source, issues)


def _issue_at(
    node: yaml.Node, path: PlanPath, template: str, params: dict[str, object], source: SourceMap
) -> Issue:
    line, column = _pos(node)
    return Issue(path, template, params, file=source.file, line=line, column=column)


def _scalar(node: yaml.Node, path: PlanPath, source: SourceMap, issues: list[Issue]) -> Any:
    value: str = node.value
    tag = node.tag
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        digits = value.replace("_", "")
        if digits.startswith(("0x", "0o")):
            return int(digits[2:], 16 if digits[1] == "x" else 8)
        return int(digits)
    if tag == _FLOAT:
        lowered = value.lower()
        if lowered.endswith((".inf", ".nan")):
            return float(lowered.replace(".", ""))  # "-.inf" -> "-inf"
        return Decimal(value.replace("_", ""))
    issues.append(
        _issue_at(node, path, N_("YAML tag {tag} is not supported"), {"tag": repr(tag)}, source)
    )
    return None


# --- pydantic errors -> plan issues -------------------------------------------------

_MESSAGES = {
    "finite_number": N_("must be a finite number, got {value}"),
    "string_type": N_("must be text, got {value}"),
    "list_type": N_("must be a list, got {value}"),
    "tuple_type": N_("must be a list, got {value}"),
    "dict_type": N_("must be a mapping of keys to values, got {value}"),
    "model_type": N_("must be a mapping of keys to values, got {value}"),
    "model_attributes_type": N_("must be a mapping of keys to values, got {value}"),
    "decimal_parsing": N_("must be a number, got {value}"),
    "decimal_type": N_("must be a number, got {value}"),
    "int_parsing": N_("must be a whole number, got {value}"),
    "int_type": N_("must be a whole number, got {value}"),
    "bool_type": N_("must be true or false, got {value}"),
    "too_short": N_("must not be empty"),
    "string_too_short": N_("must not be empty"),
}


def _issue_from_pydantic(err: Any) -> Issue:
    loc: PlanPath = tuple(err["loc"])
    kind: str = err["type"]
    ctx = err.get("ctx") or {}
    shown = _shown(err.get("input"))
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind == "missing":
        return Issue(loc[:-1], "missing required key {key}", {"key": repr(loc[-1])})
    if kind == "greater_than":
        return Issue(
            loc,
            "must be greater than {bound}, got {value}",
            {"bound": ctx.get("gt"), "value": shown},
        )
    if kind == "greater_than_equal":
        return Issue(
            loc, "must be at least {bound}, got {value}", {"bound": ctx.get("ge"), "value": shown}
        )
    if kind == "value_error" and isinstance(ctx.get("error"), InputError):
        error: InputError = ctx["error"]
        return Issue(loc, error.template, error.params)
    if kind == "literal_error":
        return Issue(
            loc,
            "must be {expected}, got {value}",
            {"expected": ctx.get("expected"), "value": shown},
        )
    if kind in _MESSAGES:
        return Issue(loc, _MESSAGES[kind], {"value": shown})
    # Anything else pydantic reports, in its own (English) words.
    return Issue(
        loc,
        "{problem}, got {value}",
        {"problem": err["msg"][:1].lower() + err["msg"][1:], "value": shown},
    )


def _follows(err: Any, errors: list[Any]) -> bool:
    """A list reported too short only because its items were invalid is not news."""
    if err["type"] != "too_short":
        return False
    loc = tuple(err["loc"])
    return any(
        tuple(other["loc"])[: len(loc)] == loc and len(other["loc"]) > len(loc) for other in errors
    )


def _shown(value: Any) -> str:
    """The offending value as the user wrote it (language-neutral)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    if value is None:
        return "null"
    return repr(value)


def _unknown_key(loc: PlanPath) -> Issue:
    key = repr(str(loc[-1]))
    allowed = _allowed_keys(loc[:-1])
    if not allowed:
        return Issue(loc, "unknown key {key}", {"key": key}, at_key=True)
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    params = {"key": key, "allowed": ", ".join(allowed)}
    if close:
        return Issue(
            loc,
            "unknown key {key}; did you mean {close}? expected one of: {allowed}",
            {**params, "close": repr(close[0])},
            at_key=True,
        )
    return Issue(loc, "unknown key {key}; expected one of: {allowed}", params, at_key=True)


def _allowed_keys(loc: PlanPath) -> list[str]:
    """The keys the model at ``loc`` accepts, by walking the models' annotations."""
    current: Any = Plan
    for part in loc:
        if isinstance(part, int):
            current = _item_type(current)
            continue
        model = _model_in(current)
        if model is None or part not in model.model_fields:
            return []
        current = model.model_fields[part].annotation
    model = _model_in(current)
    return list(model.model_fields) if model else []


def _model_in(tp: Any) -> type[BaseModel] | None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in typing.get_args(tp):  # X | None
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _item_type(tp: Any) -> Any:
    for arg in typing.get_args(tp):
        origin = typing.get_origin(arg)
        if origin in (tuple, list):
            return typing.get_args(arg)[0]
    if typing.get_origin(tp) in (tuple, list):
        return typing.get_args(tp)[0]
    return tp


# --- history files (CSV) ------------------------------------------------------------

_REP_COLUMNS = ("rep", "name", "销售", "姓名", "销售姓名")
_DATE_COLUMNS = ("date", "day", "日期")
_MONTH_COLUMNS = ("month", "月份", "月")
_MAX_REPORTED = 100


def _column_names(stage: Stage) -> set[str]:
    names = {stage.name.lower(), stage.name.replace("_", " ").lower()}
    if stage.label:
        names.add(stage.label.strip().lower())
    for lang in LANGS:
        names.add(stage_label(stage.name, None, lang).lower())
    return names


class _ActivityReader:
    """Rows of an activity CSV (history or actuals): rep, a day or a month, one
    column per stage. Bad cells are collected with their line and column."""

    def __init__(
        self,
        path: Path | str,
        stages: Sequence[Stage],
        display_name: str | None,
        *,
        all_stages: bool,
        months: bool,
    ) -> None:
        path = Path(path)
        self.name = name = display_name or str(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise PlanError(
                [
                    Issue(
                        (),
                        "cannot read {file}: {reason}",
                        {"file": name, "reason": exc.strerror},
                        file=name,
                    )
                ]
            ) from None
        self.reader = csv.reader(io.StringIO(_decode(raw, name), newline=""))
        header = next(self.reader, None)
        if not header:
            raise PlanError([Issue((), N_("the file is empty"), file=name, line=1, column=1)])
        self.header = header
        lowered = [cell.strip().lower() for cell in header]

        def find(candidates: Iterable[str]) -> int | None:
            for i, cell in enumerate(lowered):
                if cell in candidates:
                    return i
            return None

        rep_col = find(_REP_COLUMNS)
        date_col = find(_DATE_COLUMNS)
        month_col = find(_MONTH_COLUMNS) if months and date_col is None else None
        stage_cols = [find(_column_names(stage)) for stage in stages]
        missing = []
        if rep_col is None:
            missing.append("rep")
        if date_col is None and month_col is None:
            missing.append("date | month" if months else "date")
        if all_stages:
            missing += [s.name for s, col in zip(stages, stage_cols, strict=True) if col is None]
        elif all(col is None for col in stage_cols):
            missing.append(" | ".join(s.name for s in stages))
        if missing:
            raise PlanError(
                [
                    Issue(
                        (),
                        "missing columns: {missing}; the header has: {header}",
                        {"missing": ", ".join(missing), "header": ", ".join(header)},
                        file=name,
                        line=1,
                        column=1,
                    )
                ]
            )
        assert rep_col is not None
        span_col = date_col if date_col is not None else month_col
        assert span_col is not None
        self.rep_col, self.span_col, self.by_month = rep_col, span_col, date_col is None
        self.present = tuple(
            s.name for s, col in zip(stages, stage_cols, strict=True) if col is not None
        )
        self.columns = [col for col in stage_cols if col is not None]
        self.issues: list[Issue] = []
        self.errors = 0

    def problem(self, line: int, column: int, template: str, **params: object) -> None:
        self.errors += 1
        if self.errors <= _MAX_REPORTED:
            self.issues.append(
                Issue((), template, params, file=self.name, line=line, column=column)
            )

    def rows(self) -> Iterator[tuple[int, str, date, date, list[int | Fraction]]]:
        """``(line, rep, first day, last day, values of the present stages)``."""
        reader, columns, header = self.reader, self.columns, self.header
        rep_col, span_col, by_month = self.rep_col, self.span_col, self.by_month
        width = max([rep_col, span_col, *columns]) + 1
        spans: dict[str, tuple[date, date] | None] = {}
        problem = self.problem
        for row in reader:
            line = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) < width:
                problem(
                    line,
                    len(row) + 1,
                    N_("the row has {count} cells; expected at least {width}"),
                    count=len(row),
                    width=width,
                )
                continue
            key = row[span_col].strip()
            if key in spans:
                span = spans[key]
            else:
                span = spans[key] = _parse_span(key, by_month)
            if span is None:
                template = (
                    N_("{value} is not a month written YYYY-MM")
                    if by_month
                    else N_("{value} is not a date written YYYY-MM-DD")
                )
                problem(line, span_col + 1, template, value=repr(key))
                continue
            try:
                # The common case, whole non-negative numbers: one C-level pass per row.
                values: list[int | Fraction] = [int(row[col]) for col in columns]
                if min(values) < 0:
                    raise ValueError
            except ValueError:
                values = [_cell(row, col, line, header, problem) for col in columns]
            rep = row[rep_col].strip()
            if not rep:
                problem(line, rep_col + 1, N_("the rep's name is empty"))
                continue
            yield line, rep, span[0], span[1], values

    def finish(self) -> None:
        if self.errors > _MAX_REPORTED:
            self.issues.append(
                Issue(
                    (),
                    N_("… and {count} more problems"),
                    {"count": self.errors - _MAX_REPORTED},
                    file=self.name,
                )
            )
        if self.issues:
            raise PlanError(self.issues)


def load_history(
    path: Path | str,
    stages: Sequence[Stage],
    since: date | None = None,
    until: date | None = None,
    display_name: str | None = None,
) -> History:
    """Read a history CSV: one row per rep and day (``date``) or month (``month``),
    one column per stage (keys or labels, English or Chinese). Rows add up.
    Raise PlanError naming the line and column of every bad cell."""
    from goalsplit.history import History

    reader = _ActivityReader(path, stages, display_name, all_stages=True, months=True)
    history = History(tuple(stage.name for stage in stages), since=since, until=until)
    for _, rep, first, last, values in reader.rows():
        if (since is None or first >= since) and (until is None or last <= until):
            history.add(rep, first, last, values)
    reader.finish()
    return history


def load_actuals(
    path: Path | str,
    stages: Sequence[Stage],
    start: date,
    end: date,
    display_name: str | None = None,
) -> Actuals:
    """Read an actuals CSV: ``date, rep`` and any of the stage columns; rows add up.
    Dates outside [start, end] and bad cells are errors with line and column."""
    from goalsplit.track import Actuals

    reader = _ActivityReader(path, stages, display_name, all_stages=False, months=False)
    actuals = Actuals(reader.present)
    for line, rep, day, _, values in reader.rows():
        if not start <= day <= end:
            reader.problem(
                line,
                reader.span_col + 1,
                N_("{day} is outside the period {start}..{end}"),
                day=day,
                start=start,
                end=end,
            )
            continue
        actuals.add(rep, day, values)
    reader.finish()
    return actuals


def _cell(
    row: list[str], col: int, line: int, header: list[str], problem: Callable[..., None]
) -> int | Fraction:
    """One cell the fast path could not read: blank (0), a decimal, or a problem."""
    cell = row[col].strip()
    if not cell:
        return 0
    number = _history_number(cell)
    if number is None:
        problem(
            line,
            col + 1,
            N_("{header}: {value} is not a number"),
            header=header[col].strip(),
            value=repr(cell),
        )
        return 0
    if number < 0:
        problem(
            line,
            col + 1,
            N_("{header}: {value} is negative"),
            header=header[col].strip(),
            value=repr(cell),
        )
        return 0
    return number


def _parse_span(text: str, by_month: bool) -> tuple[date, date] | None:
    parts = text.replace("/", "-").split("-")
    try:
        if by_month:
            if len(parts) != 2 or len(parts[0]) != 4:
                return None
            year, month = int(parts[0]), int(parts[1])
            first = date(year, month, 1)
            last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
            return first, last
        if len(parts) != 3 or len(parts[0]) != 4:
            return None
        day = date(int(parts[0]), int(parts[1]), int(parts[2]))
        return day, day
    except ValueError:
        return None


def _history_number(cell: str) -> Fraction | None:
    try:
        value = Decimal(cell.replace(",", ""))
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return Fraction(value)

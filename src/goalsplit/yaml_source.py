"""YAML text to plain data, with a source map: the only module that imports yaml.

YAML is read with the 1.2 core rules that people expect when they write a plan
by hand (``no`` is a string, ``1e6`` is a number, ``010`` is ten), decimals
become ``Decimal`` so no binary float ever reaches a count, duplicate keys and
anchors/aliases are errors, and every value's line and column is remembered so
that any problem found later can be reported where it is in the file.

The data is built straight from the parser's events, in one pass and without
recursion, so that neither an alias bomb, nor nesting 100,000 levels deep, nor
a list longer than a plan may hold costs more than reading up to the point
where it is refused. Numbers carry the text they were written as and are held
to the range of :mod:`goalsplit.limits` before any exact conversion (see
:class:`goalsplit.model.WrittenInt`). Syntax errors are reported in our own
words (both languages), at the typing slip that caused them when there is one
(:mod:`goalsplit.slips`).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import yaml

from goalsplit.errors import Issue, PlanError, PlanPath, more_problems
from goalsplit.i18n import N_
from goalsplit.limits import (
    MAX_KEYS,
    MAX_LIST_ITEMS,
    MAX_NESTING,
    MAX_REPORTED,
    NumberOutOfRangeError,
    check_decimal,
    parse_written_number,
)
from goalsplit.model import OutOfRange, WrittenDecimal, WrittenInt
from goalsplit.slips import (
    FULL_WIDTH_COLON,
    TAB_INDENT,
    Slip,
    find_slips,
    forbidden_characters,
    lines,
)

_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"

# YAML 1.2 core schema scalars (plus ``_`` digit separators), no timestamps.
_IMPLICIT = (
    (_NULL, re.compile(r"^(?:~|null|Null|NULL|)$")),
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")),
    (_INT, re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+)$")),
    (
        _FLOAT,
        re.compile(
            r"^(?:[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
    ),
)
_MAX_REPORTED = 20
_LONG_LIST = N_("more than {max} items in one list; a plan needs far fewer")
_PLAIN_KEY = re.compile(r" *(?:- +)*[A-Za-z_][A-Za-z0-9_]*")

if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser as _Parser
else:  # pragma: no cover - pure-Python fallback when libyaml is missing

    class _Parser(  # type: ignore[no-redef]
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser
    ):
        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


def _packed(line: int, column: int) -> int:
    return line << 32 | column


def _unpacked(position: int) -> tuple[int, int]:
    return position >> 32, position & 0xFFFFFFFF


class _Positions:
    """Where one mapping or list sits in the file, and each of its entries (and keys).

    Positions are packed into arrays, eight bytes an entry, so that the map of a plan
    of a million values costs megabytes, not the gigabyte a dict of paths would.
    """

    __slots__ = ("children", "key_at", "keys", "value_at")

    def __init__(self) -> None:
        self.value_at = array("Q")  # each entry's value, in order
        self.keys: list[str] | None = None  # a mapping's keys, in the same order
        self.key_at: array[int] | None = None
        self.children: dict[int, _Positions] = {}  # entries that are mappings or lists

    def index(self, part: str | int) -> int | None:
        if self.keys is None:
            return part if isinstance(part, int) and 0 <= part < len(self.value_at) else None
        try:
            return self.keys.index(part)  # type: ignore[arg-type]
        except ValueError:
            return None


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of the plan sits in the file."""

    file: str
    root_at: int | None = None
    root: _Positions | None = None

    def position(self, path: PlanPath, at_key: bool = False) -> tuple[int, int] | None:
        """Of the value at ``path`` (of its key, with ``at_key``), or of the nearest
        value that contains it."""
        found, node = self.root_at, self.root
        for depth, part in enumerate(path):
            index = node.index(part) if node is not None else None
            if node is None or index is None:
                break
            if at_key and depth == len(path) - 1 and node.key_at is not None:
                return _unpacked(node.key_at[index])
            found, node = node.value_at[index], node.children.get(index)
        return _unpacked(found) if found is not None else None

    def locate(self, issue: Issue) -> Issue:
        if issue.file is not None:
            return issue
        pos = self.position(issue.path, issue.at_key)
        return issue.located(self.file, *(pos if pos else (None, None)))


@dataclass
class _Open:
    """A mapping or list being filled, and what comes next in it."""

    value: dict[str, Any] | list[Any]
    path: PlanPath
    positions: _Positions
    key: str | None = None  # a mapping's key whose value comes next
    skip_value: bool = False  # the next value belongs to a rejected key
    limit: tuple[int, str] | None = None  # most items a list may have, and what to say


def parse_yaml(
    text: str,
    name: str,
    issues: list[Issue],
    max_items: Mapping[PlanPath, tuple[int, str]] | None = None,
) -> tuple[Any, SourceMap]:
    """YAML text -> plain data (dict, list, str, int, Decimal, bool, None) + positions.

    Problems that still leave usable data (duplicate keys, unsupported tags) are
    appended to ``issues`` so they are reported together with validation errors;
    anything else raises PlanError at once. ``max_items`` bounds the length of the
    lists at those paths (with the template to say so, given ``{max}``); any other list
    holds at most MAX_LIST_ITEMS.
    """
    source = SourceMap(name)
    _refuse_forbidden_characters(text, name)
    builder = _Builder(source, issues, max_items or {})
    parser = _Parser(text)
    try:
        builder.run(parser)
    except yaml.MarkedYAMLError as exc:
        syntax = _syntax_issue(exc, text, name)
        slips = find_slips(text)
        if any(slip.line <= (syntax.line or 0) for slip in slips):
            raise PlanError(_capped(builder.refused) + _slip_issues(slips, name)) from None
        raise PlanError(
            sorted_issues([*_capped(builder.refused), syntax, *_slip_issues(slips, name)])
        ) from None
    except yaml.YAMLError as exc:  # e.g. a ReaderError: report it, never crash on it
        raise PlanError(
            [Issue((), "YAML syntax error: {problem}", {"problem": str(exc)}, file=name)]
        ) from None
    finally:
        parser.dispose()
    if builder.refused:
        raise PlanError(_capped(builder.refused))
    return builder.root, source


def _capped(issues: list[Issue]) -> list[Issue]:
    if len(issues) <= MAX_REPORTED:
        return issues
    return [*issues[:MAX_REPORTED], more_problems(len(issues) - MAX_REPORTED, issues[0].file)]


def sorted_issues(issues: list[Issue]) -> list[Issue]:
    """In file order; problems with no line (about the file as a whole) last."""
    return sorted(issues, key=lambda i: (i.line is None, i.line or 0, i.column or 0))


def _refuse_forbidden_characters(text: str, name: str) -> None:
    found = forbidden_characters(text)
    if not found:
        return
    issues = [
        Issue(
            (),
            "character {code} is not allowed in a YAML file; remove it",
            {"code": f"U+{ord(char):04X}"},
            file=name,
            line=line,
            column=column,
        )
        for line, column, char in found[:_MAX_REPORTED]
    ]
    if len(found) > _MAX_REPORTED:
        issues.append(more_problems(len(found) - _MAX_REPORTED, name))
    raise PlanError(issues)


def _slip_issues(slips: list[Slip], name: str) -> list[Issue]:
    return [slip.issue(name) for slip in slips]


class _Builder:
    """Plain data from parser events, one event at a time (no recursion, no node tree)."""

    def __init__(
        self, source: SourceMap, issues: list[Issue], max_items: Mapping[PlanPath, tuple[int, str]]
    ) -> None:
        self.source = source
        self.issues = issues
        self.max_items = max_items
        self.refused: list[Issue] = []  # anchors and aliases: reported alone
        self.root: Any = None
        self.stack: list[_Open] = []

    def run(self, parser: Any) -> None:
        stack = self.stack
        depth = 0
        skipping = 0  # > 0 while inside a collection that is being left out
        documents = 0
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.StreamEndEvent:
                return
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise PlanError(
                        [self._at(event, (), N_("a plan is one YAML document; remove the '---'"))]
                    )
                continue
            if kind is yaml.StreamStartEvent or kind is yaml.DocumentEndEvent:
                continue
            if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                depth -= 1
                if skipping:
                    skipping -= 1
                else:
                    stack.pop()
                continue
            opens = kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent
            if opens:
                depth += 1
                if depth > MAX_NESTING:
                    raise PlanError(
                        [
                            self._at(
                                event,
                                (),
                                N_("nested more than {max} levels deep; a plan needs far fewer"),
                                {"max": MAX_NESTING},
                            )
                        ]
                    )
            anchor = getattr(event, "anchor", None)
            if anchor:
                template = (
                    N_("alias *{anchor} is not supported: write the value out")
                    if kind is yaml.AliasEvent
                    else N_("anchor &{anchor} is not supported: write values out in full")
                )
                self.refused.append(self._at(event, (), template, {"anchor": anchor}))
            if skipping:
                skipping += opens
                continue
            path = self._place(event, opens)
            if path is None:  # left out (a rejected key, or its value)
                skipping = int(opens)

    def _place(self, event: Any, opens: bool) -> PlanPath | None:
        """Put the node that ``event`` starts where it belongs; None when it is left out."""
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            path: PlanPath = ()
        elif isinstance(parent.value, list):
            path = (*parent.path, len(parent.value))
            if parent.limit is not None and len(parent.value) >= parent.limit[0]:
                limit, template = parent.limit
                raise PlanError([self._at(event, path, template, {"max": limit})])
        elif parent.key is None and not parent.skip_value:
            self._key(event, parent)
            return None
        elif parent.skip_value:
            parent.skip_value = False
            return None
        else:
            assert parent.key is not None
            path = (*parent.path, parent.key)
            parent.key = None

        at = _packed(*_pos(event))
        if parent is None:
            self.source.root_at = at
        else:
            parent.positions.value_at.append(at)
        value: Any
        if opens:
            value = {} if type(event) is yaml.MappingStartEvent else []
        elif type(event) is yaml.AliasEvent:
            value = None
        else:
            value = self._scalar(event, path)
        if parent is None:
            self.root = value
        elif isinstance(parent.value, list):
            parent.value.append(value)
        else:
            parent.value[path[-1]] = value  # type: ignore[index]
        if opens:
            positions = _Positions()
            bound: tuple[int, str] | None = None
            if isinstance(value, list):
                bound = self.max_items.get(path, (MAX_LIST_ITEMS, _LONG_LIST))
            else:
                positions.keys, positions.key_at = [], array("Q")
            if parent is None:
                self.source.root = positions
            else:
                parent.positions.children[len(parent.positions.value_at) - 1] = positions
            self.stack.append(_Open(value, path, positions, limit=bound))
        return path

    def _key(self, event: Any, parent: _Open) -> None:
        """Take a mapping's key; a key that is not a plain scalar (a list or a mapping,
        which the caller then skips) or a duplicate is reported and its value left out."""
        if type(event) is not yaml.ScalarEvent:
            self.issues.append(self._at(event, parent.path, N_("keys must be plain words")))
            parent.skip_value = True
            return
        key: str = event.value
        key_path = (*parent.path, key)
        positions = parent.positions
        assert positions.keys is not None and positions.key_at is not None
        if len(positions.keys) >= MAX_KEYS:
            raise PlanError(
                [
                    self._at(
                        event,
                        key_path,
                        N_("more than {max} keys in one mapping; a plan needs far fewer"),
                        {"max": MAX_KEYS},
                    )
                ]
            )
        if key in parent.value:
            first = positions.key_at[positions.keys.index(key)]
            self.issues.append(
                self._at(
                    event,
                    key_path,
                    N_("duplicate key {key} (first given on line {line})"),
                    {"key": repr(key), "line": _unpacked(first)[0]},
                )
            )
            parent.skip_value = True
            return
        positions.keys.append(key)
        positions.key_at.append(_packed(*_pos(event)))
        parent.key = key

    def _scalar(self, event: Any, path: PlanPath) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None and event.implicit[0]:
            tag = _resolve(value)
        elif tag is None or tag == "!":
            tag = _STR
        elif tag in (_NULL, _BOOL, _INT, _FLOAT) and _resolve(value) != tag:
            tag = "!"  # e.g. !!int abc: the value does not fit its tag
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _INT:
            return _integer(value)
        if tag == _FLOAT:
            return _decimal(value)
        self.issues.append(
            self._at(event, path, N_("YAML tag {tag} is not supported"), {"tag": repr(event.tag)})
        )
        return None

    def _at(
        self,
        event: Any,
        path: PlanPath,
        template: str,
        params: dict[str, object] | None = None,
    ) -> Issue:
        line, column = _pos(event)
        return Issue(path, template, params or {}, file=self.source.file, line=line, column=column)


def _resolve(value: str) -> str:
    for tag, pattern in _IMPLICIT:
        if pattern.match(value):
            return tag
    return _STR


def _integer(text: str) -> WrittenInt | OutOfRange:
    digits = text.replace("_", "")
    try:
        if digits.startswith(("0x", "0o")):
            if len(digits) > 44:  # far beyond 10**12 in hex or octal
                return OutOfRange(text)
            number = int(digits[2:], 16 if digits[1] == "x" else 8)
            check_decimal(Decimal(number))
            return WrittenInt(number, text)
        parsed = parse_written_number(digits)
    except NumberOutOfRangeError:
        return OutOfRange(text)
    if parsed is None:  # pragma: no cover - the int pattern admits only numbers
        return OutOfRange(text)
    return WrittenInt(int(parsed), text)


def _decimal(text: str) -> WrittenDecimal | OutOfRange | str:
    lowered = text.lower()
    if lowered.endswith(".nan"):
        return text  # not a number: a numeric field says so
    if lowered.endswith(".inf"):
        return OutOfRange(text)
    try:
        parsed = parse_written_number(text)
    except NumberOutOfRangeError:
        return OutOfRange(text)
    if parsed is None:  # pragma: no cover - the float pattern admits only numbers
        return OutOfRange(text)
    return WrittenDecimal(parsed, text)


def _pos(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


# --- syntax errors in our own words ------------------------------------------------

_SYNTAX = {
    "mapping values": N_(
        "a ':' followed by a space cannot appear here; quote the value if it contains ': '"
    ),
    "colon": N_("expected 'key: value' here, but there is no ':' after the key"),
    "indentation": N_("the indentation of this line does not match the lines above it"),
    "indented": N_(
        "this line is indented more than the line above it, so it reads as part of the value there"
    ),
    "after value": N_("unexpected text after the value; put the whole value in quotes"),
    "quote": N_("the quote {quote} opened here is never closed"),
    "bracket": N_("the {bracket} opened here is never closed, or a ',' is missing between items"),
    "start": N_("{char} cannot start a value; put the value in quotes"),
    "nesting": N_("nested more than {max} levels deep; a plan needs far fewer"),
}


def _syntax_issue(exc: yaml.MarkedYAMLError, text: str, name: str) -> Issue:
    problem = exc.problem or ""
    context = exc.context or ""
    problem_mark, context_mark = exc.problem_mark, exc.context_mark
    mark = problem_mark or context_mark
    template = N_("YAML syntax error: {problem}")
    params: dict[str, object] = {
        "problem": f"{problem} ({context})" if context else problem or "invalid YAML"
    }
    if problem.startswith("mapping values are not allowed"):
        template, params = _SYNTAX["mapping values"], {}
        if _indented_further(text, problem_mark):
            template = _SYNTAX["indented"]
    elif problem.startswith("could not find expected ':'"):
        template, params, mark = _SYNTAX["colon"], {}, context_mark or problem_mark
    elif "cannot start any token" in problem:
        char = _char_at(text, problem_mark)
        template, params = (
            (TAB_INDENT, {}) if char == "\t" else (_SYNTAX["start"], {"char": repr(char)})
        )
        if char == "：":
            template, params = FULL_WIDTH_COLON, {}
    elif "tab character" in problem:
        template, params = TAB_INDENT, {}
    elif (
        problem.startswith("expected <block end>")
        or problem.startswith("did not find expected '-' indicator")
        or problem.startswith("did not find expected key")
    ):
        template, params = _SYNTAX["indentation"], {}
        if problem_mark is not None and problem_mark.column > _indent_of(text, problem_mark.line):
            template = _SYNTAX["after value"]
    elif "quoted scalar" in context and "end of stream" in problem and context_mark:
        template, params, mark = (
            _SYNTAX["quote"],
            {"quote": _char_at(text, context_mark)},
            context_mark,
        )
    elif ("flow sequence" in context or "flow mapping" in context) and "expected ','" in problem:
        bracket = _char_at(text, context_mark)
        if context_mark and bracket in ("[", "{"):
            template, params, mark = _SYNTAX["bracket"], {"bracket": repr(bracket)}, context_mark
    elif "flow" in context and (
        "end of stream" in problem  # libyaml's wording
        or "<stream end>" in problem  # PyYAML's
        or problem.startswith("did not find expected node content")
    ):
        opened = _unclosed_bracket(text)
        if opened is not None:
            at_line, at_column, bracket = opened
            template, params = _SYNTAX["bracket"], {"bracket": repr(bracket)}
            return Issue((), template, params, file=name, line=at_line + 1, column=at_column + 1)
    elif "maximum nesting depth" in problem:
        template, params = _SYNTAX["nesting"], {"max": MAX_NESTING}
    if mark is None:
        return Issue((), template, params, file=name)
    column = mark.column + 1
    if template == _SYNTAX["indented"]:
        column = _indent_of(text, mark.line) + 1  # the start of the key that is too far in
    line, column = _within(text, mark.line, column)
    return Issue((), template, params, file=name, line=line + 1, column=column)


def _within(text: str, line: int, column: int) -> tuple[int, int]:
    """A position at the end of the stream (after the last line break) moved to the end
    of the last line, so that a message never points past the end of the file."""
    all_lines = lines(text)
    last = len(all_lines) - 1
    if last > 0 and all_lines[last] == "":
        last -= 1
    if line <= last:
        return line, column
    return last, len(all_lines[last]) + 1


def _unclosed_bracket(text: str) -> tuple[int, int, str] | None:
    """The 0-based line, column and character of the last '[' or '{' never closed
    (quoted text and comments skipped), or None."""
    stack: list[tuple[int, int, str]] = []
    for number, line in enumerate(lines(text)):
        quote = ""
        for column, char in enumerate(line):
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"" and (column == 0 or line[column - 1] in " [{,:"):
                quote = char
            elif char == "#" and (column == 0 or line[column - 1] == " "):
                break
            elif char in "[{":
                stack.append((number, column, char))
            elif char in "]}" and stack:
                stack.pop()
    return stack[-1] if stack else None


def _indent_of(text: str, line: int) -> int:
    all_lines = lines(text)
    if line >= len(all_lines):
        return 0
    return len(all_lines[line]) - len(all_lines[line].lstrip(" "))


def _indented_further(text: str, mark: Any) -> bool:
    """Whether the ``key:`` at ``mark`` starts a line indented more than the line above."""
    if mark is None or mark.line == 0:
        return False
    all_lines = lines(text)
    line = all_lines[mark.line] if mark.line < len(all_lines) else ""
    if not _PLAIN_KEY.fullmatch(line[: mark.column]):
        return False
    above = [
        candidate
        for candidate in all_lines[: mark.line]
        if candidate.strip() and not candidate.lstrip().startswith("#")
    ]
    return bool(above) and _indent_of(text, mark.line) > len(above[-1]) - len(above[-1].lstrip(" "))


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    all_lines = lines(text)
    line: int = mark.line
    column: int = mark.column
    if line >= len(all_lines) or column >= len(all_lines[line]):
        return ""
    return all_lines[line][column]

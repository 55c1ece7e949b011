"""Typing slips in a plan's text, found where they are typed.

A full-width colon (``target：3000000``, the likeliest slip on a Chinese
keyboard), a tab or a full-width space (U+3000) in the indentation, a full-width
space after ``key:``: a YAML parser reads past each of them and reports a
symptom, on the next line or past the end of the file, in its own English words.
This module reads the text line by line, the way a person looks at it, and
finds each slip at its real line and column. Only a key written in ASCII
(every key of a plan is one) followed by '：' counts, so a '：' inside a label
(``目标：本月``), a comment or quoted text is never one.

A slip is only a candidate: the loader reports it when the YAML fails to parse
at or after it, or when an error is found on its line, so a valid file never
gets a false alarm. It then reads the text again with the slips mended
(:func:`mend`): what is still wrong is reported too, and what was only a
symptom of a slip is not.

It also finds the characters YAML does not allow anywhere (control characters),
which the parser would otherwise report without a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goalsplit.errors import Issue
from goalsplit.i18n import N_

FULL_WIDTH_COLON = N_("full-width colon '：'; use ':'")
TAB_INDENT = N_("a tab used for indentation; indent with spaces")
FULL_WIDTH_SPACE_INDENT = N_(
    "a full-width space (U+3000) in the indentation; indent with ordinary spaces"
)
FULL_WIDTH_SPACE_SEPARATOR = N_(
    "a full-width space (U+3000) used as a separator; use an ordinary space"
)

# Line breaks as YAML counts them, so that line numbers agree with the parser's.
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# Everything outside YAML's printable set (YAML 1.2, 5.1).
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BLOCK_SCALAR = re.compile(r"(?:^|[\s:-])[|>][-+0-9]*$")
_INDENT = " \t\u3000"


@dataclass(frozen=True)
class Slip:
    line: int
    column: int
    template: str

    def issue(self, file: str) -> Issue:
        return Issue((), self.template, file=file, line=self.line, column=self.column)


def mend(text: str, slips: list[Slip]) -> str:
    """``text`` with each slip corrected (line numbers unchanged)."""
    all_lines = lines(text)
    for slip in sorted(slips, key=lambda s: (s.line, -s.column)):
        line = all_lines[slip.line - 1]
        at = slip.column - 1
        if slip.template == FULL_WIDTH_COLON:
            line = line[:at] + ": " + line[at + 1 :]
        elif slip.template in (TAB_INDENT, FULL_WIDTH_SPACE_INDENT):
            indent = len(line) - len(line.lstrip(_INDENT))
            line = " " * indent + line[indent:]
        else:
            line = line[:at] + " " + line[at + 1 :]
        all_lines[slip.line - 1] = line
    return "\n".join(all_lines)


def lines(text: str) -> list[str]:
    return LINE_BREAK.split(text)


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1


def forbidden_characters(text: str) -> list[tuple[int, int, str]]:
    """``(line, column, character)`` of every character YAML does not allow."""
    found = []
    line, start, breaks = 1, 0, LINE_BREAK.finditer(text)
    pending = next(breaks, None)
    for match in _NOT_PRINTABLE.finditer(text):
        while pending is not None and pending.end() <= match.start():
            line, start = line + 1, pending.end()
            pending = next(breaks, None)
        found.append((line, match.start() - start + 1, match.group()))
    return found


def find_slips(text: str) -> list[Slip]:
    """Every typing slip in ``text``, in order."""
    slips: list[Slip] = []
    block_indent: int | None = None  # inside a block scalar (| or >) opened at this indent
    quote: str | None = None  # inside a quoted scalar that spans lines
    for number, line in enumerate(lines(text), 1):
        indent = len(line) - len(line.lstrip(_INDENT))
        if block_indent is not None:
            if not line.strip(_INDENT) or indent > block_indent:
                continue
            block_indent = None
        start = 0
        if quote is None:
            _line_start(line, number, indent, slips)
            start = indent
        quote, content_end = _walk(line, number, start, quote, slips)
        if quote is None and _BLOCK_SCALAR.search(line[:content_end].rstrip()):
            block_indent = indent
    return slips


def _line_start(line: str, number: int, indent: int, slips: list[Slip]) -> None:
    """Slips in the indentation, after ``-`` markers, and right after the first key."""
    if indent == len(line) or line[indent] == "#":
        return  # blank or a comment: its indentation does not matter
    for column, char in enumerate(line[:indent], 1):
        if char == "\t":
            slips.append(Slip(number, column, TAB_INDENT))
            break
        if char == "\u3000":
            slips.append(Slip(number, column, FULL_WIDTH_SPACE_INDENT))
            break
    at = indent
    while line.startswith("-", at) and at + 1 < len(line) and line[at + 1] in _INDENT:
        at += 1
        while at < len(line) and line[at] in _INDENT:
            if line[at] == "\u3000":
                slips.append(Slip(number, at + 1, FULL_WIDTH_SPACE_SEPARATOR))
            at += 1
    _after_key(line, number, at, slips)


def _after_key(line: str, number: int, at: int, slips: list[Slip]) -> None:
    """A key at ``at`` followed by '：', or by ':' and a full-width space."""
    match = _KEY.match(line, at)
    if match is None:
        return
    at = match.end()
    while at < len(line) and line[at] in " \t":
        at += 1
    if line.startswith("：", at):
        slips.append(Slip(number, at + 1, FULL_WIDTH_COLON))
    elif line.startswith(":", at):
        at += 1
        while at < len(line) and line[at] in " \t":
            at += 1
        if line.startswith("\u3000", at):
            slips.append(Slip(number, at + 1, FULL_WIDTH_SPACE_SEPARATOR))


def _walk(
    line: str, number: int, at: int, quote: str | None, slips: list[Slip]
) -> tuple[str | None, int]:
    """Follow quotes, comments and flow mappings through the rest of the line; return the
    quote still open at its end and where its content ends (before a comment)."""
    depth = 0
    previous = ""  # the last character outside quotes that was not a space
    while at < len(line):
        char = line[at]
        if quote is not None:
            if char == "\\" and quote == '"':
                at += 2
                continue
            if char == quote:
                if quote == "'" and line.startswith("''", at):
                    at += 2
                    continue
                quote = None
                previous = char
            at += 1
            continue
        if char == "#" and (at == 0 or line[at - 1] in " \t"):
            return None, at
        if char in "'\"" and previous in ("", ":", "-", "[", "{", ",", "?"):
            quote = char
        elif char == "{":
            depth += 1
            _after_key(line, number, _skip_spaces(line, at + 1), slips)
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char == "," and depth:
            _after_key(line, number, _skip_spaces(line, at + 1), slips)
        if char not in " \t":
            previous = char
        at += 1
    return quote, len(line)


def _skip_spaces(line: str, at: int) -> int:
    while at < len(line) and line[at] in " \t":
        at += 1
    return at

"""Activity CSVs, history and actuals: a rep, a day or a month, a column per stage.

Both are exports that can be large (a million rows) and that nobody checks by
hand, so the file is read as a stream, a chunk at a time, and held to limits
that keep any file a user can have within reach of the machine: its size, the
length of a line and of a cell, the number of different reps, the range of
every number and date (:mod:`goalsplit.limits`). Every bad cell is an error
with its line and column, all of them at once (up to a hundred), raised as an
:class:`~goalsplit.errors.ActivityError` that says which file it is about.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from fractions import Fraction
from itertools import chain
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from goalsplit.errors import ActivityError, ActivityKind, InputError, Issue, more_problems
from goalsplit.i18n import LANGS, N_, stage_label
from goalsplit.limits import (
    MAX_ACTIVITY_BYTES,
    MAX_ACTIVITY_REPS,
    MAX_CELL_CHARS,
    MAX_LINE_BYTES,
    MAX_NUMBER,
    MAX_REPORTED,
    NumberOutOfRangeError,
    parse_written_number,
)
from goalsplit.model import Stage, make_date

if TYPE_CHECKING:
    from goalsplit.history import History
    from goalsplit.track import Actuals

_REP_COLUMNS = ("rep", "name", "销售", "姓名", "销售姓名")
_DATE_COLUMNS = ("date", "day", "日期")
_MONTH_COLUMNS = ("month", "月份", "月")
_CHUNK = 1024 * 1024
_MAX_WHOLE = int(MAX_NUMBER)
_DAY_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_BREAKS = re.compile(rb"\r\n|\r|\n")

OUT_OF_RANGE = N_(
    "{header}: {value} is out of range: a number must be "
    "between 0.000000001 and 1,000,000,000,000 in size (or 0), with at most 30 digits"
)


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # a legacy .xls (and other Office 97 files)


def is_workbook(path: Path) -> bool:
    """An Excel workbook by its name (.xlsx, .xlsm, .xlsb, legacy .xls) or its first
    bytes."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return True
    try:
        with path.open("rb") as handle:
            start = handle.read(4)
    except OSError:
        return False
    return start in (_ZIP_MAGIC, _OLE_MAGIC)


def _column_names(stage: Stage) -> set[str]:
    names = {stage.name.lower(), stage.name.replace("_", " ").lower()}
    if stage.label:
        names.add(stage.label.strip().lower())
    for lang in LANGS:
        names.add(stage_label(stage.name, None, lang).lower())
    return names


def load_history(
    path: Path | str,
    stages: Sequence[Stage],
    since: date | None = None,
    until: date | None = None,
    display_name: str | None = None,
    sheet: str | None = None,
) -> History:
    """Read a history CSV or workbook (xlsx: the first sheet, or ``sheet``): one row
    per rep and day (``date``) or month (``month``), one column per stage (keys or
    labels, English or Chinese). Rows add up. Raise ActivityError naming the line
    and column (a workbook: the sheet and cell) of every bad cell."""
    from goalsplit.history import History

    reader = _ActivityReader(
        path, stages, display_name, kind="history", all_stages=True, months=True, sheet=sheet
    )
    history = History(
        tuple(stage.name for stage in stages),
        since=since,
        until=until,
        columns=dict(zip(reader.present, reader.columns, strict=True)),
    )
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
    sheet: str | None = None,
) -> Actuals:
    """Read an actuals CSV or workbook: ``date, rep`` and any of the stage columns;
    rows add up. Bad cells are errors with line and column (a workbook: sheet and
    cell); rows dated outside [start, end] are left out and counted (CRM exports
    often hold them), for a note."""
    from goalsplit.track import Actuals

    reader = _ActivityReader(
        path, stages, display_name, kind="actuals", all_stages=False, months=False, sheet=sheet
    )
    actuals = Actuals(reader.present)
    for _, rep, day, _, values in reader.rows():
        if day < start:
            actuals.before += 1
        elif day > end:
            actuals.after += 1
        else:
            actuals.add(rep, day, values)
    reader.finish()
    return actuals


class _ActivityReader:
    """Rows of an activity CSV (history or actuals): rep, a day or a month, one
    column per stage. Bad cells are collected with their line and column."""

    def __init__(
        self,
        path: Path | str,
        stages: Sequence[Stage],
        display_name: str | None,
        *,
        kind: ActivityKind,
        all_stages: bool,
        months: bool,
        sheet: str | None = None,
    ) -> None:
        path = Path(path)
        self.name = name = display_name or str(path)
        self.kind: ActivityKind = kind
        self.issues: list[Issue] = []
        self.errors = 0
        self.sheet: str | None = None  # a workbook's sheet: cells are named Sheet!C7
        if is_workbook(path):
            from goalsplit.workbook import open_sheet

            self.handle = None
            rows, self.sheet = open_sheet(path, sheet, self)
            self.reader: Any = rows
            # The header is the first row with anything in it (exports often start
            # lower down); problems with it name that row.
            header = next((row for row in rows if row), None)
            self._read_header(header, stages, all_stages, months, max(rows.line_num, 1))
            rows.dates_as_months = self.by_month
            return
        if sheet is not None:
            self.fail(
                Issue(
                    (),
                    "--sheet {sheet} is for a workbook (.xlsx); this file is CSV",
                    {"sheet": sheet},
                    file=name,
                )
            )
        try:
            handle = path.open("rb")
            size = os.fstat(handle.fileno()).st_size
        except OSError as exc:
            self.fail(
                Issue(
                    (),
                    "cannot read {file}: {reason}",
                    {"file": name, "reason": exc.strerror},
                    file=name,
                )
            )
        if size > MAX_ACTIVITY_BYTES:
            handle.close()
            self.fail(self._too_big())
        self.handle = handle
        self.reader = csv.reader(chain.from_iterable(self._chunks(handle)))
        try:
            header = next(self.reader, None)
        except csv.Error as exc:
            self.fail(self._csv_issue(exc, 1))
        self._read_header(header, stages, all_stages, months)

    def _read_header(
        self,
        header: list[str] | None,
        stages: Sequence[Stage],
        all_stages: bool,
        months: bool,
        line: int = 1,
    ) -> None:
        if not header:
            self.fail(Issue((), N_("the file is empty"), **self.at(1, 1)))
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
            self.fail(
                Issue(
                    (),
                    "missing columns: {missing}; the header has: {header}",
                    {
                        "missing": ", ".join(missing),
                        "header": ", ".join(_shown(cell) for cell in header),
                    },
                    **self.at(line, 1),
                )
            )
        assert rep_col is not None
        span_col = date_col if date_col is not None else month_col
        assert span_col is not None
        self.rep_col, self.span_col, self.by_month = rep_col, span_col, date_col is None
        self.present = tuple(
            s.name for s, col in zip(stages, stage_cols, strict=True) if col is not None
        )
        self.columns = [col for col in stage_cols if col is not None]

    def at(self, line: int, column: int | None) -> dict[str, Any]:
        """Where a cell is, for an Issue: ``file``, ``line``, ``column``; in a workbook
        the file names the sheet and the cell (``actuals.xlsx:Sheet1!C7``, a row
        ``Sheet1!7:7``), the form Excel reads."""
        if self.sheet is None:
            return {"file": self.name, "line": line, "column": column}
        from goalsplit.workbook import cell_name

        return {"file": f"{self.name}:{cell_name(self.sheet, line, column)}"}

    def fail(self, issue: Issue) -> NoReturn:
        handle = getattr(self, "handle", None)
        if handle is not None:
            handle.close()
        raise ActivityError([*self.issues, issue], self.kind)

    def problem(self, line: int, column: int, template: str, **params: object) -> None:
        self.errors += 1
        if self.errors <= MAX_REPORTED:
            self.issues.append(Issue((), template, params, **self.at(line, column)))

    def _too_big(self) -> Issue:
        return Issue(
            (),
            "the file is larger than {max} MB, the most a history or actuals file may hold",
            {"max": MAX_ACTIVITY_BYTES // (1024 * 1024)},
            file=self.name,
        )

    def _csv_issue(self, exc: csv.Error, line: int) -> Issue:
        text = str(exc)
        if text.startswith("field larger than field limit"):
            return Issue(
                (),
                "a cell is longer than {max} characters",
                {"max": csv.field_size_limit()},
                file=self.name,
                line=line,
            )
        return Issue(
            (), "CSV syntax error: {problem}", {"problem": text}, file=self.name, line=line
        )

    def _chunks(self, handle: IO[bytes]) -> Iterator[io.StringIO]:
        """The file as text a chunk of whole lines at a time, each to be read by line (ends
        kept, as csv wants them)."""
        pending = b""
        total = 0
        line = 1  # the line the next chunk starts on
        first = True
        while True:
            chunk = handle.read(_CHUNK)
            total += len(chunk)
            if total > MAX_ACTIVITY_BYTES:
                self.fail(self._too_big())
            data = pending + chunk
            if chunk:
                cut = data.rfind(b"\n") + 1 or data.rfind(b"\r", 0, len(data) - 1) + 1
                if not cut:
                    if len(data) > MAX_LINE_BYTES:
                        self.fail(
                            Issue(
                                (),
                                "line {line} is longer than {max} bytes",
                                {"line": line, "max": MAX_LINE_BYTES},
                                file=self.name,
                                line=line,
                            )
                        )
                    pending = data
                    continue
                piece, pending = data[:cut], data[cut:]
            else:
                piece, pending = data, b""
            if first:
                piece = piece.removeprefix(b"\xef\xbb\xbf")
                first = False
            try:
                text = piece.decode("utf-8")
            except UnicodeDecodeError as exc:
                before = piece[: exc.start]
                breaks = list(_BREAKS.finditer(before))
                column = exc.start - (breaks[-1].end() if breaks else 0)
                column = len(before[exc.start - column :].decode("utf-8", "replace")) + 1
                self.fail(
                    Issue(
                        (),
                        "not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8",
                        {"byte": piece[exc.start]},
                        file=self.name,
                        line=line + len(breaks),
                        column=column,
                    )
                )
            line += piece.count(b"\n") + piece.count(b"\r") - piece.count(b"\r\n")
            yield io.StringIO(text, newline="")
            if not chunk:
                return

    def rows(self) -> Iterator[tuple[int, str, date, date, list[int | Fraction]]]:
        """``(line, rep, first day, last day, values of the present stages)``."""
        reader, columns, header = self.reader, self.columns, self.header
        rep_col, span_col, by_month = self.rep_col, self.span_col, self.by_month
        width = max([rep_col, span_col, *columns]) + 1
        spans: dict[str, tuple[date, date]] = {}  # only valid ones: at most 110,000 days
        reps: set[str] = set()
        problem = self.problem
        while True:
            try:
                for row in reader:
                    line = reader.line_num
                    if not row or (len(row) == 1 and not row[0].strip()):
                        continue
                    if len(row) < width:
                        self.problem_n(
                            line,
                            len(row) + 1,
                            N_("the row has {count} cell; expected at least {width}"),
                            "the row has {count} cells; expected at least {width}",
                            count=len(row),
                            width=width,
                        )
                        continue
                    key = row[span_col].strip()
                    if key in spans:
                        span = spans[key]
                    else:
                        try:
                            span = _parse_span(key, by_month)
                        except InputError as exc:
                            problem(line, span_col + 1, exc.template, **exc.params)
                            continue
                        spans[key] = span
                    try:
                        # The common case, whole numbers in range: one C-level pass per row.
                        values: list[int | Fraction] = [int(row[col]) for col in columns]
                        if min(values) < 0 or max(values) > _MAX_WHOLE:
                            raise ValueError
                    except ValueError:
                        values = [_cell(row, col, line, header, problem) for col in columns]
                    rep = row[rep_col].strip()
                    if rep not in reps:
                        self._new_rep(rep, line, reps)
                        if rep not in reps:
                            continue
                    yield line, rep, span[0], span[1], values
            except csv.Error as exc:  # a bad line; the reader goes on with the next one
                issue = self._csv_issue(exc, reader.line_num)
                problem(reader.line_num, 1, issue.template, **issue.params)
                continue
            break
        if self.handle is not None:
            self.handle.close()

    def _new_rep(self, rep: str, line: int, reps: set[str]) -> None:
        """Add ``rep`` to ``reps`` unless its name is a problem; stop past the limit."""
        if not rep:
            self.problem(line, self.rep_col + 1, N_("the rep's name is empty"))
        elif len(rep) > MAX_CELL_CHARS:
            self.problem(
                line,
                self.rep_col + 1,
                N_("the rep's name is longer than {max} characters"),
                max=MAX_CELL_CHARS,
            )
        elif len(reps) >= MAX_ACTIVITY_REPS:
            self.fail(
                Issue(
                    (),
                    "more than {max} different reps; split the file",
                    {"max": MAX_ACTIVITY_REPS},
                    **self.at(line, self.rep_col + 1),
                )
            )
        else:
            reps.add(rep)

    def problem_n(
        self, line: int, column: int, singular: str, plural: str, **params: object
    ) -> None:
        self.errors += 1
        if self.errors <= MAX_REPORTED:
            self.issues.append(Issue((), singular, params, plural=plural, **self.at(line, column)))

    def finish(self) -> None:
        if self.errors > MAX_REPORTED:
            self.issues.append(more_problems(self.errors - MAX_REPORTED, self.name))
        if self.issues:
            raise ActivityError(self.issues, self.kind)


def _cell(
    row: list[str], col: int, line: int, header: list[str], problem: Callable[..., None]
) -> int | Fraction:
    """One cell the fast path could not read: blank (0), a decimal, or a problem."""
    cell = row[col].strip()
    if not cell:
        return 0
    name = _shown(header[col].strip())
    try:
        number = parse_written_number(cell.replace(",", ""))
    except NumberOutOfRangeError:
        if "nan" in cell.lower():
            number = None
        else:
            problem(line, col + 1, OUT_OF_RANGE, header=name, value=_shown(cell))
            return 0
    if number is None:
        problem(
            line,
            col + 1,
            N_("{header}: {value} is not a number"),
            header=name,
            value=repr(_shown(cell)),
        )
        return 0
    if number < 0:
        problem(
            line,
            col + 1,
            N_("{header}: {value} is negative"),
            header=name,
            value=repr(_shown(cell)),
        )
        return 0
    return Fraction(number) if number != number.to_integral_value() else int(number)


def _parse_span(text: str, by_month: bool) -> tuple[date, date]:
    """The first and last day a date or month cell covers; InputError if it is not one."""
    written = text.replace("/", "-")
    if by_month:
        match = _MONTH_RE.fullmatch(written)
        if match is None:
            raise InputError("{value} is not a month written YYYY-MM", value=repr(_shown(text)))
        year, month = int(match[1]), int(match[2])
        first = make_date(text, year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return first, date.fromordinal(following.toordinal() - 1)
    match = _DAY_RE.fullmatch(written)
    if match is None:
        raise InputError("{value} is not a date written YYYY-MM-DD", value=repr(_shown(text)))
    day = make_date(text, int(match[1]), int(match[2]), int(match[3]))
    return day, day


def _shown(cell: str) -> str:
    """A cell as it may appear in a message: a long one cut short."""
    return cell if len(cell) <= 60 else cell[:60] + "…"

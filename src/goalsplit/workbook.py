"""Reading a sheet of an Excel workbook (.xlsx) as the rows of an activity file.

CRM systems export activity as .xlsx. A sheet's rows become the same rows of
text a CSV gives (:mod:`goalsplit.activity` reads both with the same rules, the
same limits and the same messages): a real Excel date becomes ``YYYY-MM-DD``
(``YYYY-MM`` in a month column), a number its shortest exact decimal, a blank 0.
Problems name the sheet and the cell the way Excel does, ``actuals.xlsx:Sheet1!C7``.

The sheet is streamed (openpyxl's read-only mode), so a large export is never held
in memory; its unpacked size is held to the limit of an activity CSV. Legacy .xls
files are refused with a hint to save them as .xlsx.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

from goalsplit.errors import Issue
from goalsplit.limits import MAX_ACTIVITY_BYTES

if TYPE_CHECKING:
    from collections.abc import Sequence

_PLAIN_SHEET = re.compile(r"[^\W]+", re.UNICODE)


class _Reader(Protocol):
    name: str

    def fail(self, issue: Issue) -> NoReturn: ...


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(sheet: str, line: int, column: int | None) -> str:
    """``Sheet1!C7`` (a whole row: ``Sheet1!7:7``), quoted as Excel quotes a sheet
    name with spaces or punctuation: ``'May 2026'!C7``."""
    shown = sheet if _PLAIN_SHEET.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    if column is None:
        return f"{shown}!{line}:{line}"
    return f"{shown}!{column_letter(column)}{line}"


class SheetRows:
    """The rows of a sheet as lists of text, one per row (blank rows included, so
    that ``line_num`` is the sheet's row number), like a ``csv.reader``."""

    def __init__(self, rows: Iterator[Sequence[Any]], workbook: Any) -> None:
        self._rows = rows
        self._workbook = workbook
        self.line_num = 0
        self.dates_as_months = False  # set once the header says the dates are months
        self.span_col: int | None = None

    def __iter__(self) -> SheetRows:
        return self

    def __next__(self) -> list[str]:
        try:
            values = next(self._rows)
        except StopIteration:
            self._workbook.close()
            raise
        self.line_num += 1
        return [self._text(value) for value in values]

    def _text(self, value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            if value.is_integer() and abs(value) < 1e15:
                return str(int(value))
            return repr(value)
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return f"{value:%Y-%m}" if self.dates_as_months else value.isoformat()
        if isinstance(value, (time, timedelta)):
            return str(value)
        return str(value)


def open_sheet(path: Path, sheet: str | None, reader: _Reader) -> tuple[SheetRows, str]:
    """The rows of ``sheet`` (default: the first) and its name; problems go to
    ``reader.fail`` as located issues."""
    name = reader.name
    try:
        with path.open("rb") as handle:
            start = handle.read(4)
    except OSError as exc:
        reader.fail(
            Issue(
                (),
                "cannot read {file}: {reason}",
                {"file": name, "reason": exc.strerror},
                file=name,
            )
        )
    if start == b"\xd0\xcf\x11\xe0" or path.suffix.lower() == ".xls":
        reader.fail(
            Issue(
                (),
                "a legacy Excel .xls workbook: save it as .xlsx (or CSV) and read that",
                file=name,
            )
        )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        reader.fail(
            Issue(
                (),
                "not an Excel workbook (.xlsx): {reason}",
                {"reason": str(exc) or type(exc).__name__},
                file=name,
            )
        )
    if unpacked > MAX_ACTIVITY_BYTES:
        reader.fail(
            Issue(
                (),
                "the workbook unpacks to more than {max} MB, the most a history or actuals "
                "file may hold",
                {"max": MAX_ACTIVITY_BYTES // (1024 * 1024)},
                file=name,
            )
        )
    try:
        import openpyxl
    except ImportError:
        reader.fail(
            Issue(
                (),
                "reading .xlsx needs the reports extra: pip install 'goalsplit[reports]'",
                file=name,
            )
        )
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        reader.fail(
            Issue(
                (),
                "not an Excel workbook (.xlsx): {reason}",
                {"reason": str(exc) or type(exc).__name__},
                file=name,
            )
        )
    names = list(workbook.sheetnames)
    if sheet is None:
        chosen = names[0]
    elif sheet in names:
        chosen = sheet
    else:
        workbook.close()
        reader.fail(
            Issue(
                (),
                "no sheet named {sheet}; the sheets are: {sheets}",
                {"sheet": repr(sheet), "sheets": ", ".join(names)},
                file=name,
            )
        )
    worksheet = workbook[chosen]
    if not hasattr(worksheet, "iter_rows"):  # a chart sheet
        workbook.close()
        reader.fail(
            Issue((), "the sheet {sheet} holds no cells", {"sheet": repr(chosen)}, file=name)
        )
    rows = worksheet.iter_rows(min_row=1, values_only=True)
    return SheetRows(rows, workbook), chosen

"""``--format csv``: long tables that open correctly in Excel.

Each report's records (:mod:`goalsplit.render.records`): for a plan one row per
rep and stage with the period numbers, then one column per ISO week, one per
calendar month when the period touches more than one (and with ``--daily`` one
per working day). UTF-8 with a byte-order mark, so Excel shows Chinese names and
labels; plain numbers without thousands separators, exact to six places; the
header row follows ``--lang``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from goalsplit.render import ReportOptions
from goalsplit.render.display import exact
from goalsplit.render.view import Table, Value, View, ViewKind
from goalsplit.text import printable

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown
    from goalsplit.card import DayCard
    from goalsplit.history import RatesReport
    from goalsplit.track import TrackReport

BOM = "\ufeff"
_exact = exact  # the name other modules used

# A text cell that starts with one of these is read by Excel, LibreOffice and Google
# Sheets as a formula (``=HYPERLINK(...)`` in a rep's name from a CRM export).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_ROWS_PER_CHUNK = 64


def safe_cell(value: object) -> object:
    """OWASP's rule against CSV injection: a text cell that a spreadsheet would run
    as a formula gets a leading apostrophe; numbers (also negative ones, such as a
    gap of -5) stay numbers. Control characters (a terminal escape in a name) are
    shown as escapes, as in every other text output."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def plain(value: object) -> object:
    """A cell of a record as CSV writes it: exact numbers, ISO dates, safe text."""
    if isinstance(value, Value):
        value = value.value
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_cell(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Fraction):
        return exact(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


class _SafeWriter:
    """csv.writer whose rows are safe to open in a spreadsheet."""

    def __init__(self, buffer: io.StringIO) -> None:
        self._writer = csv.writer(buffer, lineterminator="\r\n")

    def writerow(self, row: Sequence[object]) -> None:
        self._writer.writerow([safe_cell(v) for v in row])

    def writerow_safe(self, row: Sequence[object]) -> None:
        """A row whose text cells went through safe_cell already."""
        self._writer.writerow(row)


def _writer() -> tuple[io.StringIO, _SafeWriter]:
    """A CSV writer into a buffer, with the CRLF line ends Excel expects."""
    buffer = io.StringIO()
    return buffer, _SafeWriter(buffer)


def write_table(table: Table) -> Iterator[str]:
    """A records table as CSV text, a few dozen rows at a time (the first chunk with
    the byte-order mark). Count columns hold whole numbers (or blanks) and are
    written as they are; every other cell goes through :func:`plain`."""
    buffer, writer = _writer()
    writer.writerow([column.header for column in table.columns])
    converted = [i for i, column in enumerate(table.columns) if column.kind != "count"]
    convert: Callable[[object], object] = plain
    head = BOM
    pending = 0
    for row in table.all_rows():
        cells: list[Any] = list(row)
        for i in converted:
            cells[i] = convert(cells[i])
        writer.writerow_safe(cells)
        pending += 1
        if pending >= _ROWS_PER_CHUNK:
            yield head + buffer.getvalue()
            head = ""
            pending = 0
            buffer.seek(0)
            buffer.truncate()
    if head or buffer.tell():
        yield head + buffer.getvalue()


def render_view(view: View) -> Iterator[str]:
    return write_table(view.records())


def render(breakdown: Breakdown, options: ReportOptions) -> Iterator[str]:
    return render_view(View(ViewKind.plan, breakdown, options))


def render_card(card: DayCard, options: ReportOptions) -> Iterator[str]:
    return render_view(View(ViewKind.card, card, options))


def render_rates(report: RatesReport, options: ReportOptions) -> Iterator[str]:
    return render_view(View(ViewKind.rates, report, options))


def render_track(report: TrackReport, options: ReportOptions) -> Iterator[str]:
    return render_view(View(ViewKind.track, report, options))

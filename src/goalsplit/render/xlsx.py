"""``--format xlsx``: a workbook to open in Excel or WPS (written with XlsxWriter).

A summary sheet (the team's tables and the notes under them), a sheet per rep
(its weeks or months, with ``--daily`` its days; for ``track`` its progress and
conversions, or with ``--by`` its review rows) and, but for a plan (whose numbers
are all on its rep sheets), a data sheet (the report's records, as CSV has them).
Real numbers with number formats (thousands separators, one decimal for a count
per day, percentages, dates), frozen header rows, filters on the first table of
every sheet, column widths that fit Chinese names (two columns per wide
character), sheet names made safe (at most 31 characters, none of ``[]:*?/\\``,
unique whatever the case) and native Excel charts drawn from the sheet's own
cells: the quotas, per rep the revenue target by week or month; for ``track``
plan to date against actual and per rep each stage's % of plan (the funnel and
the burn-up are the HTML page's).

Text is written as text, never as a formula, so a rep named ``=HYPERLINK(...)``
stays a name. The workbook is built in memory and returned as one chunk of bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from goalsplit.i18n import tr
from goalsplit.render.display import EXCEL_FORMATS
from goalsplit.render.grid import Note, display_width
from goalsplit.render.view import TEAM, Chart, Column, Table, Value, View, ViewKind, shown_name
from goalsplit.text import printable

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from goalsplit.render.view import Block

MAX_SHEET_NAME = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
MAX_WIDTH = 60  # characters: a long caption never makes a column wider than this
_RESERVED = {"history"}  # Excel keeps this sheet name for itself


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A name Excel accepts: at most 31 characters, none of ``[]:*?/\\``, not blank,
    no apostrophe at either end, unique among ``taken`` (compared without case)."""
    name = _FORBIDDEN.sub("_", wanted).strip().strip("'").strip() or "_"
    if name.lower() in _RESERVED:
        name += "_"
    name = name[:MAX_SHEET_NAME]
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = name[: MAX_SHEET_NAME - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


class _Formats:
    """Cell formats, made once per workbook (XlsxWriter keeps each one)."""

    def __init__(self, workbook: Workbook, currency: str | None = None) -> None:
        self.workbook = workbook
        self.money = money_format(currency)
        self.cache: dict[tuple[str, int | None, str, bool, bool, str], Any] = {}
        self.title = workbook.add_format({"bold": True, "font_size": 13})
        self.caption = workbook.add_format({"italic": True, "font_color": "#666666"})
        self.note = workbook.add_format({})
        self.bad = workbook.add_format({"font_color": "#C00000"})
        self.ok = workbook.add_format({"font_color": "#2E7D32"})
        self.header = workbook.add_format(
            {"bold": True, "bottom": 1, "text_wrap": True, "valign": "bottom"}
        )
        self.header_right = workbook.add_format(
            {"bold": True, "bottom": 1, "text_wrap": True, "valign": "bottom", "align": "right"}
        )

    def cell(
        self,
        kind: str,
        places: int | None,
        style: str,
        signed: bool = False,
        whole: bool = False,
        mark: str = "",
    ) -> Any:
        """The format of a cell of ``kind``; ``whole``: for a whole number, which a format
        with optional decimals ("#,##0.##") would show with a stray point ("57."); ``mark``
        (``^``, ``*``) shown after the number, which stays a number."""
        key = (kind, places, style, signed, whole, mark)
        found = self.cache.get(key)
        if found is None:
            spec: dict[str, Any] = {}
            number = EXCEL_FORMATS.get((kind, places)) or EXCEL_FORMATS.get((kind, None))
            if number and whole and re.fullmatch(r"[#,0]+\.#+", number):
                number = number.partition(".")[0]
            if number and kind == "money" and not signed:
                number = self.money.replace("#", number, 1) if self.money != "#" else number
            if number and mark:
                number += '"' + mark.replace('"', "") + '"'
            if number and kind != "text":
                spec["num_format"] = f"+{number};-{number};0" if signed else number
            if style in ("footer", "title"):
                spec["bold"] = True
                spec["top"] = 1
            elif style == "bad":
                spec["font_color"] = "#C00000"
            elif style == "dim":
                spec["font_color"] = "#888888"
            found = self.cache[key] = self.workbook.add_format(spec)
        return found


# Currencies written with a sign (before the number, or after it as Europe writes the
# euro); any other code follows the number, as in "12,000 CHF".
_SIGNS = {"CNY": '"¥"#', "RMB": '"¥"#', "JPY": '"¥"#', "USD": '"$"#', "GBP": '"£"#', "EUR": '# "€"'}


def money_format(currency: str | None) -> str:
    """Where the number goes (``#``) in a money cell's format for ``currency``."""
    if not currency:
        return "#"
    code = currency.strip().upper()
    if code in _SIGNS:
        return _SIGNS[code]
    return '# "' + printable(currency).replace('"', "'") + '"'


def render_view(view: View) -> Iterator[bytes]:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    workbook.set_properties({"title": "goalsplit", "comments": "goalsplit"})
    formats = _Formats(workbook, view.currency)
    blocks = view.blocks()
    lang = view.options.lang
    taken: set[str] = set()
    sheets: dict[str, _Sheet] = {}
    order: list[str] = []
    current = ""
    for block in blocks:
        if isinstance(block, Table):
            current = block.name or TEAM
        key = current or TEAM
        if key not in sheets:
            sheets[key] = _Sheet(workbook, sheet_name(shown_name(key, lang), taken), formats)
            order.append(key)
        sheets[key].add(block)
    placed: dict[int, tuple[_Sheet, int, int]] = {}  # id(table) -> sheet, first row, first col
    for key in order:
        sheets[key].write(placed)
    for chart in view.charts(blocks):
        if chart.kind == "funnel":
            continue  # the funnel reads best in the HTML page; Excel gets the schedule
        if chart.table is not None and id(chart.table) in placed:
            sheet, row, col = placed[id(chart.table)]
            sheet.chart(chart, row, col)
    if view.kind is not ViewKind.plan:  # a plan's numbers are all on its rep sheets
        data = view.records()
        named = data.name if data.name and data.name != TEAM else tr("Data", lang)
        data_sheet = _Sheet(workbook, sheet_name(named, taken), formats)
        data_sheet.add(data)
        data_sheet.write(placed, records=True)
    workbook.close()
    yield buffer.getvalue()


class _Sheet:
    def __init__(self, workbook: Workbook, name: str, formats: _Formats) -> None:
        self.worksheet: Worksheet = workbook.add_worksheet(name)
        self.workbook = workbook
        self.name = name
        self.formats = formats
        self.blocks: list[Block] = []
        self.widths: dict[int, int] = {}
        self.charts = 0
        self.last_row = 0
        self.last_col = 0
        self.largest: dict[int, float] = {}  # per column, the largest number written
        self.column_formats: dict[tuple[int, str], list[Any]] = {}

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def _fit(self, col: int, text: str) -> None:
        width = min(display_width(text) + 2, MAX_WIDTH)
        if width > self.widths.get(col, 8):
            self.widths[col] = width

    def write(self, placed: dict[int, tuple[_Sheet, int, int]], records: bool = False) -> None:
        ws, f = self.worksheet, self.formats
        row = 0
        first_table = True
        for block in self.blocks:
            if isinstance(block, Note):
                style = f.bad if block.style == "bad" else (f.ok if block.style == "ok" else f.note)
                ws.write_string(row, 0, printable(block.text), style)
                row += 1
                continue
            if row:
                row += 1
            if block.title:
                ws.write_string(row, 0, printable(block.title), f.title)
                row += 1
            if block.subtitle:
                ws.write_string(row, 0, printable(block.subtitle), f.caption)
                row += 1
            header_row = row
            for col, column in enumerate(block.columns):
                header = printable(column.header)
                ws.write_string(
                    row, col, header, f.header if column.aligned == "left" else f.header_right
                )
                self._fit(col, header if records else max(header.split(" "), key=len))
            row += 1
            first = row
            styles = block.row_styles if block.stream is None else []
            for i, cells in enumerate(block.all_rows()):
                style = styles[i] if i < len(styles) else ""
                self._row(row, block.columns, cells, style, fit=not records or i < 200)
                row += 1
            last = row - 1
            if block.footer is not None:
                self._row(row, block.columns, block.footer, "footer", fit=True)
                row += 1
            placed[id(block)] = (self, first, 0)
            if first_table:
                ws.freeze_panes(header_row + 1, 1 if not records else 0)
                if last >= first:
                    ws.autofilter(header_row, 0, last, len(block.columns) - 1)
                first_table = False
            self.last_col = max(self.last_col, len(block.columns) - 1)
            if block.caption:
                for line in block.caption.split("\n"):
                    ws.write_string(row, 0, printable(line), f.caption)
                    row += 1
        self.last_row = row
        for col, largest in self.largest.items():
            self._fit(col, f"{largest:,.1f}" if largest % 1 else f"{int(largest):,}")
        for col, width in self.widths.items():
            ws.set_column(col, col, width)

    def _column_formats(self, columns: Sequence[Column], style: str, whole: bool) -> list[Any]:
        key = (id(columns), style + "/whole" * whole)
        found = self.column_formats.get(key)
        if found is None:
            f = self.formats
            found = [f.cell(c.kind, c.places, style, c.signed, whole) for c in columns]
            self.column_formats[key] = found
        return found

    def _row(
        self, row: int, columns: Sequence[Column], cells: Sequence[Any], style: str, fit: bool
    ) -> None:
        """One row: numbers as numbers (the common case, a whole number in a column of
        its kind, takes the short way), text as text, dates as dates."""
        write_number = self.worksheet.write_number
        formats = self._column_formats(columns, style, whole=False)
        whole = self._column_formats(columns, style, whole=True)
        largest = self.largest
        for col, cell in enumerate(cells[: len(columns)]):
            kind = type(cell)
            if kind is int or kind is Fraction:
                number = cell if kind is int else float(cell)
                if columns[col].kind == "percent":
                    number = number / 100  # a view's percentages are out of 100; Excel's of 1
                exact = kind is int or cell.denominator == 1
                write_number(row, col, number, (whole if exact else formats)[col])
                size = -number if number < 0 else number
                if size > largest.get(col, 0):
                    largest[col] = size
            else:
                self._cell(row, col, columns[col], cell, style, fit)

    def _cell(self, row: int, col: int, column: Column, cell: Any, style: str, fit: bool) -> None:
        ws, f = self.worksheet, self.formats
        kind, places, signed = column.kind, column.places, column.signed
        mark = ""
        if isinstance(cell, Value):
            if cell.kind is not None:
                kind, places = cell.kind, cell.places
            signed = signed or cell.signed
            value: Any = cell.value
            mark = cell.mark
        else:
            value = cell
        if value is None or value == "":
            if style == "footer":
                ws.write_blank(row, col, None, f.cell("text", None, style))
            return
        if isinstance(value, str):
            text = printable(value)
            ws.write_string(row, col, text, f.cell("text", None, style))
            if fit:
                self._fit(col, text)
            return
        if isinstance(value, date):
            moment = datetime(value.year, value.month, value.day)
            ws.write_datetime(row, col, moment, f.cell("date", None, style))
            self._fit(col, "2026-01-01")
            return
        number: float | int = float(value) if isinstance(value, Fraction) else value
        if kind == "percent":
            number = number / 100
        exact = isinstance(value, int) or (isinstance(value, Fraction) and value.denominator == 1)
        ws.write_number(row, col, number, f.cell(kind, places, style, signed, exact, mark))
        if abs(number) > self.largest.get(col, 0):
            self.largest[col] = abs(number)

    def chart(self, chart: Chart, first: int, col: int) -> None:
        """A native chart beside the table it is drawn from."""
        table = chart.table
        assert table is not None
        kind = "line" if chart.kind == "line" else "column"
        excel = self.workbook.add_chart({"type": kind})
        name = self.name  # xlsxwriter quotes it (an apostrophe doubled) in the ranges
        assert chart.rows is not None
        start, end = first + chart.rows[0], first + chart.rows[1]
        label_column = chart.labels
        for series in chart.series:
            assert series.column is not None
            excel.add_series(
                {
                    "name": [name, first - 1, series.column],
                    "categories": [name, start, label_column, end, label_column],
                    "values": [name, start, series.column, end, series.column],
                }
            )
        excel.set_title({"name": chart.title, "name_font": {"size": 11}})
        excel.set_legend({"position": "bottom"} if len(chart.series) > 1 else {"none": True})
        excel.set_size({"width": 560, "height": 300})
        anchor_col = self.last_col + 2
        self.worksheet.insert_chart(1 + self.charts * 16, anchor_col, excel)
        self.charts += 1

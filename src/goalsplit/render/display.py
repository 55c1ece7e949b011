"""Rounding and display: the one place that turns a report's numbers into text.

Views (:mod:`goalsplit.render.view`) hold numbers, each with its kind; the text
formats (table, Markdown, the HTML report's tables) show them through
:func:`cell_text`, CSV writes them through :func:`plain`, and the xlsx format
writes the numbers themselves with a number format from :data:`EXCEL_FORMATS`.
Sentences (titles, captions, notes) use the same helpers, so a quota reads the
same in a table and in the line under it.

Rules: money in whole currency units with thousands separators, halves rounded
up, once, from the exact amount; a count per day with one decimal; a count done
(which may be fractional in the actuals) whole when whole, else with one
decimal; rates below 1 with four decimals, ratios such as ARPU as amounts;
percentages whole; a missing number as an en dash.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goalsplit.render.grid import Grid, Note
    from goalsplit.render.view import Column, Table, Value

MISSING = "–"


def half_up(amount: Fraction) -> int:
    return math.floor(amount + Fraction(1, 2))


def money(amount: int | Fraction) -> str:
    """Whole currency units with thousands separators (halves round up)."""
    if isinstance(amount, int):
        return f"{amount:,}"
    return f"{half_up(Fraction(amount)):,}"


def tenths(amount: Fraction) -> str:
    """One decimal, halves up: ``12.5``, ``-0.3``, ``1,234.0``."""
    count = half_up(amount * 10)
    sign = "-" if count < 0 else ""
    return f"{sign}{abs(count) // 10:,}.{abs(count) % 10}"


def whole(amount: int) -> str:
    return f"{amount:,}"


def rate_text(rate: Fraction | None, trim: bool = False) -> str:
    """Rates below 1 with four decimals (``trim``: without trailing zeros), ratios
    such as ARPU as amounts."""
    if rate is None:
        return MISSING
    if rate >= 100:
        return money(rate)
    text = f"{float(rate):,.2f}" if rate >= 1 else f"{float(rate):.4f}"
    return text.rstrip("0").rstrip(".") if trim else text


def rate_short(rate: Fraction | None) -> str:
    """A rate for a sentence: two significant digits below 1 (0.12, 0.20, 0.012),
    amounts as money, others with two decimals."""
    if rate is None:
        return MISSING
    if rate >= 100:
        return money(rate)
    if rate >= 1:
        return f"{float(rate):,.2f}"
    if rate == 0:
        return "0"
    with localcontext() as context:
        context.rounding = ROUND_HALF_EVEN
        exact = Decimal(rate.numerator) / Decimal(rate.denominator)
        value = exact.quantize(Decimal(1).scaleb(exact.adjusted() - 1))
    return f"{value:f}"


def percent(value: Fraction | None, places: int = 0) -> str:
    """A percentage already multiplied by 100: ``45%`` (``places`` decimals)."""
    return MISSING if value is None else f"{float(value):.{places}f}%"


def share(value: Fraction) -> str:
    """A share of 1 as a percentage without noise: ``20%``, ``12.5%``."""
    return f"{float(value * 100):g}%"


def weight(value: Fraction) -> str:
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def exact(value: Fraction | int | None) -> str:
    """An exact quantity as a plain decimal (at most 6 places, no binary noise)."""
    if value is None:
        return ""
    text = f"{float(round(value, 6)):.6f}".rstrip("0").rstrip(".")
    return text or "0"


def number_text(value: int | Fraction, kind: str, places: int | None) -> str:
    """A number of a kind as a person reads it (see the module's rules)."""
    if kind == "money" or (kind == "count" and places == 0):
        return money(value)
    if kind == "count":
        if places == 1 or (isinstance(value, Fraction) and value.denominator != 1):
            return tenths(Fraction(value))
        return whole(int(value))
    if kind == "rate":
        return rate_text(Fraction(value))
    if kind == "percent":
        return percent(Fraction(value), places or 0)
    if kind == "decimal":
        return exact(value)
    raise ValueError(f"not a number kind: {kind}")


def cell_text(cell: object, column: Column) -> str:
    """One cell of a view as text: a string as it is, None as a dash, a number by
    its kind (the cell's own when it is a :class:`Value`, else the column's)."""
    from goalsplit.render.view import Value

    if isinstance(cell, str):
        return cell
    if cell is None:
        return MISSING
    if isinstance(cell, Value):
        return value_text(cell, column)
    if isinstance(cell, date):
        return cell.isoformat()
    if not isinstance(cell, (int, Fraction)):
        raise TypeError(f"not a cell: {cell!r}")
    if column.signed:
        return _signed(cell, column.kind, column.places)
    return number_text(cell, column.kind, column.places)


def value_text(cell: Value, column: Column) -> str:
    if cell.shown is not None:
        return cell.shown
    value = cell.value
    if value is None:
        return MISSING
    if isinstance(value, str):
        return value + cell.mark
    if isinstance(value, date):
        return value.isoformat() + cell.mark
    kind = cell.kind or column.kind
    places = cell.places if cell.kind else column.places
    if cell.signed or column.signed:
        return _signed(value, kind, places) + cell.mark
    return number_text(value, kind, places) + cell.mark


def _signed(value: int | Fraction, kind: str, places: int | None) -> str:
    size: int | Fraction = -value if value < 0 else value
    text = number_text(size, kind, places)
    return f"+{text}" if value > 0 else (f"-{text}" if value < 0 else text)


# Excel number formats by kind and places (the xlsx format's real numbers).
EXCEL_FORMATS: dict[tuple[str, int | None], str] = {
    ("money", None): "#,##0",
    ("money", 0): "#,##0",
    ("count", None): "#,##0.##",
    ("count", 0): "#,##0",
    ("count", 1): "#,##0.0",
    ("rate", None): "0.0000",
    ("percent", None): "0%",
    ("percent", 0): "0%",
    ("percent", 1): "0.0%",
    ("decimal", None): "#,##0.######",
    ("date", None): "yyyy-mm-dd",
    ("text", None): "@",
}


def grid_of(table: Table) -> Grid:
    """A view's table as text cells, for the layouts of the text formats."""
    from goalsplit.render.grid import Column as GridColumn
    from goalsplit.render.grid import Grid

    columns = table.columns
    fast = [
        c.kind in ("text",) or (c.kind == "count" and c.places is None and not c.signed)
        for c in columns
    ]

    def texts(row: Sequence[object]) -> list[str]:
        out = []
        for cell, column, simple in zip(row, columns, fast, strict=True):
            if simple and type(cell) is int:
                out.append(f"{cell:,}")
            else:
                out.append(cell_text(cell, column))
        return out

    grid = Grid(
        columns=[GridColumn(c.header, c.aligned) for c in columns],
        title=table.title,
        caption=table.caption,
        subtitle=table.subtitle,
    )
    for row, style in zip(table.rows, table.row_styles, strict=True):
        grid.add_row(*texts(row), style=style)
    if table.footer is not None:
        grid.footer = texts(table.footer)
    return grid


def text_blocks(blocks: Sequence[Table | Note]) -> list[Grid | Note]:
    """A view's blocks with every table as text (notes are text already)."""
    from goalsplit.render.view import Table

    return [grid_of(block) if isinstance(block, Table) else block for block in blocks]

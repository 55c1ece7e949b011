"""The range of input goalsplit accepts: numbers, dates and sizes a real team could mean.

One rule for every number, wherever it is written (a plan, a CSV cell, an
option): finite, at most a trillion in size, and when not zero at least
0.000000001 (1e-9), with at most 30 significant digits. The rule is checked on
the written text before any exact conversion, so ``1e999999999`` costs nothing
and never becomes a gigantic integer. Within these bounds every exact quantity
the core derives fits a float and prints in a few dozen digits, so every
output format copes with anything the loaders accept.

Sizes are bounded too, so that no file a user can write takes the machine
down: a plan file, the reps in it, the funnel's stages, the nesting of its
YAML, and the size and distinct reps of an activity CSV.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

MAX_NUMBER = Decimal(10) ** 12  # a trillion: money, counts, weights
MIN_NUMBER = Decimal("1e-9")  # the smallest non-zero magnitude
MAX_DIGITS = 30  # significant digits of a written number
MAX_NUMBER_CHARS = 100  # longer text is not a number anyone typed

# Dates a plan, a history or an actuals file may hold.
FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2199, 12, 31)

MAX_PLAN_BYTES = 8 * 1024 * 1024  # a plan file
MAX_REPS = 50_000  # reps in one plan
MAX_STAGES = 20  # funnel stages below revenue
MAX_NESTING = 20  # depth of mappings and lists in a plan
MAX_ACTIVITY_BYTES = 1024 * 1024 * 1024  # a history or actuals CSV
MAX_ACTIVITY_REPS = 100_000  # distinct reps in a history or actuals CSV
MAX_CELL_CHARS = 10_000  # one CSV cell
# No real rep needs more than this of any stage in a period; a requirement beyond it
# comes from rates that are far too small.
MAX_REQUIREMENT = 10**15


class NumberOutOfRangeError(ValueError):
    """A written number that is a number, but not one a plan can mean."""


def parse_number(text: str) -> Decimal | None:
    """A written decimal number within the range, exactly; None when ``text`` is not a
    number at all; NumberOutOfRangeError when it is one outside the range.

    ``_`` digit separators are allowed (YAML style); thousands commas are the CSV
    readers' business.
    """
    text = text.strip().replace("_", "")
    if not text or len(text) > MAX_NUMBER_CHARS:
        if len(text) > MAX_NUMBER_CHARS and _looks_numeric(text):
            raise NumberOutOfRangeError(text)
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    check_decimal(value)
    return value if not value.is_zero() else Decimal(0)


def check_decimal(value: Decimal) -> None:
    """Raise NumberOutOfRangeError unless ``value`` is within the one rule."""
    if not value.is_finite():
        raise NumberOutOfRangeError(str(value))
    if value.is_zero():
        return
    exponent = value.adjusted()  # the power of ten of the leading digit
    if (
        exponent > 12
        or exponent < -9
        or abs(value) > MAX_NUMBER
        or abs(value) < MIN_NUMBER
        or len(value.as_tuple().digits) > MAX_DIGITS
    ):
        raise NumberOutOfRangeError(str(value))


def in_range(value: Decimal | int | float) -> bool:
    try:
        check_decimal(Decimal(value) if not isinstance(value, Decimal) else value)
    except (NumberOutOfRangeError, InvalidOperation, ValueError, OverflowError):
        return False
    return True


def date_in_range(day: date) -> bool:
    return FIRST_DATE <= day <= LAST_DATE


def _looks_numeric(text: str) -> bool:
    return all(c in "0123456789+-.eE" for c in text) and any(c.isdigit() for c in text)


RANGE_TEXT = "between 0.000000001 and 1,000,000,000,000 in size (or 0), with at most 30 digits"
MAX_LINE_BYTES = 1024 * 1024  # one line of a history or actuals CSV
MAX_KEYS = 100  # keys in one mapping of a plan (the longest real one, rates, has ~20)
MAX_REPORTED = 100  # problems listed one by one; the rest are counted
MAX_LIST_ITEMS = 1_000  # items of any other list in a plan (holidays, leave, ...)


def parse_written_number(text: str) -> Decimal | None:
    """parse_number, except that a decimal number written with an exponent beyond what
    Decimal can hold (``1e99999999999999999999``) is out of range, not "not a number"."""
    value = parse_number(text)
    if value is None and text.strip():
        try:
            float(text.strip().replace("_", ""))  # the same syntax, and it saturates to inf
        except ValueError:
            return None
        raise NumberOutOfRangeError(text.strip())
    return value

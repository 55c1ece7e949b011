"""The seam between reports and formats: views hold numbers, one module formats
them, and every format renders every view (issue 12)."""

from __future__ import annotations

import importlib
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from goalsplit.render import (
    RATES_RENDERERS,
    UNSUPPORTED,
    RatesFormat,
    ReportOptions,
    render_view,
)
from goalsplit.render.display import cell_text, exact, money, number_text, rate_text, tenths
from goalsplit.render.view import Column, Value, View, ViewKind
from goalsplit.worked import work_out
from tests.conftest import EXAMPLES

EAST = EXAMPLES / "east-1-q1.yaml"
FIELD = EXAMPLES / "field-team-2026-03.yaml"
ACTUALS = EXAMPLES / "east-1-q1-actuals.csv"
HISTORY = EXAMPLES / "east-1-history.csv"


def subject(kind: ViewKind) -> Any:
    """A report of each kind, from the shipped examples."""
    from goalsplit.card import day_card
    from goalsplit.feasibility import reach, team_fit
    from goalsplit.history import rates_report
    from goalsplit.load import load_actuals, load_history
    from goalsplit.model import DEFAULT_FUNNEL, REVENUE
    from goalsplit.render.compare import BASE, Case
    from goalsplit.track import track

    path = FIELD if kind in (ViewKind.reach, ViewKind.compare) else EAST
    breakdown = work_out(Path(path)).breakdown
    assert breakdown is not None
    if kind is ViewKind.plan:
        return breakdown
    if kind is ViewKind.card:
        return day_card(breakdown, breakdown.reps[0], date(2026, 2, 24))
    if kind is ViewKind.track:
        actuals = load_actuals(ACTUALS, breakdown.stages, breakdown.start, breakdown.end)
        return track(breakdown, actuals, date(2026, 2, 27))
    if kind is ViewKind.rates:
        stages = (REVENUE, *DEFAULT_FUNNEL)
        return rates_report(str(HISTORY), load_history(HISTORY, stages), stages, 30)
    if kind is ViewKind.reach:
        return reach(breakdown)
    if kind is ViewKind.compare:
        return [Case(BASE, None, (), breakdown, team_fit(breakdown))]
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", list(ViewKind))
@pytest.mark.parametrize("fmt", list(RatesFormat))
def test_every_format_renders_every_view(fmt: RatesFormat, kind: ViewKind) -> None:
    """The registry is exhaustive: a format that cannot show a view says so in
    UNSUPPORTED; every other pair renders something."""
    module = importlib.import_module(RATES_RENDERERS[fmt])
    assert callable(module.render_view)
    if (fmt.value, kind.value) in UNSUPPORTED:
        return
    pytest.importorskip("xlsxwriter") if fmt.value == "xlsx" else None
    pytest.importorskip("matplotlib") if fmt.value == "html" else None
    chunks = list(render_view(fmt, View(kind, subject(kind), ReportOptions())))
    assert chunks and sum(len(chunk) for chunk in chunks) > 100


def test_every_view_kind_has_blocks_and_records() -> None:
    for kind in ViewKind:
        view = View(kind, subject(kind), ReportOptions())
        assert view.blocks()
        assert list(view.records().all_rows())


@pytest.mark.parametrize(
    ("value", "kind", "places", "text"),
    [
        (Fraction(5, 2), "money", None, "3"),  # halves round up, once
        (Fraction(-5, 2), "money", None, "-2"),
        (1234567, "money", None, "1,234,567"),
        (Fraction(25), "count", 1, "25.0"),  # a per-day average keeps its decimal
        (Fraction(25), "count", None, "25"),  # a count done: whole when whole
        (Fraction(51, 2), "count", None, "25.5"),
        (Fraction(1, 20), "count", None, "0.1"),
        (Fraction(12345, 10), "count", 0, "1,235"),
        (Fraction(1, 3), "rate", None, "0.3333"),
        (Fraction(5, 2), "rate", None, "2.50"),
        (Fraction(10000), "rate", None, "10,000"),
        (Fraction(455, 10), "percent", None, "46%"),
        (Fraction(1234, 10), "percent", 1, "123.4%"),
        (Fraction(1, 3), "decimal", None, "0.333333"),
    ],
)
def test_numbers_by_kind(value: Fraction | int, kind: str, places: int | None, text: str) -> None:
    assert number_text(value, kind, places) == text


def test_cells_missing_marked_signed_and_shown() -> None:
    count = Column("Dials", "count")
    assert cell_text(None, count) == "–"
    assert cell_text("", count) == ""
    assert cell_text(Value(12, mark="^"), count) == "12^"
    assert cell_text(Value(Fraction(1_500_000), "money", mark="*"), count) == "1,500,000*"
    assert cell_text(Value(-5, signed=True), count) == "-5"
    assert cell_text(5, Column("Gap", "count", signed=True)) == "+5"
    assert cell_text(Value(date(2026, 2, 9), shown="02-09 Mon"), count) == "02-09 Mon"
    assert cell_text(Value("张伟", shown=""), Column("Rep")) == ""
    assert money(Fraction(999_999_5, 10)) == "1,000,000"
    assert tenths(Fraction(-3, 20)) == "-0.1" and tenths(Fraction(-1, 20)) == "0.0"
    assert rate_text(None) == "–"
    assert exact(Fraction(1, 3)) == "0.333333" and exact(None) == ""

"""Report layout (80 columns, CJK alignment, colour only on request) and whole-plan
invariants over generated plans."""

from __future__ import annotations

import math
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalsplit.cli import _color_allowed
from goalsplit.render import Format, ReportOptions, render_text
from goalsplit.render.grid import Column, Grid, display_width, layout
from goalsplit.render.table import paint
from tests.conftest import EXAMPLES, breakdown_of


def east() -> str:
    return (EXAMPLES / "east-1-q1.yaml").read_text(encoding="utf-8")


def test_table_report_fits_80_columns_and_cjk_names_line_up() -> None:
    breakdown = breakdown_of(east())
    text = render_text(Format.table, breakdown, ReportOptions(width=80))
    lines = text.splitlines()
    assert max(display_width(line) for line in lines) <= 80
    rows = [
        line for line in lines if line.startswith((" 张伟", " 李娜", " 王芳", " 刘洋", " Chen Jie"))
    ]
    assert len(rows) == 5
    # The Days column ends at the same display column on every row.
    ends = {
        display_width(row[: row.index(str(rep.working_days)) + len(str(rep.working_days))])
        for row, rep in zip(rows, breakdown.reps, strict=True)
    }
    assert len(ends) == 1


def test_display_width_counts_cjk_as_two_columns() -> None:
    assert display_width("张伟") == 4
    assert display_width("Li Na") == 5
    assert display_width("王芳 Wang") == 9


def test_layout_wraps_headers_before_overflowing() -> None:
    grid = Grid(columns=[Column("Rep", "left"), Column("Deep talks per day"), Column("Dials")])
    grid.add_row("张伟", "2.5", "25")
    wide = layout(grid, 80)
    narrow = layout(grid, 24)
    assert max(display_width(text) for text, _ in narrow) <= 24
    assert len(narrow) > len(wide)  # the long header took two lines


def test_colour_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [("Title", "title"), ("row", "")]
    assert "\x1b[" not in paint(lines, color=False)
    assert "\x1b[1m" in paint(lines, color=True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _color_allowed()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm")
    assert _color_allowed()


STAGES = ("pipeline", "intents", "deep_talks", "connects", "dials")


@st.composite
def plans(draw: st.DrawFn) -> str:
    start = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 300)))
    end = start + timedelta(days=draw(st.integers(14, 120)))  # never a period with no workday
    rates = [draw(st.sampled_from(["0.07", "0.3", "0.57", "1", "2500", "33%"])) for _ in range(5)]
    reps = []
    for i in range(draw(st.integers(1, 6))):
        rep = [f"  - name: r{i}", f"    weight: {draw(st.sampled_from(['1', '0.7', '1.5']))}"]
        if draw(st.booleans()):
            rep.append(f"    start: {start + timedelta(days=draw(st.integers(0, 5)))}")
        if draw(st.booleans()):
            first = start + timedelta(days=draw(st.integers(0, 5)))
            rep.append(f"    leave: [{first}..{first + timedelta(days=draw(st.integers(0, 3)))}]")
        reps += rep
    return "\n".join(
        [
            f"period: {{start: {start}, end: {end}}}",
            f"calendar: {{country: {draw(st.sampled_from(['CN', 'DE', 'US']))}}}",
            f"target: {draw(st.integers(1, 10**7))}",
            f"stretch: {draw(st.sampled_from(['1', '1.1', '1.25']))}",
            "rates: {"
            + ", ".join(f"{name}: {rate}" for name, rate in zip(STAGES, rates, strict=True))
            + "}",
            "reps:",
            *reps,
        ]
    )


@settings(max_examples=60, deadline=None)
@given(plans())
def test_whole_plans_add_up(plan_text: str) -> None:
    breakdown = breakdown_of(plan_text)
    assert breakdown.allocated == breakdown.target * breakdown.stretch
    for rep in breakdown.reps:
        days = rep.day_targets()
        weeks = rep.week_targets()
        for k, exact in enumerate(rep.required):
            total = math.ceil(exact)
            assert sum(week[k] for week in weeks) == total
            assert sum(day[k] for day in days) == (total if rep.days else 0)
            running = 0
            for n, day in enumerate(days, start=1):
                running += day[k]
                assert running >= exact * Fraction(n, len(days))


def test_wrap_breaks_chinese_text_without_spaces() -> None:
    from goalsplit.render.grid import wrap

    text = "计划：截至当日的计划量。" * 10
    lines = wrap(text, 30)
    assert "".join(lines) == text
    assert all(display_width(line) <= 30 for line in lines)
    assert wrap("a b c", 3) == ["a b", "c"]


def test_summary_totals_row_is_the_exact_sum_rounded_once() -> None:
    # Three reps share 1,000: 333.33 each, shown rounded up as 334; the totals row said
    # 1,002 above "Quotas add up to 1,000". It sums the exact quotas, then rounds.
    breakdown = breakdown_of("""
        period: {start: 2026-03-02, end: 2026-03-27}
        target: 1000
        rates: {pipeline: 0.3, intents: 10000, deep_talks: 0.2, connects: 0.25, dials: 0.4}
        reps: [{name: A}, {name: B}, {name: C}]
    """)
    for fmt in (Format.table, Format.markdown):
        text = render_text(fmt, breakdown, ReportOptions())
        team = next(line for line in text.splitlines() if "Team" in line)
        assert "1,000" in team and "1,002" not in team
        assert "Quotas add up to 1,000 " in text
        # Per-day columns likewise: each rep's pipeline is 55.56 a day, shown as 56; the
        # team's is 166.67, shown as 167 (not 3 x 56 = 168).
        cells = team.replace("*", "").replace("|", " ").split()
        assert cells[3] == "167"
        shown = render_text(fmt, breakdown, ReportOptions(reps=("A", "B")))
        subset = next(line for line in shown.splitlines() if "Shown" in line)
        cells = subset.replace("*", "").replace("|", " ").split()
        assert cells[1:3] == ["667", "111"]  # 666.67 and 111.11, not 334 + 334 and 56 + 56

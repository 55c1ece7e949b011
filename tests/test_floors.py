"""Daily floors: a day's target is the larger of the floor and the funnel's number, and
weeks, months and the period are the sums of the days shown."""

from __future__ import annotations

import json
from datetime import date
from itertools import accumulate
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from goalsplit.card import day_card
from goalsplit.cli import app
from tests.conftest import EXAMPLES, breakdown_of, dedent

FIELD = str(EXAMPLES / "field-team-2026-03.yaml")


def test_floors_of_8_visits_on_the_field_example() -> None:
    from goalsplit.worked import work_out

    breakdown = work_out(FIELD).breakdown
    assert breakdown is not None
    mia = next(rep for rep in breakdown.reps if rep.name == "Mia Schulz")
    visits = [s.stage.name for s in mia.stages].index("visits")
    # The funnel asks 56.47 visits over 22 days (2 or 3 a day); the floor is 8.
    assert 56 < mia.stages[visits].required < 57
    assert set(mia.funnel_days(visits)) == {2, 3}
    assert [day[visits] for day in mia.day_targets()] == [8] * 22
    weeks = [week[visits] for week in mia.week_targets()]
    assert weeks == [0, 40, 40, 40, 40, 16] and sum(weeks) == mia.totals()[visits] == 176
    # Effective visits: the funnel's 1 or 2 a day, lifted to the floor of 2.
    effective = visits - 1
    assert [day[effective] for day in mia.day_targets()] == [2] * 22
    assert mia.totals()[effective] == 44
    # The card and the plan agree, day by day and to date.
    card = day_card(breakdown, mia, date(2026, 3, 12))
    assert card.targets[visits] == 8 and card.week_targets[visits] == 40
    assert card.period_to_date[visits] == 8 * 9


def test_the_json_keeps_the_funnel_requirement_and_the_target_shown() -> None:
    result = CliRunner().invoke(app, ["plan", FIELD, "-f", "json", "--rep", "Mia Schulz"])
    rep = json.loads(result.stdout)["reps"][0]
    assert rep["stages"]["visits"]["total_ceil"] == 176
    assert round(rep["stages"]["visits"]["total"], 2) == 56.47
    assert rep["feasibility"]["floors"]["visits"] == {
        "floor": 8,
        "binding_days": 22,
        "funnel_total": 57,
        "scheduled": 176,
    }
    assert rep["feasibility"]["feasible"] is True
    assert sum(week["targets"]["visits"] for week in rep["weeks"]) == 176


def test_the_report_marks_where_the_floor_binds() -> None:
    result = CliRunner().invoke(
        app, ["plan", FIELD, "--rep", "Mia Schulz", "--daily"], env={"NO_COLOR": "1"}
    )
    assert " W10 03-02      5     7,701           2                10^      40^" in result.stdout
    assert " 03-02 Mon     1,541           1                  2       8^" in result.stdout
    assert "^ = the daily floor lifts the funnel's number (floors: Effective visits 2," in (
        result.stdout
    )


def test_the_card_marks_todays_targets_the_floor_lifts() -> None:
    """Mia on 03-02: the funnel gives 3 visits (lifted to 8) and 2 effective visits (not
    lifted: the floor is 2); on 03-03 it gives 1 effective visit, lifted to 2."""
    from goalsplit.worked import work_out

    breakdown = work_out(FIELD).breakdown
    assert breakdown is not None
    mia = next(rep for rep in breakdown.reps if rep.name == "Mia Schulz")
    effective, visits = 2, 3
    assert mia.funnel_days(effective)[:2] == [2, 1] and mia.funnel_days(visits)[0] == 3

    def card(day: str) -> str:
        result = CliRunner().invoke(
            app, ["today", FIELD, "--rep", "Mia Schulz", "-d", day], env={"NO_COLOR": "1"}
        )
        return result.stdout

    first, second = card("2026-03-02"), card("2026-03-03")
    assert " Effective visits       2 " in first and " Visits                8^ " in first
    assert " Effective visits      2^ " in second and " Visits                8^ " in second
    assert "^ = the daily floor lifts the funnel's number" in first


@settings(max_examples=60, deadline=None)
@given(
    quota=st.integers(1, 2_000_000) | st.integers(1, 10**9),
    floor=st.integers(0, 60),
    month=st.integers(1, 12),
    quarter=st.booleans(),
    leave=st.integers(0, 20),
)
def test_every_day_is_at_least_the_floor_and_the_funnel_and_the_sums_agree(
    quota: int, floor: int, month: int, quarter: bool, leave: int
) -> None:
    period = f"2026-Q{(month - 1) // 3 + 1}" if quarter else f"2026-{month:02d}"
    start = date(2026, month, 1)
    breakdown = breakdown_of(f"""
        period: {period}
        target: {quota}
        floors: {{dials: {floor}, deep_talks: {floor // 10}}}
        rates: {{pipeline: 0.3, intents: 10000, deep_talks: 0.2, connects: 0.25, dials: 0.4}}
        reps:
          - name: A
            leave: [{start}..{date(2026, month, 1 + leave)}]
    """)
    rep = breakdown.reps[0]
    days = rep.day_columns()
    for k in range(len(rep.stages)):
        funnel = rep.funnel_days(k)
        assert all(d >= rep.floor(k) and d >= f for d, f in zip(days[k], funnel, strict=True))
        assert all(d == max(rep.floor(k), f) for d, f in zip(days[k], funnel, strict=True))
        running = list(accumulate(days[k], initial=0))
        assert rep.totals()[k] == running[-1]
        for ends, runs in (
            (rep.week_ends, rep.week_columns()[k]),
            (rep.month_ends, rep.month_columns()[k]),
        ):
            assert runs == [running[b] - running[a] for a, b in zip([0, *ends], ends, strict=False)]
        assert rep.stage_cumulative(k, range(len(rep.days) + 1)) == running
        assert rep.peak(k) == max(days[k], default=0)  # the closed form, checked
    if rep.days:
        card = day_card(breakdown, rep, rep.days[-1])
        assert card.period_to_date == rep.totals()


def test_the_card_says_the_floors_note_only_when_a_target_is_lifted(tmp_path: Path) -> None:
    """A floor of 5 dials against a funnel that asks about 87 a day lifts nothing: no ^
    and no note. A floor on a money stage keeps the money format with its ^."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        dedent(
            """
            period: 2026-03
            target: 100000
            floors: {dials: 5}
            rates: {pipeline: 0.3, intents: 10000, deep_talks: 0.2, connects: 0.25, dials: 0.4}
            reps: [{name: A}]
            """
        ),
        encoding="utf-8",
    )
    card = CliRunner().invoke(app, ["today", str(plan), "-d", "2026-03-10"]).stdout
    assert "^" not in card and "daily floor" not in card
    lifted = (
        CliRunner()
        .invoke(app, ["today", str(plan), "-d", "2026-03-10", "--set", "floors.pipeline=20000"])
        .stdout
    )
    assert " Pipeline     20,000^    100,000" in lifted and "^ = the daily floor lifts" in lifted


def test_a_need_is_never_shown_smaller_than_it_is() -> None:
    from fractions import Fraction

    from goalsplit.checks import _below

    assert _below(Fraction(39, 2), 30) == "20"  # 19.5 rounded up, still below 30
    assert _below(Fraction(973, 50), 20) == "19.5"  # 19.46
    assert _below(Fraction(1901, 100), 20) == "19.1"  # 19.01, not "19"
    assert _below(Fraction(1, 100), 1) == "0.1"  # 0.01, not "0"
    assert _below(Fraction(19999, 1000), 20) == "19.999"
    assert _below(Fraction(123456), 200000) == "123,456"
    # Within a billionth of the floor, no number of places up to nine shows it below.
    assert _below(Fraction(20) - Fraction(1, 10**12), 20) == "19.999999999999"

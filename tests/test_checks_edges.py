"""The plan's checks that only the fuzz suite reached (issue 13: every line of the core
run by the unit tests too), each with the message it gives, as written."""

from __future__ import annotations

from goalsplit.checks import check_plan
from goalsplit.load import parse_plan
from tests.conftest import dedent

RATES = "rates: {pipeline: 0.5, intents: 1000, deep_talks: 0.5, connects: 0.5, dials: 0.5}"


def checked(body: str) -> list[str]:
    """What PLAN_CHECKS say of the plan: severity, path and message (no file position)."""
    plan = parse_plan(dedent(body), "plan.yaml").plan
    return [f"{i.severity}: {i.describe()}" for i in check_plan(plan)]


def test_a_stage_listed_twice() -> None:
    assert checked(
        """
        period: 2026-03
        target: 1000
        funnel: [{name: visits, unit: count}, {name: visits, unit: count}]
        rates: {visits: 0.5}
        reps: [{name: Ann}]
        """
    ) == ["error: funnel[1].name: stage 'visits' is listed twice"]


def test_a_start_outside_the_period_and_a_leave_outside_it() -> None:
    assert checked(
        f"""
        period: 2026-03
        target: 1000
        {RATES}
        reps:
          - {{name: Ann, start: 2026-02-20}}
          - {{name: Ben, end: 2026-04-02, leave: [2026-04-01..2026-04-03]}}
        """
    ) == [
        "error: reps[0].start: start 2026-02-20 is outside the period 2026-03-01..2026-03-31",
        "error: reps[1].end: end 2026-04-02 is outside the period 2026-03-01..2026-03-31",
        "warning: reps[1].leave[0]: leave 2026-04-01..2026-04-03 lies outside the period and "
        "has no effect",
    ]


def test_allocation_by_history_without_a_history_file() -> None:
    assert checked(
        f"""
        period: 2026-03
        target: 1000
        allocation: history
        {RATES}
        reps: [{{name: Ann}}]
        """
    ) == ["error: allocation: 'history' needs a history: file to draw on"]


def test_an_empty_history_window() -> None:
    assert checked(
        f"""
        period: 2026-03
        target: 1000
        history: {{file: past.csv, since: 2026-02-10, until: 2026-01-31}}
        {RATES}
        reps: [{{name: Ann}}]
        """
    ) == [
        "error: history.since: the history window is empty: since 2026-02-10 is after until "
        "2026-01-31"
    ]


def test_a_month_given_twice_in_the_seasonality() -> None:
    assert checked(
        f"""
        period: 2026-03
        target: 1000
        seasonality: {{1: 2, "01": 3}}
        {RATES}
        reps: [{{name: Ann}}]
        """
    ) == ["error: seasonality.01: month 1 is given twice (also as '1')"]


def test_a_team_floor_above_the_team_capacity() -> None:
    assert checked(
        f"""
        period: 2026-03
        target: 1000
        floors: {{dials: 30}}
        capacity: {{dials: 20}}
        {RATES}
        reps: [{{name: Ann}}]
        """
    ) == [
        "warning: floors.dials: the floor of 30 Dials a day is above the capacity of 20: no day "
        "can meet both"
    ]

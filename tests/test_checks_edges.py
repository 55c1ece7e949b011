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


# --- boundaries the mutation run of the checks showed unpinned -------------------------


def test_a_rate_for_the_revenue_stage_is_said_to_have_none() -> None:
    assert checked(
        """
        period: 2026-03
        target: 1000
        rates: {revenue: 0.5, pipeline: 0.5, intents: 1000, deep_talks: 0.5, connects: 0.5,
                dials: 0.5}
        reps: [{name: Ann}]
        """
    ) == [
        "error: rates.revenue: no stage named 'revenue'; the revenue stage has no rate; the "
        "stages are pipeline, intents, deep_talks, connects, dials"
    ]


def test_missing_rates_are_listed_with_commas() -> None:
    team = "period: 2026-03\ntarget: 1000\nrates: {pipeline: 0.5, intents: 1000, deep_talks: 0.5}\n"
    assert checked(team + "reps: [{name: Ann}]\n") == [
        "error: rates: no rate for connects, dials: give the team's rate here (or a rate in "
        "every rep's rates:)"
    ]
    assert checked(
        team + "reps: [{name: Ann, rates: {connects: 0.5, dials: 0.5}}, {name: Ben}]\n"
    ) == [
        "error: reps[1]: Ben: no rate for connects, dials (give it in the team's rates: or in "
        "this rep's rates:)"
    ]


def test_one_day_windows_and_leave_touching_the_period_are_fine() -> None:
    # A rep for a single day (start = end); leave that ends on the period's first day or
    # starts on its last touches the period, so it is not outside it.
    assert (
        checked(
            f"""
            period: 2026-03
            target: 1000
            {RATES}
            reps:
              - name: Ann
                start: 2026-03-10
                end: 2026-03-10
                leave: [2026-02-20..2026-03-01, 2026-03-31..2026-04-05]
            """
        )
        == []
    )


def test_a_history_window_of_one_day_is_not_empty() -> None:
    # The window ends the day before the period: since 2026-02-28 leaves one day.
    assert (
        checked(
            f"""
            period: 2026-03
            target: 1000
            {RATES}
            history: {{file: h.csv, since: 2026-02-28}}
            reps: [{{name: Ann}}]
            """
        )
        == []
    )


def test_a_stretch_of_exactly_100_is_read_as_a_percentage() -> None:
    assert checked(
        f"""
        period: 2026-03
        target: 1000
        stretch: 100
        {RATES}
        reps: [{{name: Ann}}]
        """
    ) == [
        "warning: stretch: stretch 100 makes the quotas add up to 100 times the target; did "
        "you mean 100%?"
    ]


def test_a_rate_after_an_unknown_stage_is_still_judged() -> None:
    # 1.5 connects per deep talk is above 1 (not only above 2): a percentage slip.
    assert checked(
        """
        period: 2026-03
        target: 1000
        rates: {nope: 1, pipeline: 0.5, intents: 1000, deep_talks: 0.5, connects: 1.5,
                dials: 0.5}
        reps: [{name: Ann}]
        """
    ) == [
        "error: rates.nope: no stage named 'nope'; the stages are pipeline, intents, "
        "deep_talks, connects, dials",
        "warning: rates.connects: 1.5 means one unit of Connects yields more than one of Deep "
        "talks; a percentage is written 0.30 or 30%",
    ]


def test_calendar_months_across_the_new_year() -> None:
    from datetime import date

    from goalsplit.calendar import calendar_months

    months = calendar_months(date(2026, 11, 15), date(2027, 2, 10))
    assert [(m.label, m.start, m.end) for m in months] == [
        ("2026-11", date(2026, 11, 15), date(2026, 11, 30)),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
        ("2027-01", date(2027, 1, 1), date(2027, 1, 31)),
        ("2027-02", date(2027, 2, 1), date(2027, 2, 10)),
    ]


def _located(body: str) -> list[str]:
    """Problems as the user reads them: file, line and column first."""
    from goalsplit.errors import PlanError

    try:
        loaded = parse_plan(dedent(body), "plan.yaml")
    except PlanError as exc:
        return [i.render() for i in exc.issues]
    return [loaded.source.locate(i).render() for i in check_plan(loaded.plan)]


def test_a_seasonality_key_is_said_at_the_key() -> None:
    problems = _located(
        f"""
        period: 2026-Q1
        target: 1000
        seasonality: {{13: 1.5, 1: 1, 01: 2}}
        {RATES}
        reps: [{{name: Ann}}]
        """
    )
    assert problems[:2] == [
        "plan.yaml:3:15: seasonality.13: '13' is not a month: seasonality is keyed by month "
        "number, 1 to 12",
        "plan.yaml:3:30: seasonality.01: month 1 is given twice (also as '1')",
    ]


def test_every_ramp_that_falls_is_said_once_at_its_place() -> None:
    # The team's ramp is fine; Ann's falls twice (said once, at the first fall), Ben's
    # has no ramp of its own, Cid's falls too.
    assert checked(
        f"""
        period: 2026-Q1
        target: 1000
        ramp: [50%, 75%]
        {RATES}
        reps:
          - {{name: Ann, ramp: [50%, 25%, 10%]}}
          - {{name: Ben}}
          - {{name: Cid, ramp: [80%, 60%]}}
        """
    ) == [
        "error: reps[0].ramp[1]: a ramp rises month by month: 25% comes after 50%",
        "error: reps[2].ramp[1]: a ramp rises month by month: 60% comes after 80%",
    ]


def test_hired_on_the_last_day_is_fine_and_a_carve_out_of_the_whole_target_is_not() -> None:
    assert (
        checked(
            f"""
            period: 2026-03
            target: 1000
            {RATES}
            reps:
              - {{name: Ann, hired: 2026-03-31}}
              - {{name: Ben, end: 2026-03-20, hired: 2026-03-20}}
            """
        )
        == []
    )
    # 400 + 600 = 1,000: exactly the target, nothing left; said once, at the item that
    # uses it up; the unknown owner of the last is said as well.
    assert checked(
        f"""
        period: 2026-03
        target: 1000
        carve_out:
          - {{name: a, amount: 400}}
          - {{name: b, amount: 600}}
          - {{name: c, amount: 10, owner: Nobody}}
        {RATES}
        reps: [{{name: Ann}}]
        """
    ) == [
        "error: carve_out[1].amount: the carve-outs add up to 1,000, leaving nothing of the "
        "target 1,000 to decompose",
        "error: carve_out[2].owner: no rep named 'Nobody' in the plan",
    ]


def test_every_rep_whose_floor_is_above_their_capacity_is_warned() -> None:
    assert checked(
        f"""
        period: 2026-03
        target: 1000
        capacity: {{dials: 50}}
        {RATES}
        reps:
          - {{name: Dan}}
          - {{name: Ann, floors: {{dials: 60}}}}
          - {{name: Ben, floors: {{dials: 10}}}}
          - {{name: Cid, floors: {{dials: 70}}}}
        """
    ) == [
        "warning: reps[1].floors.dials: the floor of 60 Dials a day is above the capacity of "
        "50: no day can meet both",
        "warning: reps[3].floors.dials: the floor of 70 Dials a day is above the capacity of "
        "50: no day can meet both",
    ]

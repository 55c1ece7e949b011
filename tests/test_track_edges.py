"""The edges of track.py, checked by hand (issue 13: what a mutation run showed no other
test pins down): the actuals' running sums kept up to date, the notes, the diagnosis on a
loss of zero or of less than a unit, the next day's target with a cycle and with floors,
the tiers with a share of zero, and the review's rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from fractions import Fraction

from goalsplit.model import DEFAULT_FUNNEL, REVENUE
from goalsplit.track import (
    DEFAULT_TIER_SHARES,
    Actuals,
    Diagnosis,
    RateCheck,
    TrackReport,
    diagnose,
    rank_tiers,
    review,
    review_spans,
    track,
)
from tests.conftest import breakdown_of

F = Fraction
d = dt.date
STAGES = ("revenue", "pipeline", "intents", "deep_talks", "connects", "dials")
# Per 1,000 of revenue: 2,000 pipeline, 2 intents, 4 deep talks, 8 connects, 16 dials.
RATES = "rates: {pipeline: 0.5, intents: 1000, deep_talks: 0.5, connects: 0.5, dials: 0.5}"
# March 2026 (03-01 is a Sunday): 22 working days, Mon 03-02 .. Tue 03-31.
MARCH = f"""
    period: 2026-03
    target: 44000
    {RATES}
    reps: [{{name: Ann}}, {{name: Ben}}]
"""


def tracked(
    plan: str,
    rows: list[tuple[str, dt.date, list[int | Fraction]]],
    as_of: dt.date,
    stages: tuple[str, ...] = STAGES,
) -> TrackReport:
    actuals = Actuals(stages)
    for rep, day, values in rows:
        actuals.add(rep, day, values)
    return track(breakdown_of(plan), actuals, as_of)


# --- the actuals --------------------------------------------------------------------------


def test_the_running_sums_follow_rows_added_after_a_look_up() -> None:
    actuals = Actuals(("revenue", "dials"))
    actuals.add("Ann", d(2026, 3, 2), [10, 100])
    actuals.add("Ben", d(2026, 3, 2), [1, 1])
    assert actuals.through("Ann", d(2026, 3, 31)) == {"revenue": 10, "dials": 100}
    actuals.add("Ann", d(2026, 3, 3), [5, 50])
    actuals.add("Ann", d(2026, 3, 2), [1, 2])  # a second row for the same day adds up
    assert actuals.through("Ann", d(2026, 3, 31)) == {"revenue": 16, "dials": 152}
    assert actuals.between("Ann", d(2026, 3, 3), d(2026, 3, 3)) == {"revenue": 5, "dials": 50}
    assert actuals.through("Ann", d(2026, 3, 1)) == {"revenue": 0, "dials": 0}
    assert actuals.rows == 4 and actuals.last_date == d(2026, 3, 3)


# --- notes about the actuals --------------------------------------------------------------


def test_notes_name_one_or_many_and_at_most_ten() -> None:
    # One rep not in the plan; two rows after the period; Ben starts on the as-of date
    # and has no rows: he is counted as silent on that very day.
    plan = MARCH.replace("{name: Ben}", "{name: Ben, start: 2026-03-13}")
    actuals = Actuals(("revenue",))
    actuals.add("Ann", d(2026, 3, 2), [1])
    actuals.add("Zed", d(2026, 3, 2), [1])
    actuals.after = 2
    report = track(breakdown_of(plan), actuals, d(2026, 3, 13))
    assert [str(note) for note in report.notes] == [
        "note: 1 rep is not in the plan and was left out: Zed",
        "note: 1 rep of the plan has no rows, so nothing done is counted: Ben",
        "note: 2 rows dated after the period (2026-03-31) were left out",
        "note: the actuals end on 2026-03-02: the days after it, up to 2026-03-13, count as "
        "nothing done",
    ]
    assert {note.severity for note in report.notes} == {"note"}
    # Eleven reps not in the plan: ten named, then an ellipsis; ten: all of them.
    for count, names in (
        (11, "X0, X1, X2, X3, X4, X5, X6, X7, X8, X9, …"),
        (10, "X0, X1, X2, X3, X4, X5, X6, X7, X8, X9"),
        (2, "X0, X1"),
    ):
        strangers = Actuals(("revenue",))
        strangers.add("Ann", d(2026, 3, 2), [1])
        strangers.add("Ben", d(2026, 3, 2), [1])
        for k in range(count):
            strangers.add(f"X{k}", d(2026, 3, 2), [1])
        notes = track(breakdown_of(MARCH), strangers, d(2026, 3, 2)).notes
        assert [str(note) for note in notes] == [
            f"note: {count} reps are not in the plan and were left out: {names}"
        ]


def test_actuals_without_rows_in_the_period_are_a_note() -> None:
    actuals = Actuals(("revenue",))
    actuals.before = 1
    notes = track(breakdown_of(MARCH), actuals, d(2026, 3, 13)).notes
    assert [str(note) for note in notes] == [
        "note: 1 row dated before the period (2026-03-01) was left out",
        "note: the actuals have no rows in the period: nothing done is counted",
    ]
    assert notes[1].severity == "note" and notes[1].path == ()


# --- the diagnosis ------------------------------------------------------------------------

PIPELINE = DEFAULT_FUNNEL[0]


def check(actual: Fraction, sample: int = 1000) -> RateCheck:
    """Pipeline's conversion into revenue: planned 0.5, not judged (too small a sample)."""
    return RateCheck(REVENUE, actual, F(1, 2), None, F(sample), judged=False)


def test_a_rep_behind_whose_conversions_are_exactly_on_plan_is_unknown() -> None:
    # Revenue per pipeline exactly as planned: nothing lost there, so it cannot say why.
    exact = check(F(1, 2))
    assert exact.lost == 0
    assert diagnose(0, None, [None, exact], behind=True) == Diagnosis("unknown", None, False)


def test_a_loss_of_less_than_a_unit_still_names_the_conversion() -> None:
    # 1,000 pipeline at 0.4995 instead of 0.5: 1,000 x 0.0005 = 0.5 of revenue lost.
    slight = check(F(999, 2000))
    assert slight.lost == F(1, 2)
    assert diagnose(0, None, [None, slight], behind=True) == Diagnosis("quality", 1, False)


# --- the next day's target ----------------------------------------------------------------


def test_the_next_day_of_the_result_follows_its_own_weights_with_a_cycle() -> None:
    # Ten days, 03-23 .. 04-03; April's days weigh 2: the result's day weights are
    # 1,1,1,1,1,1,1,2,2,2; the activity's lead them by two days: 1,1,1,1,1,2,2,2,2,2.
    plan = f"""
        period: {{start: 2026-03-23, end: 2026-04-03}}
        target: 13000
        seasonality: {{4: 2}}
        cycle: 2
        {RATES}
        reps: [{{name: Ann}}]
    """
    report = tracked(plan, [("Ann", d(2026, 3, 27), [5000, 0, 0, 0, 0, 0])], d(2026, 3, 27))
    ann = report.reps[0]
    # After 5 days, 8,000 is left over weights 1,1,2,2,2: the next day takes 1/8 of it,
    # 1,000. The dials left, 8,000 x 16 / 1,000 = 128, over the activity's 2,2,2,2,2:
    # 128 / 5 = 25.6, so 26.
    assert ann.result.next_day == 1000
    assert ann.activity.next_day == 26


def test_the_next_day_is_at_least_the_floor() -> None:
    # 352 dials over 22 days is 16 a day; the floor asks 20.
    plan = MARCH.replace("reps:", "floors: {dials: 20}\n    reps:")
    report = tracked(plan, [("Ann", d(2026, 3, 2), [1000, 0, 0, 0, 0, 16])], d(2026, 3, 2))
    ann = report.reps[0]
    assert ann.activity.next_day == 20
    assert ann.result.next_day == 1000  # 21,000 left over 21 days; no floor on revenue


# --- ranks and tiers -----------------------------------------------------------------------


def test_a_tier_with_a_share_of_zero_has_nobody() -> None:
    values = [F(3), F(2), F(1)]
    assert rank_tiers(values, (F(0), F(9, 10), F(1, 10))) == [
        (1, "middle"),
        (2, "middle"),
        (3, "bottom"),
    ]
    assert rank_tiers(values, (F(1, 5), F(4, 5), F(0))) == [
        (1, "top"),
        (2, "middle"),
        (3, "middle"),
    ]


def test_tier_sizes_are_rounded_half_up() -> None:
    # 15 reps at 20/70/10: the top 15 x 0.2 = 3, the bottom 15 x 0.1 = 1.5, rounded up: 2.
    tiers = [tier for _, tier in rank_tiers([F(k) for k in range(15)], DEFAULT_TIER_SHARES)]
    assert (tiers.count("top"), tiers.count("middle"), tiers.count("bottom")) == (3, 10, 2)


# --- the review -----------------------------------------------------------------------------


def test_the_review_reaches_the_week_that_starts_on_the_as_of_date() -> None:
    breakdown = breakdown_of(MARCH)
    labels = [label for label, _, _ in review_spans(breakdown, "week", d(2026, 3, 9))]
    assert labels == ["2026-W09", "2026-W10", "2026-W11"]  # W09: Sunday 03-01 alone
    assert [label for label, _, _ in review_spans(breakdown, "month", d(2026, 3, 1))] == ["2026-03"]


def test_the_review_judges_a_row_by_the_activity_without_a_revenue_column() -> None:
    # Week 10 (03-02..06, 5 days) plans for each rep 5,000 revenue: 10,000 pipeline,
    # 10 intents, 20 deep talks, 40 connects, 80 dials. Ann made every stage but dials on
    # plan and only 40 dials (half of them): behind, by the dials, whatever is above.
    rows: list[tuple[str, dt.date, list[int | Fraction]]] = [
        ("Ann", d(2026, 3, 6), [12000, 12, 24, 48, 40]),
        ("Ben", d(2026, 3, 6), [10000, 10, 20, 40, 80]),
    ]
    report = tracked(MARCH, rows, d(2026, 3, 6), STAGES[1:])
    ann, ben = review(report, "week").reps
    assert [r.label for r in ann] == ["2026-W09", "2026-W10"]
    assert [c.planned for c in ann[1].stages] == [5000, 10000, 10, 20, 40, 80]
    assert ann[1].stages[0].actual is None
    assert (ann[1].status, ben[1].status) == ("behind", "on track")


def test_the_reviews_team_rates_are_the_team_sums_ratios() -> None:
    # Week 10, over the team: connects per dial (30 + 10) / (60 + 40) = 0.4, deep talks per
    # connect 20 / 40 = 0.5, intents per deep talk 0 / 20 = 0; nobody had an intent or any
    # pipeline, so there is no team rate for either (0 in the denominator).
    rows: list[tuple[str, dt.date, list[int | Fraction]]] = [
        ("Ann", d(2026, 3, 6), [0, 0, 0, 12, 30, 60]),
        ("Ben", d(2026, 3, 6), [0, 0, 0, 8, 10, 40]),
    ]
    team = review(tracked(MARCH, rows, d(2026, 3, 6)), "week").team[1]
    teams = [c.team if c is not None else "-" for c in team.checks]
    assert teams == ["-", None, None, F(0), F(1, 2), F(2, 5)]


def test_a_review_without_reps_has_only_the_teams_rows() -> None:
    report = tracked(MARCH, [("Ann", d(2026, 3, 2), [1, 2, 0, 0, 0, 0])], d(2026, 3, 2))
    empty = review(replace(report, reps=()), "week")
    assert empty.reps == ()
    assert [row.label for row in empty.team] == ["2026-W09", "2026-W10"]
    for row in empty.team:
        assert [c.planned for c in row.stages] == [0] * 6
        assert [c for c in row.checks if c is not None] == []


def test_a_review_row_names_its_weakest_conversion() -> None:
    # Week 10: Ann made her 80 dials but only 8 connects of them (0.1 per dial against
    # 0.5, judged on 80 dials): quality, the dials' conversion is the weak one. Every
    # stage above converts as planned, on samples too small to judge anyway.
    rows: list[tuple[str, dt.date, list[int | Fraction]]] = [
        ("Ann", d(2026, 3, 6), [1000, 2000, 2, 4, 8, 80]),
    ]
    row = review(tracked(MARCH, rows, d(2026, 3, 6)), "week").reps[0][1]
    assert row.diagnosis.classification == "quality"
    assert row.weakest == 5 and row.checks[5] is not None and row.checks[5].actual == F(1, 10)

"""The edges of the pure core, checked by hand: the cases a mutation run showed that no
other test pins down (issue 13). Each test names the behaviour; the numbers in it are
worked out in the comments."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goalsplit.allocate import Claim, allocate_quotas
from goalsplit.cli import app
from goalsplit.errors import ActivityError
from goalsplit.history import History, estimate, prior_units, rates_report
from goalsplit.model import DEFAULT_FUNNEL, REVENUE
from goalsplit.track import Actuals, CatchUp, Projection, RepTrack, TrackReport, _projection, track
from tests.conftest import breakdown_of, errors_of, warnings_of

F = Fraction
RATES = "rates: {pipeline: 1, intents: 1, deep_talks: 1, connects: 1, dials: 1}"


def issues_of(target: int, stretch: Fraction, claims: list[Claim]) -> list[str]:
    return [str(issue) for issue in allocate_quotas(F(target), stretch, claims).issues]


# --- allocation ------------------------------------------------------------------------


def test_explicit_quotas_that_exactly_use_up_target_times_stretch_are_a_warning() -> None:
    # 1000 x 1.2 = 1200, all of it explicit: the rep without a quota gets exactly 0, and
    # that is a warning (the plan still works), not the "more than" error.
    allocation = allocate_quotas(
        F(1000), F(6, 5), [Claim(F(700), F(1), 10), Claim(F(500), F(1), 10), Claim(None, F(1), 10)]
    )
    assert allocation.quotas == (700, 500, 0)
    assert all(type(q) is Fraction for q in allocation.quotas)
    assert [str(issue) for issue in allocation.issues] == [
        "warning: reps: explicit quotas use up target x stretch; the reps without a quota get 0"
    ]


def test_a_sharer_without_days_when_nothing_is_left_is_no_error() -> None:
    # Nothing left to share and the sharer has no working days: the warnings only.
    assert issues_of(1000, F(1), [Claim(F(1000), F(1), 10), Claim(None, F(1), 0)]) == [
        "warning: reps[1]: this rep has no working days in the period and gets no quota",
        "warning: reps: explicit quotas use up target x stretch; the reps without a quota get 0",
    ]


def test_money_left_to_share_but_no_sharer_with_working_days_is_an_error() -> None:
    # 1000 - 400 = 600 is left, and the only rep without a quota has no working days.
    allocation = allocate_quotas(F(1000), F(1), [Claim(F(400), F(1), 10), Claim(None, F(2), 0)])
    assert [str(issue) for issue in allocation.issues] == [
        "warning: reps[1]: this rep has no working days in the period and gets no quota",
        "reps: 600 is left to share but no rep without an explicit quota has working days",
    ]
    assert [issue.is_error for issue in allocation.issues] == [False, True]
    assert allocation.quotas == (400, 0)
    # However little is left: half a unit cannot be shared either.
    assert issues_of(1000, F(1), [Claim(F(1999, 2), F(1), 10), Claim(None, F(1), 0)])[1] == (
        "reps: 0.50 is left to share but no rep without an explicit quota has working days"
    )


def test_a_fraction_of_a_unit_left_to_share_is_shared() -> None:
    # 1000 - 999.5 leaves half a unit: shared, not an "over the target" error.
    allocation = allocate_quotas(F(1000), F(1), [Claim(F(1999, 2), F(1), 5), Claim(None, F(1), 5)])
    assert allocation.issues == ()
    assert allocation.quotas == (F(1999, 2), F(1, 2))


def test_amounts_in_messages_keep_their_cents() -> None:
    # 1,200.50 of explicit quotas against 1,000 available: cents are shown, whole amounts not.
    assert issues_of(1000, F(1), [Claim(F(2401, 2), F(1), 10), Claim(None, F(1), 10)]) == [
        "reps: explicit quotas add up to 1,200.50, more than target x stretch = 1,000, "
        "leaving nothing for the 1 rep without a quota"
    ]


def test_a_rep_without_working_days_and_without_quota_is_warned_and_gets_nothing() -> None:
    assert warnings_of(f"""
        period: 2026-03
        target: 1000
        {RATES}
        reps:
          - name: A
          - name: B
            leave: [2026-03-01..2026-03-31]
    """) == [
        "plan.yaml:6:5: warning: reps[1]: this rep has no working days in the period and "
        "gets no quota"
    ]


def test_an_explicit_quota_of_zero_or_more_on_a_rep_without_working_days() -> None:
    # Zero can be "worked" without a day; one unit (or any amount) cannot.
    assert issues_of(10, F(1), [Claim(F(10), F(1), 5), Claim(F(0), F(1), 0)]) == []
    assert issues_of(10, F(1), [Claim(F(9), F(1), 5), Claim(F(1), F(1), 0)]) == [
        "reps[1].quota: this rep has no working days in the period, so an explicit quota "
        "cannot be worked"
    ]


def test_explicit_quotas_that_add_up_to_the_target_give_no_warning() -> None:
    assert issues_of(1000, F(6, 5), [Claim(F(400), F(1), 10), Claim(F(600), F(1), 10)]) == []
    assert issues_of(1000, F(6, 5), [Claim(F(400), F(1), 10), Claim(F(599), F(1), 10)]) == [
        "warning: reps: the explicit quotas add up to 999, below the target 1,000"
    ]


def test_the_no_days_error_points_at_the_reps_in_the_file() -> None:
    assert errors_of(f"""
        period: 2026-03
        target: 1000
        {RATES}
        reps:
          - {{name: A, quota: 400}}
          - {{name: B, leave: [2026-03-01..2026-03-31]}}
    """) == [
        "plan.yaml:5:3: reps: 600 is left to share but no rep without an explicit quota has "
        "working days"
    ]


# --- tracking --------------------------------------------------------------------------

# One rep, 20 working days (2026-03-02..27, no public holidays), quota 20,000 through the
# DOMAIN.md rates: 66,666.67 pipeline, 6.67 intents, 33.33 deep talks, 133.33 connects,
# 333.33 dials. After 5 days (to 03-06) the plan asks for 5,000 revenue and 84 dials.
TRACK_PLAN = """
    period: {start: 2026-03-02, end: 2026-03-27}
    target: 20000
    rates: {pipeline: 0.30, intents: 10000, deep_talks: 0.20, connects: 0.25, dials: 0.40}
    reps:
      - name: Ann
"""
STAGES = ("revenue", "pipeline", "intents", "deep_talks", "connects", "dials")


def tracked(
    rows: list[tuple[str, str, list[int | Fraction]]],
    as_of: str,
    stages: tuple[str, ...] = STAGES,
    plan: str = TRACK_PLAN,
) -> TrackReport:
    actuals = Actuals(stages)
    for rep, day, values in rows:
        actuals.add(rep, dt.date.fromisoformat(day), values)
    return track(breakdown_of(plan), actuals, dt.date.fromisoformat(as_of))


def ann(
    rows: list[tuple[str, str, list[int | Fraction]]],
    as_of: str,
    stages: tuple[str, ...] = STAGES,
    plan: str = TRACK_PLAN,
) -> RepTrack:
    """The first rep's track."""
    return tracked(rows, as_of, stages, plan).reps[0]


@pytest.mark.parametrize(
    ("revenue", "status"),
    [
        (4749, "behind"),
        (4750, "on track"),  # 95 % of 5,000: the lower edge of the band is inside it
        (5000, "on track"),
        (5250, "on track"),  # 105 %: the upper edge too
        (5251, "ahead"),
    ],
)
def test_the_on_track_band_is_five_percent_either_side(revenue: int, status: str) -> None:
    rep = ann([("Ann", "2026-03-06", [revenue])], "2026-03-06", stages=("revenue",))
    assert rep.result.planned == 5000
    assert rep.status == status


def test_rows_after_the_as_of_date_do_not_count_yet() -> None:
    rep = ann(
        [("Ann", "2026-03-02", [1000]), ("Ann", "2026-03-06", [4000]), ("Ann", "2026-03-09", [9])],
        "2026-03-06",
        stages=("revenue",),
    )
    assert rep.result.actual == 5000 and rep.status == "on track"


def test_nothing_planned_yet_is_on_track_unless_something_was_done() -> None:
    # Ben starts on 03-16; on 03-13 nothing was planned for him. Revenue already booked
    # puts him ahead (without a projection: he has no elapsed day to project from).
    plan = (
        TRACK_PLAN
        + "      - {name: Ben, start: 2026-03-16}\n      - {name: Cy, start: 2026-03-16}\n"
    )
    report = tracked(
        [("Ben", "2026-03-10", [300]), ("Cy", "2026-03-10", [0])],
        "2026-03-13",
        stages=("revenue",),
        plan=plan,
    )
    _, ben, cy = report.reps
    assert (ben.elapsed_days, ben.result.planned, ben.result.pct) == (0, 0, None)
    assert ben.status == "ahead" and ben.projection is None
    assert cy.status == "on track"
    assert report.team.by_status == {"ahead": ["Ben"], "on track": ["Cy"], "behind": ["Ann"]}


def test_without_revenue_and_dials_columns_the_status_is_on_track() -> None:
    # Only connects were reported: neither the result nor the activity can be judged.
    rep = ann([("Ann", "2026-03-06", [10])], "2026-03-06", stages=("connects",))
    assert rep.result.actual is None and rep.activity.actual is None
    assert rep.status == "on track"
    before = ann([], "2026-03-01", stages=("connects",))
    assert before.activity.planned == 0 and before.status == "on track"


def test_without_a_revenue_column_the_activity_decides_and_nothing_counts_as_sold() -> None:
    # Dials only: 60 of the 84 planned is behind (71 %), judged on the activity. The whole
    # quota is still to be made, and the team has sold nothing (not one unit per rep).
    report = tracked([("Ann", "2026-03-06", [60])], "2026-03-06", stages=("dials",))
    rep = report.reps[0]
    assert rep.result.actual is None and rep.activity.planned == 84
    assert rep.status == "behind" and rep.classification == "quantity"
    assert rep.result.remaining == 20000
    assert rep.catch_up.missed_by is None
    assert report.team.actual == 0 and report.team.pct == 0


def test_a_rep_who_sold_nothing_adds_nothing_to_the_team() -> None:
    report = tracked([("Ann", "2026-03-06", [0])], "2026-03-06", stages=("revenue",))
    assert report.team.actual == 0 and report.team.planned == 5000


def test_at_the_period_end_a_quota_met_exactly_is_not_missed() -> None:
    met = ann([("Ann", "2026-03-27", [20000])], "2026-03-27", stages=("revenue",))
    assert met.catch_up == CatchUp(remaining_days=0, missed_by=None)
    assert met.result.per_day is None and met.result.next_day is None
    short = ann([("Ann", "2026-03-27", [19999])], "2026-03-27", stages=("revenue",))
    assert short.catch_up.missed_by == 1


def test_one_planned_dial_not_made_is_a_quantity_shortfall() -> None:
    # Target 10 with every rate 1: 10 of everything over 20 days, 1 due after the first day.
    plan = TRACK_PLAN.replace("target: 20000", "target: 10").replace(
        "rates: {pipeline: 0.30, intents: 10000, deep_talks: 0.20, connects: 0.25, dials: 0.40}",
        "rates: {pipeline: 1, intents: 1, deep_talks: 1, connects: 1, dials: 1}",
    )
    rep = ann([("Ann", "2026-03-02", [0, 0])], "2026-03-02", stages=("revenue", "dials"), plan=plan)
    assert (rep.result.planned, rep.activity.planned) == (1, 1)
    assert rep.status == "behind" and rep.classification == "quantity"


def test_activity_at_exactly_95_percent_of_plan_is_not_a_quantity_shortfall() -> None:
    # After 12 days: ceil(333.33 x 12 / 20) = 200 dials planned; 190 is 95 %.
    at_edge = ann([("Ann", "2026-03-17", [190])], "2026-03-17", stages=("dials",))
    assert at_edge.activity.planned == 200
    assert at_edge.classification == "on track"
    below = ann([("Ann", "2026-03-17", [189])], "2026-03-17", stages=("dials",))
    assert below.classification == "quantity"


def test_a_weak_stage_above_the_bottom_costs_activity_through_the_stages_below() -> None:
    # After 5 days: revenue on plan (5,000), 400 dials, 160 connects (0.4, as planned),
    # 40 deep talks (0.25 per connect, as planned) but only 4 intents: 0.1 intents per deep
    # talk against 0.2 planned, judged on 40 deep talks (>= 30). Intents (4) and pipeline
    # are too thin to judge. The remaining 15,000 needs 50,000 pipeline, 5 intents and 25
    # deep talks at plan; at 0.1 it needs 50, so 25 more deep talks, fed by 25 / 0.25 = 100
    # more connects, fed by 100 / 0.4 = 250 more dials.
    rep = ann([("Ann", "2026-03-06", [5000, 16000, 4, 40, 160, 400])], "2026-03-06")
    assert rep.status == "on track"
    assert rep.classification == "quality"
    assert rep.weakest is not None and rep.weakest.stage.name == "deep_talks"
    assert rep.weakest.remaining == 25
    assert rep.extra_activity == 250


def test_among_several_weak_stages_the_weakest_against_its_own_plan_is_chosen() -> None:
    # Deep talks convert 6 / 40 = 0.15 intents (75 % of the planned 0.2); dials connect
    # 80 / 400 = 0.2 (50 % of the planned 0.4). Both are weak; dials are the weaker. (By
    # the bare rates, or by rate x plan, the deep talks would look weaker.)
    rep = ann([("Ann", "2026-03-06", [5000, 16000, 6, 40, 80, 400])], "2026-03-06")
    weak = [s.stage.name for s in rep.stages if s.rate is not None and s.rate.weak]
    assert weak == ["deep_talks", "dials"]
    assert rep.weakest is not None and rep.weakest.stage.name == "dials"
    # The remaining 15,000 needs 250 dials at 0.4 connects per dial, 500 at 0.2: 250 more.
    assert rep.weakest.remaining == 250
    assert rep.extra_activity == 250


@pytest.mark.parametrize(("dials", "judged"), [(29, False), (30, True)])
def test_a_rate_is_judged_from_a_sample_of_exactly_the_prior(dials: int, judged: bool) -> None:
    # 6 connects: 0.2 (or 0.21) per dial against 0.4 planned, weak once judged on 30 dials.
    rep = ann(
        [("Ann", "2026-03-02", [1000, 6, dials])],
        "2026-03-02",
        stages=("revenue", "connects", "dials"),
    )
    check = rep.activity.rate
    assert check is not None and check.sample == dials and check.judged is judged
    assert rep.classification == ("quality" if judged else "on track")


def test_a_team_without_quota_has_no_attainment_and_nobody_is_projected() -> None:
    # Every quota is an explicit 0: revenue still booked is "ahead" of a zero plan, but a
    # projection against a zero quota means nothing.
    plan = TRACK_PLAN.replace("- name: Ann", "- {name: Ann, quota: 0}")
    report = tracked([("Ann", "2026-03-06", [100])], "2026-03-06", stages=("revenue",), plan=plan)
    assert report.team.quota == 0 and report.team.attainment is None
    assert report.reps[0].status == "ahead" and report.reps[0].projection is None


def test_a_quota_of_one_unit_ahead_of_plan_is_projected() -> None:
    # Quota 1: 1 due after 5 days (ceil(5 / 20)); 2 sold projects 8 over 20 days (800 %).
    plan = TRACK_PLAN.replace("- name: Ann", "- {name: Ann, quota: 1}")
    rep = ann([("Ann", "2026-03-06", [2])], "2026-03-06", stages=("revenue",), plan=plan)
    assert rep.status == "ahead"
    assert rep.projection == Projection(
        revenue=F(8), attainment=F(800), tier="benchmark", suggested=F(8), suggested_tier=None
    )


def test_a_rep_without_working_days_adds_nothing_to_the_original_pace() -> None:
    # Ben is on leave all period: quota 0 and no per-day pace; the team's is Ann's 1,000.
    plan = TRACK_PLAN + "      - {name: Ben, leave: [2026-03-01..2026-03-31]}\n"
    report = tracked([], "2026-03-06", stages=("revenue",), plan=plan)
    assert report.reps[1].rep.working_days == 0
    assert report.team.original_per_day == 1000


def test_a_date_before_the_period_is_the_day_before_it_and_nothing_is_planned() -> None:
    report = tracked([], "2026-02-20", stages=("revenue",))
    assert report.as_of == dt.date(2026, 3, 1)
    assert report.team.planned == 0 and report.team.pct is None
    after = tracked([], "2026-04-20", stages=("revenue",))
    assert after.as_of == dt.date(2026, 3, 27)


def test_a_pace_that_reaches_no_tier_gets_the_first_one_as_a_target() -> None:
    assert _projection(F(50), F(100)) == Projection(
        revenue=F(50), attainment=F(50), tier=None, suggested=F(100), suggested_tier="solid"
    )


# --- history ---------------------------------------------------------------------------


def test_history_rows_out_of_date_order_widen_the_span_and_are_counted_per_rep() -> None:
    history = History(("revenue", "dials"))
    history.add("A", dt.date(2025, 10, 9), dt.date(2025, 10, 9), [1, 10])
    history.add("A", dt.date(2025, 10, 1), dt.date(2025, 10, 1), [2, 20])  # earlier
    history.add("A", dt.date(2025, 11, 1), dt.date(2025, 11, 30), [3, F(1, 2)])  # a month
    history.add("A", dt.date(2025, 10, 5), dt.date(2025, 10, 5), [0, 0])  # inside the span
    history.add("B", dt.date(2025, 10, 3), dt.date(2025, 10, 3), [4, 40])
    a, b = history.reps["A"], history.reps["B"]
    assert (a.first, a.last, a.rows, a.totals) == (
        dt.date(2025, 10, 1),
        dt.date(2025, 11, 30),
        4,
        [6, F(61, 2)],
    )
    assert (b.first, b.last, b.rows) == (dt.date(2025, 10, 3), dt.date(2025, 10, 3), 1)
    assert history.rows == 5
    assert history.team_totals() == [10, F(141, 2)]
    # Revenue by the month of each row's first day: 1 + 2 + 0 + 4 in October, 3 in November.
    assert history.revenue_by_month == {(2025, 10): 7, (2025, 11): 3}


UNITS = {
    "revenue": "money",
    "pipeline": "money",
    "proposals": "money",
    "intents": "count",
    "dials": "count",
}


def test_a_money_stage_weighs_its_prior_through_every_stage_down_to_a_count() -> None:
    # Pipeline -> proposals (0.5 pipeline per unit of proposals) -> intents (8,000 of
    # proposals per intent): 30 intents are 240,000 of proposals, worth 120,000 of pipeline.
    names = ["revenue", "pipeline", "proposals", "intents", "dials"]
    rates = {"pipeline": F(3, 10), "proposals": F(1, 2), "intents": F(8000), "dials": F(2, 5)}
    assert prior_units(names, UNITS, rates, 30) == {
        "pipeline": 120_000,
        "proposals": 240_000,
        "intents": 30,
        "dials": 30,
    }


def test_a_money_stage_without_a_rate_to_convert_through_falls_back_to_plain_units() -> None:
    names = ["revenue", "pipeline", "proposals", "intents"]
    # No team rate for proposals: the conversion stops, and pipeline's k is 30 units.
    rates: dict[str, Fraction | None] = {"proposals": None, "intents": F(8000)}
    assert prior_units(names, UNITS, rates, 30)["pipeline"] == 30
    # Nothing below is counted at all: the same.
    assert prior_units(["revenue", "pipeline", "proposals"], UNITS, {"proposals": F(2)}, 30) == {
        "pipeline": 30,
        "proposals": 30,
    }


NAMES = ("revenue", "pipeline", "intents", "deep_talks", "connects", "dials")
HISTORY_UNITS = {name: ("money" if name in ("revenue", "pipeline") else "count") for name in NAMES}


def test_a_sample_of_exactly_the_prior_is_no_longer_thin() -> None:
    # Team: 400 connects in 1,000 dials (0.4). A rep with 15 connects in exactly 30 dials:
    # (15 + 30 x 0.4) / (30 + 30) = 27 / 60.
    history = History(NAMES)
    history.add("a", dt.date(2025, 10, 1), dt.date(2025, 10, 1), [0, 0, 0, 0, 15, 30])
    history.add("b", dt.date(2025, 10, 1), dt.date(2025, 10, 1), [0, 0, 0, 0, 385, 970])
    table = estimate(history, HISTORY_UNITS, 30)
    assert table.stages == NAMES and table.prior == 30
    dials = table.reps["a"][4]
    assert (dials.sample, dials.prior, dials.thin) == (30, 30, False)
    assert dials.used == F(27, 60)


def test_a_stage_without_a_team_rate_keeps_the_reps_own() -> None:
    # No deep talks at all in the team: no team rate to shrink toward; each rep's deep-talk
    # rate is unknown too (their sample is zero). The other stages are unaffected.
    history = History(NAMES)
    history.add("a", dt.date(2025, 10, 1), dt.date(2025, 10, 1), [0, 0, 0, 0, 20, 50])
    table = estimate(history, HISTORY_UNITS, 30, reps=["a", "new"])
    assert table.team[2].used is None
    assert (table.reps["a"][2].raw, table.reps["a"][2].used) == (None, None)
    assert table.reps["new"][2].used is None
    assert table.reps["a"][4].used == F(2, 5)  # 20 / 50, and the team's is the same


def test_rates_name_the_file_and_the_window_when_a_stage_has_no_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("past.csv").write_text(
        "rep,date,revenue,pipeline,intents,deep_talks,connects,dials\nA,2025-10-01,0,0,0,0,0,0\n",
        encoding="utf-8",
    )
    stages = "Pipeline, Intents, Deep talks, Connects, Dials"
    open_ended = CliRunner().invoke(app, ["rates", "past.csv", "--lang", "en"])
    assert open_ended.exit_code == 3
    assert open_ended.stderr.splitlines()[0] == (
        f"past.csv:1:4: no data for {stages}: the team's total is zero in 2025-10-01..2025-10-01, "
        "so no rate can be drawn"
    )
    window = ["--since", "2025-09-01", "--until", "2025-10-31", "--lang", "en"]
    bounded = CliRunner().invoke(app, ["rates", "past.csv", *window])
    assert bounded.stderr.splitlines()[0] == (
        f"past.csv:1:4: no data for {stages}: the team's total is zero in 2025-09-01..2025-10-31, "
        "so no rate can be drawn"
    )


def test_rates_of_a_history_without_rows_name_no_window_and_no_cell() -> None:
    # Nothing read at all (every row outside the window, say): no span to name, and no
    # column known to point at.
    with pytest.raises(ActivityError) as caught:
        rates_report("past.csv", History(NAMES), (REVENUE, *DEFAULT_FUNNEL))
    (issue,) = caught.value.issues
    assert (issue.file, issue.line, issue.column) == ("past.csv", None, None)
    assert issue.params["since"] == issue.params["until"] == "…"
    assert str(issue).endswith("the team's total is zero in …..…, so no rate can be drawn")


def test_rates_use_the_prior_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "past.csv"
    path.write_text(
        "rep,date,revenue,pipeline,intents,deep_talks,connects,dials\n"
        "A,2025-10-01,100,300,1,5,20,50\n"
        "B,2025-10-01,100,300,1,5,20,40\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["rates", str(path), "-f", "json", "--prior", "10"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"]["prior"] == 10
    # A: (20 + 10 x 40 / 90) / (50 + 10) = 0.4074...
    assert doc["reps"][0]["rates"]["dials"]["prior"] == 10
    assert doc["reps"][0]["rates"]["dials"]["used"] == pytest.approx((20 + 10 * 40 / 90) / 60)

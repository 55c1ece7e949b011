"""The edges of feasibility.py, checked by hand (issue 13: what a mutation run showed no
other test pins down): the day bound on uneven weights, a capacity on the first stage
below revenue, a rep without working days, the team's fit kept per plan, and the rounding
of the rates in messages."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from goalsplit.feasibility import (
    _trim,
    day_bound,
    has_limits,
    rate_shown,
    rate_up,
    reach,
    rep_fit,
    team_fit,
)
from tests.conftest import breakdown_of, warnings_of

F = Fraction
# Per 1,000 of revenue: 2,000 pipeline, 2 intents, 4 deep talks, 8 connects, 16 dials;
# so 125 of revenue per connect and 62.5 per dial. March 2026: 22 working days.
RATES = "rates: {pipeline: 0.5, intents: 1000, deep_talks: 0.5, connects: 0.5, dials: 0.5}"


def test_day_bound_on_no_days_uniform_days_and_uneven_days() -> None:
    assert day_bound(150, []) == 0
    assert day_bound(150, range(1)) == 0
    # 22 days weighing the same: 150 on every one of them.
    assert day_bound(150, range(23)) == 3300
    # Days weighing 2, 1 and 4 (cumulative 0, 2, 3, 7): the heaviest, 4, may ask for 150,
    # so the whole period holds 150 x 7 / 4.
    assert day_bound(150, [0, 2, 3, 7]) == F(1050, 4)
    assert day_bound(3, [0, 1, 2]) == 6


def test_a_capacity_on_the_first_stage_below_revenue() -> None:
    breakdown = breakdown_of(
        f"""
        period: 2026-03
        target: 22000
        {RATES}
        reps:
          - name: Ann
            capacity: {{pipeline: 1000}}
        """
    )
    fit = rep_fit(breakdown.reps[0])
    (pipeline,) = fit.stages
    # 44,000 of pipeline, 2,000 a day; at 1,000 a day the 22 days hold 22,000, which make
    # 11,000 of revenue; the rate that fits: 22,000 revenue from 22,000 pipeline, 1; the
    # days it takes: 44,000 / 1,000 = 44, 22 more.
    assert pipeline.stage.name == "pipeline" and pipeline.above.name == "revenue"
    assert (pipeline.required, pipeline.peak, pipeline.most) == (44000, 2000, 22000)
    assert (pipeline.reach, pipeline.rate_needed, pipeline.days_needed) == (11000, 1, 44)
    assert fit.extra_days == 22 and not fit.feasible


def test_a_rep_without_working_days_has_no_room_and_needs_no_days() -> None:
    breakdown = breakdown_of(
        f"""
        period: 2026-03
        target: 22000
        {RATES}
        reps:
          - name: Ann
          - name: Ben
            leave: [2026-03-01..2026-03-31]
            capacity: {{dials: 10}}
        """
    )
    ann, ben = breakdown.reps
    assert ben.working_days == 0
    (dials,) = rep_fit(ben).stages
    # No day holds any dials (so no rate would make anything fit: 0, not a division by
    # zero); nothing is required of Ben, and no day is needed.
    assert (dials.required, dials.most, dials.reach) == (0, 0, 0)
    assert (dials.rate_needed, dials.days_needed) == (0, 0)
    # A rep without a capacity is not capped.
    plain = rep_fit(ann)
    assert plain.rep is ann and plain.stages == () and not plain.capped
    assert plain.reach is None and plain.binding is None and plain.extra_days == 0


def test_the_team_fit_counts_quotas_of_reps_without_capacity_and_is_kept_per_plan() -> None:
    breakdown = breakdown_of(
        f"""
        period: 2026-03
        target: 44000
        {RATES}
        reps:
          - name: Ann
            capacity: {{dials: 100}}
          - name: Ben
        """
    )
    fit = team_fit(breakdown)
    # Ann: 100 dials x 22 days = 2,200 dials, 137,500 of revenue; Ben has no capacity and
    # counts with his quota, 22,000.
    assert fit.reachable == 137500 + 22000
    assert fit.per_rep is None  # no team capacity: no full-pace rep to count
    assert fit.average_days == 22
    # The same plan's fit is worked out once ...
    assert team_fit(breakdown) is fit
    # ... but a fit with another capacity is not kept in its place.
    other = team_fit(breakdown, {"dials": 10})
    assert other is not fit and other.reachable == 2 * 10 * 22 * F(125, 2)
    assert team_fit(breakdown) is fit


def test_a_full_pace_rep_is_held_by_the_tightest_capacity() -> None:
    breakdown = breakdown_of(
        f"""
        period: 2026-03
        target: 44000
        capacity: {{connects: 10, dials: 1000}}
        {RATES}
        reps: [{{name: Ann}}, {{name: Ben}}]
        """
    )
    # 10 connects x 22 days x 125 = 27,500; 1,000 dials x 22 x 62.5 = 1,375,000.
    assert team_fit(breakdown).per_rep == 27500
    # reach --per-day: everyone's capacity replaced, the full-pace rep too.
    report = reach(breakdown, {"dials": 10})
    assert report.per_day == {"dials": 10}
    assert report.team.per_rep == 10 * 22 * F(125, 2)  # 13,750


def test_rates_in_messages_round_up_exactly_and_read_without_trailing_zeros() -> None:
    assert rate_up(F(1, 3)) == "0.3334"
    assert rate_up(F(1234, 10000)) == "0.1234"  # exact: not raised
    # Just above 0.1234, by less than the 28 digits a Decimal division keeps: the
    # division rounds down to 0.1234 exactly, which is not enough.
    assert rate_up(F(1234, 10000) + F(1, 10**40)) == "0.1235"
    assert rate_up(F(5, 2)) == "2.5"
    assert rate_shown(F(1, 3)) == "0.3333"
    assert rate_shown(F(2, 3)) == "0.6667"
    assert rate_shown(F(45, 2), 1) == "22.5"
    assert _trim(Decimal("1000")) == "1,000"
    assert _trim(Decimal("1000.500")) == "1,000.5"
    assert _trim(Decimal("20.000")) == "20"


# --- the warnings ---------------------------------------------------------------------------


def test_a_daily_need_explained_by_a_team_rate_written_the_wrong_way_round_is_not_repeated() -> (
    None
):
    # intents: 0.001 (pipeline per intent) is the wrong way round: 1,000 intents per unit of
    # pipeline, so over 100,000 dials a day. The warning on the team's rate names the cause;
    # Ann, who uses the team's rate, gets no second warning about her dials.
    warnings = warnings_of(
        """
        period: 2026-03
        target: 22000
        rates: {pipeline: 0.5, intents: 0.001, deep_talks: 0.5, connects: 0.5, dials: 0.5}
        reps: [{name: Ann}]
        """
    )
    assert len(warnings) == 1 and "rates.intents" in warnings[0]
    assert "is below 1" in warnings[0]


def test_has_limits_with_a_capacity_on_one_rep_only() -> None:
    one = breakdown_of(
        f"""
        period: 2026-03
        target: 22000
        {RATES}
        reps: [{{name: Ann, capacity: {{dials: 100}}}}, {{name: Ben}}]
        """
    )
    assert has_limits(one)
    assert not has_limits(breakdown_of(MARCH_TWO))


MARCH_TWO = f"""
    period: 2026-03
    target: 44000
    {RATES}
    reps: [{{name: Ann}}, {{name: Ben}}]
"""


def test_every_rep_and_every_stage_over_capacity_is_warned() -> None:
    # Ann is away all month (no days: nothing to warn); Ben needs 8 connects and 16 dials a
    # day (22,000 over 22 days): within 100 connects, over 10 dials.
    warnings = warnings_of(
        f"""
        period: 2026-03
        target: 22000
        capacity: {{connects: 100, dials: 10}}
        {RATES}
        reps:
          - {{name: Ann, leave: [2026-03-01..2026-03-31]}}
          - {{name: Ben}}
        """
    )
    over = [w for w in warnings if "on the busiest day" in w]
    assert len(over) == 1 and "reps[1]: Ben needs 16 Dials on the busiest day" in over[0]


def test_a_busiest_day_over_capacity_when_the_period_as_a_whole_fits() -> None:
    # Ten days, 03-23 .. 04-03; April's three weigh 2: weights 1 x 7 and 2 x 3, 13 in all.
    # 10,000 of revenue is 160 dials: ceil(160 x 2 / 13) = 25 on an April day, over the
    # capacity of 20; yet 160 / 20 = 8 days would do: no more days, the days weigh too
    # unevenly. The days hold 20 x 13 / 2 = 130 dials: 8,125 of revenue.
    warnings = warnings_of(
        f"""
        period: {{start: 2026-03-23, end: 2026-04-03}}
        target: 10000
        seasonality: {{4: 2}}
        capacity: {{dials: 20}}
        {RATES}
        reps: [{{name: Ann}}]
        """
    )
    over = [w for w in warnings if "on the busiest day" in w]
    assert over == [
        "plan.yaml:6:8: warning: reps[0]: Ann needs 25 Dials on the busiest day, more than the "
        "capacity of 20 a day; it fits with a quota of 8,125, or Dials → Connects at 0.6154 "
        "(now 0.5), or with the days weighing more evenly"
    ]


def test_a_team_short_at_the_reps_own_capacity_is_said_at_the_target() -> None:
    # Only Ann has a capacity: 10 dials x 22 days = 220 dials, 13,750 of revenue; Ben counts
    # with his quota, 22,000. 35,750 of 44,000: short by 8,250, and with no team capacity
    # there is no full-pace rep to count.
    plan = MARCH_TWO.replace("{name: Ann}", "{name: Ann, capacity: {dials: 10}}")
    team = [w for w in warnings_of(plan) if "at capacity the team" in w]
    assert team == [
        "plan.yaml:2:9: warning: target: at capacity the team reaches 35,750 of the target "
        "44,000 (81.2%), short by 8,250; give the team a capacity: to count the reps it would "
        "take"
    ]


def test_a_target_with_cents_is_shown_rounded_up_in_the_team_warning() -> None:
    # 44,000.50: Ben's quota 22,000.25; reachable 13,750 + 22,000.25 = 35,750.25, shown
    # rounded down; the target rounded up, 44,001; short by 8,250.25, rounded up 8,251.
    plan = MARCH_TWO.replace("{name: Ann}", "{name: Ann, capacity: {dials: 10}}")
    team = [w for w in warnings_of(plan.replace("44000", "44000.5")) if "at capacity" in w]
    assert len(team) == 1
    assert "reaches 35,750 of the target 44,001 (81.2%), short by 8,251;" in team[0]


def test_no_full_pace_rep_without_the_teams_rates() -> None:
    # Every rate is Ann's own: the team has none to run a full-pace rep through.
    breakdown = breakdown_of(
        """
        period: 2026-03
        target: 22000
        capacity: {dials: 10}
        reps:
          - name: Ann
            rates: {pipeline: 0.5, intents: 1000, deep_talks: 0.5, connects: 0.5, dials: 0.5}
        """
    )
    fit = team_fit(breakdown)
    assert fit.per_rep is None and fit.headcount is None
    assert fit.reachable == 10 * 22 * F(125, 2)  # 13,750


def test_one_more_rep_is_said_in_the_singular() -> None:
    # 22 days at 150 dials make 3,300 dials, 198,000 of revenue (60 per dial) of 221,000:
    # 89.6 %, short by 23,000, which one more rep at full pace (198,000) closes.
    plan = """
        period: 2026-03
        target: 221000
        capacity: {dials: 150}
        rates: {pipeline: 0.3, intents: 10000, deep_talks: 0.2, connects: 0.25, dials: 0.4}
        reps: [{name: Li Na}]
    """
    team = [w for w in warnings_of(plan) if "at capacity the team" in w]
    assert team == [
        "plan.yaml:3:11: warning: capacity: at capacity the team reaches 198,000 of the target "
        "221,000 (89.6%); 1 more rep at full pace (198,000 each in 22 working days at the "
        "team's rates and capacity) would close the gap of 23,000"
    ]


# --- survivors of the second mutation run (the shaping and floors of this session) ----


def test_a_full_pace_rep_is_shaped_as_the_team(tmp_path: object) -> None:
    """A rep with the whole period and no ramp is a full-pace rep: one more of them makes
    exactly what that rep reaches, with the team's buffer, seasonality and cycle."""
    for shaping in ("buffer: 10%", "seasonality: {3: 2}\n                cycle: 10", ""):
        fit = team_fit(
            breakdown_of(
                f"""
                period: 2026-Q1
                target: 10000000
                {shaping}
                capacity: {{dials: 100}}
                {RATES}
                reps: [{{name: Ann}}]
                """
            )
        )
        assert fit.per_rep == fit.reps[0].reach, shaping
    # By hand, uniform days with a buffer of 10%: each day runs 1.1 times the even pace
    # (until the whole is met), so a day at capacity holds 100 / 1.1 of the even day's
    # dials: 22 x 100 / 1.1 dials in March, 62.5 of revenue each = 125,000.
    march = team_fit(
        breakdown_of(
            f"""
            period: 2026-03
            target: 10000000
            buffer: 10%
            capacity: {{dials: 100}}
            {RATES}
            reps: [{{name: Ann}}]
            """
        )
    )
    assert march.per_rep == 125000


def test_a_floor_equal_to_the_capacity_still_gets_the_ways_out() -> None:
    # Ben needs 16 dials a day; the floor and the capacity are both 10: a day can meet
    # both, the funnel is what is over, so the ways out are offered.
    warnings = warnings_of(
        f"""
        period: 2026-03
        target: 22000
        capacity: {{dials: 10}}
        floors: {{dials: 10}}
        {RATES}
        reps: [{{name: Ben}}]
        """
    )
    assert any("Ben needs 16 Dials on the busiest day" in w for w in warnings)
    assert not any("no day can meet both" in w for w in warnings)


def test_every_stage_over_with_days_enough_is_warned() -> None:
    # April weighs 2 (see the test above): connects and dials both over on April days.
    warnings = warnings_of(
        f"""
        period: {{start: 2026-03-23, end: 2026-04-03}}
        target: 10000
        seasonality: {{4: 2}}
        capacity: {{connects: 10, dials: 20}}
        {RATES}
        reps: [{{name: Ann}}]
        """
    )
    over = [w for w in warnings if "on the busiest day" in w]
    assert len(over) == 2
    assert "Connects" in over[0] and "Dials" in over[1]
    assert all("with the days weighing more evenly" in w for w in over)


def test_the_average_working_days_are_said_to_one_decimal() -> None:
    # 22, 22 and 21 working days (Cid is away on 03-02): 65 / 3 = 21.67, said as 21.7.
    warnings = warnings_of(
        f"""
        period: 2026-03
        target: 10000000
        capacity: {{dials: 10}}
        {RATES}
        reps: [{{name: Ann}}, {{name: Ben}}, {{name: Cid, leave: [2026-03-02]}}]
        """
    )
    assert any("each in 21.7 working days" in w for w in warnings)


def test_a_daily_need_of_exactly_a_thousand_is_not_warned_and_each_rep_is_judged() -> None:
    # 16 dials per 1,000 of revenue: 1,375,000 over 22 days is 62,500 a day, 1,000 dials.
    exactly = f"""
        period: 2026-03
        target: 1375000
        {RATES}
        reps: [{{name: Ann}}]
    """
    assert not any("a day and no capacity" in w for w in warnings_of(exactly))
    # Ann is within 1,000 a day; Ben, with a quota four times hers, is not: he is warned
    # although Ann, before him, is not.
    two = f"""
        period: 2026-03
        target: 2000000
        {RATES}
        reps: [{{name: Ann, quota: 400000}}, {{name: Ben}}]
    """
    flagged = [w for w in warnings_of(two) if "a day and no capacity" in w]
    assert len(flagged) == 1 and "Ben needs up to 1,164 Dials a day" in flagged[0]
    # Ann's own dials rate written the wrong way round explains her need; Ben, at
    # 2,000,000 (1,455 dials a day), is still judged after her.
    explained = two.replace("2000000", "4000000").replace(
        "{name: Ann, quota: 400000}", "{name: Ann, rates: {dials: 50}}"
    )
    flagged = [w for w in warnings_of(explained) if "a day and no capacity" in w]
    assert [w.split(": ")[2] for w in flagged] == ["reps[1]"]


def test_equal_daily_needs_name_the_first_stage() -> None:
    # dials: 1 — a dial per connect: connects and dials need the same, 2,000 a day.
    warnings = warnings_of(
        """
        period: 2026-03
        target: 5500000
        rates: {pipeline: 0.5, intents: 1000, deep_talks: 0.5, connects: 0.5, dials: 1}
        reps: [{name: Ann}]
        """
    )
    flagged = [w for w in warnings if "a day and no capacity" in w]
    assert len(flagged) == 1 and "needs up to 2,000 Connects a day" in flagged[0]


def test_a_quota_below_a_days_floor_by_rep_and_at_the_right_place() -> None:
    # 16 dials per 1,000: a quota of 1,250 needs exactly 20 dials, a day's floor of 20:
    # not below it. Ann is away all month (no days, no quota): nothing to say of her.
    # Ben's quota of 1,000 needs 16 (below) and Cid's share of the rest, 1,000 x 1.0
    # with no explicit quota, needs 16 too: each is warned, Ben at his quota, Cid at his
    # rep.
    warnings = warnings_of(
        f"""
        period: 2026-03
        target: 3250
        floors: {{dials: 20}}
        {RATES}
        reps:
          - {{name: Ann, leave: [2026-03-01..2026-03-31]}}
          - {{name: Eve, quota: 1250}}
          - {{name: Ben, quota: 1000}}
          - {{name: Cid}}
        """
    )
    below = [w.split(": warning: ")[1] for w in warnings if "one day's floor" in w]
    assert below == [
        "reps[2].quota: Ben's quota needs 16 Dials in the whole period, less than one day's "
        "floor of 20: is the quota (or the floor) a typo?",
        "reps[3]: Cid's quota needs 16 Dials in the whole period, less than one day's floor "
        "of 20: is the quota (or the floor) a typo?",
    ]

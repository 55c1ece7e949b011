"""The edges of ``goalsplit replan``, checked by hand (issue 13: what a mutation run of
replan.py showed no other test pins down). The numbers are worked out in the comments;
the plans and actuals are written in the test."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from goalsplit.load import load_plan
from goalsplit.model import CarveOut
from goalsplit.replan import Replan, ReplanError, _carve_outs, _decimal, _spans, replan
from goalsplit.track import Actuals
from goalsplit.worked import work_out
from tests.conftest import dedent

F = Fraction
STAGES = ("revenue", "pipeline", "intents", "deep_talks", "connects", "dials")
RATES = "rates: {pipeline: 0.5, intents: 1000, deep_talks: 0.5, connects: 0.5, dials: 0.5}"
HISTORY = "rep,date,revenue,pipeline,intents,deep_talks,connects,dials\n"


def replanned(
    tmp_path: Path,
    plan: str,
    rows: list[tuple[str, str, list[int | Fraction]]],
    as_of: str,
    *,
    stages: tuple[str, ...] = STAGES,
    history: str | None = None,
    lang: str = "en",
) -> Replan:
    """The replan of ``plan`` with the actuals ``rows`` (rep, date, one value per stage)."""
    if history is not None:
        (tmp_path / "past.csv").write_text(history, encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(dedent(plan), encoding="utf-8")
    worked = work_out(path)
    assert worked.breakdown is not None, worked.issues
    actuals = Actuals(stages)
    for rep, day, values in rows:
        actuals.add(rep, dt.date.fromisoformat(day), values)
    written = load_plan(path, with_history=False).plan
    return replan(
        written, worked.breakdown, actuals, dt.date.fromisoformat(as_of), "plan.yaml", lang
    )


def comments(result: Replan) -> str:
    return "".join(line + "\n" for line in result.text.splitlines() if line.startswith("#"))


def funnel(revenue: int | Fraction) -> list[int | Fraction]:
    """Actuals that convert exactly at RATES: 2 pipeline per revenue, then 1 intent per
    1,000 of pipeline, 2 deep talks per intent, 2 connects per deep talk, 2 dials per
    connect."""
    pipeline = 2 * revenue
    intents = F(pipeline) / 1000
    return [revenue, pipeline, intents, 2 * intents, 4 * intents, 8 * intents]


# --- every kind of rep in one re-plan ----------------------------------------------------

# 57 working days, 2026-01-05 .. 2026-03-24 (weekends off, no public holidays); the
# as-of date, Fri 2026-02-13, is day 30: 27 days are left, 2026-02-16 .. 2026-03-24.
# 200,000 less the carve-outs (50,000 + 20,000) leaves 130,000 to decompose, all of it in
# explicit quotas.
EVERY_KIND = """
    period: {start: 2026-01-05, end: 2026-03-24}
    target: 200000
    carve_out: [{name: Old deal, amount: 50000}, {name: Small, amount: 20000}]
    RATES
    reps:
      - {name: Annie, quota: 40000}
      - {name: Xi, quota: 40000}
      - {name: Cat, quota: 20000, end: 2026-02-13}
      - {name: Di, quota: 20000, leave: [2026-02-16..2026-03-24]}
      - {name: Eve, quota: 10000, end: 2026-02-13}
""".replace("RATES", RATES)
EVERY_KIND_ACTUALS: list[tuple[str, str, list[int | Fraction]]] = [
    ("Annie", "2026-02-13", funnel(61000)),
    ("Xi", "2026-02-13", funnel(44000)),
    ("Cat", "2026-02-13", funnel(15000)),
    ("Di", "2026-02-13", funnel(F(180001, 20))),  # 9,000.05
    ("Eve", "2026-02-13", funnel(12000)),
]


def test_replan_of_every_kind_of_rep_checked_by_hand(tmp_path: Path) -> None:
    result = replanned(tmp_path, EVERY_KIND, EVERY_KIND_ACTUALS, "2026-02-13")
    # Revenue to date 61,000 + 44,000 + 15,000 + 9,000.05 + 12,000 = 141,000.05 (shown
    # rounded up, 141,001); the new target 200,000 - 141,000.05 = 58,999.95, written
    # exactly as it is not whole.
    assert (result.as_of, result.start, result.end) == (
        dt.date(2026, 2, 13),
        dt.date(2026, 2, 16),
        dt.date(2026, 3, 24),
    )
    assert result.revenue == F(14100005, 100) and result.target == F(5899995, 100)
    assert result.prior == 30
    # Leavers: Cat (ends 02-13) owes 20,000 - 15,000 = 5,000; Di, on leave to the end of
    # the period, 20,000 - 9,000.05 = 10,999.95; Eve made more than her 10,000: 0, not
    # less. Only Cat and Eve have a last day before the end of the period.
    assert result.dropped == (
        ("Cat", dt.date(2026, 2, 13), F(5000)),
        ("Di", None, F(1099995, 100)),
        ("Eve", dt.date(2026, 2, 13), F(0)),
    )
    # The pool, 15,999.95, is shared by weight x days left, 27 each: 7,999.975 each.
    # Annie is past the benchmark (61,000 >= 1.5 x 40,000): her pace, 61,000 / 30 days,
    # over 27 days: 54,900; with her share 62,899.975, rounded up 62,900. Xi is past his
    # quota but short of high performer (48,000): 4,000 more, with his share 11,999.975,
    # rounded up 12,000.
    annie, xi = result.reps
    assert (annie.owed, annie.raised_to, annie.share, annie.new_quota) == (
        F(54900),
        "pace",
        F(319999, 40),
        62900,
    )
    assert (xi.owed, xi.raised_to, xi.share, xi.new_quota) == (
        F(4000),
        "high performer",
        F(319999, 40),
        12000,
    )
    assert (annie.days_left, xi.days_left) == (27, 27)
    # The comment block, wrapped at 86 columns after "# " (84 on an indented line):
    # Annie's first line is 83 columns with "54,900" and 85 with " +", which wraps; Xi's is
    # 79 through "performer," and 85 with "4,000", which wraps; Di's is 87 through
    # " re-split", which wraps too. (Only the indentation is stripped, not Xi's X.)
    assert comments(result) == (
        "# Re-plan of plan.yaml as of 2026-02-13, written by goalsplit replan.\n"
        "# Period: the rest of 2026-01-05..2026-03-24, 2026-02-16 – 2026-03-24.\n"
        "# Target: 200,000 - 141,001 of revenue to date = 58999.95; stretch as before.\n"
        "# Quotas, explicit: what each rep still owes of their quota, plus a share of what the\n"
        "#     reps without working days left did not deliver (weight x working days left).\n"
        "#   Annie: past the benchmark (61,000 of 40,000): their pace over the days left, 54,900\n"
        "#       + 8,000 re-split -> 62,900 over 27 working days\n"
        "#   Xi: past the quota (44,000 of 40,000): raised to the next tier, high performer,\n"
        "#       4,000 more + 8,000 re-split -> 12,000 over 27 working days\n"
        "# Left: Cat (last day 2026-02-13); 5,000 of their quota not delivered, re-split above.\n"
        "# Dropped: Di, no working day left (leave); 11,000 of their quota not delivered,\n"
        "#     re-split above.\n"
        "# Left: Eve (last day 2026-02-13); 0 of their quota not delivered, re-split above.\n"
        "# Rates: each rep's own for every stage, from the actuals through 2026-02-13, shrunk\n"
        "#     toward the plan's rates (prior 30, as goalsplit rates does).\n"
        "# carve_out: left out where it would leave nothing of the new target to decompose: Small\n"
    )
    # Of the carve-outs, 50,000 still leaves some of 58,999.95; 70,000 would not.
    assert "target: 58999.95\n" in result.text
    assert "carve_out:\n  - {name: Old deal, amount: 50000}\nreps:\n" in result.text


def test_replan_comments_in_chinese(tmp_path: Path) -> None:
    text = comments(replanned(tmp_path, EVERY_KIND, EVERY_KIND_ACTUALS, "2026-02-13", lang="zh"))
    for line in (
        "# plan.yaml 截至 2026-02-13 的重新规划，由 goalsplit replan 生成。",
        "# 周期：2026-01-05..2026-03-24 的剩余部分，2026-02-16 – 2026-03-24。",
        "# 指标（指定）：每位销售尚未完成的指标，加上已无工作日的销售未完成部分的分摊",
        "# 目标：200,000 - 累计业绩 141,001 = 58999.95；加码系数不变。",
        "已超过标杆档（40,000 中完成 61,000）：按本人速度计算剩余工作日，54,900 + 分摊",
        "Xi：已完成指标（40,000 中完成 44,000）：提升到下一档（高绩效），再做 4,000 + 分摊",
        "# 离职：Cat（最后一天 2026-02-13）；指标中未完成的 5,000 已在上面分摊。",
        "# 移出：Di，已无工作日（休假）；指标中未完成的 11,000 已在上面分摊。",
        "# carve_out：若剥离后新目标已无可分解部分，则不保留：Small",
    ):
        assert line in text, line


def test_replan_of_a_rep_past_the_benchmark_before_their_first_day(tmp_path: Path) -> None:
    # Ben starts on 03-16; his row of 03-02 counts, but none of his days has passed: no
    # pace to go by, so past the benchmark he owes nothing more (not a division by 0).
    # Ann owes 20,000 - 4,000 = 16,000.
    result = replanned(
        tmp_path,
        f"""
        period: 2026-03
        target: 30000
        {RATES}
        reps:
          - {{name: Ann, quota: 20000}}
          - {{name: Ben, quota: 10000, start: 2026-03-16}}
        """,
        [("Ann", "2026-03-13", funnel(4000)), ("Ben", "2026-03-02", funnel(16000))],
        "2026-03-13",
    )
    ann, ben = result.reps
    assert (ann.owed, ann.raised_to, ann.new_quota) == (F(16000), None, 16000)
    assert (ben.owed, ben.raised_to, ben.new_quota) == (F(0), "pace", 0)
    assert "past the benchmark (16,000 of 10,000): their pace over the days left, 0 -> 0" in (
        " ".join(line.lstrip("# ") for line in comments(result).splitlines())
    )


def test_replan_of_a_rep_exactly_at_a_tier(tmp_path: Path) -> None:
    # Ann made exactly her quota: the next tier, high performer, 12,000, is 2,000 more.
    # Ben made exactly 1.2 x his quota: the next, benchmark, 15,000, is 3,000 more.
    result = replanned(
        tmp_path,
        f"""
        period: 2026-03
        target: 30000
        {RATES}
        reps:
          - {{name: Ann, quota: 10000}}
          - {{name: Ben, quota: 10000}}
          - {{name: Cid, quota: 10000}}
        """,
        [("Ann", "2026-03-13", funnel(10000)), ("Ben", "2026-03-13", funnel(12000))],
        "2026-03-13",
    )
    assert [(r.owed, r.raised_to) for r in result.reps] == [
        (F(2000), "high performer"),
        (F(3000), "benchmark"),
        (F(10000), None),
    ]


# --- with a history file -----------------------------------------------------------------


def test_replan_with_allocation_by_history_shares_by_ability(tmp_path: Path) -> None:
    # History, 2025-12-01..05: Ann 1,000 a day, Bob nothing, Cat 500 a day; prior 0, so the
    # abilities are those: 1,000, 0 and 500. March 2026 has 22 working days, Cat works the
    # first 10 (to 03-13): shares 1,000 x 22 : 0 : 500 x 10 of 27,000 give 22,000, 0 and
    # 5,000.
    history = HISTORY + "".join(
        f"Ann,2025-12-0{d},1000,0,0,0,0,0\nBob,2025-12-0{d},0,0,0,0,0,0\n"
        f"Cat,2025-12-0{d},500,0,0,0,0,0\n"
        for d in range(1, 6)
    )
    result = replanned(
        tmp_path,
        f"""
        period: 2026-03
        target: 27000
        history: {{file: past.csv, prior: 0}}
        allocation: history
        {RATES}
        reps:
          - name: Ann
          - name: Bob
          - name: Cat
            end: 2026-03-13
        """,
        [
            ("Ann", "2026-03-13", [10000, 25000]),
            ("Bob", "2026-03-13", [0, 100]),
            ("Cat", "2026-03-13", [3000, 6000]),
        ],
        "2026-03-13",
        stages=("revenue", "pipeline"),
        history=history,
    )
    assert result.prior == 0
    # Cat leaves 5,000 - 3,000 = 2,000, shared by weight x ability x days left (12 each);
    # Bob's ability, 0, counts as 1 here, so that the pool is always shared: 1,000 : 1.
    # Ann: 12,000 + 2,000 x 1000/1001 = 13,998.002 -> 13,999; Bob: 2,000/1001 -> 2.
    ann, bob = result.reps
    assert (ann.share, bob.share) == (F(2000000, 1001), F(2000, 1001))
    assert (ann.new_quota, bob.new_quota) == (13999, 2)
    # Bob's quota was 0: he owes nothing of it, and is not "past" it.
    assert (bob.owed, bob.raised_to) == (F(0), None)
    # Rates: the actuals have revenue and pipeline only, so only pipeline is refreshed;
    # with prior 0, Ann's is her own, 10,000 / 25,000 = 0.4. Bob's would be 0 / 100 = 0,
    # which converts nothing: he keeps the plan's 0.5.
    assert dict(ann.rates) == {
        "pipeline": "0.4",
        "intents": "1000",
        "deep_talks": "0.5",
        "connects": "0.5",
        "dials": "0.5",
    }
    assert dict(bob.rates)["pipeline"] == "0.5"
    text = comments(result)
    assert "(prior 0, as goalsplit rates does)" in text
    assert "# history: and allocation: are left out: the quotas and rates replace them.\n" in text


def test_replan_writes_out_seasonality_from_history(tmp_path: Path) -> None:
    # Monthly history of 2025 (as in test_shaping): revenue per working day 1,000, 500 and
    # 2,000 in January to March, normalised 6/7, 3/7, 12/7: 0.857143, 0.428571, 1.71429 to
    # six significant digits (the other months weigh 1 and are left out).
    history = (
        "rep,month,revenue,pipeline,intents,deep_talks,connects,dials\n"
        "Ann,2025-01,23000,1,1,1,1,1\n"
        "Ann,2025-02,10000,1,1,1,1,1\n"
        "Ann,2025-03,42000,1,1,1,1,1\n"
    )
    plan = f"""
        period: 2026-03
        target: 10000
        history: past.csv
        seasonality: history
        {RATES}
        reps:
          - name: Ann
        """
    rows: list[tuple[str, str, list[int | Fraction]]] = [("Ann", "2026-03-13", [4000])]
    result = replanned(tmp_path, plan, rows, "2026-03-13", stages=("revenue",), history=history)
    assert "\nseasonality: {1: 0.857143, 2: 0.428571, 3: 1.71429}\n" in result.text
    text = comments(result)
    assert (
        "# seasonality: history is written out as the month weights it gave (six significant\n"
        "#     digits).\n"
    ) in text
    assert "# history: and allocation: are left out" in text
    zh = comments(replanned(tmp_path, plan, rows, "2026-03-13", stages=("revenue",), lang="zh"))
    assert "# seasonality: history 按其得出的各月权重写出（六位有效数字）。\n" in zh
    assert "# 未保留 history: 和 allocation:：上面的指标和转化率取代了它们。\n" in zh
    # An empty history gives no month weights (a warning when the plan is worked out):
    # nothing to write out.
    empty = replanned(
        tmp_path,
        plan,
        rows,
        "2026-03-13",
        stages=("revenue",),
        history=history.splitlines(keepends=True)[0],
    )
    assert "seasonality" not in empty.text.split("version: 1\n")[1]


def test_replan_writes_seasonality_by_month_as_written(tmp_path: Path) -> None:
    result = replanned(
        tmp_path,
        f"""
        period: 2026-03
        target: 10000
        seasonality: {{3: 1.5, 4: 0.75}}
        {RATES}
        reps:
          - name: Ann
        """,
        [("Ann", "2026-03-13", [4000])],
        "2026-03-13",
        stages=("revenue",),
    )
    assert "\nseasonality: {3: 1.5, 4: 0.75}\n" in result.text


# --- what cannot be re-planned -----------------------------------------------------------

ONE_REP = f"""
    period: 2026-03
    target: 1000
    {RATES}
    reps:
      - name: Ann
        end: END
"""


def refused(tmp_path: Path, plan: str, revenue: int | Fraction, as_of: str, **kw) -> ReplanError:  # type: ignore[no-untyped-def]
    with pytest.raises(ReplanError) as caught:
        replanned(tmp_path, plan, [("Ann", "2026-03-02", funnel(revenue))], as_of, **kw)
    return caught.value


def test_replan_refusals_say_why(tmp_path: Path) -> None:
    plan = ONE_REP.replace("END", "2026-03-31")
    # The target made exactly: 1,000 of 1,000.
    made = refused(tmp_path, plan, 1000, "2026-03-13")
    assert (
        str(made) == "nothing is left to re-plan: 1,000 of revenue to date makes the target 1,000"
    )
    assert made.params == {"revenue": "1,000", "target": "1,000"}
    # No working day after the last one.
    late = refused(tmp_path, plan, 10, "2026-03-31")
    assert str(late) == "no working day is left after 2026-03-31 in 2026-03"
    assert late.template == "no working day is left after {date} in {period}"
    # Days are left in the period, but not for any rep.
    gone = refused(tmp_path, ONE_REP.replace("END", "2026-03-13"), 10, "2026-03-13")
    assert str(gone) == "no rep has a working day left after 2026-03-13"
    assert gone.template == "no rep has a working day left after {date}"
    assert gone.params == {"date": dt.date(2026, 3, 13)}
    # No revenue column.
    blind = refused(tmp_path, plan, 10, "2026-03-13", stages=("pipeline",))
    assert str(blind) == (
        "the actuals have no revenue column: the revenue to date is needed to re-plan"
    )


def test_replan_with_half_a_unit_left(tmp_path: Path) -> None:
    # 999.5 of 1,000: half a unit is still to make; Ann's new quota is 1 (rounded up).
    result = replanned(
        tmp_path,
        ONE_REP.replace("END", "2026-03-31"),
        [("Ann", "2026-03-02", funnel(F(1999, 2)))],
        "2026-03-13",
    )
    assert result.target == F(1, 2)
    assert [r.new_quota for r in result.reps] == [1]
    assert "\ntarget: 0.5\n" in result.text


# --- the pieces of the text ---------------------------------------------------------------


def test_decimal_writes_exact_numbers_back() -> None:
    assert _decimal(Decimal("1.50")) == "1.5"
    assert _decimal(Decimal("2E+3")) == "2000"
    assert _decimal(F(3)) == "3"
    assert _decimal(F(0)) == "0"
    assert _decimal(F(1, 2)) == "0.5"
    assert _decimal(F(1, 10)) == "0.1"
    assert _decimal(F(1, 200)) == "0.005"
    assert _decimal(F(-5, 4)) == "-1.25"
    assert _decimal(F(123456, 100)) == "1234.56"
    assert _decimal(F(1, 10**40)) == "0." + "0" * 39 + "1"
    with pytest.raises(AssertionError):  # more than 40 places: not a decimal from a file
        _decimal(F(1, 10**41))


def test_spans_are_clipped_to_the_new_period() -> None:
    d = dt.date
    start, end = d(2026, 3, 16), d(2026, 3, 31)
    spans = (
        (d(2026, 3, 2), d(2026, 3, 6)),  # before: left out
        (d(2026, 3, 10), d(2026, 3, 17)),  # clipped at the start
        (d(2026, 3, 20), d(2026, 3, 20)),  # one day
        (d(2026, 3, 31), d(2026, 4, 3)),  # from the last day: that day
        (d(2026, 4, 1), d(2026, 4, 2)),  # after: left out
    )
    assert _spans(spans, start, end) == ["2026-03-16..2026-03-17", "2026-03-20", "2026-03-31"]
    assert _spans(spans[:1] + spans[2:3], start, end) == ["2026-03-20"]


def test_carve_outs_kept_while_they_leave_some_of_the_target() -> None:
    items = [
        CarveOut(name="a", amount=Decimal(300)),
        CarveOut(name="b", amount=Decimal(499)),
        CarveOut(name="c", amount=Decimal(1)),
        CarveOut(name="d", amount=Decimal("0.5")),
    ]

    class Written:
        carve_out = items

    # 300 < 800, 799 < 800: kept; 800 is not below 800: left out; 799.5 < 800: kept.
    assert [c.name for c in _carve_outs(Written, F(800))] == ["a", "b", "d"]  # type: ignore[arg-type]


def test_replan_carries_the_calendar_funnel_ramp_and_carve_outs_over(tmp_path: Path) -> None:
    # Weekends on Friday and Saturday: after Thursday 03-12 the new period starts on
    # Sunday 03-15. Revenue to date 40,000 leaves 60,000: the carve-outs Big and Huge
    # (40,000 together) still leave some of it; Odd (70,000) and Odd2 (65,000) would not.
    result = replanned(
        tmp_path,
        """
        lang: zh
        period: 2026-03
        target: 100000
        calendar:
          weekend: [fri, sat]
          holidays: [2026-03-02, 2026-03-18..2026-03-19, 2026-03-25]
          workdays: [2026-03-06, 2026-03-20, 2026-03-27]
        funnel:
          - {name: visits, label: Store visits, unit: count}
          - {name: calls, unit: count}
        rates: {visits: 500, calls: 0.5}
        ramp: [50%, 75%]
        carve_out:
          - {name: Big, amount: 10000, owner: Cid}
          - {name: Huge, amount: 30000}
          - {name: Odd, amount: 30000}
          - {name: Odd2, amount: 25000}
        reps:
          - {name: Ann, start: 2026-03-15}
          - {name: Ben, start: 2026-03-17, end: 2026-03-31}
          - {name: Cid}
        """,
        [("Cid", "2026-03-12", [40000])],
        "2026-03-12",
        stages=("revenue",),
    )
    text = result.text.split("version: 1\n")[1]
    head = text.split("reps:\n")[0]
    assert head.startswith(
        "lang: zh\n"
        'period: {start: 2026-03-15, end: 2026-03-31, label: "2026-03 from 03-15"}\n'
        "calendar:\n"
        "  weekend: [fri, sat]\n"
        "  holidays: [2026-03-18..2026-03-19, 2026-03-25]\n"
        "  workdays: [2026-03-20, 2026-03-27]\n"
        "target: 60000\n"
        "stretch: 1\n"
        "funnel:\n"
        "  - {name: visits, label: Store visits, unit: count}\n"
        "  - {name: calls, unit: count}\n"
    )
    assert head.endswith(
        "ramp: [0.5, 0.75]\n"
        "carve_out:\n"
        "  - {name: Big, amount: 10000, owner: Cid}\n"
        "  - {name: Huge, amount: 30000}\n"
    )
    # Ann starts on the first day of the new period and Ben stays to its end: neither is
    # written; Ben's later start is.
    assert "  - name: Ann\n    quota: " in text and "    start: 2026-03-15" not in text
    assert "    start: 2026-03-17\n" in text and "    end:" not in text
    assert "decompose: Odd, Odd2" in " ".join(
        line.lstrip("# ") for line in comments(result).splitlines()
    )

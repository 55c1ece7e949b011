"""The review loop: diagnoses that name a conversion, ranks and tiers, the weekly and
monthly review, and notes about the actuals."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from goalsplit.cli import app
from goalsplit.funnel import ceil_fraction
from goalsplit.track import DEFAULT_TIER_SHARES, rank_tiers
from tests.conftest import EXAMPLES, dedent, errors_of

HEADER = "date,rep,revenue,pipeline,intents,deep_talks,connects,dials\n"
EXAMPLE = [str(EXAMPLES / "east-1-q1.yaml"), "-a", str(EXAMPLES / "east-1-q1-actuals.csv")]


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def setup(tmp_path: Path, plan: str, actuals: str) -> tuple[Path, Path]:
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(dedent(plan), encoding="utf-8")
    actuals_path = tmp_path / "actuals.csv"
    actuals_path.write_text(HEADER + dedent(actuals), encoding="utf-8")
    return plan_path, actuals_path


def track_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = invoke("track", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


# --- the diagnosis ----------------------------------------------------------------

# One rep, 20 working days, a quota of 600,000: 2,000,000 pipeline, 2,000 intents,
# 10,000 deep talks, 40,000 connects, 100,000 dials (60 of revenue per dial).
BIG = """
    period: {start: 2026-03-02, end: 2026-03-27}
    target: 600000
    rates: {pipeline: 0.30, intents: 1000, deep_talks: 0.20, connects: 0.25, dials: 0.40}
    reps:
      - name: Ann
"""


def test_every_rate_at_88_percent_of_plan_is_a_quality_problem_naming_the_costliest(
    tmp_path: Path,
) -> None:
    # Half-way (10 of 20 days) Ann made all 50,000 planned dials, but every stage converts
    # at 88 % of plan: 0.352 connects per dial (plan 0.40), 0.22 deep talks per connect,
    # 0.176 intents per deep talk, 880 pipeline per intent, 0.264 revenue per pipeline.
    # No stage is weak on its own (below 80 %), but 0.88^5 = 53 %: revenue 158,320 of the
    # 300,000 planned. Each conversion's shortfall, valued at the planned rates above it:
    #   dials:      50,000 x (0.40 - 0.352) = 2,400 connects x 15 (0.25 x 0.2 x 1000 x 0.3)
    #               = 36,000
    #   connects:   17,600 x 0.03 = 528 deep talks x 60 = 31,680
    #   deep talks: 3,872 x 0.024 = 92.928 intents x 300 = 27,878.4
    #   intents:    681.472 x 120 = 81,776.64 pipeline x 0.3 = 24,532.992
    #   pipeline:   599,695.36 x 0.036 = 21,589.03296
    # They add up to 300,000 - 158,319.57504 = 141,680.42496: the costliest is the first
    # conversion, dials -> connects.
    plan, actuals = setup(
        tmp_path,
        BIG,
        "2026-03-13,Ann,158319.57504,599695.36,681.472,3872,17600,50000\n",
    )
    ann = track_json(str(plan), "-a", str(actuals))["reps"][0]
    assert ann["status"] == "behind"  # never "on track"
    assert ann["classification"] == "quality"
    assert ann["compound"] is True
    assert ann["weakest_stage"] == "dials"
    lost = {name: rate["revenue_lost"] for name, rate in ann["rates"].items()}
    assert lost == pytest.approx(
        {
            "dials": 36000,
            "connects": 31680,
            "deep_talks": 27878.4,
            "intents": 24532.992,
            "pipeline": 21589.03296,
        }
    )
    assert sum(lost.values()) == pytest.approx(300000 - 158319.57504)
    for rate in ann["rates"].values():
        assert rate["judged"] and rate["actual"] == pytest.approx(0.88 * rate["planned"])
    for lang, words in [
        ("en", ["quality, spread over several stages", "connects per dial 0.35 against 0.40"]),
        ("zh", ["质量问题，分散在多个阶段", "每个外呼的外呼接通 0.35（计划 0.40）"]),
    ]:
        text = invoke("track", str(plan), "-a", str(actuals), "--lang", lang).stdout
        flat = "".join(text.split())
        assert all("".join(w.split()) in flat for w in words), text
    text = invoke("track", str(plan), "-a", str(actuals), "--lang", "en").stdout
    assert "cost 36,000 of revenue so far" in " ".join(text.split())
    assert "quality: Dials" not in text and "quality: Connects" not in text


def test_the_diagnosis_names_a_conversion_not_a_stage(tmp_path: Path) -> None:
    # Day 1: the 5,000 dials planned, 2,000 connects (0.40, as planned), but only 240 deep
    # talks: 0.12 deep talks per connect against 0.25, a weak conversion.
    plan, actuals = setup(tmp_path, BIG, "2026-03-02,Ann,14400,48000,48,240,2000,5000\n")
    ann = track_json(str(plan), "-a", str(actuals))["reps"][0]
    assert ann["classification"] == "quality" and ann["weakest_stage"] == "connects"
    text = " ".join(invoke("track", str(plan), "-a", str(actuals), "--lang", "en").stdout.split())
    assert "Ann — quality: deep talks per connect 0.12 against 0.25" in text


def test_rates_in_a_sentence() -> None:
    from goalsplit.render.report import rate_short

    assert rate_short(Fraction(12, 100)) == "0.12"
    assert rate_short(Fraction(1, 5)) == "0.20"
    assert rate_short(Fraction(1929, 10000)) == "0.19"
    assert rate_short(Fraction(123, 10000)) == "0.012"
    assert rate_short(Fraction(14985)) == "14,985"
    assert rate_short(Fraction(5, 2)) == "2.50"


def test_a_rep_behind_without_the_columns_to_tell_why(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(dedent(BIG), encoding="utf-8")
    actuals = tmp_path / "a.csv"
    actuals.write_text("date,rep,revenue\n2026-03-13,Ann,1000\n", encoding="utf-8")
    ann = track_json(str(plan), "-a", str(actuals))["reps"][0]
    assert ann["status"] == "behind" and ann["classification"] == "unknown"


# --- ranks and tiers ----------------------------------------------------------------

SEVEN = """
    period: {start: 2026-03-02, end: 2026-03-27}
    target: 70000
    rates: {pipeline: 0.30, intents: 10000, deep_talks: 0.20, connects: 0.25, dials: 0.40}
    reps:
      - {name: A}
      - {name: B}
      - {name: C}
      - {name: D}
      - {name: E}
      - {name: F}
      - {name: G}
"""


def test_tiers_of_a_seven_rep_team_with_a_tie(tmp_path: Path) -> None:
    # Seven equal quotas of 10,000 over 20 days: 2,500 planned through 03-06 (5 days).
    # Revenue 5,000 (200 %), 3,000 (120 %), 2,500 and 2,500 (100 %, a tie), 2,000, 1,500
    # and 500: ranks 1, 2, 3, 3, 5, 6, 7. 2-7-1 of seven: round(1.4) = 1 at the top,
    # round(0.7) = 1 (at least one) at the bottom, five in the middle.
    sold = {"A": 5000, "B": 3000, "C": 2500, "D": 2500, "E": 2000, "F": 1500, "G": 500}
    rows = "".join(f"2026-03-06,{rep},{amount},0,0,0,0,0\n" for rep, amount in sold.items())
    plan, actuals = setup(tmp_path, SEVEN, rows)
    doc = track_json(str(plan), "-a", str(actuals))
    places = {r["name"]: (r["rank"], r["tier"]) for r in doc["reps"]}
    assert places == {
        "A": (1, "top"),
        "B": (2, "middle"),
        "C": (3, "middle"),
        "D": (3, "middle"),
        "E": (5, "middle"),
        "F": (6, "middle"),
        "G": (7, "bottom"),
    }
    tiers = doc["team"]["tiers"]
    assert tiers == {
        "shares": [0.2, 0.7, 0.1],
        "top": ["A"],
        "middle": ["B", "C", "D", "E", "F"],
        "bottom": ["G"],
    }
    text = invoke("track", str(plan), "-a", str(actuals), "--lang", "en").stdout
    rows_shown = [line.split()[:2] for line in text.splitlines() if line[:3].strip().isdigit()]
    assert rows_shown == [["1", "A"], ["2", "B"], ["3", "C"], ["3", "D"], ["5", "E"], ["6", "F"],
                          ["7", "G"]]  # fmt: skip
    # 3-6-1 from the plan: round(2.1) = 2 at the top. B and C tie for second place, across
    # the boundary: both go to the top tier.
    sold["C"] = 3000
    rows = "".join(f"2026-03-06,{rep},{amount},0,0,0,0,0\n" for rep, amount in sold.items())
    plan, actuals = setup(tmp_path, SEVEN + "    tiers: [30%, 60%, 10%]\n", rows)
    doc = track_json(str(plan), "-a", str(actuals))
    assert doc["team"]["tiers"]["shares"] == [0.3, 0.6, 0.1]
    assert doc["team"]["tiers"]["top"] == ["A", "B", "C"]
    assert [r["rank"] for r in doc["reps"]] == [1, 2, 2, 4, 5, 6, 7]


def test_a_rep_without_a_plan_to_date_is_not_ranked(tmp_path: Path) -> None:
    plan, actuals = setup(
        tmp_path,
        SEVEN.replace("{name: G}", "{name: G, start: 2026-03-16}"),
        "2026-03-06,A,100,0,0,0,0,0\n",
    )
    doc = track_json(str(plan), "-a", str(actuals))
    assert doc["reps"][-1]["rank"] is None and doc["reps"][-1]["tier"] is None


@given(st.lists(st.fractions(min_value=0, max_value=300), min_size=1, max_size=40))
def test_tiers_keep_a_top_and_a_bottom(values: list[Fraction]) -> None:
    places = rank_tiers(values, DEFAULT_TIER_SHARES)
    ranks = [rank for rank, _ in places]
    assert all(rank is not None for rank in ranks)
    # Ties share a rank; a better value ranks above a worse one; a rank counts the
    # values above it (1, 2, 2, 4).
    for a, ra in zip(values, ranks, strict=True):
        assert ra == 1 + sum(1 for b in values if b > a)
        for b, rb in zip(values, ranks, strict=True):
            assert (a == b) == (ra == rb)
    tiers = [tier for _, tier in places]
    order = {"top": 0, "middle": 1, "bottom": 2}
    for a, ta in zip(values, tiers, strict=True):
        for b, tb in zip(values, tiers, strict=True):
            if a >= b:
                assert ta is not None and tb is not None and order[ta] <= order[tb]
    if len(set(values)) == len(values) and 5 <= len(values) <= 8:
        assert "top" in tiers and "bottom" in tiers


def test_tiers_in_the_plan_are_checked() -> None:
    base = dedent(SEVEN)
    assert errors_of(base + "tiers: [20%, 70%]\n") == [
        "plan.yaml:12:8: tiers: expected three shares, top, middle and bottom, that add up to "
        "100% (such as [20%, 70%, 10%]), got [0.20, 0.70]"
    ]
    assert errors_of(base + "tiers: [0.5, 0.6, 0.1]\n")[0].startswith(
        "plan.yaml:12:8: tiers: expected three shares"
    )
    assert errors_of(base + "tiers: [0.5, -0.1, 0.6]\n") == [
        "plan.yaml:12:14: tiers[1]: must be at least 0, got -0.1"
    ]


# --- notes about the actuals -------------------------------------------------------


def test_notes_about_the_actuals(tmp_path: Path) -> None:
    plan, actuals = setup(
        tmp_path,
        SEVEN,
        """
        2026-02-27,A,1,0,0,0,0,0
        2026-02-28,A,1,0,0,0,0,0
        2026-03-02,A,100,0,0,0,0,0
        2026-03-03,B,100,0,0,0,0,0
        2026-04-01,B,1,0,0,0,0,0
    """,
    )
    result = invoke("track", str(plan), "-a", str(actuals), "--as-of", "2026-03-06")
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if line]
    assert notes == [
        f"{actuals}: note: 5 reps of the plan have no rows, so nothing done is counted: "
        "C, D, E, F, G",
        f"{actuals}: note: 2 rows dated before the period (2026-03-02) were left out",
        f"{actuals}: note: 1 row dated after the period (2026-03-27) was left out",
        f"{actuals}: note: the actuals end on 2026-03-03: the days after it, up to "
        "2026-03-06, count as nothing done",
    ]
    doc = track_json(str(plan), "-a", str(actuals), "--as-of", "2026-03-06")
    assert len(doc["notes"]) == 4 and doc["notes"][1].startswith("2 rows dated before")
    assert doc["reps"][0]["stages"]["revenue"]["actual_to_date"] == 100.0
    zh = invoke("track", str(plan), "-a", str(actuals), "--as-of", "2026-03-06", "--lang", "zh")
    assert "2 行的日期在本期开始（2026-03-02）之前，已略过" in zh.stderr


def test_rows_outside_a_reps_own_days_are_counted_with_a_note(tmp_path: Path) -> None:
    """B joins on 03-09 and C leaves after 03-13: what they did outside those days is
    real revenue for the team, so it is counted, and the note says so."""
    plan, actuals = setup(
        tmp_path,
        SEVEN.replace("{name: B}", "{name: B, start: 2026-03-09}").replace(
            "{name: C}", "{name: C, end: 2026-03-13}"
        ),
        """
        2026-03-03,A,100,0,0,0,0,0
        2026-03-04,B,50,0,0,0,0,0
        2026-03-10,B,70,0,0,0,0,0
        2026-03-12,C,10,0,0,0,0,0
        2026-03-13,C,5,0,0,0,0,0
        2026-03-16,C,20,0,0,0,0,0
    """,
    )
    result = invoke("track", str(plan), "-a", str(actuals), "--as-of", "2026-03-20")
    assert result.exit_code == 0, result.stderr
    assert (
        f"{actuals}: note: 2 reps have rows dated outside their days in the plan; what they "
        "did then is counted: B (03-09 – 03-27), C (03-02 – 03-13)"
    ) in result.stderr.splitlines()
    doc = track_json(str(plan), "-a", str(actuals), "--as-of", "2026-03-20")
    actual = {r["name"]: r["stages"]["revenue"]["actual_to_date"] for r in doc["reps"]}
    assert actual["B"] == 120 and actual["C"] == 35  # C's last day, 03-13, is inside
    quiet = invoke("track", str(plan), "-a", str(actuals), "--as-of", "2026-03-20", "--rep", "A")
    assert "outside their days" in quiet.stderr  # a note on the file, whoever is shown
    # As of 03-16, C's row of that day is counted, so C is named.
    on_the_day = invoke("track", str(plan), "-a", str(actuals), "--as-of", "2026-03-16")
    assert "counted: B (03-09 – 03-27), C (03-02 – 03-13)" in on_the_day.stderr
    # As of 03-13, C's row of 03-16 is not counted yet: only B is named.
    early = invoke("track", str(plan), "-a", str(actuals), "--as-of", "2026-03-13")
    assert (
        f"{actuals}: note: 1 rep has rows dated outside their days in the plan; what they "
        "did then is counted: B (03-09 – 03-27)"
    ) in early.stderr.splitlines()


# --- the weekly and monthly review ------------------------------------------------


def test_weekly_review_of_the_example_checked_by_hand() -> None:
    # 李娜: quota 250,000 over 57 working days; a week's plan is the cumulative schedule
    # ceil(250,000 x k / 57) at its end minus at its start. W01 has one working day (the
    # make-up Sunday 01-04): ceil(4,385.96) = 4,386. W02: ceil(26,315.79) - 4,386 = 21,930.
    # W07 (02-09..02-15, with the make-up Saturday 02-14) has 6 working days; as of 02-13
    # it is unfinished and held to its plan through 02-13, day 31: ceil(135,964.91) -
    # ceil(114,035.09) = 135,965 - 114,036 = 21,929 (its whole plan: 140,351 - 114,036).
    # Actual revenue per week, summed from the example file by hand.
    doc = track_json(*EXAMPLE, "--by", "week")
    assert doc["by"] == "week"
    li = next(r for r in doc["reps"] if r["name"] == "李娜")
    rows = li["review"]
    assert [r["label"] for r in rows] == [f"2026-W0{k}" for k in range(1, 8)]
    assert [r["working_days"] for r in rows] == [1, 5, 5, 5, 5, 5, 6]
    revenue = [r["stages"]["revenue"] for r in rows]
    assert [c["planned"] for c in revenue] == [4386, 21930, 21930, 21930, 21930, 21930, 21929]
    assert [c["actual"] for c in revenue] == [0, 9395, 9012, 15171, 11526, 21323, 11464]
    assert [round(c["pct"], 1) for c in revenue[1:]] == [42.8, 41.1, 69.2, 52.6, 97.2, 52.3]
    assert revenue[-1]["planned_full"] == 26315
    assert [r["complete"] for r in rows] == [True] * 6 + [False]
    assert rows[-1]["through"] == "2026-02-13"
    # The weeks add up to the period to date.
    assert sum(c["planned"] for c in revenue) == li["stages"]["revenue"]["planned_to_date"]
    assert sum(c["actual"] for c in revenue) == li["stages"]["revenue"]["actual_to_date"]
    # Dials in W02: 3,174.6 over 57 days, ceil(334.17) - ceil(55.70) = 279; 283 made.
    assert rows[1]["stages"]["dials"] == {
        "planned": 279,
        "planned_full": 279,
        "actual": 283.0,
        "pct": pytest.approx(283 / 279 * 100),
    }
    # Every week the dials are there, and connects per dial is far below plan.
    assert {r["classification"] for r in rows} == {"quality"}
    assert {r["weakest_stage"] for r in rows} == {"dials"}
    # The team's rows add up over the reps.
    team = doc["team"]["review"]
    assert sum(r["stages"]["revenue"]["planned"] for r in team) == doc["team"]["planned_to_date"]
    text = invoke("track", *EXAMPLE, "--by", "week", "-r", "李娜", "--lang", "en").stdout
    assert "W07 02-09*    6  11,464 21,929 52%" in text
    assert "W02 01-05: quality: connects per dial 0.19 against 0.35" in text


def test_monthly_review_adds_up_to_the_period_to_date() -> None:
    doc = track_json(*EXAMPLE, "--by", "month")
    for rep in doc["reps"]:
        rows = rep["review"]
        assert [r["label"] for r in rows] == ["2026-01", "2026-02"]
        assert [r["complete"] for r in rows] == [True, False]
        for name, stage in rep["stages"].items():
            assert sum(r["stages"][name]["planned"] for r in rows) == stage["planned_to_date"]
    # 王芳 joined on 02-02: her January has no working days and nothing planned.
    wang = next(r for r in doc["reps"] if r["name"] == "王芳")
    assert wang["review"][0]["working_days"] == 0
    assert wang["review"][0]["stages"]["revenue"]["planned"] == 0


@pytest.mark.parametrize(
    ("lang", "fmt", "by"),
    [
        (lang, fmt, by)
        for by in ("week", "month")
        for lang in ("en", "zh")
        for fmt in ("table", "json", "csv", "markdown")
        if (lang == "en" or fmt != "json") and (by == "week" or fmt == "table")
    ],
)
def test_review_golden(lang: str, fmt: str, by: str, golden) -> None:  # type: ignore[no-untyped-def]
    result = invoke("track", *EXAMPLE, "--by", by, "-f", fmt, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    if fmt == "json":
        text = json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    suffix = {"table": "txt", "markdown": "md"}.get(fmt, fmt)
    golden(f"track/east-1-q1.by-{by}.{lang}.{suffix}", text)


# --- the evening card (today --actuals) and --share --------------------------------

EVENING = [
    "today",
    str(EXAMPLES / "east-1-q1.yaml"),
    "-r",
    "李娜",
    "-d",
    "2026-02-13",
    "-a",
    str(EXAMPLES / "east-1-q1-actuals.csv"),
]


def test_the_evening_card_gives_the_numbers_track_gives() -> None:
    result = invoke(*EVENING, "-f", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    evening = doc["evening"]
    li = next(
        r for r in track_json(*EXAMPLE, "--as-of", "2026-02-13")["reps"] if r["name"] == "李娜"
    )
    assert evening["period_to_date"]["planned"] == {
        name: s["planned_to_date"] for name, s in li["stages"].items()
    }
    assert evening["period_to_date"]["done"] == {
        name: s["actual_to_date"] for name, s in li["stages"].items()
    }
    assert evening["catch_up"]["per_day"] == li["catch_up"]["per_day"]
    assert evening["catch_up"]["next_day"] == li["catch_up"]["next_day"]
    assert evening["status"] == li["status"] and evening["weakest_stage"] == "dials"
    # The day's targets are the card's (plan --daily's) for 02-13, and what was done that
    # day is the example's row: 0 revenue, 3 deep talks, 11 connects, 57 dials.
    assert evening["targets"] == doc["targets"]
    assert evening["done"]["dials"] == 57.0 and evening["done"]["revenue"] == 0.0
    # This week so far (02-09..02-13): the week's schedule through 02-13, 21,929 (see the
    # weekly review), against 11,464 done.
    assert evening["week"]["planned_to_date"]["revenue"] == 21929
    assert evening["week"]["done"]["revenue"] == 11464.0
    # Tomorrow is the make-up Saturday 02-14, its plan targets as plan --daily gives them.
    assert evening["tomorrow"]["date"] == "2026-02-14"
    tomorrow = json.loads(invoke(*EVENING[:5], "2026-02-14", "-f", "json").stdout)
    assert evening["tomorrow"]["targets"] == tomorrow["targets"]


def test_the_next_working_day_is_tomorrow_only_when_it_is() -> None:
    """02-14 (a make-up Saturday) follows 02-13: "Tomorrow". After the make-up Saturday
    comes the Spring Festival: the next working day is 02-24, "Next working day"."""
    friday = invoke(*EVENING, "--share").stdout
    assert "Tomorrow, Sat 02-14: " in friday
    saturday = [*EVENING[:5], "2026-02-14", *EVENING[6:]]
    share = invoke(*saturday, "--share").stdout
    assert "Next working day, Tue 02-24: " in share and "Tomorrow" not in share
    card = invoke(*saturday).stdout
    assert "Next working day, Tue 02-24: " in card
    assert "下一个工作日 02-24 周二：" in invoke(*saturday, "--lang", "zh").stdout


def test_share_needs_actuals() -> None:
    result = invoke(*EVENING[:6], "--share")
    assert result.exit_code == 2
    assert "--share needs --actuals" in result.stderr


def test_an_evening_for_a_rep_without_rows(tmp_path: Path) -> None:
    plan, actuals = setup(tmp_path, SEVEN, "2026-03-02,A,100,0,0,0,0,0\n")
    result = invoke("today", str(plan), "-r", "B", "-d", "2026-03-02", "-a", str(actuals))
    assert result.exit_code == 0
    assert "B has no rows, so nothing done is counted" in result.stderr
    # A Saturday: no target, the week so far, tomorrow is Monday.
    result = invoke(
        "today", str(plan), "-r", "A", "-d", "2026-03-07", "-a", str(actuals), "-f", "json"
    )
    evening = json.loads(result.stdout)["evening"]
    assert evening["working_day"] is False and set(evening["targets"].values()) == {0}
    assert evening["week"]["done"]["revenue"] == 100.0
    assert evening["tomorrow"]["date"] == "2026-03-09"
    assert "the actuals end on 2026-03-02" in result.stderr


@pytest.mark.parametrize(
    ("lang", "fmt"),
    [
        (lang, fmt)
        for lang in ("en", "zh")
        for fmt in ("table", "json", "csv", "markdown", "share")
        if lang == "en" or fmt != "json"
    ],
)
def test_evening_golden(lang: str, fmt: str, golden) -> None:  # type: ignore[no-untyped-def]
    extra = ["--share"] if fmt == "share" else ["-f", fmt]
    result = invoke(*EVENING, *extra, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    if fmt == "json":
        text = json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    suffix = {"table": "txt", "markdown": "md", "share": "share.txt"}.get(fmt, fmt)
    golden(f"today/east-1-q1.evening.{lang}.{suffix}", text)


# --- replan -------------------------------------------------------------------------

# 57 working days (2026-01-05 .. 2026-03-24, weekends off, no public holidays); Cat
# leaves on day 30 (Fri 2026-02-13). Shares by weight x working days: Ann 57, Ben 57,
# Cat 2 x 30 = 60 of 174, so the 174,000 target gives 57,000, 57,000 and 60,000.
# Rates: 2 pipeline per revenue, 1,000 pipeline per intent, 2 deep talks per intent,
# 2 connects per deep talk, 2 dials per connect: 16 dials per 1,000 of revenue.
LEAVER = """
    period: {start: 2026-01-05, end: 2026-03-24}
    target: 174000
    rates: {pipeline: 0.5, intents: 1000, deep_talks: 0.5, connects: 0.5, dials: 0.5}
    reps:
      - name: Ann
      - name: Ben
      - name: Cat
        weight: 2
        end: 2026-02-13
"""
LEAVER_ACTUALS = """
    2026-02-13,Ann,30000,60000,60,120,240,480
    2026-02-13,Ben,20000,40000,40,80,160,320
    2026-02-13,Cat,25000,50000,50,100,200,400
"""


def test_replan_after_a_rep_leaves_checked_by_hand(tmp_path: Path) -> None:
    plan, actuals = setup(tmp_path, LEAVER, LEAVER_ACTUALS)
    before = track_json(str(plan), "-a", str(actuals))
    assert [r["quota"] for r in before["reps"]] == [57000.0, 57000.0, 60000.0]
    new = tmp_path / "rest.yaml"
    result = invoke(
        "replan", str(plan), "-a", str(actuals), "--as-of", "2026-02-13", "-o", str(new)
    )
    assert result.exit_code == 0, result.stderr
    text = new.read_text(encoding="utf-8")
    # The period from the next working day, Mon 02-16, to 03-24: 27 working days.
    assert "period: {start: 2026-02-16, end: 2026-03-24," in text
    # The target: 174,000 - 75,000 of revenue to date = 99,000.
    assert "\ntarget: 99000\n" in text
    # Ann owes 57,000 - 30,000 = 27,000 and Ben 57,000 - 20,000 = 37,000. Cat left with
    # 60,000 - 25,000 = 35,000 not delivered, re-split by weight x days left (1 x 27 each):
    # 17,500 each. New quotas 44,500 and 54,500 (99,000 together: the target).
    assert "  - name: Ann\n    quota: 44500\n" in text
    assert "  - name: Ben\n    quota: 54500\n" in text
    assert "name: Cat" not in text
    assert "Left: Cat (last day 2026-02-13); 35,000 of their quota not delivered" in text
    # The actuals convert exactly at the plan's rates: refreshed, they stay the same.
    assert (
        "rates: {pipeline: 0.5, intents: 1000, deep_talks: 0.5, connects: 0.5, dials: 0.5}" in text
    )
    assert invoke("check", str(new), "--strict").exit_code == 0
    # goalsplit plan on the new file: 27 days; Ann 44,500 = 1,648.15 a day (the first
    # day ceil(44,500 / 27) = 1,649), 712 dials (16 per 1,000) = 26.4 a day, 27 the first
    # day; Ben 54,500 = 2,018.52 a day, 872 dials = 32.3 a day.
    doc = json.loads(invoke("plan", str(new), "-f", "json", "--daily").stdout)
    assert doc["period"]["working_days"] == 27 and doc["target"] == 99000.0
    ann, ben = doc["reps"]
    assert (ann["quota"], ben["quota"]) == (44500.0, 54500.0)
    assert ann["stages"]["dials"]["total_ceil"] == 712
    assert ann["stages"]["revenue"]["per_day"] == pytest.approx(44500 / 27)
    assert ann["stages"]["dials"]["per_day"] == pytest.approx(712 / 27)
    assert ann["days"][0] == {
        "date": "2026-02-16",
        "targets": {
            "revenue": 1649,
            "pipeline": 3297,
            "intents": 4,
            "deep_talks": 7,
            "connects": 14,
            "dials": 27,
        },
    }
    assert ben["stages"]["dials"]["total_ceil"] == 872
    assert ben["days"][0]["targets"]["revenue"] == 2019
    # The replan's own numbers are the plan's: the new file worked out in the tests' way.
    from goalsplit.worked import work_out

    worked = work_out(new)
    assert worked.breakdown is not None and not worked.errors
    assert [int(r.quota) for r in worked.breakdown.reps] == [44500, 54500]


def test_replan_raises_a_rep_past_the_quota_to_the_next_tier(tmp_path: Path) -> None:
    # Ann has made 60,000 of her 57,000: the next tier, high performer (120 %), is 68,400,
    # 8,400 more. Ben has made 86,000, past the benchmark (85,500): his pace, 86,000 over
    # 30 days, over the 27 days left is 77,400.
    actuals = LEAVER_ACTUALS.replace("Ann,30000", "Ann,60000").replace("Ben,20000", "Ben,86000")
    plan, actuals_path = setup(tmp_path, LEAVER, actuals)
    result = invoke("replan", str(plan), "-a", str(actuals_path), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    # 17,500 each of Cat's 35,000, as above.
    assert "  - name: Ann\n    quota: 25900\n" in text
    assert "  - name: Ben\n    quota: 94900\n" in text
    assert "\ntarget: 3000\n" in text  # 174,000 - 171,000
    flat = " ".join(line.lstrip("# ") for line in text.splitlines())
    assert "raised to the next tier, high performer, 8,400 more" in flat


def test_replan_refuses_what_cannot_be_replanned(tmp_path: Path) -> None:
    plan, actuals = setup(tmp_path, LEAVER, LEAVER_ACTUALS)
    # The output may not be an input.
    refused = invoke("replan", str(plan), "-a", str(actuals), "-o", str(plan))
    assert refused.exit_code == 2 and "refusing to overwrite the plan file" in refused.stderr
    # No day left after the as-of date.
    late = invoke("replan", str(plan), "-a", str(actuals), "--as-of", "2026-03-24")
    assert late.exit_code == 2 and "no working day is left after 2026-03-24" in late.stderr
    # The target already made.
    rich = LEAVER_ACTUALS.replace("Ann,30000", "Ann,180000")
    plan, actuals = setup(tmp_path, LEAVER, rich)
    made = invoke("replan", str(plan), "-a", str(actuals))
    assert made.exit_code == 2 and "nothing is left to re-plan" in made.stderr
    # No revenue column.
    actuals.write_text("date,rep,dials\n2026-02-13,Ann,10\n", encoding="utf-8")
    blind = invoke("replan", str(plan), "-a", str(actuals))
    assert blind.exit_code == 2 and "the actuals have no revenue column" in blind.stderr


def test_replan_keeps_names_and_labels_as_written(tmp_path: Path) -> None:
    plan, actuals = setup(
        tmp_path,
        """
        team: "yes"
        period: 2026-03
        target: 1000
        funnel: [{name: visits, label: "Visits: field", unit: count}]
        rates: {visits: 500}
        tiers: [30%, 60%, 10%]
        reps:
          - name: "007"
          - name: "null"
            leave: [2026-02-20..2026-03-03, 2026-03-30..2026-04-02]
        """.replace("2026-02-20", "2026-03-02"),
        "",
    )
    actuals.write_text("date,rep,revenue,visits\n2026-03-02,007,100,1\n", encoding="utf-8")
    new = tmp_path / "new.yaml"
    result = invoke("replan", str(plan), "-a", str(actuals), "-o", str(new))
    assert result.exit_code == 0, result.stderr
    text = new.read_text(encoding="utf-8")
    assert 'team: "yes"' in text and 'name: "007"' in text and 'name: "null"' in text
    assert 'label: "Visits: field"' in text and "tiers: [0.3, 0.6, 0.1]" in text
    assert "leave: [2026-03-03, 2026-03-30..2026-03-31]" in text
    checked = invoke("check", str(new))
    assert checked.exit_code == 0, checked.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_replan_golden(lang: str, golden, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(EXAMPLES.parent)  # the comment names the plan as given
    result = invoke(
        "replan", "examples/east-1-q1.yaml", "-a", "examples/east-1-q1-actuals.csv", "--lang", lang
    )
    assert result.exit_code == 0, result.stderr
    golden(f"replan/east-1-q1.{lang}.yaml", result.stdout)


@given(
    st.lists(st.integers(min_value=0, max_value=120_000), min_size=3, max_size=3),
    st.sampled_from(["2026-01-16", "2026-02-13", "2026-03-02", "2026-03-23"]),
)
def test_a_replan_is_always_a_valid_plan_that_covers_the_target(
    sold: list[int], as_of: str
) -> None:
    from datetime import date

    from goalsplit.load import parse_plan
    from goalsplit.replan import ReplanError, replan
    from goalsplit.track import Actuals
    from goalsplit.worked import work_out_text

    loaded = parse_plan(dedent(LEAVER).encode(), "plan.yaml")
    worked = work_out_text(dedent(LEAVER))
    assert worked.breakdown is not None
    actuals = Actuals(("revenue", "pipeline", "intents", "deep_talks", "connects", "dials"))
    for name, revenue in zip(["Ann", "Ben", "Cat"], sold, strict=True):
        actuals.add(name, date(2026, 1, 16), [revenue, 2 * revenue, revenue // 500, 7, 20, 45])
    try:
        result = replan(loaded.plan, worked.breakdown, actuals, date.fromisoformat(as_of), "p")
    except ReplanError:
        assert sum(sold) >= 174000
        return
    new = work_out_text(result.text)
    assert new.breakdown is not None, new.issues
    assert not [w for w in new.issues if w.severity == "warning" and "quota" in w.template]
    quotas = [rep.quota for rep in new.breakdown.reps]
    assert quotas == [rep.new_quota for rep in result.reps]
    assert sum(quotas) >= new.breakdown.target == result.target


SHAPED_LEAVER = """
    period: {start: 2026-01-05, end: 2026-03-24}
    target: 174000
    seasonality: {3: 1.5}
    buffer: 10%
    cycle: 2
    carve_out: [{name: New line, amount: 1000}]
    rates: {pipeline: 0.5, intents: 1000, deep_talks: 0.5, connects: 0.5, dials: 0.5}
    reps:
      - name: Ann
        hired: 2026-01-05
        ramp: [50%, 50%]
      - name: Ben
        ramp: none
        cycle: 3
      - name: Cat
        weight: 2
        end: 2026-02-13
"""


def test_replan_keeps_the_shaping_and_splits_by_the_days_weights(tmp_path: Path) -> None:
    plan, actuals = setup(tmp_path, SHAPED_LEAVER, LEAVER_ACTUALS)
    from goalsplit.worked import work_out

    worked = work_out(plan)
    assert worked.breakdown is not None
    quotas = {rep.name: rep.quota for rep in worked.breakdown.reps}
    assert sum(quotas.values()) == 173000  # 174,000 less the carve-out
    new = tmp_path / "rest.yaml"
    result = invoke(
        "replan", str(plan), "-a", str(actuals), "--as-of", "2026-02-13", "-o", str(new)
    )
    assert result.exit_code == 0, result.stderr
    text = new.read_text(encoding="utf-8")
    for line in (
        "seasonality: {3: 1.5}",
        "buffer: 0.1",
        "cycle: 2",
        "carve_out:\n  - {name: New line, amount: 1000}",
        "    hired: 2026-01-05\n    ramp: [0.5, 0.5]",
        "    ramp: none\n    cycle: 3",
    ):
        assert line in text, line
    # Cat's undelivered quota goes by weight x the weight of the days left: Ann is at 50 %
    # until 03-04 (her second month of tenure), March weighs 1.5. Ann: 10 February days
    # x 0.5 + 3 March days x 1.5 x 0.5 + 14 March days x 1.5 = 28.25; Ben: 10 + 17 x 1.5
    # = 35.5.
    pool = quotas["Cat"] - 25000
    ann = quotas["Ann"] - 30000 + pool * Fraction(2825, 2825 + 3550)
    ben = quotas["Ben"] - 20000 + pool * Fraction(3550, 2825 + 3550)
    assert f"  - name: Ann\n    quota: {ceil_fraction(ann)}\n" in text
    assert f"  - name: Ben\n    quota: {ceil_fraction(ben)}\n" in text
    check = invoke("check", str(new), "--strict")
    assert check.exit_code == 0, check.stdout + check.stderr


def test_replan_cuts_a_cycle_to_fit_the_days_left(tmp_path: Path) -> None:
    """Found by the fuzz suite: a cycle carried over as written was as long as what was
    left of the period, so the new plan did not pass check. After Fri 2026-03-20 two
    working days are left (03-23, 03-24): the team's cycle of 2 and Ben's of 3 become 1."""
    plan, actuals = setup(tmp_path, SHAPED_LEAVER, LEAVER_ACTUALS)
    new = tmp_path / "rest.yaml"
    result = invoke(
        "replan", str(plan), "-a", str(actuals), "--as-of", "2026-03-20", "-o", str(new)
    )
    assert result.exit_code == 0, result.stderr
    text = new.read_text(encoding="utf-8")
    assert "period: {start: 2026-03-23, end: 2026-03-24" in text
    assert "\ncycle: 1\n" in text
    assert "    ramp: none\n    cycle: 1\n" in text
    comments = " ".join(line[1:].strip() for line in text.splitlines() if line.startswith("#"))
    assert (
        "cycle: a sales cycle is shorter than its period: cut to 1, one less than the "
        "working days left (2)" in comments
    )
    check = invoke("check", str(new))
    assert check.exit_code == 0, check.stdout + check.stderr
    # Three days left (from Fri 03-20): Ben's cycle of 3 is exactly as long: cut to 2.
    result = invoke(
        "replan", str(plan), "-a", str(actuals), "--as-of", "2026-03-19", "-o", str(new)
    )
    assert result.exit_code == 0, result.stderr
    text = new.read_text(encoding="utf-8")
    assert "    ramp: none\n    cycle: 2\n" in text
    assert "cut to 2, one less than the working days left (3)" in " ".join(
        line[1:].strip() for line in text.splitlines() if line.startswith("#")
    )
    zh = invoke(
        "replan", str(plan), "-a", str(actuals), "--as-of", "2026-03-19", "--lang", "zh"
    ).stdout
    assert "销售周期" in zh and "cut to" not in zh  # the comment in the plan's language
    # A plan without any cycle says nothing of cycles, even with one working day left.
    (tmp_path / "plain").mkdir()
    plain, plain_actuals = setup(tmp_path / "plain", LEAVER, LEAVER_ACTUALS)
    text = invoke("replan", str(plain), "-a", str(plain_actuals), "--as-of", "2026-03-23").stdout
    assert "a sales cycle" not in text and "\ncycle:" not in text
    # With one working day left there is no cycle at all.
    result = invoke(
        "replan", str(plan), "-a", str(actuals), "--as-of", "2026-03-23", "-o", str(new)
    )
    assert result.exit_code == 0, result.stderr
    text = new.read_text(encoding="utf-8")
    assert "\ncycle:" not in text
    assert "    cycle: 0\n" in text
    assert invoke("check", str(new)).exit_code == 0

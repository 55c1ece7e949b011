"""What a plan may hold: nesting, size, reps, the range of every number, real dates; and
text kept as written. Each limit is a located error, never a crash or a hang."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goalsplit.cli import app
from goalsplit.errors import PlanError
from goalsplit.limits import MAX_NESTING, MAX_PLAN_BYTES, MAX_REPS, RANGE_TEXT
from goalsplit.load import load_plan, parse_plan
from tests.conftest import breakdown_of, dedent, errors_of

RATES = "rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}"
OUT_OF_RANGE = f"is out of range: a number must be {RANGE_TEXT}"


def plan_text(replace: dict[str, str] | None = None) -> str:
    text = dedent(f"""
        period: 2026-03
        target: 1000
        {RATES}
        reps:
          - name: A
          - name: B
    """)
    for old, new in (replace or {}).items():
        text = text.replace(old, new, 1)
    return text


def problems(text: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        parse_plan(text, "plan.yaml")
    return [str(issue) for issue in caught.value.issues]


# --- nesting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        "[" * 1_000 + "]" * 1_000,
        "{a: " * 100_000,
        "a: " + "{a: " * 30 + "1" + "}" * 30,
        "- " * 50_000 + "x\n",
        "".join(" " * i + "a:\n" for i in range(3_000)),
        "reps:\n" + "".join("  " * i + "- \n" for i in range(1, 2_000)),
    ],
    ids=["flow lists", "closed lists", "flow maps", "short", "block lists", "block maps", "deep"],
)
def test_deep_nesting_is_a_located_error(text: str) -> None:
    errors = problems(text)
    assert len(errors) == 1
    assert f"nested more than {MAX_NESTING} levels deep" in errors[0]
    assert errors[0].startswith("plan.yaml:")


def test_nesting_up_to_the_limit_is_a_validation_matter() -> None:
    depth = MAX_NESTING - 1  # the plan itself is the first level
    errors = problems(plan_text() + "team: " + "[" * depth + "]" * depth + "\n")
    assert errors == ["plan.yaml:7:7: team: must be text, got […]"]


# --- sizes -------------------------------------------------------------------------------


def test_a_plan_above_the_size_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as caught:
        load_plan("/dev/zero")  # endless: reading it all would never finish
    assert str(caught.value.issues[0]) == (
        f"/dev/zero: the plan is larger than {MAX_PLAN_BYTES // 2**20} MB, the most a plan "
        "file may hold"
    )
    path = tmp_path / "big.yaml"
    path.write_text("# " + "x" * MAX_PLAN_BYTES + "\n")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 3
    assert "the plan is larger than 8 MB" in result.stderr


def test_more_reps_than_the_limit_is_a_located_error() -> None:
    text = plan_text().replace(
        "  - name: B\n", "".join(f"  - {{name: r{i}}}\n" for i in range(MAX_REPS))
    )
    errors = problems(text)
    assert errors == [
        f"plan.yaml:{5 + MAX_REPS}:5: reps[{MAX_REPS}]: more than {MAX_REPS} reps; split the team "
        "into several plans"
    ]


# --- one range rule for every number -------------------------------------------------------

NUMERIC_FIELDS = [
    ("target: 1000", "target: {}", "target"),
    ("  - name: A", "  - {{name: A, weight: {}}}", "reps[0].weight"),
    ("  - name: A", "  - {{name: A, quota: {}}}", "reps[0].quota"),
    ("dials: 0.5", "dials: {}", "rates.dials"),
    ("target: 1000", "target: 1000\nstretch: {}", "stretch"),
    ("  - name: A", "  - {{name: A, rates: {{dials: {}}}}}", "reps[0].rates.dials"),
]
HUGE_OR_TINY = [
    "1e999999999",
    "-1e999999999",
    "1e99999999999999999999999999999991",  # beyond what Decimal holds
    "1e-99999999",
    "1e309",
    "1e13",
    "1_000_000_000_001",
    "9" * 5000,
    "0x" + "f" * 100,
    "1e-10",
    ".inf",
    "-.inf",
    "1.0000000000000000000000000000001",
    '"1e999999999"',
]


@pytest.mark.parametrize("written", HUGE_OR_TINY)
@pytest.mark.parametrize(("old", "new", "where"), NUMERIC_FIELDS)
def test_numbers_out_of_range_are_one_located_error(
    written: str, old: str, new: str, where: str
) -> None:
    text = plan_text({old: new.format(written)})
    errors = problems(text)
    shown = written.strip('"')
    assert len(errors) == 1, errors
    assert errors[0].endswith(f"{where}: {shown} {OUT_OF_RANGE}")


def test_the_same_rule_and_message_for_target_and_stretch() -> None:
    errors = problems(plan_text({"target: 1000": "target: 1e309\nstretch: 1e309"}))
    assert errors == [
        f"plan.yaml:2:9: target: 1e309 {OUT_OF_RANGE}",
        f"plan.yaml:3:10: stretch: 1e309 {OUT_OF_RANGE}",
    ]


def test_percentages_are_held_to_the_range_too() -> None:
    errors = problems(plan_text({"target: 1000": "target: 1000\nstretch: 0.00000001%"}))
    assert errors == [f"plan.yaml:3:10: stretch: 0.00000001% {OUT_OF_RANGE}"]
    errors = problems(plan_text({"target: 1000": "target: 1000\nstretch: 1" + "0" * 40 + "%"}))
    assert len(errors) == 1 and OUT_OF_RANGE in errors[0]
    assert parse_plan(plan_text({"dials: 0.5": "dials: 0.000001%"})).plan.rates["dials"] == Decimal(
        "1e-8"
    )


def test_numbers_at_the_edges_of_the_range_are_accepted() -> None:
    plan = parse_plan(
        plan_text(
            {
                "target: 1000": "target: 1e12",
                "dials: 0.5": "dials: 1e-9",
                "  - name: B": "  - {name: B, weight: 0.5}",
            }
        )
    ).plan
    assert plan.target == 10**12
    assert plan.rates["dials"] == Decimal("1e-9")
    long = "1." + "1" * 29  # 30 digits
    assert parse_plan(plan_text({"target: 1000": f"target: {long}"})).plan.target == Decimal(long)


def test_other_numbers_are_held_to_the_range() -> None:
    text = plan_text() + "history: {file: h.csv, prior: 1e13, months: 1e999}\n"
    assert problems(text) == [
        f"plan.yaml:7:31: history.prior: 1e13 {OUT_OF_RANGE}",
        f"plan.yaml:7:45: history.months: 1e999 {OUT_OF_RANGE}",
    ]


def test_many_months_of_history_mean_all_of_it() -> None:
    plan = parse_plan(plan_text() + "history: {file: h.csv, months: 100000}\n").plan
    assert plan.history_window()[0] is not None  # no "year 0 is out of range" crash


# --- text is text as written ---------------------------------------------------------------


def test_names_and_labels_are_kept_as_written() -> None:
    loaded = parse_plan(
        plan_text(
            {
                "  - name: A": "  - name: 007\n  - name: 1e3\n  - name: 0x1F\n  - name: 1e999",
                "  - name: B": "  - name: 1_000\n  - name: -0.50",
            }
        )
        + dedent("""
            team: 2026
            currency: 0001
            history: 2025
            funnel: [{name: deals, label: 1.10}]
        """)
    )
    plan = loaded.plan
    assert [rep.name for rep in plan.reps] == ["007", "1e3", "0x1F", "1e999", "1_000", "-0.50"]
    assert (plan.team, plan.currency) == ("2026", "0001")
    assert plan.history is not None and plan.history.file == "2025"
    assert plan.funnel is not None and plan.funnel[0].label == "1.10"


def test_numbers_in_numeric_fields_are_unchanged() -> None:
    plan = parse_plan(
        plan_text({"target: 1000": "target: 1_000.50", "  - name: A": "  - {name: A, weight: 07}"})
    ).plan
    assert plan.target == Decimal("1000.50")
    assert plan.reps[0].weight == 7
    assert type(plan.target) is Decimal and type(plan.reps[0].weight) is Decimal


# --- one root cause, one error ---------------------------------------------------------------


def test_a_plan_without_rates_is_one_error() -> None:
    assert errors_of("""
        period: 2026-03
        target: 1000
        reps:
          - name: A
            rates: {dials: 0.4}
          - name: B
          - name: C
          - name: D
          - name: E
    """) == [
        "plan.yaml:1:1: rates: the team's rates are missing: give a rate for pipeline, intents, "
        "deep_talks, connects, dials under rates: (or in every rep's rates:)"
    ]


def test_end_before_start_is_one_error() -> None:
    text = f"""
        period: 2026-03
        target: 1000
        {RATES}
        reps:
          - name: A
            start: 2026-03-20
            end: 2026-02-10
          - name: B
    """
    with pytest.raises(PlanError) as caught:
        breakdown_of(text)
    assert [str(issue) for issue in caught.value.issues] == [
        "plan.yaml:7:10: reps[0].end: end 2026-02-10 is before start 2026-03-20"
    ]  # no "this rep has no working days" warning that only follows from it


def test_a_misspelt_required_key_is_one_error() -> None:
    assert problems(plan_text({"  - name: A": "  - nmae: A"})) == [
        "plan.yaml:5:5: reps[0].nmae: unknown key 'nmae'; did you mean 'name'? expected one of: "
        "name, weight, quota, rates, start, end, leave, hired, ramp, cycle, floors, capacity"
    ]


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2026-02-30", "2026-02-30 does not exist: February 2026 has 28 days"),
        ("2024-02-30", "2024-02-30 does not exist: February 2024 has 29 days"),
        ("2026-04-31", "2026-04-31 does not exist: April 2026 has 30 days"),
        ("2026-13-01", "2026-13-01 does not exist: there is no month 13"),
        ("0001-01-01", "0001-01-01 is outside the dates goalsplit accepts, 1900-01-01..2199-12-31"),
        ("9999-12-31", "9999-12-31 is outside the dates goalsplit accepts, 1900-01-01..2199-12-31"),
        ("1899-12-31", "1899-12-31 is outside the dates goalsplit accepts, 1900-01-01..2199-12-31"),
    ],
)
@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("period: 2026-03", "period: {{start: {}, end: 2026-03-31}}", "period.start"),
        ("  - name: A", "  - {{name: A, start: {}}}", "reps[0].start"),
        ("  - name: A", "  - {{name: A, end: {}}}", "reps[0].end"),
        ("  - name: A", "  - {{name: A, leave: [{}]}}", "reps[0].leave[0]"),
        ("  - name: A", "  - {{name: A, leave: ['{}..2026-03-03']}}", "reps[0].leave[0]"),
        (
            "target: 1000",
            "target: 1000\ncalendar: {{holidays: [{}]}}",
            "calendar.holidays[0]",
        ),
        (
            "target: 1000",
            "target: 1000\ncalendar: {{workdays: [{}]}}",
            "calendar.workdays[0]",
        ),
        (
            "target: 1000",
            "target: 1000\nhistory: {{file: h.csv, since: {}}}",
            "history.since",
        ),
        (
            "target: 1000",
            "target: 1000\nhistory: {{file: h.csv, until: {}}}",
            "history.until",
        ),
    ],
)
def test_dates_that_do_not_exist_or_are_out_of_range(
    written: str, message: str, old: str, new: str, where: str
) -> None:
    text = plan_text({old: new.format(written)})
    lines = text.splitlines()
    line = next(i for i, t in enumerate(lines, 1) if written in t)
    column = lines[line - 1].index(written) + 1
    column -= lines[line - 1][column - 2] == "'"  # a quoted range starts at its quote
    assert problems(text) == [f"plan.yaml:{line}:{column}: {where}: {message}"]


@pytest.mark.parametrize(
    "period", ["9999-Q4", "0001", "0001-H1", "9999-12", "1899-W52", "2200-W01", "0000", "2200"]
)
def test_periods_out_of_range_are_located_errors(period: str) -> None:
    errors = problems(plan_text({"period: 2026-03": f"period: {period}"}))
    assert errors == [
        f"plan.yaml:1:9: period: {period} is outside the dates goalsplit accepts, "
        "1900-01-01..2199-12-31"
    ]


def test_periods_at_the_edges_of_the_range_work() -> None:
    for period in ("1900-01", "2199-Q4", "2199-W52", "1900"):
        plan = parse_plan(plan_text({"period: 2026-03": f"period: {period}"})).plan
        assert plan.period.start.year in (1900, 2199)


def test_a_holiday_range_over_centuries_is_refused_at_once() -> None:
    text = plan_text(
        {"target: 1000": "target: 1000\ncalendar: {holidays: [0001-01-01..9999-12-30]}"}
    )
    assert problems(text) == [
        "plan.yaml:3:23: calendar.holidays[0]: 0001-01-01 is outside the dates goalsplit "
        "accepts, 1900-01-01..2199-12-31"
    ]


def test_a_mapping_or_a_list_far_longer_than_any_plan_needs_is_refused_at_once() -> None:
    keys = ", ".join(f"s{i}: 1" for i in range(200_000))
    text = plan_text({"  - name: A": f"  - {{name: A, rates: {{{keys}}}}}"})
    column = text.splitlines()[4].index(" s100:") + 2
    assert problems(text) == [
        f"plan.yaml:5:{column}: reps[0].rates.s100: more than 100 keys in one mapping; a plan "
        "needs far fewer"
    ]
    days = ", ".join(["2026-03-02"] * 500_000)
    errors = problems(
        plan_text({"target: 1000": f"target: 1000\ncalendar: {{holidays: [{days}]}}"})
    )
    assert len(errors) == 1
    assert errors[0].endswith(
        "calendar.holidays[1000]: more than 1000 items in one list; a plan needs far fewer"
    )


def test_at_most_a_hundred_problems_are_listed_and_the_rest_counted() -> None:
    reps = "".join(f"  - {{name: r{i}, weight: -1, start: 2026-02-30}}\n" for i in range(5_000))
    errors = problems(plan_text({"  - name: A\n  - name: B\n": reps}))
    assert len(errors) == 101
    assert errors[-1] == "plan.yaml: … and 9900 more problems"
    assert errors[0].startswith("plan.yaml:5:")
    # The same for problems found once the plan is read (many reps with a bad stage).
    reps = "".join(f"  - {{name: r{i}, rates: {{dails: 0.4}}}}\n" for i in range(500))
    found = errors_of(plan_text({"  - name: A\n  - name: B\n": reps}))
    assert len(found) == 101 and found[-1] == "plan.yaml: … and 400 more problems"

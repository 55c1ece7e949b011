"""Bad input gets a clear error naming the line and column, all errors at once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goalsplit.errors import PlanError
from goalsplit.i18n import stage_label
from goalsplit.limits import RANGE_TEXT
from goalsplit.load import parse_plan
from tests.conftest import breakdown_of, dedent, errors_of

RATES = "rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}"


def load_errors(yaml_text: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        parse_plan(dedent(yaml_text), "plan.yaml")
    return [str(issue) for issue in caught.value.issues]


def test_yaml_syntax_error_names_the_line() -> None:
    errors = load_errors("""
        period: 2026-03
        target: [1000
        reps: []
    """)
    assert errors == [
        "plan.yaml:2:9: the '[' opened here is never closed, or a ',' is missing between items"
    ]


def test_duplicate_keys_are_errors_not_silently_overwritten() -> None:
    errors = load_errors(f"""
        period: 2026-03
        target: 1000
        {RATES}
        target: 2000
        reps: [{{name: A}}]
    """)
    assert errors == ["plan.yaml:4:1: target: duplicate key 'target' (first given on line 2)"]


def test_unknown_keys_are_named_with_a_suggestion() -> None:
    errors = load_errors(f"""
        period: 2026-03
        target: 1000
        {RATES}
        reps:
          - name: A
            qouta: 500
    """)
    assert errors == [
        "plan.yaml:6:5: reps[0].qouta: unknown key 'qouta'; did you mean 'quota'? "
        "expected one of: name, weight, quota, rates, start, end, leave, hired, ramp, cycle, "
        "floors, capacity"
    ]


def test_missing_and_non_positive_numbers() -> None:
    errors = load_errors("""
        period: 2026-03
        rates: {pipeline: 0, intents: -100, deep_talks: 0.5, connects: 0.5, dials: 0.5}
        reps: [{name: A, weight: 0}]
    """)
    assert errors == [
        "plan.yaml:1:1: missing required key 'target'",
        "plan.yaml:2:19: rates.pipeline: must be greater than 0, got 0",
        "plan.yaml:2:31: rates.intents: must be greater than 0, got -100",
        "plan.yaml:3:26: reps[0].weight: must be greater than 0, got 0",
    ]


def test_nan_and_infinity_are_rejected() -> None:
    errors = load_errors("""
        period: 2026-03
        target: .inf
        rates: {pipeline: .nan, intents: 100, deep_talks: 0.5, connects: 0.5, dials: -.inf}
        reps: [{name: A}]
    """)
    assert errors == [
        f"plan.yaml:2:9: target: .inf is out of range: a number must be {RANGE_TEXT}",
        "plan.yaml:3:19: rates.pipeline: must be a number, got '.nan'",
        f"plan.yaml:3:78: rates.dials: -.inf is out of range: a number must be {RANGE_TEXT}",
    ]


def test_a_rate_for_an_unknown_stage() -> None:
    assert errors_of("""
        period: 2026-03
        target: 1000
        rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}
        reps:
          - name: A
            rates: {dails: 0.4}
    """) == [
        "plan.yaml:6:13: reps[0].rates.dails: no stage named 'dails'; the stages are pipeline, "
        "intents, deep_talks, connects, dials"
    ]


def test_a_stage_with_no_rate_for_some_reps() -> None:
    assert errors_of("""
        period: 2026-03
        target: 1000
        rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5}
        reps:
          - name: A
            rates: {dials: 0.3}
          - name: B
    """) == [
        "plan.yaml:7:5: reps[1]: B: no rate for dials (give it in the team's rates: "
        "or in this rep's rates:)"
    ]


def test_a_stage_with_no_rate_at_all_is_reported_once() -> None:
    assert errors_of("""
        period: 2026-03
        target: 1000
        rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5}
        reps: [{name: A}, {name: B}]
    """) == [
        "plan.yaml:3:8: rates: no rate for dials: give the team's rate here "
        "(or a rate in every rep's rates:)"
    ]


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2026-Q5", "period: expected a period such as 2026, 2026-H1"),
        ("2026-13", "period: expected a period such as"),
        ("March", "period: expected a period such as"),
        (
            "{start: 2026-03-31, end: 2026-03-01}",
            "period.end: the period ends (2026-03-01) before it starts (2026-03-31)",
        ),
        (
            "{start: 2026-02-30, end: 2026-03-01}",
            "period.start: 2026-02-30 does not exist: February 2026 has 28 days",
        ),
        ("{start: 2026-03-01}", "period: missing required key 'end'"),
    ],
)
def test_unparseable_periods(period: str, message: str) -> None:
    errors = load_errors(f"""
        team: T
        period: {period}
        target: 1000
        {RATES}
        reps: [{{name: A}}]
    """)
    assert len(errors) == 1
    assert errors[0].startswith("plan.yaml:2:")
    assert message in errors[0]


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2026", "2026-01-01", "2026-12-31"),
        ("2026-H2", "2026-07-01", "2026-12-31"),
        ("2026-Q1", "2026-01-01", "2026-03-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2026-W05", "2026-01-26", "2026-02-01"),
        ("{start: 2026-01-05, end: 2026-03-27}", "2026-01-05", "2026-03-27"),
    ],
)
def test_period_forms(period: str, start: str, end: str) -> None:
    plan = parse_plan(
        dedent(f"""
        period: {period}
        target: 1000
        {RATES}
        reps: [{{name: A}}]
    """)
    ).plan
    assert (str(plan.period.start), str(plan.period.end)) == (start, end)


def test_unparseable_dates_and_end_before_start() -> None:
    errors = load_errors(f"""
        period: 2026-03
        target: 1000
        {RATES}
        calendar:
          holidays: [2026-03-32, 2026-03-10..2026-03-09]
        reps:
          - name: A
            start: 20260301
            leave: [next monday]
    """)
    assert errors == [
        "plan.yaml:5:14: calendar.holidays[0]: 2026-03-32 does not exist: March 2026 has 31 days",
        "plan.yaml:5:26: calendar.holidays[1]: range '2026-03-10..2026-03-09' ends before it "
        "starts",
        "plan.yaml:8:12: reps[0].start: expected a date written YYYY-MM-DD, got 20260301",
        "plan.yaml:9:13: reps[0].leave[0]: expected a date written YYYY-MM-DD, got 'next monday'",
    ]


def test_rep_dates_outside_the_period_and_end_before_start() -> None:
    assert errors_of(f"""
        period: 2026-03
        target: 1000
        {RATES}
        reps:
          - name: A
            start: 2026-02-20
          - name: B
            start: 2026-03-20
            end: 2026-03-10
          - name: C
            end: 2026-04-02
    """) == [
        "plan.yaml:6:12: reps[0].start: start 2026-02-20 is outside the period "
        "2026-03-01..2026-03-31",
        "plan.yaml:9:10: reps[1].end: end 2026-03-10 is before start 2026-03-20",
        "plan.yaml:11:10: reps[2].end: end 2026-04-02 is outside the period 2026-03-01..2026-03-31",
    ]


def test_duplicate_rep_names() -> None:
    assert errors_of(f"""
        period: 2026-03
        target: 1000
        {RATES}
        reps:
          - name: 张伟
          - name: Li
          - name: 张伟
    """) == ["plan.yaml:7:11: reps[2].name: rep '张伟' is listed twice (also reps[0])"]


def test_anchors_and_aliases_are_rejected() -> None:
    errors = load_errors("""
        period: 2026-03
        target: 1000
        rates: &team {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}
        reps:
          - name: A
            rates: *team
    """)
    assert errors == [
        "plan.yaml:3:8: anchor &team is not supported: write values out in full",
        "plan.yaml:6:12: alias *team is not supported: write the value out",
    ]


def test_an_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    # Refused before composing: expanding it (10^9 strings) would never finish.
    with pytest.raises(PlanError) as caught:
        parse_plan("\n".join(lines) + "\n", "bomb.yaml")
    assert len(caught.value.issues) == 10 + 9 * 9  # every anchor and alias
    assert str(caught.value.issues[0]).startswith("bomb.yaml:1:5: anchor &a0")


def test_yaml_1_1_surprises_do_not_happen() -> None:
    breakdown = breakdown_of("""
        period: 2026-03
        target: 1e6
        rates: {pipeline: 0.5, intents: 1_000, deep_talks: 0.5, connects: 0.5, dials: 0.5}
        reps:
          - name: no
          - name: 'yes'
          - name: 0777
    """)
    assert [rep.name for rep in breakdown.reps] == ["no", "yes", "0777"]
    assert breakdown.target == 1_000_000
    assert breakdown.reps[0].stage("intents").rate == 1000
    plan = parse_plan(
        "period: 2026-03\ntarget: 1.10\nreps: [{name: off}]\n"
        "rates: {pipeline: 0.57, intents: 1, deep_talks: 1, connects: 1, dials: 1}"
    )
    assert plan.plan.target == Decimal("1.10")
    assert plan.plan.rates["pipeline"] == Decimal("0.57")


def test_percentages_are_accepted_for_rates_and_stretch() -> None:
    plan = parse_plan(
        dedent(f"""
        period: 2026-03
        target: 1000
        stretch: 115%
        {RATES.replace("pipeline: 0.5", "pipeline: 30%")}
        reps: [{{name: A}}]
    """)
    ).plan
    assert plan.stretch == Decimal("1.15")
    assert plan.rates["pipeline"] == Decimal("0.3")


def test_all_errors_are_reported_at_once() -> None:
    errors = load_errors("""
        period: 2026-Q5
        target: -1
        rates: {pipeline: 0, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}
        reps:
          - name: A
            wieght: 2
          - name: B
            start: tomorrow
    """)
    assert [e.split(":")[1] for e in errors] == ["1", "2", "3", "6", "8"]


def test_not_utf8_empty_and_non_mapping_files() -> None:
    with pytest.raises(PlanError, match=r"plan.yaml:2:7: not valid UTF-8"):
        parse_plan(b"period: 2026-03\nteam: \xff\xfe\n", "plan.yaml")
    with pytest.raises(PlanError, match=r"plan.yaml:1:1: the plan is empty"):
        parse_plan(b"# nothing yet\n", "plan.yaml")
    with pytest.raises(PlanError, match=r"plan.yaml:1:1: the plan must be a mapping"):
        parse_plan(b"- a\n- b\n", "plan.yaml")


def test_a_utf8_bom_is_accepted() -> None:
    raw = (
        "\ufeff"
        + dedent(f"""
        period: 2026-03
        target: 1000
        {RATES}
        reps: [{{name: 张伟}}]
    """)
    ).encode("utf-8")
    assert parse_plan(raw).plan.reps[0].name == "张伟"


def test_explicit_tags_other_than_plain_ones_are_rejected() -> None:
    errors = load_errors(f"""
        period: 2026-03
        target: !!python/object:os.system 1000
        {RATES}
        reps: [{{name: A}}]
    """)
    assert errors[0].startswith("plan.yaml:2:9: target: YAML tag")


def test_custom_funnel_stages() -> None:
    breakdown = breakdown_of("""
        period: 2026-03
        target: 8000
        funnel:
          - {name: deals, label: Deals won}
          - {name: effective_visits}
          - {name: visits}
        rates: {deals: 4000, effective_visits: 0.25, visits: 0.5}
        reps: [{name: A}]
    """)
    assert [s.name for s in breakdown.stages] == ["revenue", "deals", "effective_visits", "visits"]
    labels = [stage_label(s.name, s.label, "en") for s in breakdown.stages]
    assert labels == ["Revenue", "Deals won", "Effective visits", "Visits"]
    assert stage_label("revenue", None, "zh") == "业绩"
    assert breakdown.reps[0].totals() == (8000, 2, 8, 16)


def test_bad_custom_funnels() -> None:
    assert load_errors("""
        period: 2026-03
        target: 8000
        funnel:
          - {name: revenue}
          - {name: 2visits, unit: hours}
        rates: {}
        reps: [{name: A}]
    """) == [
        "plan.yaml:4:12: funnel[0].name: 'revenue' is the result stage; it is always first",
        "plan.yaml:5:12: funnel[1].name: stage name '2visits' must be a key such as deep_talks "
        "(letters, digits and _, not starting with a digit)",
        "plan.yaml:5:27: funnel[1].unit: must be 'money' or 'count', got 'hours'",
    ]


def test_keys_that_are_not_words_and_duplicates_leave_their_values_out() -> None:
    errors = load_errors(f"""
        period: 2026-03
        ? [a, {{b: c}}]
        : {{x: [1, {{y: 2}}]}}
        target: 1000
        target: {{a: [1, 2]}}
        {RATES}
        reps: [{{name: A}}]
    """)
    assert errors == [
        "plan.yaml:2:3: keys must be plain words",
        "plan.yaml:5:1: target: duplicate key 'target' (first given on line 4)",
    ]

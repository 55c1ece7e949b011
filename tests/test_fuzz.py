"""Fuzz: generated and mutated plans, actuals and histories through every command.

The property, for every input and every command line: the exit code is 0, 1, 2 or
3 (never 70, a bug), with a message on stderr for 1-3; no "Traceback" anywhere;
no hang (each command is killed after GOALSPLIT_FUZZ_TIMEOUT seconds, 20 by
default); no file left behind (with -o, the output directory holds exactly the
report on exit 0 or 1 and nothing on 2 or 3; the inputs are never touched); on
exit 0 or 1, JSON parses and CSV reads back with the csv module (and holds no cell a
spreadsheet would run as a formula), text reports hold no raw escape character,
and plan -f json shows each rep's name as written; the plan that init and replan
write passes check, and so does rates -f yaml pasted into a plan.

Commands: plan (--by, --daily), today (--actuals, --share), track (--by,
--fail-behind), replan (-a, --as-of, -o), reach (--per-day), compare (--scenario,
--case), rates, check, init (--period), schema; --set and --scenario wherever they
are taken. Plans carry every key, those of issues 9-11 included (seasonality, ramp,
hired, cycle, carve_out, buffer, floors, capacity, tiers, scenarios), each also
with odd values (test_mutated_shaping) and odd what-ifs (test_odd_what_if).

Bounded for CI: a fixed number of examples per test, derandomized and without a
database, so a run is reproducible and takes about two minutes. For a deep run set
GOALSPLIT_FUZZ_EXAMPLES (examples per test; then the seed comes from
``--hypothesis-seed``), and GOALSPLIT_FUZZ_REPORT=failures.jsonl to record every
failure and go on instead of stopping at the first (``python -m tests.fuzzing
failures.jsonl`` groups them by cause, smallest input first); GOALSPLIT_FUZZ_STATS=file
writes the count of inputs tried. See tests/fuzzing.py for the strategies.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tests.fuzzing import (
    FAIL_BEHIND,
    FORMATS,
    LANG_OPTIONS,
    ODD_BY,
    ODD_OPTION_DATES,
    ODD_SCENARIOS,
    RATES_FORMATS,
    STATS,
    Case,
    Flow,
    PlanInfo,
    Raw,
    actuals_csvs,
    case_option,
    csv_mutation,
    date_option,
    format_and_output,
    history_csvs,
    known_rep,
    lang_and_strict,
    mutate,
    per_day,
    plans,
    run,
    run_case,
    set_value,
    shaping_mutation,
    summarize,
    to_yaml,
    what_if,
    yaml_mutation,
)

DEEP = os.environ.get("GOALSPLIT_FUZZ_EXAMPLES")
F = TypeVar("F", bound=Callable[..., Any])


def fuzz(examples: int) -> Callable[[F], F]:
    """``examples`` per test in CI (reproducible); GOALSPLIT_FUZZ_EXAMPLES in a deep run."""
    return settings(
        max_examples=int(DEEP) if DEEP else examples,
        derandomize=not DEEP,
        database=None,
        deadline=None,  # a shared, noisy machine: the per-command time limit guards hangs
        suppress_health_check=list(HealthCheck),
        print_blob=True,
        # No explain phase: it re-runs a failing example many times under a tracer.
        phases=[Phase.explicit, Phase.generate, Phase.target, Phase.shrink],
    )


@pytest.fixture(scope="module", autouse=True)
def _warm_and_count() -> Iterator[None]:
    """Import and warm everything once, so that each forked command starts warm;
    report how many inputs were tried."""
    from typer.testing import CliRunner

    from goalsplit.cli import app

    runner = CliRunner()
    for args in (
        ["plan", str(EXAMPLES / "east-1-q1.yaml"), "-f", "json"],
        ["plan", str(EXAMPLES / "field-team-2026-03.yaml"), "-f", "csv"],
        ["plan", str(EXAMPLES / "east-1-q1-history.yaml"), "-f", "markdown"],
        ["rates", str(EXAMPLES / "east-1-history.csv"), "-f", "yaml"],
        ["today", str(EXAMPLES / "east-1-q1.yaml"), "-r", "张伟", "-d", "2026-02-02"],
        ["track", str(EXAMPLES / "east-1-q1.yaml"), "-a", str(EXAMPLES / "east-1-q1-actuals.csv")],
        ["plan", str(EXAMPLES / "east-1-q1.yaml"), "-f", "xml"],  # usage errors (rich)
        ["today", str(EXAMPLES / "east-1-q1.yaml"), "-r", "nobody"],
        ["check", str(EXAMPLES / "east-1-history.csv")],  # an invalid plan
        ["init", "--help"],
    ):
        runner.invoke(app, args)
    yield
    text = summarize(STATS)
    print("\n" + text)
    stats_file = os.environ.get("GOALSPLIT_FUZZ_STATS")
    if stats_file:
        with open(stats_file, "w", encoding="utf-8") as handle:
            json.dump(dict(STATS), handle, ensure_ascii=False, indent=1)


def plan_files(plan: PlanInfo, text: bytes | None = None) -> dict[str, bytes]:
    files = {"plan.yaml": text if text is not None else plan.text.encode("utf-8")}
    if plan.history is not None:
        files["past.csv"] = plan.history
    return files


def rep_options(draw: st.DrawFn, plan: PlanInfo, most: int = 2) -> list[str]:
    args: list[str] = []
    for _ in range(draw(st.integers(0, most))):
        args += [draw(st.sampled_from(["--rep", "-r"])), known_rep(draw, plan)]
    return args


# --- generated (mostly valid) inputs, every command -----------------------------------


@fuzz(60)
@given(plan=plans(), data=st.data())
def test_plan(plan: PlanInfo, data: st.DataObject) -> None:
    output_args, fmt, output = data.draw(format_and_output())
    reps = rep_options(data.draw, plan)
    daily = ["--daily"] if data.draw(st.booleans()) else []
    by = ["--by", data.draw(st.sampled_from(["week", "month"]))] if data.draw(st.booleans()) else []
    sets = what_if(data.draw, plan)
    args = ["plan", "{in}/plan.yaml", *output_args, *daily, *by, *reps, *sets]
    args += data.draw(lang_and_strict())
    names = plan.shown_names if not reps and not sets else None
    run_case("plan", Case(plan_files(plan), args, fmt, output, names=names))


@fuzz(50)
@given(plan=plans(), data=st.data())
def test_today(plan: PlanInfo, data: st.DataObject) -> None:
    output_args, fmt, output = data.draw(format_and_output())
    args = ["today", "{in}/plan.yaml", *output_args]
    if len(plan.names) > 1 or data.draw(st.booleans()):
        args += ["--rep", known_rep(data.draw, plan)]
    if data.draw(st.integers(0, 5)):
        args += [data.draw(st.sampled_from(["--date", "-d"])), date_option(data.draw, plan)]
    files = plan_files(plan)
    if data.draw(st.booleans()):  # the evening card
        files["actuals.csv"] = data.draw(actuals_csvs(plan))
        args += [data.draw(st.sampled_from(["--actuals", "-a"])), "{in}/actuals.csv"]
        if data.draw(st.booleans()):
            args.append("--share")
            fmt = "share"  # plain text, whatever -f says
    elif data.draw(st.integers(0, 9)) == 9:
        args.append("--share")  # without --actuals: a usage error
    args += what_if(data.draw, plan) + data.draw(lang_and_strict())
    run_case("today", Case(files, args, fmt, output))


@fuzz(50)
@given(plan=plans(), data=st.data())
def test_track(plan: PlanInfo, data: st.DataObject) -> None:
    actuals = data.draw(actuals_csvs(plan))
    output_args, fmt, output = data.draw(format_and_output())
    args = ["track", "{in}/plan.yaml", "-a", "{in}/actuals.csv", *output_args]
    if data.draw(st.booleans()):
        args += ["--as-of", date_option(data.draw, plan)]
    if data.draw(st.booleans()):
        args += [
            "--fail-behind",
            data.draw(st.sampled_from(["0", "50", "80", "100", "99.5", "150"])),
        ]
    if data.draw(st.booleans()):
        args += ["--by", data.draw(st.sampled_from(["week", "month", "WEEK"]))]
    args += rep_options(data.draw, plan, 1) + what_if(data.draw, plan)
    args += data.draw(lang_and_strict())
    files = {**plan_files(plan), "actuals.csv": actuals}
    run_case("track", Case(files, args, fmt, output))


@fuzz(45)
@given(plan=plans(with_history=True), data=st.data())
def test_rates(plan: PlanInfo, data: st.DataObject) -> None:
    output_args, fmt, output = data.draw(format_and_output(RATES_FORMATS))
    args = ["rates", "{in}/past.csv", *output_args]
    files = plan_files(plan)
    if data.draw(st.booleans()) or plan.stages[0][0] != "pipeline":
        args += ["--plan", "{in}/plan.yaml"]
    if data.draw(st.integers(0, 3)) == 0:
        args += ["--since", date_option(data.draw, plan)]
    if data.draw(st.integers(0, 3)) == 0:
        args += ["--until", date_option(data.draw, plan)]
    if data.draw(st.integers(0, 3)) == 0:
        args += ["--prior", data.draw(st.sampled_from(["0", "1", "30", "1000"]))]
    args += data.draw(lang_and_strict(strict=False))
    paste_into = None
    if fmt == "yaml":
        head: dict[str, Any] = {"period": "2026-03", "target": Raw("1000")}
        if "--plan" in args and "funnel" in plan.doc:
            head["funnel"] = plan.doc["funnel"]
        paste_into = to_yaml(head)
    run_case("rates", Case(files, args, fmt, output, paste_into=paste_into))


@fuzz(25)
@given(plan=plans(), other=plans(), data=st.data())
def test_check(plan: PlanInfo, other: PlanInfo, data: st.DataObject) -> None:
    files = plan_files(plan)
    args = ["check", "{in}/plan.yaml"]
    if data.draw(st.booleans()) and other.history is None:
        files["other.yaml"] = other.text.encode("utf-8")
        args.append("{in}/other.yaml")
    args += what_if(data.draw, plan) + data.draw(lang_and_strict())
    run_case("check", Case(files, args))


@fuzz(40)
@given(plan=plans(shaped=True), data=st.data())
def test_reach(plan: PlanInfo, data: st.DataObject) -> None:
    """What the team makes at capacity: the plan's, or --per-day's."""
    draw = data.draw
    output_args, fmt, output = draw(format_and_output())
    args = ["reach", "{in}/plan.yaml", *output_args]
    if not plan.capacity or draw(st.booleans()):
        for _ in range(draw(st.integers(1, 2))):
            args += ["--per-day", per_day(draw, plan)]
    args += rep_options(draw, plan, 1) + what_if(draw, plan) + draw(lang_and_strict())
    run_case("reach", Case(plan_files(plan), args, fmt, output))


@fuzz(35)
@given(plan=plans(shaped=True), data=st.data())
def test_compare(plan: PlanInfo, data: st.DataObject) -> None:
    """The plan's scenarios side by side, chosen or all, with --case columns and --set."""
    draw = data.draw
    output_args, fmt, output = draw(format_and_output())
    args = ["compare", "{in}/plan.yaml", *output_args]
    for _ in range(draw(st.integers(0, 2)) if plan.scenarios else 0):
        args += ["--scenario", draw(st.sampled_from(plan.scenarios))]
    for _ in range(draw(st.integers(0 if plan.scenarios else 1, 2))):
        args += ["--case", case_option(draw, plan)]
    for _ in range(draw(st.integers(0, 1))):
        args += ["--set", set_value(draw, plan, 8)]
    args += rep_options(draw, plan, 1) + draw(lang_and_strict(strict=False))
    run_case("compare", Case(plan_files(plan), args, fmt, output))


@fuzz(50)
@given(plan=plans(), data=st.data())
def test_replan(plan: PlanInfo, data: st.DataObject) -> None:
    """A new plan for the rest of the period, to stdout or -o: exit 0 means it passes
    check; inputs untouched."""
    draw = data.draw
    files = {**plan_files(plan), "actuals.csv": draw(actuals_csvs(plan, revenue=True))}
    args = ["replan", "{in}/plan.yaml", draw(st.sampled_from(["-a", "--actuals"]))]
    args.append("{in}/actuals.csv")
    if draw(st.booleans()):
        args += ["--as-of", date_option(draw, plan)]
    output = None
    if draw(st.booleans()):
        output = draw(st.sampled_from(["rest.yaml", "余下.yaml", ".rest"]))
        args += [draw(st.sampled_from(["-o", "--output"])), "{out}/" + output]
    args += draw(lang_and_strict(strict=False))
    run_case("replan", Case(files, args, output=output, then_check=True))


# --- mutated inputs -------------------------------------------------------------------


@fuzz(130)
@given(
    plan=plans(),
    mutations=st.lists(yaml_mutation(), min_size=1, max_size=3),
    command=st.sampled_from(["plan", "plan", "check", "today", "track", "reach", "replan"]),
    data=st.data(),
)
def test_mutated_plan(
    plan: PlanInfo, mutations: list[Any], command: str, data: st.DataObject
) -> None:
    text = mutate(plan.text.encode("utf-8"), mutations)
    files = plan_files(plan, text)
    run_case("mutated plan", command_case(command, plan, files, data.draw))


def command_case(command: str, plan: PlanInfo, files: dict[str, bytes], draw: st.DrawFn) -> Case:
    """A command line of ``command`` on a (mutated) plan: its options drawn as a user would
    give them, the scenario from the plan's own names."""
    args = [command, "{in}/plan.yaml"]
    fmt = output = None
    if command in ("plan", "today", "track", "reach", "compare"):
        output_args, fmt, output = draw(format_and_output())
        args += output_args
    if command == "plan" and draw(st.booleans()):
        args.append("--daily")
    if command in ("plan", "track") and draw(st.booleans()):
        args += ["--by", draw(st.sampled_from(["week", "month"]))]
    if command == "today":
        args += ["--rep", known_rep(draw, plan), "--date", date_option(draw, plan)]
    if command in ("track", "replan") or (command == "today" and draw(st.booleans())):
        files["actuals.csv"] = draw(actuals_csvs(plan, revenue=command == "replan"))
        args += ["-a", "{in}/actuals.csv"]
    if command == "reach" and (not plan.capacity or draw(st.booleans())):
        args += ["--per-day", per_day(draw, plan)]
    if command == "compare":
        if not plan.scenarios or draw(st.booleans()):
            args += ["--case", case_option(draw, plan)]
    elif command != "replan" and plan.scenarios and draw(st.booleans()):
        args += ["--scenario", draw(st.sampled_from(plan.scenarios))]
    if command == "replan":
        if draw(st.booleans()):
            args += ["--as-of", date_option(draw, plan)]
        if draw(st.booleans()):
            output = "rest.yaml"
            args += ["-o", "{out}/rest.yaml"]
    args += draw(lang_and_strict(strict=command not in ("replan", "compare")))
    return Case(files, args, fmt, output, then_check=command == "replan")


@fuzz(100)
@given(
    plan=plans(shaped=True),
    command=st.sampled_from(
        ["plan", "plan", "check", "check", "today", "track", "reach", "compare", "replan"]
    ),
    data=st.data(),
)
def test_mutated_shaping(plan: PlanInfo, command: str, data: st.DataObject) -> None:
    """Odd values of the keys of issues 8-11 (seasonality, ramp, hired, cycle, carve_out,
    buffer, floors, capacity, tiers, scenarios, lang), laid into an otherwise sound plan:
    zero and negative weights, month 13, a ramp above 100%, huge cycles, floors above
    capacity, scenarios that lead nowhere."""
    doc = copy.deepcopy(plan.doc)
    for mutation in data.draw(st.lists(shaping_mutation(plan), min_size=1, max_size=3)):
        mutation(doc)
    shaped = replace(plan, doc=doc)
    scenarios = doc.get("scenarios")
    scenarios = scenarios.value if isinstance(scenarios, Flow) else scenarios
    shaped.scenarios = [str(k) for k in scenarios] if isinstance(scenarios, dict) else []
    files = plan_files(shaped)
    run_case("mutated shaping", command_case(command, shaped, files, data.draw))


@fuzz(80)
@given(
    plan=plans(),
    data=st.data(),
    mutations=st.lists(csv_mutation(), min_size=1, max_size=3),
    command=st.sampled_from(["track", "track", "track", "today", "replan"]),
)
def test_mutated_actuals(
    plan: PlanInfo, data: st.DataObject, mutations: list[Any], command: str
) -> None:
    actuals = mutate(data.draw(actuals_csvs(plan, revenue=command == "replan")), mutations)
    files = {**plan_files(plan), "actuals.csv": actuals}
    if command == "track":
        output_args, fmt, output = data.draw(format_and_output())
        args = ["track", "{in}/plan.yaml", "-a", "{in}/actuals.csv", *output_args]
        if data.draw(st.integers(0, 3)) == 0:
            args += ["--as-of", date_option(data.draw, plan)]
        if data.draw(st.integers(0, 3)) == 0:
            args += ["--fail-behind", data.draw(st.sampled_from(["0", "50", "100"]))]
        if data.draw(st.integers(0, 3)) == 0:
            args += ["--by", data.draw(st.sampled_from(["week", "month"]))]
        args += data.draw(lang_and_strict())
        case = Case(files, args, fmt, output)
    else:
        case = command_case(command, plan, files, data.draw)
        if command == "today" and "-a" not in case.args:
            case.args += ["-a", "{in}/actuals.csv"]
        case.files["actuals.csv"] = actuals
    run_case("mutated actuals", case)


@fuzz(60)
@given(
    plan=plans(with_history=True),
    mutations=st.lists(csv_mutation(), min_size=1, max_size=3),
    command=st.sampled_from(["rates", "rates", "plan", "check"]),
    data=st.data(),
)
def test_mutated_history(
    plan: PlanInfo, mutations: list[Any], command: str, data: st.DataObject
) -> None:
    assert plan.history is not None
    files = {"plan.yaml": plan.text.encode("utf-8"), "past.csv": mutate(plan.history, mutations)}
    fmt = output = None
    if command == "rates":
        output_args, fmt, output = data.draw(format_and_output(RATES_FORMATS))
        args = ["rates", "{in}/past.csv", *output_args]
        if data.draw(st.booleans()) or plan.stages[0][0] != "pipeline":
            args += ["--plan", "{in}/plan.yaml"]
        if data.draw(st.integers(0, 3)) == 0:
            args += ["--since", date_option(data.draw, plan)]
        args += data.draw(lang_and_strict(strict=False))
    elif command == "plan":
        output_args, fmt, output = data.draw(format_and_output())
        args = ["plan", "{in}/plan.yaml", *output_args, *data.draw(lang_and_strict())]
    else:
        args = ["check", "{in}/plan.yaml", *data.draw(lang_and_strict())]
    run_case("mutated history", Case(files, args, fmt, output))


# --- odd command lines ----------------------------------------------------------------


@fuzz(90)
@given(
    plan=plans(),
    command=st.sampled_from(["plan", "today", "track", "rates"]),
    data=st.data(),
)
def test_odd_options(plan: PlanInfo, command: str, data: st.DataObject) -> None:
    """Odd values of every option: dates that do not exist or lie at the ends of time,
    thresholds such as inf and 1e400, unknown reps, languages and formats."""
    draw = data.draw
    files = plan_files(plan)
    odd_date = st.sampled_from(ODD_OPTION_DATES)
    output_args, fmt, output = draw(
        format_and_output(RATES_FORMATS if command == "rates" else FORMATS)
    )
    if draw(st.integers(0, 9)) == 0:  # an unknown format, or -o naming a directory
        output_args, fmt, output = draw(
            st.sampled_from(
                [
                    (["-f", "xml"], None, None),
                    (["-o", "{out}"], None, None),
                    (["-f", ""], None, None),
                ]
            )
        )
    args: list[str]
    if command == "plan":
        args = [
            "plan",
            "{in}/plan.yaml",
            "--rep",
            draw(st.sampled_from(["", "Nobody", "\x00", "-", "张伟"])),
        ]
    elif command == "today":
        args = ["today", "{in}/plan.yaml", "--date", draw(odd_date)]
        if draw(st.booleans()):
            args += ["--rep", known_rep(draw, plan)]
    elif command == "track":
        files["actuals.csv"] = draw(actuals_csvs(plan))
        args = ["track", "{in}/plan.yaml", "-a", "{in}/actuals.csv"]
        if draw(st.booleans()):
            args += ["--as-of", draw(odd_date)]
        args += ["--fail-behind", draw(st.sampled_from(FAIL_BEHIND))]
    else:
        files["past.csv"] = draw(history_csvs(plan.stages, plan.labels, plan.names, plan.start))
        args = ["rates", "{in}/past.csv"]
        if plan.stages[0][0] != "pipeline":
            args += ["--plan", "{in}/plan.yaml"]
        args += [draw(st.sampled_from(["--since", "--until"])), draw(odd_date)]
        if draw(st.booleans()):
            args += [
                "--prior",
                draw(st.sampled_from(["-1", "1e400", "99999999999999999999", "x", ""])),
            ]
    args += output_args
    if draw(st.booleans()):
        args += ["--lang", draw(st.sampled_from(LANG_OPTIONS))]
    run_case("odd options", Case(files, args, fmt, output))


@fuzz(80)
@given(
    plan=plans(shaped=True),
    command=st.sampled_from(["plan", "today", "track", "check", "reach", "compare"]),
    data=st.data(),
)
def test_odd_what_if(plan: PlanInfo, command: str, data: st.DataObject) -> None:
    """Odd --set (bad paths, bad values, YAML's special scalars), --scenario, --per-day,
    --case and --by on every command that takes them."""
    draw = data.draw
    case = command_case(command, plan, plan_files(plan), draw)
    args = case.args
    for _ in range(draw(st.integers(1, 3))):
        args += ["--set", set_value(draw, plan, 2)]  # half of them odd
    if command != "compare" and draw(st.integers(0, 3)) == 0:
        args += ["--scenario", draw(st.sampled_from(ODD_SCENARIOS))]
    if command == "compare":
        for _ in range(draw(st.integers(0, 2))):
            args += [
                draw(st.sampled_from(["--scenario", "--case"])),
                draw(st.sampled_from(ODD_SCENARIOS))
                if draw(st.booleans())
                else case_option(draw, plan, odd=True),
            ]
    if command == "reach":
        args += ["--per-day", per_day(draw, plan, odd=draw(st.booleans()))]
    if command in ("plan", "track") and draw(st.integers(0, 3)) == 0:
        args += ["--by", draw(st.sampled_from(ODD_BY))]
    if command == "today" and draw(st.integers(0, 3)) == 0:
        args += ["--share"]
    run_case("odd what-if", case)


@fuzz(24)
@given(plan=plans(with_history=True), data=st.data())
def test_output_onto_an_input(plan: PlanInfo, data: st.DataObject) -> None:
    """-o naming a file the command reads (the plan, its history, the actuals): exit 2
    (or 3 when the plan is invalid anyway), and every input untouched."""
    draw = data.draw
    files = plan_files(plan)
    files["actuals.csv"] = draw(actuals_csvs(plan))
    choice = draw(
        st.sampled_from(
            [
                ["plan", "{in}/plan.yaml", "-o", "{in}/plan.yaml"],
                ["plan", "{in}/plan.yaml", "-f", "csv", "-o", "{in}/past.csv"],
                [
                    "today",
                    "{in}/plan.yaml",
                    "-r",
                    plan.shown_names[0] if plan.shown_names else "A",
                    "-o",
                    "{in}/past.csv",
                ],
                ["track", "{in}/plan.yaml", "-a", "{in}/actuals.csv", "-o", "{in}/actuals.csv"],
                ["track", "{in}/plan.yaml", "-a", "{in}/actuals.csv", "-o", "{in}/past.csv"],
                ["rates", "{in}/past.csv", "-o", "{in}/past.csv"],
                ["replan", "{in}/plan.yaml", "-a", "{in}/actuals.csv", "-o", "{in}/plan.yaml"],
                ["replan", "{in}/plan.yaml", "-a", "{in}/actuals.csv", "-o", "{in}/actuals.csv"],
                ["replan", "{in}/plan.yaml", "-a", "{in}/actuals.csv", "-o", "{in}/past.csv"],
                ["replan", "{in}/plan.yaml", "-a", "{in}/actuals.csv", "-o", "{in}/./plan.yaml"],
                [
                    "today",
                    "{in}/plan.yaml",
                    "-a",
                    "{in}/actuals.csv",
                    "-o",
                    "{in}/actuals.csv",
                ],
                ["reach", "{in}/plan.yaml", "--per-day", "x=1", "-o", "{in}/plan.yaml"],
                ["compare", "{in}/plan.yaml", "--case", "stretch=1", "-o", "{in}/past.csv"],
                [
                    "plan",
                    "{in}/plan.yaml",
                    "--set",
                    "history=other.csv",
                    "-o",
                    "{in}/other.csv",
                ],
                ["rates", "{in}/past.csv", "--plan", "{in}/plan.yaml", "-o", "{in}/plan.yaml"],
                [
                    "rates",
                    "{in}/past.csv",
                    "--plan",
                    "{in}/plan.yaml",
                    "-o",
                    "{in}/../in/plan.yaml",
                ],
            ]
        )
    )
    if "history=other.csv" in choice:
        files["other.csv"] = files.get("past.csv", b"rep,date,revenue\n")
    run_case("output onto an input", Case(files, list(choice), expect_exit={2, 3}))


def _init_has_period() -> bool:
    outcome = run(["init", "--help"], timeout=60)
    return "--period" in outcome.stdout


INIT_PERIOD = _init_has_period()


@fuzz(20)
@given(
    name=st.sampled_from(["plan.yaml", "计划.yaml", "q1", ".plan.yaml", "plan with space.yml"]),
    lang=st.sampled_from([None, "en", "zh", "fr"]),
    force=st.booleans(),
    period=st.sampled_from(
        [
            None,
            "2027-Q1",
            "2026-03",
            "2026",
            "2026-W05",
            "2026-H2",
            "9999-Q4",
            "0001",
            "2026-Q5",
            "bogus",
            "",
            "2026-02-30",
            "2026-W53",
            "2027-w05",
            "2027-q1",
            " 2027-Q1 ",
            "１２",
            "2026-Q1..2026-Q2",
            "x" * 5000,
            "\x1b[2J",
        ]
    ),
)
def test_init(name: str, lang: str | None, force: bool, period: str | None) -> None:
    args = ["init", "{out}/" + name]
    if lang is not None:
        args += ["--lang", lang]
    if force:
        args.append("--force")
    if period is not None and INIT_PERIOD:
        args += ["--period", period]
    run_case("init", Case({}, args, output=name, then_check=True))


def test_schema() -> None:
    run_case("schema", Case({}, ["schema"], fmt="json"))

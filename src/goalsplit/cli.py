"""The command line: options -> load -> compute -> render; nothing else.

Heavy modules (pydantic, holidays, yaml) are imported inside the commands, so
``--version`` and ``--help`` stay instant. This is the only place that reads
the clock (``today`` without ``--date``, ``init``'s starter period).

Typer prints some things on our behalf: usage errors, ``--help``. The group
class below runs typer in non-standalone mode so that it can print those in
the chosen language, and so that a closed pipe ends the run quietly with the
status a shell expects (141) instead of click's 1.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import sys
import traceback
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from enum import Enum
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from goalsplit import __version__
from goalsplit.i18n import N_, Lang, pick_language, tr, trn
from goalsplit.render import By, Format, RatesFormat
from goalsplit.text import printable

try:
    from typer._click import exceptions as click_errors  # typer vendors click since 0.2x
except ImportError:  # pragma: no cover - older typer runs on click itself
    import click.exceptions as click_errors  # type: ignore[import-not-found, no-redef, unused-ignore]

if TYPE_CHECKING:
    from decimal import Decimal

    from goalsplit.breakdown import Breakdown, RepPlan
    from goalsplit.errors import Issue
    from goalsplit.output import Role, Target
    from goalsplit.render import ReportOptions
    from goalsplit.scenarios import WhatIf
    from goalsplit.track import Actuals
    from goalsplit.worked import WorkedPlan

EXIT_OK = 0
EXIT_WARNINGS = 1  # warnings and --strict
EXIT_USAGE = 2  # click's own code for command-line usage errors
EXIT_INVALID_PLAN = 3  # an invalid input file: plan, history or actuals
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug, reported with its traceback
EXIT_CANNOT_WRITE = 74  # EX_IOERR: the output could not be written
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE: what a shell reports when the reader went away


class _Session:
    """The language of what typer prints for us (usage errors, help): the command
    line's and the environment's until a command has worked out its own."""

    lang: Lang = "en"


_session = _Session()


class _ClosedPipe(Exception):
    """stdout's reader went away. Raised in place of BrokenPipeError so that click's
    own handler for it (exit 1) never sees it."""


class _Command(TyperCommand):
    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _format_usage(self, ctx, formatter)

    def get_help_option(self, ctx: Any) -> Any:
        return _translated_help_option(super().get_help_option(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _format_help(super().format_help, ctx, formatter)


class _Group(TyperGroup):
    """The ``goalsplit`` group: typer in non-standalone mode, errors shown by us."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        _session.lang = _language_in(argv)
        _translate_help(self, _session.lang)
        try:
            try:
                result = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
                sys.stdout.flush()
            except BrokenPipeError:
                raise _ClosedPipe from None
        except _ClosedPipe:
            result = _after_closed_pipe()
        except click_errors.UsageError as exc:
            _show_error(exc, _session.lang)
            result = exc.exit_code
        except click_errors.ClickException as exc:  # pragma: no cover - none of ours
            _show_error(exc, _session.lang)
            result = exc.exit_code
        except typer.Abort:  # pragma: no cover - goalsplit never prompts
            typer.echo(tr("Aborted.", _session.lang), err=True)
            result = 1  # click's code for an abort
        code = result if isinstance(result, int) else EXIT_OK
        if not standalone_mode:
            return code
        sys.exit(code)

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except BrokenPipeError:  # --help or --version into a closed pipe
            raise _ClosedPipe from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _ClosedPipe from None

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _format_usage(self, ctx, formatter)

    def get_help_option(self, ctx: Any) -> Any:
        return _translated_help_option(super().get_help_option(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _format_help(super().format_help, ctx, formatter)


app = typer.Typer(
    name="goalsplit",
    cls=_Group,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"goalsplit {__version__}")
        raise typer.Exit()


@app.callback(
    help=N_(
        "Decompose a sales team's revenue target into each rep's daily and weekly actions.\n\n"
        "Exit codes: 0 ok, 1 warnings with --strict, 2 usage error, 3 invalid input file, "
        "70 bug, 74 the output could not be written, 141 closed pipe."
    )
)
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help=N_("Show the version and exit."),
            callback=_show_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    pass


PlanFile = Annotated[
    Path,
    typer.Argument(
        help=N_("The plan file (YAML)."),
        exists=True,
        dir_okay=False,
        readable=True,
        show_default=False,
        metavar="PLAN",
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help=N_("Output format."), case_sensitive=False)
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=N_("Write the report to this file instead of stdout."),
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="en|zh",
        help=N_(
            "Language of reports and messages (default: GOALSPLIT_LANG, then the plan's "
            "lang:, then the locale)."
        ),
        show_default=False,
    ),
]
RepsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--rep",
        "-r",
        metavar="NAME",
        help=N_("Show only this rep (repeatable); quotas are still shared across the whole team."),
        show_default=False,
    ),
]


class _By(str, Enum):
    week = "week"
    month = "month"


StrictOption = Annotated[
    bool, typer.Option("--strict", help=N_("Exit with 1 when the plan has warnings."))
]
SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="KEY=VALUE",
        help=N_(
            "Change a value of the plan for this run, as if the file said so (repeatable): "
            "stretch=1.2, rates.dials=40%, reps.NAME.weight=2."
        ),
        show_default=False,
    ),
]
ScenarioOption = Annotated[
    str | None,
    typer.Option(
        "--scenario",
        metavar="NAME",
        help=N_("Lay the plan's scenario NAME (under scenarios:) over it for this run."),
        show_default=False,
    ),
]


ActualsOption = Annotated[
    Path,
    typer.Option(
        "--actuals",
        "-a",
        metavar="FILE",
        help=N_("What was done: date, rep and any stage columns."),
        exists=True,
        dir_okay=False,
        readable=True,
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help=N_("Progress through this day (default: the last date in the actuals)."),
        show_default=False,
    ),
]
SheetOption = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        metavar="NAME",
        help=N_("The sheet to read when the file is an Excel workbook (default: the first)."),
        show_default=False,
    ),
]


@app.command(cls=_Command, help=N_("Work out each rep's quota and daily and weekly stage targets."))
def plan(
    plan_file: PlanFile,
    fmt: FormatOption = Format.table,
    reps: RepsOption = None,
    daily: Annotated[
        bool, typer.Option("--daily", help=N_("Add each rep's targets per working day."))
    ] = False,
    by: Annotated[
        By | None,
        typer.Option(
            "--by",
            help=N_(
                "Each rep's schedule by week or by month in the table and Markdown reports "
                "(default: by month for a period longer than a quarter, else by week)."
            ),
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
    strict: StrictOption = False,
    sets: SetOption = None,
    scenario: ScenarioOption = None,
) -> None:
    from goalsplit.render import render

    language = _language(lang, plan_file, sets, scenario)
    target = _target(output, [(plan_file, "plan")], language)
    _check_format(fmt, target, language)
    breakdown = _worked_plan(plan_file, language, target, sets, scenario, reps)
    options = _options(target, language, reps=tuple(reps or ()), daily=daily, by=by)
    _emit(render(fmt, breakdown, options), target, language)
    _finish(breakdown, strict, language)


@app.command(
    cls=_Command,
    help=N_("A rep's card: today's targets, this week's, and where the period stands."),
)
def today(
    plan_file: PlanFile,
    rep: Annotated[
        str | None,
        typer.Option(
            "--rep",
            "-r",
            metavar="NAME",
            help=N_("Whose card (may be left out when the plan has one rep)."),
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="YYYY-MM-DD",
            help=N_("The day to show (default: today, local date)."),
            show_default=False,
        ),
    ] = None,
    actuals_file: Annotated[
        Path | None,
        typer.Option(
            "--actuals",
            "-a",
            metavar="FILE",
            help=N_(
                "The evening card: what was done today, this week and so far against the "
                "targets, and the catch-up pace."
            ),
            exists=True,
            dir_okay=False,
            readable=True,
            show_default=False,
        ),
    ] = None,
    share: Annotated[
        bool,
        typer.Option(
            "--share",
            help=N_("With --actuals: a short plain-text message for the team's chat group."),
        ),
    ] = False,
    sheet: SheetOption = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    lang: LangOption = None,
    strict: StrictOption = False,
    sets: SetOption = None,
    scenario: ScenarioOption = None,
) -> None:
    from goalsplit.card import day_card
    from goalsplit.render import render_card

    language = _language(lang, plan_file, sets, scenario)
    inputs: list[tuple[Path, Role]] = [(plan_file, "plan")]
    if actuals_file is not None:
        inputs.append((actuals_file, "actuals"))
    elif share:
        raise typer.BadParameter(
            tr("--share needs --actuals: it reports what was done", language),
            param_hint="'--share'",
        )
    target = _target(output, inputs, language)
    _check_format(fmt, target, language)
    day = _parse_day(on, language) if on is not None else None
    breakdown = _worked_plan(plan_file, language, target, sets, scenario)
    if rep is None:
        if len(breakdown.reps) != 1:
            raise typer.BadParameter(
                tr(
                    "choose a rep; the reps are: {reps}",
                    language,
                    reps=", ".join(r.name for r in breakdown.reps),
                ),
                param_hint="'--rep'",
            )
        chosen = breakdown.reps[0]
    else:
        chosen = _find_rep(breakdown, rep, language)
    if day is None:
        day = _today()
        if day > breakdown.end:
            _usage_failure(
                tr(
                    "goalsplit: the period {period} ended on {end}.",
                    language,
                    period=breakdown.period_label,
                    end=breakdown.end,
                )
            )
        if day < breakdown.start:
            _usage_failure(
                tr(
                    "goalsplit: the period {period} starts on {start}.",
                    language,
                    period=breakdown.period_label,
                    start=breakdown.start,
                )
            )
    elif not breakdown.start <= day <= breakdown.end:
        raise typer.BadParameter(
            tr(
                "{date} is outside the period {start}..{end}",
                language,
                date=day,
                start=breakdown.start,
                end=breakdown.end,
            ),
            param_hint="'--date'",
        )
    card = day_card(breakdown, chosen, day)
    notes: tuple[Issue, ...] = ()
    if actuals_file is not None:
        from goalsplit.card import evening_card
        from goalsplit.track import track as track_progress

        actuals = _load_actuals(actuals_file, breakdown, language, sheet)
        report = track_progress(breakdown, actuals, day)
        index = breakdown.reps.index(chosen)
        card = replace(card, evening=evening_card(breakdown, report, index))
        # Of the notes about the file, those about this rep's day.
        from goalsplit.errors import Issue

        mine = [n for n in report.notes if n.template.startswith("the actuals")]
        if actuals.last_date is not None and chosen.name not in actuals.by_rep:
            mine.append(
                Issue(
                    (),
                    "{rep} has no rows, so nothing done is counted",
                    {"rep": chosen.name},
                    severity="note",
                )
            )
        notes = tuple(n.located(str(actuals_file), None, None) for n in mine)
    options = _options(target, language)
    if share:
        from goalsplit.render.share import share_text

        _emit([share_text(card, options)], target, language)
    else:
        _emit(render_card(fmt, card, options), target, language)
    _report_warnings(notes, language)
    _finish(breakdown, strict, language)


@app.command(
    cls=_Command,
    help=N_("Plan against actuals: who is behind, the catch-up pace, and the weak stage."),
)
def track(
    plan_file: PlanFile,
    actuals_file: ActualsOption,
    as_of: AsOfOption = None,
    reps: RepsOption = None,
    by: Annotated[
        _By | None,
        typer.Option(
            "--by",
            help=N_("Add the review: one row per week or month up to the as-of date."),
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    fail_behind: Annotated[
        str | None,
        typer.Option(
            "--fail-behind",
            metavar="PCT",
            help=N_(
                "Exit with 1 when a rep's revenue to date is below PCT% of the plan to date "
                "(0 to 1000)."
            ),
            show_default=False,
        ),
    ] = None,
    sheet: SheetOption = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    lang: LangOption = None,
    strict: StrictOption = False,
    sets: SetOption = None,
    scenario: ScenarioOption = None,
) -> None:
    from goalsplit.render import render_track
    from goalsplit.track import track as track_progress

    language = _language(lang, plan_file, sets, scenario)
    target = _target(output, [(plan_file, "plan"), (actuals_file, "actuals")], language)
    _check_format(fmt, target, language)
    threshold = _percentage(fail_behind, language) if fail_behind is not None else None
    day = _parse_day(as_of, language, "'--as-of'") if as_of else None
    breakdown = _worked_plan(plan_file, language, target, sets, scenario, reps)
    actuals = _load_actuals(actuals_file, breakdown, language, sheet)
    day = day or actuals.last_date or breakdown.start
    if day < breakdown.start:
        raise typer.BadParameter(
            tr(
                "{date} is before the period starts ({start})",
                language,
                date=day,
                start=breakdown.start,
            ),
            param_hint="'--as-of'",
        )
    report = track_progress(breakdown, actuals, day)
    if by is not None:
        from goalsplit.track import review

        report = replace(report, review=review(report, by.value))
    options = _options(target, language, reps=tuple(reps or ()))
    _emit(render_track(fmt, report, options), target, language)
    _report_warnings(breakdown.warnings, language)
    _report_warnings(
        tuple(n.located(str(actuals_file), None, None) for n in report.notes), language
    )
    if threshold is not None:
        behind = [
            (r.rep.name, r.progress[0].pct)
            for r in report.reps
            if r.progress[0].pct is not None and r.progress[0].pct < Fraction(threshold)
        ]
        if behind:
            typer.echo(
                printable(
                    tr(
                        "goalsplit: below {threshold}% of the revenue planned to date: {reps}",
                        language,
                        threshold=f"{threshold.normalize():f}",
                        reps=", ".join(f"{name} ({float(pct):.0f}%)" for name, pct in behind),
                    )
                ),
                err=True,
            )
            raise typer.Exit(EXIT_WARNINGS)
    if strict and _warning_count(breakdown):
        raise typer.Exit(EXIT_WARNINGS)


@app.command(
    cls=_Command,
    help=N_(
        "Write a new plan for the rest of the period: the target still missing, re-split "
        "over the reps with days left, rates refreshed from the actuals."
    ),
)
def replan(
    plan_file: PlanFile,
    actuals_file: ActualsOption,
    as_of: AsOfOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=N_("Write the new plan to this file instead of stdout (never over an input)."),
            show_default=False,
        ),
    ] = None,
    sheet: SheetOption = None,
    lang: LangOption = None,
) -> None:
    from goalsplit.load import load_plan
    from goalsplit.replan import ReplanError
    from goalsplit.replan import replan as replan_plan

    language = _language(lang, plan_file)
    target = _target(output, [(plan_file, "plan"), (actuals_file, "actuals")], language)
    day = _parse_day(as_of, language, "'--as-of'") if as_of else None
    built = _build(plan_file, language)
    _refuse_inputs(target, built.inputs, language)
    breakdown = built.breakdown
    actuals = _load_actuals(actuals_file, breakdown, language, sheet)
    day = day or actuals.last_date or breakdown.start
    if not breakdown.start <= day <= breakdown.end:
        raise typer.BadParameter(
            tr(
                "{date} is outside the period {start}..{end}",
                language,
                date=day,
                start=breakdown.start,
                end=breakdown.end,
            ),
            param_hint="'--as-of'",
        )
    plan_model = load_plan(plan_file, with_history=False).plan  # read without errors above
    try:
        result = replan_plan(plan_model, breakdown, actuals, day, str(plan_file), language)
    except ReplanError as exc:
        _usage_failure("goalsplit: " + tr(exc.template, language, **exc.params))
    _emit([result.text], target, language)
    _report_warnings(breakdown.warnings, language)
    if output is not None:
        typer.echo(tr("Wrote {path}; next: goalsplit plan {path}", language, path=output))


@app.command(
    cls=_Command,
    help=N_("Each rep's and the team's rates from past activity: raw, used, sample, thin data."),
)
def rates(
    history_file: Annotated[
        Path,
        typer.Argument(
            help=N_("A history CSV: rep, date or month, one column per stage."),
            exists=True,
            dir_okay=False,
            readable=True,
            show_default=False,
            metavar="HISTORY",
        ),
    ],
    plan_file: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            "-p",
            metavar="PLAN",
            help=N_("Take the funnel stages and labels from this plan."),
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help=N_("Use rows from this day on."),
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="YYYY-MM-DD",
            help=N_("Use rows up to this day."),
            show_default=False,
        ),
    ] = None,
    prior: Annotated[
        int,
        typer.Option("--prior", min=0, help=N_("Prior strength, in count equivalents per stage.")),
    ] = 30,
    fmt: Annotated[
        RatesFormat,
        typer.Option(
            "--format",
            "-f",
            help=N_("Output format (yaml: a block to paste into a plan)."),
            case_sensitive=False,
        ),
    ] = RatesFormat.table,
    sheet: SheetOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from goalsplit.errors import PlanError
    from goalsplit.history import rates_report
    from goalsplit.load import load_history, load_plan
    from goalsplit.model import DEFAULT_FUNNEL, REVENUE
    from goalsplit.render import render_rates

    language = _language(lang, plan_file)
    inputs: list[tuple[Path, Role]] = [(history_file, "history")]
    if plan_file is not None:
        inputs.append((plan_file, "plan"))
    target = _target(output, inputs, language)
    _check_format(fmt, target, language)
    first = _parse_day(since, language, "'--since'") if since else None
    last = _parse_day(until, language, "'--until'") if until else None
    stages = (REVENUE, *DEFAULT_FUNNEL)
    if plan_file is not None:
        try:
            stages = load_plan(plan_file, with_history=False).plan.stages
        except PlanError as exc:
            _report_issues(exc.issues, language, getattr(exc, "kind", "plan"))
            raise typer.Exit(EXIT_INVALID_PLAN) from None
    _check_reader(history_file, language, sheet)
    try:
        history = load_history(history_file, stages, first, last, sheet=sheet)
        report = rates_report(str(history_file), history, stages, prior)
    except PlanError as exc:
        _report_issues(exc.issues, language, "history")
        raise typer.Exit(EXIT_INVALID_PLAN) from None
    _emit(render_rates(fmt, report, _options(target, language)), target, language)


@app.command(
    cls=_Command,
    help=N_("What each rep and the team can make at capacity: the funnel run forwards."),
)
def reach(
    plan_file: PlanFile,
    per_day: Annotated[
        list[str] | None,
        typer.Option(
            "--per-day",
            metavar="STAGE=N",
            help=N_("Everyone's daily capacity of a stage, in place of the plan's (repeatable)."),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = Format.table,
    reps: RepsOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
    strict: StrictOption = False,
    sets: SetOption = None,
    scenario: ScenarioOption = None,
) -> None:
    from goalsplit.feasibility import reach as reach_of
    from goalsplit.render.reach import render_reach

    language = _language(lang, plan_file, sets, scenario)
    target = _target(output, [(plan_file, "plan")], language)
    _check_format(fmt, target, language)
    breakdown = _worked_plan(plan_file, language, target, sets, scenario, reps)
    capacity = _per_day(per_day, breakdown, language) if per_day else None
    if capacity is None and not any(rep.capacity for rep in breakdown.reps):
        raise typer.BadParameter(
            tr(
                "the plan sets no capacity: give one with --per-day STAGE=N (e.g. {stage}=120) "
                "or capacity: in the plan",
                language,
                stage=breakdown.stages[-1].name,
            ),
            param_hint="'--per-day'",
        )
    report = reach_of(breakdown, capacity)
    options = _options(target, language, reps=tuple(reps or ()))
    _emit(render_reach(fmt, report, options), target, language)
    _finish(breakdown, strict, language)


def _per_day(texts: list[str], breakdown: Breakdown, lang: Lang) -> dict[str, int]:
    """``--per-day dials=120``: a stage below revenue and a whole number above 0."""
    names = [stage.name for stage in breakdown.stages[1:]]
    capacity: dict[str, int] = {}
    for text in texts:
        stage, _, amount = text.partition("=")
        stage, amount = stage.strip(), amount.strip().replace("_", "").replace(",", "")
        if stage not in names:
            raise typer.BadParameter(
                tr(
                    "{value}: no stage named {name}; the stages are {stages}",
                    lang,
                    value=repr(text),
                    name=repr(stage),
                    stages=", ".join(names),
                ),
                param_hint="'--per-day'",
            )
        if not amount.isascii() or not amount.isdigit() or not 0 < int(amount) <= 10**12:
            raise typer.BadParameter(
                tr(
                    "{value}: expected STAGE=N with N a whole number above 0",
                    lang,
                    value=repr(text),
                ),
                param_hint="'--per-day'",
            )
        capacity[stage] = int(amount)
    return capacity


@app.command(
    cls=_Command,
    help=N_(
        "The plan under several scenarios side by side: each rep's quota, daily targets "
        "and whether the days fit their capacity."
    ),
)
def compare(
    plan_file: PlanFile,
    scenarios: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario",
            metavar="NAME",
            help=N_("A scenario of the plan to show (repeatable; default: all of them)."),
            show_default=False,
        ),
    ] = None,
    cases: Annotated[
        list[str] | None,
        typer.Option(
            "--case",
            metavar="KEY=VALUE;...",
            help=N_("A column of --set values, separated by ';' (repeatable)."),
            show_default=False,
        ),
    ] = None,
    sets: SetOption = None,
    fmt: FormatOption = Format.table,
    reps: RepsOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    from goalsplit.feasibility import team_fit
    from goalsplit.render.compare import BASE, Case, render_compare
    from goalsplit.scenarios import WhatIf

    language = _language(lang, plan_file, sets)
    target = _target(output, [(plan_file, "plan")], language)
    _check_format(fmt, target, language)
    base = tuple(sets or ())
    first = _build(plan_file, language, what_if=WhatIf(None, base) if base else None)
    _refuse_inputs(target, first.inputs, language)
    wanted = list(scenarios or ())
    if not wanted and not cases:
        wanted = list(first.scenarios)
        if not wanted:
            raise typer.BadParameter(
                tr("the plan has no scenarios: give --scenario NAME or --case", language),
                param_hint="'--scenario'",
            )
    columns = [Case(BASE, None, base, first.breakdown, team_fit(first.breakdown))]
    for name in wanted:
        built = _build(plan_file, language, what_if=WhatIf(name, base))
        columns.append(Case(name, name, base, built.breakdown, team_fit(built.breakdown)))
    for text in cases or []:
        more = tuple(part.strip() for part in text.split(";") if part.strip())
        built = _build(plan_file, language, what_if=WhatIf(None, base + more))
        columns.append(Case(text, None, base + more, built.breakdown, team_fit(built.breakdown)))
    for name in reps or []:
        _find_rep(first.breakdown, name, language)
    options = _options(target, language, reps=tuple(reps or ()))
    _emit(render_compare(fmt, columns, options), target, language)
    _report_warnings(first.breakdown.warnings, language)
    seen = {issue.render(language) for issue in first.breakdown.warnings}
    for column in columns[1:]:  # what each case adds, under its name
        for issue in column.breakdown.warnings:
            shown = issue.render(language)
            if shown not in seen:
                typer.echo(f"[{printable(column.name)}] {shown}", err=True)


@app.command(cls=_Command, help=N_("Validate plan files without printing a report (for CI)."))
def check(
    plan_files: Annotated[
        list[Path],
        typer.Argument(
            help=N_("Plan files to validate."),
            exists=True,
            dir_okay=False,
            readable=True,
            show_default=False,
            metavar="PLAN",
        ),
    ],
    lang: LangOption = None,
    strict: StrictOption = False,
    sets: SetOption = None,
    scenario: ScenarioOption = None,
) -> None:
    _language(lang)  # an unknown --lang is a usage error before any file is read
    invalid = warned = False
    for plan_file in plan_files:
        language = _language(lang, plan_file, sets, scenario)
        try:
            built = _build(
                plan_file, language, exit_on_error=False, what_if=_what_if(sets, scenario)
            )
        except _Invalid:
            invalid = True
            continue
        if scenario is None and _scenarios_fail(plan_file, built.scenarios, sets, language):
            invalid = True  # every scenario of the plan must work out too
            continue
        breakdown = built.breakdown
        _report_warnings(breakdown.warnings, language)
        warnings = _warning_count(breakdown)
        warned = warned or bool(warnings)
        summary = tr(
            N_("{file}: ok: {reps}, {period} ({days}), quotas add up to {share}% of the target")
            if not breakdown.carve_outs
            else N_(
                "{file}: ok: {reps}, {period} ({days}), quotas add up to {share}% of the "
                "target less carve-outs"
            ),
            language,
            file=plan_file,
            reps=trn("{count} rep", "{count} reps", len(breakdown.reps), language),
            period=breakdown.period_label,
            days=trn(
                "{count} working day",
                "{count} working days",
                len(breakdown.working_days),
                language,
            ),
            share=f"{float(breakdown.allocated / breakdown.decomposed * 100):.1f}",
        )
        if warnings:
            summary += trn(", {count} warning", ", {count} warnings", warnings, language)
        if breakdown.calendar is not None:
            from goalsplit.calendar import describe_calendar

            summary += ("；" if language == "zh" else "; ") + describe_calendar(
                breakdown.calendar, language
            )
        typer.echo(summary)
    if invalid:
        raise typer.Exit(EXIT_INVALID_PLAN)
    if strict and warned:
        raise typer.Exit(EXIT_WARNINGS)


@app.command(
    cls=_Command,
    help=N_("Write a commented starter plan for this quarter (or the --period given)."),
)
def init(
    path: Annotated[
        Path,
        typer.Argument(help=N_("Where to write the starter plan."), metavar="PATH"),
    ] = Path("plan.yaml"),
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help=N_(
                "The plan's period: 2027, 2027-H1, 2027-Q1, 2027-03 or 2027-W05 "
                "(default: this quarter)."
            ),
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Overwrite the file if it exists."))
    ] = False,
) -> None:
    from goalsplit.starter import current_quarter, starter_plan

    language = _language(lang)
    label = _period(period or current_quarter(_today()), language)
    if os.path.lexists(path) and not force:
        raise typer.BadParameter(
            tr("{path} exists; use --force to overwrite it", language, path=path),
            param_hint="'PATH'",
        )
    target = _target(path, [], language, param_hint="'PATH'")
    _emit([starter_plan(label, language, str(path))], target, language)
    typer.echo(tr("Wrote {path}; next: goalsplit check {path}", language, path=path))


@app.command(
    cls=_Command,
    help=N_("Print the plan file's JSON Schema (draft-07), for editor completion and validation."),
)
def schema() -> None:
    from goalsplit.schema import plan_schema_text

    sys.stdout.write(plan_schema_text())


class _Invalid(Exception):
    pass


class _Built(NamedTuple):
    breakdown: Breakdown
    inputs: list[tuple[Path, Role]]  # the files read besides the plan: its history
    scenarios: tuple[str, ...] = ()  # the names of the plan's scenarios


def _what_if(sets: list[str] | None, scenario: str | None) -> WhatIf | None:
    if not sets and scenario is None:
        return None
    from goalsplit.scenarios import WhatIf

    return WhatIf(scenario, tuple(sets or ()))


def _worked_plan(
    plan_file: Path,
    language: Lang,
    target: Target | None,
    sets: list[str] | None = None,
    scenario: str | None = None,
    reps: list[str] | None = None,
) -> Breakdown:
    """The plan worked out for a report: the what-ifs laid over it, the files it names
    (its history) refused as the output, and the reps asked for checked."""
    built = _build(plan_file, language, what_if=_what_if(sets, scenario))
    _refuse_inputs(target, built.inputs, language)
    for name in reps or []:
        _find_rep(built.breakdown, name, language)
    return built.breakdown


def _build(
    plan_file: Path, lang: Lang, exit_on_error: bool = True, what_if: WhatIf | None = None
) -> _Built:
    """Load and work out a plan; on a user error print every problem and exit 3 (2 for
    a --set or --scenario that cannot be applied)."""
    worked = _work_out(plan_file, lang, what_if)
    if worked.breakdown is None:
        _report_issues(list(worked.issues), lang, worked.errors_in)
        if exit_on_error:
            raise typer.Exit(EXIT_INVALID_PLAN)
        raise _Invalid
    inputs: list[tuple[Path, Role]] = []
    if worked.history_file is not None:
        inputs.append((worked.history_file, "history"))
    return _Built(worked.breakdown, inputs, worked.scenarios)


def _work_out(plan_file: Path, lang: Lang, what_if: WhatIf | None) -> WorkedPlan:
    """The plan worked out with ``what_if`` laid over it; a --set or --scenario that
    cannot be applied, or a --set value the plan refuses, is a usage error (exit 2)."""
    from goalsplit.worked import work_out

    if not what_if:
        return work_out(plan_file)
    from goalsplit.scenarios import SET_PREFIX, OverrideError

    try:
        worked = work_out(plan_file, what_if=what_if)
    except OverrideError as exc:
        raise typer.BadParameter(
            tr(exc.template, lang, **exc.params), param_hint=f"'{exc.option}'"
        ) from None
    wrong = [i for i in worked.errors if (i.file or "").startswith(SET_PREFIX)]
    if wrong:
        raise typer.BadParameter(
            "\n".join(
                f"{i.file.removeprefix(SET_PREFIX)!r}: {i.describe(lang)}"  # type: ignore[union-attr]
                for i in wrong
            ),
            param_hint="'--set'",
        )
    return worked


def _scenarios_fail(
    plan_file: Path, names: Sequence[str], sets: list[str] | None, lang: Lang
) -> bool:
    """Work out each scenario of the plan; print every error of every one that does not
    work out, under the scenario's name, and count them. Whether any failed."""
    from goalsplit.scenarios import WhatIf

    errors = 0
    for name in names:
        worked = _work_out(plan_file, lang, WhatIf(name, tuple(sets or ())))
        for issue in worked.errors:
            typer.echo(f"[{printable(name)}] {issue.render(lang)}", err=True)
            errors += 1
    if errors:
        typer.echo(
            trn(
                "goalsplit: {count} error in the plan's scenarios; nothing was written.",
                "goalsplit: {count} errors in the plan's scenarios; nothing was written.",
                errors,
                lang,
            ),
            err=True,
        )
    return bool(errors)


def _check_reader(path: Path, lang: Lang, sheet: str | None = None) -> None:
    """A workbook needs the reports extra's reader: without it, one line and exit 2;
    --sheet is for a workbook: with a CSV file, a usage error."""
    from importlib.util import find_spec

    from goalsplit.activity import is_workbook

    if sheet is not None and not is_workbook(path):
        raise typer.BadParameter(
            tr("--sheet {sheet} is for a workbook (.xlsx); this file is CSV", lang, sheet=sheet),
            param_hint="'--sheet'",
        )
    if is_workbook(path) and find_spec("python_calamine") is None:
        _usage_failure(
            tr(
                "goalsplit: reading {file} needs the reports extra (python-calamine is not "
                "installed): pip install 'goalsplit[reports]'",
                lang,
                file=path,
            )
        )


def _load_actuals(
    path: Path, breakdown: Breakdown, lang: Lang, sheet: str | None = None
) -> Actuals:
    """Read an actuals file for the plan's period; on an error print every problem and
    exit 3."""
    from goalsplit.errors import PlanError
    from goalsplit.load import load_actuals

    _check_reader(path, lang, sheet)
    try:
        return load_actuals(path, breakdown.stages, breakdown.start, breakdown.end, sheet=sheet)
    except PlanError as exc:
        _report_issues(exc.issues, lang, "actuals")
        raise typer.Exit(EXIT_INVALID_PLAN) from None


def _find_rep(breakdown: Breakdown, name: str, lang: Lang) -> RepPlan:
    for rep in breakdown.reps:
        if rep.name == name:
            return rep
    raise typer.BadParameter(
        tr(
            "no rep named {names}; the reps are: {reps}",
            lang,
            names=repr(name),
            reps=", ".join(r.name for r in breakdown.reps),
        ),
        param_hint="'--rep'",
    )


def _today() -> date:
    return date.today()


def _parse_day(text: str, lang: Lang, option: str = "'--date'") -> date:
    """A date option, read by the plan's rules (2026-02-30 "does not exist")."""
    from goalsplit.errors import InputError
    from goalsplit.model import parse_date

    try:
        return parse_date(text)
    except InputError as exc:
        raise typer.BadParameter(tr(exc.template, lang, **exc.params), param_hint=option) from None


def _percentage(text: str, lang: Lang) -> Decimal:
    """``--fail-behind``: a finite percentage from 0 to 1000, read exactly."""
    from goalsplit.limits import NumberOutOfRangeError, parse_number

    written = text.strip()
    try:
        value = parse_number(written.removesuffix("%"))
    except NumberOutOfRangeError:
        value = None
    if value is None or not 0 <= value <= 1000:
        raise typer.BadParameter(
            tr("expected a percentage from 0 to 1000, got {value}", lang, value=repr(text)),
            param_hint="'--fail-behind'",
        )
    return value


def _period(text: str, lang: Lang) -> str:
    """``init --period``: a named period a plan accepts, within the dates goalsplit reads."""
    from goalsplit.limits import date_in_range
    from goalsplit.model import period_span

    span = period_span(text.strip())
    if span is None or not (date_in_range(span[0]) and date_in_range(span[1])):
        raise typer.BadParameter(
            tr(
                "expected a period such as 2027, 2027-H1, 2027-Q1, 2027-03 or 2027-W05 "
                "(years 1900 to 2199), got {value}",
                lang,
                value=repr(text),
            ),
            param_hint="'--period'",
        )
    return text.strip().upper()


def _usage_failure(message: str) -> NoReturn:
    """A usage error that is not about an option the user gave: one line, exit 2."""
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_USAGE)


def _options(target: Target | None, lang: Lang, **extra: object) -> ReportOptions:
    from goalsplit.render import ReportOptions

    to_terminal = target is None and sys.stdout.isatty()
    return ReportOptions(
        color=to_terminal and _color_allowed(),
        width=shutil.get_terminal_size((80, 24)).columns if to_terminal else 80,
        lang=lang,
        **extra,  # type: ignore[arg-type]
    )


def _target(
    output: Path | None,
    inputs: list[tuple[Path, Role]],
    lang: Lang,
    param_hint: str = "'--output'",
) -> Target | None:
    """Decide how the output will be written before anything is computed; refuse a
    directory, a read-only file and the files the command reads (exit 2)."""
    if output is None:
        return None
    from goalsplit.output import OutputRefusedError, refuse_inputs, resolve_target

    try:
        target = resolve_target(output)
        refuse_inputs(target, inputs)
    except OutputRefusedError as exc:
        raise typer.BadParameter(
            tr(exc.template, lang, **exc.params), param_hint=param_hint
        ) from None
    return target


def _refuse_inputs(target: Target | None, inputs: list[tuple[Path, Role]], lang: Lang) -> None:
    """The inputs known only once the plan is loaded (its history file)."""
    if target is None or not inputs:
        return
    from goalsplit.output import OutputRefusedError, refuse_inputs

    try:
        refuse_inputs(target, inputs)
    except OutputRefusedError as exc:
        raise typer.BadParameter(
            tr(exc.template, lang, **exc.params), param_hint="'--output'"
        ) from None


def _check_format(fmt: Enum, target: Target | None, lang: Lang) -> None:
    """Before anything is computed: a binary format never goes to a terminal, and a
    format of the reports extra needs it installed (exit 2 with a one-line hint)."""
    from goalsplit.render import BINARY, MissingExtraError, check_extra

    if fmt.value in BINARY and (
        (target is None and sys.stdout.isatty()) or (target is not None and _is_terminal(target))
    ):
        raise typer.BadParameter(
            tr(
                "an {format} workbook is binary: write it to a file with -o FILE.{format}",
                lang,
                format=fmt.value,
            ),
            param_hint="'--format'",
        )
    try:
        check_extra(fmt.value)
    except MissingExtraError as exc:
        _usage_failure(
            tr(
                "goalsplit: --format {format} needs the reports extra ({module} is not "
                "installed): pip install 'goalsplit[reports]'",
                lang,
                format=exc.fmt,
                module=exc.module,
            )
        )


def _is_terminal(target: Target) -> bool:
    if target.kind != "stream":
        return False
    if target.fd is not None:
        return os.isatty(target.fd)
    try:
        fd = os.open(target.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def _emit(chunks: Iterable[str | bytes], target: Target | None, lang: Lang) -> None:
    if target is None:
        for chunk in chunks:
            if isinstance(chunk, bytes):  # a binary format into a pipe or a file
                sys.stdout.flush()
                sys.stdout.buffer.write(chunk)
            else:
                sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    from goalsplit.output import OutputFailedError, write_report

    try:
        write_report(target, chunks)
    except OutputFailedError as exc:
        typer.echo(
            tr("goalsplit: cannot write {path}: {reason}", lang, path=exc.path, reason=exc.reason),
            err=True,
        )
        raise typer.Exit(EXIT_CANNOT_WRITE) from None


def _finish(breakdown: Breakdown, strict: bool, lang: Lang) -> None:
    _report_warnings(breakdown.warnings, lang)
    if strict and _warning_count(breakdown):
        raise typer.Exit(EXIT_WARNINGS)


def _warning_count(breakdown: Breakdown) -> int:
    """Warnings, not notes: --strict fails on the former only."""
    return sum(issue.severity == "warning" for issue in breakdown.warnings)


def _report_issues(issues: list[Issue], lang: Lang, kind: str) -> None:
    """Every problem, then one line that counts them and names the file they are in
    (``kind``: plan, history or actuals)."""
    from goalsplit.errors import MORE_PROBLEMS

    # "… and 250 more problems" stands for 250 errors, not one.
    errors = 0
    for issue in issues:
        if issue.is_error:
            count = issue.params.get("count") if issue.template == MORE_PROBLEMS else 1
            errors += count if isinstance(count, int) else 1
    for issue in issues:
        typer.echo(issue.render(lang), err=True)
    if kind == "actuals":
        summary = trn(
            "goalsplit: {count} error in the actuals; nothing was written.",
            "goalsplit: {count} errors in the actuals; nothing was written.",
            errors,
            lang,
        )
    elif kind == "history":
        summary = trn(
            "goalsplit: {count} error in the history; nothing was written.",
            "goalsplit: {count} errors in the history; nothing was written.",
            errors,
            lang,
        )
    else:
        summary = trn(
            "goalsplit: {count} error in the plan; nothing was written.",
            "goalsplit: {count} errors in the plan; nothing was written.",
            errors,
            lang,
        )
    typer.echo(summary, err=True)


def _report_warnings(warnings: tuple[Issue, ...], lang: Lang) -> None:
    for issue in warnings:
        typer.echo(issue.render(lang), err=True)


def _color_allowed() -> bool:
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


# --- language ---------------------------------------------------------------------------


# A top-level ``lang: zh`` line, read before (and whatever the outcome of) validation,
# so that the errors of an invalid plan come out in the plan's language.
def _language(
    option: str | None,
    plan_file: Path | None = None,
    sets: Sequence[str] | None = None,
    scenario: str | None = None,
) -> Lang:
    """--lang, else GOALSPLIT_LANG, else the plan's lang: (as --set or --scenario leave
    it), else the locale, else English."""
    if option is not None and option.strip().lower() not in ("en", "zh"):
        raise typer.BadParameter(
            tr(
                "{value} is not one of {choices}",
                _session.lang,
                value=repr(option),
                choices="'en', 'zh'",
            ),
            param_hint="'--lang'",
        )
    if option or os.environ.get("GOALSPLIT_LANG"):
        lang = pick_language(option and option.strip(), os.environ)
    else:
        planned = None
        if plan_file is not None:
            from goalsplit.load import plan_language, what_if_language

            said = what_if_language(plan_file, sets or (), scenario)
            planned = plan_language(plan_file) if said is None else said or None
        lang = planned or pick_language(None, os.environ)
    _session.lang = lang
    return lang


def _language_in(argv: Sequence[str]) -> Lang:
    """The language for typer's own output, before any command runs: --lang on the
    command line, else the environment."""
    option = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            option = argv[i + 1]
        elif arg.startswith("--lang="):
            option = arg.partition("=")[2]
    if option is not None and option.strip().lower() not in ("en", "zh"):
        option = None
    return pick_language(option and option.strip(), os.environ)


# --- what typer and click print for us -------------------------------------------------

# Typer's and click's own texts that help shows; the catalog translates them.
_CLICK_HELP_TEXTS = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)
# typer.rich_utils module constants, swapped while typer prints help or an error.
_TYPER_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
    "ABORTED_TEXT": N_("Aborted."),
}


@contextmanager
def _typer_texts(lang: Lang) -> Iterator[None]:
    if lang == "en":
        yield
        return
    from typer import rich_utils

    saved = {name: getattr(rich_utils, name) for name in _TYPER_TEXTS if hasattr(rich_utils, name)}
    for name in saved:
        setattr(rich_utils, name, tr(_TYPER_TEXTS[name], lang))
    make_text = getattr(rich_utils, "_make_rich_text", None)
    if make_text is not None:
        # rich wraps lines only at spaces and cuts a longer run short with "…"; let
        # Chinese help fold anywhere instead.
        def folding(**kwargs: Any) -> Any:
            text = make_text(**kwargs)
            if hasattr(text, "overflow"):
                text.overflow = "fold"
            return text

        saved["_make_rich_text"] = make_text
        rich_utils._make_rich_text = folding
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(rich_utils, name, value)


def _translate_help(command: Any, lang: Lang) -> None:
    """Put the help texts of a command tree in ``lang`` (typer builds the tree anew
    for every run, so this changes nothing that outlives the run)."""
    if lang == "en":
        return
    if command.help:
        command.help = tr(command.help, lang)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = tr(param.help, lang)
    for sub in getattr(command, "commands", {}).values():
        _translate_help(sub, lang)


def _translated_help_option(option: Any) -> Any:
    if option is not None and option.help:
        option.help = tr(option.help, _session.lang)
    return option


def _format_help(format_help: Any, ctx: Any, formatter: Any) -> None:
    """Typer's help, in the session's language. rich prints it straight to stdout and
    meets a closed pipe with SystemExit(1); make that the closed pipe it is."""
    with _typer_texts(_session.lang):
        try:
            format_help(ctx, formatter)
        except SystemExit:
            raise _ClosedPipe from None


def _format_usage(command: Any, ctx: Any, formatter: Any) -> None:
    pieces = command.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=tr("Usage: ", _session.lang))


def _show_error(exc: Any, lang: Lang) -> None:
    """A usage error as typer shows it, in ``lang``."""
    from typer import rich_utils

    if lang != "en" and type(exc).__name__ != "NoArgsIsHelpError":
        exc = click_errors.UsageError(_click_message(exc.format_message(), lang), exc.ctx)
    with _typer_texts(lang):
        rich_utils.rich_format_error(exc)


# click's and pydantic's English messages, matched whole; a field named detail is
# translated in turn. Anything else is shown as click wrote it.
_CLICK_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"Invalid value for (?P<name>.+?): (?P<detail>.*)", N_("Invalid value for {name}: {detail}")),
    (r"Invalid value: (?P<detail>.*)", N_("Invalid value: {detail}")),
    (r"Missing argument (?P<name>.+?)\.", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>.+?)\.", N_("Missing option {name}.")),
    (r"Missing parameter:? (?P<name>.+?)\.?", N_("Missing parameter {name}.")),
    (
        r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)",
        N_("No such option: {name} (did you mean {options}?)"),
    ),
    (
        r"No such option: (?P<name>\S+)\.? Did you mean (?P<options>.+)\?",
        N_("No such option: {name} (did you mean {options}?)"),
    ),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (
        r"No such command (?P<name>.+?)\. Did you mean (?P<options>.+)\?",
        N_("No such command {name}; did you mean {options}?"),
    ),
    (r"No such command (?P<name>.+?)\.", N_("No such command {name}.")),
    (r"Missing command\.", N_("Missing command.")),
    (
        r"Got unexpected extra arguments? ?(?:\(s\))? \((?P<args>.*)\)",
        N_("Unexpected extra arguments: {args}"),
    ),
    (r"Option (?P<name>'.+?') requires an argument\.", N_("Option {name} requires a value.")),
    (
        r"Option (?P<name>'.+?') requires (?P<count>\d+) arguments\.",
        N_("Option {name} requires {count} values."),
    ),
    (
        r"Option (?P<name>'.+?') does not take a value\.",
        N_("Option {name} does not take a value."),
    ),
    (
        r"(?:[Ff]ile|[Dd]irectory|[Pp]ath) (?P<path>'.*') does not exist\.?",
        N_("{path} does not exist"),
    ),
    (
        r"(?:[Ff]ile|[Dd]irectory|[Pp]ath) (?P<path>'.*') is a directory\.?",
        N_("{path} is a directory"),
    ),
    (r"(?:[Ff]ile|[Dd]irectory|[Pp]ath) (?P<path>'.*') is a file\.?", N_("{path} is a file")),
    (
        r"(?:[Ff]ile|[Dd]irectory|[Pp]ath) (?P<path>'.*') is not readable\.?",
        N_("{path} is not readable"),
    ),
    (
        r"(?:Value error, )?(?P<value>.+?) is not one of (?P<choices>.+?)\.?",
        N_("{value} is not one of {choices}"),
    ),
    (r"Input should be greater than or equal to (?P<bound>\S+)", N_("must be at least {bound}")),
    (r"Input should be greater than (?P<bound>\S+)", N_("must be greater than {bound}")),
    (r"Input should be a valid integer.*", N_("must be a whole number")),
    (r"Input should be a valid number.*", N_("must be a number")),
    (r"(?P<value>.+?) is not a valid integer\.?", N_("{value} is not a whole number")),
    (
        r"(?P<value>.+?) is not in the range (?P<range>.+?)\.?",
        N_("{value} is not in the range {range}"),
    ),
)


def _click_message(text: str, lang: Lang) -> str:
    for pattern, template in _CLICK_MESSAGES:
        match = re.fullmatch(pattern, text.strip(), re.S)
        if match:
            fields = match.groupdict()
            if "detail" in fields:
                fields["detail"] = _click_message(fields["detail"], lang)
            return tr(template, lang, **fields)
    return text


def _after_closed_pipe() -> int:
    """The reader of stdout went away: end quietly. As the Python docs advise, point
    stdout at devnull so that the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file under stdout (tests)
        pass
    return EXIT_CLOSED_PIPE


def main() -> NoReturn:
    """Console entry point: user errors exit 1-3; a bug keeps its traceback and exits 70."""
    # goalsplit's models are internal; scanning every installed distribution for
    # pydantic plugins costs start-up time and nothing should instrument them
    # (typer does the same for its own adapters).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    # A big plan keeps hundreds of thousands of objects alive, few of them cyclic;
    # the default thresholds rescan them over and over (a third of the run time
    # for 10,000 reps, growing faster than the plan). Collect far less often.
    gc.set_threshold(100_000, 50, 1000)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower() != "utf-8":
            reconfigure(encoding="utf-8")
    try:
        app()
    except SystemExit:
        raise
    except Exception:
        traceback.print_exc()
        print(
            tr(
                "goalsplit: internal error; this is a bug, please report it with the traceback "
                "above.",
                _session.lang,
            ),
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(EXIT_OK)  # pragma: no cover - app() always exits in standalone mode

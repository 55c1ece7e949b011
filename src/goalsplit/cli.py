"""The command line: options -> load -> compute -> render; nothing else.

Heavy modules (pydantic, holidays, yaml) are imported inside the commands, so
``--version`` and ``--help`` stay instant. This is the only place that reads
the clock (``today`` without ``--date``, ``init``'s starter period).
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Iterable
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from goalsplit import __version__
from goalsplit.i18n import Lang, pick_language, tr
from goalsplit.render import Format, RatesFormat

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown, RepPlan
    from goalsplit.errors import Issue
    from goalsplit.render import ReportOptions

EXIT_OK = 0
EXIT_WARNINGS = 1  # warnings and --strict
EXIT_USAGE = 2  # click's own code for command-line usage errors
EXIT_INVALID_PLAN = 3
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug, reported with its traceback

app = typer.Typer(
    name="goalsplit",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"goalsplit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_show_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Decompose a sales team's revenue target into each rep's daily and weekly actions.

    Exit codes: 0 ok, 1 warnings with --strict, 2 usage error, 3 invalid plan file, 70 bug.
    """


PlanFile = Annotated[
    Path,
    typer.Argument(
        help="The plan file (YAML).",
        exists=True,
        dir_okay=False,
        readable=True,
        show_default=False,
        metavar="PLAN",
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to this file instead of stdout.",
        dir_okay=False,
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="en|zh",
        help="Language of reports and messages [default: GOALSPLIT_LANG, else the locale].",
        show_default=False,
    ),
]
RepsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--rep",
        "-r",
        metavar="NAME",
        help="Show only this rep (repeatable); quotas are still shared across the whole team.",
        show_default=False,
    ),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Exit with 1 when the plan has warnings.")
]


def _language(option: str | None) -> Lang:
    if option is not None and option.lower() not in ("en", "zh"):
        raise typer.BadParameter(f"{option!r} is not one of 'en', 'zh'", param_hint="'--lang'")
    return pick_language(option, os.environ)


@app.command()
def plan(
    plan_file: PlanFile,
    fmt: FormatOption = Format.table,
    reps: RepsOption = None,
    daily: Annotated[
        bool, typer.Option("--daily", help="Add each rep's targets per working day.")
    ] = False,
    output: OutputOption = None,
    lang: LangOption = None,
    strict: StrictOption = False,
) -> None:
    """Work out each rep's quota and daily and weekly stage targets."""
    from goalsplit.render import render

    language = _language(lang)
    _refuse_overwriting(output, plan_file, language)
    breakdown = _build(plan_file, language)
    for name in reps or []:
        _find_rep(breakdown, name, language)
    options = _options(output, language, reps=tuple(reps or ()), daily=daily)
    _emit(render(fmt, breakdown, options), output, language)
    _finish(breakdown, strict, language)


@app.command()
def today(
    plan_file: PlanFile,
    rep: Annotated[
        str | None,
        typer.Option(
            "--rep",
            "-r",
            metavar="NAME",
            help="Whose card (may be left out when the plan has one rep).",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="YYYY-MM-DD",
            help="The day to show [default: today, local date].",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    lang: LangOption = None,
    strict: StrictOption = False,
) -> None:
    """A rep's card: today's targets, this week's, and where the period stands."""
    from goalsplit.card import day_card
    from goalsplit.render import render_card

    language = _language(lang)
    _refuse_overwriting(output, plan_file, language)
    day = _parse_day(on, language)
    breakdown = _build(plan_file, language)
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
    if not breakdown.start <= day <= breakdown.end:
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
    _emit(render_card(fmt, card, _options(output, language)), output, language)
    _finish(breakdown, strict, language)


@app.command()
def track(
    plan_file: PlanFile,
    actuals_file: Annotated[
        Path,
        typer.Option(
            "--actuals",
            "-a",
            metavar="CSV",
            help="What was done: date, rep and any stage columns.",
            exists=True,
            dir_okay=False,
            readable=True,
            show_default=False,
        ),
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="Progress through this day [default: the last date in the actuals].",
            show_default=False,
        ),
    ] = None,
    reps: RepsOption = None,
    fail_behind: Annotated[
        float | None,
        typer.Option(
            "--fail-behind",
            metavar="PCT",
            min=0,
            help="Exit with 1 when a rep's revenue to date is below PCT% of the plan to date.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    lang: LangOption = None,
    strict: StrictOption = False,
) -> None:
    """Plan against actuals: who is behind, the catch-up pace, and the weak stage."""
    from goalsplit.errors import PlanError
    from goalsplit.load import load_actuals
    from goalsplit.render import render_track
    from goalsplit.track import track as track_progress

    language = _language(lang)
    _refuse_overwriting(output, plan_file, language)
    _refuse_overwriting(output, actuals_file, language)
    day = _parse_day(as_of, language, "'--as-of'") if as_of else None
    breakdown = _build(plan_file, language)
    for name in reps or []:
        _find_rep(breakdown, name, language)
    try:
        actuals = load_actuals(actuals_file, breakdown.stages, breakdown.start, breakdown.end)
    except PlanError as exc:
        _report_issues(exc.issues, language)
        raise typer.Exit(EXIT_INVALID_PLAN) from None
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
    if report.unknown_reps:
        typer.echo(
            tr(
                "note: {file}: not in the plan, left out: {names}",
                language,
                file=actuals_file,
                names=", ".join(report.unknown_reps),
            ),
            err=True,
        )
    options = _options(output, language, reps=tuple(reps or ()))
    _emit(render_track(fmt, report, options), output, language)
    _report_warnings(breakdown.warnings, language)
    if fail_behind is not None:
        threshold = Fraction(str(fail_behind))
        behind = [
            (r.rep.name, r.progress[0].pct)
            for r in report.reps
            if r.progress[0].pct is not None and r.progress[0].pct < threshold
        ]
        if behind:
            typer.echo(
                tr(
                    "goalsplit: below {threshold}% of the revenue planned to date: {reps}",
                    language,
                    threshold=f"{fail_behind:g}",
                    reps=", ".join(f"{name} ({float(pct):.0f}%)" for name, pct in behind),
                ),
                err=True,
            )
            raise typer.Exit(EXIT_WARNINGS)
    if strict and _warning_count(breakdown):
        raise typer.Exit(EXIT_WARNINGS)


@app.command()
def rates(
    history_file: Annotated[
        Path,
        typer.Argument(
            help="A history CSV: rep, date or month, one column per stage.",
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
            help="Take the funnel stages and labels from this plan.",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="YYYY-MM-DD", help="Use rows from this day on.", show_default=False
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="YYYY-MM-DD", help="Use rows up to this day.", show_default=False
        ),
    ] = None,
    prior: Annotated[
        int,
        typer.Option("--prior", min=0, help="Prior strength, in count equivalents per stage."),
    ] = 30,
    fmt: Annotated[
        RatesFormat,
        typer.Option(
            "--format",
            "-f",
            help="Output format (yaml: a block to paste into a plan).",
            case_sensitive=False,
        ),
    ] = RatesFormat.table,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Each rep's and the team's rates from past activity: raw, used, sample, thin data."""
    from goalsplit.errors import PlanError
    from goalsplit.history import rates_report
    from goalsplit.load import load_history, load_plan
    from goalsplit.model import DEFAULT_FUNNEL, REVENUE
    from goalsplit.render import render_rates

    language = _language(lang)
    _refuse_overwriting(output, history_file, language)
    first = _parse_day(since, language, "'--since'") if since else None
    last = _parse_day(until, language, "'--until'") if until else None
    stages = (REVENUE, *DEFAULT_FUNNEL)
    try:
        if plan_file is not None:
            stages = load_plan(plan_file, with_history=False).plan.stages
        history = load_history(history_file, stages, first, last)
        report = rates_report(str(history_file), history, stages, prior)
    except PlanError as exc:
        _report_issues(exc.issues, language)
        raise typer.Exit(EXIT_INVALID_PLAN) from None
    _emit(render_rates(fmt, report, _options(output, language)), output, language)


@app.command()
def check(
    plan_files: Annotated[
        list[Path],
        typer.Argument(
            help="Plan files to validate.",
            exists=True,
            dir_okay=False,
            readable=True,
            show_default=False,
            metavar="PLAN",
        ),
    ],
    lang: LangOption = None,
    strict: StrictOption = False,
) -> None:
    """Validate plan files without printing a report (for CI)."""
    language = _language(lang)
    invalid = warned = False
    for plan_file in plan_files:
        try:
            breakdown = _build(plan_file, language, exit_on_error=False)
        except _Invalid:
            invalid = True
            continue
        _report_warnings(breakdown.warnings, language)
        warned = warned or bool(_warning_count(breakdown))
        summary = tr(
            "{file}: ok: {reps} reps, {period} ({days} working days), quotas add up to "
            "{share}% of the target",
            language,
            file=plan_file,
            reps=len(breakdown.reps),
            period=breakdown.period_label,
            days=len(breakdown.working_days),
            share=f"{float(breakdown.allocated / breakdown.target * 100):.1f}",
        )
        if _warning_count(breakdown):
            summary += tr(", {count} warning(s)", language, count=_warning_count(breakdown))
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


@app.command()
def init(
    path: Annotated[
        Path,
        typer.Argument(help="Where to write the starter plan.", dir_okay=False, metavar="PATH"),
    ] = Path("plan.yaml"),
    lang: LangOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the file if it exists.")
    ] = False,
) -> None:
    """Write a commented starter plan for this quarter."""
    from goalsplit.starter import starter_plan

    language = _language(lang)
    if path.exists() and not force:
        raise typer.BadParameter(
            tr("{path} exists; use --force to overwrite it", language, path=path),
            param_hint="'PATH'",
        )
    _write_atomically(path, [starter_plan(date.today(), language, str(path))], language)
    typer.echo(tr("Wrote {path}; next: goalsplit check {path}", language, path=path))


@app.command()
def schema() -> None:
    """Print the plan file's JSON Schema (draft-07), for editor completion and validation."""
    from goalsplit.schema import plan_schema_text

    sys.stdout.write(plan_schema_text())


class _Invalid(Exception):
    pass


def _build(plan_file: Path, lang: Lang, exit_on_error: bool = True) -> Breakdown:
    """Load and work out a plan; on a user error print every problem and exit 3."""
    from dataclasses import replace

    from goalsplit.breakdown import build_breakdown
    from goalsplit.errors import PlanError
    from goalsplit.load import load_plan, sorted_located

    try:
        loaded = load_plan(plan_file)
        try:
            breakdown = build_breakdown(loaded.plan, loaded.history)
        except PlanError as exc:
            raise PlanError(sorted_located(loaded.source, exc.issues)) from None
    except PlanError as exc:
        _report_issues(exc.issues, lang)
        if exit_on_error:
            raise typer.Exit(EXIT_INVALID_PLAN) from None
        raise _Invalid from None
    return replace(
        breakdown, warnings=tuple(sorted_located(loaded.source, list(breakdown.warnings)))
    )


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


def _parse_day(text: str | None, lang: Lang, option: str = "'--date'") -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(
            tr("expected a date written YYYY-MM-DD, got {value}", lang, value=repr(text)),
            param_hint=option,
        ) from None


def _options(output: Path | None, lang: Lang, **extra: object) -> ReportOptions:
    from goalsplit.render import ReportOptions

    to_terminal = output is None and sys.stdout.isatty()
    return ReportOptions(
        color=to_terminal and _color_allowed(),
        width=shutil.get_terminal_size((80, 24)).columns if to_terminal else 80,
        lang=lang,
        **extra,  # type: ignore[arg-type]
    )


def _emit(chunks: Iterable[str], output: Path | None, lang: Lang) -> None:
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
    else:
        _write_atomically(output, chunks, lang)


def _finish(breakdown: Breakdown, strict: bool, lang: Lang) -> None:
    _report_warnings(breakdown.warnings, lang)
    if strict and _warning_count(breakdown):
        raise typer.Exit(EXIT_WARNINGS)


def _warning_count(breakdown: Breakdown) -> int:
    """Warnings, not notes: --strict fails on the former only."""
    return sum(issue.severity == "warning" for issue in breakdown.warnings)


def _report_issues(issues: list[Issue], lang: Lang) -> None:
    errors = sum(issue.is_error for issue in issues)
    for issue in issues:
        typer.echo(issue.render(lang), err=True)
    typer.echo(
        tr("goalsplit: {count} error(s) in the plan; nothing was written.", lang, count=errors),
        err=True,
    )


def _report_warnings(warnings: tuple[Issue, ...], lang: Lang) -> None:
    for issue in warnings:
        typer.echo(issue.render(lang), err=True)


def _color_allowed() -> bool:
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _refuse_overwriting(output: Path | None, plan_file: Path, lang: Lang) -> None:
    if output is None:
        return
    try:
        same = output.exists() and output.samefile(plan_file)
    except OSError:
        same = output.resolve() == plan_file.resolve()
    if same:
        raise typer.BadParameter(
            tr("refusing to overwrite the plan file", lang), param_hint="'--output'"
        )


def _write_atomically(path: Path, chunks: Iterable[str], lang: Lang) -> None:
    """Write a complete file or nothing: a temporary file renamed into place."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise typer.BadParameter(
            tr("cannot write {path}: {reason}", lang, path=path, reason=exc.strerror),
            param_hint="'--output'",
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.writelines(chunks)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        lang = pick_language(None, os.environ)
        print(
            tr(
                "goalsplit: internal error; this is a bug, please report it with the traceback "
                "above.",
                lang,
            ),
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(EXIT_OK)  # pragma: no cover - app() always exits in standalone mode

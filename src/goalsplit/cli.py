"""The command line: options -> load -> compute -> render; nothing else.

Heavy modules (pydantic, holidays, rich tables) are imported inside the
commands, so ``--version`` and ``--help`` stay instant.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from goalsplit import __version__
from goalsplit.render import Format

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown
    from goalsplit.errors import Issue

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
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Exit with 1 when the plan has warnings.")
]


@app.command()
def plan(
    plan_file: PlanFile,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = Format.table,
    reps: Annotated[
        list[str] | None,
        typer.Option(
            "--rep",
            "-r",
            metavar="NAME",
            help="Show only this rep (repeatable); quotas are still shared across the whole team.",
            show_default=False,
        ),
    ] = None,
    daily: Annotated[
        bool, typer.Option("--daily", help="Add each rep's targets per working day.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to this file instead of stdout.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    strict: StrictOption = False,
) -> None:
    """Work out each rep's quota and daily and weekly stage targets."""
    from goalsplit.render import ReportOptions, render

    if output is not None and _same_file(output, plan_file):
        raise typer.BadParameter("refusing to overwrite the plan file", param_hint="'--output'")
    breakdown = _build(plan_file)
    names = [rep.name for rep in breakdown.reps]
    unknown = [name for name in reps or [] if name not in names]
    if unknown:
        raise typer.BadParameter(
            f"no rep named {', '.join(map(repr, unknown))}; the reps are: {', '.join(names)}",
            param_hint="'--rep'",
        )
    to_terminal = output is None and sys.stdout.isatty()
    options = ReportOptions(
        reps=tuple(reps or ()),
        daily=daily,
        color=to_terminal and _color_allowed(),
        width=shutil.get_terminal_size((80, 24)).columns if to_terminal else 80,
    )
    chunks = render(fmt, breakdown, options)
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
    else:
        _write_atomically(output, chunks)
    _report_warnings(breakdown.warnings)
    if strict and breakdown.warnings:
        raise typer.Exit(EXIT_WARNINGS)


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
    strict: StrictOption = False,
) -> None:
    """Validate plan files without printing a report (for CI)."""
    invalid = warned = False
    for plan_file in plan_files:
        try:
            breakdown = _build(plan_file, exit_on_error=False)
        except _Invalid:
            invalid = True
            continue
        _report_warnings(breakdown.warnings)
        warned = warned or bool(breakdown.warnings)
        share = float(breakdown.allocated / breakdown.target * 100)
        typer.echo(
            f"{plan_file}: ok: {len(breakdown.reps)} reps, {breakdown.period_label} "
            f"({len(breakdown.working_days)} working days), quotas add up to {share:.1f}% "
            f"of the target"
            + (f", {len(breakdown.warnings)} warning(s)" if breakdown.warnings else "")
        )
    if invalid:
        raise typer.Exit(EXIT_INVALID_PLAN)
    if strict and warned:
        raise typer.Exit(EXIT_WARNINGS)


class _Invalid(Exception):
    pass


def _build(plan_file: Path, exit_on_error: bool = True) -> Breakdown:
    """Load and work out a plan; on a user error print every problem and exit 3."""
    from dataclasses import replace

    from goalsplit.breakdown import build_breakdown
    from goalsplit.errors import PlanError
    from goalsplit.load import load_plan, sorted_located

    try:
        loaded = load_plan(plan_file)
        try:
            breakdown = build_breakdown(loaded.plan)
        except PlanError as exc:
            raise PlanError(sorted_located(loaded.source, exc.issues)) from None
    except PlanError as exc:
        _report_issues(exc.issues)
        if exit_on_error:
            raise typer.Exit(EXIT_INVALID_PLAN) from None
        raise _Invalid from None
    return replace(
        breakdown, warnings=tuple(sorted_located(loaded.source, list(breakdown.warnings)))
    )


def _report_issues(issues: list[Issue]) -> None:
    errors = sum(issue.is_error for issue in issues)
    for issue in issues:
        typer.echo(str(issue), err=True)
    typer.echo(f"goalsplit: {errors} error(s) in the plan; nothing was written.", err=True)


def _report_warnings(warnings: tuple[Issue, ...]) -> None:
    for issue in warnings:
        typer.echo(str(issue), err=True)


def _color_allowed() -> bool:
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def _write_atomically(path: Path, chunks: Iterable[str]) -> None:
    """Write a complete file or nothing: a temporary file renamed into place."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise typer.BadParameter(
            f"cannot write {path}: {exc.strerror}", param_hint="'--output'"
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
        print(
            "goalsplit: internal error; this is a bug, please report it with the traceback above.",
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(EXIT_OK)  # pragma: no cover - app() always exits in standalone mode

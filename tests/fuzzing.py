"""Strategies, mutations and a sandboxed runner for the fuzz suite (tests/test_fuzz.py).

Every generated input is a *case*: the files a command reads (a plan, an actuals
CSV, a history CSV), written into a fresh directory, and the command line to run
on them. The command runs through typer's CliRunner in a forked child, so that a
hang is killed after a hard time limit (a signal alarm cannot interrupt a long
computation inside C code, such as ``Fraction(Decimal("1e999999999"))``), a
memory bomb hits an address-space limit instead of the machine, and nothing a
command does can leak into the test process.
"""

from __future__ import annotations

import contextlib
import csv
import faulthandler
import gc
import io
import json
import os
import re
import resource
import select
import signal
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from goalsplit.render import Format, RatesFormat

# --- knobs ---------------------------------------------------------------------------

TIMEOUT = float(os.environ.get("GOALSPLIT_FUZZ_TIMEOUT", "20"))  # seconds per command
MEMORY = int(os.environ.get("GOALSPLIT_FUZZ_MEMORY_MB", "3072")) * 1024 * 1024
EXIT_CODES = {0, 1, 2, 3}

# --- running a command ---------------------------------------------------------------


@dataclass
class Outcome:
    args: list[str]
    exit_code: int  # 70 when the command raised: cli.main() prints the traceback, exits 70
    stdout: str
    stderr: str
    traceback: str | None = None  # of an uncaught exception
    timed_out: bool = False
    stack: str = ""  # where a command that timed out was stuck
    seconds: float = 0.0


def run(
    args: Sequence[str], *, timeout: float = TIMEOUT, env: dict[str, str] | None = None
) -> Outcome:
    """Run ``goalsplit ARGS`` in a forked child; kill it after ``timeout`` seconds."""
    with tempfile.TemporaryFile() as stack_file:
        return _run_forked(list(args), timeout, env, stack_file)


def _run_forked(
    args: list[str], timeout: float, env: dict[str, str] | None, stack_file: Any
) -> Outcome:
    from typer.testing import CliRunner

    from goalsplit.cli import app

    read_fd, write_fd = os.pipe()
    started = time.monotonic()
    # Keep the child's garbage collector off the parent's objects: scanning them would
    # copy every page of the (large) test process into the child.
    gc.freeze()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        status = 0
        try:
            os.close(read_fd)
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
            # Where a command that will be killed is stuck, written just before the kill.
            faulthandler.dump_traceback_later(max(timeout - 1, 0.5), file=stack_file)
            result = CliRunner().invoke(app, args, env=env)
            code = result.exit_code
            tb = None
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                code = 70
                tb = "".join(traceback.format_exception(*result.exc_info))  # type: ignore[misc]
            payload = {
                "exit_code": code,
                "stdout": _text(result.stdout_bytes),
                "stderr": _text(result.stderr_bytes),
                "traceback": tb,
            }
            data = json.dumps(payload).encode()
        except BaseException:
            data = json.dumps(
                {"exit_code": 70, "stdout": "", "stderr": "", "traceback": traceback.format_exc()}
            ).encode()
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
        except BaseException:
            status = 1
        os._exit(status)
    gc.unfreeze()
    os.close(write_fd)
    chunks: list[bytes] = []
    timed_out = False
    deadline = started + timeout
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], remaining)
            if ready:
                chunk = os.read(read_fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, wait_status = os.waitpid(pid, 0)
    seconds = time.monotonic() - started
    if timed_out:
        stack_file.seek(0)
        stack = stack_file.read().decode("utf-8", "replace")
        return Outcome(args, -1, "", "", None, True, stack, seconds)
    if not chunks:  # the child died without a word: killed by a signal (memory, segfault)
        reason = f"child died: wait status {wait_status}"
        return Outcome(args, 70, "", "", reason, False, "", seconds)
    data = json.loads(b"".join(chunks))
    return Outcome(
        args,
        data["exit_code"],
        data["stdout"],
        data["stderr"],
        data["traceback"],
        False,
        "",
        seconds,
    )


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "backslashreplace")


# --- the property --------------------------------------------------------------------


@dataclass
class Case:
    """Files to write (name -> bytes) and a command line; ``{in}`` and ``{out}`` in an
    argument stand for the input and the output directory."""

    files: dict[str, bytes]
    args: list[str]
    fmt: str | None = None  # the output format, when the command prints a report
    output: str | None = None  # the file name given to -o (inside {out}), if any
    expect_exit: set[int] | None = None  # a narrower set of exit codes, for targeted cases
    names: list[str] | None = None  # rep names as written, to compare with plan -f json
    then_check: bool = False  # init, replan: the written plan must pass `check`
    # rates -f yaml: this plan head (period, target, funnel) plus the printed block must
    # pass `check`, since the block is made to be pasted into a plan
    paste_into: str | None = None

    def describe(self) -> str:
        lines = ["$ goalsplit " + " ".join(_quote(a) for a in self.args)]
        for name, content in self.files.items():
            shown = content if len(content) <= 3000 else content[:3000] + b"...(truncated)"
            lines.append(f"--- {name} ({len(content)} bytes)")
            lines.append(shown.decode("utf-8", "backslashreplace"))
        return "\n".join(lines)


def _quote(arg: str) -> str:
    return arg if re.fullmatch(r"[\w./{}:=@%+-]+", arg) else json.dumps(arg, ensure_ascii=False)


@dataclass
class Failure:
    kind: str  # hang, bug (exit 70), traceback, exit code, no message, files, output
    signature: str  # groups failures by cause
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"


_NUMBER_RE = re.compile(r"\d+")


def exception_line(tb: str) -> str:
    """The ``Type: message`` line of a traceback (a message may span several lines)."""
    lines = tb.strip().splitlines()
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].startswith("  File ") or lines[i].startswith("Traceback"):
            break
    else:
        return lines[-1] if lines else "?"
    tail = [line for line in lines[i + 1 :] if line and not line.startswith(" ")]
    return tail[0] if tail else lines[-1]


def bug_signature(tb: str) -> str:
    """The exception's type and the innermost goalsplit frame: one cause, one signature."""
    exc_type = exception_line(tb).split(":", 1)[0]
    frames = re.findall(r'File "([^"]+)", line \d+, in (\S+)', tb)
    ours = [f"{Path(f).name}:{fn}" for f, fn in frames if "goalsplit" in f and "tests" not in f]
    where = ours[-1] if ours else (f"{Path(frames[-1][0]).name}:{frames[-1][1]}" if frames else "?")
    return f"{exc_type} in {where}"


def hang_signature(stack: str) -> str:
    frames = re.findall(r'File "([^"]+)", line \d+ in (\S+)', stack)
    # faulthandler lists the innermost frame first
    ours = [f"{Path(f).name}:{fn}" for f, fn in frames if "goalsplit" in f and "tests" not in f]
    inner = f"{Path(frames[0][0]).name}:{frames[0][1]}" if frames else "?"
    return f"hang in {ours[0] if ours else '?'} (innermost {inner})"


def failures(
    case: Case, outcome: Outcome, in_dir: Path, out_dir: Path, inputs: dict[str, bytes]
) -> list[Failure]:
    """Everything wrong with one run: the fuzz property, checked in full."""
    found: list[Failure] = []
    command = case.args[0] if case.args else "?"
    if outcome.timed_out:
        found.append(
            Failure(
                "hang",
                f"{command}: {hang_signature(outcome.stack)}",
                f"no answer after {outcome.seconds:.0f} s; stack:\n{outcome.stack[:3000]}",
            )
        )
        return found
    if outcome.traceback is not None:
        last = exception_line(outcome.traceback)
        found.append(
            Failure(
                "bug",
                f"{command}: {bug_signature(outcome.traceback)}",
                f"exit 70, {last}\n{outcome.traceback[-4000:]}",
            )
        )
    elif outcome.exit_code not in EXIT_CODES:
        found.append(
            Failure(
                "exit code",
                f"{command}: exit {outcome.exit_code}",
                f"exit {outcome.exit_code}; stderr: {outcome.stderr[-2000:]}",
            )
        )
    if case.expect_exit is not None and outcome.exit_code not in case.expect_exit:
        found.append(
            Failure(
                "exit code",
                f"{command}: exit {outcome.exit_code}, expected {sorted(case.expect_exit)}",
                f"exit {outcome.exit_code}; stderr: {outcome.stderr[-2000:]}",
            )
        )
    if outcome.exit_code in (1, 2, 3) and not outcome.stderr.strip():
        found.append(
            Failure(
                "no message",
                f"{command}: exit {outcome.exit_code} without a message",
                f"stdout: {outcome.stdout[-500:]}",
            )
        )
    for stream, text in (("stdout", outcome.stdout), ("stderr", outcome.stderr)):
        if "Traceback" in text:
            found.append(Failure("traceback", f"{command}: traceback on {stream}", text[-3000:]))
    found += _misplaced(command, outcome.stderr, in_dir, inputs)
    # Files: the output (if any) on exit 0/1, nothing else; inputs untouched.
    left = sorted(os.listdir(out_dir))
    expected = [case.output] if case.output and outcome.exit_code in (0, 1) else []
    if left != expected:
        found.append(
            Failure(
                "files",
                f"{command}: files left in the output directory on exit {outcome.exit_code}",
                f"expected {expected}, found {left}",
            )
        )
    now = {p.name: p.read_bytes() for p in in_dir.iterdir() if p.is_file()}
    if now != inputs:
        changed = sorted(set(now) ^ set(inputs) | {k for k in now if now.get(k) != inputs.get(k)})
        found.append(
            Failure(
                "files",
                f"{command}: input directory changed on exit {outcome.exit_code}",
                f"changed: {changed}",
            )
        )
    if outcome.exit_code in (0, 1) and case.fmt and not outcome.traceback:  # 1: --strict
        text = outcome.stdout
        data = None
        if case.output and case.output in left:
            data = (out_dir / case.output).read_bytes()
            text = data.decode("utf-8", "backslashreplace")
        found += _check_report(case, command, text, data)
    return found


def _misplaced(command: str, stderr: str, in_dir: Path, inputs: dict[str, bytes]) -> list[Failure]:
    """A message that names a line of an input file names a line that is in the file."""
    for name, content in inputs.items():
        prefix = f"{in_dir / name}:"
        lines = len(content.decode("utf-8", "replace").splitlines())  # \r and \x85 too
        for match in re.finditer(re.escape(prefix) + r"(\d+):(\d+):", stderr):
            line = int(match[1])
            if not 1 <= line <= max(lines, 1):
                return [
                    Failure(
                        "message",
                        f"{command}: a message points past the end of {name}",
                        f"line {line} of a file of {lines} lines: "
                        f"{stderr[match.start() : match.start() + 300]}",
                    )
                ]
    return []


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _check_report(case: Case, command: str, text: str, data: bytes | None) -> list[Failure]:
    """What a report of ``case.fmt`` must be on exit 0: each format's own check (see
    FORMAT_CHECKS), and no raw escape character in any text format. ``data``: the
    written file's bytes (None when the report went to stdout)."""
    found: list[Failure] = []
    check = FORMAT_CHECKS.get(case.fmt or "")
    if check is not None:
        found += check(case, command, text, data)
    if case.fmt in TEXT_FORMATS and "\x1b" in text:
        at = text.index("\x1b")
        found.append(
            Failure(
                "output",
                f"{command}: raw escape character in -f {case.fmt} output",
                f"...{text[max(0, at - 40) : at + 40]!r}...",
            )
        )
    return found


def _check_json(case: Case, command: str, text: str, data: bytes | None) -> list[Failure]:
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:
        return [Failure("output", f"{command}: -f json is not JSON", f"{exc}: {text[:500]}")]
    if case.names is not None and command == "plan":
        shown = [rep.get("name") for rep in doc.get("reps", [])]
        written = [name.strip() for name in case.names]
        if shown != written:
            return [
                Failure(
                    "output",
                    f"{command}: rep names are not shown as written",
                    f"written {written!r}, shown {shown!r}",
                )
            ]
    return []


def _check_csv(case: Case, command: str, text: str, data: bytes | None) -> list[Failure]:
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return [Failure("output", f"{command}: -f csv does not read back", f"{exc}")]
    for row in rows:
        for cell in row:
            if _formula(cell):
                return [
                    Failure(
                        "output", f"{command}: CSV cell starts a formula", f"cell {cell[:200]!r}"
                    )
                ]
    return []


def _check_xlsx(case: Case, command: str, text: str, data: bytes | None) -> list[Failure]:
    """A workbook: a zip (stdout too), and, written to a file, one openpyxl opens whole,
    with no cell a formula (text is written as text)."""
    if not text.startswith("PK"):
        return [Failure("output", f"{command}: -f xlsx is not a zip", repr(text[:200]))]
    if data is None:
        return []
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data))
    except Exception as exc:  # any failure to open is the finding
        return [Failure("output", f"{command}: -f xlsx does not open", f"{type(exc).__name__}")]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    return [
                        Failure(
                            "output",
                            f"{command}: xlsx cell is a formula",
                            f"{sheet.title}!{cell.coordinate}: {str(cell.value)[:200]!r}",
                        )
                    ]
    return []


def _check_html(case: Case, command: str, text: str, data: bytes | None) -> list[Failure]:
    """A whole page, whose only scripts are none: a rep named <script>... is shown as
    text, and the page ends where a page ends."""
    if "<script" in text.lower():
        at = text.lower().index("<script")
        return [
            Failure("output", f"{command}: -f html holds a script", repr(text[at - 40 : at + 80]))
        ]
    if not text.rstrip().endswith("</html>"):
        return [Failure("output", f"{command}: -f html is cut short", repr(text[-200:]))]
    return []


# One check per output format, the one place to extend when a format lands. A format
# without an entry is only held to the common property.
FORMAT_CHECKS: dict[str, Callable[[Case, str, str, bytes | None], list[Failure]]] = {
    "json": _check_json,
    "csv": _check_csv,
    "xlsx": _check_xlsx,
    "html": _check_html,
}
TEXT_FORMATS = {"table", "markdown", "csv", "yaml", "share", "html"}  # no raw escape character


_NUMBER = re.compile(r"^-?[0-9][0-9,]*(\.[0-9]*)?%?$")


def _formula(cell: str) -> bool:
    """OWASP's CSV-injection rule: a cell that a spreadsheet would run as a formula."""
    if not cell:
        return False
    if cell[0] in "=+@\t\r":
        return True
    return cell[0] == "-" and not _NUMBER.match(cell)


# --- bookkeeping: how many inputs were tried, what was found --------------------------

STATS: Counter[str] = Counter()  # "test:exit N", "inputs", "runs"
SECONDS: Counter[str] = Counter()  # time spent in commands, per test
SLOWEST: list[tuple[float, str, list[str]]] = []


@dataclass
class Collector:
    """In a deep run (GOALSPLIT_FUZZ_REPORT=file.jsonl) failures are recorded, not raised,
    so one run surveys every distinct failure instead of stopping at the first."""

    path: Path | None = field(
        default_factory=lambda: Path(p) if (p := os.environ.get("GOALSPLIT_FUZZ_REPORT")) else None
    )

    def record(self, test: str, case: Case, found: list[Failure]) -> None:
        assert self.path is not None
        with self.path.open("a", encoding="utf-8") as handle:
            for failure in found:
                record = {
                    "test": test,
                    "kind": failure.kind,
                    "signature": failure.signature,
                    "detail": failure.detail[-4000:],
                    "args": case.args,
                    "files": {
                        k: v.decode("utf-8", "backslashreplace")[:20000]
                        for k, v in case.files.items()
                    },
                    "size": sum(len(v) for v in case.files.values()) + sum(map(len, case.args)),
                }
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


COLLECTOR = Collector()


def _follow_up(case: Case, outcome: Outcome, in_dir: Path, out_dir: Path) -> list[Failure]:
    """What a user does next with the output must work too."""
    if case.then_check:
        command = case.args[0]
        if case.output:
            written = out_dir / case.output
        else:  # the plan went to stdout
            written = in_dir.parent / "written.yaml"
            written.write_text(outcome.stdout, encoding="utf-8")
        check = run(["check", str(written)])
        STATS["runs"] += 1
        if check.exit_code not in (0, 1) or check.traceback:
            first = (check.stderr.strip().splitlines() or ["?"])[0]
            shown = written.read_text(encoding="utf-8", errors="replace")
            key = re.search(r":\d+:\d+: ([^:]+):", first)
            return [
                Failure(
                    "follow-up",
                    f"{command}: the written plan does not pass check (exit {check.exit_code})"
                    + (f" at {re.sub(r'[0-9]+', 'N', key[1])}" if key else ""),
                    f"{first.replace(str(written.parent), '')}\n"
                    + check.stderr[-2000:]
                    + (check.traceback or "")
                    + f"\n--- written plan\n{shown[:3000]}",
                )
            ]
    if case.paste_into is not None:
        block = outcome.stdout
        if case.output:
            block = (out_dir / case.output).read_text(encoding="utf-8", errors="replace")
        pasted = in_dir.parent / "pasted.yaml"
        pasted.write_text(case.paste_into + block, encoding="utf-8")
        check = run(["check", str(pasted)])
        STATS["runs"] += 1
        if check.exit_code not in (0, 1) or check.traceback:
            first = (check.stderr.strip().splitlines() or ["?"])[0]
            first = first.replace(str(pasted), "pasted.yaml")
            return [
                Failure(
                    "follow-up",
                    f"rates -f yaml: the pasted block fails check (exit {check.exit_code})",
                    f"{first}\n--- pasted.yaml\n{pasted.read_text(encoding='utf-8')[:2000]}",
                )
            ]
    return []


def run_case(test: str, case: Case) -> None:
    """Write the case's files, run it, check the property; fail (or record) on a violation."""
    STATS["inputs"] += 1
    STATS[f"{test}: inputs"] += 1
    with tempfile.TemporaryDirectory(prefix="goalsplit-fuzz-") as tmp:
        in_dir, out_dir = Path(tmp, "in"), Path(tmp, "out")
        in_dir.mkdir()
        out_dir.mkdir()
        for name, content in case.files.items():
            (in_dir / name).write_bytes(content)
        args = [a.replace("{in}", str(in_dir)).replace("{out}", str(out_dir)) for a in case.args]
        outcome = run(args)
        STATS["runs"] += 1
        STATS[f"{test}: exit {outcome.exit_code}"] += 1
        SECONDS[test] += outcome.seconds
        SLOWEST.append((outcome.seconds, test, case.args))
        SLOWEST.sort(key=lambda item: -item[0])
        del SLOWEST[5:]
        found = failures(case, outcome, in_dir, out_dir, dict(case.files))
        if not found and outcome.exit_code == 0:
            found += _follow_up(case, outcome, in_dir, out_dir)
    if not found:
        return
    STATS[f"{test}: failures"] += 1
    if COLLECTOR.path is not None:
        COLLECTOR.record(test, case, found)
        return
    raise AssertionError("\n\n".join(str(f) for f in found) + "\n\nINPUT:\n" + case.describe())


# --- YAML text from a structure ------------------------------------------------------


class Raw(str):
    """A scalar written exactly as is (a number, a date, ``110%``, ``007``)."""


@dataclass
class Flow:
    """A mapping or list written in flow style: ``{a: 1}``, ``[a, b]``."""

    value: dict[str, Any] | list[Any]


_PLAIN = re.compile(r"^[A-Za-z\u4e00-\u9fff][A-Za-z0-9 _.\u4e00-\u9fff'-]*$")
_YAML_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"}


def _scalar(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def _key(key: Any) -> str:
    """A mapping key: plain identifiers, month numbers and Raw as is, other text quoted."""
    return key if isinstance(key, str) and re.fullmatch(r"[A-Za-z_]\w*", key) else _scalar(key)


def _inline(value: Any) -> str:
    if isinstance(value, Flow):
        value = value.value
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return _scalar(value)


def _is_inline(value: Any) -> bool:
    return not isinstance(value, dict | list) or not value


def _block(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if _is_inline(item):
                lines.append(f"{pad}{_key(key)}: {_inline(item)}")
            else:
                lines.append(f"{pad}{_key(key)}:")
                lines += _block(item, indent + 2)
    elif isinstance(value, list):
        for item in value:
            if _is_inline(item):
                lines.append(f"{pad}- {_inline(item)}")
            else:
                sub = _block(item, indent + 2)
                sub[0] = f"{pad}- {sub[0][indent + 2 :]}"
                lines += sub
    return lines


def to_yaml(doc: dict[str, Any]) -> str:
    return "\n".join(_block(doc, 0)) + "\n"


# --- generated plans -----------------------------------------------------------------

DEFAULT_STAGES = [
    ("pipeline", "money"),
    ("intents", "count"),
    ("deep_talks", "count"),
    ("connects", "count"),
    ("dials", "count"),
]
STAGE_HEADERS = {
    "revenue": ["revenue", "Revenue", "业绩"],
    "pipeline": ["pipeline", "Pipeline", "储备金额"],
    "intents": ["intents", "Intents", "意向客户"],
    "deep_talks": ["deep_talks", "Deep talks", "深入沟通"],
    "connects": ["connects", "Connects", "外呼接通"],
    "dials": ["dials", "Dials", "外呼"],
}
NAMES = [
    "张伟",
    "李娜",
    "王芳",
    "刘洋",
    "Chen Jie",
    "Anna Keller",
    "Jonas Weber",
    "O'Brien",
    "Zoë Łukasz",
    "José",
    "Ольга",
    "مريم",
    "佐藤 健",
    "김민준",
    "A",
    "B",
]
# Names a CRM export makes likely and a naive writer gets wrong: numbers as names,
# spreadsheet formulas, terminal escape sequences, very wide text.
ODD_NAMES = [
    Raw("007"),
    Raw("1e3"),
    Raw("12"),
    Raw("3.50"),
    Raw("0x1F"),
    Raw("1_000"),
    '=HYPERLINK("http://example.com/x","click")',
    "=1+2",
    "+86 138",
    "-Jane-",
    "@boss",
    "\tTabbed",
    "\x1b[31mRed\x1b[0m",
    "\x1b]0;title\x07",
    "Null",
    "True",
    "名字很长的销售代表" * 8,
    'a,b;"c"',
    "line\nbreak",
    "#hash",
    "- dash",
    "<script>alert(1)</script>",  # for HTML: shown, never run
    "Tom & Jerry",
]


def _unique(names: list[str]) -> bool:
    stripped = [str(n).strip() for n in names]
    return len(set(stripped)) == len(stripped) and all(stripped)


@dataclass
class PlanInfo:
    """A generated plan with what later strategies need to know about it."""

    doc: dict[str, Any]
    start: date
    end: date
    stages: list[tuple[str, str]]  # below revenue: (name, unit)
    labels: dict[str, str]
    names: list[str]  # as written (Raw for numbers)
    history: bytes | None = None  # the history CSV the plan names, if any
    shown_names: list[str] | None = None  # what plan -f json should show
    scenarios: list[str] = field(default_factory=list)  # names under scenarios:
    capacity: bool = False  # whether the plan sets a capacity anywhere (reach needs one)

    @property
    def text(self) -> str:
        return to_yaml(self.doc)


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


@st.composite
def periods(draw: st.DrawFn) -> tuple[Any, date, date]:
    year = draw(st.one_of(st.integers(2024, 2028), st.sampled_from([1900, 1950, 2099, 2199])))
    form = draw(st.sampled_from(["year", "half", "quarter", "month", "week", "span", "span"]))
    if form == "year":
        return Raw(str(year)), date(year, 1, 1), date(year, 12, 31)
    if form == "half":
        half = draw(st.integers(1, 2))
        h = draw(st.sampled_from("Hh"))
        return Raw(f"{year}-{h}{half}"), date(year, 6 * half - 5, 1), _month_end(year, 6 * half)
    if form == "quarter":
        q = draw(st.integers(1, 4))
        letter = draw(st.sampled_from("Qq"))
        return Raw(f"{year}-{letter}{q}"), date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if form == "month":
        month = draw(st.integers(1, 12))
        return Raw(f"{year}-{month:02d}"), date(year, month, 1), _month_end(year, month)
    if form == "week":
        week = draw(st.integers(1, 52))
        monday = date.fromisocalendar(year, week, 1)
        return Raw(f"{year}-W{week:02d}"), monday, monday + timedelta(days=6)
    start = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
    length = draw(st.sampled_from([0, 1, 6, 13, 27, 30, 45, 89, 120, 370]))
    end = min(start + timedelta(days=length), date(2199, 12, 31))
    period: dict[str, Any] = {"start": Raw(start.isoformat()), "end": Raw(end.isoformat())}
    if draw(st.booleans()):
        period["label"] = draw(st.sampled_from(["Sprint 1", "冲刺月", "FY26 H1", "2026"]))
    style = draw(st.booleans())
    return (Flow(period) if style else period), start, end


def _day_in(draw: st.DrawFn, start: date, end: date, margin: int = 0) -> date:
    low = max(start - timedelta(days=margin), date(1900, 1, 1))
    high = min(end + timedelta(days=margin), date(2199, 12, 31))
    return draw(st.dates(low, high))


def _span_in(draw: st.DrawFn, start: date, end: date, margin: int = 0) -> Raw:
    first = _day_in(draw, start, end, margin)
    if draw(st.booleans()):
        return Raw(first.isoformat())
    last = min(first + timedelta(days=draw(st.integers(0, 10))), date(2199, 12, 31))
    return Raw(f"{first.isoformat()}..{last.isoformat()}")


@st.composite
def rates_for(
    draw: st.DrawFn, stages: list[tuple[str, str]], subset: bool = False
) -> dict[str, Any]:
    rates: dict[str, Any] = {}
    above = "money"
    for name, unit in stages:
        if not subset or draw(st.booleans()):
            rates[name] = draw(rate_value(above, unit))
        above = unit
    return rates


@st.composite
def rate_value(draw: st.DrawFn, above: str, unit: str) -> Raw:
    if above == "money" and unit == "count":  # money per unit: an average deal size
        return Raw(str(draw(st.sampled_from([50, 500, 2000, 4000, 10000, 15000, 50000]))))
    if above == "count" and unit == "money":  # units per money: tiny
        return Raw(draw(st.sampled_from(["0.001", "0.0002", "0.01"])))
    pct = draw(st.integers(5, 100))
    style = draw(st.sampled_from(["decimal", "percent", "percent_space", "decimal"]))
    if style == "percent":
        return Raw(f"{pct}%")
    if style == "percent_space":
        return Raw(f"{pct} %")
    return Raw("1" if pct == 100 else f"0.{pct:02d}")


@st.composite
def funnels(draw: st.DrawFn) -> tuple[list[tuple[str, str]], dict[str, str], list[Any] | None]:
    if draw(st.integers(0, 2)):
        return list(DEFAULT_STAGES), {}, None
    count = draw(st.integers(1, 4))
    names = draw(
        st.lists(
            st.sampled_from(
                ["deals", "visits", "effective_visits", "meetings", "demos", "leads", "calls", "x1"]
            ),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    stages: list[tuple[str, str]] = []
    labels: dict[str, str] = {}
    funnel: list[Any] = []
    for i, name in enumerate(names):
        unit = "money" if i == 0 and draw(st.booleans()) else "count"
        entry: dict[str, Any] = {"name": name}
        if draw(st.booleans()):
            label = draw(
                st.sampled_from(["Deals won", "有效拜访", "Visits", "Demos · 演示", "Calls"])
            )
            if label not in labels.values():
                entry["label"] = label
                labels[name] = label
        if unit == "money" or draw(st.integers(0, 3)) == 0:
            entry["unit"] = unit
        funnel.append(Flow(entry) if draw(st.booleans()) else entry)
        stages.append((name, unit))
    return stages, labels, funnel


def _target_text(draw: st.DrawFn, value: int) -> Raw:
    style = draw(st.sampled_from(["plain", "plain", "underscore", "exponent", "decimal"]))
    if style == "underscore":
        return Raw(f"{value:_}")
    if style == "exponent" and value >= 10:
        digits = str(value).rstrip("0")
        exponent = len(str(value)) - len(digits)
        return Raw(f"{digits}e{exponent}") if exponent else Raw(str(value))
    if style == "decimal":
        return Raw(f"{value}.{draw(st.integers(0, 99)):02d}")
    return Raw(str(value))


@st.composite
def plans(
    draw: st.DrawFn, with_history: bool | None = None, shaped: bool | None = None
) -> PlanInfo:
    """A plan a manager could write: every key, every form, mostly valid. ``shaped``:
    with the keys of issues 9-11 (shaping, floors and capacity, tiers, scenarios),
    without them, or (None) either."""
    period, start, end = draw(periods())
    if shaped is None:
        shaped = draw(st.booleans())
    stages, labels, funnel = draw(funnels())
    doc: dict[str, Any] = {}
    if draw(st.integers(0, 3)) == 0:
        doc["version"] = Raw("1")
    if draw(st.integers(0, 3)) == 0:
        doc["lang"] = draw(st.sampled_from(["en", "zh"]))
    if draw(st.booleans()):
        doc["team"] = draw(st.sampled_from(["华东一组 East-1", "Field North", "Team #1", "销售部"]))
    if draw(st.booleans()):
        doc["currency"] = draw(st.sampled_from(["CNY", "EUR", "USD", "¥", "元"]))
    doc["period"] = period
    if draw(st.integers(0, 2)):
        cal: dict[str, Any] = {}
        country = draw(st.sampled_from(["CN", "US", "DE", None, "cn", "de"]))
        if country is not None:
            cal["country"] = country
        if draw(st.integers(0, 3)) == 0:
            days = draw(
                st.lists(
                    st.sampled_from(
                        ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "Friday", "SUNDAY"]
                    ),
                    max_size=7,
                    unique=True,
                )
            )
            cal["weekend"] = Flow(days) if draw(st.booleans()) else days
        if draw(st.booleans()):
            cal["holidays"] = [
                _span_in(draw, start, end, 3) for _ in range(draw(st.integers(0, 3)))
            ]
        if draw(st.integers(0, 3)) == 0:
            cal["workdays"] = [
                _span_in(draw, start, end, 3) for _ in range(draw(st.integers(0, 2)))
            ]
        doc["calendar"] = Flow(cal) if draw(st.integers(0, 3)) == 0 else cal
    target = draw(st.one_of(st.integers(1, 10_000_000), st.sampled_from([1, 7, 100, 10**9])))
    doc["target"] = _target_text(draw, target)
    if draw(st.booleans()):
        doc["stretch"] = Raw(
            draw(st.sampled_from(["1", "1.1", "1.25", "110%", "115 %", "100%", "1.05"]))
        )
    if funnel is not None:
        doc["funnel"] = funnel
    history = with_history if with_history is not None else draw(st.integers(0, 4)) == 0
    team_rates = draw(rates_for(stages, subset=history))
    if team_rates or not history:
        doc["rates"] = Flow(team_rates) if draw(st.booleans()) else team_rates
    count = draw(st.integers(1, 6))
    names = draw(
        st.lists(
            st.one_of(st.sampled_from(NAMES), st.sampled_from(ODD_NAMES), _generated_names),
            min_size=count,
            max_size=count,
        ).filter(_unique)
    )
    reps: list[Any] = []
    for name in names:
        rep: dict[str, Any] = {"name": name}
        if draw(st.integers(0, 2)) == 0:
            rep["weight"] = Raw(draw(st.sampled_from(["1.5", "0.8", "2", "1", "0.25", "3"])))
        if draw(st.integers(0, 5)) == 0:
            rep["quota"] = Raw(str(draw(st.integers(0, max(target // 2, 1)))))
        if draw(st.integers(0, 3)) == 0:
            rep["rates"] = Flow(draw(rates_for(stages, subset=True)))
        if draw(st.integers(0, 5)) == 0:
            rep["start"] = Raw(_day_in(draw, start, end).isoformat())
        if draw(st.integers(0, 6)) == 0:
            rep["end"] = Raw(_day_in(draw, start, end).isoformat())
        if draw(st.integers(0, 4)) == 0:
            rep["leave"] = Flow(
                [_span_in(draw, start, end, 5) for _ in range(draw(st.integers(1, 2)))]
            )
        if shaped:
            _rep_shaping(draw, rep, stages, start, end)
        reps.append(Flow(rep) if draw(st.integers(0, 2)) == 0 else rep)
    doc["reps"] = reps
    history_bytes = None
    if history:
        history_bytes = draw(history_csvs(stages, labels, names, start - timedelta(days=1)))
        form = draw(st.sampled_from(["short", "long"]))
        if form == "short":
            doc["history"] = "past.csv"
        else:
            source: dict[str, Any] = {"file": "past.csv"}
            if draw(st.booleans()):
                source["months"] = Raw(str(draw(st.integers(1, 12))))
            if draw(st.integers(0, 3)) == 0:
                source["prior"] = Raw(str(draw(st.integers(0, 100))))
            doc["history"] = source
        if draw(st.booleans()):
            doc["allocation"] = "history"
    elif draw(st.integers(0, 9)) == 0:
        doc["allocation"] = "weight"
    if shaped:
        _team_shaping(draw, doc, stages, start, end, target, names, history)
    if shaped and draw(st.booleans()):
        doc["scenarios"] = draw(scenario_blocks(stages, names, start, end, target))
    shown = [_as_text(n) for n in names]
    info = PlanInfo(doc, start, end, stages, labels, [str(n) for n in names], history_bytes, shown)
    info.scenarios = [str(k) for k in doc.get("scenarios", {})]
    info.capacity = "capacity" in doc or any(
        "capacity" in (r.value if isinstance(r, Flow) else r) for r in reps
    )
    return info


# --- issues 9-11: shaping in time, floors and capacity, tiers, scenarios ---------------

SEASON_WEIGHTS = ["0.5", "0.8", "1", "1.2", "1.4", "80%", "150%", "0.05", "3"]
RAMPS = [
    ["25%", "50%", "75%"],
    ["50%"],
    ["0.1", "0.1", "1"],
    ["10%", "20%", "30%", "40%", "50%", "60%"],
    ["100%"],
    ["1%"],
]
BUFFERS = ["0", "10%", "0.25", "5 %", "100%", "0.5"]
TIER_SHARES = [
    ["20%", "70%", "10%"],
    ["30%", "60%", "10%"],
    ["0.2", "0.7", "0.1"],
    ["0", "100%", "0"],
    ["1", "0", "0"],
]
CAPACITIES = ["1", "3", "8", "40", "150", "1000"]
FLOORS = ["0", "1", "2", "5", "8", "40"]
SCENARIO_NAMES = ["lean", "optimistic", "push", "旺季", "plan B", "x", Raw("2027")]


def _weekdays(start: date, end: date) -> int:
    """Monday to Friday from start to end: about the working days, for cycles that fit."""
    weeks, rest = divmod((end - start).days + 1, 7)
    return weeks * 5 + sum((start + timedelta(days=d)).weekday() < 5 for d in range(rest))


def _ramp(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 4)) == 0:
        return "none"
    return Flow([Raw(step) for step in draw(st.sampled_from(RAMPS))])


def _daily(draw: st.DrawFn, stages: list[tuple[str, str]], values: list[str]) -> Flow:
    chosen = draw(st.lists(st.sampled_from([s for s, _ in stages]), min_size=1, unique=True))
    return Flow({name: Raw(draw(st.sampled_from(values))) for name in chosen[:3]})


def _rep_shaping(
    draw: st.DrawFn, rep: dict[str, Any], stages: list[tuple[str, str]], start: date, end: date
) -> None:
    """A rep's own hiring date, ramp, cycle, floors and capacity (mostly sensible)."""
    if draw(st.integers(0, 4)) == 0:
        # On or before the rep's first day, never after the last.
        last = (
            min(date.fromisoformat(str(rep[k])) for k in ("start", "end") if k in rep)
            if ("start" in rep or "end" in rep)
            else end
        )
        hired = _day_in(draw, min(start, last), last, 0)
        if draw(st.booleans()):
            hired = max(hired - timedelta(days=draw(st.integers(0, 200))), date(1900, 1, 1))
        rep["hired"] = Raw(hired.isoformat())
    if draw(st.integers(0, 5)) == 0:
        rep["ramp"] = _ramp(draw)
    if draw(st.integers(0, 7)) == 0:
        rep["cycle"] = Raw(str(draw(st.integers(0, min(10, _weekdays(start, end) // 3)))))
    if draw(st.integers(0, 5)) == 0:
        rep["floors"] = _daily(draw, stages, FLOORS)
    if draw(st.integers(0, 5)) == 0:
        rep["capacity"] = _daily(draw, stages, CAPACITIES)


def _team_shaping(
    draw: st.DrawFn,
    doc: dict[str, Any],
    stages: list[tuple[str, str]],
    start: date,
    end: date,
    target: int,
    names: list[Any],
    history: bool,
) -> None:
    """The team's seasonality, ramp, carve-outs, buffer, cycle, tiers, floors, capacity."""
    if draw(st.integers(0, 2)) == 0:
        if history and draw(st.booleans()):
            doc["seasonality"] = "history"
        else:
            months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=12, unique=True))
            form = draw(st.sampled_from(["int", "padded"]))
            doc["seasonality"] = Flow(
                {
                    Raw(f"{m:02d}" if form == "padded" else str(m)): Raw(
                        draw(st.sampled_from(SEASON_WEIGHTS))
                    )
                    for m in months
                }
            )
    if draw(st.integers(0, 2)) == 0:
        doc["ramp"] = _ramp(draw)
    if draw(st.integers(0, 4)) == 0 and target >= 9:
        items = []
        for i in range(draw(st.integers(1, 2))):
            item: dict[str, Any] = {
                "name": draw(st.sampled_from(["New product line", "新产品线", "Channel"])) + str(i),
                "amount": Raw(str(max(1, target // draw(st.sampled_from([3, 10, 1000]))))),
            }
            if draw(st.booleans()):
                item["owner"] = draw(st.sampled_from(names))
            items.append(Flow(item))
        doc["carve_out"] = items
    if draw(st.integers(0, 3)) == 0:
        doc["buffer"] = Raw(draw(st.sampled_from(BUFFERS)))
    if draw(st.integers(0, 3)) == 0:
        most = _weekdays(start, end) // 3
        doc["cycle"] = Raw(str(draw(st.sampled_from([c for c in (0, 1, 5, 10, 20) if c <= most]))))
    if draw(st.integers(0, 4)) == 0:
        doc["tiers"] = Flow([Raw(t) for t in draw(st.sampled_from(TIER_SHARES))])
    if draw(st.integers(0, 3)) == 0:
        doc["floors"] = _daily(draw, stages, FLOORS)
    if draw(st.integers(0, 2)) == 0:
        doc["capacity"] = _daily(draw, stages, CAPACITIES)


@st.composite
def scenario_blocks(
    draw: st.DrawFn,
    stages: list[tuple[str, str]],
    names: list[Any],
    start: date,
    end: date,
    target: int,
) -> dict[Any, Any]:
    """Named what-ifs, each a part of the plan laid over it."""
    stage = st.sampled_from([s for s, _ in stages])
    parts: list[Callable[[], dict[str, Any]]] = [
        lambda: {"stretch": Raw(draw(st.sampled_from(["1", "1.2", "115%"])))},
        lambda: {"target": Raw(str(max(1, target * draw(st.sampled_from([1, 2, 3])) // 2)))},
        lambda: {"rates": Flow(draw(rates_for(stages, subset=True)))},
        lambda: {"reps": {draw(st.sampled_from(names)): Flow({"weight": Raw("2")})}},
        lambda: {
            "reps": {
                draw(st.sampled_from(names)): Flow({"capacity": _daily(draw, stages, CAPACITIES)})
            }
        },
        lambda: {"reps": {draw(st.sampled_from(names)): Flow({"ramp": _ramp(draw)})}},
        lambda: {"capacity": _daily(draw, stages, CAPACITIES)},
        lambda: {"floors": _daily(draw, stages, FLOORS)},
        lambda: {"seasonality": Flow({Raw(str(draw(st.integers(1, 12)))): Raw("1.5")})},
        lambda: {"cycle": Raw(draw(st.sampled_from(["0", "2", "5"])))},
        lambda: {"buffer": Raw(draw(st.sampled_from(BUFFERS)))},
        lambda: {"ramp": _ramp(draw)},
        lambda: {"tiers": Flow([Raw(t) for t in draw(st.sampled_from(TIER_SHARES))])},
        lambda: {"calendar": {"holidays": Flow([_span_in(draw, start, end)])}},
        lambda: {"lang": draw(st.sampled_from(["en", "zh"]))},
        lambda: {"rates": {draw(stage): Raw(draw(st.sampled_from(["0.5", "45%", "2000"])))}},
    ]
    blocks: dict[Any, Any] = {}
    for name in draw(
        st.lists(st.sampled_from(SCENARIO_NAMES), min_size=1, max_size=3, unique=True)
    ):
        body: dict[str, Any] = {}
        for index in draw(st.lists(st.integers(0, len(parts) - 1), min_size=1, max_size=3)):
            body.update(parts[index]())
        blocks[name] = body
    return blocks


_generated_names = st.text(
    st.characters(categories=["L", "N", "Zs"], exclude_characters="\x85\u2028\u2029"),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() and s.strip()[0].isalpha())


def _as_text(name: str) -> str:
    """A name as the manager wrote it: a name is text, also when it looks like a number."""
    return str(name).strip()


# --- activity CSVs (actuals and history) ----------------------------------------------


def _csv_text(rows: list[list[str]], draw: st.DrawFn) -> bytes:
    buffer = io.StringIO()
    line_end = draw(st.sampled_from(["\n", "\r\n"]))
    csv.writer(buffer, lineterminator=line_end).writerows(rows)
    text = buffer.getvalue()
    prefix = "\ufeff" if draw(st.integers(0, 3)) == 0 else ""
    return (prefix + text).encode("utf-8")


def _stage_header(draw: st.DrawFn, name: str, labels: dict[str, str]) -> str:
    options = list(STAGE_HEADERS.get(name, [name]))
    if name in labels:
        options.append(labels[name])
    return draw(st.sampled_from(options))


@st.composite
def funnel_numbers(draw: st.DrawFn, count: int) -> list[int]:
    """One row's numbers from revenue down: each stage roughly feeds the one above."""
    bottom = draw(st.integers(0, 120))
    values = [bottom]
    for _ in range(count - 1):
        share = draw(st.sampled_from([0, 0.1, 0.3, 0.5, 1]))
        values.append(int(values[-1] * share))
    values.reverse()  # revenue first
    if draw(st.integers(0, 9)) == 0:  # dials on schedule, a stage converting nothing
        values = [0] * (count - 1) + [draw(st.integers(1, 100))]
    return values


@st.composite
def history_csvs(
    draw: st.DrawFn,
    stages: list[tuple[str, str]],
    labels: dict[str, str],
    names: Sequence[str],
    until: date,
) -> bytes:
    """A CRM export of past activity: per rep and day (or month), every stage."""
    all_stages = ["revenue", *(s for s, _ in stages)]
    by_month = draw(st.integers(0, 3)) == 0
    header = [
        draw(st.sampled_from(["rep", "name", "销售", "姓名", "Rep"])),
        draw(st.sampled_from(["month", "月份"] if by_month else ["date", "日期", "Date"])),
    ] + [_stage_header(draw, s, labels) for s in all_stages]
    rows = [header]
    people = [str(n).strip() for n in names] + ["Left Already", "赵强"]
    for _ in range(draw(st.integers(1, 25))):
        day = draw(st.dates(min(max(until - timedelta(days=400), date(1900, 1, 1)), until), until))
        span = f"{day.year:04d}-{day.month:02d}" if by_month else day.isoformat()
        values = draw(funnel_numbers(len(all_stages)))
        if all_stages[0] == "revenue" and values[1:2]:
            values[0] = values[0] * draw(st.sampled_from([1, 1000, 5000]))
        rows.append([draw(st.sampled_from(people)), span, *map(str, values)])
    return _csv_text(rows, draw)


@st.composite
def actuals_csvs(draw: st.DrawFn, plan: PlanInfo, revenue: bool = False) -> bytes:
    """What was done: date, rep and some of the stage columns, in any order (``revenue``:
    nearly always with a revenue column, which replan needs)."""
    all_stages = ["revenue", *(s for s, _ in plan.stages)]
    present = draw(
        st.lists(st.sampled_from(all_stages), min_size=1, max_size=len(all_stages), unique=True)
    )
    if revenue and "revenue" not in present and draw(st.integers(0, 9)):
        present.insert(0, "revenue")
    if draw(st.booleans()):
        present = [s for s in all_stages if s in present]
    header = [
        draw(st.sampled_from(["date", "日期"])),
        draw(st.sampled_from(["rep", "销售", "name"])),
    ] + [_stage_header(draw, s, plan.labels) for s in present]
    if draw(st.integers(0, 3)) == 0:
        header[0], header[1] = header[1], header[0]
        swap = True
    else:
        swap = False
    rows = [header]
    people = [str(n).strip() for n in plan.names]
    if draw(st.integers(0, 4)) == 0:
        people.append("Not In Plan")
    last = min(plan.end, plan.start + timedelta(days=draw(st.integers(0, 60))))
    for _ in range(draw(st.integers(0, 30))):
        day = draw(st.dates(plan.start, last)).isoformat()
        numbers = draw(funnel_numbers(len(all_stages)))
        by_stage = dict(zip(all_stages, numbers, strict=True))
        cells = [str(by_stage[s]) for s in present]
        rep = draw(st.sampled_from(people))
        rows.append([rep, day, *cells] if swap else [day, rep, *cells])
    return _csv_text(rows, draw)


# --- mutations -----------------------------------------------------------------------

EXTREME_NUMBERS = [
    "1e400",
    "-1e400",
    "1e-320",
    "4.9e-324",
    "1" + "0" * 100,
    "1e999999999",
    "1e-999999999",
    "9" * 5000,
    "1e308",
    "1e309",
    "1.7976931348623157e308",
    "0",
    "-0",
    "-1",
    "0.0000000001",
    "0.000000001",
    "1000000000000",
    "1000000000001",
    "1_000_000_000_000_000",
    "123456789012345678901234567890.5",
    "0.1234567890123456789012345678901234",
    ".inf",
    "-.inf",
    ".nan",
    "inf",
    "NaN",
    "0x7fffffffffffffff",
    "0o777",
    "1e400%",
    "1e-999999999%",
    "0.5%",
    "%",
    "100000000%",
    "1e12",
    "115",
    "１２３",
]
ODD_DATES = [
    "2026-02-30",
    "2026-02-29",
    "2024-02-29",
    "9999-12-31",
    "0001-01-01",
    "1899-12-31",
    "1900-01-01",
    "2199-12-31",
    "2200-01-01",
    "2026-13-01",
    "2026-00-10",
    "0000-00-00",
    "2026-1-5",
    "2026/01/05",
    "20260105",
    "2026-01-05T09:00",
    " 2026-01-05 ",
    "２０２６-０１-０５",
    "",
]
# Date ranges that cover centuries: in holidays, workdays or leave, repeated.
HUGE_RANGES = [
    "0001-01-01..9999-12-30",
    "1900-01-01..2199-12-31",
    "2026-01-01..2199-12-31",
    "1900-01-01..2026-03-31",
]
ODD_PERIODS = [
    "9999-Q4",
    "9999",
    "0001-W01",
    "9999-W52",
    "0001",
    "1900-W01",
    "2199-W52",
    "2026-W53",
    "2020-W53",
    "2026-W00",
    "2026-H3",
    "2026-Q0",
    "2026-13",
    "1e400",
    "{start: 0001-01-01, end: 9999-12-31}",
    "{start: 1900-01-01, end: 2199-12-31}",
    "{start: 2026-03-01, end: 2026-02-01}",
    "{start: 9999-12-31, end: 9999-12-31}",
    "{start: 0001-01-01, end: 0001-01-01}",
    "2026-Q1..2026-Q2",
    "[]",
    "{}",
    "null",
    "true",
]
ODD_CHARS = [
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u200b",
    "\ufeff",
    "\u3000",
    "：",
    "\t",
    "\r",
    "\u2028",
    "张伟",
    "\U0001f600",
    "\\",
    '"',
    "'",
    "#",
    "&a",
    "*a",
    "!!python/object:os.system",
    "%YAML 1.1\n---\n",
    "? ",
    "---\n",
    "{",
    "[",
]


def _replace_nth(text: str, pattern: re.Pattern[str], index: int, new: str) -> str:
    matches = list(pattern.finditer(text))
    if not matches:
        return text
    m = matches[index % len(matches)]
    return text[: m.start()] + new + text[m.end() :]


_YAML_NUMBER = re.compile(r"(?<![\w.:-])-?\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?%?(?![\w-])")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SPAN = re.compile(r"\d{4}-\d{2}-\d{2}(?:\.\.\d{4}-\d{2}-\d{2})?")
_VALUE = re.compile(r"(?<=: )[^\n{}\[\],]+")
_KEY_COLON = re.compile(r"(?<=\w):(?= |\n)")
_NAME = re.compile(r"(?<=name: )[^\n,}]+")
_LABEL = re.compile(r"(?:(?<=label: )|(?<=team: ))[^\n,}]+")
_PERIOD = re.compile(r"(?<=period: )[^\n]+")
_INDENT = re.compile(r"^( +)", re.MULTILINE)


def _nested(depth: int, flow: bool) -> str:
    return ("[" * depth + "1" + "]" * depth) if flow else ("{a: " * depth + "1" + "}" * depth)


def _written_name(name: str) -> str:
    return name if re.fullmatch(r"[\w.]+", name) else json.dumps(name, ensure_ascii=False)


@st.composite
def yaml_mutation(draw: st.DrawFn) -> Callable[[bytes], bytes]:
    kind = draw(
        st.sampled_from(
            [
                "flip",
                "delete_line",
                "duplicate_line",
                "swap_lines",
                "number",
                "number",
                "number",
                "swap_values",
                "insert",
                "insert",
                "fullwidth_colon",
                "tab",
                "fullwidth_space",
                "nest",
                "nest",
                "long",
                "name",
                "name",
                "date",
                "period",
                "long_label",
                "huge_range",
                "truncate",
                "crlf",
                "bom",
                "many_reps",
            ]
        )
    )
    k = draw(st.integers(0, 10_000))
    j = draw(st.integers(0, 10_000))

    def lines_op(data: bytes, op: Callable[[list[bytes]], list[bytes]]) -> bytes:
        lines = data.split(b"\n")
        return b"\n".join(op(lines))

    if kind == "flip":
        new = draw(st.integers(0, 255))
        return lambda d: d[: k % len(d)] + bytes([new]) + d[k % len(d) + 1 :] if d else d
    if kind == "delete_line":
        return lambda d: lines_op(d, lambda ls: ls[: k % len(ls)] + ls[k % len(ls) + 1 :])
    if kind == "duplicate_line":
        return lambda d: lines_op(d, lambda ls: ls[: k % len(ls) + 1] + ls[k % len(ls) :])
    if kind == "swap_lines":

        def swap(ls: list[bytes]) -> list[bytes]:
            a, b = k % len(ls), j % len(ls)
            ls = list(ls)
            ls[a], ls[b] = ls[b], ls[a]
            return ls

        return lambda d: lines_op(d, swap)
    if kind == "truncate":
        return lambda d: d[: k % (len(d) + 1)]
    if kind == "crlf":
        return lambda d: d.replace(b"\n", b"\r\n") if k % 2 else d.replace(b"\n", b"\r")
    if kind == "bom":
        return lambda d: b"\xef\xbb\xbf" + d if k % 2 else b"\xff\xfe" + d

    # Most text mutations replace the k-th match of a pattern.
    replacements: dict[str, tuple[re.Pattern[str], st.SearchStrategy[str]]] = {
        "number": (_YAML_NUMBER, st.sampled_from(EXTREME_NUMBERS)),
        "fullwidth_colon": (_KEY_COLON, st.just("：")),
        "tab": (_INDENT, st.just("\t")),
        "fullwidth_space": (_INDENT, st.just("\u3000")),
        "nest": (
            _VALUE,
            # libyaml refuses 1000 levels and more; below that Python's recursion may not cope
            st.builds(
                _nested, st.sampled_from([30, 100, 500, 900, 999, 1000, 20000]), st.booleans()
            ),
        ),
        "long": (
            _VALUE,
            st.builds(
                lambda size, char: json.dumps(char * (size // len(char)), ensure_ascii=False),
                st.sampled_from([300, 5000, 20000, 200000]),
                st.sampled_from(["x", "长", "x ", "-"]),
            ),
        ),
        "long_label": (
            _LABEL,
            st.builds(
                lambda size, char: json.dumps(char * (size // len(char)), ensure_ascii=False),
                st.sampled_from([5000, 20000, 100000]),
                st.sampled_from(["x", "长", "x "]),
            ),
        ),
        "huge_range": (_SPAN, st.sampled_from(HUGE_RANGES)),
        "name": (_NAME, st.sampled_from(ODD_NAMES).map(_written_name)),
        "date": (_DATE, st.sampled_from(ODD_DATES)),
        "period": (_PERIOD, st.sampled_from(ODD_PERIODS)),
    }
    text_op: Callable[[str], str]
    if kind in replacements:
        pattern, values = replacements[kind]
        new = draw(values)
        index = 0 if kind == "period" else k
        every = kind == "huge_range" and draw(st.booleans())

        def text_op(t: str) -> str:
            if every:
                return pattern.sub(new, t)
            return _replace_nth(t, pattern, index, new)

    elif kind == "insert":
        new = draw(st.sampled_from(ODD_CHARS))

        def text_op(t: str) -> str:
            at = k % (len(t) + 1)
            return t[:at] + new + t[at:]

    elif kind == "swap_values":

        def text_op(t: str) -> str:
            found = list(_VALUE.finditer(t))
            if len(found) < 2:
                return t
            a, b = sorted((k % len(found), j % len(found)))
            if a == b:
                return t
            ma, mb = found[a], found[b]
            return (
                t[: ma.start()] + mb.group() + t[ma.end() : mb.start()] + ma.group() + t[mb.end() :]
            )

    else:  # many_reps: many distinct reps, or many on leave over the whole range of dates
        count = draw(st.sampled_from([50, 300, 2000]))
        leave = draw(st.booleans())

        def text_op(t: str) -> str:
            at = t.find("reps:\n")
            if at < 0:
                return t
            at += len("reps:\n")
            extra = "".join(
                f"  - {{name: r{i}{', leave: [1900-01-01..2199-12-31]' if leave else ''}}}\n"
                for i in range(count)
            )
            return t[:at] + extra + t[at:]

    def apply(data: bytes) -> bytes:
        text = data.decode("utf-8", "surrogateescape")
        return text_op(text).encode("utf-8", "surrogateescape")

    return apply


CSV_CELLS = [
    "-1",
    "1.5",
    "0.25",
    "1e5",
    "1E+3",
    "1e999999999",
    "-1e999999999",
    "1e-320",
    "1e400",
    "NaN",
    "inf",
    "-inf",
    "1,234",
    "1_000",
    "0x10",
    "１２",
    "-0",
    "+5",
    " 7 ",
    "",
    "abc",
    "9" * 400,
    "9" * 5000,
    "1" + "0" * 20,
    "=1+1",
    "\x00",
    "٣",
]


@st.composite
def csv_mutation(draw: st.DrawFn) -> Callable[[bytes], bytes]:
    kind = draw(
        st.sampled_from(
            [
                "cell",
                "cell",
                "cell",
                "date",
                "date",
                "huge",
                "drop_column",
                "chinese_header",
                "bom",
                "nul",
                "flip",
                "delete_line",
                "duplicate_line",
                "truncate",
                "quote",
                "delimiter",
                "extra_column",
                "empty",
                "header_only",
                "many_reps",
                "long_span",
            ]
        )
    )
    k = draw(st.integers(0, 10_000))
    j = draw(st.integers(0, 10_000))

    def on_rows(op: Callable[[list[list[str]]], list[list[str]]]) -> Callable[[bytes], bytes]:
        def apply(data: bytes) -> bytes:
            text = data.decode("utf-8", "surrogateescape")
            bom = text.startswith("\ufeff")
            # The limit is module state that forked commands inherit: restore it.
            limit = csv.field_size_limit(1 << 30)
            try:
                rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
            except csv.Error:
                return data
            finally:
                csv.field_size_limit(limit)
            rows = op(rows)
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(rows)
            return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8", "surrogateescape")

        return apply

    def set_cell(value: str, column: int | None = None) -> Callable[[bytes], bytes]:
        def op(rows: list[list[str]]) -> list[list[str]]:
            if len(rows) < 2:
                return rows
            row = rows[1 + k % (len(rows) - 1)]
            if row:
                row[(column if column is not None else j) % len(row)] = value
            return rows

        return on_rows(op)

    if kind == "cell":
        return set_cell(draw(st.sampled_from(CSV_CELLS)), None)
    if kind == "date":
        new = draw(st.sampled_from([*ODD_DATES, "2026-02", "9999-12", "0001-01", "2026-13"]))

        def date_op(rows: list[list[str]]) -> list[list[str]]:
            if len(rows) < 2:
                return rows
            header = [c.strip().lower().lstrip("\ufeff") for c in rows[0]]
            col = next(
                (i for i, c in enumerate(header) if c in ("date", "日期", "month", "月份")), 0
            )
            row = rows[1 + k % (len(rows) - 1)]
            if len(row) > col:
                row[col] = new
            return rows

        return on_rows(date_op)
    if kind == "huge":
        size = draw(st.sampled_from([20_000, 200_000, 2_000_000]))
        return set_cell(draw(st.sampled_from(["9", "x", "张"])) * size, None)
    if kind == "drop_column":

        def drop(rows: list[list[str]]) -> list[list[str]]:
            def without(row: list[str]) -> list[str]:
                at = k % max(len(row), 1)
                return row[:at] + row[at + 1 :]

            # from the header only (cells shift under the wrong names), or from every row
            return [without(rows[0]), *rows[1:]] if rows and j % 2 else [without(r) for r in rows]

        return on_rows(drop)
    if kind == "chinese_header":
        zh = {
            "revenue": "业绩",
            "pipeline": "储备金额",
            "intents": "意向客户",
            "deep_talks": "深入沟通",
            "connects": "外呼接通",
            "dials": "外呼",
            "rep": "销售",
            "date": "日期",
            "month": "月份",
        }
        return on_rows(
            lambda rows: (
                [[zh.get(c.strip().lower(), c) for c in rows[0]], *rows[1:]] if rows else rows
            )
        )
    if kind == "bom":
        return lambda d: (
            b"\xef\xbb\xbf" + d
            if k % 3
            else (b"\xef\xbb\xbf" * 2 + d if k % 3 == 1 else b"\xff\xfe" + d)
        )
    if kind == "nul":
        return lambda d: d[: k % (len(d) + 1)] + b"\x00" + d[k % (len(d) + 1) :]
    if kind == "flip":
        new = draw(st.integers(0, 255))
        return lambda d: d[: k % len(d)] + bytes([new]) + d[k % len(d) + 1 :] if d else d
    if kind == "delete_line":
        return lambda d: b"\n".join((ls := d.split(b"\n"))[: k % len(ls)] + ls[k % len(ls) + 1 :])
    if kind == "duplicate_line":
        return lambda d: b"\n".join((ls := d.split(b"\n"))[: k % len(ls) + 1] + ls[k % len(ls) :])
    if kind == "truncate":
        return lambda d: d[: k % (len(d) + 1)]
    if kind == "quote":
        return lambda d: d[: k % (len(d) + 1)] + b'"' + d[k % (len(d) + 1) :]
    if kind == "delimiter":
        sep = draw(st.sampled_from([b";", b"\t", b"\xef\xbc\x8c"]))  # ；tab，full-width comma
        return lambda d: d.replace(b",", sep)
    if kind == "extra_column":
        return on_rows(
            lambda rows: [r + (["notes"] if i == 0 else ["x"]) for i, r in enumerate(rows)]
        )
    if kind == "empty":
        return lambda d: b"" if k % 2 else b"\n\n\n"
    if kind == "header_only":
        return lambda d: d.split(b"\n", 1)[0] + b"\n"
    if kind == "many_reps":
        count = draw(st.sampled_from([100, 5000]))

        def many(rows: list[list[str]]) -> list[list[str]]:
            if len(rows) < 2:
                return rows
            template = rows[1]
            header = [c.strip().lower().lstrip("\ufeff") for c in rows[0]]
            col = next((i for i, c in enumerate(header) if c in ("rep", "name", "销售", "姓名")), 0)
            extra = []
            for i in range(_copies(count, template)):
                row = list(template)
                if len(row) > col:
                    row[col] = f"r{i}"
                extra.append(row)
            return rows + extra

        return on_rows(many)

    # long_span: one row per day for a long time (a large but sensible file)
    def long_span(rows: list[list[str]]) -> list[list[str]]:
        if len(rows) < 2:
            return rows
        header = [c.strip().lower().lstrip("\ufeff") for c in rows[0]]
        col = next((i for i, c in enumerate(header) if c in ("date", "日期")), None)
        if col is None:
            return rows
        template = rows[1]
        try:
            first = date.fromisoformat(template[col])
        except (ValueError, IndexError):
            return rows
        extra = []
        for i in range(_copies(2000, template)):
            row = list(template)
            row[col] = (
                (first - timedelta(days=i)).isoformat() if first.year > 1901 else template[col]
            )
            extra.append(row)
        return rows + extra

    return on_rows(long_span)


# Odd values of the keys of issues 8-11, laid into a generated plan's structure (so that
# the rest of the plan stays valid and the value is what gets tested).
ODD_SHAPING: dict[str, list[Any]] = {
    "seasonality": [
        Flow({Raw("13"): Raw("1")}),
        Flow({Raw("0"): Raw("1")}),
        Flow({Raw("1"): Raw("0")}),
        Flow({Raw("1"): Raw("-1")}),
        Flow({Raw("1"): Raw("1"), Raw("01"): Raw("2")}),
        Flow({"jan": Raw("1")}),
        Flow({Raw("1"): Raw("1e400")}),
        Flow({Raw("1"): Raw(".nan")}),
        Flow({Raw("12"): Raw("0.000000001"), Raw("1"): Raw("1000000000000")}),
        Flow({Raw(str(m)): Raw("0.000000001") for m in range(1, 13)}),
        Flow({Raw(str(m)): Raw("1000000000000") for m in range(1, 13)}),
        Flow({Raw(str(m)): Raw(f"0.{m:02d}1234567890123456789") for m in range(1, 13)}),
        Flow({}),
        Flow([Raw("1"), Raw("2")]),
        "history",
        "History",
        Raw("yes"),
        Raw("null"),
        Raw("1"),
    ],
    "ramp": [
        Flow([Raw("150%")]),
        Flow([]),
        Flow([Raw("0")]),
        Flow([Raw("75%"), Raw("25%")]),
        Flow([Raw("50%")] * 40),
        Flow([Raw("0.000000001")] * 36),
        Flow([Raw("1e-9"), Raw("1")]),
        Flow([Raw("-10%")]),
        "none",
        "None",
        Raw("yes"),
        Raw("0.5"),
    ],
    "hired": ["1900-01-01", "2199-12-31", "2026-02-30", "0001-01-01", "start", "end", "after"],
    "cycle": [
        Raw("100000"),
        Raw("999999999999"),
        Raw("1e12"),
        Raw("-1"),
        Raw("1.5"),
        Raw("0"),
        Raw("1e400"),
        Raw("9" * 40),
        "days-1",
        "days",
        Raw("true"),
    ],
    "carve_out": [
        "target",
        "just_below",
        Flow([Flow({"name": "x", "amount": Raw("0")})]),
        Flow([Flow({"amount": Raw("5")})]),
        Flow([Flow({"name": "", "amount": Raw("1")})]),
        Flow([Flow({"name": "x", "amount": Raw("1"), "owner": "Nobody"})]),
        Flow([Flow({"name": "x", "amount": Raw("1"), "extra": Raw("1")})]),
        Flow([Flow({"name": f"c{i}", "amount": Raw("1")}) for i in range(1001)]),
        "x",
        Flow({"name": "x", "amount": Raw("1")}),
    ],
    "buffer": [Raw("200%"), Raw("-1"), Raw("100%"), Raw("0"), Raw("1e-9"), Raw("yes"), Raw("1")],
    "floors": ["huge", "revenue", "nope", Raw("-1"), Raw("1.5"), Raw("1000000000000"), "above"],
    "capacity": [Raw("0"), Raw("1"), Raw("1000000000000"), Raw("1.5"), "revenue", "nope"],
    "tiers": [
        Flow([Raw("50%"), Raw("50%")]),
        Flow([Raw("1"), Raw("0"), Raw("0")]),
        Flow([Raw("0"), Raw("0"), Raw("1")]),
        Flow([Raw("0.5"), Raw("0.5"), Raw("0.5")]),
        Flow([]),
        Flow([Raw("0.2"), Raw("0.7"), Raw("0.1000000001")]),
        Flow([Raw("1e-9"), Raw("0.999999999"), Raw("0")]),
        "2-7-1",
        Flow([Raw("-10%"), Raw("100%"), Raw("10%")]),
    ],
    "scenarios": [
        Flow({"x": Flow({"reps": Flow({"Nobody": Flow({"weight": Raw("2")})})})}),
        Flow({"x": Flow({"stretch": Flow({"a": Raw("1")})})}),
        Flow({"x": Flow({"target": Raw("0")})}),
        Flow({"x": Raw("1")}),
        Flow({"x": Raw("null")}),
        Flow({"x": Flow([])}),
        Flow({"x": Flow({})}),
        Flow({"x": Flow({"scenarios": Flow({"y": Flow({"stretch": Raw("2")})})})}),
        Flow({"x": Flow({"reps": Flow([Flow({"name": "A"})])})}),
        Flow({"x": Flow({"reps": Flow({Raw("0"): Flow({"weight": Raw("2")})})})}),
        Flow({"x": Flow({"reps": Flow({"{rep}": Raw("1")})})}),
        Flow({"x": Flow({"reps": Flow({"{rep}": Flow({"name": "Other"})})})}),
        Flow({"x": Flow({"nope": Raw("1")})}),
        Flow({"x": Flow({"period": Raw("9999-Q4")})}),
        Flow({"": Flow({"stretch": Raw("1")})}),
        Flow({f"s{i}": Flow({"stretch": Raw("1.1")}) for i in range(100)}),
        Flow({"x": Flow({"funnel": Flow([Flow({"name": "a"})])})}),
        Flow({"x": Flow({"history": "nope.csv"})}),
        Flow({"x": Flow({"history": "plan.yaml"})}),
        Flow({"x": Flow({"calendar": Flow({"holidays": Flow([Raw("1900-01-01..2199-12-31")])})})}),
        Flow({"x": Flow({"cycle": Raw("100000")})}),
        Flow({"x": Flow({"floors": Flow({"{stage}": Raw("1000000")})})}),
        Flow({"x": Flow({"capacity": Flow({"{stage}": Raw("1")})})}),
        Flow({"x": Flow({"carve_out": Flow([Flow({"name": "c", "amount": Raw("1e12")})])})}),
        Flow({"x": Flow({"seasonality": Flow({Raw("13"): Raw("1")})})}),
        Flow({"x": Flow({"ramp": Flow([Raw("150%")])})}),
        Flow({"x": Flow({"tiers": Flow([Raw("1"), Raw("1"), Raw("1")])})}),
        Flow({"x": Flow({"lang": "fr"})}),
        "lean",
        Flow([Raw("1")]),
    ],
    "lang": ["fr", "", "EN", Raw("1"), Raw("null"), Flow(["en"]), "zh-CN"],
}
REP_KEYS = ["hired", "ramp", "cycle", "floors", "capacity"]


@st.composite
def shaping_mutation(draw: st.DrawFn, plan: PlanInfo) -> Callable[[dict[str, Any]], None]:
    """Lay an odd value of a key of issues 8-11 into a plan's structure: the team's key
    or a rep's, in the form each key takes."""
    key = draw(st.sampled_from(sorted(ODD_SHAPING)))
    on_rep = key in REP_KEYS and draw(st.booleans())
    raw = draw(st.sampled_from(ODD_SHAPING[key]))
    stage = draw(st.sampled_from([s for s, _ in plan.stages]))
    rep_name = draw(st.sampled_from(plan.names))
    rep_index = draw(st.integers(0, 10))

    def value(doc: dict[str, Any], holder: dict[str, Any]) -> Any:
        if key == "hired" and isinstance(raw, str) and raw in ("start", "end", "after"):
            day = {"start": plan.start, "end": plan.end, "after": plan.end + timedelta(days=1)}
            return Raw(min(day[raw], date(2199, 12, 31)).isoformat())
        if key == "hired":
            return Raw(raw)
        if key == "cycle" and raw in ("days", "days-1"):
            days = _weekdays(plan.start, plan.end)
            return Raw(str(max(days - (raw == "days-1"), 0)))
        if key == "carve_out" and raw in ("target", "just_below"):
            target = str(doc.get("target", "1")).replace("_", "")
            amount = target if raw == "target" else f"{target}-0.000000001"
            with contextlib.suppress(ArithmeticError, ValueError):
                exact = Decimal(target)
                amount = str(exact if raw == "target" else exact - Decimal("0.000000001"))
            return Flow([Flow({"name": "All of it", "amount": Raw(amount)})])
        if key in ("floors", "capacity") and isinstance(raw, str) and not isinstance(raw, Raw):
            if raw == "huge":
                return Flow({stage: Raw("1000000")})
            if raw == "above":  # a floor above the capacity of the same stage
                most = holder.get("capacity") or doc.get("capacity")
                most = most.value if isinstance(most, Flow) else most
                if isinstance(most, dict) and most:
                    name, amount = next(iter(most.items()))
                    with contextlib.suppress(ValueError):
                        return Flow({name: Raw(str(int(str(amount)) + 1))})
                holder["capacity"] = Flow({stage: Raw("5")})
                return Flow({stage: Raw("6")})
            return Flow({raw: Raw("3")})
        if key in ("floors", "capacity"):
            return Flow({stage: raw})
        return _placed(raw, stage, str(rep_name))

    def apply(doc: dict[str, Any]) -> None:
        holder = doc
        if on_rep:
            reps = doc.get("reps")
            if isinstance(reps, list) and reps:
                rep = reps[rep_index % len(reps)]
                holder = rep.value if isinstance(rep, Flow) else rep
        holder[key] = value(doc, holder)

    return apply


def _placed(value: Any, stage: str, rep: str) -> Any:
    """``value`` with {stage} and {rep} put in its keys (a fresh copy, so that a value
    laid twice is two values)."""
    if isinstance(value, Flow):
        return Flow(_placed(value.value, stage, rep))
    if isinstance(value, dict):
        return {
            (k.replace("{stage}", stage).replace("{rep}", rep) if type(k) is str else k): _placed(
                v, stage, rep
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_placed(v, stage, rep) for v in value]
    return value


COPIED_AT_MOST = 20_000_000  # characters that copies of a row may add to a file


def _copies(count: int, row: list[str]) -> int:
    """As many copies of ``row`` as fit in COPIED_AT_MOST: a row with a 2 MB cell copied
    5,000 times would build 10 GB in the test process itself (mutations compound)."""
    return max(1, min(count, COPIED_AT_MOST // max(sum(map(len, row)), 1)))


def mutate(data: bytes, mutations: Sequence[Callable[[bytes], bytes]]) -> bytes:
    for mutation in mutations:
        data = mutation(data)
    return data


# --- command-line options ------------------------------------------------------------


def _formats(enum: Any) -> list[str]:
    return [member.value for member in enum]


# Every format the CLI offers, read from its own choice, so that a format that lands
# (xlsx, html) is fuzzed at once; what its output must be goes in FORMAT_CHECKS.
FORMATS = _formats(Format)
RATES_FORMATS = _formats(RatesFormat)
EXTENSIONS = {"table": "txt", "markdown": "md"}  # else the format's name
LANG_OPTIONS = ["en", "zh", "EN", "zh-CN", "fr", ""]
FAIL_BEHIND = [
    "0",
    "50",
    "100",
    "99.5",
    "1e400",
    "inf",
    "-inf",
    "nan",
    "-1",
    "1e-320",
    "1e308",
    "abc",
    "",
    "1e999999999",
    "100000",
    "0x10",
]
ODD_OPTION_DATES = [*ODD_DATES, "today", "2026-W01", "2026-01"]


@st.composite
def format_and_output(
    draw: st.DrawFn, formats: list[str] = FORMATS
) -> tuple[list[str], str, str | None]:
    fmt = draw(st.sampled_from(formats))
    args: list[str] = []
    if fmt != "table" or draw(st.booleans()):
        args += [
            draw(st.sampled_from(["-f", "--format"])),
            fmt if draw(st.integers(0, 5)) else fmt.upper(),
        ]
    output = None
    if draw(st.integers(0, 2)) == 0:
        extension = EXTENSIONS.get(fmt, fmt)
        output = draw(st.sampled_from([f"report.{extension}", "报告.txt", "out", ".hidden"]))
        args += [draw(st.sampled_from(["-o", "--output"])), "{out}/" + output]
    return args, fmt, output


@st.composite
def lang_and_strict(draw: st.DrawFn, strict: bool = True) -> list[str]:
    args: list[str] = []
    if draw(st.booleans()):
        args += [
            "--lang",
            # Hypothesis draws its simplest values (0, False) first and often: odd is last.
            draw(st.sampled_from(LANG_OPTIONS if draw(st.integers(0, 5)) == 5 else ["en", "zh"])),
        ]
    if strict and draw(st.booleans()):
        args.append("--strict")
    return args


def known_rep(draw: st.DrawFn, plan: PlanInfo) -> str:
    if draw(st.integers(0, 5)) == 5:
        return draw(st.sampled_from(["Nobody", "", " 张伟 ", "\x1b[2J"]))
    return draw(st.sampled_from(plan.shown_names or ["A"]))


def date_option(draw: st.DrawFn, plan: PlanInfo) -> str:
    choice = draw(st.integers(0, 9))
    if choice == 9:
        return draw(st.sampled_from(ODD_OPTION_DATES))
    if choice == 8:
        return _day_in(draw, plan.start, plan.end, 40).isoformat()
    return _day_in(draw, plan.start, plan.end).isoformat()


# --- what-if: --set, --scenario, --per-day, --case --------------------------------------

# Bad paths, bad values and YAML's special scalars; {stage} and {rep} stand for one of
# the plan's stages and reps.
ODD_SETS = [
    "stretch=abc",
    "stretch=",
    "stretch",
    "=1",
    ".=1",
    "a..b=1",
    " . =1",
    "stretch.x=1",
    "target.0=1",
    "reps.Nobody.weight=2",
    "reps.99.weight=1",
    "reps.-1.weight=1",
    "reps.0=1",
    "reps.{rep}=1",
    "reps.{rep}.weight.x=1",
    "reps=[]",
    "reps={}",
    "reps=null",
    "reps=1",
    "reps.0.name=",
    "reps.0.name=null",
    "reps.0.name={rep}",
    "target=1e400",
    "target=.inf",
    "target=-.inf",
    "target=.nan",
    "target=~",
    "target=null",
    "target=yes",
    "target=no",
    "target=on",
    "target=0x10",
    "target=0o17",
    "target=1_000",
    "target=[1, 2]",
    "target={a: 1}",
    "target=&a 1",
    "target=*a",
    "target=!!python/object:os.system",
    "target=!!binary aGk=",
    "target='unclosed",
    'target="x',
    "target=1: 2",
    "target=- 1",
    "target=# comment",
    "target=|",
    "target=>",
    "target=---",
    "target=...",
    "target=%YAML 1.1",
    "target=@x",
    "target=`x",
    "target=\x00",
    "target=\x1b[2J",
    "target=1\n2",
    "target=? x",
    "target=" + "9" * 5000,
    "target=" + "[" * 1000,
    "target=" + "[" * 30 + "1" + "]" * 30,
    "target=" + "{a: " * 25 + "1" + "}" * 25,
    "period=9999-Q4",
    "period=2026-W53",
    "period={start: 2026-03-01, end: 2026-02-01}",
    "period={start: 1900-01-01, end: 2199-12-31}",
    "version=2",
    "lang=fr",
    "lang=",
    "funnel=[]",
    "funnel=[{name: revenue}]",
    "funnel.0.name=x y",
    "rates.nope=0.5",
    "rates.{stage}=0",
    "rates.{stage}=-1",
    "rates.{stage}=1e-9",
    "rates.{stage}=1000000000000",
    "rates=[]",
    "seasonality.13=1",
    "seasonality.0=1",
    "seasonality.jan=1",
    "seasonality.1=0",
    "seasonality.1=-1",
    "seasonality.12=0.000000001",
    "seasonality=yes",
    "seasonality=history",
    "seasonality=[1, 2]",
    "seasonality={1: 1, 01: 2}",
    "ramp=[150%]",
    "ramp=[]",
    "ramp=[0]",
    "ramp=[75%, 25%]",
    "ramp=[" + ", ".join(["50%"] * 40) + "]",
    "ramp=[" + ", ".join(["0.000000001"] * 36) + "]",
    "ramp=None",
    "reps.0.ramp=[2]",
    "reps.0.hired=2200-01-01",
    "reps.0.hired=1900-01-01",
    "reps.0.hired=2199-12-31",
    "reps.0.hired=2026-02-30",
    "reps.0.cycle=100000",
    "cycle=100000",
    "cycle=1e12",
    "cycle=-1",
    "cycle=1.5",
    "cycle=999999999999",
    "buffer=200%",
    "buffer=-1",
    "buffer=1e-9",
    "floors.{stage}=1000000",
    "floors.{stage}=-1",
    "floors.{stage}=1.5",
    "floors.revenue=1",
    "capacity.{stage}=0",
    "capacity.{stage}=1",
    "capacity.{stage}=1000000000000",
    "capacity.nope=5",
    "capacity=[]",
    "reps.0.floors.{stage}=1000000",
    "reps.0.capacity.{stage}=0",
    "tiers=[50%, 50%]",
    "tiers=[1, 0, 0]",
    "tiers=[0.5, 0.5, 0.5]",
    "tiers=[0.2, 0.7, 0.1000000001]",
    "tiers=2-7-1",
    "scenarios.x.y=1",
    "scenarios=1",
    "scenarios.x={reps: {Nobody: {weight: 2}}}",
    "carve_out=[{name: x, amount: 1000000000000}]",
    "carve_out=[{name: x, amount: 1, owner: Nobody}]",
    "carve_out.0.amount=1",
    "carve_out=x",
    "calendar.weekend=[mon, tue, wed, thu, fri, sat, sun]",
    "calendar.country=XX",
    "calendar.holidays=[0001-01-01..9999-12-31]",
    "calendar.holidays=[1900-01-01..2199-12-31]",
    "calendar=null",
    "reps.0.leave=[1900-01-01..2199-12-31]",
    "history=nope.csv",
    "history=plan.yaml",
    "history={file: past.csv, months: 0}",
    "allocation=history",
    "a." * 500 + "b=1",
    "x" * 10000 + "=1",
    "张伟=1",
    "reps.张伟.weight=2",
    "reps.{rep}.weight=2=3",
    "stretch=1.2\n",
]
ODD_SCENARIOS = ["", "nope", "\x00", "scenarios", "../x", "lean ", "LEAN", "0", "2027", "x" * 5000]
ODD_PER_DAY = [
    "{stage}=0",
    "{stage}=-1",
    "{stage}=1e3",
    "{stage}=１２",
    "{stage}=",
    "=5",
    "nope=5",
    "revenue=5",
    "{stage}=99999999999999999999",
    "{stage}=1000000000001",
    "{stage}=1_000",
    "{stage}=1,000",
    "{stage}=5=6",
    "{stage}=٣",
    "{stage}",
    "",
]
ODD_CASES = ["", ";", " ; ; ", "stretch=1.2;;", "stretch=abc", "a;b;c", "x=1;" * 200]
ODD_BY = ["day", "WEEK", "Month", "", "weeks", "year"]


def _fill(draw: st.DrawFn, plan: PlanInfo, text: str) -> str:
    stage = draw(st.sampled_from([s for s, _ in plan.stages]))
    rep = draw(st.sampled_from(plan.shown_names or ["A"]))
    return text.replace("{stage}", stage).replace("{rep}", rep)


def set_value(draw: st.DrawFn, plan: PlanInfo, odd: int = 5) -> str:
    """One ``--set KEY=VALUE``: mostly one a manager would give, one in ``odd`` odd."""
    # Hypothesis draws its simplest values (0, False) first and often: odd is the last.
    if draw(st.integers(0, odd - 1)) == odd - 1:
        return _fill(draw, plan, draw(st.sampled_from(ODD_SETS)))
    stage = draw(st.sampled_from([s for s, _ in plan.stages]))
    rep = draw(st.sampled_from(plan.shown_names or ["A"]))
    day = _day_in(draw, plan.start, plan.end).isoformat()
    choices = [
        f"stretch={draw(st.sampled_from(['1', '1.2', '115%', '1.05']))}",
        f"target={draw(st.sampled_from(['1', '1000', '900_000', '1e6', '12345.67']))}",
        f"rates.{stage}={draw(st.sampled_from(['40%', '0.3', '15000', '0.001']))}",
        f"reps.{rep}.weight={draw(st.sampled_from(['2', '0.5', '1.5']))}",
        f"reps.{draw(st.integers(0, len(plan.names) - 1))}.quota="
        f"{draw(st.sampled_from(['0', '1000', '50000']))}",
        f"capacity.{stage}={draw(st.sampled_from(CAPACITIES))}",
        f"floors.{stage}={draw(st.sampled_from(FLOORS))}",
        f"cycle={draw(st.sampled_from(['0', '2', '10']))}",
        f"buffer={draw(st.sampled_from(BUFFERS))}",
        f"seasonality.{draw(st.integers(1, 12))}={draw(st.sampled_from(SEASON_WEIGHTS))}",
        f"ramp=[{', '.join(draw(st.sampled_from(RAMPS)))}]",
        "ramp=none",
        f"reps.{rep}.ramp=none",
        f"reps.{rep}.hired={day}",
        f"reps.{rep}.cycle={draw(st.sampled_from(['0', '3']))}",
        f"reps.{rep}.capacity.{stage}={draw(st.sampled_from(CAPACITIES))}",
        f"reps.{rep}.floors.{stage}={draw(st.sampled_from(FLOORS))}",
        f"reps.{rep}.leave=[{day}]",
        f"tiers=[{', '.join(draw(st.sampled_from(TIER_SHARES)))}]",
        f"lang={draw(st.sampled_from(['en', 'zh']))}",
        f"calendar.holidays=[{day}]",
        "calendar.country=CN",
        "carve_out=[{name: New line, amount: 1}]",
        f"team={draw(st.sampled_from(['East', 'no', '007', '华东']))}",
    ]
    return draw(st.sampled_from(choices))


def what_if(draw: st.DrawFn, plan: PlanInfo, most: int = 2, odd: int = 10) -> list[str]:
    """``--scenario`` (one of the plan's, or now and then an odd one) and ``--set``s."""
    args: list[str] = []
    if plan.scenarios and draw(st.integers(0, 2)):
        args += ["--scenario", draw(st.sampled_from(plan.scenarios))]
    elif draw(st.integers(0, 3 * odd - 1)) == 3 * odd - 1:
        args += ["--scenario", draw(st.sampled_from(ODD_SCENARIOS))]
    for _ in range(draw(st.integers(0, most))):
        args += ["--set", set_value(draw, plan, odd)]
    return args


def per_day(draw: st.DrawFn, plan: PlanInfo, odd: bool = False) -> str:
    if odd:
        return _fill(draw, plan, draw(st.sampled_from(ODD_PER_DAY)))
    stage = draw(st.sampled_from([s for s, _ in plan.stages]))
    return f"{stage}={draw(st.sampled_from(['1', '8', '40', '120', '150', '1000', '1000000']))}"


def case_option(draw: st.DrawFn, plan: PlanInfo, odd: bool = False) -> str:
    if odd and draw(st.booleans()):
        return draw(st.sampled_from(ODD_CASES))
    count = draw(st.integers(1, 3))
    return "; ".join(set_value(draw, plan, 2 if odd else 8) for _ in range(count))


def summarize(stats: Counter[str]) -> str:
    lines = [f"fuzz: {stats['inputs']} inputs tried, {stats['runs']} command runs"]
    for key in sorted(k for k in stats if ":" in k):
        lines.append(f"  {key}: {stats[key]}")
    for test, seconds in sorted(SECONDS.items()):
        lines.append(f"  {test}: {seconds:.1f} s in commands")
    for seconds, test, args in SLOWEST:
        lines.append(f"  slow: {seconds:.1f} s {test}: {' '.join(args)[:200]}")
    return "\n".join(lines)


def report(paths: Sequence[str]) -> str:
    """Group the failures recorded by deep runs by cause, with the smallest input of each:
    ``python -m tests.fuzzing failures-*.jsonl``."""
    records = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            records += [json.loads(line) for line in handle if line.strip()]
    counts: Counter[str] = Counter(r["signature"] for r in records)
    smallest: dict[str, dict[str, Any]] = {}
    for r in records:
        known = smallest.get(r["signature"])
        if known is None or r["size"] < known["size"]:
            smallest[r["signature"]] = r
    lines = [f"{len(records)} failures, {len(counts)} distinct"]
    for signature, r in sorted(smallest.items(), key=lambda kv: (kv[1]["kind"], kv[0])):
        lines.append(f"\n=== [{r['kind']}] {signature}  (x{counts[signature]})")
        lines.append(r["detail"].splitlines()[0][:300] if r["detail"] else "")
        lines.append("$ goalsplit " + " ".join(_quote(a) for a in r["args"]))
        for name, text in r["files"].items():
            lines.append(f"--- {name}")
            lines.append(text if len(text) < 1500 else text[:1500] + "...")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(report(sys.argv[1:]))

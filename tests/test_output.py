"""``--output``: what a path names decides how it is written, and nothing else is harmed.

Regular files (and new paths) are replaced atomically, with the umask or the old
mode; links are written through; devices, FIFOs and /dev/stdout are written in
place; directories, read-only files and the command's own inputs are refused
(exit 2); a failed write is one line and exit 74; a signal leaves no temporary.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goalsplit import output
from goalsplit.cli import app
from tests.conftest import EXAMPLES, dedent

EAST = EXAMPLES / "east-1-q1.yaml"
ACTUALS = EXAMPLES / "east-1-q1-actuals.csv"
WIDE = {"COLUMNS": "200", "GOALSPLIT_LANG": "en"}

PLAN = """
    period: 2026-03
    target: 1000
    rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}
    reps: [{name: A}, {name: B}]
"""


def invoke(*args: str | Path, env: dict[str, str | None] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [str(a) for a in args], env={**WIDE, **(env or {})})


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


# --- regular files ----------------------------------------------------------------------


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_a_new_file_gets_the_mode_the_umask_allows(
    tmp_path: Path, umask: None, mask: int, mode: int
) -> None:
    os.umask(mask)
    out = tmp_path / "plan.json"
    result = invoke("plan", EAST, "-f", "json", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1
    assert leftovers(tmp_path) == []


def test_an_existing_file_keeps_its_mode(tmp_path: Path, umask: None) -> None:
    out = tmp_path / "plan.txt"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o604)
    result = invoke("plan", EAST, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o604
    assert "Quotas add up to" in out.read_text(encoding="utf-8")


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "reports" / "q1.txt"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "latest.txt"
    link.symlink_to(Path("reports") / "q1.txt")
    result = invoke("plan", EAST, "-o", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(Path("reports") / "q1.txt")
    assert "Quotas add up to" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == [] and leftovers(real.parent) == []


def test_a_dangling_symlink_creates_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "latest.txt"
    link.symlink_to("q1.txt")
    result = invoke("plan", EAST, "-o", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert "Quotas add up to" in (tmp_path / "q1.txt").read_text(encoding="utf-8")


def test_a_read_only_file_is_refused_even_for_root(tmp_path: Path) -> None:
    out = tmp_path / "frozen.txt"
    out.write_text("keep me\n", encoding="utf-8")
    out.chmod(0o444)
    result = invoke("plan", EAST, "-o", out)
    assert result.exit_code == 2
    assert "is read-only" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o444


def test_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("plan", EAST, "-o", tmp_path)
    assert result.exit_code == 2
    assert "is a directory" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("plan", EAST, "-o", tmp_path / "no" / "such" / "q1.txt")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


# --- everything else is written in place ------------------------------------------------


def test_dev_null_stays_a_device() -> None:
    result = invoke("plan", EAST, "-f", "json", "-o", "/dev/null")
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert leftovers(Path("/dev")) == []


def test_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = invoke("plan", EAST, "-f", "json", "-o", fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(received[0])["schema_version"] == 1
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("target", ["/dev/stdout", "/proc/self/fd/1", "/dev/fd/1"])
def test_dev_stdout_reaches_stdout(target: str) -> None:
    if not os.path.exists(target):
        pytest.skip(f"{target} does not exist here")
    link_before = os.lstat("/dev/stdout").st_mode
    result = subprocess.run(
        [sys.executable, "-m", "goalsplit", "plan", str(EAST), "-f", "json", "-o", target],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema_version"] == 1
    assert os.lstat("/dev/stdout").st_mode == link_before  # still a link


def test_dev_stdout_into_a_file_appends_like_stdout(tmp_path: Path) -> None:
    out = tmp_path / "log.txt"
    out.write_text("before\n", encoding="utf-8")
    with out.open("a", encoding="utf-8") as handle:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "goalsplit",
                "plan",
                str(EAST),
                "-f",
                "csv",
                "-o",
                "/dev/stdout",
            ],
            stdout=handle,
            check=False,
        )
    assert result.returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("before\n") and "Working days" in text
    assert stat.S_ISREG(os.lstat(out).st_mode)


def test_dev_full_is_a_clear_write_error() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    result = invoke("plan", EAST, "-f", "json", "-o", "/dev/full")
    assert result.exit_code == 74
    assert result.stderr == "goalsplit: cannot write /dev/full: No space left on device\n"


# --- a write that fails leaves nothing behind --------------------------------------------


def test_disk_full_is_one_line_exit_74_and_nothing_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "q1.json"

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output.os, "fsync", full)
    result = invoke("plan", EAST, "-f", "json", "-o", out)
    assert result.exit_code == 74
    assert result.stderr == f"goalsplit: cannot write {out}: No space left on device\n"
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "q1.json"
    out.write_text("old\n", encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(output.os, "replace", broken)
    result = invoke("plan", EAST, "-f", "json", "-o", out)
    assert result.exit_code == 74
    assert "cannot write" in result.stderr
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["q1.json"]


def test_a_bug_while_writing_leaves_no_temporary(tmp_path: Path) -> None:
    target = output.resolve_target(tmp_path / "q1.txt")

    def chunks() -> Iterator[str]:
        yield "half a report"
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        output.write_report(target, chunks())
    assert list(tmp_path.iterdir()) == []


# --- inputs are never overwritten ---------------------------------------------------------


def copy_history_plan(tmp_path: Path) -> tuple[Path, Path]:
    plan = tmp_path / "east-1-q1-history.yaml"
    history = tmp_path / "east-1-history.csv"
    shutil.copy(EXAMPLES / "east-1-q1-history.yaml", plan)
    shutil.copy(EXAMPLES / "east-1-history.csv", history)
    return plan, history


def test_the_history_file_named_inside_the_plan_is_protected(tmp_path: Path) -> None:
    plan, history = copy_history_plan(tmp_path)
    before = history.read_bytes()
    result = invoke("plan", plan, "-f", "csv", "-o", history)
    assert result.exit_code == 2
    assert "refusing to overwrite the history file" in result.stderr
    assert history.read_bytes() == before


@pytest.mark.parametrize("how", ["symlink", "hardlink"])
def test_inputs_are_recognised_through_links(tmp_path: Path, how: str) -> None:
    plan, history = copy_history_plan(tmp_path)
    alias = tmp_path / "alias.csv"
    if how == "symlink":
        alias.symlink_to(history)
    else:
        os.link(history, alias)
    before = history.read_bytes()
    result = invoke("plan", plan, "-o", alias)
    assert result.exit_code == 2
    assert "refusing to overwrite the history file" in result.stderr
    assert history.read_bytes() == before


def test_the_plan_is_protected_through_a_hard_link(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(dedent(PLAN), encoding="utf-8")
    os.link(plan, tmp_path / "copy.yaml")
    result = invoke("plan", plan, "-o", tmp_path / "copy.yaml")
    assert result.exit_code == 2
    assert "refusing to overwrite the plan file" in result.stderr
    assert plan.read_text(encoding="utf-8") == dedent(PLAN)


def test_the_actuals_are_protected(tmp_path: Path) -> None:
    actuals = tmp_path / "actuals.csv"
    shutil.copy(ACTUALS, actuals)
    before = actuals.read_bytes()
    result = invoke("track", EAST, "-a", actuals, "-o", actuals)
    assert result.exit_code == 2
    assert "refusing to overwrite the actuals file" in result.stderr
    assert actuals.read_bytes() == before


def test_rates_protects_its_history_and_its_plan(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(dedent(PLAN), encoding="utf-8")
    history = tmp_path / "h.csv"
    shutil.copy(EXAMPLES / "east-1-history.csv", history)
    for target, what in ((plan, "plan"), (history, "history")):
        before = target.read_bytes()
        result = invoke("rates", history, "--plan", plan, "-o", target)
        assert result.exit_code == 2, result.stderr
        assert f"refusing to overwrite the {what} file" in result.stderr
        assert target.read_bytes() == before


def test_today_protects_the_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(dedent(PLAN), encoding="utf-8")
    result = invoke("today", plan, "-r", "A", "-d", "2026-03-02", "-o", plan)
    assert result.exit_code == 2
    assert plan.read_text(encoding="utf-8") == dedent(PLAN)


# --- signals --------------------------------------------------------------------------------

SLOW_WRITER = """
import sys, time
from pathlib import Path
from goalsplit.output import resolve_target, write_report

def chunks():
    yield "part of a report\\n"
    print("writing", flush=True)
    time.sleep(60)
    yield "never\\n"

write_report(resolve_target(Path(sys.argv[1])), chunks())
"""


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP", "SIGINT"])
@pytest.mark.parametrize("existing", [False, True])
def test_a_signal_while_writing_removes_the_temporary(
    tmp_path: Path, signame: str, existing: bool
) -> None:
    signum = getattr(signal, signame)
    out = tmp_path / "q1.txt"
    if existing:
        out.write_text("old\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(SLOW_WRITER), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "writing\n"
    assert len(leftovers(tmp_path)) == 1  # the temporary exists while writing
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signum
    assert "Traceback" not in err
    assert leftovers(tmp_path) == []
    if existing:
        assert out.read_text(encoding="utf-8") == "old\n"
    else:
        assert not out.exists()


def test_the_signal_handlers_are_restored_after_writing(tmp_path: Path) -> None:
    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
    output.write_report(output.resolve_target(tmp_path / "a.txt"), ["x"])
    assert {s: signal.getsignal(s) for s in before} == before


def big_plan(path: Path, reps: int) -> Path:
    names = "\n".join(f"  - name: Rep {i}" for i in range(reps))
    path.write_text(
        "period: 2026\ntarget: 100000000\n"
        "rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}\n"
        f"reps:\n{names}\n",
        encoding="utf-8",
    )
    return path


def test_goalsplit_killed_mid_write_leaves_nothing(tmp_path: Path) -> None:
    plan = big_plan(tmp_path / "big.yaml", 1500)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "goalsplit",
            "plan",
            str(plan),
            "-f",
            "json",
            "--daily",
            "-o",
            str(out_dir / "big.json"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not leftovers(out_dir):
        assert proc.poll() is None, "finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert b"Traceback" not in err
    assert list(out_dir.iterdir()) == []

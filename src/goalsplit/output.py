"""Writing a report to the file named by ``--output`` without harming anything else.

A path names many kinds of things. Only a regular file (or a path that does not
exist yet) is written atomically: a temporary file in the same directory,
renamed over the file once complete, so a reader sees the old report or the new
one, never half of one. A symbolic link is written through: the file it points
to is replaced and the link stays a link. Everything else a path can name (a
terminal, ``/dev/null``, a FIFO, ``/dev/stdout`` and ``/proc/self/fd/N``) is
opened and written in place, the way stdout is; renaming a file over it would
destroy it.

A new file gets the mode the umask allows (``0o666 & ~umask``); an existing
file keeps its mode and owner. A read-only file is refused rather than
replaced: the write bits say "do not change this", even to root, for whom
``os.access`` answers yes. A file the command reads (the plan, its history, the
actuals) is refused by identity (same device and inode), so a symbolic or hard
link to an input is caught as well as the input's own name.

While a temporary file exists, SIGTERM, SIGHUP and SIGINT remove it before the
process exits with 128 + the signal number, so an interrupted run leaves no
``.NAME.xxxx.tmp`` behind (SIGKILL cannot be caught).

Refusals raise :class:`OutputRefusedError` (a usage error); a failure while
writing raises :class:`OutputFailedError` with nothing left behind. A reader
that goes away (a closed pipe) surfaces as :class:`BrokenPipeError`, as it does
for stdout. This module never prints and never exits.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import stat
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Literal

from goalsplit.i18n import N_

Role = Literal["plan", "history", "actuals"]
Kind = Literal["new", "file", "stream"]

_REFUSE_INPUT: dict[str, str] = {
    "plan": N_("refusing to overwrite the plan file {file}"),
    "history": N_("refusing to overwrite the history file {file}"),
    "actuals": N_("refusing to overwrite the actuals file {file}"),
}
_MAX_LINKS = 40  # the kernel's own limit on symbolic links in a path
_CLEANUP_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")


class OutputRefusedError(Exception):
    """The target cannot be written as asked: a usage error; nothing was touched.

    Carries an English template and its fields, like :class:`~goalsplit.errors.InputError`.
    """

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


class OutputFailedError(Exception):
    """Writing failed part way (disk full, I/O error); nothing was left behind."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot write {path}: {reason}")


@dataclass(frozen=True)
class Target:
    """Where a report goes, decided before anything is computed or written."""

    shown: Path  # as the user wrote it, for messages
    path: Path  # the real path behind any symbolic links
    kind: Kind  # new or existing regular file (atomic), or anything else (in place)
    fd: int | None = None  # a descriptor of this process: /dev/stdout, /proc/self/fd/N
    mode: int | None = None  # an existing file's permission bits, kept
    owner: tuple[int, int] | None = None  # an existing file's owner and group, kept


def resolve_target(path: Path) -> Target:
    """Follow ``path`` through its symbolic links and decide how to write it.

    Raise OutputRefusedError for a directory, a read-only file, a missing
    directory or a path that cannot be looked at.
    """
    current = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        parent, name = os.path.split(current)
        try:
            parent = os.path.realpath(parent, strict=True)
        except FileNotFoundError:
            raise OutputRefusedError(
                N_("the directory {directory} does not exist"), directory=parent
            ) from None
        except OSError as exc:
            raise _refused(path, exc) from None
        if not os.path.isdir(parent):
            raise OutputRefusedError(N_("{directory} is not a directory"), directory=parent)
        current = os.path.join(parent, name)
        own_fds = f"/proc/{os.getpid()}/fd"
        if re.fullmatch(r"/proc/\d+/fd", parent) and name.isdigit():
            # An open descriptor: write to it as it is, never replace what it names.
            fd = int(name) if parent == own_fds else None
            return Target(path, Path(current), "stream", fd=fd)
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return Target(path, Path(current), "new")
        except OSError as exc:
            raise _refused(path, exc) from None
        if stat.S_ISLNK(info.st_mode):
            current = os.path.join(parent, os.readlink(current))
            continue
        if stat.S_ISDIR(info.st_mode):
            raise OutputRefusedError(N_("{path} is a directory"), path=path)
        if stat.S_ISREG(info.st_mode):
            if not info.st_mode & 0o222:
                raise OutputRefusedError(
                    N_("{path} is read-only; make it writable or choose another file"),
                    path=path,
                )
            return Target(
                path,
                Path(current),
                "file",
                mode=stat.S_IMODE(info.st_mode),
                owner=(info.st_uid, info.st_gid),
            )
        return Target(path, Path(current), "stream")
    raise OutputRefusedError(N_("{path}: too many levels of symbolic links"), path=path)


def refuse_inputs(target: Target, inputs: Iterable[tuple[Path, Role]]) -> None:
    """Raise OutputRefusedError when the target is one of the files the command reads."""
    if target.kind == "new":
        return  # every input exists; a new path cannot be one of them
    try:
        out = os.fstat(target.fd) if target.fd is not None else os.stat(target.path)
    except OSError:
        return
    for path, role in inputs:
        try:
            seen = os.stat(path)
        except OSError:
            continue
        if (seen.st_dev, seen.st_ino) == (out.st_dev, out.st_ino):
            raise OutputRefusedError(_REFUSE_INPUT[role], file=path)


def write_report(target: Target, chunks: Iterable[str | bytes]) -> None:
    """Write the chunks to the target (text as UTF-8, bytes as they are: an xlsx
    workbook): atomically to a file, else in place.

    Raise OutputFailedError when writing fails, BrokenPipeError when the reader
    of a pipe went away.
    """
    if target.kind == "stream":
        _write_in_place(target, chunks)
    else:
        _write_atomically(target, chunks)


def _encoded(chunks: Iterable[str | bytes]) -> Iterator[bytes]:
    for chunk in chunks:
        yield chunk.encode("utf-8") if isinstance(chunk, str) else chunk


def _write_in_place(target: Target, chunks: Iterable[str | bytes]) -> None:
    try:
        if target.fd is not None:
            fd = os.dup(target.fd)
        else:
            fd = os.open(target.path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(_encoded(chunks))
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputFailedError(target.shown, _reason(exc)) from None


def _write_atomically(target: Target, chunks: Iterable[str | bytes]) -> None:
    directory, name = os.path.split(target.path)
    with _removed_on_signals() as pending:
        try:
            fd, tmp = _create_temporary(directory, name, pending)
            try:
                if target.mode is not None:
                    os.fchmod(fd, target.mode)
                    _keep_owner(fd, target.owner)
                else:
                    os.fchmod(fd, 0o666 & ~_umask())
                with os.fdopen(fd, "wb") as handle:
                    handle.writelines(_encoded(chunks))
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, target.path)
                pending.clear()
            except BaseException:
                _remove(tmp)
                pending.clear()
                raise
        except OSError as exc:
            raise OutputFailedError(target.shown, _reason(exc)) from None


def _create_temporary(directory: str, name: str, pending: list[str]) -> tuple[int, str]:
    """A new ``.NAME.xxxxxxxx.tmp`` beside the target, registered for removal first,
    so that no signal can leave it behind unregistered."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = os.path.join(directory, f".{name}.{secrets.token_hex(4)}.tmp")
        pending.append(tmp)
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            pending.remove(tmp)
    raise FileExistsError(f"no free temporary name in {directory}")  # pragma: no cover


@contextlib.contextmanager
def _removed_on_signals() -> Iterator[list[str]]:
    """Yield a list of paths to remove if SIGTERM, SIGHUP or SIGINT arrives; then
    exit with 128 + the signal number. The previous handlers are restored after."""
    pending: list[str] = []
    previous: dict[int, object] = {}

    def remove_and_exit(signum: int, frame: FrameType | None) -> None:
        for path in pending:
            _remove(path)
        pending.clear()
        raise SystemExit(128 + signum)

    if threading.current_thread() is threading.main_thread():
        for name in _CLEANUP_SIGNALS:
            number = getattr(signal, name, None)
            if number is None:  # pragma: no cover - SIGHUP on Windows
                continue
            try:
                previous[number] = signal.signal(number, remove_and_exit)
            except (OSError, ValueError):  # pragma: no cover - not allowed here
                continue
    try:
        yield pending
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]


def _keep_owner(fd: int, owner: tuple[int, int] | None) -> None:
    """Give the replacement the old file's owner and group where we may (as root)."""
    if owner is None:
        return
    info = os.fstat(fd)
    if (info.st_uid, info.st_gid) != owner:
        with contextlib.suppress(OSError):
            os.fchown(fd, *owner)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _refused(path: Path, exc: OSError) -> OutputRefusedError:
    return OutputRefusedError(N_("cannot write {path}: {reason}"), path=path, reason=_reason(exc))

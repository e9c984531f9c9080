"""One writer at a time: an advisory lock file beside the DuckDB file it guards.

DuckDB lets one process write a file and refuses every other (with an IOException traceback).
Writers take ``<file>.lock`` first (``fcntl.flock``, released by the kernel when the process
dies, so a killed run never leaves a stale lock), wait a bounded time for a running writer, and
otherwise stop with one line naming the holder: pid, command and since when.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import sys
import threading
import time
from pathlib import Path

from smartprov.base import settings

DEFAULT_TIMEOUT = 120.0  # seconds; an ingest or a dbt build step is usually shorter
POLL = 0.2


class WriterBusyError(RuntimeError):
    """Another process holds the write lock; the message is one line for the operator."""


# locks held by this process: path -> [fd, count] (a process may open its warehouse twice)
_held: dict[Path, list[int]] = {}
_guard = threading.Lock()


def lock_path(target: Path) -> Path:
    return target.with_name(target.name + ".lock")


def holder(lock: Path) -> str:
    """What the lock file says about its holder (pid, command, since)."""
    try:
        text = lock.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    return text or "unknown process"


def timeout_seconds() -> float:
    return settings.WAREHOUSE_LOCK_TIMEOUT.as_float()


def acquire(target: Path, timeout: float | None = None) -> Path:
    """Take the write lock of ``target`` (waiting up to ``timeout`` seconds); re-entrant."""
    lock = lock_path(target).resolve()
    with _guard:
        if lock in _held:
            _held[lock][1] += 1
            return lock
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + (timeout_seconds() if timeout is None else timeout)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise WriterBusyError(
                    f"{target.name} is being written by another process ({holder(lock)}); "
                    f"waited {timeout if timeout is not None else timeout_seconds():.0f} s, "
                    "try again when it has finished"
                ) from None
            time.sleep(POLL)
    since = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))
    os.ftruncate(fd, 0)
    os.write(fd, f"pid {os.getpid()}, command {command!r}, since {since}\n".encode())
    with _guard:
        _held[lock] = [fd, 1]
    return lock


def release(lock: Path) -> None:
    with _guard:
        entry = _held.get(lock)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] > 0:
            return
        del _held[lock]
    fd = entry[0]
    os.ftruncate(fd, 0)
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)

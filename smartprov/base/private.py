"""Files only their owner reads: the platform home and everything under it.

The warehouse (complaint texts, reporter pseudonyms), serving, the metadata databases (Superset's
password hashes), logs, receipts, briefings and backups are private to the account that runs the
platform. Every entry point (the ``smartprov`` command, the DAG tasks, Superset's configuration)
sets the umask to 0o077 before it creates anything, so files are born 0600 and folders 0700, and
the subprocesses they start (dbt, Airflow, Superset, Chromium) inherit it. Files made before
that (an older home, a copy) are tightened where the platform opens them (:func:`make_private`).

In docker-compose.yml the pipeline and Superset images run as the same account (uid/gid 50000,
docker/Dockerfile), so Superset still reads the owner-only serving.duckdb through its read-only
mount.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

OWNER_ONLY_UMASK = 0o077
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def owner_only_umask() -> int:
    """Set the process umask to 0o077 (new files 0600, folders 0700); the previous one back."""
    return os.umask(OWNER_ONLY_UMASK)


def make_private(path: Path) -> None:
    """chmod ``path`` to 0600 (a file) or 0700 (a folder) when it exists and is ours."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        return
    wanted = PRIVATE_DIR if stat.S_ISDIR(mode) else PRIVATE_FILE
    if stat.S_IMODE(mode) & 0o077:
        # not ours (a mounted volume): left to its owner
        with contextlib.suppress(PermissionError):
            path.chmod(wanted)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and its parents) owner-only; tighten it if it exists."""
    previous = owner_only_umask()
    try:
        path.mkdir(parents=True, exist_ok=True)
    finally:
        os.umask(previous)
    make_private(path)
    return path

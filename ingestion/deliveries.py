"""Delivery discovery: which files in landing/ are new or changed since they were last loaded."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import duckdb

from ingestion.sources import EXPORT, SOURCES

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})\.([A-Za-z0-9]+)$")


@dataclass(frozen=True)
class Delivery:
    """One delivered file, as found in landing/."""

    source: str  # one of ingestion.sources.SOURCES
    dataset: str  # indicators: penduduk, pdrb, ...; otherwise the source
    path: Path
    relative_path: str
    file_hash: str
    file_format: str
    channel: str = EXPORT  # ingestion.sources.CHANNELS: how it arrived
    kode_kabkota: str | None = None
    delivery_date: date | None = None
    period: str | None = None
    name_problem: str | None = None  # set when the path itself breaks the contract
    unsafe: bool = False  # a link, or not a regular file inside landing/: never opened


def unsafe_path(landing: Path, path: Path) -> str | None:
    """Why ``path`` must not be opened, or None: every component between landing/ and the file
    must be a real folder (no link), the file a regular file, and it must resolve inside
    landing/. Decided from the names alone, before anything is read."""
    try:
        relative = path.relative_to(landing)
    except ValueError:
        return "outside the landing folder: refused without reading it"
    here = landing
    for part in relative.parts:
        here = here / part
        if here.is_symlink():
            return "a symbolic link, not a delivered file: refused without reading it"
    try:
        mode = os.lstat(path).st_mode
    except OSError as error:
        return f"cannot be examined ({error.strerror}): refused without reading it"
    if not stat.S_ISREG(mode):
        return "not a regular file: refused without reading it"
    if not path.resolve().is_relative_to(landing.resolve()):
        return "resolves outside the landing folder: refused without reading it"
    return None


def file_hash(path: Path, landing: Path) -> str:
    """The sha256 of a delivered file; for a path that must not be opened (unsafe_path), a
    hash of its name and the refusal instead, so nothing outside landing/ is ever read."""
    problem = unsafe_path(landing, path)
    if problem:
        return hashlib.sha256(f"refused:{path.as_posix()}:{problem}".encode()).hexdigest()
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parse_day(name: str) -> tuple[date | None, str]:
    """The day and extension of ``<YYYY-MM-DD>.<ext>`` (day None when the name is not that)."""
    match = _DAY.match(name)
    if not match:
        return None, name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        return date.fromisoformat(match.group(1)), match.group(2).lower()
    except ValueError:
        return None, match.group(2).lower()


def files(folder: Path, depth: int) -> Iterator[Path]:
    """The visible files ``depth`` folders below ``folder``, sorted (links included)."""
    if not folder.is_dir():
        return
    pattern = "/".join(["*"] * depth)
    for path in sorted(folder.glob(pattern)):
        if (path.is_file() or path.is_symlink()) and not path.name.startswith((".", "_")):
            yield path


def discover(
    landing: Path,
    sources: Iterable[str] = SOURCES,
    *,
    kode_kabkota: str | None = None,
    delivery_date: date | None = None,
    until: date | None = None,
) -> list[Delivery]:
    """Every delivery file currently in landing/, optionally narrowed to one regency, one day or
    the days up to ``until`` (service logs). Each source finds its own files (registry)."""
    from ingestion.registry import source  # the source modules import this one

    wanted = set(sources)
    found: list[Delivery] = []
    for name in SOURCES:
        if name in wanted:
            found += source(name).find(
                landing, kode_kabkota=kode_kabkota, delivery_date=delivery_date, until=until
            )
    for index, delivery in enumerate(found):
        problem = unsafe_path(landing, delivery.path)
        if problem:
            found[index] = replace(delivery, name_problem=problem, file_format="", unsafe=True)
    return found


def pending(con: duckdb.DuckDBPyConnection, deliveries: list[Delivery]) -> list[Delivery]:
    """The deliveries whose current content has not been loaded yet (new or changed files)."""
    loaded = {
        (path, digest)
        for path, digest in con.execute(
            "select relative_path, file_hash from audit.deliveries where is_current"
        ).fetchall()
    }
    return [d for d in deliveries if (d.relative_path, d.file_hash) not in loaded]

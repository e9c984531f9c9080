"""Delivery discovery: which files in landing/ are new or changed since they were last loaded.

A file is hashed (sha256) only when the ledger has not seen it with the same size and mtime (ns)
at the same path: an unchanged file keeps the hash recorded for it, so a daily run reads only
what is new, touched or rewritten. A touched file is hashed again and, if its content is the
same, is still unchanged (its new stat is then remembered). A file whose mtime was within
RACY_SECONDS of the moment it was examined gets no stat in the ledger (it could still be being
written within the same clock tick) and is hashed again next time.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import duckdb

from ingestion.sources import EXPORT

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})\.([A-Za-z0-9]+)$")
RACY_SECONDS = 2


@dataclass(frozen=True)
class Seen:
    """What the ledger recorded of the current version of a file: its stat and hash."""

    size: int
    mtime_ns: int
    file_hash: str


Known = Mapping[str, Seen]  # relative path -> the current version as the ledger saw it


@dataclass(frozen=True)
class Content:
    """A file's content hash and the stat it was taken with (None: not to be remembered)."""

    file_hash: str
    file_size: int | None = None
    file_mtime_ns: int | None = None
    hashed: bool = False  # read and hashed in this run (False: refused, or known unchanged)
    refused: str | None = None  # why the path must not be opened (unsafe_path)

    def fields(self) -> dict[str, object]:
        """As Delivery keyword arguments (Delivery has a field of the same name for each)."""
        return asdict(self)


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
    file_size: int | None = None  # the stat the hash was taken with (see Content)
    file_mtime_ns: int | None = None
    hashed: bool = False  # the file was read and hashed in this run
    refused: str | None = None  # set by content(): the path must not be opened (unsafe_path)


def unsafe_path(landing: Path, path: Path) -> str | None:
    """Why ``path`` must not be opened, or None: every component between landing/ and the file
    must be a real folder (no link), the file a regular file, and it must resolve inside
    landing/. Decided from the names alone, before anything is read (one ``lstat`` per path
    component: with no link and no ``..`` below landing/, the path cannot leave it, so nothing
    is resolved -- this runs for every file in landing/ on every ingest)."""
    try:
        relative = path.relative_to(landing)
    except ValueError:
        return "outside the landing folder: refused without reading it"
    if ".." in relative.parts:
        return "resolves outside the landing folder: refused without reading it"
    here, mode = str(landing), stat.S_IFDIR
    for part in relative.parts:
        here = os.path.join(here, part)
        try:
            mode = os.lstat(here).st_mode
        except OSError as error:
            return f"cannot be examined ({error.strerror}): refused without reading it"
        if stat.S_ISLNK(mode):
            return "a symbolic link, not a delivered file: refused without reading it"
    if not stat.S_ISREG(mode):
        return "not a regular file: refused without reading it"
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def content(path: Path, landing: Path, known: Known | None = None) -> Content:
    """The sha256 of a delivered file, reused from ``known`` when the file's path, size and
    mtime are what the ledger recorded; for a path that must not be opened (unsafe_path), a
    hash of its name and the refusal instead, so nothing outside landing/ is ever read."""
    problem = unsafe_path(landing, path)
    if problem:
        refused = hashlib.sha256(f"refused:{path.as_posix()}:{problem}".encode()).hexdigest()
        return Content(refused, refused=problem)
    info = os.stat(path)
    seen = (known or {}).get(path.relative_to(landing).as_posix())
    if seen is not None and (seen.size, seen.mtime_ns) == (info.st_size, info.st_mtime_ns):
        return Content(seen.file_hash, info.st_size, info.st_mtime_ns)
    digest = _sha256(path)
    if time.time_ns() - info.st_mtime_ns < RACY_SECONDS * 1_000_000_000:
        return Content(digest, hashed=True)  # may still change within the same mtime tick
    return Content(digest, info.st_size, info.st_mtime_ns, hashed=True)


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


def known_files(con: duckdb.DuckDBPyConnection) -> dict[str, Seen]:
    """The stat and hash of the current version of every file the ledger has a stat for."""
    rows = con.execute(
        "select relative_path, file_size, file_mtime_ns, file_hash from audit.deliveries "
        "where is_current and file_size is not null and file_mtime_ns is not null"
    ).fetchall()
    return {path: Seen(size, mtime_ns, digest) for path, size, mtime_ns, digest in rows}


def pending(con: duckdb.DuckDBPyConnection, deliveries: list[Delivery]) -> list[Delivery]:
    """The deliveries whose current content has not been loaded yet (new or changed files)."""
    loaded = {
        (path, digest)
        for path, digest in con.execute(
            "select relative_path, file_hash from audit.deliveries where is_current"
        ).fetchall()
    }
    return [d for d in deliveries if (d.relative_path, d.file_hash) not in loaded]


def snapshot_finder(source: str, file_name: str) -> Callable[..., list[Delivery]]:
    """The finder of a whole-file snapshot source (``landing/<source>/<file_name>``, replaced
    whole): every file in its folder, any other name flagged as a name problem."""

    def find(landing: Path, *, known: Known | None = None, **_filters: object) -> list[Delivery]:
        """Every file in the source's folder (the filters are for service logs)."""
        return [
            Delivery(
                source=source,
                dataset=source,
                path=path,
                relative_path=path.relative_to(landing).as_posix(),
                **content(path, landing, known).fields(),
                file_format="csv",
                name_problem=None
                if path.name == file_name
                else f"file name '{path.name}' is not {file_name}",
            )
            for path in files(landing / source, 1)
        ]

    return find


def daily_export_finder(source: str) -> Callable[..., list[Delivery]]:
    """The finder of a daily export source (``landing/<source>/<YYYY-MM-DD>.csv``): every file
    in its folder, dated by its name; any other name flagged as a name problem."""

    def delivery(landing: Path, path: Path, known: Known | None) -> Delivery:
        day, ext = parse_day(path.name)
        ok = day and ext == "csv"
        return Delivery(
            source=source,
            channel=EXPORT,
            dataset=source,
            path=path,
            relative_path=path.relative_to(landing).as_posix(),
            **content(path, landing, known).fields(),
            file_format=ext,
            delivery_date=day,
            name_problem=None if ok else f"file name '{path.name}' is not <YYYY-MM-DD>.csv",
        )

    def find(landing: Path, *, known: Known | None = None, **_filters: object) -> list[Delivery]:
        """Every export file (the regency and day filters are for service logs)."""
        return [delivery(landing, path, known) for path in files(landing / source, 1)]

    return find

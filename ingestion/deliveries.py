"""Delivery discovery: which files in landing/ are new or changed since they were last loaded."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import duckdb

from ingestion.vocabulary import INDICATOR_DATASETS
from smartprov.reference import regency_codes
from smartprov.settings import province_code

SOURCES = ("service_logs", "lapor", "rollout", "indicators")
SERVICE_LOG_FORMATS = ("csv", "jsonl", "xlsx")

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})\.([A-Za-z0-9]+)$")


@dataclass(frozen=True)
class Delivery:
    """One delivered file, as found in landing/."""

    source: str  # service_logs | lapor_export | rollout | indicators
    dataset: str  # indicators: penduduk, pdrb, ...; otherwise the source
    path: Path
    relative_path: str
    file_hash: str
    file_format: str
    kode_kabkota: str | None = None
    delivery_date: date | None = None
    period: str | None = None
    name_problem: str | None = None  # set when the path itself breaks the contract


def file_hash(path: Path) -> str:
    if path.is_symlink():  # never read what a link points to (see _outside_landing)
        return hashlib.sha256(f"symlink:{os.readlink(path)}".encode()).hexdigest()
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _parse_day(name: str) -> tuple[date | None, str]:
    match = _DAY.match(name)
    if not match:
        return None, name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        return date.fromisoformat(match.group(1)), match.group(2).lower()
    except ValueError:
        return None, match.group(2).lower()


def _service_log(landing: Path, path: Path) -> Delivery:
    relative = path.relative_to(landing).as_posix()
    kode = path.parent.name
    day, ext = _parse_day(path.name)
    problem = None
    if kode not in regency_codes():
        province = province_code()
        problem = (
            f"folder '{kode}' is not a regency/city code of province {province} ({province}.xx)"
        )
    elif day is None:
        problem = f"file name '{path.name}' is not <YYYY-MM-DD>.<csv|jsonl|xlsx>"
    elif ext not in SERVICE_LOG_FORMATS:
        problem = f"extension '.{ext}' is not one of .csv, .jsonl, .xlsx"
    return Delivery(
        source="service_logs",
        dataset="service_logs",
        path=path,
        relative_path=relative,
        file_hash=file_hash(path),
        file_format=ext,
        kode_kabkota=kode if kode in regency_codes() else None,
        delivery_date=day,
        name_problem=problem,
    )


def _lapor(landing: Path, path: Path) -> Delivery:
    day, ext = _parse_day(path.name)
    problem = None if day and ext == "csv" else f"file name '{path.name}' is not <YYYY-MM-DD>.csv"
    return Delivery(
        source="lapor_export",
        dataset="lapor",
        path=path,
        relative_path=path.relative_to(landing).as_posix(),
        file_hash=file_hash(path),
        file_format=ext,
        delivery_date=day,
        name_problem=problem,
    )


def _rollout(landing: Path, path: Path) -> Delivery:
    problem = None
    if path.name != "rollout_register.csv":
        problem = f"file name '{path.name}' is not rollout_register.csv"
    return Delivery(
        source="rollout",
        dataset="rollout",
        path=path,
        relative_path=path.relative_to(landing).as_posix(),
        file_hash=file_hash(path),
        file_format="csv",
        name_problem=problem,
    )


def _indicator(landing: Path, path: Path) -> Delivery:
    dataset = path.parent.name
    period, _, ext = path.name.rpartition(".")
    problem = None
    if dataset not in INDICATOR_DATASETS:
        problem = f"folder '{dataset}' is not a known indicator dataset"
    elif ext.lower() != "csv" or not re.fullmatch(r"\d{4}(-\d{2})?", period):
        problem = f"file name '{path.name}' is not <YYYY or YYYY-MM>.csv"
    return Delivery(
        source="indicators",
        dataset=dataset,
        path=path,
        relative_path=path.relative_to(landing).as_posix(),
        file_hash=file_hash(path),
        file_format=ext.lower(),
        period=period,
        name_problem=problem,
    )


def _outside_landing(landing: Path, path: Path) -> str | None:
    """A delivery must be a regular file inside landing/: links are refused unread."""
    if path.is_symlink() or any(
        (landing / p).is_symlink() for p in path.relative_to(landing).parents
    ):
        return "a symbolic link, not a delivered file: refused without reading it"
    if not path.resolve().is_relative_to(landing.resolve()):
        return "resolves outside the landing folder: refused without reading it"
    return None


def _files(folder: Path, depth: int) -> Iterator[Path]:
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
    the days up to ``until`` (service logs)."""
    wanted = set(sources)
    found: list[Delivery] = []
    if "service_logs" in wanted:
        root = landing / "service_logs"
        if kode_kabkota:
            files: Iterable[Path] = _files(root / kode_kabkota, 1)
        else:
            files = _files(root, 2)
        for path in files:
            delivery = _service_log(landing, path)
            day = delivery.delivery_date
            if delivery_date is not None and day != delivery_date:
                continue
            if until is not None and (day is None or day > until):
                continue
            found.append(delivery)
    if "lapor" in wanted:
        found += [_lapor(landing, p) for p in _files(landing / "lapor", 1)]
    if "rollout" in wanted:
        found += [_rollout(landing, p) for p in _files(landing / "rollout", 1)]
    if "indicators" in wanted:
        found += [_indicator(landing, p) for p in _files(landing / "indicators", 2)]
    for index, delivery in enumerate(found):
        problem = _outside_landing(landing, delivery.path)
        if problem:
            found[index] = replace(delivery, name_problem=problem, file_format="")
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

"""Publish the analyst-facing schema `marts` from the warehouse into the serving database.

Readers (Superset, analysts) only ever open ``serving.duckdb``, never the warehouse the pipeline
writes. A publication writes a complete new file beside the old one
(``serving.duckdb.tmp-<uuid>``), verifies it, and renames it into place with ``os.replace``
(atomic on one filesystem), so a reader sees either the previous snapshot or the new one. A
failed publication leaves the previous file untouched and removes its temporary file.

Only schema `marts` is copied: raw, audit, staging, intermediate and reference stay in the
warehouse, and no column that could carry personal data is allowed through. The transaction-level
fact (`fct_service_transactions`, one row per service transaction: ~20 M a year) stays in the
warehouse too: no chart and no serving-v1 table reads it, and copying it made every publication
cost a minute at a year of data; the marts built on it are published.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from smartprov.base import disk, lock
from smartprov.base.private import make_private
from smartprov.base.serving_contract import serving_columns
from smartprov.base.settings import Paths
from smartprov.base.warehouse import connect

SCHEMA = "marts"

# marts tables that are not published (the size of the history, read by no serving table or chart)
NOT_PUBLISHED = frozenset({"fct_service_transactions"})

# serving-v1.md: tables and columns every publication must hold, as the dbt contracts define
# them (models marked `serving: v1`; see smartprov/base/serving_contract.py)
SERVING_V1: dict[str, tuple[str, ...]] = serving_columns("v1")

# Column names that must never reach serving (reporter identity, complaint text).
FORBIDDEN_COLUMNS = frozenset(
    {
        "pelapor_key",
        "pelapor_nama",
        "pelapor_nik",
        "pelapor_telepon",
        "pelapor_email",
        "isi_laporan",
    }
)


class PublishError(RuntimeError):
    """The serving database could not be published; the previous one is untouched."""


@dataclass(frozen=True)
class PublishResult:
    path: Path
    published_at: dt.datetime
    as_of_date: dt.date | None
    row_counts: dict[str, int]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _marts_tables(con) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables"
        " where table_catalog = 'wh' and table_schema = ? and table_type = 'BASE TABLE'"
        " order by table_name",
        [SCHEMA],
    ).fetchall()
    return [name for (name,) in rows if not name.startswith("_")]


def _verify(path: Path) -> None:
    con = connect(path, read_only=True)
    try:
        schemas = {s for (s,) in con.execute("select schema_name from duckdb_schemas()").fetchall()}
        leaked = schemas & {"raw", "audit", "staging", "intermediate", "reference", "ingest_cache"}
        if leaked:
            raise PublishError(f"serving would expose internal schemas: {sorted(leaked)}")
        for table, required in SERVING_V1.items():
            columns = {
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns"
                    " where table_schema = ? and table_name = ?",
                    [SCHEMA, table],
                ).fetchall()
            }
            if not columns:
                raise PublishError(f"serving-v1 table {SCHEMA}.{table} is missing")
            missing = [c for c in required if c not in columns]
            if missing:
                raise PublishError(f"{SCHEMA}.{table} lacks serving-v1 columns {missing}")
        con.execute(f"select count(*) from {SCHEMA}._publication").fetchone()
    finally:
        con.close()


def _copy_marts(con) -> dict[str, int]:
    """Copy every table of the attached warehouse's schema `marts`; returns row counts."""
    tables = [t for t in _marts_tables(con) if t not in NOT_PUBLISHED]
    if not tables:
        raise PublishError("the warehouse has no marts: run `smartprov transform` first")
    con.execute(f"create schema {SCHEMA}")
    row_counts: dict[str, int] = {}
    for table in tables:
        columns = [
            c
            for (c,) in con.execute(
                "select column_name from information_schema.columns"
                " where table_catalog = 'wh' and table_schema = ? and table_name = ?"
                " order by ordinal_position",
                [SCHEMA, table],
            ).fetchall()
        ]
        leaked = FORBIDDEN_COLUMNS.intersection(columns)
        if leaked:
            raise PublishError(f"{SCHEMA}.{table} carries personal data: {sorted(leaked)}")
        name = f"{SCHEMA}.{_quote(table)}"
        con.execute(f"create table {name} as select * from wh.{name}")
        row_counts[table] = con.execute(f"select count(*) from {name}").fetchone()[0]
    return row_counts


def _write_publication(con, published_at: dt.datetime, row_counts: dict[str, int]):
    """Record the publication in ``marts._publication``; returns the data date."""
    as_of_date = None
    if "mart_rollout_kabkota" in row_counts:
        as_of_date = con.execute(
            f"select max(as_of_date) from {SCHEMA}.mart_rollout_kabkota"
        ).fetchone()[0]
    con.execute(
        f"create table {SCHEMA}._publication as"
        " select ?::timestamp as published_at, ?::date as as_of_date,"
        " unnest(?::varchar[]) as table_name, unnest(?::bigint[]) as row_count",
        [published_at, as_of_date, list(row_counts), list(row_counts.values())],
    )
    return as_of_date


def _owner_alive(suffix: str) -> bool:
    """Whether the publish that named a temp file ``<pid>-<uuid>[.wal]`` is still running."""
    pid = suffix.split("-", 1)[0]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False  # an older name without pid, or our own leftover
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def publish(paths: Paths) -> PublishResult:
    """Copy schema `marts` into a new serving file and rename it into place atomically.

    Call only after a successful `dbt build` (``smartprov run`` and the DAG do so).
    """
    if not paths.warehouse.exists():
        raise PublishError(f"no warehouse at {paths.warehouse}")
    target = paths.serving
    # a publish killed earlier leaves its temp copy behind: remove those whose process is gone,
    # never the temp file of a publish still running (it carries its pid in the name)
    for stale in target.parent.glob(f"{target.name}.tmp-*"):
        if not _owner_alive(stale.name.removeprefix(f"{target.name}.tmp-")):
            stale.unlink(missing_ok=True)
    temp = target.with_name(f"{target.name}.tmp-{os.getpid()}-{uuid.uuid4().hex}")
    published_at = dt.datetime.now().replace(microsecond=0)
    held = lock.acquire(paths.warehouse)  # it reads the warehouse: no writer meanwhile
    try:
        con = connect(temp)
        try:
            con.execute(f"attach '{paths.warehouse}' as wh (read_only)")
            row_counts = _copy_marts(con)
            as_of_date = _write_publication(con, published_at, row_counts)
            con.execute("detach wh")
            con.execute("checkpoint")
        finally:
            con.close()
        _verify(temp)
        make_private(temp)  # owner-only even when published by a process with a looser umask
        os.replace(temp, target)
    except BaseException as error:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        reason = disk.write_error(error)
        if reason is not None:  # a full or failing disk: one line, the old serving stays
            raise PublishError(
                f"serving not published, the disk refused a write: {reason}; the previous "
                f"{target.name} is still in place"
            ) from error
        raise
    finally:
        lock.release(held)
    return PublishResult(target, published_at, as_of_date, row_counts)

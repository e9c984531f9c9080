"""The national build: dbt_national/ on DuckDB or Spark over one snapshot of the lake.

One verified snapshot of the lake (:func:`smartprov.national.lake.snapshot`) is taken first and
passed to dbt as the var ``partitions``: the models read exactly those files, so an export
that finishes (or dies) during the build changes nothing in it. dbt runs in a subprocess (on
Spark it is the driver: its JVM ends with it). The national marts are then published into a
DuckDB file (schema ``nasional``) the national dashboard reads, written beside and renamed into
place like the province's serving database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from smartprov.base.settings import NATIONAL_DBT_PROJECT_DIR, NATIONAL_LATE_DAYS, Paths
from smartprov.national.lake import Snapshot, snapshot

ENGINES = ("duckdb", "spark")
SCHEMA = "nasional"
MART_PREFIX = "mart_national_"
# Spark reads a table's files as one glob alternation ({a,b}): paths must not hold these
GLOB_CHARACTERS = "{}[]*?,`'\\"


class NationalBuildError(RuntimeError):
    """The national build failed; the previous national serving file is untouched."""


@dataclass(frozen=True)
class BuildResult:
    engine: str
    serving: Path
    seconds: float
    row_counts: dict[str, int]
    provinces: tuple[str, ...]


def dbt_vars(found: Snapshot, national_date: str | None = None) -> dict:
    """The var ``partitions`` (path and files per table of each province) and the dates."""
    partitions = []
    for partition in found.partitions:
        if any(char in str(partition.path) for char in GLOB_CHARACTERS):
            raise NationalBuildError(f"lake path {partition.path} holds one of {GLOB_CHARACTERS}")
        files: dict[str, list[str]] = {}
        for relative in sorted(partition.manifest["files"]):
            files.setdefault(relative.split("/")[0].removesuffix(".parquet"), []).append(relative)
        partitions.append(
            {"kode": partition.kode_provinsi, "path": str(partition.path), "files": files}
        )
    return {
        "partitions": partitions,
        # the partitions' common folder: Spark reads a table's files as one glob below it
        "lake_root": os.path.commonpath([p["path"] for p in partitions]) if partitions else "",
        "national_date": national_date or "",
        "late_after_days": NATIONAL_LATE_DAYS.as_int(),
    }


def _environment(workdir: Path, master: str | None) -> dict[str, str]:
    return {
        **os.environ,
        "DBT_PROFILES_DIR": str(NATIONAL_DBT_PROJECT_DIR),
        "DBT_TARGET_PATH": str(workdir / "target"),
        "DBT_LOG_PATH": str(workdir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
        "DBT_PARTIAL_PARSE": "false",
        "DBT_NATIONAL_DUCKDB": str(workdir / "warehouse.duckdb"),
        "DBT_NATIONAL_SPARK_MASTER": master or "local[1]",
        "DBT_NATIONAL_SPARK_WAREHOUSE": str(workdir / "spark-warehouse"),
    }


def _run_dbt(engine: str, workdir: Path, variables: dict, master: str | None) -> None:
    # a fresh build every time: the Spark tables' folders and the DuckDB file are rewritten
    shutil.rmtree(workdir / "spark-warehouse", ignore_errors=True)
    (workdir / "warehouse.duckdb").unlink(missing_ok=True)
    workdir.mkdir(parents=True, exist_ok=True)
    command = [str(Path(sys.executable).with_name("dbt")), "build", "--target", engine]
    command += ["--project-dir", str(NATIONAL_DBT_PROJECT_DIR), "--vars", json.dumps(variables)]
    log = workdir / "dbt-build.log"
    with log.open("w", encoding="utf-8") as handle:
        done = subprocess.run(
            command,
            cwd=workdir,  # anything Spark writes beside itself lands here, not in the repository
            env=_environment(workdir, master),
            stdout=handle,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if done.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-40:])
        raise NationalBuildError(f"dbt build --target {engine} failed (see {log}):\n{tail}")


def _sources(engine: str, workdir: Path) -> dict[str, str]:
    """Each national mart and the DuckDB expression that reads the engine's result."""
    if engine == "duckdb":
        con = duckdb.connect(str(workdir / "warehouse.duckdb"), read_only=True)
        try:
            names = [
                name
                for (name,) in con.execute(
                    "select table_name from information_schema.tables where table_schema = ?",
                    [SCHEMA],
                ).fetchall()
            ]
        finally:
            con.close()
        return {n: f'wh.{SCHEMA}."{n}"' for n in sorted(names) if n.startswith(MART_PREFIX)}
    tables = workdir / "spark-warehouse" / f"{SCHEMA}.db"
    return {
        folder.name: "read_parquet('" + str(folder / "*.parquet").replace("'", "''") + "')"
        for folder in sorted(tables.iterdir())
        if folder.name.startswith(MART_PREFIX)
    }


def publish(engine: str, workdir: Path, target: Path, provinces: tuple[str, ...]) -> dict[str, int]:
    """Copy the national marts into a new DuckDB file and rename it over ``target``."""
    sources = _sources(engine, workdir)
    if not sources:
        raise NationalBuildError(f"the {engine} build left no national marts in {workdir}")
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f"{target.name}.tmp-{os.getpid()}-{uuid.uuid4().hex}")
    counts: dict[str, int] = {}
    try:
        con = duckdb.connect(str(temp))
        try:
            if engine == "duckdb":
                attached = str(workdir / "warehouse.duckdb").replace("'", "''")
                con.execute(f"attach '{attached}' as wh (read_only)")
            con.execute(f"create schema {SCHEMA}")
            for table, source in sources.items():
                con.execute(f'create table {SCHEMA}."{table}" as select * from {source}')
                (counts[table],) = con.execute(
                    f'select count(*) from {SCHEMA}."{table}"'
                ).fetchone()
            con.execute(
                f"create table {SCHEMA}._publication as select ?::timestamp as published_at,"
                " ?::varchar as engine, ?::varchar[] as provinces",
                [dt.datetime.now().replace(microsecond=0), engine, list(provinces)],
            )
        finally:
            con.close()
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return counts


def build(
    paths: Paths,
    engine: str,
    *,
    master: str | None = None,
    lake: Path | None = None,
    target: Path | None = None,
    national_date: str | None = None,
) -> BuildResult:
    """Build the national marts on ``engine`` from the lake and publish them (DuckDB file)."""
    if engine not in ENGINES:
        raise NationalBuildError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    started = time.monotonic()
    found = snapshot(lake or paths.lake)
    if not found.partitions:
        raise NationalBuildError(f"no complete province export in {lake or paths.lake}")
    provinces = tuple(p.kode_provinsi for p in found.partitions)
    workdir = paths.national / engine
    _run_dbt(engine, workdir, dbt_vars(found, national_date), master)
    serving = target or paths.national / "serving.duckdb"
    counts = publish(engine, workdir, serving, provinces)
    return BuildResult(engine, serving, time.monotonic() - started, counts, provinces)

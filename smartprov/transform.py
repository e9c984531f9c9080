"""Run the dbt project (dbt/) against the warehouse: `dbt build` = seeds, models, tests.

dbt is invoked in-process through ``dbt.cli.main.dbtRunner``; the profile inside the project
reads ``SMARTPROV_HOME`` (set here to the absolute platform home) for the warehouse path and the
target/log directories, so the repository stays clean.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from smartprov.base import settings
from smartprov.base.settings import (
    DBT_PROJECT_DIR,
    DUCKDB_MEMORY_LIMIT,
    DUCKDB_THREADS,
    Paths,
    province_code,
)

# The profile and target in dbt/profiles.yml that every dbt command names (Cosmos always passes
# both; see parse_flags)
DBT_PROFILE_NAME = "smartprov"
DBT_TARGET_NAME = "local"


class DbtError(RuntimeError):
    """dbt failed: a model or test did not pass, or dbt itself could not run."""


@dataclass(frozen=True)
class DbtResult:
    command: str
    success: bool
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)  # status -> number of nodes
    failures: tuple[str, ...] = ()  # "node_id: message" for each failed node


@contextmanager
def _dbt_environment(paths: Paths) -> Iterator[None]:
    overrides = {
        settings.HOME.name: str(paths.home),
        settings.PROVINCE.name: province_code(),
        settings.DUCKDB_MEMORY_LIMIT_VAR.name: DUCKDB_MEMORY_LIMIT,
        settings.DUCKDB_THREADS_VAR.name: str(DUCKDB_THREADS),
        "DBT_PROFILES_DIR": str(DBT_PROJECT_DIR),
        "DBT_LOG_PATH": str(paths.dbt_logs),
        "DBT_TARGET_PATH": str(paths.dbt_target),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
    }
    saved = {key: os.environ.get(key) for key in overrides}
    os.environ.update(overrides)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def release_dbt_connection() -> None:
    """Close the DuckDB instance dbt-duckdb keeps open in this process after a command.

    dbt-duckdb caches one connection (opened with the profile's settings) per process. Left
    open, it keeps warehouse.duckdb held, and the next opener in the same process (publish,
    ingest, a task in ``dag.test()`` where Cosmos runs dbt in-process) fails with "Unique file
    handle conflict" / "different configuration". Nothing happens when dbt was not used here.
    The one place that knows dbt-duckdb's internals: run_dbt calls it after every command, the
    Airflow task functions (smartprov.orchestration) before they open the warehouse.
    """
    import gc
    import sys

    factory = sys.modules.get("dbt.adapters.factory")
    if factory is not None:
        factory.cleanup_connections()  # dbt's open cursors on that connection
    module = sys.modules.get("dbt.adapters.duckdb.connections")
    manager = getattr(module, "DuckDBConnectionManager", None)
    if manager is None:
        return
    lock = getattr(manager, "_LOCK", None) or contextlib.nullcontext()
    with lock:
        env = getattr(manager, "_ENV", None)
        manager._ENV = None
    if env is None:
        return
    # best effort: already closed or half-open, dropping the reference is what matters
    with contextlib.suppress(Exception):
        env.close()
    gc.collect()


def run_dbt(paths: Paths, args: Sequence[str]) -> DbtResult:
    """Run one dbt command (e.g. ``["build"]``) in-process; raise DbtError on failure."""
    from dbt.cli.main import dbtRunner

    paths.ensure()
    full_args = [
        *args,
        *parse_flags(args),
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
    ]
    started = time.monotonic()
    with _dbt_environment(paths):
        try:
            outcome = dbtRunner().invoke(full_args)
        finally:
            release_dbt_connection()
    seconds = time.monotonic() - started

    counts: dict[str, int] = {}
    failures: list[str] = []
    results = getattr(outcome.result, "results", None) or []
    for node_result in results:
        status = str(node_result.status)
        counts[status] = counts.get(status, 0) + 1
        if status in ("error", "fail", "runtime error"):
            failures.append(f"{node_result.node.unique_id}: {node_result.message}")
    result = DbtResult(
        command=" ".join(args),
        success=bool(outcome.success),
        seconds=seconds,
        counts=counts,
        failures=tuple(failures),
    )
    if not outcome.success:
        detail = "\n  ".join(failures) or repr(outcome.exception)
        raise DbtError(f"dbt {result.command} failed after {seconds:.0f}s:\n  {detail}")
    return result


INCREMENTAL_FACTS = ("fct_service_transactions",)


def _has_incremental_facts(paths: Paths) -> bool:
    from smartprov.base.warehouse import connect

    con = connect(paths.warehouse, read_only=True)
    try:
        (found,) = con.execute(
            "select count(*) from information_schema.tables"
            " where table_schema = 'marts' and table_name in ?",
            [list(INCREMENTAL_FACTS)],
        ).fetchone()
    finally:
        con.close()
    return found == len(INCREMENTAL_FACTS)


def run_dbt_build(
    paths: Paths, *, select: str | Sequence[str] | None = None, full_refresh: bool = False
) -> DbtResult:
    """`dbt build` (seeds, models, data tests, unit tests) against ``paths.warehouse``, holding
    the writer lock (smartprov.base.lock) for the whole build. A daily build (no selection,
    no full refresh, on a built warehouse) leaves out seeds and unit tests and tests the recent
    slice (DAILY_ARGS); a fresh warehouse and ``full_refresh`` run everything (on a fresh
    warehouse the recent slice is every row)."""
    from smartprov.base import lock

    if not paths.warehouse.exists():
        raise DbtError(f"no warehouse at {paths.warehouse}: run `smartprov ingest` first")
    held = lock.acquire(paths.warehouse)
    try:
        return _build(paths, select, full_refresh)
    finally:
        lock.release(held)


# The daily build (an incremental build of everything on a warehouse that has been built):
# seeds are already loaded and unit tests test code, not data, so both wait for the next full
# build; tests check the recent slice (dbt/macros/test_slice.sql). The recent slice is dbt's
# default (var test_slice unset), so a daily build and a --full-refresh (which tests everything)
# pass the same vars and dbt's partial parsing holds from one to the other.
DAILY_EXCLUDE = ("resource_type:unit_test", "resource_type:seed")
DAILY_VARS = {"test_slice": "recent"}
DAILY_ARGS = ("--exclude", *DAILY_EXCLUDE)
FULL_VARS = {"test_slice": "full"}


def parse_flags(args: Sequence[str] = ()) -> list[str]:
    """``--profile``, ``--target`` and ``--vars`` (the daily vars) unless ``args`` sets them.

    dbt re-parses the whole project (seconds) unless the saved parse had the same three
    (dbt/parser/manifest.py is_partial_parsable). Every command passing the same ones - setup's
    parse, the warehouse DAG's prepare and its Cosmos producer, `smartprov transform` - keeps
    one saved parse valid from each to the next.
    """
    flags: list[str] = []
    if "--profile" not in args:
        flags += ["--profile", DBT_PROFILE_NAME]
    if "--target" not in args:
        flags += ["--target", DBT_TARGET_NAME]
    if "--vars" not in args:
        flags += ["--vars", json.dumps(DAILY_VARS)]
    return flags


def prepare_build(paths: Paths) -> bool:
    """Ready the warehouse for a `dbt build`; True when it was built before (a daily build).

    On a fresh warehouse the incremental facts are created empty first: dbt unit tests of an
    incremental model (given `this`) need the relation to exist (cheap: zero rows). The warehouse
    DAG calls this before its one `dbt build` (Cosmos watcher producer), as `_build` does here.
    """
    if _has_incremental_facts(paths):
        return True
    run_dbt(paths, ["run", "--select", *(f"+{name}" for name in INCREMENTAL_FACTS), "--empty"])
    return False


def _build(paths: Paths, select: str | Sequence[str] | None, full_refresh: bool) -> DbtResult:
    built = prepare_build(paths)
    args = ["build"]
    if select:
        args += ["--select", *([select] if isinstance(select, str) else select)]
    if full_refresh:
        args.append("--full-refresh")  # the slice macro tests everything on a full refresh
    elif select:  # a chosen selection: every row
        args += ["--vars", json.dumps(FULL_VARS)]
    elif built:
        args += DAILY_ARGS
    # else a fresh warehouse: everything, seeds and unit tests included, with the daily vars.
    # The recent slice starts after the last tested mark (audit.dbt_test_marks), and a fresh
    # warehouse has none: every row is tested, and dbt's partial parse (which any change of
    # --vars invalidates) holds from this first build to the daily ones.
    return run_dbt(paths, args)


def run_full_tests(paths: Paths) -> DbtResult:
    """Every dbt test (data and unit tests) over every row, holding the warehouse writer lock:
    the weekly counterpart of the daily build's recent slice (DAILY_ARGS). Raises DbtError on
    any failure."""
    from smartprov.base import lock

    if not _has_incremental_facts(paths):
        raise DbtError(f"no built warehouse at {paths.warehouse}: run a build first")
    held = lock.acquire(paths.warehouse)
    try:
        return run_dbt(paths, ["test", "--vars", json.dumps(FULL_VARS)])
    finally:
        lock.release(held)


def generate_docs(paths: Paths) -> DbtResult:
    """`dbt docs generate`: the site (with lineage graph) lands in <home>/dbt/target."""
    return run_dbt(paths, ["docs", "generate"])


def docs_dir(paths: Paths):
    return paths.dbt_target

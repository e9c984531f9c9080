"""The pipeline's DuckDB warehouse: connection settings and the audit tables.

`raw.*` holds what was delivered, typed and with lineage, one row per delivered record of the
*current* version of each delivery file; its tables are declared by the sources' specs and
created by the ingestion library (ingestion/warehouse.py), not here. `audit.*` holds the
delivery ledger, quarantine and quality results. dbt reads both (see dbt/models/staging/).
"""

from __future__ import annotations

import re
import weakref
from pathlib import Path

import duckdb

from smartprov.base import lock
from smartprov.base.lock import WriterBusyError
from smartprov.base.private import make_private
from smartprov.base.settings import DUCKDB_MEMORY_LIMIT, DUCKDB_THREADS

__all__ = ["WriterBusyError", "connect", "open_warehouse"]

WRITER_CHECKPOINT_THRESHOLD = "1GB"

DDL = """
create schema if not exists raw;
create schema if not exists audit;

create table if not exists audit.deliveries (
    batch_id varchar primary key,
    source varchar not null,            -- ingestion.sources.SOURCES: service_logs, lapor, ...
    dataset varchar,                    -- indicators: penduduk, pdrb, ...; otherwise = source
    relative_path varchar not null,     -- path under landing/ (or api:<page> for API pulls)
    kode_kabkota varchar,
    delivery_date date,                 -- the day (service logs, LAPOR export) a file is about
    period varchar,                     -- indicators: the period in the file name
    file_hash varchar not null,         -- sha256 of the file content
    file_format varchar,
    rows_delivered integer not null,
    rows_loaded integer not null,
    rows_quarantined integer not null,
    file_quarantined boolean not null,
    file_reason varchar,
    is_current boolean not null,        -- the latest version of relative_path
    loaded_at timestamp not null,
    channel varchar not null default 'export', -- export (a file in landing/) | api (a page)
    file_size bigint,                   -- bytes, as stat'ed before hashing (NULL: not a file,
    file_mtime_ns bigint,               -- refused, or future-dated): same path+size+mtime as
                                        -- the current version -> file_hash is reused, unread
    quality_checked_at timestamp        -- when ingestion.quality checked it (NULL: not yet)
);

create table if not exists audit.quarantine_rows (
    batch_id varchar not null,
    source varchar not null,
    relative_path varchar not null,
    kode_kabkota varchar,
    delivery_date date,
    row_number integer not null,        -- 1 = first data row (header not counted)
    reason_code varchar not null,
    reason varchar not null,
    record json,                        -- the row as delivered, personal data removed
    quarantined_at timestamp not null
);

create table if not exists audit.quarantine_files (
    batch_id varchar not null,
    source varchar not null,
    relative_path varchar not null,
    kode_kabkota varchar,
    delivery_date date,
    reason_code varchar not null,
    reason varchar not null,
    quarantine_path varchar not null,   -- copy of the original file under quarantine/
    quarantined_at timestamp not null
);

create table if not exists audit.quality_results (
    run_id varchar not null,
    batch_id varchar,
    source varchar not null,
    suite_name varchar not null,
    expectation_type varchar not null,
    column_name varchar,
    success boolean not null,
    details json,
    checked_at timestamp not null
);

create table if not exists audit.pii_key (  -- which key pseudonymised reporter identity
    fingerprint varchar not null,       -- HMAC of a constant (ingestion.lapor.identity)
    recorded_at timestamp not null
);

create table if not exists audit.reason_catalogue (  -- ingestion/reasons_id.toml, per ingest
    reason_code varchar primary key,
    label varchar not null,
    teks varchar not null,
    tindakan varchar not null
);

create table if not exists audit.lapor_cursor (  -- the API pull's cursor
    source varchar primary key,         -- lapor
    cursor_updated_at timestamp not null,
    advanced_at timestamp not null
);
"""


# Warehouses written before one spelling per source (issue 10): LAPOR was lapor_export /
# lapor_api in the ledger and quarantine, 'api' in the cursor, and raw rows had `_source`.
# Runs once, when the ledger has no `channel` column yet.
_OLD_LAPOR = "('lapor_export', 'lapor_api')"
MIGRATIONS = f"""
alter table audit.deliveries add column if not exists channel varchar default 'export';
update audit.deliveries set channel = 'api' where source = 'lapor_api';
update audit.deliveries set source = 'lapor' where source in {_OLD_LAPOR};
update audit.quarantine_rows set source = 'lapor' where source in {_OLD_LAPOR};
update audit.quarantine_files set source = 'lapor' where source in {_OLD_LAPOR};
update audit.quality_results set source = 'lapor' where source in {_OLD_LAPOR};
update audit.lapor_cursor set source = 'lapor' where source = 'api';
"""


def _has_column(con: duckdb.DuckDBPyConnection, schema: str, table: str, column: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_columns() where schema_name = ? and table_name = ? "
            "and column_name = ?",
            [schema, table, column],
        ).fetchall()[0][0]
    )


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    if not _has_column(con, "audit", "deliveries", "channel"):
        con.execute(MIGRATIONS)
    if not _has_column(con, "audit", "deliveries", "file_mtime_ns"):
        # issue 13: the stat of each file version, so unchanged files are not re-hashed
        con.execute(
            "alter table audit.deliveries add column if not exists file_size bigint;"
            "alter table audit.deliveries add column if not exists file_mtime_ns bigint;"
        )
    if not _has_column(con, "audit", "deliveries", "quality_checked_at"):
        # issue 13: Great Expectations checks what is not checked yet; earlier versions
        # checked each run's deliveries as they were loaded
        con.execute(
            "alter table audit.deliveries add column if not exists quality_checked_at timestamp;"
            "update audit.deliveries set quality_checked_at = loaded_at "
            "where quality_checked_at is null;"
        )
    if _has_column(con, "raw", "lapor_complaints", "_source"):
        con.execute("alter table raw.lapor_complaints rename column _source to _channel")


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file with the platform's memory and thread limits."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(
        str(path),
        read_only=read_only,
        config={"memory_limit": DUCKDB_MEMORY_LIMIT, "threads": DUCKDB_THREADS},
    )
    con.execute("set timezone = 'Asia/Jakarta'")
    return con


def open_warehouse(path: Path, *, timeout: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse for writing, creating the raw and audit tables if needed.

    Takes the writer lock first (``warehouse.duckdb.lock``, smartprov.base.lock): a second writer
    waits up to ``timeout`` seconds (SMARTPROV_WAREHOUSE_LOCK_TIMEOUT) and then raises
    :class:`WriterBusyError` naming the holder. The lock goes with the connection (when it is
    garbage-collected, i.e. when the caller lets go of it) or with the process.
    """
    held = lock.acquire(path, timeout)
    try:
        con = connect(path)
    except duckdb.IOException as error:  # a writer that does not take the lock (e.g. dbt)
        lock.release(held)
        if "lock" not in str(error).lower():
            raise
        pid = re.search(r"PID (\d+)", str(error))
        raise WriterBusyError(
            f"{path.name} is open in another process (pid {pid.group(1) if pid else '?'}, "
            "outside the writer lock); try again when it has finished"
        ) from None
    except BaseException:
        lock.release(held)
        raise
    weakref.finalize(con, lock.release, held)
    make_private(path)  # made before the owner-only umask (an older home): tightened here
    # A writer commits once per group of files; at DuckDB's default threshold (16 MB of WAL)
    # most of those commits also checkpoint, rewriting the tables' newest row groups again and
    # again. One checkpoint when the writer closes does that work once: a full ingest of the
    # 3 M-row bench landing took 80.5 s on average instead of 87.6 s (three runs each), with a
    # peak of 1.5 GB instead of 0.9 GB (docs/scaling.md).
    con.execute(f"set checkpoint_threshold = '{WRITER_CHECKPOINT_THRESHOLD}'")
    con.execute(DDL)
    _migrate(con)
    return con

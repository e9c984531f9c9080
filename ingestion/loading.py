"""Load deliveries atomically: stage, check, then in one transaction replace what each delivery
supersedes, insert the good rows with lineage, quarantine the bad rows (audit.quarantine_rows)
or the whole file (audit.quarantine_files and a copy under quarantine/) with file, row and
reason, and record every delivery in the ledger.

Files that share a layout are scanned and written together (up to GROUP_SIZE per transaction):
the per-file work is a few Python checks, not a DuckDB round trip per file. A group is all or
nothing, so a kill leaves no delivery half-loaded; a group whose scan fails is retried file by
file, so one broken file never holds up the others.
"""

from __future__ import annotations

import tempfile
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import duckdb

from ingestion.deliveries import Delivery
from ingestion.ledger import DeliveryResult, insert_values, record_deliveries
from ingestion.quarantine import quarantine_file
from ingestion.readers import FileRejected, Prepared, prepare
from ingestion.reasons import FileReason, RowReason
from ingestion.safety import quote_identifier
from ingestion.scan import SCAN, STAGE, stage_group
from ingestion.spec import SourceSpec

GROUP_SIZE = 400


def _record_json(columns: Sequence[str], personal: Sequence[str]) -> str:
    kept = [c for c in columns if c not in personal]
    if not kept:
        return "null"
    fields = (f"{quote_identifier(c)} := s.{quote_identifier(c)}" for c in kept)
    return "to_json(struct_pack(" + ", ".join(fields) + "))"


def _register_files(
    con: duckdb.DuckDBPyConnection, members: list[tuple[DeliveryResult, str]]
) -> None:
    """Temp table `_files`: which prepared file is which delivery."""
    con.execute(
        """
        create or replace temp table _files (
            _file varchar, relative_path varchar, kode_kabkota varchar, delivery_date date,
            batch_id varchar, file_hash varchar, has_previous boolean
        )
        """
    )
    previous = {
        path
        for (path,) in con.execute(
            "select distinct relative_path from audit.deliveries "
            "where relative_path in (select unnest($paths))",
            {"paths": [r.delivery.relative_path for r, _ in members]},
        ).fetchall()
    }
    insert_values(
        con,
        "_files",
        [
            (
                key,
                r.delivery.relative_path,
                r.delivery.kode_kabkota,
                r.delivery.delivery_date,
                r.batch_id,
                r.delivery.file_hash,
                r.delivery.relative_path in previous,
            )
            for r, key in members
        ],
    )


def write_checked(
    con: duckdb.DuckDBPyConnection,
    spec: SourceSpec,
    columns: list[str],
    loaded_at: datetime,
) -> dict[str, tuple[int, int]]:
    """Insert the rows of `checked` (inside the caller's transaction); returns, per batch id,
    (rows loaded, rows quarantined)."""
    target = ", ".join(spec.target_columns)
    selected = ", ".join(f"c.{column}" for column in spec.target_columns)
    if spec.replace == "file":
        con.execute(
            f"delete from {spec.target_table} where _source_file in "
            "(select relative_path from _files where has_previous)"
        )
    elif spec.replace == "table":
        con.execute(f"delete from {spec.target_table}")
    conflict = " on conflict do nothing" if spec.replace == "append" else ""
    con.execute(
        f"""
        insert into {spec.target_table} ({target}, _row_number, _source_file, _file_hash,
                                         _batch_id, _loaded_at)
        select {selected}, c._row_number, f.relative_path, f.file_hash, f.batch_id, $loaded_at
        from checked as c join _files as f using (_file)
        where c.reason_code is null
        {conflict}
        """,
        {"loaded_at": loaded_at},
    )
    con.execute(
        f"""
        insert into audit.quarantine_rows
        select f.batch_id, $source, f.relative_path, f.kode_kabkota, f.delivery_date,
               c._row_number, c.reason_code,
               'row ' || c._row_number || ' of ' || f.relative_path || ': ' || c.reason,
               {_record_json(columns, spec.personal_columns)}, $loaded_at
        from checked as c
        join {STAGE} as s using (_file, _row_number)
        join _files as f using (_file)
        where c.reason_code is not null
        """,
        {"source": spec.source, "loaded_at": loaded_at},
    )
    counts = con.execute(
        """
        select f.batch_id, count(*) filter (where c.reason_code is null),
               count(*) filter (where c.reason_code is not null)
        from checked as c join _files as f using (_file)
        group by f.batch_id
        """
    ).fetchall()
    return {batch: (good, bad) for batch, good, bad in counts}


def _reject(result: DeliveryResult, rejected: FileRejected) -> None:
    result.file_reason = rejected.reason.value
    result.file_message = f"{result.delivery.relative_path}: {rejected.message}"


def check_staged(
    con: duckdb.DuckDBPyConnection,
    spec: SourceSpec,
    members: list[tuple[DeliveryResult, str]],
    columns: list[str],
    malformed: dict[str, tuple[tuple[int, str], ...]] | None = None,
) -> None:
    """Attach delivery facts to `stage` and evaluate the rules into `checked`; rows whose
    field count differs from the header (``malformed``) are quarantined whatever they hold."""
    _register_files(con, members)
    con.execute(
        f"""
        create or replace temp view {STAGE} as
        select s.*, f.kode_kabkota as _kode_kabkota, f.delivery_date as _delivery_date
        from {SCAN} as s join _files as f using (_file)
        """
    )
    con.execute(f"create or replace temp table checked as {spec.validation_sql(columns)}")
    unread = [
        (RowReason.MALFORMED_ROW.value, f"{why}: the row is not read", key, row)
        for key, rows in (malformed or {}).items()
        for row, why in rows
    ]
    if unread:
        con.executemany(
            "update checked set reason_code = ?, reason = ? where _file = ? and _row_number = ?",
            unread,
        )


def write_group(
    con: duckdb.DuckDBPyConnection,
    spec: SourceSpec,
    members: list[tuple[DeliveryResult, str]],
    columns: list[str],
    quarantine_dir: Path | None,
    loaded_at: datetime,
) -> None:
    """Write a checked group and its ledger rows (inside the caller's transaction)."""
    readable = [(r, key) for r, key in members if not r.file_quarantined]
    if readable:
        counts = write_checked(con, spec, columns, loaded_at)
        for result, _ in readable:
            result.rows_loaded, result.rows_quarantined = counts.get(result.batch_id, (0, 0))
    # rejected rows live in audit.quarantine_rows (file, row, reason, the record without
    # personal data); only a file rejected whole is copied to quarantine/ (quarantine.py)
    for result, _ in members:
        if result.file_quarantined and quarantine_dir is not None:
            quarantine_file(con, result, spec, quarantine_dir, loaded_at)
    record_deliveries(con, [r for r, _ in members], loaded_at)


def _load_group(
    con: duckdb.DuckDBPyConnection,
    spec: SourceSpec,
    members: list[tuple[DeliveryResult, Prepared]],
    quarantine_dir: Path,
) -> None:
    """Scan, check and write one group of same-layout files in one transaction."""
    try:
        staged = stage_group(con, [p for _, p in members], spec.required, spec.columns)
    except FileRejected as rejected:
        if len(members) > 1:  # find the culprit file by file
            for member in members:
                _load_group(con, spec, [member], quarantine_dir)
            return
        _reject(members[0][0], rejected)
        staged = None
    for result, prepared in members:
        if staged is None or result.file_quarantined:
            continue
        result.rows_delivered = staged.rows.get(prepared.key, 0)
        if prepared.key in staged.rejected:
            _reject(result, staged.rejected[prepared.key])
        elif result.rows_delivered == 0:
            _reject(result, FileRejected(FileReason.EMPTY, "header only, no data rows"))
    keyed = [(r, p.key) for r, p in members]
    loaded_at = datetime.now().replace(microsecond=0)
    if staged is not None:
        readable = [(r, k) for r, k in keyed if not r.file_quarantined]
        check_staged(con, spec, readable, staged.columns, staged.malformed)
    con.execute("begin transaction")
    try:
        write_group(con, spec, keyed, staged.columns if staged else [], quarantine_dir, loaded_at)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def prepare_deliveries(
    deliveries: Sequence[Delivery], required: Sequence[str], workdir: Path
) -> list[Prepared | FileRejected]:
    """Each delivery checked and made scannable (readers.prepare), or why it is rejected whole.

    Python only, no DuckDB: a large ingest runs this in a side process a chunk ahead of the
    loads (ingestion.side_process), so preparing the next files overlaps the scans of these."""
    outcomes: list[Prepared | FileRejected] = []
    for delivery in deliveries:
        try:
            if delivery.name_problem:
                raise FileRejected(FileReason.BAD_FILE_NAME, delivery.name_problem)
            outcomes.append(prepare(delivery.path, delivery.file_format, required, workdir))
        except FileRejected as rejected:
            outcomes.append(rejected)
    return outcomes


def load_deliveries(
    con: duckdb.DuckDBPyConnection,
    deliveries: Sequence[Delivery],
    spec: SourceSpec,
    quarantine_dir: Path,
    *,
    group_size: int = GROUP_SIZE,
    staging: Path | None = None,
    prepared: Sequence[Prepared | FileRejected] | None = None,
) -> list[DeliveryResult]:
    """Load deliveries of one kind; returns what happened to each. ``prepared``: what
    prepare_deliveries gave for them (its copies still on disk); without it they are prepared
    here, transcoded copies in a temporary folder under ``staging`` (the folder a locked-down
    connection may read)."""
    if prepared is None:
        with tempfile.TemporaryDirectory(prefix="smartprov-", dir=staging) as workdir:
            outcomes = prepare_deliveries(deliveries, spec.required, Path(workdir))
            return _load_prepared(con, deliveries, outcomes, spec, quarantine_dir, group_size)
    return _load_prepared(con, deliveries, prepared, spec, quarantine_dir, group_size)


def _load_prepared(
    con: duckdb.DuckDBPyConnection,
    deliveries: Sequence[Delivery],
    outcomes: Sequence[Prepared | FileRejected],
    spec: SourceSpec,
    quarantine_dir: Path,
    group_size: int,
) -> list[DeliveryResult]:
    results: list[DeliveryResult] = []
    unreadable: list[tuple[DeliveryResult, str]] = []
    layouts: dict[tuple, list[tuple[DeliveryResult, Prepared]]] = defaultdict(list)
    for delivery, outcome in zip(deliveries, outcomes, strict=True):
        result = DeliveryResult(delivery, batch_id=str(uuid.uuid4()))
        results.append(result)
        if isinstance(outcome, FileRejected):
            _reject(result, outcome)
            unreadable.append((result, ""))
        else:
            layouts[outcome.layout].append((result, outcome))
    for members in layouts.values():
        for start in range(0, len(members), group_size):
            _load_group(con, spec, members[start : start + group_size], quarantine_dir)
    if unreadable:  # files that never reached a scan: quarantined whole, together
        loaded_at = datetime.now().replace(microsecond=0)
        con.execute("begin transaction")
        try:
            write_group(con, spec, unreadable, [], quarantine_dir, loaded_at)
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    return results

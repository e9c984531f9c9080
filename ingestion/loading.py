"""Load one delivery atomically: stage, check, then in one transaction replace what the
delivery supersedes, insert the good rows with lineage, quarantine the bad rows (or the whole
file) with file, row and reason, and record the delivery in the ledger."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

import duckdb

from ingestion.deliveries import Delivery
from ingestion.readers import STAGE, FileRejected, read_delivery
from ingestion.reasons import FileReason
from ingestion.settings import REFERENCE_DIR


@dataclass(frozen=True)
class SourceSpec:
    """What one kind of delivery loads into, and how its rows are checked."""

    source: str
    target_table: str
    required: Sequence[str]
    columns: Sequence[str]
    target_columns: Sequence[str]
    # SQL selecting target_columns + _row_number + reason_code + reason from the stage table
    validation_sql: Callable[[Delivery, list[str]], str]
    # file: the delivery replaces the rows of its previous version (same relative path);
    # table: it replaces the whole table; append: rows are kept by primary key (history)
    replace: Literal["file", "table", "append"]
    personal_columns: Sequence[str] = ()


@dataclass
class DeliveryResult:
    delivery: Delivery
    batch_id: str
    rows_delivered: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    file_reason: str | None = None
    file_message: str | None = None

    @property
    def file_quarantined(self) -> bool:
        return self.file_reason is not None


def prepare_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table of every Central Java village (from the dbt seeds) for code checks."""
    con.execute(
        """
        create or replace temp table ref_villages as
        select
            v.code as kode_wilayah,
            replace(v.code, '.', '') as kode_digits,
            d.regency_code as kode_kabkota
        from read_csv($villages, all_varchar = true) as v
        join read_csv($districts, all_varchar = true) as d on d.code = v.district_code
        """,
        {
            "villages": str(REFERENCE_DIR / "ref_villages.csv"),
            "districts": str(REFERENCE_DIR / "ref_districts.csv"),
        },
    )
    con.execute(
        """
        create or replace temp table ref_regencies as
        select code as kode_kabkota from read_csv($regencies, all_varchar = true)
        """,
        {"regencies": str(REFERENCE_DIR / "ref_regencies.csv")},
    )


def _record_json(columns: Sequence[str], personal: Sequence[str]) -> str:
    kept = [c for c in columns if c not in personal]
    if not kept:
        return "null"
    return "to_json(struct_pack(" + ", ".join(f'"{c}" := s."{c}"' for c in kept) + "))"


def stage_and_check(
    con: duckdb.DuckDBPyConnection, delivery: Delivery, spec: SourceSpec
) -> tuple[list[str], int]:
    """Read the file into `stage` and evaluate the rules into `checked`. Raises FileRejected."""
    if delivery.name_problem:
        raise FileRejected(FileReason.BAD_FILE_NAME, delivery.name_problem)
    columns, rows = read_delivery(con, delivery.path, delivery.file_format, spec.required)
    con.execute(f"create or replace temp table checked as {spec.validation_sql(delivery, columns)}")
    return columns, rows


def _has_previous_version(con: duckdb.DuckDBPyConnection, delivery: Delivery) -> bool:
    """Only a re-delivery has rows to replace (saves scanning the table for new files)."""
    [(found,)] = con.execute(
        "select count(*) from audit.deliveries where relative_path = ?", [delivery.relative_path]
    ).fetchall()
    return found > 0


def write_checked(
    con: duckdb.DuckDBPyConnection,
    delivery: Delivery,
    spec: SourceSpec,
    columns: list[str],
    result: DeliveryResult,
    loaded_at: datetime,
) -> None:
    """Insert the checked rows (inside the caller's transaction)."""
    lineage = [delivery.relative_path, delivery.file_hash, result.batch_id, loaded_at]
    target = ", ".join(spec.target_columns)
    if spec.replace == "file" and _has_previous_version(con, delivery):
        con.execute(
            f"delete from {spec.target_table} where _source_file = ?", [delivery.relative_path]
        )
    elif spec.replace == "table":
        con.execute(f"delete from {spec.target_table}")
    conflict = " on conflict do nothing" if spec.replace == "append" else ""
    con.execute(
        f"""
        insert into {spec.target_table} ({target}, _row_number, _source_file, _file_hash,
                                         _batch_id, _loaded_at)
        select {target}, _row_number, ?, ?, ?, ? from checked where reason_code is null
        {conflict}
        """,
        lineage,
    )
    (result.rows_loaded,) = con.execute(
        "select count(*) from checked where reason_code is null"
    ).fetchone()
    con.execute(
        f"""
        insert into audit.quarantine_rows
        select ?, ?, ?, ?, ?, c._row_number, c.reason_code,
               'row ' || c._row_number || ' of ' || ? || ': ' || c.reason,
               {_record_json(columns, spec.personal_columns)}, ?
        from checked as c join {STAGE} as s using (_row_number)
        where c.reason_code is not null
        """,
        [
            result.batch_id,
            spec.source,
            delivery.relative_path,
            delivery.kode_kabkota,
            delivery.delivery_date,
            delivery.relative_path,
            loaded_at,
        ],
    )
    (bad,) = con.execute("select count(*) from checked where reason_code is not null").fetchone()
    result.rows_quarantined = bad


def record_delivery(
    con: duckdb.DuckDBPyConnection,
    delivery: Delivery,
    spec: SourceSpec,
    result: DeliveryResult,
    loaded_at: datetime,
) -> None:
    con.execute(
        "update audit.deliveries set is_current = false where relative_path = ? and is_current",
        [delivery.relative_path],
    )
    con.execute(
        "insert into audit.deliveries values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?)",
        [
            result.batch_id,
            delivery.source,
            delivery.dataset,
            delivery.relative_path,
            delivery.kode_kabkota,
            delivery.delivery_date,
            delivery.period,
            delivery.file_hash,
            delivery.file_format,
            result.rows_delivered,
            result.rows_loaded,
            result.rows_quarantined,
            result.file_quarantined,
            result.file_message,
            loaded_at,
        ],
    )


def _quarantine_copy(quarantine_dir: Path, delivery: Delivery, batch_id: str) -> Path:
    """Keep the original file beside the quarantine records (idempotent copy)."""
    safe = delivery.relative_path.replace("..", "__")
    target = quarantine_dir / batch_id / safe
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(delivery.path, target)
    return target


def load_delivery(
    con: duckdb.DuckDBPyConnection,
    delivery: Delivery,
    spec: SourceSpec,
    quarantine_dir: Path,
) -> DeliveryResult:
    """Load one delivery file in one transaction; returns what happened to it."""
    result = DeliveryResult(delivery, batch_id=str(uuid.uuid4()))
    loaded_at = datetime.now().replace(microsecond=0)
    columns: list[str] = []
    try:
        columns, result.rows_delivered = stage_and_check(con, delivery, spec)
    except FileRejected as rejected:
        result.file_reason = rejected.reason.value
        result.file_message = f"{delivery.relative_path}: {rejected.message}"
    needs_copy = result.file_quarantined
    con.execute("begin transaction")
    try:
        if result.file_quarantined:
            copy = _quarantine_copy(quarantine_dir, delivery, result.batch_id)
            con.execute(
                "insert into audit.quarantine_files values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    result.batch_id,
                    spec.source,
                    delivery.relative_path,
                    delivery.kode_kabkota,
                    delivery.delivery_date,
                    result.file_reason,
                    result.file_message,
                    str(copy),
                    loaded_at,
                ],
            )
        else:
            write_checked(con, delivery, spec, columns, result, loaded_at)
            if result.rows_quarantined and not needs_copy:
                _quarantine_copy(quarantine_dir, delivery, result.batch_id)
        record_delivery(con, delivery, spec, result, loaded_at)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return result

"""The delivery ledger (``audit.deliveries``): one row per delivery file version or API page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    from ingestion.loading import DeliveryResult


def insert_values(
    con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[object]]
) -> None:
    """Insert many rows with one statement (DuckDB's executemany costs a round trip a row)."""
    if not rows:
        return
    width = len(rows[0])
    placeholders = "(" + ", ".join(["?"] * width) + ")"
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        con.execute(
            f"insert into {table} values " + ", ".join([placeholders] * len(chunk)),
            [value for row in chunk for value in row],
        )


LEDGER_COLUMNS = (
    "batch_id",
    "source",
    "channel",
    "dataset",
    "relative_path",
    "kode_kabkota",
    "delivery_date",
    "period",
    "file_hash",
    "file_format",
    "rows_delivered",
    "rows_loaded",
    "rows_quarantined",
    "file_quarantined",
    "file_reason",
    "is_current",
    "loaded_at",
)


def record_deliveries(
    con: duckdb.DuckDBPyConnection, results: Sequence[DeliveryResult], loaded_at: datetime
) -> None:
    """Ledger rows for these deliveries; earlier versions of the same files stop being current."""
    con.execute(
        "update audit.deliveries set is_current = false "
        "where is_current and relative_path in (select unnest($paths))",
        {"paths": [r.delivery.relative_path for r in results]},
    )
    insert_values(
        con,
        f"audit.deliveries ({', '.join(LEDGER_COLUMNS)})",
        [
            (
                r.batch_id,
                r.delivery.source,
                r.delivery.channel,
                r.delivery.dataset,
                r.delivery.relative_path,
                r.delivery.kode_kabkota,
                r.delivery.delivery_date,
                r.delivery.period,
                r.delivery.file_hash,
                r.delivery.file_format,
                r.rows_delivered,
                r.rows_loaded,
                r.rows_quarantined,
                r.file_quarantined,
                r.file_message,
                True,
                loaded_at,
            )
            for r in results
        ],
    )

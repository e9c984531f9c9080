"""Delivery status per regency/city, as the last dbt build computed it.

The status itself is defined once, in the dbt model ``mart_delivery_status_kabkota``; this
module only reads it (and the LAPOR counters) from the warehouse. Before the first build there
is no status to read: every regency/city is reported with nothing delivered and ``built`` is
false (``smartprov transform`` builds it).
"""

from __future__ import annotations

from typing import Any

from ingestion.warehouse import open_warehouse
from smartprov.base.reference import regencies
from smartprov.base.settings import Paths

MART = "marts.mart_delivery_status_kabkota"

# the columns read by `smartprov status` and by monitoring, in this order
COLUMNS = (
    "kode_kabkota",
    "last_delivery_date",
    "last_usable_delivery_date",
    "last_delivery_reason",
    "transactions",
    "rows_quarantined",
    "files_quarantined",
    "delivery_status",
    "as_of_date",
)


def read_delivery_status(con) -> dict[str, dict[str, Any]] | None:
    """The mart's rows by regency code, or None when it was never built."""
    import duckdb

    try:
        rows = con.execute(f"select {', '.join(COLUMNS)} from {MART}").fetchall()
    except duckdb.CatalogException:
        return None
    return {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows}


def regency_status(paths: Paths) -> dict[str, Any]:
    """Status of every regency/city and of LAPOR, as plain data."""
    con = open_warehouse(paths.warehouse)
    try:
        found = read_delivery_status(con)
        (complaints,) = con.execute(
            "select count(distinct tracking_id) from raw.lapor_complaints"
        ).fetchone()
        cursor = con.execute(
            "select cursor_updated_at from audit.lapor_cursor where source = 'lapor'"
        ).fetchone()
    finally:
        con.close()
    rows = []
    data_date = None
    for regency in regencies():
        row = (found or {}).get(regency.kode_kabkota)
        data_date = data_date or (row and row["as_of_date"])
        last = row["last_delivery_date"] if row else None
        rows.append(
            {
                "kode_kabkota": regency.kode_kabkota,
                "nama_kabkota": regency.nama,
                "last_delivery": last.isoformat() if last else None,
                "transactions": row["transactions"] if row else 0,
                "rows_quarantined": row["rows_quarantined"] if row else 0,
                "files_quarantined": row["files_quarantined"] if row else 0,
                "missing_data_date": not row or row["delivery_status"] != "current",
            }
        )
    return {
        "built": found is not None,
        "data_date": data_date.isoformat() if data_date else None,
        "regencies": rows,
        "lapor": {
            "complaints": complaints,
            "cursor": cursor[0].isoformat() if cursor else None,
        },
    }

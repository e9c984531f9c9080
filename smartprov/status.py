"""Delivery status per regency/city, read from the warehouse ledger."""

from __future__ import annotations

from typing import Any

from smartprov.reference import regencies
from smartprov.settings import Paths
from smartprov.warehouse import open_warehouse

_PER_REGENCY = """
with current_deliveries as (
    select * from audit.deliveries where is_current and source = 'service_logs'
),
quarantined_rows as (
    select q.kode_kabkota, count(*) as rows_quarantined
    from audit.quarantine_rows as q
    join current_deliveries as d on d.batch_id = q.batch_id
    group by q.kode_kabkota
),
per_regency as (
    select
        kode_kabkota,
        max(delivery_date) as last_delivery,
        count(*) filter (where file_quarantined) as files_quarantined
    from current_deliveries
    group by kode_kabkota
),
transactions as (
    select kode_kabkota, count(distinct id_transaksi) as transactions
    from raw.service_logs
    group by kode_kabkota
)
select
    p.kode_kabkota,
    p.last_delivery,
    coalesce(t.transactions, 0) as transactions,
    coalesce(q.rows_quarantined, 0) as rows_quarantined,
    p.files_quarantined,
    exists (
        select 1 from current_deliveries as d
        where d.kode_kabkota = p.kode_kabkota
          and d.delivery_date = (select max(delivery_date) from current_deliveries)
    ) as delivered_data_date
from per_regency as p
left join transactions as t using (kode_kabkota)
left join quarantined_rows as q using (kode_kabkota)
"""


def regency_status(paths: Paths) -> dict[str, Any]:
    """Status of every regency/city and of LAPOR, as plain data."""
    con = open_warehouse(paths.warehouse)
    try:
        found = {row[0]: row for row in con.execute(_PER_REGENCY).fetchall()}
        (data_date,) = con.execute(
            "select max(delivery_date) from audit.deliveries "
            "where is_current and source = 'service_logs'"
        ).fetchone()
        (complaints,) = con.execute(
            "select count(distinct tracking_id) from raw.lapor_complaints"
        ).fetchone()
        cursor = con.execute(
            "select cursor_updated_at from audit.lapor_cursor where source = 'lapor'"
        ).fetchone()
    finally:
        con.close()
    rows = []
    for regency in regencies():
        row = found.get(regency.kode_kabkota)
        rows.append(
            {
                "kode_kabkota": regency.kode_kabkota,
                "nama_kabkota": regency.nama,
                "last_delivery": row[1].isoformat() if row and row[1] else None,
                "transactions": row[2] if row else 0,
                "rows_quarantined": row[3] if row else 0,
                "files_quarantined": row[4] if row else 0,
                "missing_data_date": not (row and row[5]),
            }
        )
    return {
        "data_date": data_date.isoformat() if data_date else None,
        "regencies": rows,
        "lapor": {
            "complaints": complaints,
            "cursor": cursor[0].isoformat() if cursor else None,
        },
    }

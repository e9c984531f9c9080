"""The DPRD marts of the sample serving database (dbt/models/marts/dprd/), derived here from the
sample's rollout, LAPOR and delivery tables the way the dbt models derive them, and the outlines
from the boundary seed generator (smartprov.base.boundaries)."""

from __future__ import annotations

import duckdb

from smartprov.base.boundaries import seed_rows

MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"

MAP_SQL = """
create table marts.mart_map_kabkota as
select o.kode_kabkota, l.nama_kabkota, o.bagian, o.polygon, o.label_lat, o.label_lon,
    r.target_villages::bigint as target_villages, r.live_villages::bigint as live_villages,
    r.live_villages::double / nullif(r.target_villages, 0) as live_share,
    r.label as tte_keterangan,
    12::bigint as follow_up_measured,
    round(12 * l.followed_up_on_time_rate)::bigint as followed_up_on_time,
    round(12 * l.followed_up_on_time_rate) / 12 as followed_up_on_time_rate,
    l.nama_kabkota || ': ' || round(12 * l.followed_up_on_time_rate)::bigint
        || ' dari 12 laporan ditindaklanjuti tepat waktu' as lapor_keterangan,
    l.as_of_date
from outlines as o
join marts.mart_lapor_sla_kabkota as l using (kode_kabkota)
left join marts.mart_rollout_kabkota_dashboard as r
    on r.kode_kabkota = o.kode_kabkota and r.program = 'TTE_KELURAHAN'
"""

HEADER_SQL = """
create table marts.mart_dashboard_header as
select kode_kabkota, nama_kabkota, as_of_date,
    'Data per ' || day(as_of_date) || ' ' || ($months)[month(as_of_date)] || ' '
        || year(as_of_date) as data_per,
    delivery_status, last_delivery_date, delivery_status <> 'current' as is_behind,
    nama_kabkota || ': data terakhir ' || day(last_delivery_date) || ' '
        || ($months)[month(last_delivery_date)] || ' ' || year(last_delivery_date) as keterangan
from marts.mart_delivery_status_kabkota
"""


def add_dprd_marts(con: duckdb.DuckDBPyConnection) -> None:
    import pandas as pd

    outlines = pd.DataFrame(seed_rows())  # noqa: F841 - read by DuckDB below
    con.execute(
        "create temp table outlines as select kode_kabkota, bagian::integer as bagian, polygon,"
        " label_lat::double as label_lat, label_lon::double as label_lon from outlines"
    )
    con.execute(MAP_SQL)
    con.execute(HEADER_SQL, {"months": MONTHS.split()})

"""A small, deterministic serving.duckdb with the serving-v1 tables, for the dashboard tests.

Every regency/city of the reference geography is present; Kota Tegal (33.76) has its 27
kelurahan targeted and 19 live. When the pipeline can build a serving database in test time,
this can be swapped for its output.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from smartprov.reference import district_names, regencies, villages_by_regency

AS_OF = dt.date(2026, 10, 31)
PROGRAM = "TTE_KELURAHAN"
INDICATORS = (
    ("governance", "lapor_tindak_lanjut"),
    ("economy", "pdrb_per_kapita"),
    ("economy", "persen_penduduk_miskin"),
    ("economy", "tpt_persen"),
    ("environment", "hari_ispu_baik"),
    ("environment", "pm25_rata2"),
    ("tourism", "wisnus_perjalanan"),
    ("tourism", "okupansi_hotel_persen"),
)
KOTA_TEGAL = "33.76"


def build(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    dim, rollout_village, rollout_kab, lapor, scorecard = [], [], [], [], []
    districts = district_names()
    for i, regency in enumerate(regencies()):
        villages = villages_by_regency()[regency.kode_kabkota]
        if regency.kode_kabkota == KOTA_TEGAL:
            n_target, n_live = 27, 19
        else:
            n_target = max(4, len(villages) * (30 + (i * 7) % 60) // 100)
            n_live = n_target * (25 + (i * 13) % 70) // 100
        n_active = n_live * 3 // 4
        for j, v in enumerate(villages):
            dim.append(
                (
                    v.kode_wilayah,
                    v.nama,
                    v.jenis,
                    v.kode_kecamatan,
                    districts[v.kode_kecamatan],
                    v.kode_kabkota,
                    regency.nama,
                )
            )
            is_target, is_live, active = j < n_target, j < n_live, j < n_active
            live_date = AS_OF - dt.timedelta(days=20 + (j * 37 + i * 11) % 400) if is_live else None
            letters = (5 + (j % 9)) if is_live else 0
            tte = letters if active else 0
            rollout_village.append(
                (
                    v.kode_wilayah,
                    v.kode_kabkota,
                    regency.nama,
                    PROGRAM,
                    is_target,
                    live_date,
                    is_live,
                    active,
                    live_date if active else None,
                    letters,
                    tte,
                    AS_OF,
                )
            )
        rollout_kab.append(
            (
                regency.kode_kabkota,
                regency.nama,
                PROGRAM,
                n_target,
                n_live,
                n_active,
                n_active,
                AS_OF,
            )
        )
        lapor.append(_lapor_counts(i, regency.kode_kabkota, regency.nama))
        for year in (2024, 2025):
            for k, (dimension, code) in enumerate(INDICATORS):
                value = round(10 + ((i + 1) * (k + 3) * (year - 2020)) % 97 + k * 0.25, 2)
                scorecard.append((regency.kode_kabkota, year, dimension, code, value, 0, 0.0))
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema marts")
        con.execute(
            "create table marts.dim_wilayah (kode_wilayah varchar, nama_wilayah varchar,"
            " jenis varchar, kode_kecamatan varchar, nama_kecamatan varchar,"
            " kode_kabkota varchar, nama_kabkota varchar)"
        )
        _insert(con, "marts.dim_wilayah", dim)
        con.execute(
            "create table marts.mart_rollout_village (kode_wilayah varchar, kode_kabkota varchar,"
            " nama_kabkota varchar, program varchar, is_target boolean, tanggal_live date,"
            " is_live boolean,"
            " is_active_30d boolean, first_tte_date date, letters_30d integer,"
            " tte_letters_30d integer, as_of_date date)"
        )
        _insert(con, "marts.mart_rollout_village", rollout_village)
        con.execute(
            "create table marts.mart_rollout_kabkota (kode_kabkota varchar, nama_kabkota varchar,"
            " program varchar, target_villages integer, live_villages integer,"
            " active_villages_30d integer, live_active_villages_30d integer, as_of_date date)"
        )
        _insert(con, "marts.mart_rollout_kabkota", rollout_kab)
        con.execute(
            "create table marts.mart_lapor_sla_kabkota (kode_kabkota varchar,"
            " nama_kabkota varchar, complaints bigint, complaints_12m bigint,"
            " complaints_not_archived bigint, complaints_selesai bigint, complaints_open bigint,"
            " verification_measured bigint, verified_on_time bigint, follow_up_measured bigint,"
            " followed_up_on_time bigint, jumlah_penduduk bigint, as_of_date date)"
        )
        _insert(con, "marts.mart_lapor_sla_kabkota", lapor)
        con.execute(
            "alter table marts.mart_lapor_sla_kabkota add column verified_on_time_rate double;"
            " alter table marts.mart_lapor_sla_kabkota add column followed_up_on_time_rate double;"
            " alter table marts.mart_lapor_sla_kabkota add column completion_rate double;"
            " alter table marts.mart_lapor_sla_kabkota add column complaints_per_100k double;"
            " update marts.mart_lapor_sla_kabkota set"
            " verified_on_time_rate = verified_on_time / verification_measured,"
            " followed_up_on_time_rate = followed_up_on_time / follow_up_measured,"
            " completion_rate = complaints_selesai / complaints_not_archived,"
            " complaints_per_100k = complaints_12m * 100000 / jumlah_penduduk"
        )
        con.execute(
            "create table marts.mart_scorecard_kabkota (kode_kabkota varchar, tahun integer,"
            " dimension varchar, indicator_code varchar, value double, rank integer,"
            " score double)"
        )
        _insert(con, "marts.mart_scorecard_kabkota", scorecard)
        con.execute(
            "create or replace table marts.mart_scorecard_kabkota as select kode_kabkota, tahun,"
            " dimension, indicator_code, value,"
            " rank() over (partition by tahun, indicator_code order by value desc) as rank,"
            " round(100.0 * (value - min(value) over w) / nullif(max(value) over w"
            " - min(value) over w, 0), 1) as score"
            " from marts.mart_scorecard_kabkota"
            " window w as (partition by tahun, indicator_code)"
        )
        for statement in DERIVED:
            con.execute(statement)
        _conform_to_contract(con)
    finally:
        con.close()
    return path


# The further marts, derived in SQL from the tables above (deterministic arithmetic, no random).
DERIVED = (
    """
    create table marts.mart_rollout_inactive_villages as
    select rv.kode_wilayah, w.nama_wilayah, w.jenis, w.nama_kecamatan, rv.kode_kabkota,
        rv.nama_kabkota, rv.program, rv.tanggal_live,
        date_diff('day', rv.tanggal_live, rv.as_of_date) as days_since_live,
        cast(null as date) as last_activity_date, rv.letters_30d, rv.tte_letters_30d,
        cast(substr(rv.kode_kabkota, 4, 2) as integer) % 7 <> 3 as is_regency_delivering_30d,
        case when cast(substr(rv.kode_kabkota, 4, 2) as integer) % 7 = 3
            then 'kab/kota belum mengirim data' else 'tidak aktif' end as keterangan,
        rv.as_of_date
    from marts.mart_rollout_village as rv
    join marts.dim_wilayah as w using (kode_wilayah)
    where rv.is_live and not rv.is_active_30d
    """,
    """
    create table marts.mart_adoption_monthly as
    with k as (
        select kode_kabkota, nama_kabkota, cast(substr(kode_kabkota, 4, 2) as integer) as i
        from marts.mart_rollout_kabkota
    ),
    l as (
        select * from (values
            ('SKTM', 'Surat Keterangan Tidak Mampu', 1),
            ('PENGANTAR_SKCK', 'Surat Pengantar SKCK', 2),
            ('DOMISILI_USAHA', 'Surat Keterangan Domisili Usaha', 3)
        ) as t (jenis_layanan, nama_layanan, j)
    ),
    m as (
        select cast(bulan as date) as bulan, row_number() over (order by bulan) as n
        from generate_series(date '2026-08-01', date '2026-10-01', interval 1 month)
            as g (bulan)
    ),
    c as (select * from (values ('web', 1), ('loket', 2)) as t (kanal, h)),
    base as (
        select k.kode_kabkota, k.nama_kabkota, m.bulan, l.jenis_layanan, l.nama_layanan,
            c.kanal, 20 + (k.i * 7 + l.j * 5 + m.n * 3 + c.h) % 40 as requests,
            k.i, l.j, m.n, c.h
        from k cross join l cross join m cross join c
    )
    select kode_kabkota, nama_kabkota, bulan, jenis_layanan, nama_layanan, kanal, requests,
        requests * 8 // 10 as letters_issued,
        (requests * 8 // 10) * (30 + (i * 3 + n * 11 + j) % 60) // 100 as tte_letters_issued,
        requests // 10 as requests_rejected,
        (i + j + n) % 3 as requests_failed,
        requests - requests * 8 // 10 - requests // 10 - (i + j + n) % 3
            as requests_in_progress,
        4.0 + (i * 13 + j * 7 + n) % 40 as processing_hours_median,
        12.0 + (i * 13 + j * 7 + n) % 60 as processing_hours_p90
    from base
    """,
    """
    create table marts.mart_adoption_kabkota_monthly as
    select kode_kabkota, any_value(nama_kabkota) as nama_kabkota, bulan,
        sum(requests) as requests, sum(letters_issued) as letters_issued,
        sum(tte_letters_issued) as tte_letters_issued,
        sum(requests_rejected) as requests_rejected, sum(requests_failed) as requests_failed,
        sum(requests_in_progress) as requests_in_progress,
        median(processing_hours_median) as processing_hours_median,
        max(processing_hours_p90) as processing_hours_p90,
        date '2026-10-31' as as_of_date
    from marts.mart_adoption_monthly
    group by kode_kabkota, bulan
    """,
    """
    create table marts.mart_delivery_status_kabkota as
    select kode_kabkota, nama_kabkota,
        date '2026-10-31' - cast(i % 7 = 3 as integer) * 3 as last_delivery_date,
        cast(i % 7 = 3 as integer) * 3 as days_behind,
        30 - cast(i % 7 = 3 as integer) * 3 as days_delivered_30d,
        i % 2 as files_quarantined,
        case when i % 7 = 3 then 'stale' else 'current' end as delivery_status,
        date '2026-10-31' as as_of_date
    from (select *, cast(substr(kode_kabkota, 4, 2) as integer) as i
          from marts.mart_lapor_sla_kabkota)
    """,
    """
    create table marts.fct_lapor_complaints as
    with k as (
        select kode_kabkota, nama_kabkota, cast(substr(kode_kabkota, 4, 2) as integer) as i
        from marts.mart_lapor_sla_kabkota
    ),
    n as (select range as n from range(12))
    select 'LAPOR-' || replace(k.kode_kabkota, '.', '') || '-' || n.n as tracking_id,
        k.kode_kabkota, k.nama_kabkota,
        case n.n % 3 when 0 then 'Dinas Kesehatan ' || k.nama_kabkota
            when 1 then 'Dinas PUPR ' || k.nama_kabkota
            else 'Dinas Kependudukan dan Pencatatan Sipil Provinsi Jawa Tengah'
        end as instansi_tujuan,
        ['perizinan', 'pariwisata', 'infrastruktur', 'lingkungan_hidup',
         'kesehatan', 'pendidikan'][1 + (k.i + n.n) % 6] as kategori,
        case when (k.i + n.n) % 4 = 0 then 'ditindaklanjuti' else 'selesai' end as status,
        (k.i + n.n) % 4 = 0 as is_open,
        timestamp '2026-05-01 08:00:00' + to_days((k.i * 5 + n.n * 13) % 180) as tanggal_lapor,
        true as is_verification_measured,
        (k.i + n.n) % 5 <> 0 as is_verified_on_time,
        true as is_follow_up_measured,
        (k.i * 2 + n.n) % 3 <> 0 as is_followed_up_on_time,
        date '2026-10-31' as as_of_date
    from k cross join n
    """,
    """
    create table marts.mart_lapor_sla_kabkota_monthly as
    with m as (
        select * from (values (date '2026-08-01', 0), (date '2026-09-01', 1),
            (date '2026-10-01', 2)) as t (bulan, k)
    )
    select s.kode_kabkota, s.nama_kabkota, m.bulan,
        {split}
        case m.k when 2 then s.complaints_selesai // 10 else 0 end as complaints_auto_closed,
        s.as_of_date
    from marts.mart_lapor_sla_kabkota as s cross join m
    """.replace(
        "{split}",
        "".join(
            f"case m.k when 2 then s.{c} - 2 * (s.{c} // 3) else s.{c} // 3 end as {c}, "
            for c in (
                "complaints",
                "complaints_not_archived",
                "complaints_selesai",
                "complaints_open",
                "verification_measured",
                "verified_on_time",
                "follow_up_measured",
                "followed_up_on_time",
            )
        ),
    ),
    """
    create table marts.mart_lapor_kategori_kabkota as
    select kode_kabkota, nama_kabkota, kategori, count(*) as complaints,
        count(*) as complaints_12m, count(*) filter (where is_open) as complaints_open,
        date '2026-10-31' as as_of_date
    from marts.fct_lapor_complaints
    group by all
    """,
    """
    create table marts.mart_lapor_backlog_kabkota as
    select s.kode_kabkota, s.nama_kabkota, b.bucket_order, b.age_bucket,
        (cast(substr(s.kode_kabkota, 4, 2) as integer) + b.bucket_order) % 4 as open_complaints,
        date '2026-10-31' as as_of_date
    from marts.mart_lapor_sla_kabkota as s
    cross join (values (1, '0-3 hari kerja'), (2, '4-5 hari kerja'), (3, '6-10 hari kerja'),
        (4, '11-20 hari kerja'), (5, '>20 hari kerja')) as b (bucket_order, age_bucket)
    """,
    """
    create table marts.mart_scorecard_dimension_kabkota as
    with d as (
        select kode_kabkota, tahun, dimension, avg(score) as score
        from marts.mart_scorecard_kabkota group by all
        union all
        select kode_kabkota, tahun, 'overall', avg(score)
        from marts.mart_scorecard_kabkota group by all
    ),
    -- both sample years are complete (before the data date's year): all ranked
    r as (
        select d.*, w.nama_kabkota,
            rank() over (partition by tahun, dimension order by score desc) as rank
        from d join (select distinct kode_kabkota, nama_kabkota from marts.dim_wilayah) as w
            using (kode_kabkota)
    )
    select kode_kabkota, nama_kabkota, tahun, dimension, 'lengkap' as period_status, score,
        rank, cast(null as varchar) as unranked_reason,
        score - lag(score) over p as score_change, lag(rank) over p - rank as rank_change
    from r
    window p as (partition by kode_kabkota, dimension order by tahun)
    """,
    """
    create table marts.mart_economy_kabkota as
    select s.kode_kabkota, s.nama_kabkota, y.tahun,
        25.0 + (i * 17 + y.tahun) % 90 as grdp_per_capita_juta,
        0.03 + ((i * 7 + y.tahun) % 30) / 1000.0 as grdp_real_growth,
        0.05 + ((i * 11) % 120) / 1000.0 as poverty_rate,
        0.03 + ((i * 5) % 60) / 1000.0 as unemployment_rate
    from (select *, cast(substr(kode_kabkota, 4, 2) as integer) as i
          from marts.mart_lapor_sla_kabkota) as s
    cross join (values (2024), (2025)) as y (tahun)
    """,
    """
    create table marts.mart_environment_kabkota as
    select s.kode_kabkota, s.nama_kabkota, y.tahun,
        0.6 + ((i * 13 + y.tahun) % 39) / 100.0 as ispu_good_moderate_share,
        12.0 + (i * 3 + y.tahun) % 30 as pm25_annual_mean,
        1 + i % 3 as stations
    from (select *, cast(substr(kode_kabkota, 4, 2) as integer) as i
          from marts.mart_lapor_sla_kabkota) as s
    cross join (values (2024), (2025)) as y (tahun)
    """,
    """
    create table marts.mart_tourism_kabkota as
    select s.kode_kabkota, s.nama_kabkota, y.tahun,
        cast(100000 + (i * 7919 + y.tahun * 13) % 900000 as bigint) as domestic_trips,
        cast((i * 131 + y.tahun) % 5000 as bigint) as foreign_visits,
        0.3 + ((i * 9 + y.tahun) % 40) / 100.0 as hotel_occupancy_rate
    from (select *, cast(substr(kode_kabkota, 4, 2) as integer) as i
          from marts.mart_lapor_sla_kabkota) as s
    cross join (values (2024), (2025)) as y (tahun)
    """,
    # the marts shaped for one dashboard (dbt/models/marts/*/*_dashboard.sql), same SQL here
    """
    create table marts.mart_rollout_kabkota_dashboard as
    with target_jenis as (
        select rv.kode_kabkota, rv.program,
            count(*) filter (where w.jenis = 'kelurahan') as n_kelurahan,
            count(*) filter (where w.jenis = 'desa') as n_desa
        from marts.mart_rollout_village as rv
        join marts.dim_wilayah as w using (kode_wilayah)
        where rv.is_target
        group by all
    )
    select r.kode_kabkota, r.nama_kabkota, r.program, r.target_villages, r.live_villages,
        r.active_villages_30d, r.live_active_villages_30d, r.as_of_date,
        r.nama_kabkota || ': ' || r.live_villages || ' dari ' || r.target_villages || ' '
        || case when coalesce(j.n_desa, 0) = 0 then 'kelurahan'
            when coalesce(j.n_kelurahan, 0) = 0 then 'desa' else 'desa/kelurahan' end as label
    from marts.mart_rollout_kabkota as r
    left join target_jenis as j using (kode_kabkota, program)
    """,
    """
    create table marts.mart_scorecard_dimension_dashboard as
    select kode_kabkota, nama_kabkota, tahun, dimension,
        case dimension when 'overall' then 'Keseluruhan' when 'governance' then 'Tata kelola'
            when 'economy' then 'Ekonomi' when 'environment' then 'Lingkungan'
            when 'tourism' then 'Pariwisata' else dimension end as dimensi,
        period_status, 'tahun lengkap' as status_periode,
        coalesce(unranked_reason, 'diperingkat') as keterangan,
        score, rank, rank_change,
        coalesce(tahun = max(tahun) filter (where score is not null)
            over (partition by dimension), false) as is_latest_year
    from marts.mart_scorecard_dimension_kabkota
    """,
    *(
        f"""
    create table marts.{table}_dashboard as
    select *, coalesce(tahun = max(tahun) filter (where {column} is not null) over (), false)
        as is_latest_year
    from marts.{table}
    """
        for table, column in (
            ("mart_economy_kabkota", "grdp_per_capita_juta"),
            ("mart_environment_kabkota", "pm25_annual_mean"),
            ("mart_tourism_kabkota", "domestic_trips"),
        )
    ),
)


def _lapor_counts(i: int, kode: str, nama: str) -> tuple:
    """Complaint counts of one regency (rates derive from them, as in the marts)."""
    complaints = 40 + (i * 29) % 300
    measured = complaints - complaints // 10
    follow_up = complaints - complaints // 5
    not_archived = complaints - complaints // 20
    selesai = int(not_archived * (0.4 + (i % 11) / 20))
    return (
        kode,
        nama,
        complaints,
        complaints,
        not_archived,
        selesai,
        not_archived - selesai,
        measured,
        int(measured * (0.55 + (i % 9) / 20)),
        follow_up,
        int(follow_up * (0.5 + (i % 7) / 16)),
        800_000 + i * 23_000,
        AS_OF,
    )


def _conform_to_contract(con: duckdb.DuckDBPyConnection) -> None:
    """Add the serving-v1 contract columns this sample does not compute, as typed NULLs, so
    that every column the dbt contracts promise (and the datasets expose) exists here too."""
    from smartprov.serving_contract import serving_tables

    for table, columns in serving_tables("v1").items():
        have = {r[0] for r in con.execute(f"describe marts.{table}").fetchall()}
        for column in columns:
            if column.name not in have:
                con.execute(
                    f"alter table marts.{table} add column {column.name} {column.data_type}"
                )


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """Bulk insert through a DataFrame (executemany is slow for 8,563 rows)."""
    import pandas as pd

    names = [r[0] for r in con.execute(f"describe {table}").fetchall()]
    frame = pd.DataFrame(rows, columns=names)  # noqa: F841 - read by DuckDB below
    con.execute(f"insert into {table} select * from frame")


if __name__ == "__main__":
    import sys

    print(build(Path(sys.argv[1] if len(sys.argv) > 1 else "data/serving.duckdb")))

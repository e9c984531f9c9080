"""Datasets: the serving marts (contract serving-v1) and a few virtual datasets over them.

Physical datasets carry the contract's table names, so analysts find in Superset what they find
in SQL. Virtual datasets only join names and labels onto a mart; they never re-derive a figure
that a mart already holds.
"""

from __future__ import annotations

from ingestion.dashboards.spec import Column, Dataset, Metric

KABKOTA = (
    Column("kode_kabkota", "VARCHAR", "Kode kab/kota"),
    Column("nama_kabkota", "VARCHAR", "Kabupaten/Kota"),
)
AS_OF = Column("as_of_date", "DATE", "Tanggal data")

DIM_WILAYAH = Dataset(
    "dim_wilayah",
    (
        Column("kode_wilayah", "VARCHAR", "Kode desa/kelurahan"),
        Column("nama_wilayah", "VARCHAR", "Desa/Kelurahan"),
        Column("jenis", "VARCHAR", "Jenis (desa/kelurahan)"),
        Column("kode_kecamatan", "VARCHAR", "Kode kecamatan"),
        Column("nama_kecamatan", "VARCHAR", "Kecamatan"),
        *KABKOTA,
    ),
    (Metric("jumlah_wilayah", "COUNT(*)", "Jumlah desa/kelurahan", ",d"),),
    description="Seluruh 8.563 desa dan kelurahan di Jawa Tengah (Kemendagri).",
)

MART_ROLLOUT_VILLAGE = Dataset(
    "mart_rollout_village",
    (
        Column("kode_wilayah", "VARCHAR", "Kode desa/kelurahan"),
        Column("kode_kabkota", "VARCHAR", "Kode kab/kota"),
        Column("program", "VARCHAR", "Program"),
        Column("is_target", "BOOLEAN", "Ditargetkan"),
        Column("tanggal_live", "DATE", "Tanggal live"),
        Column("is_live", "BOOLEAN", "Sudah live"),
        Column("is_active_30d", "BOOLEAN", "Aktif 30 hari"),
        Column("first_tte_date", "DATE", "TTE pertama"),
        Column("letters_30d", "INTEGER", "Surat selesai 30 hari"),
        Column("tte_letters_30d", "INTEGER", "Surat ber-TTE 30 hari"),
        AS_OF,
    ),
    (
        Metric(
            "desa_live",
            "COUNT(*) FILTER (WHERE is_live)",
            "Desa/kelurahan live",
            ",d",
        ),
        Metric(
            "desa_target",
            "COUNT(*) FILTER (WHERE is_target)",
            "Desa/kelurahan ditargetkan",
            ",d",
        ),
        Metric(
            "pangsa_tte_30d",
            "SUM(tte_letters_30d) * 1.0 / NULLIF(SUM(letters_30d), 0)",
            "Pangsa surat ber-TTE (30 hari)",
            ".1%",
        ),
    ),
    description="Desa/kelurahan × program: target, tanggal live, aktivitas TTE 30 hari.",
    main_dttm_col="tanggal_live",
)

_ROLLOUT_KABKOTA_COLUMNS = (
    *KABKOTA,
    Column("program", "VARCHAR", "Program"),
    Column("target_villages", "INTEGER", "Ditargetkan"),
    Column("live_villages", "INTEGER", "Sudah live"),
    Column("active_villages_30d", "INTEGER", "Aktif 30 hari"),
    AS_OF,
)
_ROLLOUT_METRICS = (
    Metric("target", "SUM(target_villages)", "Ditargetkan", ",d"),
    Metric("live", "SUM(live_villages)", "Sudah live", ",d"),
    Metric("aktif_30d", "SUM(active_villages_30d)", "Aktif 30 hari", ",d"),
    Metric(
        "pangsa_live",
        "SUM(live_villages) * 1.0 / NULLIF(SUM(target_villages), 0)",
        "Persentase live dari target",
        ".1%",
    ),
    Metric(
        "pangsa_aktif",
        "SUM(active_villages_30d) * 1.0 / NULLIF(SUM(live_villages), 0)",
        "Persentase aktif (dari yang live)",
        ".1%",
    ),
)

MART_ROLLOUT_KABKOTA = Dataset(
    "mart_rollout_kabkota",
    _ROLLOUT_KABKOTA_COLUMNS,
    _ROLLOUT_METRICS,
    description="Kabupaten/kota × program (35): target, live, aktif 30 hari.",
)

ROLLOUT_KABKOTA_LABEL = Dataset(
    "rollout_kabkota_berlabel",
    (
        *_ROLLOUT_KABKOTA_COLUMNS,
        Column("label", "VARCHAR", "Kabupaten/Kota (live dari target)"),
    ),
    _ROLLOUT_METRICS,
    sql="""\
with target_jenis as (
    select
        rv.kode_kabkota,
        rv.program,
        count(*) filter (where w.jenis = 'kelurahan') as n_kelurahan,
        count(*) filter (where w.jenis = 'desa') as n_desa
    from marts.mart_rollout_village as rv
    inner join marts.dim_wilayah as w on w.kode_wilayah = rv.kode_wilayah
    where rv.is_target
    group by rv.kode_kabkota, rv.program
)

select
    r.kode_kabkota,
    r.nama_kabkota,
    r.program,
    r.target_villages,
    r.live_villages,
    r.active_villages_30d,
    r.as_of_date,
    r.nama_kabkota || ': ' || r.live_villages || ' dari ' || r.target_villages || ' '
    || case
        when coalesce(j.n_desa, 0) = 0 then 'kelurahan'
        when coalesce(j.n_kelurahan, 0) = 0 then 'desa'
        else 'desa/kelurahan'
    end as label
from marts.mart_rollout_kabkota as r
left join target_jenis as j
    on j.kode_kabkota = r.kode_kabkota and j.program = r.program
""",
    description="mart_rollout_kabkota dengan label '19 dari 27 kelurahan' per kab/kota.",
)

MART_LAPOR_SLA_KABKOTA = Dataset(
    "mart_lapor_sla_kabkota",
    (
        *KABKOTA,
        Column("complaints", "INTEGER", "Jumlah pengaduan"),
        Column("verified_on_time_rate", "DOUBLE", "Verifikasi tepat waktu"),
        Column("followed_up_on_time_rate", "DOUBLE", "Tindak lanjut tepat waktu"),
        Column("completion_rate", "DOUBLE", "Tingkat penyelesaian"),
        Column("complaints_per_100k", "DOUBLE", "Pengaduan per 100.000 penduduk"),
        AS_OF,
    ),
    (
        Metric("pengaduan", "SUM(complaints)", "Jumlah pengaduan", ",d"),
        Metric(
            "verifikasi_tepat_waktu",
            "SUM(verified_on_time_rate * complaints) / NULLIF(SUM(complaints), 0)",
            "Verifikasi tepat waktu",
            ".1%",
        ),
        Metric(
            "tindak_lanjut_tepat_waktu",
            "SUM(followed_up_on_time_rate * complaints) / NULLIF(SUM(complaints), 0)",
            "Tindak lanjut tepat waktu",
            ".1%",
        ),
        Metric(
            "penyelesaian",
            "SUM(completion_rate * complaints) / NULLIF(SUM(complaints), 0)",
            "Tingkat penyelesaian",
            ".1%",
        ),
        Metric(
            "per_100rb",
            "AVG(complaints_per_100k)",
            "Pengaduan per 100.000 penduduk",
            ",.1f",
        ),
    ),
    description="Layanan SP4N-LAPOR! per kabupaten/kota: volume dan tingkat layanan.",
)

_SCORECARD_COLUMNS = (
    Column("kode_kabkota", "VARCHAR", "Kode kab/kota"),
    Column("tahun", "INTEGER", "Tahun"),
    Column("dimension", "VARCHAR", "Dimensi (kode)"),
    Column("indicator_code", "VARCHAR", "Indikator"),
    Column("value", "DOUBLE", "Nilai"),
    Column("rank", "INTEGER", "Peringkat (1 = terbaik)"),
    Column("score", "DOUBLE", "Skor (0–100)"),
)
_SCORECARD_METRICS = (
    Metric("skor_rata2", "AVG(score)", "Skor rata-rata (0–100)", ",.1f"),
    Metric("nilai", "AVG(value)", "Nilai", ",.2f"),
    Metric("peringkat", "MIN(rank)", "Peringkat", ",d"),
)

MART_SCORECARD_KABKOTA = Dataset(
    "mart_scorecard_kabkota",
    _SCORECARD_COLUMNS,
    _SCORECARD_METRICS,
    description="Skor kabupaten/kota × tahun × indikator (peringkat 1 = terbaik dari 35).",
)

SCORECARD_BERNAMA = Dataset(
    "scorecard_kabkota_bernama",
    (
        *_SCORECARD_COLUMNS,
        Column("nama_kabkota", "VARCHAR", "Kabupaten/Kota"),
        Column("dimensi", "VARCHAR", "Dimensi"),
        Column("is_latest_year", "BOOLEAN", "Tahun terbaru"),
    ),
    _SCORECARD_METRICS,
    sql="""\
with names as (
    select distinct kode_kabkota, nama_kabkota
    from marts.dim_wilayah
)

select
    s.kode_kabkota,
    n.nama_kabkota,
    s.tahun,
    s.dimension,
    case s.dimension
        when 'governance' then 'Tata kelola'
        when 'economy' then 'Ekonomi'
        when 'environment' then 'Lingkungan'
        when 'tourism' then 'Pariwisata'
        else s.dimension
    end as dimensi,
    s.indicator_code,
    s.value,
    s.rank,
    s.score,
    s.tahun = max(s.tahun) over (partition by s.indicator_code) as is_latest_year
from marts.mart_scorecard_kabkota as s
left join names as n on n.kode_kabkota = s.kode_kabkota
""",
    description="mart_scorecard_kabkota dengan nama kab/kota dan dimensi dalam Bahasa Indonesia.",
)

DESA_LIVE_TIDAK_AKTIF = Dataset(
    "desa_live_tidak_aktif",
    (
        Column("kode_wilayah", "VARCHAR", "Kode desa/kelurahan"),
        Column("nama_wilayah", "VARCHAR", "Desa/Kelurahan"),
        Column("nama_kecamatan", "VARCHAR", "Kecamatan"),
        *KABKOTA,
        Column("program", "VARCHAR", "Program"),
        Column("tanggal_live", "DATE", "Tanggal live"),
        Column("first_tte_date", "DATE", "TTE pertama"),
        Column("letters_30d", "INTEGER", "Surat selesai 30 hari"),
        AS_OF,
    ),
    (Metric("jumlah_desa", "COUNT(*)", "Jumlah desa/kelurahan", ",d"),),
    sql="""\
select
    rv.kode_wilayah,
    w.nama_wilayah,
    w.nama_kecamatan,
    rv.kode_kabkota,
    w.nama_kabkota,
    rv.program,
    rv.tanggal_live,
    rv.first_tte_date,
    rv.letters_30d,
    rv.as_of_date
from marts.mart_rollout_village as rv
inner join marts.dim_wilayah as w on w.kode_wilayah = rv.kode_wilayah
where rv.is_live and not rv.is_active_30d
""",
    description="Desa/kelurahan yang sudah live tetapi tanpa surat ber-TTE dalam 30 hari.",
)

ROLLOUT_VILLAGE_BERNAMA = Dataset(
    "rollout_desa_bernama",
    (
        *MART_ROLLOUT_VILLAGE.columns,
        Column("nama_kabkota", "VARCHAR", "Kabupaten/Kota"),
    ),
    MART_ROLLOUT_VILLAGE.metrics,
    sql="""\
select
    rv.*,
    w.nama_kabkota
from marts.mart_rollout_village as rv
inner join marts.dim_wilayah as w on w.kode_wilayah = rv.kode_wilayah
""",
    description="mart_rollout_village dengan nama kab/kota (untuk tren dan filter).",
    main_dttm_col="tanggal_live",
)

SERVING_V1 = (
    DIM_WILAYAH,
    MART_ROLLOUT_VILLAGE,
    MART_ROLLOUT_KABKOTA,
    MART_LAPOR_SLA_KABKOTA,
    MART_SCORECARD_KABKOTA,
)
VIRTUAL = (ROLLOUT_KABKOTA_LABEL, SCORECARD_BERNAMA, DESA_LIVE_TIDAK_AKTIF, ROLLOUT_VILLAGE_BERNAMA)
ALL_DATASETS = SERVING_V1 + VIRTUAL

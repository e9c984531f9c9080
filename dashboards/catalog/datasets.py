"""Datasets: the serving marts (contract serving-v1) and a few virtual datasets over them.

Physical datasets carry the contract's table names, so analysts find in Superset what they find
in SQL. Virtual datasets only join names and labels onto a mart; they never re-derive a figure
that a mart already holds.
"""

from __future__ import annotations

from dashboards.catalog.spec import Column, Dataset, Metric
from smartprov import reference

# The configured province (SMARTPROV_PROVINCE, read when the catalog is imported): its name and
# counts appear in titles and descriptions.
PROVINCE = reference.province().nama
N_KABKOTA = len(reference.regencies())
N_WILAYAH = f"{len(reference.villages()):,}".replace(",", ".")  # Indonesian thousands separator

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
    description=f"Seluruh {N_WILAYAH} desa dan kelurahan di {PROVINCE} (Kemendagri).",
)

MART_ROLLOUT_VILLAGE = Dataset(
    "mart_rollout_village",
    (
        Column("kode_wilayah", "VARCHAR", "Kode desa/kelurahan"),
        *KABKOTA,
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
    description=f"Kabupaten/kota × program ({N_KABKOTA}): target, live, aktif 30 hari.",
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
    description=(
        f"Skor kabupaten/kota × tahun × indikator (peringkat 1 = terbaik dari {N_KABKOTA})."
    ),
)

SKOR_KABKOTA = Dataset(
    "skor_kabkota",
    (
        *KABKOTA,
        Column("tahun", "INTEGER", "Tahun"),
        Column("dimension", "VARCHAR", "Dimensi (kode)"),
        Column("dimensi", "VARCHAR", "Dimensi"),
        Column("score", "DOUBLE", "Skor (0–100)"),
        Column("rank", "INTEGER", "Peringkat (1 = terbaik)"),
        Column("rank_change", "INTEGER", "Perubahan peringkat"),
        Column("is_latest_year", "BOOLEAN", "Tahun terakhir dengan skor"),
    ),
    (
        Metric("skor", "AVG(score)", "Skor (0–100)", ",.1f"),
        Metric("peringkat", "MIN(rank)", "Peringkat", ",d"),
        Metric("naik_turun", "MAX(rank_change)", "Naik/turun peringkat", "+,d"),
    ),
    sql="""\
select
    kode_kabkota,
    nama_kabkota,
    tahun,
    dimension,
    case dimension
        when 'overall' then 'Keseluruhan'
        when 'governance' then 'Tata kelola'
        when 'economy' then 'Ekonomi'
        when 'environment' then 'Lingkungan'
        when 'tourism' then 'Pariwisata'
        else dimension
    end as dimensi,
    score,
    rank,
    rank_change,
    tahun = max(tahun) filter (where score is not null) over (partition by dimension)
        as is_latest_year
from marts.mart_scorecard_dimension_kabkota
""",
    description="mart_scorecard_dimension_kabkota, dimensi dalam Bahasa Indonesia.",
)

MART_ROLLOUT_INACTIVE = Dataset(
    "mart_rollout_inactive_villages",
    (
        Column("kode_wilayah", "VARCHAR", "Kode desa/kelurahan"),
        Column("nama_wilayah", "VARCHAR", "Desa/Kelurahan"),
        Column("nama_kecamatan", "VARCHAR", "Kecamatan"),
        *KABKOTA,
        Column("program", "VARCHAR", "Program"),
        Column("tanggal_live", "DATE", "Tanggal live"),
        Column("days_since_live", "INTEGER", "Hari sejak live"),
        Column("last_activity_date", "DATE", "Aktivitas terakhir"),
        AS_OF,
    ),
    (Metric("jumlah_desa", "COUNT(*)", "Jumlah desa/kelurahan", ",d"),),
    description="Desa/kelurahan yang sudah live tetapi tidak aktif dalam 30 hari terakhir.",
)

_ADOPTION_COLUMNS = (
    *KABKOTA,
    Column("bulan", "DATE", "Bulan"),
    Column("requests", "INTEGER", "Permohonan"),
    Column("letters_issued", "INTEGER", "Surat terbit"),
    Column("tte_letters_issued", "INTEGER", "Surat ber-TTE"),
    Column("requests_rejected", "INTEGER", "Ditolak"),
    Column("requests_failed", "INTEGER", "Gagal TTE"),
    Column("requests_in_progress", "INTEGER", "Masih diproses"),
    Column("processing_hours_median", "DOUBLE", "Median waktu proses (jam)"),
    Column("processing_hours_p90", "DOUBLE", "Waktu proses P90 (jam)"),
)
_ADOPTION_METRICS = (
    Metric("permohonan", "SUM(requests)", "Permohonan", ",d"),
    Metric("surat_terbit", "SUM(letters_issued)", "Surat terbit", ",d"),
    Metric(
        "pangsa_tte",
        "SUM(tte_letters_issued) * 1.0 / NULLIF(SUM(letters_issued), 0)",
        "Pangsa surat ber-TTE",
        ".1%",
    ),
    Metric(
        "tingkat_gagal",
        "SUM(requests_failed) * 1.0 / NULLIF(SUM(requests) - SUM(requests_in_progress), 0)",
        "Tingkat gagal TTE",
        ".1%",
    ),
    Metric(
        "tingkat_tolak",
        "SUM(requests_rejected) * 1.0 / NULLIF(SUM(requests) - SUM(requests_in_progress), 0)",
        "Tingkat penolakan",
        ".1%",
    ),
    Metric(
        "jam_proses_median",
        "SUM(processing_hours_median * letters_issued) / NULLIF(SUM(letters_issued), 0)",
        "Median waktu proses (jam)",
        ",.1f",
    ),
)

MART_ADOPTION_KABKOTA_MONTHLY = Dataset(
    "mart_adoption_kabkota_monthly",
    (*_ADOPTION_COLUMNS, AS_OF),
    _ADOPTION_METRICS,
    description="Layanan surat desa/kelurahan per kab/kota × bulan: volume, TTE, gagal, waktu.",
    main_dttm_col="bulan",
)

MART_ADOPTION_MONTHLY = Dataset(
    "mart_adoption_monthly",
    (
        *_ADOPTION_COLUMNS,
        Column("jenis_layanan", "VARCHAR", "Kode layanan"),
        Column("nama_layanan", "VARCHAR", "Layanan"),
        Column("kanal", "VARCHAR", "Kanal"),
    ),
    _ADOPTION_METRICS,
    description="Seperti mart_adoption_kabkota_monthly, per layanan dan kanal.",
    main_dttm_col="bulan",
)

MART_DELIVERY_STATUS = Dataset(
    "mart_delivery_status_kabkota",
    (
        *KABKOTA,
        Column("last_delivery_date", "DATE", "Pengiriman terakhir"),
        Column("days_behind", "INTEGER", "Hari tertinggal"),
        Column("days_delivered_30d", "INTEGER", "Hari terkirim (30 hari)"),
        Column("files_quarantined", "INTEGER", "Berkas dikarantina"),
        Column("delivery_status", "VARCHAR", "Status pengiriman (kode)"),
        Column(
            "status_pengiriman",
            "VARCHAR",
            "Status pengiriman",
            expression="case delivery_status when 'current' then 'Tepat waktu' "
            "when 'late' then 'Terlambat' when 'stale' then 'Tertinggal jauh' "
            "when 'never' then 'Belum pernah' else delivery_status end",
        ),
        AS_OF,
    ),
    (
        Metric(
            "kabkota_tanpa_data",
            "COUNT(*) FILTER (WHERE delivery_status <> 'current')",
            "Kab/kota tanpa data pada tanggal data",
            ",d",
        ),
        Metric("hari_tertinggal", "MAX(days_behind)", "Hari tertinggal", ",d"),
    ),
    description="Pengiriman log layanan per kab/kota terhadap tanggal data.",
)

MART_LAPOR_KATEGORI = Dataset(
    "mart_lapor_kategori_kabkota",
    (
        *KABKOTA,
        Column("kategori", "VARCHAR", "Kategori (kode)"),
        Column(
            "nama_kategori",
            "VARCHAR",
            "Kategori",
            expression="upper(substr(replace(kategori, '_', ' '), 1, 1)) "
            "|| substr(replace(kategori, '_', ' '), 2)",
        ),
        Column("complaints", "INTEGER", "Pengaduan"),
        Column("complaints_12m", "INTEGER", "Pengaduan 12 bulan"),
        Column("complaints_open", "INTEGER", "Pengaduan terbuka"),
        AS_OF,
    ),
    (
        Metric("pengaduan", "SUM(complaints)", "Jumlah pengaduan", ",d"),
        Metric("terbuka", "SUM(complaints_open)", "Pengaduan terbuka", ",d"),
    ),
    description="Pengaduan SP4N-LAPOR! per kab/kota × kategori.",
)

MART_LAPOR_BACKLOG = Dataset(
    "mart_lapor_backlog_kabkota",
    (
        *KABKOTA,
        Column("bucket_order", "INTEGER", "Urutan umur"),
        Column("age_bucket", "VARCHAR", "Umur (hari kerja)"),
        Column(
            "umur_tunggakan",
            "VARCHAR",
            "Umur pengaduan terbuka",
            expression="bucket_order || '. ' || age_bucket",
        ),
        Column("open_complaints", "INTEGER", "Pengaduan terbuka"),
        AS_OF,
    ),
    (Metric("tunggakan", "SUM(open_complaints)", "Pengaduan terbuka", ",d"),),
    description="Pengaduan yang masih terbuka per kab/kota menurut umur (hari kerja).",
)

FCT_LAPOR_COMPLAINTS = Dataset(
    "fct_lapor_complaints",
    (
        *KABKOTA,
        Column("instansi_tujuan", "VARCHAR", "Instansi tujuan"),
        Column("kategori", "VARCHAR", "Kategori"),
        Column("status", "VARCHAR", "Status"),
        Column("is_open", "BOOLEAN", "Terbuka"),
        Column("tanggal_lapor", "TIMESTAMP", "Tanggal lapor"),
        Column("is_verification_measured", "BOOLEAN", "Verifikasi terukur"),
        Column("is_verified_on_time", "BOOLEAN", "Verifikasi tepat waktu"),
        Column("is_follow_up_measured", "BOOLEAN", "Tindak lanjut terukur"),
        Column("is_followed_up_on_time", "BOOLEAN", "Tindak lanjut tepat waktu"),
        AS_OF,
    ),
    (
        Metric("pengaduan", "COUNT(*)", "Jumlah pengaduan", ",d"),
        Metric(
            "verifikasi_tepat_waktu",
            "COUNT(*) FILTER (WHERE is_verified_on_time) * 1.0"
            " / NULLIF(COUNT(*) FILTER (WHERE is_verification_measured), 0)",
            "Verifikasi tepat waktu",
            ".1%",
        ),
        Metric(
            "tindak_lanjut_tepat_waktu",
            "COUNT(*) FILTER (WHERE is_followed_up_on_time) * 1.0"
            " / NULLIF(COUNT(*) FILTER (WHERE is_follow_up_measured), 0)",
            "Tindak lanjut tepat waktu",
            ".1%",
        ),
        Metric("terbuka", "COUNT(*) FILTER (WHERE is_open)", "Masih terbuka", ",d"),
    ),
    description="Satu baris per pengaduan SP4N-LAPOR! (tanpa identitas pelapor).",
    main_dttm_col="tanggal_lapor",
)


LATEST_YEAR = Column("is_latest_year", "BOOLEAN", "Tahun terakhir dengan data")


def latest_year_sql(table: str, column: str) -> str:
    """A yearly mart plus ``is_latest_year``: the last year in which ``column`` has data
    (the current year is usually partial)."""
    return (
        f"select *,\n    tahun = max(tahun) filter (where {column} is not null) over ()"
        f" as is_latest_year\nfrom marts.{table}\n"
    )


MART_ECONOMY = Dataset(
    "ekonomi_kabkota",
    (
        *KABKOTA,
        Column("tahun", "INTEGER", "Tahun"),
        LATEST_YEAR,
        Column("grdp_per_capita_juta", "DOUBLE", "PDRB per kapita (juta Rp)"),
        Column("grdp_real_growth", "DOUBLE", "Pertumbuhan ekonomi"),
        Column("poverty_rate", "DOUBLE", "Penduduk miskin"),
        Column("unemployment_rate", "DOUBLE", "Pengangguran terbuka"),
    ),
    (
        Metric("pdrb_per_kapita", "AVG(grdp_per_capita_juta)", "PDRB per kapita (juta Rp)", ",.1f"),
        Metric("pertumbuhan", "AVG(grdp_real_growth)", "Pertumbuhan ekonomi", ".1%"),
        Metric("kemiskinan", "AVG(poverty_rate)", "Penduduk miskin", ".1%"),
        Metric("pengangguran", "AVG(unemployment_rate)", "Pengangguran terbuka (TPT)", ".1%"),
    ),
    sql=latest_year_sql("mart_economy_kabkota", "grdp_per_capita_juta"),
    description="Ekonomi per kab/kota × tahun: PDRB per kapita, pertumbuhan, kemiskinan, TPT.",
)

MART_ENVIRONMENT = Dataset(
    "lingkungan_kabkota",
    (
        *KABKOTA,
        Column("tahun", "INTEGER", "Tahun"),
        LATEST_YEAR,
        Column("ispu_good_moderate_share", "DOUBLE", "Hari ISPU baik/sedang"),
        Column("pm25_annual_mean", "DOUBLE", "PM2,5 rata-rata (µg/m³)"),
        Column("stations", "INTEGER", "Stasiun"),
    ),
    (
        Metric("hari_ispu_baik", "AVG(ispu_good_moderate_share)", "Hari ISPU baik/sedang", ".1%"),
        Metric("pm25", "AVG(pm25_annual_mean)", "PM2,5 rata-rata (µg/m³)", ",.1f"),
    ),
    sql=latest_year_sql("mart_environment_kabkota", "pm25_annual_mean"),
    description="Lingkungan per kab/kota × tahun: hari ISPU baik/sedang, PM2,5.",
)

MART_TOURISM = Dataset(
    "pariwisata_kabkota",
    (
        *KABKOTA,
        Column("tahun", "INTEGER", "Tahun"),
        LATEST_YEAR,
        Column("domestic_trips", "BIGINT", "Perjalanan wisatawan nusantara"),
        Column("foreign_visits", "BIGINT", "Kunjungan wisatawan mancanegara"),
        Column("hotel_occupancy_rate", "DOUBLE", "Tingkat hunian hotel"),
    ),
    (
        Metric("wisnus", "SUM(domestic_trips)", "Perjalanan wisatawan nusantara", ",d"),
        Metric("wisman", "SUM(foreign_visits)", "Kunjungan wisatawan mancanegara", ",d"),
        Metric("okupansi", "AVG(hotel_occupancy_rate)", "Tingkat hunian hotel", ".1%"),
    ),
    sql=latest_year_sql("mart_tourism_kabkota", "domestic_trips"),
    description="Pariwisata per kab/kota × tahun: perjalanan wisatawan, hunian hotel.",
)

SERVING_V1 = (
    DIM_WILAYAH,
    MART_ROLLOUT_VILLAGE,
    MART_ROLLOUT_KABKOTA,
    MART_LAPOR_SLA_KABKOTA,
    MART_SCORECARD_KABKOTA,
)
MARTS = (
    MART_ROLLOUT_INACTIVE,
    MART_ADOPTION_KABKOTA_MONTHLY,
    MART_ADOPTION_MONTHLY,
    MART_DELIVERY_STATUS,
    MART_LAPOR_KATEGORI,
    MART_LAPOR_BACKLOG,
    FCT_LAPOR_COMPLAINTS,
    MART_ECONOMY,
    MART_ENVIRONMENT,
    MART_TOURISM,
)
VIRTUAL = (ROLLOUT_KABKOTA_LABEL, SKOR_KABKOTA)
ALL_DATASETS = SERVING_V1 + MARTS + VIRTUAL

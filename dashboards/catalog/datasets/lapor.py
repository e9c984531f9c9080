"""Datasets of the complaint channels, SP4N-LAPOR! and LaporGub! (serving-v1.1:
mart_lapor_sla_kabkota covers both, a report in both counted once; each channel's own figures in
mart_lapor_sla_channel_kabkota)."""

from __future__ import annotations

from dashboards.catalog.datasets.common import AS_OF, KABKOTA, serving_dataset
from dashboards.catalog.spec import Column, Dataset, Metric

# Province-wide (and any filtered) rates are Σ numerators ÷ Σ denominators over the rows
# chosen, never an average of regency rates (serving-v1).
_SLA_METRICS = (
    Metric("pengaduan", "SUM(complaints)", "Jumlah pengaduan", ",d"),
    Metric(
        "verifikasi_tepat_waktu",
        "SUM(verified_on_time) * 1.0 / NULLIF(SUM(verification_measured), 0)",
        "Verifikasi dan penerusan tepat waktu",
        ".1%",
    ),
    Metric(
        "tindak_lanjut_tepat_waktu",
        "SUM(followed_up_on_time) * 1.0 / NULLIF(SUM(follow_up_measured), 0)",
        "Tindak lanjut tepat waktu",
        ".1%",
    ),
    Metric(
        "penyelesaian",
        "SUM(complaints_selesai) * 1.0 / NULLIF(SUM(complaints_not_archived), 0)",
        "Tingkat penyelesaian",
        ".1%",
    ),
    Metric("terbuka", "SUM(complaints_open)", "Pengaduan masih terbuka", ",d"),
)

MART_LAPOR_SLA_KABKOTA = serving_dataset(
    "mart_lapor_sla_kabkota",
    (
        *_SLA_METRICS,
        Metric(
            "per_100rb",
            "SUM(complaints_12m) * 100000.0 / NULLIF(SUM(jumlah_penduduk), 0)",
            "Pengaduan per 100.000 penduduk",
            ",.1f",
        ),
    ),
    description="Pengaduan SP4N-LAPOR! dan LaporGub! per kabupaten/kota (laporan di kedua kanal "
    "dihitung sekali): volume dan tingkat layanan.",
    labels={
        "complaints_lapor": "Pengaduan SP4N-LAPOR!",
        "complaints_laporgub": "Laporan LaporGub!",
        "complaints_in_both": "Ada di kedua kanal",
    },
)

MART_LAPOR_SLA_KANAL = Dataset(
    "mart_lapor_sla_channel_kabkota",
    (
        *KABKOTA,
        Column("channel", "VARCHAR", "Kode kanal"),
        Column("nama_channel", "VARCHAR", "Kanal pengaduan"),
        Column("complaints", "BIGINT", "Laporan"),
        Column("complaints_in_both", "BIGINT", "Juga ada di kanal lain"),
        Column("complaints_not_archived", "BIGINT", "Tidak diarsipkan / tidak layak"),
        Column("complaints_selesai", "BIGINT", "Selesai"),
        Column("complaints_open", "BIGINT", "Masih terbuka"),
        Column("verification_measured", "BIGINT", "Verifikasi terukur"),
        Column("verified_on_time", "BIGINT", "Verifikasi tepat waktu"),
        Column("follow_up_measured", "BIGINT", "Tindak lanjut terukur"),
        Column("followed_up_on_time", "BIGINT", "Tindak lanjut tepat waktu"),
        AS_OF,
    ),
    (
        *_SLA_METRICS,
        Metric("di_kedua_kanal", "SUM(complaints_in_both)", "Juga ada di kanal lain", ",d"),
    ),
    description="Angka setiap kanal pengaduan (SP4N-LAPOR!, LaporGub!) per kab/kota: semua "
    "laporan yang diterima kanal itu, termasuk yang diteruskan, dan tingkat layanannya sendiri.",
)

MART_LAPOR_SLA_BULANAN = Dataset(
    "mart_lapor_sla_kabkota_monthly",
    (
        *KABKOTA,
        Column("bulan", "DATE", "Bulan masuk pengaduan"),
        Column("complaints", "BIGINT", "Pengaduan"),
        Column("complaints_not_archived", "BIGINT", "Tidak diarsipkan"),
        Column("complaints_selesai", "BIGINT", "Selesai"),
        Column("complaints_auto_closed", "BIGINT", "Dianggap selesai (10 hari kerja)"),
        Column("complaints_open", "BIGINT", "Masih terbuka"),
        Column("verification_measured", "BIGINT", "Verifikasi terukur"),
        Column("verified_on_time", "BIGINT", "Verifikasi tepat waktu"),
        Column("follow_up_measured", "BIGINT", "Tindak lanjut terukur"),
        Column("followed_up_on_time", "BIGINT", "Tindak lanjut tepat waktu"),
        AS_OF,
    ),
    _SLA_METRICS,
    description="Tingkat layanan SP4N-LAPOR! per kab/kota × bulan masuk (untuk filter Periode).",
    main_dttm_col="bulan",
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


FCT_COMPLAINT_REPORTS = Dataset(
    "fct_complaint_reports",
    (
        *KABKOTA,
        Column("channel", "VARCHAR", "Kanal pengaduan"),
        Column("is_counted_once", "BOOLEAN", "Dihitung dalam total gabungan"),
        Column("is_in_both", "BOOLEAN", "Ada di kedua kanal"),
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
    description="Satu baris per laporan per kanal (SP4N-LAPOR!, LaporGub!; tanpa identitas "
    "pelapor); total gabungan: is_counted_once.",
    main_dttm_col="tanggal_lapor",
)

"""Datasets of the complaint channels, SP4N-LAPOR! and LaporGub! (serving-v1.1:
mart_lapor_sla_kabkota covers both, a report in both counted once; each channel's own figures in
mart_lapor_sla_channel_kabkota)."""

from __future__ import annotations

from dashboards.catalog.datasets.common import RATE_TEXT_NOTE, mart_dataset, rate_text, sum_ratio
from dashboards.catalog.spec import Column, Metric

# Province-wide (and any filtered) rates are Σ numerators ÷ Σ denominators over the rows
# chosen, never an average of regency rates (serving-v1).


_SLA_METRICS = (
    Metric("pengaduan", "SUM(complaints)", "Jumlah pengaduan", ",d"),
    Metric(
        "verifikasi_tepat_waktu",
        sum_ratio("verified_on_time", "verification_measured"),
        "Verifikasi dan penerusan tepat waktu",
        ".1%",
    ),
    Metric(
        "tindak_lanjut_tepat_waktu",
        sum_ratio("followed_up_on_time", "follow_up_measured"),
        "Tindak lanjut tepat waktu",
        ".1%",
    ),
    Metric(
        "penyelesaian",
        sum_ratio("complaints_selesai", "complaints_not_archived"),
        "Tingkat penyelesaian",
        ".1%",
    ),
    Metric("terbuka", "SUM(complaints_open)", "Pengaduan masih terbuka", ",d"),
    Metric("laporan", "SUM(reports)", "Jumlah laporan (semua jenis)", ",d"),
    Metric(
        "verifikasi_teks",
        rate_text("verified_on_time", "verification_measured"),
        f"Verifikasi tepat waktu ({RATE_TEXT_NOTE})",
    ),
    Metric(
        "tindak_lanjut_teks",
        rate_text("followed_up_on_time", "follow_up_measured"),
        f"Tindak lanjut tepat waktu ({RATE_TEXT_NOTE})",
    ),
    Metric(
        "penyelesaian_teks",
        rate_text("complaints_selesai", "complaints_not_archived"),
        f"Penyelesaian pengaduan ({RATE_TEXT_NOTE})",
    ),
)

MART_LAPOR_SLA_KABKOTA = mart_dataset(
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
)

MART_LAPOR_SLA_KANAL = mart_dataset(
    "mart_lapor_sla_channel_kabkota",
    (
        *_SLA_METRICS,
        Metric("di_kedua_kanal", "SUM(complaints_in_both)", "Juga ada di kanal lain", ",d"),
    ),
    description="Angka setiap kanal pengaduan (SP4N-LAPOR!, LaporGub!) per kab/kota: semua "
    "laporan yang diterima kanal itu, termasuk yang diteruskan, dan tingkat layanannya sendiri.",
)

MART_LAPOR_SLA_BULANAN = mart_dataset(
    "mart_lapor_sla_kabkota_monthly",
    _SLA_METRICS,
    description="Tingkat layanan SP4N-LAPOR! per kab/kota × bulan masuk (untuk filter Periode).",
    main_dttm_col="bulan",
)


MART_LAPOR_KATEGORI = mart_dataset(
    "mart_lapor_kategori_kabkota",
    (
        Metric("pengaduan", "SUM(complaints)", "Jumlah pengaduan", ",d"),
        Metric("terbuka", "SUM(complaints_open)", "Pengaduan terbuka", ",d"),
    ),
    description="Pengaduan SP4N-LAPOR! per kab/kota × kategori.",
    calculated=(
        Column(
            "nama_kategori",
            "VARCHAR",
            "Kategori",
            expression="upper(substr(replace(kategori, '_', ' '), 1, 1)) "
            "|| substr(replace(kategori, '_', ' '), 2)",
        ),
    ),
)

MART_LAPOR_BACKLOG = mart_dataset(
    "mart_lapor_backlog_kabkota",
    (Metric("tunggakan", "SUM(open_complaints)", "Pengaduan terbuka", ",d"),),
    description="Pengaduan yang masih terbuka per kab/kota menurut umur (hari kerja).",
    calculated=(
        Column(
            "umur_tunggakan",
            "VARCHAR",
            "Umur pengaduan terbuka",
            expression="bucket_order || '. ' || age_bucket",
        ),
    ),
)

# the per-report metrics of both report-level facts (one row per report, per channel)
_REPORT_METRICS = (
    # lapor-v1 v1.1: "pengaduan" counts jenis = pengaduan only; "laporan" all three jenis;
    # the service levels cover every report
    Metric("pengaduan", "COUNT(*) FILTER (WHERE jenis = 'pengaduan')", "Jumlah pengaduan", ",d"),
    Metric("laporan", "COUNT(*)", "Jumlah laporan (semua jenis)", ",d"),
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
)


FCT_LAPOR_COMPLAINTS = mart_dataset(
    "fct_lapor_complaints",
    (
        *_REPORT_METRICS,
        Metric("terbuka", "COUNT(*) FILTER (WHERE is_open)", "Laporan masih terbuka", ",d"),
    ),
    description="Satu baris per laporan SP4N-LAPOR! (pengaduan, aspirasi, permintaan"
    " informasi; tanpa identitas pelapor).",
    main_dttm_col="tanggal_lapor",
)


MART_LAPOR_SLA_JENIS = mart_dataset(
    "mart_lapor_sla_jenis_kabkota",
    (
        Metric("laporan", "SUM(reports)", "Jumlah laporan", ",d"),
        _SLA_METRICS[1],
        _SLA_METRICS[2],
        Metric("terbuka", "SUM(reports_open)", "Laporan terbuka", ",d"),
        _SLA_METRICS[-3],
        _SLA_METRICS[-2],
    ),
    description="Tingkat layanan SP4N-LAPOR! dan LaporGub! per kab/kota × jenis laporan"
    " (pengaduan, aspirasi, permintaan informasi; laporan di kedua kanal dihitung sekali).",
)


FCT_COMPLAINT_REPORTS = mart_dataset(
    "fct_complaint_reports",
    (
        *_REPORT_METRICS,
        Metric("terbuka", "COUNT(*) FILTER (WHERE is_open)", "Masih terbuka", ",d"),
    ),
    description="Satu baris per laporan per kanal (SP4N-LAPOR!, LaporGub!; tanpa identitas "
    "pelapor); total gabungan: is_counted_once.",
    main_dttm_col="tanggal_lapor",
)

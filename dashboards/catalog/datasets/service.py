"""Datasets of the village letter services (adoption) and of the service-log deliveries."""

from __future__ import annotations

from dashboards.catalog.datasets.common import AS_OF, KABKOTA
from dashboards.catalog.spec import Column, Dataset, Metric

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
    Column("processing_working_days_total", "BIGINT", "Total hari kerja proses"),
    Column("processing_working_days_median", "DOUBLE", "Median waktu proses (hari kerja)"),
    Column("processing_working_days_p90", "DOUBLE", "Waktu proses P90 (hari kerja)"),
    Column("open_age_working_days_total", "BIGINT", "Total umur permohonan terbuka"),
    Column("open_age_working_days_median", "DOUBLE", "Median umur permohonan terbuka (hari kerja)"),
    Column("open_age_working_days_max", "INTEGER", "Umur permohonan terbuka tertua (hari kerja)"),
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
    # v1.1: processing time in working days (Σ/Σ mean, so it adds up over months and regencies)
    # with the age of the requests still in proses beside it, so that a backlog shows
    Metric(
        "hari_kerja_proses",
        "SUM(processing_working_days_total) * 1.0 / NULLIF(SUM(letters_issued), 0)",
        "Rata-rata waktu proses surat terbit (hari kerja)",
        ",.1f",
    ),
    Metric(
        "umur_masih_diproses",
        "SUM(open_age_working_days_total) * 1.0 / NULLIF(SUM(requests_in_progress), 0)",
        "Rata-rata umur permohonan yang masih diproses (hari kerja)",
        ",.1f",
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

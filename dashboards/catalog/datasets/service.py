"""Datasets of the village letter services (adoption) and of the service-log deliveries."""

from __future__ import annotations

from dashboards.catalog.datasets.common import RATE_TEXT_NOTE, mart_dataset, rate_text, sum_ratio
from dashboards.catalog.spec import Column, Metric

_ADOPTION_METRICS = (
    Metric("permohonan", "SUM(requests)", "Permohonan", ",d"),
    Metric("surat_terbit", "SUM(letters_issued)", "Surat terbit", ",d"),
    Metric(
        "pangsa_tte",
        sum_ratio("tte_letters_issued", "letters_issued"),
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
        sum_ratio("processing_working_days_total", "letters_issued"),
        "Rata-rata waktu proses surat terbit (hari kerja)",
        ",.1f",
    ),
    Metric(
        "umur_masih_diproses",
        sum_ratio("open_age_working_days_total", "requests_in_progress"),
        "Rata-rata umur permohonan yang masih diproses (hari kerja)",
        ",.1f",
    ),
    # the rates as a regency table shows them (counts below the threshold)
    Metric(
        "pangsa_tte_teks",
        rate_text("tte_letters_issued", "letters_issued"),
        f"Pangsa surat ber-TTE ({RATE_TEXT_NOTE})",
    ),
    Metric(
        "tingkat_gagal_teks",
        rate_text("requests_failed", "requests - requests_in_progress"),
        f"Tingkat gagal TTE ({RATE_TEXT_NOTE})",
    ),
    Metric(
        "tingkat_tolak_teks",
        rate_text("requests_rejected", "requests - requests_in_progress"),
        f"Tingkat penolakan ({RATE_TEXT_NOTE})",
    ),
)


MART_ADOPTION_KABKOTA_MONTHLY = mart_dataset(
    "mart_adoption_kabkota_monthly",
    _ADOPTION_METRICS,
    description="Layanan surat desa/kelurahan per kab/kota × bulan: volume, TTE, gagal, waktu.",
    main_dttm_col="bulan",
)

MART_ADOPTION_MONTHLY = mart_dataset(
    "mart_adoption_monthly",
    _ADOPTION_METRICS,
    description="Seperti mart_adoption_kabkota_monthly, per layanan dan kanal.",
    main_dttm_col="bulan",
)

MART_DELIVERY_STATUS = mart_dataset(
    "mart_delivery_status_kabkota",
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
    calculated=(
        Column(
            "status_pengiriman",
            "VARCHAR",
            "Status pengiriman",
            expression="case delivery_status when 'current' then 'Tepat waktu' "
            "when 'late' then 'Terlambat' when 'stale' then 'Tertinggal jauh' "
            "when 'never' then 'Belum pernah' else delivery_status end",
        ),
    ),
)

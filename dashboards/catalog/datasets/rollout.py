"""Datasets of the villages and the programme rollout (serving-v1: dim_wilayah and the two
rollout marts)."""

from __future__ import annotations

from dashboards.catalog.datasets.common import (
    N_KABKOTA,
    N_WILAYAH,
    PROVINCE,
    RATE_TEXT_NOTE,
    mart_dataset,
    rate_text,
    sum_ratio,
)
from dashboards.catalog.datasets.dprd import KALIMAT_TTE
from dashboards.catalog.spec import Metric

DIM_WILAYAH = mart_dataset(
    "dim_wilayah",
    (Metric("jumlah_wilayah", "COUNT(*)", "Jumlah desa/kelurahan", ",d"),),
    description=f"Seluruh {N_WILAYAH} desa dan kelurahan di {PROVINCE} (Kemendagri).",
)

MART_ROLLOUT_VILLAGE = mart_dataset(
    "mart_rollout_village",
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
            sum_ratio("tte_letters_30d", "letters_30d"),
            "Pangsa surat ber-TTE (30 hari)",
            ".1%",
        ),
    ),
    description="Desa/kelurahan × program: target, tanggal live, aktivitas TTE 30 hari.",
    main_dttm_col="tanggal_live",
)

_ROLLOUT_METRICS = (
    Metric("target", "SUM(target_villages)", "Ditargetkan", ",d"),
    Metric("live", "SUM(live_villages)", "Sudah live", ",d"),
    Metric("aktif_30d", "SUM(active_villages_30d)", "Aktif 30 hari", ",d"),
    Metric("live_aktif_30d", "SUM(live_active_villages_30d)", "Live dan aktif 30 hari", ",d"),
    Metric(
        "pangsa_live",
        sum_ratio("live_villages", "target_villages"),
        "Persentase live dari target",
        ".1%",
    ),
    Metric(
        "cakupan_tte",
        # v1.1 coverage: villages with a TTE letter in 30 days ÷ ALL villages (not the target)
        sum_ratio("tte_villages_30d", "village_count"),
        "Cakupan TTE 30 hari (dari seluruh desa/kelurahan)",
        ".1%",
    ),
    Metric(
        "pangsa_aktif",
        # live-and-active ÷ live (never above 100 %): an active village that is not (yet)
        # declared live is not "of those live"
        sum_ratio("live_active_villages_30d", "live_villages"),
        "Persentase aktif (dari yang live)",
        ".1%",
    ),
    # the same three rates as a regency table shows them (counts below the threshold)
    Metric(
        "live_teks",
        rate_text("live_villages", "target_villages"),
        f"Live dari target ({RATE_TEXT_NOTE})",
    ),
    Metric(
        "aktif_teks",
        rate_text("live_active_villages_30d", "live_villages"),
        f"Aktif 30 hari dari yang live ({RATE_TEXT_NOTE})",
    ),
    Metric(
        "cakupan_teks",
        rate_text("tte_villages_30d", "village_count"),
        f"Cakupan TTE 30 hari dari seluruh desa/kelurahan ({RATE_TEXT_NOTE})",
    ),
)

MART_ROLLOUT_KABKOTA = mart_dataset(
    "mart_rollout_kabkota",
    _ROLLOUT_METRICS,
    description=f"Kabupaten/kota × program ({N_KABKOTA}): target, live, aktif 30 hari.",
)

ROLLOUT_KABKOTA_LABEL = mart_dataset(
    "mart_rollout_kabkota_dashboard",
    (*_ROLLOUT_METRICS, KALIMAT_TTE),
    description="mart_rollout_kabkota dengan label '19 dari 27 kelurahan' per kab/kota.",
    uuid_key="rollout_kabkota_berlabel",  # was a virtual dataset of that name
)

MART_ROLLOUT_INACTIVE = mart_dataset(
    "mart_rollout_inactive_villages",
    (Metric("jumlah_desa", "COUNT(*)", "Jumlah desa/kelurahan", ",d"),),
    description="Desa/kelurahan yang sudah live tetapi tidak aktif dalam 30 hari terakhir.",
)

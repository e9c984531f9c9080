"""Datasets of the regency/city scorecard and its indicators: economy, environment, tourism
(serving-v1: mart_scorecard_kabkota)."""

from __future__ import annotations

from dashboards.catalog.datasets.common import N_KABKOTA, mart_dataset
from dashboards.catalog.spec import Metric

_SCORECARD_METRICS = (
    Metric("skor_rata2", "AVG(score)", "Skor rata-rata (0–100)", ",.1f"),
    Metric("nilai", "AVG(value)", "Nilai", ",.2f"),
    Metric("peringkat", "MIN(rank)", "Peringkat", ",d"),
)

MART_SCORECARD_KABKOTA = mart_dataset(
    "mart_scorecard_kabkota",
    _SCORECARD_METRICS,
    description=(
        f"Skor kabupaten/kota × tahun × indikator (peringkat 1 = terbaik dari {N_KABKOTA})."
    ),
)

SKOR_KABKOTA = mart_dataset(
    "mart_scorecard_dimension_dashboard",
    (
        Metric("skor", "AVG(score)", "Skor (0–100)", ",.1f"),
        Metric("peringkat", "MIN(rank)", "Peringkat", ",d"),
        Metric("naik_turun", "MAX(rank_change)", "Naik/turun peringkat", "+,d"),
    ),
    description="mart_scorecard_dimension_kabkota, dimensi dalam Bahasa Indonesia.",
    uuid_key="skor_kabkota",  # was a virtual dataset of that name
)


MART_ECONOMY = mart_dataset(
    "mart_economy_kabkota_dashboard",
    (
        Metric("pdrb_per_kapita", "AVG(grdp_per_capita_juta)", "PDRB per kapita (juta Rp)", ",.1f"),
        Metric("pertumbuhan", "AVG(grdp_real_growth)", "Pertumbuhan ekonomi", ".1%"),
        Metric("kemiskinan", "AVG(poverty_rate)", "Penduduk miskin", ".1%"),
        Metric("pengangguran", "AVG(unemployment_rate)", "Pengangguran terbuka (TPT)", ".1%"),
    ),
    description="Ekonomi per kab/kota × tahun: PDRB per kapita, pertumbuhan, kemiskinan, TPT.",
    uuid_key="ekonomi_kabkota",  # was a virtual dataset of that name
)

MART_ENVIRONMENT = mart_dataset(
    "mart_environment_kabkota_dashboard",
    (
        Metric("hari_ispu_baik", "AVG(ispu_good_moderate_share)", "Hari ISPU baik/sedang", ".1%"),
        Metric("pm25", "AVG(pm25_annual_mean)", "PM2,5 rata-rata (µg/m³)", ",.1f"),
    ),
    description="Lingkungan per kab/kota × tahun: hari ISPU baik/sedang, PM2,5.",
    uuid_key="lingkungan_kabkota",  # was a virtual dataset of that name
)

MART_TOURISM = mart_dataset(
    "mart_tourism_kabkota_dashboard",
    (
        Metric("wisnus", "SUM(domestic_trips)", "Perjalanan wisatawan nusantara", ",d"),
        Metric("wisman", "SUM(foreign_visits)", "Kunjungan wisatawan mancanegara", ",d"),
        Metric("okupansi", "AVG(hotel_occupancy_rate)", "Tingkat hunian hotel", ".1%"),
    ),
    description="Pariwisata per kab/kota × tahun: perjalanan wisatawan, hunian hotel.",
    uuid_key="pariwisata_kabkota",  # was a virtual dataset of that name
)


MART_TARGET_CAPAIAN = mart_dataset(
    "mart_target_capaian",
    (
        Metric("nilai", "MAX(actual_value)", "Nilai aktual", ",.3~f"),
        Metric("target_rencana", "MAX(target)", "Target", ",.3~f"),
        Metric("capaian", "MAX(capaian)", "Capaian (aktual terhadap target)", ".1%"),
    ),
    description="Target rencana (RPJMD, Rencana Induk Provinsi Cerdas, Renstra) dan capaiannya;"
    " 'belum ada target' bila tidak ada target; target usulan ditandai.",
)

"""Datasets of what the DPRD reads first: the province map and the header line of every
dashboard (serving-v1, dbt/models/marts/dprd/)."""

from __future__ import annotations

from dashboards.catalog.datasets.common import N_KABKOTA, PROVINCE, mart_dataset
from dashboards.catalog.spec import Metric

MART_MAP_KABKOTA = mart_dataset(
    "mart_map_kabkota",
    (
        Metric(
            "persen_target_live",
            "SUM(live_villages) * 1.0 / NULLIF(SUM(target_villages), 0)",
            "% target TTE sudah live",
            ".1%",
        ),
        Metric(
            "persen_tepat_waktu",
            "SUM(followed_up_on_time) * 1.0 / NULLIF(SUM(follow_up_measured), 0)",
            "% pengaduan ditindaklanjuti tepat waktu",
            ".1%",
        ),
    ),
    description=f"Peta {PROVINCE}: batas kabupaten/kota (satu baris per pulau/bagian) dengan "
    "persentase target TTE yang sudah live dan tindak lanjut pengaduan tepat waktu.",
)

MART_DASHBOARD_HEADER = mart_dataset(
    "mart_dashboard_header",
    (
        Metric("data_per", "MAX(data_per)", "Data per"),
        Metric(
            "tertinggal",
            "STRING_AGG(keterangan, '; ' ORDER BY nama_kabkota) FILTER (WHERE is_behind)",
            "Kab/kota dengan kiriman tertinggal",
        ),
        Metric("jumlah_tertinggal", "COUNT(*) FILTER (WHERE is_behind)", "Jumlah tertinggal", ",d"),
    ),
    description="Baris kepala setiap dasbor: tanggal data dan kab/kota yang kirimannya tertinggal.",
)


# "19 dari 27 kelurahan di Kota Tegal sudah memakai TTE" for one regency/city (a regency role, or
# the Kabupaten/Kota filter); Σ live / Σ target for the province or several regencies/cities.
def _n(column: str) -> str:
    """SUM(column) with the Indonesian thousands separator (1.234)."""
    return f"replace(format('{{:,}}', SUM({column})), ',', '.')"


SENTENCE_SQL = (
    "CASE WHEN COUNT(DISTINCT kode_kabkota) = 1"
    r" THEN regexp_replace(MAX(label), '^(.*): (.*)$', '\2 di \1') || ' sudah memakai TTE'"
    f" ELSE {_n('live_villages')} || ' dari ' || {_n('target_villages')}"
    " || ' desa/kelurahan target di ' || CASE WHEN COUNT(DISTINCT kode_kabkota) = "
    f"{N_KABKOTA} THEN '{PROVINCE}'"
    " ELSE COUNT(DISTINCT kode_kabkota) || ' kabupaten/kota' END || ' sudah memakai TTE ('"
    " || replace(format('{:.1f}', 100.0 * SUM(live_villages) / NULLIF(SUM(target_villages), 0)),"
    " '.', ',') || '%)' END"
)
KALIMAT_TTE = Metric("kalimat", SENTENCE_SQL, "Kalimat TTE")

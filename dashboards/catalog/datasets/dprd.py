"""Datasets of what the DPRD reads first: the province map and the header line of every
dashboard (serving-v1, dbt/models/marts/dprd/)."""

from __future__ import annotations

from dashboards.catalog.datasets.common import N_KABKOTA, PROVINCE, mart_dataset, sum_ratio
from dashboards.catalog.spec import Metric

MART_MAP_KABKOTA = mart_dataset(
    "mart_map_kabkota",
    (
        Metric(
            "persen_target_live",
            sum_ratio("live_villages", "target_villages"),
            "% target TTE sudah live",
            ".1%",
        ),
        Metric(
            "persen_tepat_waktu",
            sum_ratio("followed_up_on_time", "follow_up_measured"),
            "% laporan ditindaklanjuti tepat waktu (semua jenis)",
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


# The DPRD's question (v1.1): programme progress (declared live ÷ target) beside actual use
# (villages that issued a TTE letter in 30 days), both named. One regency/city (a regency role, or
# the Kabupaten/Kota filter): "Kota Tegal: 19 dari 27 kelurahan sudah live; 7 di antaranya
# menerbitkan surat ber-TTE dalam 30 hari"; Σ/Σ for the province or several regencies/cities.
def _n(column: str) -> str:
    """SUM(column) with the Indonesian thousands separator (1.234)."""
    return f"replace(format('{{:,}}', SUM({column})), ',', '.')"


def _pct(numerator: str, denominator: str) -> str:
    return (
        f"replace(format('{{:.1f}}', 100.0 * SUM({numerator}) / NULLIF(SUM({denominator}), 0)),"
        " '.', ',') || '%'"
    )


SENTENCE_SQL = (
    "CASE WHEN COUNT(DISTINCT kode_kabkota) = 1"
    " THEN MAX(label_cakupan)"
    f" ELSE {_n('live_villages')} || ' dari ' || {_n('target_villages')}"
    " || ' desa/kelurahan target di ' || CASE WHEN COUNT(DISTINCT kode_kabkota) = "
    f"{N_KABKOTA} THEN '{PROVINCE}'"
    " ELSE COUNT(DISTINCT kode_kabkota) || ' kabupaten/kota' END || ' sudah live ('"
    f" || {_pct('live_villages', 'target_villages')} || '); '"
    f" || {_n('live_active_villages_30d')}"
    " || ' di antaranya menerbitkan surat ber-TTE dalam 30 hari' END"
    " || '. Cakupan: ' || "
    f"{_n('tte_villages_30d')} || ' dari ' || {_n('village_count')}"
    " || ' desa/kelurahan (' || "
    f"{_pct('tte_villages_30d', 'village_count')}"
    " || ') menerbitkan surat ber-TTE dalam 30 hari'"
)
KALIMAT_TTE = Metric("kalimat", SENTENCE_SQL, "Kalimat TTE")

"""Datasets of the national dashboard ("Nasional"): the national marts in schema ``nasional`` of
the national serving database (``smartprov national build``), a Superset database of its own.

Columns, types, labels and descriptions come from dbt_national's YAML, as the province's come
from dbt's; rates are Σ/Σ metrics over the provinces' counts, never averages of rates.
"""

from __future__ import annotations

from dashboards.catalog.datasets.common import mart_dataset, sum_ratio
from dashboards.catalog.spec import NATIONAL_DATABASE_UUID, NATIONAL_SCHEMA, Metric
from smartprov.base.settings import NATIONAL_DBT_PROJECT_DIR

NATIONAL_MODELS = NATIONAL_DBT_PROJECT_DIR / "models"


def _national(name: str, metrics: tuple[Metric, ...], description: str):
    return mart_dataset(
        name,
        metrics,
        description=description,
        models_dir=NATIONAL_MODELS,
        schema=NATIONAL_SCHEMA,
        database_uuid=NATIONAL_DATABASE_UUID,
    )


FRESHNESS = _national(
    "mart_national_freshness",
    (
        Metric("provinsi", "COUNT(*)", "Jumlah provinsi", ",d"),
        Metric(
            "provinsi_mengirim",
            "COUNT(*) FILTER (WHERE status_data <> 'belum mengirim')",
            "Provinsi yang sudah mengirim data",
            ",d",
        ),
        Metric(
            "provinsi_terlambat",
            "COUNT(*) FILTER (WHERE status_data = 'terlambat')",
            "Provinsi terlambat mengirim",
            ",d",
        ),
        Metric("tertinggal_hari", "MAX(days_behind)", "Tertinggal (hari)", ",d"),
    ),
    "Setiap provinsi (38) dan kesegaran datanya di lake nasional.",
)

ROLLOUT_PROVINSI = _national(
    "mart_national_rollout_provinsi",
    (
        Metric("sasaran", "SUM(target_villages)", "Desa/kelurahan sasaran", ",d"),
        Metric("live", "SUM(live_villages)", "Sudah live", ",d"),
        Metric("aktif_30d", "SUM(active_villages_30d)", "Aktif 30 hari", ",d"),
        Metric(
            "pangsa_live",
            sum_ratio("live_villages", "target_villages"),
            "Persentase live dari sasaran",
            ".1%",
        ),
        Metric(
            "pangsa_tte",
            sum_ratio("tte_letters_30d", "letters_30d"),
            "Pangsa surat ber-TTE (30 hari)",
            ".1%",
        ),
    ),
    "Provinsi × program: desa/kelurahan sasaran, live dan aktif (Σ/Σ).",
)

LAPOR_PROVINSI = _national(
    "mart_national_lapor_sla_provinsi",
    (
        Metric("pengaduan", "SUM(complaints)", "Pengaduan", ",d"),
        Metric(
            "verifikasi_tepat_waktu",
            sum_ratio("verified_on_time", "verification_measured"),
            "Verifikasi tepat waktu",
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
    ),
    "Tingkat layanan SP4N-LAPOR! per provinsi (Σ/Σ).",
)

SCORECARD_NASIONAL = _national(
    "mart_national_scorecard_kabkota",
    (
        Metric("skor", "AVG(score)", "Skor (0–100)", ",.1f"),
        Metric("peringkat", "MIN(rank_nasional)", "Peringkat nasional", ",d"),
        Metric("peringkat_provinsi", "MIN(rank_provinsi)", "Peringkat di provinsi", ",d"),
        Metric("nilai", "MAX(value)", "Nilai", ",.3~f"),
    ),
    "Kabupaten/kota × tahun × indikator, berperingkat antarprovinsi.",
)

NATIONAL_DATASETS = (FRESHNESS, ROLLOUT_PROVINSI, LAPOR_PROVINSI, SCORECARD_NASIONAL)

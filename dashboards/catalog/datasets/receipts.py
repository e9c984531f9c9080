"""The "Penerimaan data" dataset: one row per delivered file with what loaded and why rows or
files were quarantined (serving v1, mart_delivery_receipts)."""

from __future__ import annotations

from dashboards.catalog.datasets.common import mart_dataset
from dashboards.catalog.spec import Metric

MART_DELIVERY_RECEIPTS = mart_dataset(
    "mart_delivery_receipts",
    (
        Metric("berkas", "COUNT(*)", "Berkas diterima", ",d"),
        Metric(
            "berkas_bermasalah",
            "COUNT(*) FILTER (WHERE receipt_status <> 'diterima')",
            "Berkas dengan baris dikarantina atau ditolak",
            ",d",
        ),
    ),
    description="Penerimaan data: satu baris per berkas kiriman, dengan alasan karantina.",
    main_dttm_col="loaded_at",
)

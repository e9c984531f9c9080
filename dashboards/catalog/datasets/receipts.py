"""The "Penerimaan data" dataset: one row per delivered file with what loaded and why rows or
files were quarantined (serving v1, mart_delivery_receipts)."""

from __future__ import annotations

from dashboards.catalog.datasets.common import serving_dataset
from dashboards.catalog.spec import Metric

LABELS = {
    "batch_id": "Kode kiriman",
    "source": "Sumber data",
    "relative_path": "Berkas",
    "delivery_date": "Tanggal data",
    "loaded_at": "Diterima pada",
    "is_current": "Versi terkini",
    "rows_delivered": "Baris dikirim",
    "rows_loaded": "Baris dimuat",
    "rows_quarantined": "Baris dikarantina",
    "is_file_quarantined": "Berkas ditolak",
    "receipt_status": "Status penerimaan (kode)",
    "status_penerimaan": "Status penerimaan",
    "file_reason_code": "Alasan berkas ditolak (kode)",
    "file_reason": "Alasan berkas ditolak",
    "row_reasons": "Alasan karantina baris",
    "receipt_path": "Tanda terima",
}

MART_DELIVERY_RECEIPTS = serving_dataset(
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
    labels=LABELS,
)

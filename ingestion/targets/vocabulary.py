"""The words of targets-v1: the province's plan targets per indicator (Bappeda)."""

from __future__ import annotations

SOURCE = "targets"

TARGET_REQUIRED = (
    "kode_indikator",
    "tingkat",
    "tahun",
    "target",
    "arah",
    "dokumen",
    "status_target",
)
TARGET_COLUMNS = (
    "kode_indikator",
    "tingkat",
    "kode_kabkota",
    "tahun",
    "target",
    "arah",
    "dokumen",
    "status_target",
)
TARGET_TINGKAT = ("provinsi", "kabkota")
TARGET_ARAH = ("naik", "turun")
TARGET_STATUS = ("ditetapkan", "usulan")

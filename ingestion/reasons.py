"""Quarantine reason codes: the stable vocabulary shared by ingestion, the simulator's
`_expected.json` and the tests. A quarantine record stores the code and a human sentence that
names the file, row and value. Their texts in Bahasa Indonesia (label, what went wrong,
what to do) live in one catalogue beside this file, ``reasons_id.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


class FileReason(StrEnum):
    """Why a whole delivery file was quarantined (nothing in it is loaded)."""

    UNREADABLE = "unreadable_file"  # not decodable / not parseable as its format
    EMPTY = "empty_file"  # 0 bytes, or a header without data rows
    MISSING_COLUMN = "missing_required_column"
    BAD_FILE_NAME = "bad_file_name"  # unknown regency folder, bad date, unknown extension
    TOO_LARGE = "file_too_large"  # over a size / row limit (ingestion.safety): not read


class FileRejected(Exception):
    """The whole file cannot be loaded; ``reason`` is a FileReason code."""

    def __init__(self, reason: FileReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message

    def __reduce__(self) -> tuple[type[FileRejected], tuple[FileReason, str]]:
        # rebuilt from both arguments when it comes back from ingestion.side_process
        return (type(self), (self.reason, self.message))


class RowReason(StrEnum):
    """Why one row was quarantined (the other rows of the file load)."""

    MISSING_VALUE = "missing_required_value"
    UNKNOWN_JENIS_LAYANAN = "unknown_jenis_layanan"
    UNKNOWN_KANAL = "unknown_kanal"
    UNKNOWN_STATUS = "unknown_status"
    INVALID_VALUE = "invalid_value"  # tte/target/rahasia not 0/1, number not numeric, ...
    INVALID_TIMESTAMP = "invalid_timestamp"  # cannot be parsed in any accepted format
    UNKNOWN_WILAYAH = "unknown_kode_wilayah"  # not a village of the province
    WILAYAH_OUTSIDE_KABKOTA = "wilayah_outside_kabkota"  # village of another regency/city
    UNKNOWN_KABKOTA = "unknown_kode_kabkota"  # indicators / LAPOR: not in the province
    SELESAI_BEFORE_PERMOHONAN = "selesai_before_permohonan"
    FUTURE_TIMESTAMP = "future_timestamp"  # after the delivery day + 1
    OUT_OF_RANGE = "out_of_range"  # a percentage outside 0-100, ISPU outside 0-500, ...
    MALFORMED_ROW = "malformed_row"  # more or fewer fields than the header: not read


# Rows are checked in this order; a row is quarantined with the first reason that applies.
SERVICE_LOG_ROW_ORDER: tuple[RowReason, ...] = (
    RowReason.MISSING_VALUE,
    RowReason.INVALID_TIMESTAMP,
    RowReason.INVALID_VALUE,
    RowReason.UNKNOWN_JENIS_LAYANAN,
    RowReason.UNKNOWN_KANAL,
    RowReason.UNKNOWN_STATUS,
    RowReason.UNKNOWN_WILAYAH,
    RowReason.WILAYAH_OUTSIDE_KABKOTA,
    RowReason.SELESAI_BEFORE_PERMOHONAN,
    RowReason.FUTURE_TIMESTAMP,
)


# --- the reasons in Bahasa Indonesia (receipts, notices, the "Penerimaan data" table) ----------
CATALOGUE_FILE = Path(__file__).with_name("reasons_id.toml")


@dataclass(frozen=True)
class ReasonText:
    code: str
    label: str  # short name
    teks: str  # what went wrong
    tindakan: str  # what the sender should do
    kolom: tuple[str, ...] = ()  # columns a row reason is about when its message names none


@cache
def catalogue() -> dict[str, ReasonText]:
    """Every reason code with its Indonesian texts (``reasons_id.toml``, the one catalogue)."""
    data = tomllib.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    return {
        code: ReasonText(code, e["label"], e["teks"], e["tindakan"], tuple(e.get("kolom", ())))
        for code, e in data.items()
    }


def explain(code: str) -> ReasonText:
    """The Indonesian texts of a reason code (an unknown code gets a neutral text)."""
    found = catalogue().get(code)
    if found is not None:
        return found
    return ReasonText(
        code,
        f"Alasan lain ({code})",
        "Data tidak memenuhi kontrak data.",
        "Hubungi Diskominfo Provinsi.",
    )

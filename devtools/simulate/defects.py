"""Bad input, placed deterministically so every contract case occurs even in tiny runs.

File-level: a regency-day is either missing (no file) or delivered as a broken file. Row-level:
exactly one defect per bad row, chosen so that it trips only its own rule under
`SERVICE_LOG_ROW_ORDER`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np

from devtools.simulate.common import stream
from devtools.simulate.variants import LogRow, Variant
from ingestion.reasons import FileReason, RowReason
from smartprov.base.reference import villages

# file-level kinds -> (formats they apply to, reason a correct ingestion gives)
FILE_DEFECTS: tuple[tuple[str, str, FileReason], ...] = (
    ("garbage", "csv", FileReason.UNREADABLE),
    ("not_zip", "xlsx", FileReason.UNREADABLE),
    ("zero_bytes", "csv", FileReason.EMPTY),
    ("zero_bytes", "jsonl", FileReason.EMPTY),
    ("header_only", "csv", FileReason.EMPTY),
    ("header_only", "xlsx", FileReason.EMPTY),
    ("missing_column", "csv", FileReason.MISSING_COLUMN),
    ("missing_column", "jsonl", FileReason.MISSING_COLUMN),
)
FILE_REASON = {kind: reason for kind, _, reason in FILE_DEFECTS}
MISSING = "missing"
MISSING_DAY_RATE = 0.005
ROW_DEFECT_RATE = 0.0015
GUARANTEED_PER_REASON = 2
DROPPED_COLUMN = "kanal"  # the column left out of a `missing_column` delivery


def plan_days(
    seed: int, variants: dict[str, Variant], days: int
) -> tuple[dict[str, dict[int, str]], str]:
    """Per regency: day index -> `missing` or a file defect kind; plus who misses the last day.

    The last day is missed by exactly one regency and never holds a broken file, so the data
    date is unambiguous. Needs at least two days for the file defects, and a regency delivering
    in the defect's format (every format in a province with as many regencies as variants).
    """
    rng = stream(seed, "days")
    codes = sorted(variants)
    roles: dict[str, dict[int, str]] = {code: {} for code in codes}
    misses_last = codes[int(rng.integers(0, len(codes)))]
    roles[misses_last][days - 1] = MISSING
    if days < 2:
        return roles, misses_last
    others = [c for c in codes if c != misses_last]
    # one guaranteed missing day in the middle, then a small random rate
    roles[others[int(rng.integers(0, len(others)))]][int(rng.integers(0, days - 1))] = MISSING
    for code in codes:
        for day in range(days - 1):
            if rng.random() < MISSING_DAY_RATE:
                roles[code].setdefault(day, MISSING)
    for kind, fmt, _ in FILE_DEFECTS:
        candidates = [c for c in codes if variants[c].fmt == fmt]
        if not candidates:  # a small province (fewer regencies than variants) lacks this format
            continue
        for _attempt in range(100):
            code = candidates[int(rng.integers(0, len(candidates)))]
            day = int(rng.integers(0, days - 1))
            if day not in roles[code]:
                roles[code][day] = kind
                break
    return roles, misses_last


def garbage_bytes(rng: np.random.Generator) -> bytes:
    """Binary junk named .csv: gzip magic, NUL bytes and bytes undefined in both UTF-8 and
    Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D), so no accepted encoding can read it."""
    body = rng.integers(0, 256, size=512, dtype=np.uint8).tobytes()
    return b"\x1f\x8b\x08\x00\x00\x81\x8d\x8f\x90\x9d" + body


NOT_ZIP_XLSX = (
    b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
    b"<body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>\n"
)


class RowDefects:
    """Turns a good row into a bad one with exactly one defect."""

    def __init__(self, seed: int, kode_kabkota: str) -> None:
        self.rng = stream(seed, "row-defects", kode_kabkota)
        known = {v.kode_wilayah for v in villages()}
        self.foreign = [v.kode_wilayah for v in villages() if v.kode_kabkota != kode_kabkota]
        unknown = [f"{kode_kabkota}.01.9999", f"{kode_kabkota}.99.2001", "31.71.01.1001"]
        self.unknown = [code for code in unknown if code not in known]

    def _pick(self, options: list[str] | tuple[str, ...]) -> str:
        return options[int(self.rng.integers(0, len(options)))]

    def random_reason(self) -> RowReason:
        from ingestion.reasons import SERVICE_LOG_ROW_ORDER

        return SERVICE_LOG_ROW_ORDER[int(self.rng.integers(0, len(SERVICE_LOG_ROW_ORDER)))]

    def apply(self, row: LogRow, reason: RowReason, day: date) -> None:
        raw: dict[str, str] = {}
        if reason is RowReason.MISSING_VALUE:
            column = self._pick(("jenis_layanan", "kanal", "kode_wilayah", "tte", "status"))
            raw[column] = ""
        elif reason is RowReason.INVALID_TIMESTAMP:
            raw["waktu_permohonan"] = self._pick(
                ("kemarin sore", "2026-13-45 25:61:00", "31/02/2026 08:15")
            )
        elif reason is RowReason.INVALID_VALUE:
            raw["tte"] = self._pick(("mungkin", "2"))
        elif reason is RowReason.UNKNOWN_JENIS_LAYANAN:
            raw["jenis_layanan"] = self._pick(("KTP_ELEKTRONIK", "SURAT_SAKTI", "IMB"))
        elif reason is RowReason.UNKNOWN_KANAL:
            raw["kanal"] = self._pick(("fax", "whatsapp", "pos"))
        elif reason is RowReason.UNKNOWN_STATUS:
            raw["status"] = self._pick(("batal", "menunggu", "dibatalkan"))
        elif reason is RowReason.UNKNOWN_WILAYAH:
            row.kode = self._pick(self.unknown)
        elif reason is RowReason.WILAYAH_OUTSIDE_KABKOTA:
            row.kode = self._pick(self.foreign)
        elif reason is RowReason.SELESAI_BEFORE_PERMOHONAN:
            row.status = "selesai"
            row.selesai = row.permohonan - timedelta(minutes=int(self.rng.integers(30, 180)))
        elif reason is RowReason.FUTURE_TIMESTAMP:
            minutes = int(self.rng.integers(8 * 60, 15 * 60))
            row.permohonan = datetime(day.year, day.month, day.day) + timedelta(
                days=5, minutes=minutes
            )
            row.status, row.selesai, row.tte, row.signer = "proses", None, False, ""
        else:  # pragma: no cover - every reason of SERVICE_LOG_ROW_ORDER is handled above
            raise ValueError(reason)
        row.raw = raw or None

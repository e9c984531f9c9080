"""The published figures the Jawa Tengah demo is calibrated to (``calibration/figures.csv``).

One row per figure and area: its value, year, whether it is ``published``, ``derived`` (computed
from published numbers, the row says how) or ``synthetic`` (nothing found: a plausible value,
labelled), the publication and where it was found, and the calibration test's tolerance
(relative for counts and money, absolute percentage points for rates; see the README).

Rows are keyed by ``kode_kabkota``: a province whose codes are not in the table (another
``SMARTPROV_PROVINCE``) simply gets no figures, and the simulator falls back to its generic
shapes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "calibration" / "figures.csv"
PROVINCE_ROW = ""  # kode_kabkota of a province-wide (or national) figure


@dataclass(frozen=True)
class Figure:
    figure: str
    kode_kabkota: str
    wilayah: str
    value: str
    unit: str
    year: str
    status: str
    tolerance: str
    publication: str
    where_found: str

    @property
    def number(self) -> float:
        return float(self.value)


@cache
def figures(table: Path = TABLE) -> tuple[Figure, ...]:
    with table.open(encoding="utf-8", newline="") as f:
        return tuple(Figure(**row) for row in csv.DictReader(f))


def by_regency(figure: str, codes: tuple[str, ...] | None = None) -> dict[str, float]:
    """``kode_kabkota -> value`` of a per-regency figure; empty unless every code has one."""
    values = {
        row.kode_kabkota: row.number
        for row in figures()
        if row.figure == figure and row.kode_kabkota != PROVINCE_ROW
    }
    if codes is not None and not set(codes) <= set(values):
        return {}
    return values if codes is None else {code: values[code] for code in codes}


def province_value(figure: str, wilayah: str = "Jawa Tengah") -> float | None:
    for row in figures():
        if row.figure == figure and row.kode_kabkota == PROVINCE_ROW and row.wilayah == wilayah:
            return row.number
    return None


def regencies_with(figure: str) -> tuple[str, ...]:
    """The regency codes a per-regency flag figure lists (e.g. ISPU stations)."""
    return tuple(
        sorted(
            row.kode_kabkota
            for row in figures()
            if row.figure == figure and row.kode_kabkota != PROVINCE_ROW
        )
    )

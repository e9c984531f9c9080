"""The Central Java geography (Kemendagri codes), read from the project's dbt seeds.

This is the only place the code learns which regencies, districts and villages exist.
Indonesian area data: idn-area-data 4.0.1, ODbL 1.0 (see dbt/seeds/wilayah_jateng/).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from smartprov.settings import REFERENCE_DIR

ATTRIBUTION = "Indonesian area data: idn-area-data 4.0.1, ODbL 1.0"


@dataclass(frozen=True)
class Village:
    kode_wilayah: str  # dotted, 33.76.01.1001
    nama: str
    kode_kecamatan: str
    kode_kabkota: str

    @property
    def jenis(self) -> str:
        """Village type: first digit of the last segment 1 = kelurahan, 2 = desa."""
        return "kelurahan" if self.kode_wilayah[9] == "1" else "desa"


@dataclass(frozen=True)
class Regency:
    kode_kabkota: str  # 33.76
    nama: str

    @property
    def is_kota(self) -> bool:
        return int(self.kode_kabkota[3:5]) >= 71


def _rows(name: str, folder: Path) -> list[dict[str, str]]:
    with (folder / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def regencies(folder: Path = REFERENCE_DIR) -> tuple[Regency, ...]:
    """All 35 regencies/cities, sorted by code."""
    rows = _rows("ref_regencies.csv", folder)
    return tuple(
        sorted((Regency(r["code"], r["name"]) for r in rows), key=lambda r: r.kode_kabkota)
    )


@cache
def villages(folder: Path = REFERENCE_DIR) -> tuple[Village, ...]:
    """All 8,563 villages (kelurahan and desa), sorted by code."""
    district_of = {r["code"]: r["regency_code"] for r in _rows("ref_districts.csv", folder)}
    out = [
        Village(r["code"], r["name"], r["district_code"], district_of[r["district_code"]])
        for r in _rows("ref_villages.csv", folder)
    ]
    return tuple(sorted(out, key=lambda v: v.kode_wilayah))


def regency_codes() -> tuple[str, ...]:
    return tuple(r.kode_kabkota for r in regencies())


def villages_by_regency() -> dict[str, list[Village]]:
    grouped: dict[str, list[Village]] = {code: [] for code in regency_codes()}
    for village in villages():
        grouped[village.kode_kabkota].append(village)
    return grouped


def normalise_village_code(code: str) -> str | None:
    """``3376011001`` or ``33.76.01.1001`` -> ``33.76.01.1001``; anything else -> None."""
    digits = code.strip().replace(".", "")
    if len(digits) != 10 or not digits.isdigit():
        return None
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:10]}"

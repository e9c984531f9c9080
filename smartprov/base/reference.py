"""The geography of the configured province (Kemendagri codes), read from the project's seeds.

The seeds (dbt/seeds/wilayah/) hold all of Indonesia; everything here is filtered to
``smartprov.base.settings.province_code()`` (``SMARTPROV_PROVINCE``, default Jawa Tengah). This is
the only place the code learns which regencies, districts and villages exist.
Indonesian area data: idn-area-data 4.0.1, ODbL 1.0 (see dbt/seeds/wilayah/).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from smartprov.base.settings import REFERENCE_DIR, province_code

ATTRIBUTION = "Indonesian area data: idn-area-data 4.0.1, ODbL 1.0"


@dataclass(frozen=True)
class Province:
    kode_provinsi: str  # 33
    nama: str  # Jawa Tengah


@dataclass(frozen=True)
class Village:
    kode_wilayah: str  # dotted PP.RR.DD.VVVV
    nama: str
    kode_kecamatan: str
    kode_kabkota: str

    @property
    def jenis(self) -> str:
        """Village type: first digit of the last segment 1 = kelurahan, 2 = desa."""
        return "kelurahan" if self.kode_wilayah[9] == "1" else "desa"


@dataclass(frozen=True)
class Regency:
    kode_kabkota: str  # PP.RR
    nama: str

    @property
    def is_kota(self) -> bool:
        return int(self.kode_kabkota[3:5]) >= 71


def _rows(name: str, folder: Path) -> list[dict[str, str]]:
    with (folder / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def _province(code: str, folder: Path) -> Province:
    for row in _rows("ref_provinces.csv", folder):
        if row["code"] == code:
            return Province(row["code"], row["name"])
    raise ValueError(f"SMARTPROV_PROVINCE={code!r} is not a province code in {folder}")


@cache
def _regencies(code: str, folder: Path) -> tuple[Regency, ...]:
    _province(code, folder)  # an unknown province fails loudly, not with an empty geography
    rows = [r for r in _rows("ref_regencies.csv", folder) if r["province_code"] == code]
    return tuple(
        sorted((Regency(r["code"], r["name"]) for r in rows), key=lambda r: r.kode_kabkota)
    )


@cache
def _districts(code: str, folder: Path) -> dict[str, tuple[str, str]]:
    """District code -> (regency code, name) for the province's districts."""
    wanted = {r.kode_kabkota for r in _regencies(code, folder)}
    return {
        r["code"]: (r["regency_code"], r["name"])
        for r in _rows("ref_districts.csv", folder)
        if r["regency_code"] in wanted
    }


@cache
def _villages(code: str, folder: Path) -> tuple[Village, ...]:
    districts = _districts(code, folder)
    out = [
        Village(r["code"], r["name"], r["district_code"], districts[r["district_code"]][0])
        for r in _rows("ref_villages.csv", folder)
        if r["district_code"] in districts
    ]
    return tuple(sorted(out, key=lambda v: v.kode_wilayah))


@cache
def provinces(folder: Path = REFERENCE_DIR) -> tuple[Province, ...]:
    """All of Indonesia's provinces (38), in code order: the writers of the national lake."""
    rows = sorted(_rows("ref_provinces.csv", folder), key=lambda r: r["code"])
    return tuple(Province(row["code"], row["name"]) for row in rows)


def province(folder: Path = REFERENCE_DIR) -> Province:
    """The configured province (code and name, e.g. 33 Jawa Tengah)."""
    return _province(province_code(), folder)


def regencies(folder: Path = REFERENCE_DIR) -> tuple[Regency, ...]:
    """All regencies/cities of the configured province, sorted by code."""
    return _regencies(province_code(), folder)


def district_names(folder: Path = REFERENCE_DIR) -> dict[str, str]:
    """District (kecamatan) code -> name, for the configured province."""
    return {code: name for code, (_, name) in _districts(province_code(), folder).items()}


def villages(folder: Path = REFERENCE_DIR) -> tuple[Village, ...]:
    """All villages (kelurahan and desa) of the configured province, sorted by code."""
    return _villages(province_code(), folder)


def regency_codes() -> tuple[str, ...]:
    return tuple(r.kode_kabkota for r in regencies())


def regency_code_by_name(name: str) -> str | None:
    """The code of the province's regency/city called ``name`` (e.g. Kota Tegal), else None."""
    return next((r.kode_kabkota for r in regencies() if r.nama == name), None)


def unknown_regency_code() -> str:
    """A well-formed regency/city code that exists in no province (``PP.99``): defect rows."""
    return f"{province().kode_provinsi}.99"


def villages_by_regency() -> dict[str, list[Village]]:
    grouped: dict[str, list[Village]] = {code: [] for code in regency_codes()}
    for village in villages():
        grouped[village.kode_kabkota].append(village)
    return grouped


def normalise_village_code(code: str) -> str | None:
    """``PPRRDDVVVV`` or ``PP.RR.DD.VVVV`` -> ``PP.RR.DD.VVVV``; anything else -> None."""
    digits = code.strip().replace(".", "")
    if len(digits) != 10 or not digits.isdigit():
        return None
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:10]}"

"""Metadata of a release, generated from the data dictionary and the indicator catalogue.

Each dataset gets a Satu Data Indonesia metadata file: the statistical-activity and variable
elements of Peraturan BPS 4/2020 and 5/2020 (MS-Ind indicator metadata where a column is a
catalogued indicator): name, concept/definition, method, unit, classification, level of
disaggregation, periodicity, source, producer, with Kemendagri area codes as the reference
classification. The whole release is also described by a Frictionless Data Package
(``datapackage.json``) that a CKAN portal can take as is.
"""

from __future__ import annotations

from smartprov.base import reference
from smartprov.dictionary import Table, indicators
from smartprov.opendata.datasets import THRESHOLD, Dataset

LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}
AREA_LICENSE = reference.ATTRIBUTION
AREA_CLASSIFICATION = "Kode wilayah administrasi pemerintahan Kemendagri (kabupaten/kota PP.RR)"

_TYPES = {
    "VARCHAR": "string",
    "BIGINT": "integer",
    "INTEGER": "integer",
    "DOUBLE": "number",
    "DATE": "date",
    "BOOLEAN": "boolean",
    "TIMESTAMP": "datetime",
    "TIMESTAMP WITH TIME ZONE": "datetime",
}


def frictionless_type(duck_type: str) -> str:
    return _TYPES.get(duck_type.upper(), "string")


def walidata() -> str:
    """Perpres 39/2019 (Satu Data Indonesia) art. 1: the walidata gathers, checks and
    publishes the data of the producers; at the province that is its Diskominfo."""
    return f"Dinas Komunikasi dan Informatika Provinsi {reference.province().nama}"


def producers(dataset: Dataset) -> list[str]:
    """The produsen data (Perpres 39/2019) of a dataset's sources - not the walidata."""
    province = reference.province().nama
    names = {
        "diskominfo": f"Dinas Komunikasi dan Informatika Provinsi {province} (register rollout)",
        "kabkota": "Pemerintah kabupaten/kota (log layanan desa/kelurahan, melalui Diskominfo"
        " kabupaten/kota)",
        "lapor": "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi (SP4N-LAPOR!)",
        "bps": f"Badan Pusat Statistik Provinsi {province}",
        "lingkungan": f"Perangkat daerah urusan lingkungan hidup Provinsi {province} (ISPU, IKLH)",
    }
    return [names[key] for key in dataset.producers] or [walidata()]


def _indicator(code: str) -> dict[str, str]:
    row = indicators()[code]
    return {
        "kode": code,
        "nama": row["nama_indikator"],
        "konsep_definisi": row["citation"],
        "metode_rumus": row["formula"],
        "satuan": row["unit"],
        "interpretasi": row["direction"],
        "bobot": row["weight"],
        "nilai_acuan": row["bound_basis"],
        "sumber": row["source"],
        "rujukan": row["framework"] or "-",
    }


def variables(table: Table, columns: list[tuple[str, str]]) -> list[dict]:
    """MS-Ind variable metadata of each released column."""
    out = []
    for name, duck_type in columns:
        column = table.columns[name]
        variable = {
            "nama": name,
            "definisi": column.deskripsi,
            "definition_en": column.description,
            "tipe_data": frictionless_type(duck_type),
        }
        if column.indicator_code:
            variable["indikator"] = _indicator(column.indicator_code)
        if name == "kode_kabkota":
            variable["klasifikasi"] = AREA_CLASSIFICATION
        out.append(variable)
    return out


def dataset_metadata(
    dataset: Dataset, table: Table, columns: list[tuple[str, str]], as_of_date: str | None
) -> dict:
    """Satu Data Indonesia metadata (Perba BPS 4/2020 and 5/2020 elements) of one dataset."""
    names = {c for c, _ in columns}
    metadata = {
        "judul": dataset.title,
        "title_en": table.description,
        "konsep_definisi": table.deskripsi,
        "metode": (
            "Agregasi otomatis dari data operasional (pipeline smartprov, model dbt "
            f"{dataset.name}); nilai cacah pengaduan 1-{THRESHOLD - 1} dan rasio turunannya "
            "disembunyikan (kosong) untuk melindungi kerahasiaan."
        ),
        "satuan_observasi": table.satuan,
        "klasifikasi": AREA_CLASSIFICATION,
        "kode_referensi_wilayah": AREA_LICENSE,
        "level_penyajian": "provinsi" if "kode_kabkota" not in names else "kabupaten/kota",
        "periodisitas": dataset.periodicity,
        "pembaruan": table.pembaruan,
        "sumber": table.sumber,
        "produsen_data": producers(dataset),
        "walidata": walidata(),
        "dasar_hukum": "Perpres 39/2019 tentang Satu Data Indonesia",
        "wilayah": reference.province().nama,
        "tanggal_data": as_of_date,
        "lisensi": LICENSE["name"],
        "variabel": variables(table, columns),
    }
    if dataset.name == "mart_scorecard_kabkota":
        metadata["indikator"] = [_indicator(code) for code in indicators()]
    return metadata


def field_descriptor(table: Table, name: str, duck_type: str) -> dict:
    column = table.columns[name]
    field = {
        "name": name,
        "type": frictionless_type(duck_type),
        "title": column.deskripsi,
        "description": f"ID: {column.deskripsi} / EN: {column.description}",
    }
    if name == "kode_kabkota":
        field["constraints"] = {"required": True, "enum": list(reference.regency_codes())}
    return field


def resource_descriptor(
    dataset: Dataset, table: Table, columns: list[tuple[str, str]], path: str, fmt: str
) -> dict:
    resource = {
        "name": dataset.name if fmt == "csv" else f"{dataset.name}-parquet",
        "path": path,
        "title": dataset.title,
        "description": f"ID: {table.deskripsi} / EN: {table.description}",
        "format": fmt,
        "schema": {
            "fields": [field_descriptor(table, n, t) for n, t in columns],
            "primaryKey": list(dataset.key),
        },
    }
    if fmt == "csv":
        resource |= {
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ","},
        }
    else:
        resource["mediatype"] = "application/vnd.apache.parquet"
    return resource


def package_descriptor(
    resources: list[dict], as_of_date: str | None, created: str, authors: list[str] = ()
) -> dict:
    province = reference.province().nama
    return {
        "name": f"smartprov-{province.lower().replace(' ', '-')}-open-data",
        "title": f"Data terbuka provinsi cerdas {province}",
        "description": (
            f"Data agregat tingkat kabupaten/kota dan provinsi {province}: rollout layanan "
            "digital desa/kelurahan, adopsi tanda tangan elektronik, tingkat layanan SP4N-LAPOR!, "
            f"indikator dan scorecard. Tanggal data {as_of_date}."
        ),
        "version": str(as_of_date),
        "created": created,
        "licenses": [LICENSE],
        "contributors": [
            {"title": walidata(), "role": "publisher"},
            *({"title": name, "role": "author"} for name in sorted(set(authors))),
        ],
        "sources": [{"title": AREA_LICENSE}],
        "keywords": ["smart province", "SPBE", "SP4N-LAPOR!", "TTE", province],
        "resources": resources,
    }

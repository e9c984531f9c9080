"""Write and validate an open-data release from the serving database.

A release directory holds, per dataset, ``<name>.csv`` (UTF-8, ``,``), ``<name>.parquet`` and
``<name>.metadata.json`` (Satu Data Indonesia elements), plus ``datapackage.json`` describing
all of them (Frictionless Data Package, ready for a CKAN portal).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from smartprov.dictionary import tables
from smartprov.opendata import metadata
from smartprov.opendata.datasets import DATASETS, FORBIDDEN_COLUMNS, THRESHOLD, suppressed_select
from smartprov.opendata.disclosure import Masks, lapor_masks

PACKAGE = "datapackage.json"


class OpenDataError(RuntimeError):
    """A release could not be written, or does not pass its own validation."""


@dataclass(frozen=True)
class Release:
    directory: Path
    as_of_date: str | None
    row_counts: dict[str, int]


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _columns(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[str, str]]:
    return [(name, str(kind)) for name, kind, *_ in con.execute(f"describe {sql}").fetchall()]


def _as_of_date(con: duckdb.DuckDBPyConnection) -> str | None:
    value = con.execute("select max(as_of_date) from marts._publication").fetchone()[0]
    return value.isoformat() if value else None


def _write_dataset(
    con, dataset, out: Path, as_of_date: str | None, masks: Masks
) -> tuple[list[dict], int]:
    table = tables()[dataset.name]
    source = _columns(con, f"select * from {dataset.table}")
    sql = suppressed_select(dataset, source, masks.get(dataset.name))
    columns = _columns(con, sql)
    csv_path, parquet_path = out / f"{dataset.name}.csv", out / f"{dataset.name}.parquet"
    con.execute(f"copy ({sql}) to {_literal(csv_path)} (header, delimiter ',')")
    con.execute(f"copy ({sql}) to {_literal(parquet_path)} (format parquet)")
    meta = metadata.dataset_metadata(dataset, table, columns, as_of_date)
    (out / f"{dataset.name}.metadata.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    rows = con.execute(f"select count(*) from read_parquet({_literal(parquet_path)})").fetchone()
    resources = [
        metadata.resource_descriptor(dataset, table, columns, csv_path.name, "csv"),
        metadata.resource_descriptor(dataset, table, columns, parquet_path.name, "parquet"),
    ]
    return resources, rows[0]


def write_release(serving: Path, out: Path) -> Release:
    """Write every dataset of ``DATASETS`` from ``serving`` into ``out``."""
    if not serving.exists():
        raise OpenDataError(f"{serving} does not exist: run `smartprov publish` first")
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(serving), read_only=True)
    try:
        as_of_date = _as_of_date(con)
        masks = lapor_masks(con)
        resources: list[dict] = []
        counts: dict[str, int] = {}
        for dataset in DATASETS:
            written, counts[dataset.name] = _write_dataset(con, dataset, out, as_of_date, masks)
            resources += written
    finally:
        con.close()
    created = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    authors = [name for dataset in DATASETS for name in metadata.producers(dataset)]
    package = metadata.package_descriptor(resources, as_of_date, created, authors)
    (out / PACKAGE).write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return Release(out, as_of_date, counts)


def _frictionless_errors(out: Path, package: dict) -> list[str]:
    """Validate the CSV resources with Frictionless (schema, types, enum of regency codes)."""
    from frictionless import Package

    csv_only = {**package, "resources": [r for r in package["resources"] if r["format"] == "csv"]}
    report = Package(csv_only, basepath=str(out)).validate()
    if report.valid:
        return []
    return [
        f"{task.name}: {error.message}" for task in report.tasks for error in task.errors[:5]
    ] + [f"package: {error.message}" for error in report.errors]


def _resource_errors(con, out: Path, resource: dict) -> list[str]:
    """Columns and types of one released file against its descriptor; no disclosive value."""
    reader = "read_csv" if resource["format"] == "csv" else "read_parquet"
    path = _literal(out / resource["path"])
    fields = resource["schema"]["fields"]
    found = _columns(con, f"select * from {reader}({path})")
    errors = []
    if [n for n, _ in found] != [f["name"] for f in fields]:
        errors.append(f"{resource['path']}: columns {[n for n, _ in found]} != descriptor")
    if resource["format"] == "parquet":
        types = [metadata.frictionless_type(t) for _, t in found]
        if types != [f["type"] for f in fields]:
            errors.append(f"{resource['path']}: types {types} != descriptor")
    leaked = FORBIDDEN_COLUMNS.intersection(n for n, _ in found)
    if leaked:
        errors.append(f"{resource['path']}: forbidden columns {sorted(leaked)}")
    dataset = next(d for d in DATASETS if resource["name"].startswith(d.name))
    for column in dataset.small_counts:
        small = con.execute(
            f'select count(*) from {reader}({path}) where try_cast("{column}" as bigint)'
            f" between 1 and {THRESHOLD - 1}"
        ).fetchone()[0]
        if small:
            errors.append(f"{resource['path']}: {small} unsuppressed small {column}")
    return errors


def validate_release(out: Path) -> list[str]:
    """Every problem of the release in ``out`` (empty = valid)."""
    package = json.loads((out / PACKAGE).read_text(encoding="utf-8"))
    errors = _frictionless_errors(out, package)
    con = duckdb.connect()
    try:
        for resource in package["resources"]:
            errors += _resource_errors(con, out, resource)
    finally:
        con.close()
    for dataset in DATASETS:
        meta = json.loads((out / f"{dataset.name}.metadata.json").read_text(encoding="utf-8"))
        resource = next(r for r in package["resources"] if r["name"] == dataset.name)
        if [v["nama"] for v in meta["variabel"]] != [
            f["name"] for f in resource["schema"]["fields"]
        ]:
            errors.append(f"{dataset.name}.metadata.json: variables differ from the data package")
    return errors

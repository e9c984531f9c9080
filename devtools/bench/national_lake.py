"""A national-size lake for the benchmark, replicated from one real province export.

``python -m devtools.bench.national_lake --source LAKE --province 33 --out LAKE2 --copies K``
writes a lake of all 38 provinces: each is the source province's real export (marts and
transactions) relabelled with the province's code, its transactions repeated ``K`` times a
month for 12 months (distinct keys), with manifests exactly as ``smartprov export`` writes
them and the same swap-in. The national marts only aggregate, so this measures the engines
on the nation's shape and volume; the figures are not the provinces' own (docs/scaling.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import uuid
from pathlib import Path

import duckdb

from smartprov.base.settings import REFERENCE_DIR
from smartprov.national import lake

MONTHS = 12


def _codes() -> list[tuple[str, str]]:
    con = duckdb.connect()
    path = str(REFERENCE_DIR / "ref_provinces.csv")
    rows = con.execute(
        "select code::varchar, name from read_csv(?, all_varchar=true) order by 1", [path]
    ).fetchall()
    con.close()
    return rows


def _relabel(con, source: Path, table: str, code: str, target: Path) -> None:
    src = str(source / f"{table}.parquet").replace("'", "''")
    con.execute(
        f"copy (select * replace ('{code}' as kode_provinsi,"
        f" '{code}' || substr(kode_kabkota, 3) as kode_kabkota)"
        f" from read_parquet('{src}')) to '{target / f'{table}.parquet'}' (format parquet)"
    )


def _facts(con, source: Path, code: str, target: Path, copies: int) -> None:
    files = sorted((source / lake.FACT).glob("*.parquet"))
    src = "[" + ", ".join(f"'{f}'" for f in files) + "]"
    (target / lake.FACT).mkdir()
    for month in range(MONTHS):
        bulan = dt.date(2025, month + 1, 1)
        con.execute(
            f"copy (select * replace ('{code}' as kode_provinsi, date '{bulan}' as bulan,"
            f" '{code}' || substr(kode_kabkota, 3) as kode_kabkota,"
            f" transaksi_key || '-{month}-' || copy::varchar as transaksi_key)"
            f" from read_parquet({src}), range({copies}) as r(copy))"
            f" to '{target / lake.FACT / f'{bulan:%Y-%m}.parquet'}' (format parquet)"
        )


def replicate(source_lake: Path, province: str, out: Path, copies: int) -> int:
    source = (source_lake / f"{lake.PREFIX}{province}").resolve(strict=True)
    base = json.loads((source / lake.MANIFEST).read_text())
    con = duckdb.connect()
    total = 0
    for code, name in _codes():
        version = out / lake.VERSIONS / code / uuid.uuid4().hex
        version.mkdir(parents=True)
        for table in lake.REGENCY_MARTS:
            _relabel(con, source, table, code, version)
        _facts(con, source, code, version, copies)
        quoted = name.replace("'", "''")
        con.execute(
            f"copy (select * replace ('{code}' as kode_provinsi, '{quoted}' as nama_provinsi)"
            f" from read_parquet('{source / 'export_info.parquet'}'))"
            f" to '{version / 'export_info.parquet'}' (format parquet)"
        )
        manifest = lake._manifest(con, version, {**base, "kode_provinsi": code})
        (version / lake.MANIFEST).write_text(json.dumps(manifest, default=str))
        lake._swap_in(out, code, version)
        total += sum(f["rows"] for f in manifest["files"].values())
    con.close()
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, required=True)
    parser.add_argument("--province", default="33")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    rows = replicate(args.source.resolve(), args.province, args.out.resolve(), args.copies)
    print(f"{rows} rows in 38 provinces -> {args.out}")


if __name__ == "__main__":
    main()

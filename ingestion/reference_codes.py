"""The province's village and regency codes for the row rules, cached in the warehouse.

Every ingest (one Airflow task per regency and day among them) checks codes against the
configured province's villages and regencies; the dbt seeds hold all of Indonesia (83 k
villages), so the province's codes are kept in the warehouse's ``ingest_cache`` schema until
the seed files or the province change.
"""

from __future__ import annotations

import duckdb

from ingestion.ledger import store_catalogue
from smartprov.base.settings import REFERENCE_DIR, province_code

REFERENCE_FILES = ("ref_villages.csv", "ref_districts.csv", "ref_regencies.csv")


def _reference_fingerprint() -> str:
    """The province and the size and modification time of the seed files the codes come from."""
    stats = [(REFERENCE_DIR / name).stat() for name in REFERENCE_FILES]
    return province_code() + "".join(f"|{s.st_size}:{s.st_mtime_ns}" for s in stats)


def _cache_reference(con: duckdb.DuckDBPyConnection, fingerprint: str) -> None:
    """The province's villages and regencies out of the seeds (all of Indonesia: 83 k villages
    read as CSV, ~0.1 s), kept in the warehouse's ``ingest_cache`` schema with the fingerprint
    of the files they came from."""
    files = {
        "villages": str(REFERENCE_DIR / "ref_villages.csv"),
        "districts": str(REFERENCE_DIR / "ref_districts.csv"),
        "regencies": str(REFERENCE_DIR / "ref_regencies.csv"),
        "province": province_code(),
    }
    con.execute("create schema if not exists ingest_cache")
    con.execute(
        """
        create or replace table ingest_cache.villages as
        select
            v.code as kode_wilayah,
            replace(v.code, '.', '') as kode_digits,
            d.regency_code as kode_kabkota
        from read_csv($villages, all_varchar = true) as v
        join read_csv($districts, all_varchar = true) as d on d.code = v.district_code
        join read_csv($regencies, all_varchar = true) as r on r.code = d.regency_code
        where r.province_code = $province
        """,
        files,
    )
    con.execute(
        """
        create or replace table ingest_cache.regencies as
        select code as kode_kabkota from read_csv($regencies, all_varchar = true)
        where province_code = $province
        """,
        {"regencies": files["regencies"], "province": files["province"]},
    )
    con.execute(
        "create or replace table ingest_cache.reference_source as select ? as fingerprint",
        [fingerprint],
    )


def prepare_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Temp tables of the configured province's villages and regencies (from the dbt seeds, which
    hold all of Indonesia) for code checks; the reason catalogue refreshed in the audit schema.

    The province's codes are read from the seed files once and kept in the warehouse
    (``ingest_cache``) until the files or the province change: one Airflow task per regency
    and day runs this, and re-reading 83 k villages was a third of such a task's ingest."""
    fingerprint = _reference_fingerprint()
    cached = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'ingest_cache'"
        " and table_name = 'reference_source'"
    ).fetchall()[0][0]
    if not cached or con.execute(
        "select fingerprint from ingest_cache.reference_source"
    ).fetchall() != [(fingerprint,)]:
        _cache_reference(con, fingerprint)
    con.execute(
        "create or replace temp table ref_villages as select * from ingest_cache.villages;"
        "create or replace temp table ref_regencies as select * from ingest_cache.regencies;"
    )
    store_catalogue(con)  # the reasons in Bahasa Indonesia, for dbt's receipts table

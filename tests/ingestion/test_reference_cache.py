"""The province's village and regency codes, kept in the warehouse between ingests
(ingestion.reference_codes.prepare_reference): the same codes as the seed files, refreshed when the
files or the province change."""

from __future__ import annotations

import csv

import duckdb
import pytest

from ingestion.reference_codes import prepare_reference
from smartprov.base.settings import REFERENCE_DIR


def _codes_from_seeds(province: str) -> tuple[set[str], set[str]]:
    """Independently of the SQL: the province's regencies and villages, read with csv."""
    with (REFERENCE_DIR / "ref_regencies.csv").open(encoding="utf-8") as handle:
        regencies = {r["code"] for r in csv.DictReader(handle) if r["province_code"] == province}
    with (REFERENCE_DIR / "ref_districts.csv").open(encoding="utf-8") as handle:
        districts = {r["code"] for r in csv.DictReader(handle) if r["regency_code"] in regencies}
    with (REFERENCE_DIR / "ref_villages.csv").open(encoding="utf-8") as handle:
        villages = {r["code"] for r in csv.DictReader(handle) if r["district_code"] in districts}
    return regencies, villages


def _prepared(con: duckdb.DuckDBPyConnection) -> tuple[set[str], set[str]]:
    prepare_reference(con)
    regencies = {c for (c,) in con.execute("select kode_kabkota from ref_regencies").fetchall()}
    villages = {c for (c,) in con.execute("select kode_wilayah from ref_villages").fetchall()}
    return regencies, villages


@pytest.fixture
def con(tmp_path):
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    connection.execute("create schema audit")  # store_catalogue writes the reasons there
    yield connection
    connection.close()


def test_cached_codes_are_the_seed_codes_and_follow_the_province(con, monkeypatch) -> None:
    monkeypatch.setenv("SMARTPROV_PROVINCE", "33")
    assert _prepared(con) == _codes_from_seeds("33")
    assert _prepared(con) == _codes_from_seeds("33")  # from the cache this time
    monkeypatch.setenv("SMARTPROV_PROVINCE", "34")  # another province: the cache is refreshed
    expected = _codes_from_seeds("34")
    assert expected[0] and _prepared(con) == expected


def test_a_changed_fingerprint_rebuilds_the_cache(con, monkeypatch) -> None:
    monkeypatch.setenv("SMARTPROV_PROVINCE", "33")
    _prepared(con)
    # as if the seed files had been replaced since: a stale fingerprint and stale contents
    con.execute("update ingest_cache.reference_source set fingerprint = 'old seeds'")
    con.execute("delete from ingest_cache.villages where kode_kabkota = '33.76'")
    assert _prepared(con) == _codes_from_seeds("33")

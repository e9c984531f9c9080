"""The whole platform for another province: DI Yogyakarta (SMARTPROV_PROVINCE=34).

Simulate -> ingest -> dbt build -> publish -> dashboard assets, each step a `smartprov`
subprocess with the province in its environment (as an operator would run it). Every serving
dimension and mart keyed by regency/city covers exactly DIY's 5 regencies/cities (facts: only
DIY's), `dim_wilayah` holds DIY's 438 villages, no Jawa Tengah code appears anywhere, and the
dashboards name the province.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from smartprov.base.settings import REFERENCE_DIR
from tests.province_process import json_as_province

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

PROVINCE = "34"
DIY_NAME = "Daerah Istimewa Yogyakarta"
DIY_REGENCIES = ("34.01", "34.02", "34.03", "34.04", "34.71")
DIY_VILLAGES = 438
SMARTPROV = Path(sys.executable).with_name("smartprov")


def _csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_reference_data_has_diy_as_stated() -> None:
    """The expectations below are DIY's figures in the shipped reference CSVs."""
    assert {r["code"]: r["name"] for r in _csv("ref_provinces.csv")}[PROVINCE] == DIY_NAME
    codes = tuple(
        sorted(r["code"] for r in _csv("ref_regencies.csv") if r["province_code"] == "34")
    )
    assert codes == DIY_REGENCIES
    assert sum(r["code"].startswith("34.") for r in _csv("ref_villages.csv")) == DIY_VILLAGES


@pytest.fixture(scope="module")
def diy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, float]]:
    home = tmp_path_factory.mktemp("diy")
    env = {
        **os.environ,
        "SMARTPROV_HOME": str(home),
        "SMARTPROV_PROVINCE": PROVINCE,
        "SMARTPROV_PII_KEY": "test-pii-key-not-a-secret-0123456789abcdef",
    }
    timings: dict[str, float] = {}
    steps = {
        "simulate": ["simulate", "--start", "2026-01-01", "--days", "3"]
        + ["--seed", "7", "--scale", "0.05"],
        "ingest": ["ingest"],
        "transform": ["transform"],
        "publish": ["publish"],
    }
    for name, args in steps.items():
        started = time.monotonic()
        done = subprocess.run(
            [str(SMARTPROV), *args], env=env, cwd=home, capture_output=True, text=True, timeout=600
        )
        timings[name] = time.monotonic() - started
        assert done.returncode == 0, f"smartprov {name} failed:\n{done.stdout}\n{done.stderr}"
    print("DIY timings (s):", {k: round(v, 1) for k, v in timings.items()})
    return home, env, timings


def test_every_regency_table_covers_exactly_diy(diy) -> None:
    home, _, _ = diy
    con = duckdb.connect(str(home / "serving.duckdb"), read_only=True)
    try:
        tables = [
            name
            for (name,) in con.execute(
                "select distinct table_name from information_schema.columns"
                " where table_schema = 'marts' and column_name = 'kode_kabkota'"
            ).fetchall()
        ]
        assert "dim_kabkota" in tables and "mart_rollout_kabkota" in tables
        for table in tables:
            codes = {
                code
                for (code,) in con.execute(
                    f'select distinct kode_kabkota from marts."{table}"'
                    " where kode_kabkota is not null"
                ).fetchall()
            }
            if table.startswith("fct_"):  # facts: only regencies with events in the sample
                assert codes and codes <= set(DIY_REGENCIES), table
            elif table == "mart_map_kabkota":  # outlines ship for Jawa Tengah only (no DIY map)
                assert codes <= set(DIY_REGENCIES), table
            else:  # dimensions and marts: one row set per regency/city, all of them
                assert codes == set(DIY_REGENCIES), table
        (villages,) = con.execute("select count(*) from marts.dim_wilayah").fetchone()
        assert villages == DIY_VILLAGES
        (foreign,) = con.execute(
            "select count(*) from marts.dim_wilayah where not starts_with(kode_wilayah, '34.')"
        ).fetchone()
        assert foreign == 0
        names = dict(
            con.execute("select kode_kabkota, nama_kabkota from marts.dim_kabkota").fetchall()
        )
        assert names["34.71"] == "Kota Yogyakarta"
    finally:
        con.close()


def test_no_jawa_tengah_code_in_serving(diy) -> None:
    """No text column of any serving table holds a Jawa Tengah code (33.xx...)."""
    home, _, _ = diy
    con = duckdb.connect(str(home / "serving.duckdb"), read_only=True)
    try:
        columns = con.execute(
            "select table_name, column_name from information_schema.columns"
            " where table_schema = 'marts' and data_type = 'VARCHAR'"
            " and (column_name like 'kode%' or column_name like '%kabkota%')"
        ).fetchall()
        assert columns
        for table, column in columns:
            (hits,) = con.execute(
                f'select count(*) from marts."{table}" where starts_with("{column}", \'33.\')'
            ).fetchone()
            assert hits == 0, f"{table}.{column}"
    finally:
        con.close()


def test_dashboards_name_the_province(diy) -> None:
    _, env, _ = diy
    script = (
        "import json; from dashboards.catalog.render import rendered; print(json.dumps(rendered()))"
    )
    files: dict[str, str] = json_as_province(PROVINCE, script, env)
    text = "\n".join(files.values())
    assert "Jawa Tengah" not in text
    assert "8.563" not in text
    ringkasan = next(v for k, v in files.items() if k.startswith("dashboards/ringkasan"))
    assert f"Ringkasan Provinsi Cerdas {DIY_NAME}" in ringkasan
    assert f"Seluruh {DIY_VILLAGES} desa dan kelurahan di {DIY_NAME}" in text
    assert "rls.yaml" in "".join(files) or "security/rls.yaml" in files
    assert "each of the 5 regencies/cities" in files["security/rls.yaml"]

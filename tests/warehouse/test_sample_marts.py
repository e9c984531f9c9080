"""The real pipeline over the simulator's sample: serving agrees with what was delivered.

The simulator's manifest (written while it generated the files) and an independent recount of
the delivered indicator files are the references; the marts are computed by the real dbt build.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import duckdb
import pytest

from smartprov.base.settings import Paths
from smartprov.publish import publish
from smartprov.transform import run_dbt_build

SERVING_V1 = {
    "dim_wilayah",
    "mart_rollout_village",
    "mart_rollout_kabkota",
    "mart_lapor_sla_kabkota",
    "mart_scorecard_kabkota",
}


@pytest.fixture(scope="module")
def serving(ingested_sample: tuple[Paths, dict[str, Any]]):
    paths, expected = ingested_sample
    run_dbt_build(paths)
    publish(paths)
    con = duckdb.connect(str(paths.serving), read_only=True)
    try:
        yield con, paths, expected
    finally:
        con.close()


def test_serving_holds_the_contract_tables(serving) -> None:
    con, _, _ = serving
    tables = {t for (t,) in con.execute(
        "select table_name from information_schema.tables where table_schema = 'marts'"
    ).fetchall()}  # fmt: skip
    assert tables >= SERVING_V1
    schemas = {s for (s,) in con.execute("select schema_name from duckdb_schemas()").fetchall()}
    assert not schemas & {"raw", "audit", "staging", "intermediate"}
    assert con.execute("select count(*) from marts.dim_wilayah").fetchone()[0] == 8563


def test_regency_tables_have_35_rows_per_period(serving) -> None:
    con, _, _ = serving
    for sql in (
        "select program, count(*) from marts.mart_rollout_kabkota group by 1",
        "select 'all', count(*) from marts.mart_lapor_sla_kabkota",
        "select tahun || indicator_code, count(*) from marts.mart_scorecard_kabkota group by 1",
    ):
        counts = con.execute(sql).fetchall()
        assert counts and all(n == 35 for _, n in counts), sql


def test_rollout_matches_the_delivered_data(serving) -> None:
    con, _, expected = serving
    got = {
        kode: row
        for kode, *row in con.execute(
            """
            select kode_kabkota, target_villages, live_villages, active_villages_30d, as_of_date
            from marts.mart_rollout_kabkota where program = 'TTE_KELURAHAN'
            """
        ).fetchall()
    }
    for kode, want in expected["service_logs"].items():
        target, live, active, as_of = got[kode]
        assert (target, live, active) == (
            want["target_villages"],
            want["live_villages"],
            want["active_villages_30d"],
        ), kode
        assert as_of.isoformat() == expected["data_date"]
    assert got["33.76"][:2] == [27, 19], "Kota Tegal: 19 of 27 kelurahan live"
    letters = dict(
        (k, (a, b))
        for k, a, b in con.execute(
            "select kode_kabkota, sum(letters_30d), sum(tte_letters_30d) "
            "from marts.mart_rollout_village where program = 'TTE_KELURAHAN' group by 1"
        ).fetchall()
    )
    for kode, want in expected["service_logs"].items():
        assert letters[kode] == (want["letters_30d"], want["tte_letters_30d"]), kode


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_indicators_recomputed_from_the_delivered_files(serving) -> None:
    """GRDP per capita and poverty, straight from the CSVs with the csv module."""
    con, paths, _ = serving
    root = paths.landing / "indicators"
    valid = {c for (c,) in con.execute("select kode_kabkota from marts.dim_kabkota").fetchall()}
    population = {
        (r["kode_kabkota"], int(r["tahun"])): int(r["jumlah_penduduk"])
        for r in _read(root / "penduduk" / "2025.csv")
        if r["kode_kabkota"] in valid
    }
    checked = 0
    for row in _read(root / "pdrb" / "2025.csv"):
        key = (row["kode_kabkota"], int(row["tahun"]))
        try:
            adhb = float(row["pdrb_adhb_miliar"])
        except ValueError:
            continue  # the quarantined row
        if key not in population:
            continue
        want = adhb * 1e9 / population[key] / 1e6  # million rupiah per person
        (got,) = con.execute(
            "select grdp_per_capita_juta from marts.mart_economy_kabkota "
            "where kode_kabkota = ? and tahun = ?",
            list(key),
        ).fetchone()
        assert got == pytest.approx(want, rel=1e-9), key
        checked += 1
    assert checked >= 34
    for row in _read(root / "kemiskinan" / "2025.csv"):
        if row["kode_kabkota"] not in valid or float(row["persen_penduduk_miskin"]) > 100:
            continue
        (got,) = con.execute(
            "select poverty_rate from marts.mart_economy_kabkota "
            "where kode_kabkota = ? and tahun = 2025",
            [row["kode_kabkota"]],
        ).fetchone()
        assert got == pytest.approx(float(row["persen_penduduk_miskin"]) / 100)


def test_lapor_complaints_reconcile(serving) -> None:
    con, _, expected = serving
    # the manifests count every report; "complaints" are jenis = pengaduan only (lapor-v1 v1.1)
    reports, complaints, lapor, laporgub, in_both = con.execute(
        "select sum(reports), sum(complaints), sum(complaints_lapor), sum(complaints_laporgub),"
        " sum(complaints_in_both) from marts.mart_lapor_sla_kabkota"
    ).fetchone()
    own = expected["lapor"]["complaints"] - expected["lapor"]["complaints_by_kabkota"].get("", 0)
    gub = expected["laporgub"]
    gub_own = gub["reports"] - gub["reports_by_kabkota"].get("", 0)
    # both channels, a report forwarded between them counted once (simulator's manifest)
    assert reports == own + gub_own - gub["linked_to_delivered_lapor"]
    # the channel counts are pengaduan only: at most each channel's reports
    assert lapor <= own and laporgub <= gub_own and in_both <= gub["linked_to_delivered_lapor"]
    assert complaints == lapor + laporgub - in_both
    rates = con.execute(
        "select min(least(verified_on_time_rate, followed_up_on_time_rate, completion_rate)), "
        "max(greatest(verified_on_time_rate, followed_up_on_time_rate, completion_rate)) "
        "from marts.mart_lapor_sla_kabkota"
    ).fetchone()
    assert rates[0] is None or 0 <= rates[0] <= rates[1] <= 1

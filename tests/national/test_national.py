"""The national roll-up end to end, on loopback.

Three provinces (conftest.py) -> the lake -> the national marts built by dbt on a real
two-worker Spark standalone cluster (started from the pyspark distribution) and on DuckDB.
The two engines' marts are equal table by table; each province's national figures equal its own
serving figures, recomputed here from its serving.duckdb; the national ranking is recomputed
independently. Then the lake's promises: an export killed half-way leaves the lake readable and
the national build unchanged, and a re-export of one province changes only its rows.
"""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from smartprov.base.settings import PROJECT_ROOT, Paths
from smartprov.national import cluster as spark_cluster
from smartprov.national.build import BuildResult, build
from smartprov.national.lake import snapshot

from .conftest import PROVINCES, Nation, smartprov

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


@pytest.fixture(scope="module")
def cluster(nation: Nation):
    """One master and two workers (1 core, 1 GB each) for the whole module."""
    spark_cluster.java()  # no Java: a clear failure here, not a skip
    running = spark_cluster.start(nation.root / "cluster", workers=2)
    try:
        yield running
    finally:
        running.stop()
        assert not _cluster_jvms(nation.root / "cluster"), "JVMs left after stopping the cluster"


def _cluster_jvms(folder: Path) -> list[int]:
    """Processes still running with the cluster's folder on their command line."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if str(folder) in command and "java" in command:
                found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def builds(nation: Nation, cluster) -> dict[str, BuildResult]:
    paths = Paths(nation.root / "national-home")
    spark = build(
        paths,
        "spark",
        master=cluster.master_url,
        lake=nation.lake,
        target=nation.root / "serving-spark.duckdb",
    )
    apps = cluster.state().get("completedapps", []) + cluster.state().get("activeapps", [])
    assert any(app["name"] == "smartprov-national" for app in apps), "dbt did not use the cluster"
    duck = build(paths, "duckdb", lake=nation.lake, target=nation.root / "serving-duckdb.duckdb")
    print("timings (s):", {**nation.timings, "spark": spark.seconds, "duckdb": duck.seconds})
    return {"spark": spark, "duckdb": duck}


def _rows(path: Path, table: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        columns = con.execute(
            "select column_name, data_type from information_schema.columns"
            " where table_schema = 'nasional' and table_name = ? order by column_name",
            [table],
        ).fetchall()
        select = ", ".join(f'"{c}"' for c, _ in columns)
        rows = con.execute(f'select {select} from nasional."{table}"').fetchall()
    finally:
        con.close()
    normalised = [tuple(_normal(v) for v in row) for row in rows]
    return [tuple(columns)] + sorted(normalised, key=repr)


def _normal(value):
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 9)
    return value


def test_spark_and_duckdb_build_equal_national_marts(builds) -> None:
    spark, duck = builds["spark"], builds["duckdb"]
    assert set(spark.row_counts) == set(duck.row_counts)
    assert len(spark.row_counts) == 6
    for table in spark.row_counts:
        assert spark.row_counts[table] > 0, table
        assert _rows(spark.serving, table) == _rows(duck.serving, table), table


def _one(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _ratio(numerator, denominator):
    return numerator / denominator if denominator else None


def _close(a, b) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b))


@pytest.mark.parametrize("code", PROVINCES)
def test_each_province_equals_its_own_serving(nation: Nation, builds, code: str) -> None:
    serving = nation.homes[code] / "serving.duckdb"
    national = builds["spark"].serving
    # rollout: Σ of the province's regencies per programme, shares Σ/Σ
    own = _one(
        serving,
        "select program, sum(target_villages), sum(live_villages), sum(letters_30d),"
        " sum(tte_letters_30d) from marts.mart_rollout_kabkota group by 1 order by 1",
    )
    mine = _one(
        national,
        "select program, target_villages, live_villages, letters_30d, tte_letters_30d,"
        " live_share, tte_share_30d from nasional.mart_national_rollout_provinsi"
        " where kode_provinsi = ? order by 1",
        [code],
    )
    assert [row[:5] for row in mine] == [tuple(row) for row in own]
    for _, target, live, letters, tte, live_share, tte_share in mine:
        assert _close(live_share, _ratio(live, target))
        assert _close(tte_share, _ratio(tte, letters))
    # SP4N-LAPOR!: counts summed, rates Σ/Σ (never an average of the regencies' rates)
    ((complaints, selesai, not_archived, verified, measured),) = _one(
        serving,
        "select sum(complaints), sum(complaints_selesai), sum(complaints_not_archived),"
        " sum(verified_on_time), sum(verification_measured) from marts.mart_lapor_sla_kabkota",
    )
    ((n_complaints, completion, verified_rate),) = _one(
        national,
        "select complaints, completion_rate, verified_on_time_rate"
        " from nasional.mart_national_lapor_sla_provinsi where kode_provinsi = ?",
        [code],
    )
    assert n_complaints == complaints
    assert _close(completion, _ratio(selesai, not_archived))
    assert _close(verified_rate, _ratio(verified, measured))
    # the scorecard: every row, with the province's own value, score and rank
    own_scores = _one(
        serving,
        "select kode_kabkota, tahun, indicator_code, value, score, rank"
        " from marts.mart_scorecard_kabkota order by 1, 2, 3",
    )
    national_scores = _one(
        national,
        "select kode_kabkota, tahun, indicator_code, value, score, rank_provinsi"
        " from nasional.mart_national_scorecard_kabkota where kode_provinsi = ? order by 1, 2, 3",
        [code],
    )
    assert national_scores == own_scores
    # adoption by month: the exported transactions against the province's own monthly mart
    own_months = _one(
        serving,
        "select bulan, sum(requests), sum(letters_issued), sum(tte_letters_issued)"
        " from marts.mart_adoption_kabkota_monthly group by 1 having sum(requests) > 0 order by 1",
    )
    national_months = _one(
        national,
        "select bulan, requests, letters_issued, tte_letters_issued"
        " from nasional.mart_national_adoption_provinsi_monthly where kode_provinsi = ?"
        " order by 1",
        [code],
    )
    assert national_months == [tuple(row) for row in own_months]


def test_regencies_ranked_across_provinces(builds) -> None:
    rows = _one(
        builds["spark"].serving,
        "select tahun, indicator_code, direction, value, rank_provinsi, rank_nasional,"
        " kode_provinsi from nasional.mart_national_scorecard_kabkota",
    )
    ranked = [r for r in rows if r[4] is not None]
    assert ranked, "the sample has no ranked (complete) year"
    assert {r[6] for r in ranked} == set(PROVINCES)
    assert all(r[5] is None for r in rows if r[4] is None)  # missing data never ranks
    for tahun, code, direction, value, _, rank, _ in ranked:
        oriented = value if direction == "higher_is_better" else -value
        better = sum(
            1
            for other in ranked
            if other[0] == tahun
            and other[1] == code
            and (other[3] if other[2] == "higher_is_better" else -other[3]) > oriented
        )
        assert rank == better + 1


def test_every_province_shown_with_its_freshness(builds) -> None:
    serving = builds["spark"].serving
    statuses = dict(
        _one(serving, "select kode_provinsi, status_data from nasional.mart_national_freshness")
    )
    assert len(statuses) == 38
    assert {k for k, v in statuses.items() if v == "tepat waktu"} == set(PROVINCES)
    assert {v for k, v in statuses.items() if k not in PROVINCES} == {"belum mengirim"}
    missing = _one(
        serving,
        "select distinct provinces_included, provinces_missing from nasional.mart_national_rollout",
    )
    assert missing == [(3, 35)]


def test_a_late_province_is_shown_late_and_still_counted(nation: Nation) -> None:
    """With the national date a week after the provinces' data date, all three are late."""
    result = build(
        Paths(nation.root / "late-home"),
        "duckdb",
        lake=nation.lake,
        target=nation.root / "serving-late.duckdb",
        national_date="2026-01-10",
    )
    late = _one(
        result.serving,
        "select kode_provinsi, days_behind from nasional.mart_national_freshness"
        " where status_data = 'terlambat' order by 1",
    )
    assert [code for code, _ in late] == list(PROVINCES)
    assert all(days > 2 for _, days in late)
    totals = _one(
        result.serving,
        "select distinct provinces_included, provinces_late from nasional.mart_national_rollout",
    )
    assert totals == [(3, 3)]


KILLER = """
import os, signal, sys
from smartprov.national import lake
calls = []
original = lake.write_parquet
def dying(con, query, target):
    original(con, query, target)
    calls.append(target)
    if len(calls) == 3:  # three files written, the rest and the manifest not
        os.kill(os.getpid(), signal.SIGKILL)
lake.write_parquet = dying
from smartprov.base.settings import Paths
lake.export(Paths.from_env())
"""


def test_killed_export_leaves_the_lake_and_the_build_unchanged(nation: Nation, builds) -> None:
    before = {p.kode_provinsi: (p.path, p.manifest) for p in snapshot(nation.lake).partitions}
    done = subprocess.run(
        [sys.executable, "-c", KILLER],
        env=nation.envs["34"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    # the half-written version is in the lake, unlinked and without a manifest
    versions = list((nation.lake / ".versions" / "34").iterdir())
    assert len(versions) == 2
    orphan = next(v for v in versions if v.resolve() != before["34"][0])
    assert not (orphan / "_manifest.json").exists() and any(orphan.rglob("*.parquet"))
    after = snapshot(nation.lake)
    assert not after.problems
    assert {p.kode_provinsi: (p.path, p.manifest) for p in after.partitions} == before
    rebuilt = build(
        Paths(nation.root / "after-kill"),
        "duckdb",
        lake=nation.lake,
        target=nation.root / "serving-after-kill.duckdb",
    )
    for table in builds["duckdb"].row_counts:
        assert _rows(rebuilt.serving, table) == _rows(builds["duckdb"].serving, table), table


def test_reexport_of_one_province_changes_only_its_rows(nation: Nation, builds) -> None:
    before = {p.kode_provinsi: (p.path, p.manifest) for p in snapshot(nation.lake).partitions}
    # a new publication of DI Yogyakarta: one more village live in one regency
    serving = nation.homes["34"] / "serving.duckdb"
    con = duckdb.connect(str(serving))
    try:
        con.execute(
            "update marts.mart_rollout_kabkota set live_villages = live_villages + 1"
            " where kode_kabkota = '34.71' and program = (select min(program)"
            " from marts.mart_rollout_kabkota)"
        )
    finally:
        con.close()
    smartprov(nation.envs["34"], "export")
    after = {p.kode_provinsi: (p.path, p.manifest) for p in snapshot(nation.lake).partitions}
    assert after["33"] == before["33"] and after["65"] == before["65"]
    assert after["34"][0] != before["34"][0]
    # the killed export's folder is gone; the previous version stays for readers inside it
    assert {v.resolve() for v in (nation.lake / ".versions" / "34").iterdir()} == {
        after["34"][0],
        before["34"][0],
    }
    rebuilt = build(
        Paths(nation.root / "after-reexport"),
        "duckdb",
        lake=nation.lake,
        target=nation.root / "serving-after-reexport.duckdb",
    )
    old, new = builds["duckdb"].serving, rebuilt.serving
    sql = (
        "select kode_provinsi, program, live_villages from nasional.mart_national_rollout_provinsi"
        " where live_villages is not null order by 1, 2"
    )
    changed = {
        (a[0], a[1]): b[2] - a[2] for a, b in zip(_one(old, sql), _one(new, sql), strict=True)
    }
    assert {key: delta for key, delta in changed.items() if delta} == {
        ("34", min(p for c, p in changed if c == "34")): 1
    }
    for table in ("mart_national_scorecard_kabkota", "mart_national_lapor_sla_provinsi"):
        assert _rows(new, table) == _rows(old, table), table
    assert os.path.exists(new)

"""The "Nasional" dashboard in a real Superset (the shared one of the dashboard tests) over a
real national build (the three provinces' lake, built on DuckDB into that Superset home's
``national/serving.duckdb``): `smartprov dashboards import` adds it beside the province's as its
own database, every chart's data API answers from the national marts, the figures are the
marts', the DPRD role reads it and a regency role does not, and headless Chromium renders it
without a chart error. Its assets are removed again at the end (and the roles re-applied), so
the shared Superset is left as the other tests expect it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest

from dashboards.catalog.charts import NATIONAL_CHARTS
from dashboards.catalog.datasets.nasional import NATIONAL_DATASETS
from dashboards.catalog.layouts import NATIONAL_DASHBOARDS
from dashboards.catalog.spec import NATIONAL_DATABASE_UUID
from dashboards.server import Admin, national_serving, screenshots
from smartprov.base.settings import NATIONAL_DBT_PROJECT_DIR, Paths
from smartprov.national.build import build
from tests.dashboards.test_superset_live import _q, chart_ids, chart_rows

from .conftest import PROVINCES, Nation, Superset

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]
(NASIONAL,) = NATIONAL_DASHBOARDS
BY_KEY = {c.key: c for c in NATIONAL_CHARTS}


def _delete_national_assets(admin: httpx.Client) -> None:
    """The national dashboard, charts, datasets and database out of the shared Superset."""
    ids = chart_ids(admin)
    dashboards = admin.get("/api/v1/dashboard/", params=_q(page_size=100)).json()["result"]
    for dashboard in dashboards:
        if dashboard["slug"] == NASIONAL.slug:
            admin.delete(f"/api/v1/dashboard/{dashboard['id']}").raise_for_status()
    for chart in NATIONAL_CHARTS:
        if chart.uuid in ids:
            admin.delete(f"/api/v1/chart/{ids[chart.uuid]}").raise_for_status()
    datasets = admin.get(
        "/api/v1/dataset/", params=_q(columns=["id", "uuid"], page_size=100)
    ).json()["result"]
    national = {d.uuid for d in NATIONAL_DATASETS}
    for dataset in datasets:
        if dataset["uuid"] in national:
            admin.delete(f"/api/v1/dataset/{dataset['id']}").raise_for_status()
    for database in admin.get("/api/v1/database/").json()["result"]:
        if database.get("uuid") == NATIONAL_DATABASE_UUID:
            admin.delete(f"/api/v1/database/{database['id']}").raise_for_status()


def _ok(done) -> str:
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def imported(
    nation: Nation, superset: Superset, users: dict[str, str]
) -> Iterator[tuple[httpx.Client, Path]]:
    target = national_serving(Paths(superset.home))
    build(Paths(nation.root / "dashboard-home"), "duckdb", lake=nation.lake, target=target)
    assert "with Nasional" in _ok(superset.run("dashboards", "import"))
    _ok(superset.run("dashboards", "apply-security"))
    admin = superset.client(*superset.admin)
    try:
        yield admin, target
    finally:
        _delete_national_assets(admin)
        target.unlink()
        _ok(superset.run("dashboards", "apply-security"))
        assert "plan: 0 change(s)" in _ok(superset.run("dashboards", "apply-security", "--dry-run"))


def _one(path: Path, sql: str) -> tuple:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchone()
    finally:
        con.close()


def test_nasional_is_imported_on_its_own_database(imported) -> None:
    admin, _ = imported
    dashboards = admin.get("/api/v1/dashboard/", params=_q(page_size=100)).json()["result"]
    assert NASIONAL.slug in {d["slug"] for d in dashboards}
    databases = admin.get("/api/v1/database/", params=_q(columns=["id", "uuid"])).json()
    assert NATIONAL_DATABASE_UUID in {d["uuid"] for d in databases["result"]}
    ids = chart_ids(admin)
    assert {c.uuid for c in NATIONAL_CHARTS} <= set(ids)


def test_every_national_chart_returns_the_national_figures(imported) -> None:
    admin, serving = imported
    ids = chart_ids(admin)
    rows = {c.key: chart_rows(admin, ids[c.uuid]) for c in NATIONAL_CHARTS}
    empty = [key for key, data in rows.items() if not data]
    assert not empty, empty
    (sent,) = rows["nasional.mengirim"][0].values()
    assert sent == len(PROVINCES)
    # every province is in the freshness table, the ones that did not export shown as such
    freshness = rows["nasional.kesegaran"]
    assert len(freshness) == 38
    status = {r["nama_provinsi"]: r["status_data"] for r in freshness}
    assert sum(s == "belum mengirim" for s in status.values()) == 38 - len(PROVINCES)
    assert status["Jawa Tengah"] in ("tepat waktu", "terlambat")
    # the national TTE figure is Σ live ÷ Σ target over the provinces' rows (Σ/Σ)
    live, target = _one(
        serving,
        "select sum(live_villages), sum(target_villages) from"
        " nasional.mart_national_rollout_provinsi where program = 'TTE_KELURAHAN'",
    )
    (share,) = rows["nasional.live"][0].values()
    assert share == pytest.approx(live / target)
    # side by side: all 38 provinces, each exporting one with its own figures
    coverage = rows["nasional.cakupan"]
    assert len(coverage) == 38
    assert sum(r["sasaran"] is not None for r in coverage) == len(PROVINCES)
    # the ranking: national ranks of the latest ranked year, from more than one province
    ranking = rows["nasional.peringkat"]
    assert {r["nama_provinsi"] for r in ranking} >= {"Jawa Tengah"}
    assert all(r["peringkat"] >= 1 for r in ranking)
    (latest,) = _one(
        serving,
        "select max(tahun) from nasional.mart_national_scorecard_kabkota"
        " where rank_nasional is not null",
    )
    assert {r["tahun"] for r in ranking} == {latest}
    # named for readers: the indicators' and dimensions' Indonesian names (the national seed,
    # itself tested equal to the catalogue in test_lake_rules.py), never their codes
    seed = NATIONAL_DBT_PROJECT_DIR / "seeds" / "national_indicators.csv"
    with seed.open(newline="", encoding="utf-8") as handle:
        indicators = list(csv.DictReader(handle))
    names = {r["nama_indikator"] for r in indicators}
    shown = {r["nama_indikator"] for r in ranking}
    assert shown and shown <= names, shown - names
    assert {r["dimensi"] for r in ranking} <= {r["dimensi"] for r in indicators}


def test_dprd_reads_nasional_and_a_regency_role_does_not(
    imported, superset: Superset, users: dict[str, str]
) -> None:
    admin, _ = imported
    chart = chart_ids(admin)[BY_KEY["nasional.mengirim"].uuid]
    dprd = superset.client("dprd", superset.user_password)
    assert chart_rows(dprd, chart) == [{"provinsi_mengirim": len(PROVINCES)}]
    tegal = superset.client("tegal", superset.user_password)
    assert tegal.get(f"/api/v1/chart/{chart}/data/").status_code in (403, 404)


def test_browser_renders_nasional_without_chart_errors(
    imported, superset: Superset, tmp_path: Path
) -> None:
    (entry,) = screenshots(superset.url, tmp_path, Admin(*superset.admin, False), national=True)
    assert entry["slug"] == NASIONAL.slug
    assert entry["errors"] == [], entry
    assert entry["charts"] == len(NASIONAL.charts) == entry["rendered"], entry
    assert (tmp_path / f"{NASIONAL.slug}.png").stat().st_size > 30_000

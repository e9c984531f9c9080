"""A real Superset (started by `smartprov dashboards serve`) and a real browser (Chromium).

Slow: about three minutes, most of it Superset's own set-up (metadata migrations, init).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from dashboards.catalog.charts import ALL_CHARTS, RINGKASAN
from dashboards.catalog.layouts import DASHBOARDS
from dashboards.catalog.spec import DATABASE_UUID
from dashboards.server import Admin, screenshots
from tests.dashboards.conftest import Superset

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ROLLOUT = next(c for c in RINGKASAN if c.key == "ringkasan.rollout")
LIVE_BIG_NUMBER = next(c for c in RINGKASAN if c.key == "ringkasan.live")


def _q(**params: Any) -> dict[str, str]:
    """A rison ``q`` parameter for list endpoints (only ints and column lists needed here)."""
    parts = []
    for key, value in params.items():
        if isinstance(value, list):
            parts.append(f"{key}:!({','.join(value)})")
        else:
            parts.append(f"{key}:{value}")
    return {"q": f"({','.join(parts)})"}


def chart_ids(client: httpx.Client) -> dict[str, int]:
    """uuid -> id of every chart."""
    response = client.get(
        "/api/v1/chart/", params=_q(columns=["id", "uuid", "slice_name"], page_size=100)
    )
    response.raise_for_status()
    return {row["uuid"]: row["id"] for row in response.json()["result"]}


def chart_rows(client: httpx.Client, chart_id: int) -> list[dict[str, Any]]:
    """The rows of a chart's saved query_context (the chart-data API, as reports use it)."""
    response = client.get(f"/api/v1/chart/{chart_id}/data/")
    assert response.status_code == 200, response.text[:500]
    (result,) = response.json()["result"]
    assert not result.get("error"), result["error"]
    return result["data"]


@pytest.fixture(scope="module")
def admin(superset: Superset) -> httpx.Client:
    return superset.client(*superset.admin)


def test_import_is_idempotent(superset: Superset, admin: httpx.Client) -> None:
    def snapshot() -> tuple[dict[str, int], list[tuple[int, str]], int]:
        dashboards = admin.get("/api/v1/dashboard/", params=_q(page_size=100)).json()["result"]
        datasets = admin.get("/api/v1/dataset/", params=_q(page_size=100)).json()["count"]
        return (
            chart_ids(admin),
            sorted((d["id"], d["dashboard_title"]) for d in dashboards),
            datasets,
        )

    before = snapshot()
    done = superset.run("dashboards", "import")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert snapshot() == before
    assert len(before[0]) == len(ALL_CHARTS)


def test_security_is_applied_and_stable(superset: Superset) -> None:
    done = superset.run("dashboards", "apply-security", "--dry-run")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert "plan: 0 change(s)" in done.stdout, done.stdout[-2000:]


def test_the_four_dashboards_exist(admin: httpx.Client) -> None:
    result = admin.get("/api/v1/dashboard/", params=_q(page_size=100)).json()["result"]
    assert {d["dashboard_title"] for d in result} == {d.title for d in DASHBOARDS}
    assert {d["slug"] for d in result} == {d.slug for d in DASHBOARDS}


def test_every_chart_returns_rows(admin: httpx.Client) -> None:
    ids = chart_ids(admin)
    empty = [c.title for c in ALL_CHARTS if not chart_rows(admin, ids[c.uuid])]
    assert not empty, f"charts without rows: {empty}"


def test_rollout_chart_shows_kota_tegal_19_of_27(admin: httpx.Client) -> None:
    rows = chart_rows(admin, chart_ids(admin)[ROLLOUT.uuid])
    assert len(rows) == 35
    tegal = [r for r in rows if r["label"].startswith("Kota Tegal:")]
    assert tegal == [{"label": "Kota Tegal: 19 dari 27 kelurahan", "pangsa_live": 19 / 27}]
    shares = [r["pangsa_live"] for r in rows]
    assert shares == sorted(shares, reverse=True), "sorted (drawn bottom-up: furthest on top)"


def test_regency_role_sees_only_its_rows(superset: Superset, users: dict[str, str]) -> None:
    client = superset.client("tegal", superset.user_password)
    ids = chart_ids(client)
    assert ids, "the regency role sees the charts"
    rollout = chart_rows(client, ids[ROLLOUT.uuid])
    assert rollout == [{"label": "Kota Tegal: 19 dari 27 kelurahan", "pangsa_live": 19 / 27}]
    assert chart_rows(client, ids[LIVE_BIG_NUMBER.uuid]) == [{"live": 19}]
    for chart in ALL_CHARTS:
        for row in chart_rows(client, ids[chart.uuid]):
            if "nama_kabkota" in row:
                assert row["nama_kabkota"] == "Kota Tegal", chart.title


def test_two_regency_roles_see_both_regencies(superset: Superset, users: dict[str, str]) -> None:
    """The regency filters share one group key: two roles are ORed, not ANDed to nothing."""
    client = superset.client("tegal2", superset.user_password)
    rows = chart_rows(client, chart_ids(client)[ROLLOUT.uuid])
    assert {r["label"].split(":")[0] for r in rows} == {"Kota Tegal", "Kabupaten Tegal"}


def test_user_without_data_role_sees_nothing(superset: Superset, users: dict[str, str]) -> None:
    client = superset.client("gamma", superset.user_password)
    assert client.get("/api/v1/dataset/").json().get("count", 0) == 0
    assert client.get(
        f"/api/v1/chart/{chart_ids(superset.client(*superset.admin))[ROLLOUT.uuid]}/data/"
    ).status_code in (403, 404)


def test_dataset_added_later_is_not_visible_to_regencies(
    superset: Superset, users: dict[str, str], admin: httpx.Client
) -> None:
    """A dataset without the regency filter (no kode_kabkota) stays hidden from regency roles
    after apply-security (fail closed), while DPRD, province-wide, gets it."""
    created = admin.post(
        "/api/v1/dataset/",
        json={
            "database": _serving_id(admin),
            "schema": "marts",
            "table_name": "tanpa_kode_kabkota",
            "sql": "select kode_wilayah, nama_wilayah from marts.dim_wilayah",
        },
    )
    assert created.status_code == 201, created.text[:500]
    dataset_id = created.json()["id"]
    try:
        applied = superset.run("dashboards", "apply-security")
        assert applied.returncode == 0, applied.stdout[-2000:] + applied.stderr[-3000:]
        tegal = superset.client("tegal", superset.user_password)
        assert tegal.get(f"/api/v1/dataset/{dataset_id}").status_code in (403, 404)
        names = {d["table_name"] for d in tegal.get("/api/v1/dataset/").json()["result"]}
        assert "tanpa_kode_kabkota" not in names and names
        dprd = superset.client("dprd", superset.user_password)
        assert dprd.get(f"/api/v1/dataset/{dataset_id}").status_code == 200
    finally:
        admin.delete(f"/api/v1/dataset/{dataset_id}")
        superset.run("dashboards", "apply-security")


def _execute_sql(client: httpx.Client, database_id: int, sql: str) -> httpx.Response:
    return client.post(
        "/api/v1/sqllab/execute/",
        json={"database_id": database_id, "sql": sql, "runAsync": False, "schema": "marts"},
    )


def _serving_id(admin: httpx.Client) -> int:
    databases = admin.get("/api/v1/database/", params=_q(columns=["id", "uuid"])).json()
    return next(d["id"] for d in databases["result"] if d["uuid"] == DATABASE_UUID)


def test_dprd_cannot_open_sql_lab(
    superset: Superset, users: dict[str, str], admin: httpx.Client
) -> None:
    client = superset.client("dprd", superset.user_password)
    assert client.get("/api/v1/dashboard/").json()["count"] == 4
    response = _execute_sql(client, _serving_id(admin), "select 1")
    assert response.status_code in (401, 403), response.text[:300]
    assert client.get("/api/v1/sqllab/").status_code in (401, 403)
    # and in a real browser: no SQL editor for DPRD
    seen = screenshots(
        superset.url, None, Admin("dprd", superset.user_password, False), probe="/sqllab/"
    )
    assert seen["logged_in"], seen  # refused as DPRD, not merely sent back to the login page
    assert not seen["sql_editor"], seen


@pytest.mark.parametrize("username", ["analis", "diskominfo"])
def test_sql_lab_reads_serving_but_cannot_write(
    superset: Superset, users: dict[str, str], admin: httpx.Client, username: str
) -> None:
    client = superset.client(username, superset.user_password)
    database_id = _serving_id(admin)
    assert client.get("/api/v1/sqllab/").status_code == 200
    ok = _execute_sql(client, database_id, "select count(*) as n from marts.mart_rollout_kabkota")
    assert ok.status_code == 200, ok.text[:500]
    assert ok.json()["data"] == [{"n": 35}]
    for sql in ("delete from marts.mart_rollout_kabkota", "create table marts.x (a int)"):
        refused = _execute_sql(client, database_id, sql)
        assert refused.status_code >= 400, (sql, refused.text[:300])
        assert "DML" in refused.text or "read-only" in refused.text.lower(), refused.text[:300]


def _refused(response: httpx.Response) -> bool:
    if response.status_code >= 400:
        return True
    body = response.json()
    return bool(body.get("errors")) or body.get("status") == "failed"


def test_sql_lab_cannot_touch_files_settings_or_extensions(
    superset: Superset, users: dict[str, str], admin: httpx.Client
) -> None:
    """An Analis user in SQL Lab: DuckDB's file functions, COPY, ATTACH, SET, INSTALL/LOAD are
    refused by the connection itself (external access off, configuration locked)."""
    client = superset.client("analis", superset.user_password)
    database_id = _serving_id(admin)
    secret = superset.home / "secrets" / "probe.csv"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text("nik,nama\n3376010101010001,Contoh Pelapor\n")
    written = superset.home / "written.csv"
    serving = superset.home / "serving.duckdb"
    attacks = [
        f"select * from read_csv('{secret}')",
        f"select * from read_text('{secret}')",
        f"select * from glob('{superset.home}/*')",
        f"copy (select 1 as a) to '{written}'",
        f"attach '{serving}' as rw (read_only false)",
        "set enable_external_access = true",
        "install httpfs",
        "load httpfs",
    ]
    for sql in attacks:
        response = _execute_sql(client, database_id, sql)
        assert _refused(response), (sql, response.text[:300])
        assert "3376010101010001" not in response.text, sql
    assert not written.exists()
    # issue 31: settings, paths and extensions through catalogue functions, their pragma forms
    # and query(), whose SQL string Superset's parser does not look into
    for sql in (
        "select * from query('select * from duckdb_settings()')",
        "select * from query_table('duckdb_settings')",
        "select * from duckdb_settings()",
        "select current_setting('temp_directory') as t",
        "select * from duckdb_extensions()",
        "select * from duckdb_secrets()",
        "select * from duckdb_databases()",
        "select * from pragma_database_list()",
        "pragma database_list",
        "call pragma_database_list()",
        f"select * from glob('{superset.home}/*')",
    ):
        response = _execute_sql(client, database_id, sql)
        assert _refused(response), (sql, response.text[:300])
        assert str(superset.home) not in response.text, (sql, response.text[:300])
    ok = _execute_sql(client, database_id, "select count(*) as n from marts.dim_wilayah")
    assert ok.status_code == 200 and ok.json()["data"][0]["n"] > 0, ok.text[:300]


@pytest.mark.parametrize("username", ["dprd", "tegal", "analis"])
def test_only_admins_invalidate_the_cache(
    superset: Superset, users: dict[str, str], admin: httpx.Client, username: str
) -> None:
    """Issue 31 (5): viewer roles held [can_invalidate, CacheRestApi]."""
    body = {"datasource_uids": ["1__table"]}
    client = superset.client(username, superset.user_password)
    assert client.post("/api/v1/cachekey/invalidate", json=body).status_code in (401, 403)
    assert admin.post("/api/v1/cachekey/invalidate", json=body).status_code == 201


def test_pages_carry_a_content_security_policy_with_no_outside_host(admin: httpx.Client) -> None:
    """Issue 31 (1): Talisman was off, so delivered markup could load images from any host."""
    policy = admin.get("/login/").headers.get("content-security-policy", "")
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in policy.split(";")) if part
    )
    assert directives.get("default-src") == "'self'", policy
    for name in ("img-src", "connect-src", "frame-src", "default-src"):
        assert "http" not in directives.get(name, ""), (name, policy)
    assert directives.get("object-src") == "'none'", policy


def test_browser_opens_every_dashboard_without_errors(superset: Superset, tmp_path: Path) -> None:
    # README screenshots (docs/screenshots) come from the demo data, not this sample
    report = screenshots(superset.url, tmp_path, Admin(*superset.admin, False))
    assert [r["slug"] for r in report] == [d.slug for d in DASHBOARDS]
    for entry, dashboard in zip(report, DASHBOARDS, strict=True):
        assert entry["errors"] == [], entry
        assert entry["charts"] == len(dashboard.charts), entry
        assert entry["rendered"] == entry["charts"], entry
        assert (tmp_path / f"{dashboard.slug}.png").stat().st_size > 50_000


def test_headlines_from_the_chart_data_api_are_sums_of_counts(
    admin: httpx.Client, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every big number as Superset computes it (chart-data API) equals the chart's query on a
    copy of the same sample, and the province-wide rates equal Σ/Σ of the marts' counts."""
    import duckdb

    from tests.dashboards.sample_serving import build
    from tests.warehouse.headlines import big_numbers, chart_value, lifetime_sigma_over_sigma

    copy = build(tmp_path_factory.mktemp("sample-copy") / "serving.duckdb")
    con = duckdb.connect(str(copy), read_only=True)
    try:
        ids = chart_ids(admin)
        for chart in big_numbers():
            [row] = chart_rows(admin, ids[chart.uuid])
            assert row[chart.metrics[0]] == pytest.approx(chart_value(con, chart)), chart.key
        sigma = lifetime_sigma_over_sigma(con)
        rollout = con.execute(
            "select sum(live_active_villages_30d) / sum(live_villages)"
            " from marts.mart_rollout_kabkota where program = 'TTE_KELURAHAN'"
        ).fetchone()[0]
    finally:
        con.close()
    api = {c.key: chart_rows(admin, ids[c.uuid])[0][c.metrics[0]] for c in big_numbers()}
    assert api["lapor.verifikasi"] == pytest.approx(sigma["verifikasi"])
    assert api["lapor.tindak_lanjut"] == pytest.approx(sigma["tindak_lanjut"])
    assert api["ringkasan.lapor"] == pytest.approx(sigma["tindak_lanjut"])
    assert api["ringkasan.aktif"] == pytest.approx(rollout) and api["ringkasan.aktif"] <= 1

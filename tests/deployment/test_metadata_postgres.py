"""The production configuration against a real PostgreSQL: Airflow and Superset keep their
metadata there (as in docker-compose.yml), each in its own database owned by its own role.

- Airflow: ``airflow db migrate`` creates its schema in PostgreSQL; ``airflow dags test`` runs
  the rollout DAG end to end on a simulated sample (ingest into the warehouse, asset emitted),
  and the run is recorded in PostgreSQL.
- Superset: ``smartprov dashboards serve`` (migrate, init, admin, import, roles/RLS, gunicorn)
  with ``SMARTPROV_SUPERSET_DATABASE_URI`` on PostgreSQL serves the four dashboards and their
  charts' data.

Airflow and Superset run as subprocesses only: the DAG tests import Airflow in-process with
their own (SQLite) configuration.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from dashboards.server import install
from smartprov.base.settings import DBT_PROJECT_DIR, PROJECT_ROOT
from tests.deployment.postgres import Postgres
from tests.superset_process import running_superset

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

AIRFLOW = str(Path(sys.executable).with_name("airflow"))
SAMPLE = ["--start", "2026-01-01", "--days", "2", "--seed", "7", "--scale", "0.03"]
DAG_ID = "smartprov_rollout"
SUPERSET_STARTUP_TIMEOUT = 420


@pytest.fixture(scope="module")
def airflow_env(postgres: Postgres, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The variables docker-compose.yml gives the Airflow services, pointed at the test server."""
    home = tmp_path_factory.mktemp("airflow-pg-home")
    url, _ = postgres.create_owned_database("airflow")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AIRFLOW", "SMARTPROV_"))
    }
    env.update(
        {
            "SMARTPROV_HOME": str(home),
            "SMARTPROV_PII_KEY": "test-pii-key-not-a-secret-0123456789abcdef",
            "AIRFLOW_HOME": str(home / "airflow"),
            "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__FERNET_KEY": "",
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(32),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": url,
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
            "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
            "DBT_PROFILES_DIR": str(DBT_PROJECT_DIR),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
    )
    subprocess.run(
        [sys.executable, "-m", "smartprov", "--home", str(home), "simulate", *SAMPLE],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=300,
    )
    return env


def airflow(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    done = subprocess.run(
        [AIRFLOW, *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    output = f"{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    assert done.returncode == 0, f"airflow {' '.join(args)}:\n{output}"
    return done.stdout


def test_airflow_migrates_and_runs_a_dag_on_postgres(
    postgres: Postgres, airflow_env: dict[str, str]
) -> None:
    airflow(airflow_env, "db", "migrate")
    assert postgres.scalar("airflow", "select count(*) from alembic_version") == 1
    assert (
        postgres.scalar(
            "airflow",
            "select count(*) from information_schema.tables"
            " where table_schema = 'public'"
            " and table_name in ('dag_run', 'task_instance', 'asset')",
        )
        == 3
    )
    # the warehouse pool, as docker/airflow-init.sh creates it
    airflow(airflow_env, "pools", "set", "duckdb_warehouse", "1", "DuckDB has one writer")

    started = time.monotonic()
    airflow(airflow_env, "dags", "test", DAG_ID, "2026-01-01", timeout=420)
    seconds = time.monotonic() - started

    state = postgres.scalar(
        "airflow", f"select state from dag_run where dag_id = '{DAG_ID}' order by id desc limit 1"
    )
    assert state == "success", f"{DAG_ID} ended {state!r} after {seconds:.0f} s"
    failed = postgres.scalar(
        "airflow",
        f"select count(*) from task_instance where dag_id = '{DAG_ID}' and state <> 'success'",
    )
    assert failed == 0
    import duckdb

    warehouse = Path(airflow_env["SMARTPROV_HOME"]) / "warehouse.duckdb"
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        (rows,) = con.execute("select count(*) from raw.rollout_register").fetchone()
    finally:
        con.close()
    assert rows > 0, "the DAG loaded the rollout register into the warehouse"


@pytest.fixture(scope="module")
def superset_on_postgres(
    postgres: Postgres, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, tuple[str, str]]]:
    from tests.dashboards.sample_serving import build

    install(quiet=True)
    home = tmp_path_factory.mktemp("superset-pg-home")
    build(home / "serving.duckdb")
    url, _ = postgres.create_owned_database("superset")
    admin = ("admin_pg", secrets.token_urlsafe(32))
    env = {k: v for k, v in os.environ.items() if not k.startswith("SMARTPROV_")}
    env.update(
        {
            "SMARTPROV_HOME": str(home),
            "SMARTPROV_SUPERSET_DATABASE_URI": url,
            "SMARTPROV_SUPERSET_SECRET_KEY": secrets.token_urlsafe(42),
            "SMARTPROV_ADMIN_USER": admin[0],
            "SMARTPROV_ADMIN_PASSWORD": admin[1],
        }
    )
    with running_superset(env, home / "superset.log", SUPERSET_STARTUP_TIMEOUT) as base:
        yield base, admin


def test_superset_serves_the_dashboards_with_postgres_metadata(
    postgres: Postgres, superset_on_postgres: tuple[str, tuple[str, str]]
) -> None:
    from dashboards.catalog.charts import ALL_CHARTS
    from dashboards.catalog.layouts import DASHBOARDS

    base, (user, password) = superset_on_postgres
    # the metadata lives in PostgreSQL, not in a SQLite file
    assert postgres.scalar("superset", "select count(*) from dashboards") == len(DASHBOARDS)
    assert postgres.scalar("superset", "select count(*) from slices") == len(ALL_CHARTS)
    assert (
        postgres.scalar("superset", f"select count(*) from ab_user where username = '{user}'") == 1
    )

    with httpx.Client(base_url=base, timeout=120) as client:
        login = client.post(
            "/api/v1/security/login",
            json={"username": user, "password": password, "provider": "db", "refresh": False},
        )
        login.raise_for_status()
        client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        listed = client.get("/api/v1/dashboard/", params={"q": "(page_size:100)"})
        listed.raise_for_status()
        assert {d["dashboard_title"] for d in listed.json()["result"]} == {
            d.title for d in DASHBOARDS
        }
        charts = client.get(
            "/api/v1/chart/", params={"q": "(columns:!(id,uuid),page_size:100)"}
        ).json()["result"]
        empty = []
        for chart in charts:
            data = client.get(f"/api/v1/chart/{chart['id']}/data/")
            assert data.status_code == 200, data.text[:500]
            (result,) = data.json()["result"]
            assert not result.get("error"), result["error"]
            if not result["data"]:
                empty.append(chart["uuid"])
        assert not empty, f"charts without rows: {empty}"

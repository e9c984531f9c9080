"""Named Airflow users with roles (FAB auth manager), through Airflow's REST API on loopback:
a Viewer sees a DAG but can neither trigger nor clear a run; an Op can do both, and the audit
log names who did it.

A scratch home: the metadata migrated, the three users created by `smartprov airflow users` from
the SMARTPROV_AIRFLOW_* settings (not the demo), a one-task DAG serialized, the api-server alone.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
import time

import httpx
import pytest

from smartprov.base.settings import PROJECT_ROOT, Paths
from smartprov.orchestration import services

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

DAG_ID = "roles_probe"
# Airflow's audit-log events (the endpoints' names) for a trigger and a clear
ACTIONS = {"trigger_dag_run", "post_clear_task_instances"}
DAG_FILE = f'''
import pendulum
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

with DAG("{DAG_ID}", schedule=None, start_date=pendulum.datetime(2026, 1, 1), catchup=False):
    EmptyOperator(task_id="noop")
'''


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("roles")
    paths = Paths(root / "home").ensure()
    dags = root / "dags"
    dags.mkdir()
    (dags / f"{DAG_ID}.py").write_text(DAG_FILE)
    logins = {
        role: (f"{role.lower()}_user", secrets.token_urlsafe(32))
        for role in ("Admin", "Op", "Viewer")
    }
    settings = {
        f"SMARTPROV_AIRFLOW_{role.upper()}_{part}": value
        for role, (user, password) in logins.items()
        for part, value in (("USER", user), ("PASSWORD", password))
    }
    env = services.scheduler_environment(
        paths, {"AIRFLOW__CORE__DAGS_FOLDER": str(dags), "SMARTPROV_HOME": str(paths.home)}
    )
    env.pop("SMARTPROV_DEMO", None)
    env.update(settings)
    services.airflow_cli(env, "db", "migrate")
    made = subprocess.run(
        [sys.executable, "-m", "smartprov", "airflow", "users"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr[-3000:]
    created = [line for line in made.stdout.splitlines() if line.startswith("airflow user created")]
    assert len(created) == 3, made.stdout
    services.airflow_cli(env, "dags", "reserialize")
    log = root / "api-server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [services.airflow_executable(), "api-server"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = env["AIRFLOW__API__BASE_URL"].replace("localhost", "127.0.0.1")
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                if httpx.get(f"{base}/api/v2/version", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"api-server not up:\n{log.read_text()[-4000:]}")
            time.sleep(2)
        yield base, logins, paths
    finally:
        services.stop([server])


def _client(base: str, username: str, password: str) -> httpx.Client:
    response = httpx.post(
        f"{base}/auth/token", json={"username": username, "password": password}, timeout=60
    )
    assert response.status_code in (200, 201), response.text[:500]
    token = response.json()["access_token"]
    return httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60)


def _trigger(client: httpx.Client) -> httpx.Response:
    return client.post(f"/api/v2/dags/{DAG_ID}/dagRuns", json={"logical_date": None})


def _clear(client: httpx.Client) -> httpx.Response:
    return client.post(
        f"/api/v2/dags/{DAG_ID}/clearTaskInstances", json={"dry_run": False, "only_failed": False}
    )


def test_wrong_password_gets_no_token(api) -> None:
    base, logins, _ = api
    response = httpx.post(
        f"{base}/auth/token", json={"username": logins["Op"][0], "password": "wrong"}, timeout=60
    )
    assert response.status_code == 401


def test_viewer_sees_but_cannot_trigger_or_clear(api) -> None:
    base, logins, _ = api
    viewer = _client(base, *logins["Viewer"])
    assert viewer.get(f"/api/v2/dags/{DAG_ID}").status_code == 200
    assert _trigger(viewer).status_code == 403
    assert _clear(viewer).status_code == 403


def test_op_triggers_and_clears_and_is_named_in_the_audit_log(api) -> None:
    base, logins, paths = api
    op = _client(base, *logins["Op"])
    triggered = _trigger(op)
    assert triggered.status_code == 200, triggered.text[:500]
    assert triggered.json()["dag_id"] == DAG_ID
    cleared = _clear(op)
    assert cleared.status_code == 200, cleared.text[:500]
    events = services.query(
        paths, "select event, owner from log where dag_id = ? and owner is not null", DAG_ID
    )
    acted = {(event, owner) for event, owner in events if event in ACTIONS}
    assert {(event, logins["Op"][0]) for event in ACTIONS} <= acted, events
    # the one run there is was triggered by the Op (the Viewer's attempt made none)
    runs = services.query(
        paths, "select triggering_user_name from dag_run where dag_id = ?", DAG_ID
    )
    assert runs == [(logins["Op"][0],)]

"""The chart-data path made cheap for a plenary's load, in the live Superset (docs/operations.md):
chart reads leave no rows in the metadata database but a line in the server log, while
dashboard views stay in Superset's action log; the SQLite metadata database runs in WAL mode
through a pool; permission answers are remembered until a user, role or permission changes
(the security stamp), so a role taken away or given back applies at the next request.
Row-level security and roles themselves are checked by test_superset_live.py and
test_dprd_live.py against the same server.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from dashboards import superset_bin
from dashboards.catalog.layouts import DASHBOARDS
from smartprov.base.settings import PROJECT_ROOT
from tests.dashboards.conftest import Superset

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

READ_ACTIONS = (
    "ChartDataRestApi.data",
    "ChartDataRestApi.json_dumps",
    "_get_data_response",
    "QueryObject.post_processing",
)


def _metadata(superset: Superset) -> Path:
    return superset.home / "superset" / "superset.db"


def _actions(superset: Superset) -> dict[str, int]:
    with sqlite3.connect(_metadata(superset)) as con:
        return dict(con.execute("select action, count(*) from logs group by action").fetchall())


def test_chart_reads_go_to_the_server_log_and_views_to_the_action_log(
    superset: Superset, users: dict[str, str]
) -> None:
    client = superset.client("dprd", superset.user_password)
    before = _actions(superset)
    slug = DASHBOARDS[0].slug
    charts = client.get(f"/api/v1/dashboard/{slug}/charts").json()["result"]
    for chart in charts[:3]:
        response = client.get(f"/api/v1/chart/{chart['id']}/data/")
        assert response.status_code == 200, response.text[:300]
        response = client.get(f"/api/v1/chart/{chart['id']}/data/")  # from the cache
        assert response.status_code == 200, response.text[:300]
    assert client.get(f"/api/v1/dashboard/{slug}").status_code == 200
    after = _actions(superset)
    for action in READ_ACTIONS:
        assert after.get(action, 0) == before.get(action, 0), action
    assert after.get("DashboardRestApi.get", 0) > before.get("DashboardRestApi.get", 0)
    log = superset.log.read_text(errors="replace")
    assert "superset.chart_data" in log
    for chart in charts[:3]:  # the chart named, though GET .../data/ sends no form data
        assert f"chart={chart['id']} " in log, chart


def test_metadata_database_runs_in_wal_mode(superset: Superset) -> None:
    with sqlite3.connect(_metadata(superset)) as con:
        assert con.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_permission_answers_last_until_a_permission_changes(superset: Superset) -> None:
    done = subprocess.run(
        [str(superset_bin("python")), "tests/dashboards/load_path_probe.py", "Kota Tegal"],
        cwd=PROJECT_ROOT,
        env={**superset.env, "PYTHONPATH": str(PROJECT_ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["event_logger"] == "AuditEventLogger"
    assert report["security_manager"] == "RequestMemoSecurityManager"
    assert report["pool"] == "QueuePool"
    assert report["journal_mode"] == "wal"
    granted, revoked = report["granted"], report["revoked"]
    # within one request: asked once, the same question again costs no query
    assert granted["first_queries"] >= 2  # the security stamp, then the question
    assert granted["second_queries"] == 0
    assert granted["names_same"] and granted["names_again_queries"] == 0
    # the next request, nothing changed: the worker's answer, after one read of the stamp
    again = report["granted_again"]
    assert again["answers"] == [True, True] and again["names"] == granted["names"]
    assert again["first_queries"] == 1
    # the Public role's permissions (FAB's protect() asks twice per request): read once
    assert granted["public"] == [False, False]  # anonymous visitors read no chart
    assert 1 <= granted["public_queries"] <= 2
    # the regency role sees its datasets; taken away, the very next request sees none
    assert granted["answers"] == [True, True]
    assert granted["names"]
    assert revoked["answers"] == [False, False]
    assert revoked["names"] == []
    assert revoked["first_queries"] >= 2
    # given back by SQL on another connection: the database's trigger renewed the stamp
    back = report["given_back_by_sql"]
    assert back["answers"] == [True, True] and back["names"] == granted["names"]
    assert back["first_queries"] >= 2

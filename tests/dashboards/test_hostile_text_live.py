"""Issue 31 (1), live: delivered text is data on every screen. The shared sample serving carries
markup in every free-text field that reaches a dashboard (tests/dashboards/sample_hostile.py: a
file name, quarantine reasons, a LAPOR agency name, on Kota Tegal's rows). A Kota Tegal user opens
each dashboard in Chromium: the markup shows as text, no planted element exists in the page, and
nothing is fetched from anywhere but Superset (a beacon on loopback counts every request)."""

from __future__ import annotations

import http.server
import json
import subprocess
import threading

import pytest

from dashboards import superset_bin
from dashboards.catalog.layouts import DASHBOARDS
from smartprov.base.settings import PROJECT_ROOT
from tests.dashboards.conftest import Superset
from tests.dashboards.sample_hostile import HOSTILE_PORT, PLANTED

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


class _Beacon(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        type(self).hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def beacon():
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", HOSTILE_PORT), _Beacon)
    except OSError as error:
        pytest.fail(f"the beacon port {HOSTILE_PORT} is taken: {error}")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Beacon.hits.clear()
    try:
        yield _Beacon.hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("username", ["tegal", "dprd"])
def test_hostile_delivered_text_never_renders_and_calls_nobody(
    superset: Superset, users: dict[str, str], beacon: list[str], username: str
) -> None:
    done = subprocess.run(
        [str(superset_bin("python")), "tests/dashboards/hostile_probe.py", superset.url, username],
        input=superset.user_password + "\n",
        cwd=PROJECT_ROOT,
        env={**superset.env, "PYTHONPATH": str(PROJECT_ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert [r["slug"] for r in report] == [d.slug for d in DASHBOARDS]
    for entry in report:
        assert entry["errors"] == [], entry
        assert entry["rendered"] == [], (entry["slug"], entry["rendered"])
        assert entry["outside"] == [], (entry["slug"], entry["outside"])
        assert not entry["overlay"], entry["slug"]
    shown = {marker for entry in report for marker in entry["as_text"]}
    assert shown == set(PLANTED), "every planted value is on a page, as text"
    assert beacon == []

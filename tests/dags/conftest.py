"""One embedded Airflow for the DAG tests: a temporary SMARTPROV_HOME with a small seeded
sample, AIRFLOW_HOME under it, the metadata database, pool, connection and dbt manifest.

Airflow reads its configuration when first imported, so nothing here imports it at module
level; the session fixture sets the environment first and restores it afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from smartprov.base.settings import Paths

SAMPLE = ["--start", "2026-01-01", "--days", "3", "--seed", "7", "--scale", "0.03"]


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Paths]:
    """A home with the simulated sample, set up for Airflow (env configured in-process)."""
    if "airflow" in sys.modules:
        pytest.fail("airflow was imported before the DAG tests configured AIRFLOW_HOME")
    saved = dict(os.environ)
    paths = Paths.from_env(tmp_path_factory.mktemp("smartprov-airflow"))
    # retries stay on, but seconds apart, so a failing task's retries fit in a test
    os.environ["SMARTPROV_AIRFLOW_RETRIES"] = "1"
    os.environ["SMARTPROV_AIRFLOW_RETRY_DELAY"] = "1"
    # warnings and errors only: thousands of INFO lines per dbt run slow the captured output
    os.environ["AIRFLOW__LOGGING__LOGGING_LEVEL"] = "WARNING"
    os.environ.pop("AIRFLOW_CONN_LAPOR_API", None)
    os.environ.pop("SMARTPROV_ALERT_WEBHOOK", None)
    subprocess.run(
        [sys.executable, "-m", "smartprov", "--home", str(paths.home), "simulate", *SAMPLE],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    from smartprov.orchestration.setup import setup

    setup(paths)
    try:
        yield paths
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="session")
def dags(platform: Paths) -> dict:
    from smartprov.orchestration.runner import load_dags

    return load_dags()


class Webhook:
    """A local endpoint that records what the alerting posts."""

    def __init__(self) -> None:
        self.posts: list[dict] = []
        received = self.posts

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length", 0))
                received.append(json.loads(self.rfile.read(length)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/alerts"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Webhook:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def webhook() -> Iterator[Webhook]:
    with Webhook() as hook:
        yield hook


@pytest.fixture(scope="session")
def expected(platform: Paths) -> dict:
    return json.loads(Path(platform.expected_manifest).read_text())

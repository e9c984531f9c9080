"""Superset's caches expire on publish: a cached chart is not served once serving.duckdb has been
replaced, in the embedded default (a folder shared by the gunicorn workers) and with Redis
(Debian's redis-server on loopback, as the compose topology's). Filter state, which is what a
user chose rather than data, stays in Superset's metadata database, as Superset defaults it.

Runs dashboards/superset_config.py's settings with Superset's own flask-caching (cache_probe.py
in .venv-superset); the live check against a running Superset is in test_superset_cache.py.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboards import SUPERSET_CONFIG, superset_bin
from dashboards.server import install
from smartprov.base.settings import PROJECT_ROOT
from tests.debian_tools import ensure_command

PROBE = Path(__file__).with_name("cache_probe.py")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = ensure_command("redis-server")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    password = secrets.token_urlsafe(24)
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--bind", "127.0.0.1", "--port", str(port), "--requirepass", password]
        + ["--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"redis://:{password}@127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=30)


def _probe(home: Path, extra: dict[str, str]) -> dict:
    install(quiet=True)
    (home / "serving.duckdb").write_bytes(b"serving v1")
    env = {
        **os.environ,
        "SMARTPROV_HOME": str(home),
        "SMARTPROV_SUPERSET_SECRET_KEY": secrets.token_urlsafe(42),
        "PYTHONPATH": str(PROJECT_ROOT),
        **extra,
    }
    env.pop("SMARTPROV_SERVING_DIR", None)
    if "SMARTPROV_SUPERSET_CACHE_URL" not in extra:
        env.pop("SMARTPROV_SUPERSET_CACHE_URL", None)
    serving = home / "serving.duckdb"
    done = subprocess.run(
        [str(superset_bin("python")), str(PROBE), str(SUPERSET_CONFIG), str(serving)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _check(result: dict) -> None:
    for name in ("DATA_CACHE_CONFIG", "THUMBNAIL_CACHE_CONFIG", "CACHE_CONFIG"):
        assert result[name]["before"] == {"rows": 19}, result
        assert result[name]["after_publish"] is None, f"{name} served a chart of the old data"
        assert result[name]["recached"] == {"rows": 20}
    # a user's filters live in Superset's default place (its metadata database), untouched
    assert result["filter_state_configured"] is False


def test_folder_cache_expires_on_publish(tmp_path: Path) -> None:
    result = _probe(tmp_path, {})
    assert result["DATA_CACHE_CONFIG"]["type"].endswith("PublicationFileSystemCache")
    _check(result)
    assert (tmp_path / "superset" / "cache" / "data").is_dir()  # shared by the workers


def test_redis_cache_expires_on_publish(tmp_path: Path, redis_url: str) -> None:
    result = _probe(tmp_path, {"SMARTPROV_SUPERSET_CACHE_URL": redis_url})
    assert result["DATA_CACHE_CONFIG"]["type"] == "RedisCache"
    _check(result)

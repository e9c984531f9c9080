"""Issue 11, platform half, exposure: what the production topology and Superset listen on,
mount and send (checked offline, like tests/deployment/test_compose.py)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
import yaml

from dashboards import SUPERSET_CONFIG
from dashboards.server import server_command
from smartprov.base.settings import PROJECT_ROOT, Paths

COMPOSE = PROJECT_ROOT / "docker-compose.yml"


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def test_uis_listen_on_loopback_by_default(services: dict) -> None:
    published = {name: s["ports"] for name, s in services.items() if s.get("ports")}
    # the UIs: Airflow, Superset and (national profile) the Spark master's
    assert set(published) == {"airflow-api-server", "superset", "spark-master"}
    for ports in published.values():
        for port in ports:
            assert port.startswith("${SMARTPROV_BIND:-127.0.0.1}:"), port
    assert "reverse proxy" in (PROJECT_ROOT / "docs" / "security.md").read_text()


def test_superset_mounts_only_serving_read_only(services: dict) -> None:
    for name in ("superset", "superset-init"):
        volumes = services[name]["volumes"]
        assert not [v for v in volumes if v.startswith("smartprov-home")], name
        assert "smartprov-serving:/serving:ro" in volumes
        assert services[name]["environment"]["SMARTPROV_SERVING_DIR"] == "/serving"
    pipeline = services["airflow-scheduler"]
    assert "smartprov-serving:/serving" in pipeline["volumes"]
    assert pipeline["environment"]["SMARTPROV_SERVING_DIR"] == "/serving"


def test_serving_dir_moves_only_serving(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SMARTPROV_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SMARTPROV_SERVING_DIR", str(tmp_path / "serving"))
    paths = Paths.from_env().ensure()
    assert paths.serving == tmp_path / "serving" / "serving.duckdb"
    assert paths.warehouse == tmp_path / "home" / "warehouse.duckdb"
    assert paths.serving.parent.is_dir()


def _config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> dict:
    for name in ("SMARTPROV_DEMO", "SMARTPROV_SECURE_COOKIES", "SMARTPROV_PROXY_FIX"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SMARTPROV_HOME", str(tmp_path))
    monkeypatch.setenv("SMARTPROV_SUPERSET_SECRET_KEY", "k" * 48)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SUPERSET_CONFIG))


def test_superset_cookies_and_proxy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    prod = _config(monkeypatch, tmp_path)
    assert prod["SESSION_COOKIE_SECURE"] is True and prod["REMEMBER_COOKIE_SECURE"] is True
    assert prod["SESSION_COOKIE_HTTPONLY"] is True and prod["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert prod["ENABLE_PROXY_FIX"] is True
    demo = _config(monkeypatch, tmp_path, SMARTPROV_DEMO="1")
    assert demo["SESSION_COOKIE_SECURE"] is False  # the local http demo
    assert demo["SESSION_COOKIE_HTTPONLY"] is True
    local = _config(monkeypatch, tmp_path, SMARTPROV_SECURE_COOKIES="0")
    assert local["SESSION_COOKIE_SECURE"] is False


def test_gunicorn_request_limits_are_on() -> None:
    for command in (server_command(8088), (PROJECT_ROOT / "docker" / "Dockerfile").read_text()):
        text = " ".join(command) if isinstance(command, list) else command
        assert "--limit-request-line" in text
        for flag in ("--limit-request-line", "--limit-request-field_size"):
            after = text.split(flag, 1)[1].strip(' ",').split()[0].strip('",')
            assert after != "0" and int(after) > 0, (flag, after)

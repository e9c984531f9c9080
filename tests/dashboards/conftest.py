"""A real Superset, started by the project's own command, on a sample serving database.

Set-up (session scope, about two minutes): .venv-superset is synced if missing, Debian's
chromium is installed if missing (apt, as root), a small deterministic serving.duckdb is built,
then ``python -m smartprov dashboards serve --port <free port>`` runs in the background with a
random secret key and admin password (the non-demo path).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from dashboards import superset_bin
from dashboards.server import install
from smartprov.base.settings import PROJECT_ROOT
from tests.dashboards.sample_serving import build
from tests.debian_tools import ensure_command
from tests.superset_process import running_superset

STARTUP_TIMEOUT = 600  # Superset set-up is ~3 min alone; more on a busy 2-core machine


@dataclass
class Superset:
    url: str
    home: Path
    env: dict[str, str]
    admin: tuple[str, str]
    user_password: str
    log: Path

    def client(self, username: str, password: str) -> httpx.Client:
        """An API client logged in as ``username`` (JWT bearer + session cookie + CSRF)."""
        client = httpx.Client(base_url=self.url, timeout=120)
        response = client.post(
            "/api/v1/security/login",
            json={"username": username, "password": password, "provider": "db", "refresh": False},
        )
        response.raise_for_status()
        client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
        csrf = client.get("/api/v1/security/csrf_token/")
        if csrf.status_code == 200:
            client.headers["X-CSRFToken"] = csrf.json()["result"]
        client.headers["Referer"] = self.url
        return client

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "smartprov", *args],
            cwd=PROJECT_ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )


def ensure_chromium() -> str:
    return ensure_command("chromium")


@pytest.fixture(scope="session")
def superset(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Superset]:
    install(quiet=True)
    ensure_chromium()
    home = tmp_path_factory.mktemp("superset-home")
    build(home / "serving.duckdb")
    admin = ("admin_test", secrets.token_urlsafe(32))
    env = {
        **os.environ,
        "SMARTPROV_HOME": str(home),
        "SMARTPROV_SUPERSET_SECRET_KEY": secrets.token_urlsafe(42),
        "SMARTPROV_ADMIN_USER": admin[0],
        "SMARTPROV_ADMIN_PASSWORD": admin[1],
    }
    env.pop("SMARTPROV_DEMO", None)
    env["SMARTPROV_SECURE_COOKIES"] = "0"  # plain http on loopback (the API client sends cookies)
    log = home / "superset.log"
    with running_superset(env, log, STARTUP_TIMEOUT) as url:
        yield Superset(url, home, env, admin, secrets.token_urlsafe(12), log)


@pytest.fixture(scope="session")
def users(superset: Superset) -> dict[str, str]:
    """Test users, one per role under test (same password)."""
    wanted = {
        "tegal": "Kota Tegal",
        "dprd": "DPRD",
        "analis": "Analis",
        "diskominfo": "Diskominfo Provinsi",
        "tegal2": "Kota Tegal+Kabupaten Tegal",  # two regency roles
        "gamma": "Gamma",  # Superset's own viewer role, no data role
    }
    pairs = [item for pair in wanted.items() for item in pair]
    done = subprocess.run(
        [str(superset_bin("python")), "-m", "dashboards.in_superset.users", "user", *pairs],
        cwd=PROJECT_ROOT,
        env={
            **superset.env,
            "SUPERSET_CONFIG_PATH": str(PROJECT_ROOT / "dashboards" / "superset_config.py"),
            "PYTHONPATH": str(PROJECT_ROOT),
            "SMARTPROV_USER_PASSWORD": superset.user_password,
        },
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return wanted

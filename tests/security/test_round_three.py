"""Issue 31 (security round three): owner-only files, Airflow on loopback with a private password,
SMTP credentials only over TLS, the SQL Lab blocklist, cache invalidation, HTML off in tables and
a Content-Security-Policy. The live halves are in tests/dashboards/test_superset_live.py."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dashboards import SECURITY_DIR
from dashboards.catalog.charts import ALL_CHARTS
from dashboards.catalog.render import load
from smartprov.base.settings import PROJECT_ROOT, Paths
from smartprov.notify.send import SmtpSettings, is_loopback, send_email
from smartprov.orchestration import config
from tests.conftest import TEST_PII_KEY
from tests.dashboards.test_assets import _load_config


def _loose(root: Path) -> list[str]:
    """Every file or folder under ``root`` (itself included) that others may read."""
    found = []
    for path in [root, *root.rglob("*")]:
        mode = path.lstat().st_mode
        if not stat.S_ISLNK(mode) and stat.S_IMODE(mode) & 0o077:
            found.append(f"{path.relative_to(root.parent)} {stat.S_IMODE(mode):o}")
    return found


def test_the_platform_creates_its_home_owner_only(tmp_path: Path) -> None:
    """A real `smartprov ingest` and `status` under the usual 022 umask: the home, the warehouse
    and every other file they create are owner-only; a warehouse made 0644 earlier is tightened
    when it is opened."""
    home = tmp_path / "home"
    delivery = home / "landing" / "rollout" / "rollout_register.csv"
    env = {**os.environ, "SMARTPROV_HOME": str(home), "SMARTPROV_PII_KEY": TEST_PII_KEY}
    previous = os.umask(0o022)
    try:
        delivery.parent.mkdir(parents=True)
        delivery.write_text("kode_wilayah,program,target,tanggal_live\n3376011001,X,1,\n")
        for args in (["ingest"], ["status"]):
            done = subprocess.run(
                [sys.executable, "-m", "smartprov", *args],
                cwd=PROJECT_ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert done.returncode == 0, done.stderr[-2000:]
        # the delivery itself came from outside (its folder too): everything else is ours
        made = [p for p in _loose(home) if not p.startswith("home/landing")]
        assert made == [], made
        assert (home / "warehouse.duckdb").exists()
        (home / "warehouse.duckdb").chmod(0o644)
        done = subprocess.run(
            [sys.executable, "-m", "smartprov", "ingest"],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert stat.S_IMODE((home / "warehouse.duckdb").stat().st_mode) == 0o600
    finally:
        os.umask(previous)


def test_airflow_listens_on_loopback_with_owner_only_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in list(os.environ):
        if name.startswith("AIRFLOW"):
            monkeypatch.delenv(name)
    monkeypatch.setattr(os, "environ", dict(os.environ))  # configure() writes os.environ
    paths = Paths(tmp_path / "home")
    env = config.configure(paths)
    assert env["AIRFLOW__API__HOST"] == "127.0.0.1"
    assert stat.S_IMODE(config.airflow_home(paths).stat().st_mode) == 0o700
    # a metadata database made 0644 earlier is tightened when configured again
    database = config.airflow_home(paths) / "airflow.db"
    database.write_bytes(b"")
    database.chmod(0o644)
    config.configure(paths)
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    # what `airflow standalone` echoes (into the Makefile's log) never has a configured password
    from smartprov.cli.airflow import login_text

    secret = "a-configured-password-0123456789abcdef"
    monkeypatch.setitem(os.environ, "SMARTPROV_AIRFLOW_ADMIN_PASSWORD", secret)
    monkeypatch.setitem(os.environ, "SMARTPROV_DEMO", "0")
    assert secret not in login_text("http://localhost:8080")


def test_make_run_keeps_its_logs_owner_only_and_the_password_out_of_them() -> None:
    recipe = (PROJECT_ROOT / "Makefile").read_text().split("\nrun: setup\n")[1].split("\n\n")[0]
    assert 'grep -h "Airflow UI"' not in recipe  # the log line no longer carries the password
    assert "smartprov airflow login" in recipe
    for line in recipe.splitlines():
        if "> $(SMARTPROV_HOME)/" in line or "> $(SUPERSET_PREPARE)" in line:
            opening = recipe[: recipe.index(line) + len(line)].rsplit("\n\t@", 1)[-1]
            assert "umask 077" in opening, line


def test_compose_runs_superset_as_the_pipeline_account() -> None:
    """Owner-only serving.duckdb is still readable through Superset's read-only mount: both
    images run as uid 50000 and no service overrides the user."""
    dockerfile = (PROJECT_ROOT / "docker" / "Dockerfile").read_text()
    assert "FROM pipeline AS superset" in dockerfile
    assert "useradd --uid 50000 --gid 50000" in dockerfile
    assert dockerfile.rstrip().split("USER ")[-1].startswith("smartprov")
    services = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())["services"]
    assert not [name for name, s in services.items() if "user" in s]
    assert "smartprov-serving:/serving:ro" in services["superset"]["volumes"]


def _smtp(monkeypatch: pytest.MonkeyPatch, host: str, security: str) -> None:
    monkeypatch.setenv("SMARTPROV_SMTP_HOST", host)
    monkeypatch.setenv("SMARTPROV_SMTP_SECURITY", security)
    monkeypatch.setenv("SMARTPROV_SMTP_USER", "notifier")
    monkeypatch.setenv("SMARTPROV_SMTP_PASSWORD", "p" * 40)


def test_smtp_password_only_over_tls_or_to_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    _smtp(monkeypatch, "smtp.jatengprov.go.id", "none")
    with pytest.raises(ValueError, match="in clear"):
        SmtpSettings.from_env()
    for host in ("127.0.0.1", "localhost", "::1"):
        _smtp(monkeypatch, host, "none")
        assert SmtpSettings.from_env().user == "notifier"
    for security in ("starttls", "tls"):
        _smtp(monkeypatch, "smtp.jatengprov.go.id", security)
        assert SmtpSettings.from_env().security == security
    assert not is_loopback("127.0.0.1.example.org") and is_loopback("127.1.2.3")
    # and the sender refuses settings made by hand, before any connection
    forged = SmtpSettings("smtp.example.org", 25, "none", "u", "p" * 40, "a@b.c")
    with pytest.raises(ValueError, match="in clear"):
        send_email(forged, None)  # type: ignore[arg-type]


def test_only_admins_may_invalidate_the_cache() -> None:
    roles = yaml.safe_load((SECURITY_DIR / "roles.yaml").read_text())
    for name, pairs in roles["permission_sets"].items():
        assert ["can_invalidate", "CacheRestApi"] not in pairs, name


def test_sql_lab_blocklist_covers_settings_functions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = _load_config(monkeypatch, tmp_path, SMARTPROV_DEMO="1")
    blocked = settings["DISALLOWED_SQL_FUNCTIONS"]["duckdb"]
    for name in (
        "query", "query_table", "duckdb_settings", "current_setting", "duckdb_extensions",
        "duckdb_secrets", "duckdb_databases", "pragma_database_list", "glob", "getenv",
    ):  # fmt: skip
        assert name in blocked, name


def test_content_security_policy_allows_no_outside_host(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = _load_config(monkeypatch, tmp_path, SMARTPROV_DEMO="1")
    assert settings["TALISMAN_ENABLED"] is True
    policy = settings["TALISMAN_CONFIG"]["content_security_policy"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == "'none'"
    for directive, sources in policy.items():
        sources = [sources] if isinstance(sources, str) else sources
        assert not [s for s in sources if "://" in s or s == "*"], directive
    tiles = _load_config(
        monkeypatch, tmp_path, SMARTPROV_DEMO="1", SMARTPROV_MAP_STYLE="https://tiles.example/s"
    )["TALISMAN_CONFIG"]["content_security_policy"]
    assert "https://tiles.example" in tiles["img-src"] and "https://tiles.example" not in str(
        tiles["frame-src"]
    )


def test_every_table_chart_renders_cells_as_text() -> None:
    """Superset's table and pivot charts render cell text as HTML unless allow_render_html is
    false (a delivered file name covered the Adopsi dashboard with a fake overlay)."""
    tables = [c for c in ALL_CHARTS if c.viz_type in {"table", "pivot_table_v2"}]
    assert tables
    for chart in tables:
        assert chart.params.get("allow_render_html") is False, chart.key
    assets = [a for rel, a in load().items() if rel.startswith("charts/")]
    rendered = [a for a in assets if a["viz_type"] in {"table", "pivot_table_v2"}]
    assert len(rendered) == len(tables)
    for asset in rendered:
        assert asset["params"]["allow_render_html"] is False, asset["slice_name"]

"""The restore drill: back up a home whose Superset metadata is a real Superset's, wipe the home
but the landing zone and the backup, restore, and get the same serving tables and the same
Superset users and roles (read back by Superset itself).

Reuses the session's Superset (tests/dashboards/conftest.py): its metadata database is copied
into the drill's home with SQLite's backup API while it runs, and its serving database beside it;
the warehouse is the small raw/audit sample of tests/warehouse/fixture.py.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from dashboards import superset_bin
from dashboards.server import superset_env
from smartprov.base.settings import PROJECT_ROOT, Paths
from tests.dashboards.conftest import Superset
from tests.warehouse import fixture

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

USERS_AND_ROLES = (
    "select u.username, u.active, r.name from ab_user u"
    " join ab_user_role ur on ur.user_id = u.id join ab_role r on r.id = ur.role_id"
    " order by 1, 3"
)


def _tables(path: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = con.execute("select schema_name, table_name from duckdb_tables() order by all")
        return {
            f"{s}.{t}": con.execute(f'select * from "{s}"."{t}" order by all').fetchall()
            for s, t in names.fetchall()
        }
    finally:
        con.close()


def _sqlite(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _smartprov(env: dict[str, str], *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "smartprov", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done, time.monotonic() - started


def _drill_home(superset: Superset, root: Path) -> Paths:
    paths = Paths(root).ensure()
    fixture.build(paths.warehouse)
    shutil.copy2(superset.home / "serving.duckdb", paths.serving)
    paths.superset.mkdir()
    source = sqlite3.connect(f"file:{superset.home / 'superset' / 'superset.db'}?mode=ro", uri=True)
    copy = sqlite3.connect(paths.superset / "superset.db")
    source.backup(copy)
    copy.close()
    source.close()
    (paths.landing / "rollout").mkdir()
    (paths.landing / "rollout" / "rollout_2026-03-31.csv").write_text("kept,as,delivered\n")
    (paths.home / "receipts" / "33.76").mkdir(parents=True)
    (paths.home / "receipts" / "33.76" / "2026-03-31_drill.json").write_text("{}")
    paths.secrets.mkdir()
    paths.pii_key.write_text("drill-key-never-in-a-backup-0123456789")
    return paths


def test_restore_drill(superset: Superset, users: dict[str, str], tmp_path: Path) -> None:
    paths = _drill_home(superset, tmp_path / "home")
    env = {**superset.env, "SMARTPROV_HOME": str(paths.home)}
    for name in ("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "SMARTPROV_SUPERSET_DATABASE_URI"):
        env.pop(name, None)
    serving_before = _tables(paths.serving)
    warehouse_before = _tables(paths.warehouse)
    people_before = _sqlite(paths.superset / "superset.db", USERS_AND_ROLES)
    assert {"dprd", "tegal", superset.admin[0]} <= {name for name, *_ in people_before}

    backup_dir = paths.home / "backups" / "drill"
    done, backup_s = _smartprov(env, "backup", "--out", str(backup_dir))
    assert done.returncode == 0, done.stderr
    assert not any("pii.key" in p.name or p.name == "secrets" for p in backup_dir.rglob("*"))

    for child in paths.home.iterdir():  # the disaster: everything but landing/ and the backup
        if child.name not in {"landing", "backups"}:
            shutil.rmtree(child) if child.is_dir() else child.unlink()

    done, restore_s = _smartprov(env, "restore", "--from", str(backup_dir))
    assert done.returncode == 0, done.stderr
    print(f"\ndrill: backup {backup_s:.1f} s, restore {restore_s:.1f} s (CLI, incl. start-up)")
    assert _tables(paths.serving) == serving_before
    assert _tables(paths.warehouse) == warehouse_before
    assert _sqlite(paths.superset / "superset.db", USERS_AND_ROLES) == people_before
    assert (paths.landing / "rollout" / "rollout_2026-03-31.csv").read_text().startswith("kept")
    assert (paths.home / "receipts" / "33.76" / "2026-03-31_drill.json").exists()

    # Superset itself opens the restored metadata and finds the same people
    listed = subprocess.run(
        [str(superset_bin()), "fab", "list-users"],
        cwd=PROJECT_ROOT,
        env=superset_env(paths, {k: v for k, v in env.items() if k.startswith("SMARTPROV_")}),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert listed.returncode == 0, listed.stderr[-2000:]
    for username in {name for name, *_ in people_before}:
        assert f"username:{username}" in listed.stdout.replace(" ", ""), listed.stdout[-2000:]

"""Backup and restore of a small home: what is copied, what never is, and what restore refuses.

The homes here are tiny (a warehouse with the platform's raw/audit tables and a ledger row, a
serving file, SQLite metadata databases); the drill against a real Superset's metadata is
tests/dashboards/test_backup_drill.py, PostgreSQL metadata tests/deployment/test_backup_postgres.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from smartprov.backup import BackupError, backup, metadata_databases, restore
from smartprov.base.settings import PROJECT_ROOT, Paths
from smartprov.base.warehouse import open_warehouse

SECRET = "do-not-copy-this-secret-0123456789abcdef"


def _sqlite(path: Path, table: str, rows: list[tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    con.execute(f"create table {table} (name text primary key, role text)")
    con.execute("create table alembic_version (version_num text)")
    con.execute("insert into alembic_version values ('rev-1')")
    con.executemany(f"insert into {table} values (?, ?)", rows)
    con.commit()
    con.close()


def make_home(root: Path) -> Paths:
    paths = Paths(root).ensure()
    con = open_warehouse(paths.warehouse)
    con.execute(
        "insert into audit.deliveries (batch_id, source, relative_path, file_hash,"
        " rows_delivered, rows_loaded, rows_quarantined, file_quarantined, is_current,"
        " loaded_at) values ('b1', 'rollout', 'rollout/x.csv', 'h', 3, 3, 0, false, true,"
        " now())"
    )
    con.close()
    serving = duckdb.connect(str(paths.serving))
    serving.execute("create schema marts")
    serving.execute("create table marts.mart_x as select range as n from range(100)")
    serving.execute(
        "create table marts._publication as select timestamp '2026-04-01 06:00' as"
        " published_at, date '2026-03-31' as as_of_date, 'mart_x' as table_name,"
        " 100 as row_count"
    )
    serving.close()
    _sqlite(paths.airflow / "airflow.db", "dag_run", [("run-1", "success")])
    _sqlite(paths.superset / "superset.db", "ab_user", [("admin", "Admin"), ("dprd", "DPRD")])
    (paths.home / "receipts" / "33.76").mkdir(parents=True)
    (paths.home / "receipts" / "33.76" / "2026-03-31_ab.json").write_text('{"ok": 1}')
    (paths.landing / "rollout").mkdir(parents=True)
    (paths.landing / "rollout" / "x.csv").write_text("a,b\n1,2\n")
    paths.secrets.mkdir()
    paths.pii_key.write_text(SECRET)
    (paths.airflow / "airflow.cfg").write_text(f"[core]\nfernet_key = {SECRET}\n")
    (paths.airflow / "simple_auth_manager_passwords.json.generated").write_text(SECRET)
    return paths


def _databases(paths: Paths):
    return metadata_databases(paths, "", "")


def _tables(path: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = con.execute(
            "select schema_name, table_name from duckdb_tables() order by all"
        ).fetchall()
        return {
            f"{s}.{t}": con.execute(f'select * from "{s}"."{t}" order by all').fetchall()
            for s, t in names
        }
    finally:
        con.close()


def _wipe_but(paths: Paths, keep: set[str]) -> None:
    import shutil

    for child in paths.home.iterdir():
        if child.name not in keep:
            shutil.rmtree(child) if child.is_dir() else child.unlink()


def test_backup_holds_everything_but_secrets_owner_only(tmp_path: Path) -> None:
    paths = make_home(tmp_path / "home")
    done = backup(paths, tmp_path / "backup", _databases(paths))
    folder = done.folder
    names = {item["path"] for item in done.manifest["files"]}
    assert names == {
        "warehouse.duckdb",
        "serving.duckdb",
        "metadata/airflow.sqlite",
        "metadata/superset.sqlite",
        "receipts/33.76/2026-03-31_ab.json",
    }
    assert done.manifest["data_date"] == "2026-03-31"
    assert done.manifest["databases"]["superset"]["schema_revision"] == "rev-1"
    assert set(done.manifest["versions"]) >= {"smartprov", "duckdb", "python"}
    for path in folder.rglob("*"):
        assert SECRET.encode() not in path.read_bytes() if path.is_file() else True, path
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["files"] == done.manifest["files"]


def test_restore_after_wipe_gives_the_same_home(tmp_path: Path) -> None:
    paths = make_home(tmp_path / "home")
    before = {p: _tables(p) for p in (paths.warehouse, paths.serving)}
    done = backup(paths, paths.home / "backups" / "b1", _databases(paths))
    _wipe_but(paths, {"landing", "backups"})
    restore(done.folder, paths, _databases(paths))
    assert {p: _tables(p) for p in (paths.warehouse, paths.serving)} == before
    con = sqlite3.connect(paths.superset / "superset.db")
    assert con.execute("select * from ab_user order by name").fetchall() == [
        ("admin", "Admin"),
        ("dprd", "DPRD"),
    ]
    con.close()
    assert (paths.home / "receipts" / "33.76" / "2026-03-31_ab.json").read_text() == '{"ok": 1}'
    assert (paths.landing / "rollout" / "x.csv").exists()
    assert not paths.secrets.exists()  # secrets come from where they are kept, not a backup
    leftovers = [p.name for p in paths.home.rglob("*") if "restoring" in p.name or "pre-" in p.name]
    assert leftovers == []


def test_backup_checkpoints_a_warehouse_with_a_wal(tmp_path: Path) -> None:
    paths = make_home(tmp_path / "home")
    # a writer that died after committing: its rows are in the WAL only
    died = subprocess.run(
        [
            sys.executable,
            "-c",
            "import duckdb, os, sys; con = duckdb.connect(sys.argv[1]);"
            " con.execute(\"set checkpoint_threshold = '1TB'\");"
            " con.execute('create table raw.late as select range as n from range(1000)');"
            " os._exit(0)",
            str(paths.warehouse),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert died.returncode == 0, died.stderr
    assert paths.warehouse.with_name("warehouse.duckdb.wal").exists()
    done = backup(paths, tmp_path / "backup", _databases(paths))
    restored = Paths(tmp_path / "other").ensure()
    restore(done.folder, restored, _databases(restored))
    assert _tables(restored.warehouse)["raw.late"] == [(n,) for n in range(1000)]


def test_restore_refuses_a_partial_or_damaged_backup(tmp_path: Path) -> None:
    paths = make_home(tmp_path / "home")
    done = backup(paths, tmp_path / "backup", _databases(paths))
    target = Paths(tmp_path / "target").ensure()
    (done.folder / "metadata" / "superset.sqlite").write_bytes(b"changed")
    with pytest.raises(BackupError, match="superset.sqlite"):
        restore(done.folder, target, _databases(target))
    (done.folder / "metadata" / "superset.sqlite").unlink()
    with pytest.raises(BackupError, match="missing"):
        restore(done.folder, target, _databases(target))
    (done.folder / "manifest.json").unlink()
    with pytest.raises(BackupError, match="not a complete backup"):
        restore(done.folder, target, _databases(target))
    assert not target.warehouse.exists() and not (target.superset / "superset.db").exists()


def test_a_failed_swap_puts_the_previous_files_back(tmp_path: Path, monkeypatch) -> None:
    old = make_home(tmp_path / "old")
    done = backup(old, tmp_path / "backup", _databases(old))
    paths = make_home(tmp_path / "home")
    con = duckdb.connect(str(paths.serving))
    con.execute("create table marts.newer as select 1 as n")
    con.close()
    before = _tables(paths.serving)
    real = os.replace
    calls = []

    def failing(src, dst):  # the staged serving cannot be renamed into place (once)
        if Path(dst).name == "serving.duckdb" and ".restoring-" in Path(src).name:
            calls.append(dst)
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr("smartprov.backup.os.replace", failing)
    with pytest.raises(OSError):
        restore(done.folder, paths, _databases(paths))
    assert calls and _tables(paths.serving) == before
    leftovers = [p.name for p in paths.home.rglob("*") if "restoring" in p.name or "pre-" in p.name]
    assert leftovers == []


def test_cli_round_trip_in_one_line(tmp_path: Path) -> None:
    paths = make_home(tmp_path / "home")
    env = {**os.environ, "SMARTPROV_HOME": str(paths.home)}
    env.pop("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", None)
    env.pop("SMARTPROV_SUPERSET_DATABASE_URI", None)

    def smartprov(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "smartprov", *args],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    out = tmp_path / "backup"
    done = smartprov("backup", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "data date 2026-03-31" in done.stdout
    again = smartprov("backup", "--out", str(out))
    assert again.returncode == 1 and "not empty" in again.stderr
    assert "Traceback" not in again.stderr
    (out / "serving.duckdb").write_bytes(b"x")
    refused = smartprov("restore", "--from", str(out))
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines()[-1].startswith("Error: backup damaged")
    assert dt.date.today()  # the home is untouched: the serving file still opens
    assert _tables(paths.serving)["marts.mart_x"][:2] == [(0,), (1,)]


def test_restore_refuses_sqlite_metadata_into_postgresql(tmp_path: Path) -> None:
    paths = make_home(tmp_path / "home")
    done = backup(paths, tmp_path / "backup", _databases(paths))
    target = Paths(tmp_path / "target").ensure()
    elsewhere = metadata_databases(target, "", "postgresql://superset:x@127.0.0.1:1/superset")
    with pytest.raises(BackupError, match="superset: the backup holds superset.sqlite"):
        restore(done.folder, target, elsewhere)
    assert not target.warehouse.exists() and not (target.airflow / "airflow.db").exists()

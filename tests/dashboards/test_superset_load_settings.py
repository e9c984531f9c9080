"""The settings chosen for a plenary's load (docs/operations.md), read without Superset: the
embedded SQLite metadata database opened in WAL mode, synchronous=NORMAL, through a pool;
PostgreSQL left to Superset's defaults; gunicorn's keep-alive the same for `smartprov dashboards
serve` and the image. The live behaviour is in test_superset_load_path_live.py."""

from __future__ import annotations

import runpy
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from dashboards import SUPERSET_CONFIG
from dashboards.server import KEEP_ALIVE, server_command
from smartprov.base.settings import PROJECT_ROOT


def _config(monkeypatch: pytest.MonkeyPatch, home: Path, **env: str) -> dict:
    monkeypatch.delenv("SMARTPROV_SUPERSET_DATABASE_URI", raising=False)
    monkeypatch.setenv("SMARTPROV_HOME", str(home))
    monkeypatch.setenv("SMARTPROV_SUPERSET_SECRET_KEY", "k" * 48)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SUPERSET_CONFIG))


def test_sqlite_metadata_is_opened_in_wal_mode_through_a_pool(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = _config(monkeypatch, tmp_path)
    options = config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["poolclass"].__name__ == "QueuePool"
    assert options["pool_size"] >= 8  # one per gunicorn thread
    connection = options["creator"]()
    try:
        assert connection.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert connection.execute("pragma synchronous").fetchone()[0] == 1  # NORMAL
    finally:
        connection.close()
    database = Path(config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    assert database == tmp_path / "superset" / "superset.db"
    assert database.exists()


def test_other_sqlite_databases_in_the_process_are_untouched(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _config(monkeypatch, tmp_path / "home")
    other = tmp_path / "other.db"
    engine = create_engine(f"sqlite:///{other}")
    with engine.connect() as connection:
        assert connection.execute(text("pragma journal_mode")).scalar() == "delete"
    engine.dispose()
    assert sqlite3.connect(other).execute("pragma journal_mode").fetchone()[0] == "delete"


def test_postgresql_metadata_keeps_superset_defaults(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = _config(
        monkeypatch,
        tmp_path,
        SMARTPROV_SUPERSET_DATABASE_URI="postgresql://superset@db/superset",
    )
    assert "SQLALCHEMY_ENGINE_OPTIONS" not in config


def test_keep_alive_is_the_same_for_serve_and_the_image() -> None:
    command = server_command(8088)
    assert command[command.index("--keep-alive") + 1] == str(KEEP_ALIVE)
    assert KEEP_ALIVE > 2  # gunicorn's default closed busy connections under load
    dockerfile = (PROJECT_ROOT / "docker" / "Dockerfile").read_text()
    assert f'"--keep-alive", "{KEEP_ALIVE}"' in dockerfile

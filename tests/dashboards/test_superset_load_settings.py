"""The settings chosen for a plenary's load (docs/operations.md), read without Superset: the
embedded SQLite metadata database opened in WAL mode, synchronous=NORMAL, through a pool;
PostgreSQL left to Superset's defaults; gunicorn's shape the same for `smartprov dashboards
serve` and the image. The live behaviour is in test_superset_load_path_live.py."""

from __future__ import annotations

import json
import runpy
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from dashboards import SUPERSET_CONFIG
from dashboards.server import GUNICORN_SHAPE, THREADS, server_command
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


def _dockerfile_command() -> list[str]:
    """The Superset image's CMD (a JSON array over continued lines)."""
    text = (PROJECT_ROOT / "docker" / "Dockerfile").read_text().replace("\\\n", " ")
    line = next(row for row in text.splitlines() if row.startswith("CMD ") and "gunicorn" in row)
    return json.loads(line.removeprefix("CMD "))


def _contains(command: list[str], part: tuple[str, ...]) -> bool:
    return any(tuple(command[i : i + len(part)]) == part for i in range(len(command)))


def test_gunicorn_shape_is_the_same_for_serve_and_the_image() -> None:
    assert _contains(server_command(8088), GUNICORN_SHAPE)
    assert _contains(_dockerfile_command(), GUNICORN_SHAPE)


def test_a_worker_takes_a_connection_only_with_a_free_thread() -> None:
    """Waiting requests queue in the kernel's one listen queue, not behind a busy worker."""
    shape = dict(zip(GUNICORN_SHAPE[::2], GUNICORN_SHAPE[1::2], strict=True))
    assert shape["--worker-class"] == "gthread"
    assert shape["--worker-connections"] == shape["--threads"] == str(THREADS)
    assert shape["--keep-alive"] == "0"  # a kept-alive idle connection would hold a thread slot

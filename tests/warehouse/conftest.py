"""One built warehouse + published serving database per test session.

Until the simulator and ingestion land, the raw tables are filled by ``fixture.build`` (a small
deterministic data set); later this can switch to ``smartprov simulate --days 7 --scale 0.05``
followed by ``ingestion.ingest.ingest``.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from smartprov.base.settings import Paths
from tests.warehouse import fixture


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict:
    from smartprov.publish import publish
    from smartprov.transform import run_dbt_build

    paths = Paths.from_env(tmp_path_factory.mktemp("home")).ensure()
    fixture.build(paths.warehouse)
    started = time.monotonic()
    result = run_dbt_build(paths)
    build_seconds = time.monotonic() - started
    published = publish(paths)
    return {"paths": paths, "result": result, "published": published, "seconds": build_seconds}


@pytest.fixture
def home_copy(built, tmp_path) -> Paths:
    """A private copy of the built home (warehouse + serving) that a test may break."""
    source: Paths = built["paths"]
    copy = Paths.from_env(tmp_path / "home").ensure()
    shutil.copy2(source.warehouse, copy.warehouse)
    shutil.copy2(source.serving, copy.serving)
    return copy


def query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    from smartprov.base.warehouse import connect

    con = connect(path, read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()

"""A full sample platform home for the reliability suite, built once per session:
simulate (7 days, scale 0.05) -> ingest with the SP4N-LAPOR! API pull from the stand-in
(serving the simulator's api/lapor/complaints.jsonl) -> dbt build -> publish.

Tests that break things work on a private copy (``platform_copy``).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from smartprov.base.settings import Paths

PII_KEY = "reliability-pii-key-not-a-secret-0123456789"
TOKEN = "reliability-lapor-token"
SAMPLE = {"start": "2026-01-01", "days": 7, "seed": 7, "scale": 0.05}


@dataclass(frozen=True)
class Platform:
    paths: Paths
    expected: dict[str, Any]
    publication: list[tuple]  # marts._publication of the published serving database

    @property
    def feed(self) -> Path:
        return self.paths.lapor_api_feed


def read_only(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def publication(serving: Path) -> list[tuple]:
    return read_only(
        serving,
        "select published_at, table_name, row_count from marts._publication order by table_name",
    )


def snapshot_is_complete(serving: Path) -> list[tuple]:
    """The serving file's own row counts agree with its _publication table; returns it."""
    con = duckdb.connect(str(serving), read_only=True)
    try:
        rows = con.execute(
            "select published_at, table_name, row_count from marts._publication order by table_name"
        ).fetchall()
        assert rows, "empty _publication"
        for _, table, count in rows:
            (actual,) = con.execute(f'select count(*) from marts."{table}"').fetchall()[0]
            assert actual == count, (table, actual, count)
        return rows
    finally:
        con.close()


def build_platform(root: Path) -> Platform:
    from datetime import date

    from devtools.simulate import simulate
    from devtools.simulate.lapor_api import run_in_thread
    from ingestion.ingest import ingest
    from smartprov.publish import publish
    from smartprov.transform import run_dbt_build

    paths = Paths(root).ensure()
    simulate(
        paths, date.fromisoformat(SAMPLE["start"]), SAMPLE["days"], SAMPLE["seed"], SAMPLE["scale"]
    )
    feed = paths.lapor_api_feed
    with run_in_thread(feed, TOKEN) as standin:
        summary = ingest(paths, lapor_api=(standin.base_url, TOKEN))
    assert summary.lapor_pull is not None and summary.lapor_pull.records_received > 0
    run_dbt_build(paths)
    publish(paths)
    expected = json.loads(paths.expected_manifest.read_text())
    return Platform(paths, expected, publication(paths.serving))


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    mp = pytest.MonkeyPatch()
    root = tmp_path_factory.mktemp("platform")
    mp.setenv("SMARTPROV_HOME", str(root))
    mp.setenv("SMARTPROV_PII_KEY", PII_KEY)
    try:
        yield build_platform(root)
    finally:
        mp.undo()


def copy_platform(platform: Platform, target: Path) -> Platform:
    shutil.copytree(platform.paths.home, target)
    return Platform(Paths(target), platform.expected, platform.publication)


@pytest.fixture
def platform_copy(platform: Platform, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Platform:
    """A private copy of the built home that a test may break."""
    copy = copy_platform(platform, tmp_path / "home")
    monkeypatch.setenv("SMARTPROV_HOME", str(copy.paths.home))
    monkeypatch.setenv("SMARTPROV_PII_KEY", PII_KEY)
    return copy

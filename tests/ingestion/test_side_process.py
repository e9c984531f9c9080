"""A large ingest prepares files and runs Great Expectations in side processes: the warehouse it
leaves is the one a single-process ingest leaves, row for row.

Both ingest the same simulated landing (every variant and bad input the simulator writes); the
side-process run is made to use many small chunks, so preparing runs chunks ahead of the loads.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from devtools.simulate import simulate
from ingestion import ingest as pipeline
from ingestion.side_process import SideProcesses
from tests.ingestion.conftest import Home

TABLES = {
    "raw": "select * exclude (_batch_id, _loaded_at) from raw.service_logs",
    "quarantined rows": "select * exclude (batch_id, quarantined_at) from audit.quarantine_rows",
    "ledger": """
        select relative_path, file_hash, rows_delivered, rows_loaded, rows_quarantined,
               file_quarantined, is_current, quality_checked_at is not null
        from audit.deliveries
    """,
    "quarantined files": """
        select * exclude (batch_id, quarantine_path, quarantined_at),
               regexp_replace(quarantine_path, '^.*/quarantine/[^/]+/', '')
        from audit.quarantine_files
    """,
    "quality": """
        select expectation_type, success, details->>'relative_path', details->>'observed'
        from audit.quality_results
    """,
}


def _contents(home: Home) -> dict[str, list[tuple]]:
    return {name: sorted(home.query(sql), key=repr) for name, sql in TABLES.items()}


def test_side_processes_leave_the_same_warehouse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMARTPROV_PII_KEY", "test-pii-key-not-a-secret-0123456789abcdef")
    alone, beside = Home(tmp_path / "alone"), Home(tmp_path / "beside")
    simulate(alone.paths, date(2026, 1, 1), 5, seed=21, scale=0.03)
    shutil.copytree(alone.paths.landing, beside.paths.landing, dirs_exist_ok=True)

    single = alone.ingest(sources=("service_logs",))

    used: list[bool] = []
    real = pipeline.side_processes

    @contextmanager
    def recorded(flag: bool, **kwargs: bool) -> Iterator[SideProcesses | None]:
        with real(flag, **kwargs) as side:
            used.append(side is not None)
            yield side

    monkeypatch.setattr(pipeline, "side_processes", recorded)
    monkeypatch.setattr(pipeline, "GROUP_SIZE", 13)  # many chunks: prepared ahead of loads
    side = beside.ingest(sources=("service_logs",))

    assert used == [True]  # the side processes really ran
    assert single.deliveries_loaded == side.deliveries_loaded > 3 * 13
    assert single.files_quarantined > 0 and single.rows_quarantined > 0  # bad input included
    assert single.quality_failures == side.quality_failures
    first, second = _contents(alone), _contents(beside)
    for name in TABLES:
        assert first[name] == second[name], name
    assert _copies(alone) == _copies(beside)


def _copies(home: Home) -> list[tuple[str, bytes]]:
    """The files copied to quarantine/ (below each batch's folder) and their bytes."""
    root = home.paths.quarantine
    return sorted(
        ("/".join(path.relative_to(root).parts[1:]), path.read_bytes())
        for path in root.rglob("*")
        if path.is_file()
    )

"""An ingest stopped by a full disk: the ledger stays consistent (every delivery it lists has
exactly its rows in raw, no raw row without its delivery), the operator reads one line, and the
next run finishes the job as a clean run would have.

The disk fails inside a delivery group's transaction, after its raw rows and its ledger rows were
written (the group's commit would follow): the error is the one DuckDB raises when the operating
system refuses a write (``Could not write file "...": No space left on device``).
"""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from devtools.simulate import simulate
from ingestion import loading
from smartprov.base.settings import Paths
from smartprov.cli import cli

FAIL_AT_GROUP = 3  # the third group's commit never happens


def _home(root: Path) -> Paths:
    paths = Paths(root).ensure()
    simulate(paths, date(2026, 1, 1), 2, 7, 0.05)
    return paths


def _ingest(paths: Paths):
    return CliRunner().invoke(cli, ["--home", str(paths.home), "ingest", "--no-progress"])


def _ledger(paths: Paths) -> list[tuple]:
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        return con.execute(
            "select relative_path, file_hash, rows_delivered, rows_loaded, rows_quarantined,"
            " file_quarantined, file_reason from audit.deliveries where is_current"
            " order by all"
        ).fetchall()
    finally:
        con.close()


def _orphans_and_mismatches(paths: Paths) -> tuple[int, list[tuple]]:
    """Raw rows without a ledger row; ledger rows whose raw row count differs."""
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        tables = [
            t
            for (t,) in con.execute(
                "select distinct table_name from information_schema.columns"
                " where table_schema = 'raw' and column_name = '_batch_id'"
            ).fetchall()
        ]
        rows = " union all ".join(f'select _batch_id from raw."{t}"' for t in tables)
        orphans = con.execute(
            f"select count(*) from ({rows}) r"
            " where _batch_id not in (select batch_id from audit.deliveries)"
        ).fetchone()[0]
        mismatches = con.execute(
            f"select d.relative_path, d.rows_loaded, count(r._batch_id) from audit.deliveries d"
            f" left join ({rows}) r on r._batch_id = d.batch_id"
            " where d.channel = 'export'"
            " group by all having count(r._batch_id) <> d.rows_loaded"
        ).fetchall()
        return orphans, mismatches
    finally:
        con.close()


def test_full_disk_mid_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _home(tmp_path / "home")
    real = loading.record_deliveries
    groups: list[int] = []

    def full_disk(con, results, loaded_at):
        real(con, results, loaded_at)  # the ledger rows are written too, then the disk fills
        groups.append(len(results))
        if len(groups) == FAIL_AT_GROUP:
            raise duckdb.IOException(
                f'Could not write file "{paths.warehouse}.wal": {os.strerror(errno.ENOSPC)}'
            )

    monkeypatch.setattr(loading, "record_deliveries", full_disk)
    result = _ingest(paths)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: ingest stopped, the disk refused a write"), result.output
    assert "No space left on device" in lines[-1] and "Traceback" not in result.output

    kept = _ledger(paths)
    assert 0 < len(kept) == sum(groups[: FAIL_AT_GROUP - 1])  # the committed groups, no more
    assert _orphans_and_mismatches(paths) == (0, [])

    monkeypatch.setattr(loading, "record_deliveries", real)  # room again
    assert _ingest(paths).exit_code == 0
    clean = _home(tmp_path / "clean")
    assert _ingest(clean).exit_code == 0
    assert _ledger(paths) == _ledger(clean)
    assert _orphans_and_mismatches(paths) == (0, [])

"""A file is read to hash it only when its path, size or mtime differ from what the ledger
recorded; a touched file with the same content stays unchanged, a same-size rewrite is a
replacement; warehouses written before the ledger had a stat are migrated."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingestion import deliveries
from smartprov.base import warehouse
from tests.ingestion.conftest import Home, good_row, write_csv

HOUR_NS = 3600 * 1_000_000_000


def _age(path: Path, hours: int = 1) -> int:
    """Set the file's mtime to ``hours`` ago (a file written a moment ago is hashed again)."""
    info = path.stat()
    mtime = info.st_mtime_ns - hours * HOUR_NS
    os.utime(path, ns=(info.st_atime_ns, mtime))
    return mtime


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file read to hash it, in order."""
    read: list[str] = []
    original = deliveries._sha256

    def counting(path: Path) -> str:
        read.append(path.name)
        return original(path)

    monkeypatch.setattr(deliveries, "_sha256", counting)
    return read


def _three_days(home: Home) -> list[Path]:
    paths = []
    for day in ("2026-03-04", "2026-03-05", "2026-03-06"):
        path = write_csv(home.service_log("33.76", day), [good_row(1, day=day)])
        _age(path)
        paths.append(path)
    return paths


def test_a_rerun_over_unchanged_files_reads_none_of_them(home: Home, hashes: list[str]) -> None:
    misnamed = write_csv(home.paths.landing / "service_logs" / "33.76" / "maret.csv", [good_row(1)])
    _age(misnamed)
    _three_days(home)
    first = home.ingest()
    assert (first.files_hashed, first.deliveries_loaded) == (4, 4)
    assert len(hashes) == 4
    second = home.ingest()
    assert (second.deliveries_found, second.files_hashed, second.deliveries_loaded) == (4, 0, 0)
    assert len(hashes) == 4
    assert home.scalar("select count(*) from audit.quarantine_files") == 1


def test_touched_file_with_the_same_content_is_unchanged(home: Home, hashes: list[str]) -> None:
    path, *_ = _three_days(home)
    home.ingest()
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + HOUR_NS // 2))
    touched = home.ingest()
    assert (touched.files_hashed, touched.deliveries_loaded) == (1, 0)
    assert home.scalar("select count(*) from audit.deliveries") == 3
    again = home.ingest()  # the new stat was remembered
    assert (again.files_hashed, again.deliveries_loaded) == (0, 0)


def test_same_size_rewrite_is_read_and_replaces_the_delivery(home: Home) -> None:
    path, *_ = _three_days(home)
    home.ingest()
    before = path.read_bytes()
    after = before.replace(b"selesai", b"ditolak")
    assert len(after) == len(before) and after != before
    path.write_bytes(after)
    os.utime(path, ns=(0, path.stat().st_mtime_ns - 10_000_000_000))  # new, no longer racy
    summary = home.ingest()
    assert (summary.files_hashed, summary.deliveries_loaded) == (1, 1)
    assert home.query(
        "select status from raw.service_logs where _source_file = ?",
        [path.relative_to(home.paths.landing).as_posix()],
    ) == [("ditolak",)]
    assert home.scalar("select count(*) from audit.deliveries where is_current") == 3


def test_same_size_and_mtime_rewrite_is_not_read(home: Home) -> None:
    """The documented limit (as for rsync and make): a rewrite that keeps size and mtime exactly,
    to the nanosecond, is taken as unchanged. Tools that copy with -p / --times do that only
    for an identical copy."""
    path, *_ = _three_days(home)
    home.ingest()
    mtime = path.stat().st_mtime_ns
    path.write_bytes(path.read_bytes().replace(b"selesai", b"ditolak"))
    os.utime(path, ns=(mtime, mtime))
    assert home.ingest().deliveries_loaded == 0


def test_a_file_written_a_moment_ago_is_read_again(home: Home, hashes: list[str]) -> None:
    write_csv(home.service_log("33.76", "2026-03-05"), [good_row(1)])
    home.ingest()
    assert home.scalar("select count(*) from audit.deliveries where file_size is null") == 1
    assert home.ingest().files_hashed == 1  # racy: it could still change within the same tick


def test_future_dated_file_is_kept_out_until_its_day(
    home: Home, hashes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    from ingestion.service_logs import source

    path = write_csv(home.service_log("33.76", "2026-03-07"), [good_row(1, day="2026-03-07")])
    _age(path)
    monkeypatch.setattr(source, "today_wib", lambda: date(2026, 3, 6))
    first, second = home.ingest(), home.ingest()
    assert (first.files_quarantined, first.rows_loaded) == (1, 0)
    assert (second.deliveries_loaded, second.files_hashed) == (0, 1)  # marked: no stat kept
    monkeypatch.setattr(source, "today_wib", lambda: date(2026, 3, 7))
    assert home.ingest().rows_loaded == 1
    assert home.ingest().files_hashed == 0


def test_a_warehouse_of_the_previous_version_is_migrated(home: Home, hashes: list[str]) -> None:
    """Ledger rows without a stat: every file is read once more, found unchanged (nothing is
    reloaded), and its stat is remembered; opening the warehouse again changes nothing."""
    _three_days(home)
    home.ingest()
    con = warehouse.connect(home.paths.warehouse)
    for column in ("file_size", "file_mtime_ns", "quality_checked_at"):
        con.execute(f"alter table audit.deliveries drop column {column}")
    con.close()
    for _ in range(2):  # re-runnable
        warehouse.open_warehouse(home.paths.warehouse).close()
    assert home.scalar("select count(*) from audit.deliveries where file_size is null") == 3
    # checked by the version that loaded them: not checked again
    assert home.scalar("select bool_and(quality_checked_at = loaded_at) from audit.deliveries")
    hashes.clear()
    migrated = home.ingest()
    assert (migrated.files_hashed, migrated.deliveries_loaded) == (3, 0)
    assert home.scalar("select count(*) from audit.deliveries") == 3
    assert home.ingest().files_hashed == 0
    assert len(hashes) == 3

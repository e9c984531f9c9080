"""The incremental API pull stores every complaint version exactly once, whatever the API does,
and its cursor only ever covers what has been stored."""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from devtools.simulate.lapor_api import RunningStandIn, run_in_thread
from ingestion.lapor import api
from ingestion.lapor.api import PullSummary, pull, pull_into_warehouse
from ingestion.lapor.client import InconsistentPagesError, LaporApiError, LaporAuthError
from smartprov.base.settings import Paths

pytestmark = pytest.mark.timeout(60)
PER_PAGE = 20  # small pages: the 25 versions tied at one timestamp straddle two of them
FAST = {"per_page": PER_PAGE, "backoff": 0.01, "max_wait": 0.5, "timeout": 5}


def run(con: duckdb.DuckDBPyConnection, standin: RunningStandIn, **options) -> PullSummary:
    return pull(con, standin.base_url, standin.standin.token, **{**FAST, **options})


def assert_complete(con: duckdb.DuckDBPyConnection, versions: list[dict], lapor) -> None:
    """Every version stored exactly once, and the cursor at the newest one."""
    stored = lapor.stored_keys(con)
    assert len(stored) == len(set(stored))
    assert Counter(stored) == Counter(map(lapor.version_key, versions))
    assert lapor.stored_cursor(con) == max(key[1] for key in stored)


def assert_cursor_covers_only_stored(con, versions: list[dict], lapor) -> None:
    """Every version at or before the cursor has been stored (the cursor skipped nothing)."""
    cursor = lapor.stored_cursor(con)
    stored = set(lapor.stored_keys(con))
    if cursor is None:
        return
    missing = [k for k in map(lapor.version_key, versions) if k[1] <= cursor and k not in stored]
    assert missing == []


def test_full_pull_then_nothing_new(standin, warehouse, versions, lapor) -> None:
    first = run(warehouse, standin)
    assert_complete(warehouse, versions, lapor)
    assert first.rows_new == len(versions)
    # the tie re-sends a few versions: storage accepts them again, the table keeps one each
    assert first.records_received == first.rows_loaded >= len(versions)
    assert first.rows_quarantined == 0
    assert first.retries == first.anomalies == 0
    assert first.cursor_before == datetime(1970, 1, 1)
    assert first.cursor_after == lapor.stored_cursor(warehouse)
    statuses = standin.standin.statuses()
    assert set(statuses) == {200}

    second = run(warehouse, standin)
    assert second.rows_new == second.rows_loaded == second.pages == 0
    assert second.cursor_before == second.cursor_after == first.cursor_after
    assert_complete(warehouse, versions, lapor)
    deliveries = warehouse.execute(
        "select count(*), sum(rows_loaded) from audit.deliveries "
        "where source = 'lapor' and channel = 'api'"
    ).fetchall()[0]
    assert deliveries == (first.pages, first.rows_loaded)


@pytest.mark.parametrize("per_page", [3, 7, 1000])
def test_any_page_size(standin, warehouse, versions, lapor, per_page: int) -> None:
    run(warehouse, standin, per_page=per_page, max_pages=5000)
    assert_complete(warehouse, versions, lapor)


def test_new_versions_arrive_between_pulls(
    standin, warehouse, versions, lapor, complaints_file: Path
) -> None:
    run(warehouse, standin)
    firsts = {v["tracking_id"]: v for v in reversed(versions)}  # one version per complaint
    later = [
        dict(version, status="diarsipkan", updated_at="2026-11-02T10:00:00+07:00")
        for version in list(firsts.values())[:2]
    ]
    with complaints_file.open("a", encoding="utf-8") as handle:
        handle.writelines(json.dumps(record) + "\n" for record in later)
    summary = run(warehouse, standin)
    assert summary.rows_new == summary.rows_loaded == 2
    assert_complete(warehouse, versions + later, lapor)


def test_rate_limited_with_retry_after(standin, warehouse, versions, lapor) -> None:
    standin.faults.arm("rate_limit", count=3, value=0.2, after=2)
    started = time.monotonic()
    summary = run(warehouse, standin)
    assert time.monotonic() - started >= 3 * 0.2  # it waited as told
    assert summary.retries == 3
    assert standin.standin.statuses().count(429) == 3
    assert_complete(warehouse, versions, lapor)


def test_retry_after_is_capped(standin, warehouse, versions, lapor) -> None:
    standin.faults.arm("rate_limit", count=1, value=3600)
    started = time.monotonic()
    run(warehouse, standin, max_wait=0.1)
    assert time.monotonic() - started < 10
    assert_complete(warehouse, versions, lapor)


def test_server_error_burst(standin, warehouse, versions, lapor) -> None:
    standin.faults.arm("server_error", count=4, value=503, after=5)
    summary = run(warehouse, standin)
    assert summary.retries == 4
    assert_complete(warehouse, versions, lapor)


def test_timeouts(standin, warehouse, versions, lapor) -> None:
    standin.faults.arm("slow", count=2, value=1.0, after=3)
    summary = run(warehouse, standin, timeout=0.3)
    assert summary.retries == 2
    assert_complete(warehouse, versions, lapor)


def test_gives_up_after_max_attempts(standin, warehouse, versions, lapor) -> None:
    standin.faults.arm("server_error", count=100, value=500, after=4)
    with pytest.raises(LaporApiError, match="after 3 attempts"):
        run(warehouse, standin, max_attempts=3)
    assert 1 <= len(lapor.stored_keys(warehouse)) < len(versions)
    assert_cursor_covers_only_stored(warehouse, versions, lapor)
    standin.faults.clear()
    run(warehouse, standin)
    assert_complete(warehouse, versions, lapor)


@pytest.mark.parametrize("after", [0, 1, 2, 4, 7, 11])
def test_repeated_page(standin, warehouse, versions, lapor, after: int) -> None:
    standin.faults.arm("repeat_page", count=1, after=after)
    summary = run(warehouse, standin)
    assert_complete(warehouse, versions, lapor)
    if after > 0:  # the very first request has no previous response to repeat
        assert summary.anomalies == 1


@pytest.mark.parametrize("after", [0, 1, 3, 5, 8, 12])
def test_page_cut_short(standin, warehouse, versions, lapor, after: int) -> None:
    standin.faults.arm("cut_short", count=1, value=3, after=after)
    summary = run(warehouse, standin)
    assert_complete(warehouse, versions, lapor)
    assert summary.anomalies == 1


@pytest.mark.parametrize("kind", ["repeat_page", "cut_short"])
def test_faults_inside_the_tie_run(standin, warehouse, versions, lapor, kind: str) -> None:
    # pages 2 and 3 are only asked for while walking the run of versions at one timestamp
    standin.faults.arm(kind, count=2, value=2, on_page=2)
    summary = run(warehouse, standin)
    assert summary.anomalies == 2
    assert_complete(warehouse, versions, lapor)


def test_persistent_inconsistency_is_an_error(standin, warehouse, versions, lapor) -> None:
    standin.faults.arm("cut_short", count=100, value=1, on_page=2)
    with pytest.raises(InconsistentPagesError, match="cut short"):
        run(warehouse, standin, max_attempts=3)
    assert_cursor_covers_only_stored(warehouse, versions, lapor)


def test_crash_mid_pull_leaves_a_safe_cursor(
    standin, warehouse, versions, lapor, monkeypatch
) -> None:
    real_store = api.store_complaints
    calls = 0

    def crash_on_third_page(*args, **kwargs):
        nonlocal calls
        calls += 1
        result = real_store(*args, **kwargs)  # the rows are written, then the process "dies"
        if calls == 3:
            raise RuntimeError("simulated crash")
        return result

    monkeypatch.setattr(api, "store_complaints", crash_on_third_page)
    with pytest.raises(RuntimeError, match="simulated crash"):
        run(warehouse, standin)
    stored_after_two_pages = lapor.stored_keys(warehouse)
    assert 0 < len(stored_after_two_pages) <= 2 * PER_PAGE  # page 3 was rolled back
    assert_cursor_covers_only_stored(warehouse, versions, lapor)
    cursor = lapor.stored_cursor(warehouse)
    assert cursor is not None and cursor < max(k[1] for k in map(lapor.version_key, versions))

    monkeypatch.setattr(api, "store_complaints", real_store)
    summary = run(warehouse, standin)
    assert summary.cursor_before == cursor
    assert_complete(warehouse, versions, lapor)


@pytest.mark.parametrize("crash_at", [1, 2, 4, 6])
def test_crash_anywhere_then_resume(
    standin, warehouse, versions, lapor, monkeypatch, crash_at: int
) -> None:
    real_store = api.store_complaints
    calls = 0

    def crash(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == crash_at:
            raise RuntimeError("simulated crash")
        return real_store(*args, **kwargs)

    monkeypatch.setattr(api, "store_complaints", crash)
    with pytest.raises(RuntimeError):
        run(warehouse, standin, per_page=7)
    assert_cursor_covers_only_stored(warehouse, versions, lapor)
    monkeypatch.setattr(api, "store_complaints", real_store)
    run(warehouse, standin, per_page=7)
    assert_complete(warehouse, versions, lapor)


def test_wrong_token_is_a_clear_error(standin, warehouse) -> None:
    with pytest.raises(LaporAuthError, match="refused the token.*SMARTPROV_LAPOR_TOKEN"):
        pull(warehouse, standin.base_url, "wrong-token", **FAST)
    assert standin.standin.statuses() == [401]  # not retried
    assert warehouse.execute("select count(*) from audit.lapor_cursor").fetchall() == [(0,)]


def test_unreachable_api_is_an_error(complaints_file: Path, warehouse, lapor) -> None:
    with run_in_thread(complaints_file, lapor.token) as running:
        base_url = running.base_url
    # stopped: nothing listens on that loopback port any more
    with pytest.raises(LaporApiError, match="after 2 attempts"):
        pull(warehouse, base_url, lapor.token, **{**FAST, "max_attempts": 2})


def test_pull_into_warehouse(standin, tmp_path: Path, versions, lapor) -> None:
    paths = Paths(tmp_path / "home")
    summary = pull_into_warehouse(paths, standin.base_url, lapor.token, per_page=50)
    assert summary.rows_new == len(versions)
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        assert lapor.stored_cursor(con) == summary.cursor_after
        assert len(lapor.stored_keys(con)) == len(versions)
    finally:
        con.close()

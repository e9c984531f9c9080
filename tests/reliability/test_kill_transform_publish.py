"""kill -9 during ingest, transform (dbt) and publish, at several points: the next run completes
with exactly the right counts, and serving is always the old or the new complete snapshot."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from devtools.simulate import simulate
from ingestion.ingest import ingest
from smartprov.base.settings import Paths
from smartprov.publish import publish
from smartprov.transform import run_dbt_build
from tests.reliability.conftest import Platform, copy_platform, read_only, snapshot_is_complete

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

# Runs one step of the pipeline in a child process; with a hook, the child SIGKILLs itself at
# that point (the hook is injected by monkeypatching inside the child).
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from smartprov.base.settings import Paths

    step, hook, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
    paths = Paths(Path(sys.argv[1]))
    calls = {"n": 0}

    def die():
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    def on_call(original, match=None):
        def wrapper(*args, **kwargs):
            text = " ".join(str(a) for a in args[1:2])
            if match is None or match in text:
                calls["n"] += 1
                if calls["n"] == n:
                    die()
            return original(*args, **kwargs)
        return wrapper

    if hook == "dbt_statement" or hook == "dbt_fact":
        from dbt.adapters.sql.connections import SQLConnectionManager
        match = "fct_service_transactions" if hook == "dbt_fact" else None
        SQLConnectionManager.add_query = on_call(SQLConnectionManager.add_query, match)
    elif hook == "publish_table":  # _quote is called once per copied table
        from smartprov import publish as module
        module._quote = on_call(module._quote)
    elif hook == "publish_verify":  # the temp file is complete, not yet verified/renamed
        from smartprov import publish as module
        module._verify = lambda path: die()
    elif hook == "publish_rename":  # verified, killed just before os.replace
        from smartprov import publish as module
        module.os.replace = lambda *a: die()
    elif hook == "publish_after_rename":
        from smartprov import publish as module
        real = os.replace
        def replace_then_die(*a):
            real(*a)
            die()
        module.os.replace = replace_then_die
    elif hook == "ingest_record":  # the ledger write inside a delivery (group) transaction
        from ingestion import loading
        name = next(n for n in ("record_deliveries", "record_delivery") if hasattr(loading, n))
        setattr(loading, name, on_call(getattr(loading, name)))

    if step == "transform":
        from smartprov.transform import run_dbt_build
        run_dbt_build(paths, full_refresh=os.environ.get("FULL_REFRESH") == "1")
    elif step == "publish":
        from smartprov.publish import publish
        publish(paths)
    elif step == "ingest":
        from ingestion.ingest import ingest
        ingest(paths, check_quality=False)
    print("finished")
    """
)


def run_child(
    home: Path, step: str, hook: str = "none", n: int = 0, *, kill_after: float | None = None,
    env: dict[str, str] | None = None,
) -> int:  # fmt: skip
    """Run ``step`` in a child; SIGKILL it at ``hook`` (n-th call) or after ``kill_after`` s."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(home), step, hook, str(n)],
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    if kill_after is not None:
        try:
            child.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
    _, err = child.communicate(timeout=240)
    if child.returncode not in (0, -9):
        raise AssertionError(err.decode(errors="replace")[-3000:])
    return child.returncode


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def counts(publication: list[tuple]) -> dict[str, int]:
    return {table: count for _, table, count in publication}


def assert_right_counts(platform: Platform, serving_rows: list[tuple]) -> None:
    """Exactly the counts of the uninterrupted reference run, and of the simulator's truth."""
    assert counts(serving_rows) == counts(platform.publication)
    expected = platform.expected["service_logs_total"]
    [(facts,)] = read_only(
        platform.paths.warehouse, "select count(*) from marts.fct_service_transactions"
    )
    assert facts == expected["transactions"]
    [(raw,)] = read_only(platform.paths.warehouse, "select count(*) from raw.service_logs")
    assert raw == expected["rows_loaded"]


@pytest.mark.parametrize(
    ("hook", "n", "kill_after", "full_refresh"),
    [
        ("dbt_statement", 25, None, False),  # early: seeds / staging
        ("dbt_fact", 2, None, True),  # rebuilding the incremental fact (full refresh)
        ("none", 0, 14.0, False),  # from outside, mid-build
    ],
    ids=["early-statement", "incremental-fact-full-refresh", "sigkill-after-14s"],
)
def test_kill_during_transform(
    platform_copy: Platform, hook: str, n: int, kill_after: float | None, full_refresh: bool
) -> None:
    paths = platform_copy.paths
    before = digest(paths.serving)
    code = run_child(
        paths.home, "transform", hook, n, kill_after=kill_after,
        env={"FULL_REFRESH": "1" if full_refresh else "0"},
    )  # fmt: skip
    assert code == -9, "the child finished before the kill point: move the point earlier"
    assert digest(paths.serving) == before  # a killed build never touches serving
    snapshot_is_complete(paths.serving)
    run_dbt_build(paths)
    publish(paths)
    assert_right_counts(platform_copy, snapshot_is_complete(paths.serving))


@pytest.mark.parametrize(
    ("hook", "n"),
    [
        ("publish_table", 1),
        ("publish_table", 12),
        ("publish_verify", 0),
        ("publish_rename", 0),
        ("publish_after_rename", 0),
    ],
)
def test_kill_during_publish(platform_copy: Platform, hook: str, n: int) -> None:
    paths = platform_copy.paths
    old = snapshot_is_complete(paths.serving)
    time.sleep(1.01)  # publications carry a timestamp in seconds: tell old and new apart
    assert run_child(paths.home, "publish", hook, n) == -9
    now = snapshot_is_complete(paths.serving)
    if hook == "publish_after_rename":
        assert now[0][0] > old[0][0]  # the new snapshot, complete
    else:
        assert now == old  # the old snapshot, untouched
    assert counts(now) == counts(platform_copy.publication)
    publish(paths)
    assert_right_counts(platform_copy, snapshot_is_complete(paths.serving))


def test_kill_during_publish_from_outside_at_random_moments(platform_copy: Platform) -> None:
    paths = platform_copy.paths
    reference = counts(platform_copy.publication)
    for delay in (0.3, 0.8, 1.3, 1.8, 2.5):
        run_child(paths.home, "publish", kill_after=delay)
        assert counts(snapshot_is_complete(paths.serving)) == reference
    publish(paths)
    assert_right_counts(platform_copy, snapshot_is_complete(paths.serving))


def test_killed_publish_leaves_no_temp_files_after_the_next_publish(
    platform_copy: Platform,
) -> None:
    paths = platform_copy.paths
    assert run_child(paths.home, "publish", "publish_verify", 0) == -9
    publish(paths)
    assert sorted(p.name for p in paths.home.glob("serving.duckdb.tmp-*")) == []


def _by_file(paths) -> dict[str, tuple[int, int]]:
    loaded = dict(
        read_only(paths.warehouse, "select _source_file, count(*) from raw.service_logs group by 1")
    )
    bad = dict(
        read_only(
            paths.warehouse,
            "select relative_path, count(*) from audit.quarantine_rows group by 1",
        )
    )
    return {f: (loaded.get(f, 0), bad.get(f, 0)) for f in set(loaded) | set(bad)}


def test_kill_during_ingest_then_the_whole_pipeline_gets_the_right_counts(
    platform_copy: Platform, tmp_path: Path
) -> None:
    """A new day of deliveries; ingest killed after some files, run again, build, publish:
    raw and quarantine hold exactly what an uninterrupted ingest of the same files holds."""
    paths = platform_copy.paths
    # the simulator rewrites its whole landing: simulate 8 days elsewhere, take the 8th day
    longer = Paths(tmp_path / "longer").ensure()
    simulate(longer, date(2026, 1, 1), 8, 7, 0.05)
    for source in (longer.landing / "service_logs").glob("*/2026-01-08.*"):
        shutil.copyfile(source, paths.landing / source.relative_to(longer.landing))
    n_new = len(list(paths.landing.glob("service_logs/*/2026-01-08.*")))
    assert n_new > 10
    reference = copy_platform(platform_copy, tmp_path / "reference")
    ingest(reference.paths, sources=("service_logs",), check_quality=False)

    assert run_child(paths.home, "ingest", "ingest_record", 3) == -9
    ingest(paths, sources=("service_logs",), check_quality=False)
    [(files,)] = read_only(
        paths.warehouse,
        "select count(*) from audit.deliveries where relative_path like '%2026-01-08%'",
    )
    assert files == n_new  # each new file recorded exactly once
    assert _by_file(paths) == _by_file(reference.paths)
    run_dbt_build(paths)
    publish(paths)
    snapshot_is_complete(paths.serving)
    [(facts,)] = read_only(paths.warehouse, "select count(*) from marts.fct_service_transactions")
    [(distinct,)] = read_only(
        paths.warehouse,
        "select count(distinct (kode_kabkota, id_transaksi)) from raw.service_logs",
    )
    assert facts == distinct

"""Re-running is safe; a re-delivered day replaces its previous version; a crash leaves nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.ingestion.conftest import Home, good_row, write_csv


def test_second_ingest_loads_nothing(home: Home) -> None:
    write_csv(home.service_log("33.76", "2026-03-05"), [good_row(1), good_row(2)])
    first = home.ingest()
    second = home.ingest()
    assert first.rows_loaded == 2
    assert second.deliveries_loaded == 0
    assert home.scalar("select count(*) from raw.service_logs") == 2
    assert home.scalar("select count(*) from audit.deliveries") == 1


def test_redelivered_day_replaces_previous_version(home: Home) -> None:
    path = home.service_log("33.76", "2026-03-05")
    write_csv(path, [good_row(1), good_row(2), good_row(3)])
    home.ingest()
    corrected = good_row(2)
    corrected[6] = "ditolak"
    write_csv(path, [good_row(1), corrected])  # T0003 withdrawn, T0002 corrected
    summary = home.ingest()
    assert summary.deliveries_loaded == 1
    rows = home.query("select id_transaksi, status from raw.service_logs order by 1")
    assert rows == [("T0001", "selesai"), ("T0002", "ditolak")]
    assert home.scalar("select count(*) from audit.deliveries where is_current") == 1


def test_same_file_delivered_twice_under_another_name_keeps_both_versions_for_dbt(
    home: Home,
) -> None:
    """The same id_transaksi on a later day: raw keeps both; latest wins downstream."""
    write_csv(home.service_log("33.76", "2026-03-05"), [good_row(1)])
    later = good_row(1, day="2026-03-06")
    later[4] = "2026-03-05 08:01:00"
    write_csv(home.service_log("33.76", "2026-03-06"), [later])
    home.ingest()
    assert home.scalar("select count(distinct id_transaksi) from raw.service_logs") == 1


CRASH = textwrap.dedent(
    """
    import os, signal, sys
    from ingestion import ingest as pipeline
    from ingestion import loading
    from smartprov.base.settings import Paths

    # one delivery per transaction when asked, else the default groups
    if sys.argv[2] == "1":
        pipeline.GROUP_SIZE = loading.GROUP_SIZE = 1

    original = loading.record_deliveries
    calls = {"n": 0}

    def crashing(con, results, loaded_at):
        original(con, results, loaded_at)
        calls["n"] += len(results)
        if calls["n"] >= 2:  # rows of the 2nd delivery are written, not committed
            os.kill(os.getpid(), signal.SIGKILL)

    loading.record_deliveries = crashing
    pipeline.ingest(Paths.from_env(sys.argv[1]), check_quality=False)
    """
)


@pytest.mark.parametrize(("group_size", "survivors"), [("1", 1), ("default", 0)])
def test_kill_9_mid_delivery_leaves_no_partial_rows(
    home: Home, group_size: str, survivors: int
) -> None:
    for kode, village in (("33.76", "33.76.01.1001"), ("33.01", "33.01.01.2001")):
        write_csv(home.service_log(kode, "2026-03-05"), [good_row(i, village) for i in range(50)])
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(home.paths.home), group_size],
        env=os.environ.copy(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == -9, done.stderr
    # killed while the second delivery was written: only whole, committed deliveries remain
    assert home.scalar("select count(*) from raw.service_logs") == 50 * survivors
    assert home.scalar("select count(*) from audit.deliveries") == survivors
    summary = home.ingest()
    assert summary.deliveries_loaded == 2 - survivors
    assert home.scalar("select count(*) from raw.service_logs") == 100
    assert home.scalar("select count(distinct _batch_id) from raw.service_logs") == 2

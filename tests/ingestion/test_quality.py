"""Great Expectations checks the deliveries loaded since the last check as one batch (a profile
built from the ledger), once per run, and can be deferred so that many loading processes share
one check; bad rows are quarantined on load whatever the check says."""

from __future__ import annotations

import pytest

from ingestion import quality
from ingestion.warehouse import open_warehouse
from tests.ingestion.conftest import CILACAP_VILLAGE, Home, good_row, write_csv

BAD = "service_logs/33.76/2026-03-05.csv"


def _deliver(home: Home) -> None:
    bad = good_row(3)
    bad[6] = "hilang"  # unknown status: quarantined on load
    write_csv(home.service_log("33.76", "2026-03-05"), [good_row(1), good_row(2), bad])
    write_csv(home.service_log("33.01", "2026-03-05"), [good_row(1, CILACAP_VILLAGE)])


def test_a_run_is_checked_once_as_one_batch(home: Home) -> None:
    _deliver(home)
    summary = home.ingest()
    assert (summary.rows_loaded, summary.rows_quarantined) == (3, 1)
    [(row, code)] = home.query("select row_number, reason_code from audit.quarantine_rows")
    assert (row, code) == (3, "unknown_status")
    # one bad row in three is over the share allowed: that delivery, and only it, fails
    assert summary.quality_failures == 1
    [(path, expectation)] = home.query(
        "select details->>'relative_path', expectation_type from audit.quality_results "
        "where not success"
    )
    assert (path, expectation) == (BAD, "expect_column_values_to_be_between")
    assert home.scalar("select count(distinct run_id) from audit.quality_results") == 1
    assert (
        home.scalar("select count(*) from audit.deliveries where quality_checked_at is null") == 0
    )
    assert home.ingest().quality_failures == 0  # nothing new: nothing checked again


def test_deferred_loads_are_checked_together(home: Home, monkeypatch: pytest.MonkeyPatch) -> None:
    _deliver(home)
    home.ingest(kode_kabkota="33.76", check_quality=False)
    home.ingest(kode_kabkota="33.01", check_quality=False)
    assert home.scalar("select count(*) from audit.quality_results") == 0
    con = open_warehouse(home.paths.warehouse)
    try:
        assert len(quality.profile(con)) == 2
        assert quality.check_pending(con) == 1
        monkeypatch.setattr(quality, "_validation", lambda: pytest.fail("nothing to check"))
        assert quality.check_pending(con) == 0
    finally:
        con.close()
    [(checked, at)] = home.query(
        "select count(*), count(distinct quality_checked_at) from audit.deliveries"
    )
    assert (checked, at) == (2, 1)
    assert home.scalar("select count(distinct run_id) from audit.quality_results") == 1

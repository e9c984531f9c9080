"""The simulator's manifest states what a correct ingestion loads and quarantines; the real
ingest of the simulated landing folder must match it exactly, and a second ingest changes
nothing."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import duckdb

from ingestion.ingest import ingest
from smartprov.base.settings import Paths
from smartprov.status import regency_status


def _query(paths: Paths, sql: str) -> list[tuple]:
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_service_logs_match_the_manifest(ingested_sample: tuple[Paths, dict[str, Any]]) -> None:
    paths, expected = ingested_sample
    rows = {
        kode: (files_q, rows_q, rows_ok)
        for kode, files_q, rows_q, rows_ok in _query(
            paths,
            """
            select kode_kabkota, count(*) filter (where file_quarantined),
                   sum(rows_quarantined), sum(rows_loaded)
            from audit.deliveries where is_current and source = 'service_logs'
            group by kode_kabkota
            """,
        )
    }
    reasons: dict[str, Counter[str]] = {}
    for kode, code, n in _query(
        paths,
        """
        select q.kode_kabkota, q.reason_code, count(*) from audit.quarantine_rows as q
        join audit.deliveries as d using (batch_id)
        where d.is_current and q.source = 'service_logs' group by all
        """,
    ):
        reasons.setdefault(kode, Counter())[code] = n
    file_reasons: dict[str, Counter[str]] = {}
    for kode, code, n in _query(
        paths,
        "select kode_kabkota, reason_code, count(*) from audit.quarantine_files group by all",
    ):
        file_reasons.setdefault(kode, Counter())[code] = n
    transactions = dict(
        _query(
            paths,
            "select kode_kabkota, count(distinct id_transaksi) from raw.service_logs group by 1",
        )
    )
    assert len(expected["service_logs"]) == 35
    for kode, want in expected["service_logs"].items():
        got = rows.get(kode, (0, 0, 0))
        assert got == (want["files_quarantined"], want["rows_quarantined"], want["rows_loaded"]), (
            kode
        )
        assert dict(reasons.get(kode, {})) == want["row_reasons"], kode
        assert dict(file_reasons.get(kode, {})) == want["file_reasons"], kode
        assert transactions.get(kode, 0) == want["transactions"], kode
    all_reasons = set().union(*(want["row_reasons"] for want in expected["service_logs"].values()))
    assert len(all_reasons) == 10, "the sample exercises every row rule of the contract"


def test_other_sources_match_the_manifest(ingested_sample: tuple[Paths, dict[str, Any]]) -> None:
    paths, expected = ingested_sample
    lapor = expected["lapor"]
    assert _query(paths, "select count(distinct tracking_id), count(*) from raw.lapor_complaints")[
        0
    ] == (lapor["complaints"], lapor["versions"])
    assert (
        _query(paths, "select count(*) from audit.quarantine_rows where source = 'lapor'")[0][0]
        == (lapor["export_rows_quarantined"])
    )
    rollout = expected["rollout"]
    assert (
        _query(paths, "select count(*) from raw.rollout_register")[0][0] == rollout["rows_loaded"]
    )
    for dataset, want in expected["indicators"].items():
        assert (
            _query(paths, f"select count(*) from raw.indicator_{dataset}")[0][0]
            == want["rows_loaded"]
        ), dataset


def test_status_reports_the_missing_data_date(
    ingested_sample: tuple[Paths, dict[str, Any]], tmp_path
) -> None:
    import shutil

    from smartprov.transform import prepare_build, run_dbt

    sample, expected = ingested_sample
    assert not regency_status(sample)["built"]  # ingested, never transformed
    # the status is the dbt mart's: build it (and what it reads) in a copy of the sample
    paths = Paths(tmp_path / "home").ensure()
    shutil.copy2(sample.warehouse, paths.warehouse)
    # (cautious: only the tests whose every parent is built here)
    selection = ["--select", "+mart_delivery_status_kabkota", "--indirect-selection", "cautious"]
    prepare_build(paths)  # the incremental fact's unit tests need the (empty) fact to exist
    run_dbt(paths, ["build", *selection])
    report = regency_status(paths)
    assert report["built"]
    assert report["data_date"] == expected["data_date"]
    missing = [r["kode_kabkota"] for r in report["regencies"] if r["missing_data_date"]]
    assert missing == expected["missing_data_date"]
    by_code = {r["kode_kabkota"]: r for r in report["regencies"]}
    for kode, want in expected["service_logs"].items():
        assert by_code[kode]["transactions"] == want["transactions"]
        assert by_code[kode]["last_delivery"] == want["last_delivery"]
    assert report["lapor"]["complaints"] == expected["lapor"]["complaints"]
    json.dumps(report)  # the --json output is plain data


def test_second_ingest_changes_no_count(ingested_sample: tuple[Paths, dict[str, Any]]) -> None:
    paths, _ = ingested_sample
    count_sql = """
        select (select count(*) from raw.service_logs), (select count(*) from raw.lapor_complaints),
               (select count(*) from audit.quarantine_rows), (select count(*) from audit.deliveries)
    """
    before = _query(paths, count_sql)
    summary = ingest(paths)
    assert summary.deliveries_loaded == 0
    assert _query(paths, count_sql) == before


def test_no_personal_data_of_the_sample_in_clear(
    ingested_sample: tuple[Paths, dict[str, Any]], tmp_path
) -> None:
    paths, expected = ingested_sample
    feed = paths.home / expected["lapor"]["api_feed"]
    people = [json.loads(line) for line in feed.read_text().splitlines()]
    needles = {
        value
        for record in people
        for key in ("pelapor_nama", "pelapor_nik", "pelapor_telepon", "pelapor_email")
        if (value := record.get(key))
    }
    assert len(needles) > 10
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    con.execute(f"export database '{tmp_path / 'dump'}' (format csv)")
    con.close()
    text = "\n".join(p.read_text() for p in (tmp_path / "dump").glob("*.csv"))
    leaked = sorted(n for n in needles if n in text)
    assert leaked == []

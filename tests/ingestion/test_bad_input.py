"""Bad input is quarantined with file, row and reason; the good rows of the same file load."""

from __future__ import annotations

import json

import pytest

from ingestion.reasons import FileReason, RowReason
from tests.ingestion.conftest import (
    CILACAP_VILLAGE,
    HEADER,
    Home,
    good_row,
    write_csv,
    write_jsonl,
)


def _bad(column: str, value: str) -> list[str]:
    row = good_row(99)
    row[HEADER.index(column)] = value
    return row


ROW_CASES = {
    RowReason.MISSING_VALUE: _bad("id_transaksi", ""),
    RowReason.INVALID_TIMESTAMP: _bad("waktu_permohonan", "kemarin sore"),
    RowReason.INVALID_VALUE: _bad("tte", "mungkin"),
    RowReason.UNKNOWN_JENIS_LAYANAN: _bad("jenis_layanan", "SURAT_SAKTI"),
    RowReason.UNKNOWN_KANAL: _bad("kanal", "fax"),
    RowReason.UNKNOWN_STATUS: _bad("status", "hilang"),
    RowReason.UNKNOWN_WILAYAH: _bad("kode_wilayah", "3171011001"),  # Jakarta, not Central Java
    RowReason.WILAYAH_OUTSIDE_KABKOTA: _bad("kode_wilayah", CILACAP_VILLAGE),
    RowReason.SELESAI_BEFORE_PERMOHONAN: _bad("waktu_selesai", "2026-03-05 07:00:00"),
    RowReason.FUTURE_TIMESTAMP: _bad("waktu_permohonan", "2026-03-07 08:00:00"),
}


@pytest.mark.parametrize("reason", list(ROW_CASES), ids=lambda r: r.value)
def test_row_rule(home: Home, reason: RowReason) -> None:
    rows = [good_row(1), ROW_CASES[reason], good_row(2)]
    if reason is RowReason.FUTURE_TIMESTAMP:
        rows[1][5] = ""
    write_csv(home.service_log("33.76", "2026-03-05"), rows)
    summary = home.ingest()
    assert (summary.rows_loaded, summary.rows_quarantined) == (2, 1)
    [(row_number, code, message, path)] = home.query(
        "select row_number, reason_code, reason, relative_path from audit.quarantine_rows"
    )
    assert (row_number, code, path) == (2, reason.value, "service_logs/33.76/2026-03-05.csv")
    assert message.startswith("row 2 of service_logs/33.76/2026-03-05.csv: ")
    assert home.scalar("select count(*) from raw.service_logs") == 2
    # the rejected row is kept as delivered, by file and row; the file itself is not copied
    [(record,)] = home.query("select record from audit.quarantine_rows")
    delivered = {h: v or None for h, v in zip(HEADER, rows[1], strict=True)}  # empty: NULL
    assert json.loads(record) == delivered
    assert not any(p.is_file() for p in home.paths.quarantine.rglob("*"))
    assert home.scalar("select count(*) from audit.quarantine_files") == 0


def test_next_day_is_not_the_future(home: Home) -> None:
    row = good_row(1)
    row[4], row[5] = "2026-03-06 23:59:00", ""
    write_csv(home.service_log("33.76", "2026-03-05"), [row])
    assert home.ingest().rows_loaded == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", FileReason.EMPTY),
        (",".join(HEADER).encode() + b"\n", FileReason.EMPTY),
        (b"\x00\x01\x02PK garbage\xff\xfe" * 50, FileReason.UNREADABLE),
        (b"id_transaksi,kode_wilayah\nT1,3376011001\n", FileReason.MISSING_COLUMN),
    ],
    ids=["zero_bytes", "header_only", "binary", "missing_column"],
)
def test_whole_file_quarantined(home: Home, content: bytes, reason: FileReason) -> None:
    bad = home.service_log("33.76", "2026-03-05")
    bad.parent.mkdir(parents=True)
    bad.write_bytes(content)
    write_csv(home.service_log("33.01", "2026-03-05"), [good_row(1, CILACAP_VILLAGE)])
    summary = home.ingest()
    assert summary.files_quarantined == 1
    assert summary.rows_loaded == 1, "another regency is never held up"
    [(code, message, copy)] = home.query(
        "select reason_code, reason, quarantine_path from audit.quarantine_files"
    )
    assert code == reason.value
    assert message.startswith("service_logs/33.76/2026-03-05.csv: ")
    from pathlib import Path

    assert Path(copy).read_bytes() == content


@pytest.mark.parametrize(
    "relative",
    [
        "service_logs/33.99/2026-03-05.csv",
        "service_logs/33.76/5-3-2026.csv",
        "service_logs/33.76/2026-03-05.txt",
    ],
)
def test_bad_file_names(home: Home, relative: str) -> None:
    write_csv(home.paths.landing / relative, [good_row(1)])
    summary = home.ingest()
    assert summary.files_quarantined == 1 and summary.rows_loaded == 0
    assert home.scalar("select reason_code from audit.quarantine_files") == "bad_file_name"


def test_future_dated_file_is_quarantined_whole(home: Home) -> None:
    """A file naming a day after the day of ingestion (service-log-v1): quarantined whole."""
    import datetime as dt

    from ingestion.service_logs.source import today_wib

    future = today_wib() + dt.timedelta(days=1)
    write_csv(home.service_log("33.76", str(future)), [good_row(1, day=str(future))])
    write_csv(home.service_log("33.76", "2026-03-05"), [good_row(2)])
    summary = home.ingest()
    assert summary.files_quarantined == 1 and summary.rows_loaded == 1
    [(path, code, reason)] = home.query(
        "select relative_path, reason_code, reason from audit.quarantine_files"
    )
    assert (path, code) == (f"service_logs/33.76/{future}.csv", "bad_file_name")
    assert "after the day it is ingested" in reason


def test_corrupt_xlsx(home: Home) -> None:
    path = home.service_log("33.76", "2026-03-05", "xlsx")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a zip file")
    assert home.ingest().files_quarantined == 1
    assert home.scalar("select reason_code from audit.quarantine_files") == "unreadable_file"


@pytest.mark.parametrize("ext", ["csv", "jsonl"])
def test_row_numbers_when_files_are_read_together(home: Home, ext: str) -> None:
    """Same-layout files share one scan; row numbers still count within each file (CSV and
    JSON Lines number rows by the scan's insertion order, not by a window)."""
    bad_rows = {"2026-03-03": 2, "2026-03-04": 5, "2026-03-05": 1}
    for day, bad in bad_rows.items():
        rows = [good_row(i, day=day) for i in range(1, 8)]
        rows[bad - 1][3] = "fax"
        if ext == "csv":
            write_csv(home.service_log("33.76", day), rows)
        else:
            write_jsonl(
                home.service_log("33.76", day, ext),
                [dict(zip(HEADER, r, strict=True)) for r in rows],
            )
    summary = home.ingest()
    assert (summary.rows_loaded, summary.rows_quarantined) == (18, 3)
    found = home.query(
        "select relative_path, row_number, record->>'id_transaksi' from audit.quarantine_rows "
        "order by 1"
    )
    assert found == [
        (f"service_logs/33.76/{day}.{ext}", bad, f"T{bad:04d}") for day, bad in bad_rows.items()
    ]
    assert home.query(
        "select _source_file, min(_row_number), max(_row_number), count(*) "
        "from raw.service_logs group by 1 order by 1"
    ) == [
        (f"service_logs/33.76/{day}.{ext}", 1 + (bad == 1), 7 - (bad == 7), 6)
        for day, bad in bad_rows.items()
    ]


@pytest.mark.parametrize(
    ("column", "value", "says"),
    [
        ("penandatangan", "bupati", "penandatangan 'bupati' is not one of"),
        ("penandatangan", "x" * 1_000_000, "is not one of"),
        ("id_transaksi", "T" * 65, "longer than 64 characters"),
    ],
)
def test_other_invalid_values(home: Home, column: str, value: str, says: str) -> None:
    write_csv(home.service_log("33.76", "2026-03-05"), [_bad(column, value), good_row(1)])
    assert home.ingest().rows_quarantined == 1
    [(code, reason)] = home.query("select reason_code, reason from audit.quarantine_rows")
    assert code == "invalid_value" and says in reason
    assert len(reason) < 300, "a huge value is cut in the message"


def test_symlinked_delivery_is_refused_unread(home: Home, tmp_path) -> None:
    secret = tmp_path.parent / f"{tmp_path.name}-outside.csv"
    secret.write_text("secret-header\nsecret-value\n")
    link = home.service_log("33.76", "2026-03-05")
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    summary = home.ingest()
    assert summary.files_quarantined == 1
    [(code, reason, kept)] = home.query(
        "select reason_code, reason, quarantine_path from audit.quarantine_files"
    )
    assert code == "bad_file_name" and "symbolic link" in reason
    assert "secret" not in reason and "not kept" in kept
    assert not any(p.is_file() for p in home.paths.quarantine.rglob("*"))

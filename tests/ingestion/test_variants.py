"""Every accepted variant of service-log-v1 loads, with the same typed result."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

from tests.ingestion.conftest import HEADER, TEGAL_VILLAGE, Home, good_row, write_csv, write_jsonl

EXPECTED_REQUEST = datetime(2026, 3, 5, 8, 15)


def _loaded(home: Home) -> list[tuple]:
    return home.query(
        "select id_transaksi, kode_wilayah, waktu_permohonan, waktu_selesai, tte "
        "from raw.service_logs order by id_transaksi"
    )


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (";", "utf-8"), (";", "utf-8-sig"), (",", "cp1252"), (";", "cp1252")],
)
def test_csv_delimiters_and_encodings(home: Home, delimiter: str, encoding: str) -> None:
    row = good_row(15)
    path = write_csv(
        home.service_log("33.76", "2026-03-05"),
        [row],
        delimiter=delimiter,
        encoding=encoding,
    )
    if encoding == "cp1252":  # a Windows-1252 byte that is invalid UTF-8 (e-acute)
        path.write_bytes(path.read_bytes().replace(b"T0015", b"T0015\xe9"))
    summary = home.ingest()
    assert summary.rows_loaded == 1 and summary.rows_quarantined == 0
    expected_id = "T0015\u00e9" if encoding == "cp1252" else "T0015"
    assert _loaded(home) == [
        (expected_id, TEGAL_VILLAGE, EXPECTED_REQUEST, datetime(2026, 3, 5, 10, 0), True)
    ]


def test_header_case_and_spaces(home: Home) -> None:
    header = [f"  {h.upper()} " for h in HEADER]
    write_csv(home.service_log("33.76", "2026-03-05"), [good_row(15)], header)
    assert home.ingest().rows_loaded == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-05T08:15:00", EXPECTED_REQUEST),
        ("2026-03-05 08:15:00", EXPECTED_REQUEST),
        ("2026-03-05T08:15:00+07:00", EXPECTED_REQUEST),
        ("2026-03-05T01:15:00+00:00", EXPECTED_REQUEST),  # offsets are converted to WIB
        ("05/03/2026 08:15", EXPECTED_REQUEST),  # Indonesian style, day first
    ],
)
def test_timestamp_styles(home: Home, text: str, expected: datetime) -> None:
    row = good_row(15)
    row[4] = text
    write_csv(home.service_log("33.76", "2026-03-05"), [row])
    home.ingest()
    assert home.scalar("select waktu_permohonan from raw.service_logs") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", True), ("0", False), ("ya", True), ("tidak", False), ("true", True), ("FALSE", False)],
)
def test_tte_spellings(home: Home, text: str, expected: bool) -> None:
    row = good_row(15)
    row[7] = text
    write_csv(home.service_log("33.76", "2026-03-05"), [row])
    home.ingest()
    assert home.scalar("select tte from raw.service_logs") is expected


def test_village_code_without_dots(home: Home) -> None:
    row = good_row(15)
    row[1] = TEGAL_VILLAGE.replace(".", "")
    write_csv(home.service_log("33.76", "2026-03-05"), [row])
    home.ingest()
    assert home.scalar("select kode_wilayah from raw.service_logs") == TEGAL_VILLAGE


def test_json_lines(home: Home) -> None:
    records = [dict(zip(HEADER, good_row(i), strict=True)) for i in (15, 16)]
    records[1]["tte"] = 0  # a JSON number, not a string
    records[1]["waktu_selesai"] = None
    write_jsonl(home.service_log("33.76", "2026-03-05", "jsonl"), records)
    summary = home.ingest()
    assert summary.rows_loaded == 2
    assert _loaded(home)[1] == ("T0016", TEGAL_VILLAGE, datetime(2026, 3, 5, 8, 16), None, False)


def test_xlsx_as_exported_by_a_spreadsheet(home: Home) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([h.title() for h in HEADER])
    # real spreadsheet cells: datetimes and numbers, not text
    sheet.append(
        ["T0015", TEGAL_VILLAGE, "SKTM", "loket", EXPECTED_REQUEST, None, "proses", 1, None]
    )
    sheet.append(["T0016", 3376011001, "SKTM", "web", "05/03/2026 08:15", None, "proses", 0, None])
    path = home.service_log("33.76", "2026-03-05", "xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    summary = home.ingest()
    assert (summary.rows_loaded, summary.rows_quarantined) == (2, 0)
    assert _loaded(home) == [
        ("T0015", TEGAL_VILLAGE, EXPECTED_REQUEST, None, True),
        ("T0016", TEGAL_VILLAGE, EXPECTED_REQUEST, None, False),
    ]


def test_lineage_columns(home: Home) -> None:
    write_csv(home.service_log("33.76", "2026-03-05"), [good_row(1), good_row(2)])
    home.ingest()
    rows = home.query(
        "select distinct _source_file, length(_file_hash), _batch_id is not null, "
        "_loaded_at is not null from raw.service_logs"
    )
    assert rows == [("service_logs/33.76/2026-03-05.csv", 64, True, True)]
    assert home.query("select _row_number from raw.service_logs order by 1") == [(1,), (2,)]

"""Issue 11, ingestion: delivered names are data, quarantine keeps no personal data in clear,
links are never followed, and shifted rows are not read."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from ingestion.ingest import ingest
from ingestion.lapor.identity import register
from ingestion.lapor.records import store_complaints
from ingestion.warehouse import open_warehouse
from smartprov.base.settings import Paths
from tests.ingestion.conftest import HEADER, good_row, write_csv, write_jsonl
from tests.security.conftest import (
    CANARY,
    DAY,
    EMAIL,
    NAME,
    NIK,
    PHONE,
    lapor_row,
    query,
    text_in_warehouse,
    write_lapor,
)

TEGAL = "33.76"


def hostile_name(canary: Path) -> str:
    """A column name that, pasted into SQL, reads the canary file into the stored record."""
    return f"x\" := (select content from read_text('{canary}')))) --"


# --- 1. SQL injection from delivered names --------------------------------------------------


def test_hostile_csv_header_is_not_sql(paths: Paths, canary: Path) -> None:
    rows = [[*good_row(i), "extra"] for i in range(4)]
    rows.append([*good_row(9)[:2], "NOT_A_SERVICE", *good_row(9)[3:], "extra"])  # quarantined
    write_csv(
        paths.landing / "service_logs" / TEGAL / f"{DAY}.csv",
        rows,
        header=[*HEADER, hostile_name(canary)],
    )
    ingest(paths, check_quality=False)
    assert query(paths.warehouse, "select count(*) from raw.service_logs") == [(4,)]
    [(record,)] = query(paths.warehouse, "select record from audit.quarantine_rows")
    assert "x" not in json.loads(record)  # only the contract's columns are kept
    assert text_in_warehouse(paths.warehouse, CANARY) == []


def test_hostile_jsonl_key_is_not_sql(paths: Paths, canary: Path) -> None:
    hostile = hostile_name(canary)
    rows = [dict(zip(HEADER, good_row(i), strict=True)) | {hostile: "x"} for i in range(3)]
    rows.append(dict(zip(HEADER, good_row(8), strict=True)) | {"kanal": "fax", hostile: "x"})
    write_jsonl(paths.landing / "service_logs" / TEGAL / f"{DAY}.jsonl", rows)
    ingest(paths, check_quality=False)
    assert query(paths.warehouse, "select count(*) from raw.service_logs") == [(3,)]
    assert query(paths.warehouse, "select count(*) from audit.quarantine_rows") == [(1,)]
    assert text_in_warehouse(paths.warehouse, CANARY) == []


def test_hostile_api_key_is_not_sql(paths: Paths, canary: Path) -> None:
    con = open_warehouse(paths.warehouse)
    try:
        register(con, paths.home)
        records = [
            lapor_row(1) | {hostile_name(canary): "x"},
            lapor_row(2, status="unknown") | {hostile_name(canary): "x"},
        ]
        result = store_complaints(
            con, records, channel="api", relative_path="api:test", file_hash="0" * 64
        )
    finally:
        con.close()
    assert (result.rows_loaded, result.rows_quarantined) == (1, 1)
    assert text_in_warehouse(paths.warehouse, CANARY) == []


def test_the_ingest_connection_cannot_read_outside_landing(paths: Paths, canary: Path) -> None:
    from ingestion.safety import lock_down

    con = open_warehouse(paths.warehouse)
    try:
        lock_down(con, [paths.landing])
        with pytest.raises(Exception, match="disabled|Permission"):
            con.execute(f"select content from read_text('{canary}')").fetchall()
        with pytest.raises(Exception, match="disabled|lock|Permission"):
            con.execute("set enable_external_access = true")
    finally:
        con.close()


# --- 2. quarantine copies -------------------------------------------------------------------


def _quarantined_files(paths: Paths) -> list[Path]:
    return [p for p in paths.quarantine.rglob("*") if p.is_file()]


def _assert_private(paths: Paths) -> None:
    for path in paths.quarantine.rglob("*"):
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def _assert_no_identity(files: list[Path]) -> None:
    assert files
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        for secret in (NIK, PHONE, EMAIL, NAME, "Jalan rusak"):
            assert secret not in text, (path.name, secret)


def _assert_no_identity_in_warehouse(paths: Paths) -> None:
    """No reporter identity anywhere; no complaint text in audit (raw keeps the text of a
    complaint that is not confidential)."""
    for secret in (NIK, PHONE, EMAIL, NAME):
        assert text_in_warehouse(paths.warehouse, secret) == [], secret
    hits = text_in_warehouse(paths.warehouse, "Jalan rusak")
    assert [h for h in hits if h[0].startswith("audit.")] == []


def test_rejected_lapor_row_is_kept_in_audit_without_identity(paths: Paths) -> None:
    """A bad row: findable by file, row and reason, its record without the personal columns;
    the file is not copied to quarantine/ (docs/quarantine.md)."""
    rows = [lapor_row(1), lapor_row(2, status="bogus")]
    write_lapor(paths.landing / "lapor" / f"{DAY}.csv", rows, delimiter=";")
    ingest(paths, sources=["lapor"], check_quality=False)
    assert query(paths.warehouse, "select count(*) from raw.lapor_complaints") == [(1,)]
    [(path, row, code, record)] = query(
        paths.warehouse,
        "select relative_path, row_number, reason_code, record from audit.quarantine_rows",
    )
    assert (path, row, code) == (f"lapor/{DAY}.csv", 2, "unknown_status")
    kept = json.loads(record)
    assert kept["tracking_id"] == "LPR260300002" and kept["status"] == "bogus"
    assert not {"pelapor_nama", "pelapor_nik", "pelapor_telepon", "isi_laporan"} & set(kept)
    assert _quarantined_files(paths) == []
    _assert_no_identity_in_warehouse(paths)


def test_semicolon_lapor_file_rejected_whole_is_redacted_in_quarantine(paths: Paths) -> None:
    rows = [lapor_row(1), lapor_row(2)]
    write_lapor(paths.landing / "lapor" / f"laporan-{DAY}.csv", rows, delimiter=";")
    ingest(paths, sources=["lapor"], check_quality=False)
    assert query(paths.warehouse, "select reason_code from audit.quarantine_files") == [
        ("bad_file_name",)
    ]
    files = _quarantined_files(paths)
    _assert_no_identity(files)
    [copy] = files
    lines = copy.read_text().splitlines()
    assert lines[0].count(";") == 19 and len(lines) == 3  # same delimiter, columns and rows
    assert "LPR260300002" in lines[2]  # what is not personal is kept
    _assert_private(paths)
    _assert_no_identity_in_warehouse(paths)


def test_lapor_file_with_another_extension_keeps_metadata_only(paths: Paths) -> None:
    path = write_lapor(paths.landing / "lapor" / f"{DAY}.txt", [lapor_row(1)])
    ingest(paths, sources=["lapor"], check_quality=False)
    [(code, kept)] = query(
        paths.warehouse, "select reason_code, quarantine_path from audit.quarantine_files"
    )
    assert code == "bad_file_name" and kept.endswith(".quarantined.json")
    _assert_no_identity(_quarantined_files(paths))
    meta = json.loads(Path(kept).read_text())
    assert meta["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    _assert_private(paths)


# --- 3. links under landing/ ----------------------------------------------------------------


def test_linked_regency_folder_is_never_read(paths: Paths, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    write_csv(outside / f"{DAY}.csv", [good_row(1)])
    content_hash = hashlib.sha256((outside / f"{DAY}.csv").read_bytes()).hexdigest()
    (paths.landing / "service_logs").mkdir(parents=True, exist_ok=True)
    os.symlink(outside, paths.landing / "service_logs" / TEGAL)
    ingest(paths, check_quality=False)
    [(reason, kept, digest)] = query(
        paths.warehouse,
        "select q.reason, q.quarantine_path, d.file_hash from audit.quarantine_files q"
        " join audit.deliveries d using (batch_id)",
    )
    assert "symbolic link" in reason and kept.startswith("(not kept")
    assert digest != content_hash  # the file behind the link was not even hashed
    assert _quarantined_files(paths) == []
    assert query(paths.warehouse, "select count(*) from raw.service_logs") == [(0,)]


# --- 4. shifted rows and identity formats ---------------------------------------------------


def test_unquoted_comma_in_a_name_quarantines_the_row(paths: Paths) -> None:
    path = write_lapor(paths.landing / "lapor" / f"{DAY}.csv", [lapor_row(1), lapor_row(2)])
    text = path.read_text().replace(NAME, "Santoso, Budi", 1)  # written unquoted by a clerk
    path.write_text(text.replace('"Santoso, Budi"', "Santoso, Budi"))
    ingest(paths, sources=["lapor"], check_quality=False)
    assert query(paths.warehouse, "select tracking_id from raw.lapor_complaints") == [
        ("LPR260300002",)
    ]
    [(row, code, reason)] = query(
        paths.warehouse, "select row_number, reason_code, reason from audit.quarantine_rows"
    )
    assert (row, code) == (1, "malformed_row") and "row 1 " in reason and "21 fields" in reason
    _assert_no_identity_in_warehouse(paths)
    assert _quarantined_files(paths) == []  # a rejected row is not copied, the file loaded


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pelapor_nik", "33740152038800"),
        ("pelapor_telepon", "12345"),
        ("pelapor_email", "budi at example"),
    ],
)
def test_malformed_identity_is_quarantined_and_not_stored(
    paths: Paths, field: str, value: str
) -> None:
    rows = [lapor_row(1), lapor_row(2, **{field: value})]
    write_lapor(paths.landing / "lapor" / f"{DAY}.csv", rows)
    ingest(paths, sources=["lapor"], check_quality=False)
    [(row, code, reason)] = query(
        paths.warehouse, "select row_number, reason_code, reason from audit.quarantine_rows"
    )
    assert (row, code) == (2, "invalid_value") and field in reason
    assert text_in_warehouse(paths.warehouse, value) == []

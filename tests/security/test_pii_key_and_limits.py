"""Issue 11, ingestion: the pseudonymisation key's lifecycle and per-field hashing, LAPOR
vocabularies and formula neutralising, and the limits on files and on the LAPOR API."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest
from click.testing import CliRunner

from ingestion.ingest import ingest
from ingestion.lapor import identity
from ingestion.lapor.api import pull
from ingestion.lapor.client import LaporApiError
from ingestion.lapor.records import store_complaints
from ingestion.warehouse import open_warehouse
from smartprov.base.settings import Paths
from tests.ingestion.conftest import good_row, write_csv
from tests.security.conftest import DAY, lapor_row, query, write_lapor

# --- 5. the key -----------------------------------------------------------------------------


def test_key_is_required_outside_demo(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMARTPROV_PII_KEY")
    with pytest.raises(identity.PiiKeyError, match="SMARTPROV_PII_KEY is not set"):
        ingest(paths, check_quality=False)
    assert not paths.pii_key.exists()  # never silently generated


def test_service_logs_alone_need_no_key(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only LAPOR carries complainants' personal data: loading service logs alone (one Airflow
    task per regency and day does) needs no key and creates none; LAPOR still needs it."""
    monkeypatch.delenv("SMARTPROV_PII_KEY")
    write_csv(paths.landing / "service_logs" / "33.76" / f"{DAY}.csv", [good_row(1, day=DAY)])
    summary = ingest(paths, sources=("service_logs",), check_quality=False)
    assert (summary.rows_loaded, summary.rows_quarantined) == (1, 0)
    assert not paths.pii_key.exists()
    with pytest.raises(identity.PiiKeyError, match="SMARTPROV_PII_KEY is not set"):
        ingest(paths, sources=("lapor",), check_quality=False)


@pytest.mark.parametrize("key", ["test-key-not-a-secret", "changeme" * 8, "x" * 31])
def test_weak_keys_are_refused_outside_demo(
    paths: Paths, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    monkeypatch.setenv("SMARTPROV_PII_KEY", key)
    with pytest.raises(identity.PiiKeyError, match="placeholder|shorter than 32"):
        identity.secret_key(paths.home)


def test_demo_generates_a_private_key_file(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMARTPROV_PII_KEY")
    monkeypatch.setenv("SMARTPROV_DEMO", "1")
    key = identity.secret_key(paths.home)
    assert len(key) >= 32 and identity.secret_key(paths.home) == key
    assert stat.S_IMODE(paths.pii_key.stat().st_mode) == 0o600
    assert [p.name for p in paths.pii_key.parent.iterdir()] == ["pii.key"]  # no partial left


def test_a_different_key_stops_ingest(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    write_lapor(paths.landing / "lapor" / f"{DAY}.csv", [lapor_row(1)])
    ingest(paths, check_quality=False)
    [(fingerprint,)] = query(paths.warehouse, "select fingerprint from audit.pii_key")
    assert fingerprint == identity.fingerprint(identity.secret_key())
    monkeypatch.setenv("SMARTPROV_PII_KEY", "another-key-that-is-long-enough-0123456789")
    with pytest.raises(identity.PiiKeyError) as raised:
        ingest(paths, check_quality=False)
    assert "not the key this warehouse" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_identity_is_normalised_per_field_and_never_the_name_alone(paths: Paths) -> None:
    rows = [
        lapor_row(1, pelapor_nik="3374 0152 0388 0001", pelapor_email="", pelapor_telepon=""),
        lapor_row(2, pelapor_nik="3374015203880001", pelapor_email="", pelapor_telepon=""),
        lapor_row(3, pelapor_nik="", pelapor_email="", pelapor_telepon="+62 812-3456-7890"),
        lapor_row(4, pelapor_nik="", pelapor_email="", pelapor_telepon="081234567890"),
        lapor_row(5, pelapor_nik="", pelapor_email="Budi@Example.ID", pelapor_telepon=""),
        lapor_row(6, pelapor_nik="", pelapor_email="budi@example.id", pelapor_telepon=""),
        lapor_row(7, pelapor_nik="", pelapor_email="", pelapor_telepon=""),  # name only
    ]
    write_lapor(paths.landing / "lapor" / f"{DAY}.csv", rows)
    ingest(paths, check_quality=False)
    keys = dict(query(paths.warehouse, "select tracking_id, pelapor_key from raw.lapor_complaints"))
    assert len(keys) == 7
    assert keys["LPR260300001"] == keys["LPR260300002"] is not None
    assert keys["LPR260300003"] == keys["LPR260300004"] is not None
    assert keys["LPR260300005"] == keys["LPR260300006"] is not None
    assert keys["LPR260300007"] is None
    assert identity.normalise("telepon", "+62 812-3456-7890") == "6281234567890"


# --- 6. vocabulary and formulas -------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("kanal", "fax", "unknown_kanal"),
        ("jenis", "keluhan", "invalid_value"),
        ("tracking_id", "=cmd|'/c calc'!A0", "invalid_value"),
    ],
)
def test_lapor_codes_follow_the_contract(paths: Paths, field: str, value: str, code: str) -> None:
    write_lapor(
        paths.landing / "lapor" / f"{DAY}.csv", [lapor_row(1), lapor_row(2, **{field: value})]
    )
    ingest(paths, check_quality=False)
    assert query(paths.warehouse, "select row_number, reason_code from audit.quarantine_rows") == [
        (2, code)
    ]


def test_complaint_text_is_neutralised_against_formulas(paths: Paths) -> None:
    formula = '=HYPERLINK("http://evil.example","klik")'
    write_lapor(paths.landing / "lapor" / f"{DAY}.csv", [lapor_row(1, isi_laporan=formula)])
    ingest(paths, check_quality=False)
    assert query(paths.warehouse, "select isi_laporan from raw.lapor_complaints") == [
        ("'" + formula,)
    ]


# --- 7. limits ------------------------------------------------------------------------------


def _quarantined(paths: Paths) -> dict[str, tuple[str, str]]:
    rows = query(
        paths.warehouse, "select relative_path, reason_code, reason from audit.quarantine_files"
    )
    return {path: (code, reason) for path, code, reason in rows}


def test_oversized_file_is_quarantined_unread(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ingestion.decoding.MAX_FILE_BYTES", 200)
    write_csv(
        paths.landing / "service_logs" / "33.76" / f"{DAY}.csv", [good_row(i) for i in range(9)]
    )
    ingest(paths, check_quality=False)
    code, reason = _quarantined(paths)[f"service_logs/33.76/{DAY}.csv"]
    assert code == "file_too_large" and "over the limit" in reason


def _xlsx(size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * size + b">")
    return buffer.getvalue()


def test_xlsx_bomb_is_quarantined_unread(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ingestion.xlsx.MAX_XLSX_UNCOMPRESSED_BYTES", 1_000_000)
    path = paths.landing / "service_logs" / "33.76" / f"{DAY}.xlsx"
    path.parent.mkdir(parents=True)
    path.write_bytes(_xlsx(5_000_000))  # 5 MB of spaces: a few KB on disk
    ingest(paths, check_quality=False)
    code, reason = _quarantined(paths)[f"service_logs/33.76/{DAY}.xlsx"]
    assert code == "file_too_large" and "unpacks to" in reason


def test_api_refuses_plain_http_off_loopback_and_huge_pages(paths: Paths) -> None:
    con = open_warehouse(paths.warehouse)
    try:
        with pytest.raises(LaporApiError, match="must be https"):
            pull(con, "http://lapor.example.go.id/api", "token")
        with pytest.raises(ValueError, match="per_page"):
            pull(con, "https://lapor.example.go.id/api", "token", per_page=1_000_000)
    finally:
        con.close()


def test_nested_api_record_is_quarantined(paths: Paths) -> None:
    con = open_warehouse(paths.warehouse)
    try:
        identity.register(con, paths.home)
        records = [lapor_row(1), lapor_row(2) | {"isi_laporan": {"a": [[[1]]]}}]
        result = store_complaints(
            con, records, channel="api", relative_path="api:test", file_hash="0" * 64
        )
        reasons = con.execute(
            "select row_number, reason_code from audit.quarantine_rows"
        ).fetchall()
    finally:
        con.close()
    assert (result.rows_loaded, result.rows_quarantined) == (1, 1)
    assert reasons == [(2, "malformed_row")]


def test_ingest_cli_takes_no_token_on_the_command_line() -> None:
    from smartprov.cli.ingest import ingest as ingest_command

    assert "--lapor-token" not in [o for p in ingest_command.params for o in p.opts]
    result = CliRunner().invoke(ingest_command, ["--lapor-token", "secret"], obj=None)
    assert result.exit_code != 0 and "No such option" in result.output

"""Small hand-written deliveries for the security tests: a home, LAPOR export rows with
(fictional) reporter identities, a canary file outside landing/ and a scan of the warehouse."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pytest

from ingestion.vocabulary import LAPOR_COLUMNS
from smartprov.base.settings import Paths
from tests.conftest import TEST_PII_KEY

DAY = "2026-03-05"
CANARY = "CANARY-5f1d2c-outside-landing"
NIK = "3374015203880001"
PHONE = "081234567890"
EMAIL = "budi.santoso77@example.id"
NAME = "Budi Santoso"


def lapor_row(i: int, **overrides: str) -> dict[str, str]:
    row = {
        "tracking_id": f"LPR2603{i:05d}",
        "tanggal_lapor": f"{DAY} 08:00:00",
        "kanal": "website",
        "jenis": "pengaduan",
        "kategori": "perizinan",
        "instansi_tujuan": "Dinas Perizinan",
        "kode_kabkota": "33.76",
        "status": "menunggu_verifikasi",
        "tanggal_verifikasi": "",
        "tanggal_disposisi": "",
        "tanggal_tindak_lanjut": "",
        "tanggal_selesai": "",
        "updated_at": f"{DAY} 09:00:00",
        "rahasia": "0",
        "anonim": "0",
        "pelapor_nama": NAME,
        "pelapor_nik": NIK,
        "pelapor_telepon": PHONE,
        "pelapor_email": EMAIL,
        "isi_laporan": "Jalan rusak di depan kantor kelurahan",
    }
    return row | overrides


def write_lapor(path: Path, rows: Sequence[dict[str, str]], delimiter: str = ",") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(LAPOR_COLUMNS)
        writer.writerows([[row[c] for c in LAPOR_COLUMNS] for row in rows])
    return path


def text_in_warehouse(warehouse: Path, needle: str) -> list[tuple[str, str]]:
    """(table, column) of every text value in the warehouse that contains ``needle``."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns"
            " where data_type in ('VARCHAR', 'JSON')"
        ).fetchall()
        hits = []
        for schema, table, column in columns:
            [(count,)] = con.execute(
                f'select count(*) from "{schema}"."{table}"'
                f' where contains("{column}"::varchar, $needle)',
                {"needle": needle},
            ).fetchall()
            if count:
                hits.append((f"{schema}.{table}", column))
        return hits
    finally:
        con.close()


def query(warehouse: Path, sql: str, params: Sequence[object] = ()) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("SMARTPROV_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SMARTPROV_PII_KEY", TEST_PII_KEY)
    monkeypatch.delenv("SMARTPROV_DEMO", raising=False)
    return Paths(tmp_path / "home").ensure()


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    """A file outside landing/ that no delivery may get read."""
    path = tmp_path / "outside" / "canary.txt"
    path.parent.mkdir()
    path.write_text(CANARY + "\n")
    return path

"""Helpers to write contract-conforming deliveries by hand (independent of the simulator)."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pytest

from ingestion.ingest import IngestSummary, ingest
from smartprov.base.settings import Paths

HEADER = (
    "id_transaksi",
    "kode_wilayah",
    "jenis_layanan",
    "kanal",
    "waktu_permohonan",
    "waktu_selesai",
    "status",
    "tte",
    "penandatangan",
)
# Kota Tegal's first kelurahan and a desa of Kabupaten Cilacap (real Kemendagri codes)
TEGAL_VILLAGE = "33.76.01.1001"
CILACAP_VILLAGE = "33.01.01.2001"


def good_row(i: int, village: str = TEGAL_VILLAGE, day: str = "2026-03-05") -> list[str]:
    return [
        f"T{i:04d}",
        village,
        "SKTM",
        "web",
        f"{day} 08:{i % 60:02d}:00",
        f"{day} 10:00:00",
        "selesai",
        "1",
        "lurah",
    ]


def write_csv(
    path: Path,
    rows: Sequence[Sequence[str]],
    header: Sequence[str] = HEADER,
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, rows: Sequence[dict[str, object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


class Home:
    def __init__(self, root: Path) -> None:
        self.paths = Paths(root).ensure()

    def service_log(self, kode: str, day: str, ext: str = "csv") -> Path:
        return self.paths.landing / "service_logs" / kode / f"{day}.{ext}"

    def ingest(self, **kwargs: object) -> IngestSummary:
        return ingest(self.paths, **kwargs)

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        con = duckdb.connect(str(self.paths.warehouse), read_only=True)
        try:
            return con.execute(sql, list(params)).fetchall()
        finally:
            con.close()

    def scalar(self, sql: str, params: Sequence[object] = ()) -> object:
        return self.query(sql, params)[0][0]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Home:
    monkeypatch.setenv("SMARTPROV_HOME", str(tmp_path))
    monkeypatch.setenv("SMARTPROV_PII_KEY", "test-pii-key-not-a-secret-0123456789abcdef")
    return Home(tmp_path)

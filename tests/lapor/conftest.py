"""Fixtures for the LAPOR API tests: a small seeded complaints.jsonl, the stand-in on a free
127.0.0.1 port, and an empty warehouse."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

from devtools.simulate.lapor_api import RunningStandIn, run_in_thread
from ingestion.vocabulary import LAPOR_JENIS, LAPOR_KANAL, LAPOR_KATEGORI, LAPOR_STATUS
from ingestion.warehouse import open_warehouse
from smartprov.base.settings import Paths

WIB = timezone(timedelta(hours=7))
TOKEN = "test-token-lapor"
KABKOTA = [f"33.{n:02d}" for n in range(1, 30)] + [f"33.{n}" for n in range(71, 77)] + [""]
TIE_TIME = datetime(2026, 10, 20, 16, 0, tzinfo=WIB)  # a batch closure: many versions at once
TIE_COMPLAINTS = 25  # complaints 0..24 are all closed at TIE_TIME (spans pages of 10)
LIFECYCLE = {
    "terverifikasi": "tanggal_verifikasi",
    "didisposisikan": "tanggal_disposisi",
    "ditindaklanjuti": "tanggal_tindak_lanjut",
    "selesai": "tanggal_selesai",
}

Key = tuple[str, datetime, str]


def _iso(value: datetime) -> str:
    return value.isoformat()


def generate_versions(complaints: int = 60, seed: int = 20261127) -> list[dict[str, object]]:
    """Every version of ``complaints`` complaints, deterministic for a seed.

    Timestamps are whole minutes, so unrelated versions share an ``updated_at`` now and then;
    on top of that the first ``TIE_COMPLAINTS`` complaints are all closed at ``TIE_TIME``.
    """
    rng = random.Random(seed)
    versions: list[dict[str, object]] = []
    start = datetime(2026, 10, 1, 8, 0, tzinfo=WIB)
    for number in range(complaints):
        closes_at_tie = number < TIE_COMPLAINTS
        # tie complaints move fast enough that all their earlier versions precede TIE_TIME
        window, max_step = (5, 1) if closes_at_tie else (14, 3)
        submitted = start + timedelta(minutes=rng.randrange(0, window * 24 * 60))
        anonymous = rng.random() < 0.2
        base: dict[str, object] = {
            "tracking_id": f"LPR-2026-{number:05d}",
            "tanggal_lapor": _iso(submitted),
            "kanal": rng.choice(LAPOR_KANAL),
            "jenis": rng.choice(LAPOR_JENIS),
            "kategori": rng.choice(LAPOR_KATEGORI),
            "instansi_tujuan": rng.choice(
                ["Dinas Kesehatan", "DPMPTSP", "Dinas PU", "Disdukcapil"]
            ),
            "kode_kabkota": rng.choice(KABKOTA),
            "rahasia": int(rng.random() < 0.1),
            "anonim": int(anonymous),
            "pelapor_nama": None if anonymous else f"Pelapor {number}",
            "pelapor_nik": None if anonymous else f"3374{number:012d}",
            "pelapor_telepon": None if anonymous else f"08123{number:06d}",
            "pelapor_email": None if anonymous else f"pelapor{number}@example.id",
            "isi_laporan": f"Laporan nomor {number}: jalan rusak di depan balai desa.",
        }
        steps = len(LAPOR_STATUS) - 1 if closes_at_tie else rng.randrange(1, len(LAPOR_STATUS))
        current = dict(base, status="menunggu_verifikasi", updated_at=_iso(submitted))
        versions.append(dict(current))
        moment = submitted
        for status in LAPOR_STATUS[1:steps]:
            moment += timedelta(minutes=rng.randrange(30, max_step * 24 * 60))
            if closes_at_tie and status == "selesai":
                moment = TIE_TIME
            current = dict(current, status=status, updated_at=_iso(moment))
            if status in LIFECYCLE:
                current[LIFECYCLE[status]] = _iso(moment)
            versions.append(dict(current))
    return versions


def write_jsonl(path: Path, versions: list[dict[str, object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for version in versions:
            handle.write(json.dumps(version, ensure_ascii=False) + "\n")
    return path


def version_key(version: dict[str, object]) -> Key:
    """(tracking_id, updated_at as naive WIB, status): the raw table's primary key."""
    updated_at = datetime.fromisoformat(str(version["updated_at"])).astimezone(WIB)
    return (str(version["tracking_id"]), updated_at.replace(tzinfo=None), str(version["status"]))


def stored_keys(con: duckdb.DuckDBPyConnection) -> list[Key]:
    return [  # fetchall, never fetchone: DuckDB 2.0 keeps a half-fetched result open
        (row[0], row[1], row[2])
        for row in con.execute(
            "select tracking_id, updated_at, status from raw.lapor_complaints"
        ).fetchall()
    ]


def stored_cursor(con: duckdb.DuckDBPyConnection) -> datetime | None:
    rows = con.execute(
        "select cursor_updated_at from audit.lapor_cursor where source = 'lapor'"
    ).fetchall()
    return rows[0][0] if rows else None


@dataclass(frozen=True)
class LaporKit:
    """What the test modules share, handed out as the ``lapor`` fixture (test modules do not
    import conftest: another tests/ folder's conftest could shadow that name)."""

    token: str = TOKEN
    tie_time: datetime = TIE_TIME
    version_key: Callable[[dict[str, object]], Key] = staticmethod(version_key)
    write_jsonl: Callable[[Path, list[dict[str, object]]], Path] = staticmethod(write_jsonl)
    stored_keys: Callable[[duckdb.DuckDBPyConnection], list[Key]] = staticmethod(stored_keys)
    stored_cursor: Callable[[duckdb.DuckDBPyConnection], datetime | None] = staticmethod(
        stored_cursor
    )


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the PII key and anything else keyed to the platform home inside tmp_path."""
    monkeypatch.setenv("SMARTPROV_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SMARTPROV_PII_KEY", "test-pii-key-not-a-secret-0123456789abcdef")


@pytest.fixture(scope="session")
def lapor() -> LaporKit:
    return LaporKit()


@pytest.fixture(scope="session")
def versions() -> list[dict[str, object]]:
    generated = generate_versions()
    # the tie must straddle pages of 10 for the tests to mean anything
    tied = [v for v in generated if v["updated_at"] == _iso(TIE_TIME)]
    assert len(tied) >= 2 * 10
    return generated


@pytest.fixture
def complaints_file(tmp_path: Path, versions: list[dict[str, object]]) -> Path:
    # shuffled on disk: the stand-in, not the file, is responsible for the order
    shuffled = list(versions)
    random.Random(7).shuffle(shuffled)
    return write_jsonl(Paths(tmp_path).lapor_api_feed, shuffled)


@pytest.fixture
def standin(complaints_file: Path) -> Iterator[RunningStandIn]:
    with run_in_thread(complaints_file, TOKEN) as running:
        yield running


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_warehouse(tmp_path / "warehouse.duckdb")
    try:
        yield con
    finally:
        con.close()

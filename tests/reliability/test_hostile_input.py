"""Corrupt and hostile deliveries: each is refused or quarantined with a clear reason, and the
good delivery beside it still loads in full."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import duckdb
import pytest

from ingestion.ingest import ingest
from ingestion.vocabulary import LAPOR_COLUMNS
from smartprov.base.settings import Paths
from smartprov.publish import publish
from smartprov.transform import run_dbt_build
from tests.ingestion.conftest import good_row, write_csv
from tests.reliability.conftest import Platform, read_only

GOOD_ROWS = 5
DAY = "2026-03-05"


@pytest.fixture
def landing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("SMARTPROV_PII_KEY", "hostile-pii-key-not-a-secret-0123456789abcd")
    paths = Paths(tmp_path / "home").ensure()
    write_csv(
        paths.landing / "service_logs" / "33.01" / f"{DAY}.csv",
        [good_row(i, "33.01.01.2001", DAY) for i in range(GOOD_ROWS)],
    )
    return paths


def tegal(paths: Paths, name: str) -> Path:
    folder = paths.landing / "service_logs" / "33.76"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def load(paths: Paths) -> dict[str, tuple[str, str]]:
    """Ingest; check the good file loaded in full; file -> (reason code, reason) of files
    quarantined whole."""
    ingest(paths, check_quality=False)
    [(good,)] = read_only(
        paths.warehouse,
        "select count(*) from raw.service_logs where _source_file = ?",
        [f"service_logs/33.01/{DAY}.csv"],
    )
    assert good == GOOD_ROWS
    return {
        path: (code, reason)
        for path, code, reason in read_only(
            paths.warehouse,
            "select relative_path, reason_code, reason from audit.quarantine_files",
        )
    }


def test_binary_garbage_named_csv(landing: Paths) -> None:
    tegal(landing, f"{DAY}.csv").write_bytes(bytes(range(256)) * 40 + os.urandom(4096))
    files = load(landing)
    code, reason = files[f"service_logs/33.76/{DAY}.csv"]
    assert code == "unreadable_file" and "binary" in reason


def test_zero_byte_xlsx(landing: Paths) -> None:
    tegal(landing, f"{DAY}.xlsx").write_bytes(b"")
    code, reason = load(landing)[f"service_logs/33.76/{DAY}.xlsx"]
    assert code == "empty_file" and "0 bytes" in reason


def test_xlsx_that_is_not_a_zip(landing: Paths) -> None:
    tegal(landing, f"{DAY}.xlsx").write_bytes(b"id_transaksi,kode_wilayah\n1,2\n")
    code, reason = load(landing)[f"service_logs/33.76/{DAY}.xlsx"]
    assert code == "unreadable_file" and "XLSX" in reason


def test_csv_with_a_10_mb_field(landing: Paths) -> None:
    """A 10 MB id_transaksi: read without crashing, that row quarantined with a reason, the
    file's other row loaded; the giant value never reaches raw."""
    huge = good_row(1, day=DAY)
    huge[0] = "T" * (10 * 1024 * 1024)
    write_csv(tegal(landing, f"{DAY}.csv"), [huge, good_row(2, day=DAY)])
    assert f"service_logs/33.76/{DAY}.csv" not in load(landing)
    [(longest, rows)] = read_only(
        landing.warehouse,
        "select max(length(id_transaksi)), count(*) filter (where _source_file like"
        " 'service_logs/33.76/%') from raw.service_logs",
    )
    assert longest < 100 and rows == 1
    [(row, code, reason)] = read_only(
        landing.warehouse, "select row_number, reason_code, reason from audit.quarantine_rows"
    )
    assert row == 1 and code and len(reason) < 500


def test_csv_with_a_10_mb_signer_is_quarantined(landing: Paths) -> None:
    huge = good_row(1, day=DAY)
    huge[8] = "x" * (10 * 1024 * 1024)
    write_csv(tegal(landing, f"{DAY}.csv"), [huge, good_row(2, day=DAY)])
    load(landing)
    [(longest,)] = read_only(
        landing.warehouse, "select max(length(penandatangan)) from raw.service_logs"
    )
    assert longest < 100


@pytest.mark.parametrize(
    "name",
    [
        "2026-03-05 .csv",
        " 2026-03-05.csv",
        "ünïcødé.csv",
        "2026-03-05.csv.",
        "-rf.csv",
        "2026-03-05\n.csv",
        "2026-13-45.csv",
        "2026-03-05.csv.exe",
        "2026-03-05.txt",
        "x..%2F..%2Fx.csv",
        "2026‐03‐05.csv",
    ],  # fmt: skip
)
def test_path_like_and_odd_file_names_are_refused_by_name(landing: Paths, name: str) -> None:
    write_csv(tegal(landing, name), [good_row(1, day=DAY)])
    files = load(landing)
    (relative,) = [p for p in files if p.startswith("service_logs/33.76/")]
    code, reason = files[relative]
    assert code == "bad_file_name" and "is not" in reason
    # the original is kept under quarantine/, inside it
    [(copy,)] = read_only(
        landing.warehouse,
        "select quarantine_path from audit.quarantine_files where relative_path = ?",
        [relative],
    )
    assert Path(copy).resolve().is_relative_to(landing.quarantine.resolve())


def test_hidden_files_are_ignored_not_loaded(landing: Paths) -> None:
    """Names starting with '.' or '_' (editor/OS droppings, _expected.json) are skipped by
    discovery on purpose: not loaded, not recorded, nothing breaks."""
    for name in ("..csv", f".{DAY}.csv", f"_{DAY}.csv"):
        write_csv(tegal(landing, name), [good_row(1, day=DAY)])
    assert load(landing) == {}
    [(recorded,)] = read_only(landing.warehouse, "select count(*) from audit.deliveries")
    assert recorded == 1


def test_odd_regency_folders_are_refused(landing: Paths) -> None:
    for folder in ("33.76 ", "..33.76", "33.99", "ÿ"):
        write_csv(landing.landing / "service_logs" / folder / f"{DAY}.csv", [good_row(1, day=DAY)])
    files = load(landing)
    odd = {p: v for p, v in files.items() if not p.startswith("service_logs/33.01/")}
    assert len(odd) == 4
    assert all(
        code == "bad_file_name" and "not a regency/city code of province" in r
        for code, r in odd.values()
    )


def test_symlink_out_of_landing_is_refused_without_reading_it(landing: Paths) -> None:
    target = landing.home.parent / "secret.csv"
    target.write_text("secret_header,x\nsecret-value,1\n")
    tegal(landing, f"{DAY}.csv").symlink_to(target)
    files = load(landing)
    code, reason = files[f"service_logs/33.76/{DAY}.csv"]
    copies = [p.read_text() for p in landing.quarantine.rglob("*") if p.is_file()]
    assert "secret" not in reason and not any("secret-value" in c for c in copies)
    assert code == "bad_file_name"


FORMULA = '=HYPERLINK("http://x","klik")'
LAPOR_HEADER = LAPOR_COLUMNS


def _formula_texts(serving: Path) -> list[tuple[str, str, str]]:
    """(table, column, value) of every text value in serving that a spreadsheet would run."""
    con = duckdb.connect(str(serving), read_only=True)
    try:
        columns = con.execute(
            "select table_name, column_name from information_schema.columns"
            " where table_schema = 'marts' and data_type = 'VARCHAR'"
        ).fetchall()
        found = []
        for table, column in columns:
            found += [
                (table, column, value)
                for (value,) in con.execute(
                    f'select distinct "{column}" from marts."{table}"'
                    f""" where regexp_matches("{column}", '^([=+@\\t\\r]|-[^0-9 ])')"""
                ).fetchall()
            ]
        return found
    finally:
        con.close()


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_formula_injection_never_reaches_serving(platform_copy: Platform) -> None:
    """Spreadsheet formulas in text fields that dashboards show (and Superset exports as CSV):
    the service-log signer and the LAPOR agency and category. Nothing that a spreadsheet would
    evaluate may reach serving: coded values (signer) are quarantined by their vocabulary,
    free text is either quarantined or neutralised with a leading apostrophe."""
    paths = platform_copy.paths
    signed = good_row(1, "33.76.01.1001", "2026-01-08")
    signed[8] = FORMULA
    write_csv(paths.landing / "service_logs" / "33.76" / "2026-01-08.csv", [signed])
    export = paths.landing / "lapor" / "2026-01-08.csv"
    with export.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(LAPOR_HEADER)
        for number, (kategori, instansi) in enumerate(
            [
                ("infrastruktur", FORMULA),
                (FORMULA, "Dinas Kesehatan Kota Tegal"),
                ("+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"),
            ]  # fmt: skip
        ):
            writer.writerow(
                [f"LPR-FORMULA-{number}", "2026-01-08T09:00:00+07:00", "website", "pengaduan",
                 kategori, instansi, "33.76", "menunggu_verifikasi", "", "", "", "",
                 "2026-01-08T09:00:00+07:00", "0", "1", "", "", "", "", "Jalan rusak."]
            )  # fmt: skip
    ingest(paths)
    run_dbt_build(paths)
    publish(paths)
    assert _formula_texts(paths.serving) == []
    # the signer has a closed vocabulary: that row is quarantined, not neutralised
    [(signer_rows,)] = read_only(
        paths.warehouse,
        "select count(*) from raw.service_logs where _source_file like '%2026-01-08%'",
    )
    assert signer_rows == 0
    # every LAPOR row is accounted for: quarantined, or loaded with its text neutralised
    [(stored, neutralised)] = read_only(
        paths.warehouse,
        "select count(*), count(*) filter (where starts_with(kategori, chr(39))"
        " or starts_with(instansi_tujuan, chr(39))) from raw.lapor_complaints"
        " where tracking_id like 'LPR-FORMULA-%'",
    )
    [(quarantined,)] = read_only(
        paths.warehouse,
        "select count(*) from audit.quarantine_rows where relative_path = 'lapor/2026-01-08.csv'",
    )
    assert stored + quarantined == 3 and neutralised == stored

"""Receipts for deliveries written by hand: exactly the quarantined rows and files, with their
reasons in Bahasa Indonesia; a misnamed or future-dated file's receipt says so."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from markupsafe import escape

from ingestion.reasons import FileReason, RowReason, catalogue
from smartprov.base.settings import Paths
from smartprov.notify.receipts import build_receipts, write_receipts
from tests.ingestion.test_other_sources import EMAIL, NAME, NIK, PHONE


def _receipts(paths: Paths) -> dict[str, dict]:
    """Every JSON receipt written, by delivered file."""
    out = {}
    for path in sorted((paths.home / "receipts").rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data["berkas"]] = data | {
            "_folder": path.parent.name,
            "_html": path.with_suffix(".html"),
        }
    return out


@pytest.fixture(scope="module")
def written(notify_built: Paths, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    home = Paths(tmp_path_factory.mktemp("receipts"))
    con = duckdb.connect(str(notify_built.warehouse), read_only=True)
    try:
        receipts = build_receipts(con)
    finally:
        con.close()
    assert write_receipts(home.home, receipts) == 2 * len(receipts)
    assert write_receipts(home.home, receipts) == 0, "unchanged receipts are not rewritten"
    return _receipts(home)


def test_every_reason_code_has_indonesian_texts_and_nothing_else() -> None:
    codes = {r.value for r in FileReason} | {r.value for r in RowReason}
    assert set(catalogue()) == codes
    for text in catalogue().values():
        assert text.label and text.teks and text.tindakan


def test_one_receipt_per_delivered_file(written: dict[str, dict], notify_built: Paths) -> None:
    con = duckdb.connect(str(notify_built.warehouse), read_only=True)
    files = {p for (p,) in con.execute("select relative_path from audit.deliveries").fetchall()}
    con.close()
    assert set(written) == files
    assert len([p for p in files if p.startswith("service_logs/33.76/")]) == 10


def test_quarantined_rows_listed_exactly_with_column_and_value(written: dict[str, dict]) -> None:
    bad = written["service_logs/33.76/2026-03-12.csv"]
    assert bad["_folder"] == "33.76" and bad["nama_kabkota"] == "Kota Tegal"
    assert bad["status"] == "diterima_sebagian"
    assert (bad["baris_dikirim"], bad["baris_dimuat"], bad["baris_dikarantina"]) == (4, 2, 2)
    rows = [(r["baris"], r["kode_alasan"], r["nilai"]) for r in bad["baris"]]
    assert rows == [
        (2, "unknown_kanal", {"kanal": "fax"}),
        (3, "wilayah_outside_kabkota", {"kode_wilayah": "33.01.01.2001"}),
    ]
    assert [s["alasan"] for s in bad["ringkasan_alasan"]] == sorted(
        [catalogue()["unknown_kanal"].label, catalogue()["wilayah_outside_kabkota"].label]
    )
    assert all(s["yang_perlu_dilakukan"] for s in bad["ringkasan_alasan"])
    good = written["service_logs/33.76/2026-03-11.csv"]
    assert good["status"] == "diterima" and good["baris"] == [] and good["baris_dimuat"] == 3


def test_misnamed_and_future_files_are_rejected_with_the_reason(written: dict[str, dict]) -> None:
    misnamed = written["service_logs/33.03/2026-02-30.csv"]
    future = next(v for k, v in written.items() if k.startswith("service_logs/33.03/2026-1"))
    for receipt in (misnamed, future):
        assert receipt["_folder"] == "33.03"
        assert receipt["status"] == "ditolak" and receipt["baris_dimuat"] == 0
        assert receipt["tanggal_data"] is None, "never moves the data date"
        assert receipt["penolakan_berkas"]["kode_alasan"] == "bad_file_name"
        html = receipt["_html"].read_text(encoding="utf-8")
        assert "Ditolak seluruhnya" in html and "Nama atau folder berkas salah" in html
        assert receipt["nama_berkas"] in html
    assert misnamed["penolakan_berkas"]["rincian"] == (
        "Nama berkas '2026-02-30.csv' bukan tanggal yang ada (TTTT-BB-HH)."
    )
    assert "belum terjadi saat berkas diterima" in future["penolakan_berkas"]["rincian"]
    shown = str(escape(misnamed["penolakan_berkas"]["rincian"]))  # as the HTML escapes it
    assert shown in misnamed["_html"].read_text(encoding="utf-8")


def test_no_personal_data_in_any_receipt(written: dict[str, dict]) -> None:
    lapor = written["lapor/2026-03-13.csv"]
    assert lapor["_folder"] == "provinsi" and lapor["baris_dikarantina"] == 1
    assert lapor["baris"][0]["nilai"] == {"status": "hilang"}
    root = Path(lapor["_html"]).parent.parent
    text = "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*") if p.is_file())
    for needle in (NIK, PHONE, EMAIL, NAME, "Izin usaha belum terbit"):
        assert needle not in text


def test_html_is_escaped(tmp_path: Path) -> None:
    from smartprov.notify.receipts import row_entry
    from smartprov.notify.templates import render

    row = row_entry(
        1, "unknown_kanal", "row 1 of x: kanal '<b>' ...", '{"kanal": "<script>x</script>"}'
    )
    html = render("receipt.html.j2", r=_minimal(row))
    assert "<script>" not in html and "&lt;script&gt;" in html


def _minimal(row: dict) -> dict:
    return {
        "nama_berkas": "2026-03-05.csv", "nama_kabkota": "Kota Tegal", "kode_kabkota": "33.76",
        "sumber": "service_logs", "berkas": "service_logs/33.76/2026-03-05.csv",
        "tanggal_data": "2026-03-05", "diterima_pada": "2026-03-05 10:00:00",
        "status": "diterima_sebagian", "status_label": "x", "versi_terkini": True,
        "baris_dikirim": 1, "baris_dimuat": 0, "baris_dikarantina": 1, "penolakan_berkas": None,
        "ringkasan_alasan": [{"alasan": "a", "jumlah_baris": 1, "penjelasan": "p",
                              "yang_perlu_dilakukan": "t"}],
        "baris": [row], "baris_tidak_dicantumkan": 0, "batch_id": "b",
    }  # fmt: skip


def test_penerimaan_data_table_matches_the_receipts(notify_built: Paths) -> None:
    con = duckdb.connect(str(notify_built.warehouse), read_only=True)
    try:
        receipts = {r.batch_id: r for r in build_receipts(con)}
        rows = con.execute(
            "select batch_id, receipt_status, receipt_path, row_reasons, file_reason, "
            "rows_quarantined from marts.mart_delivery_receipts"
        ).fetchall()
    finally:
        con.close()
    assert {r[0] for r in rows} == set(receipts), "one row per delivered file"
    for batch, status, path, row_reasons, file_reason, quarantined in rows:
        receipt = receipts[batch]
        assert (status, path) == (receipt.status, receipt.relative("html"))
        assert quarantined == receipt.data["baris_dikarantina"]
        if receipt.data["penolakan_berkas"]:
            assert file_reason == receipt.data["penolakan_berkas"]["alasan"]
        expected = "; ".join(
            f"{s['alasan']}: {s['jumlah_baris']} baris" for s in receipt.data["ringkasan_alasan"]
        )
        assert (row_reasons or "") == expected

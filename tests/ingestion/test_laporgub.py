"""LaporGub! (laporgub-v1) on hand-written deliveries: every variant the contract allows loads,
bad rows and files are quarantined with their reasons and without personal data, reporter
identity is only a keyed hash, a re-sent ticket is stored once, its history kept."""

from __future__ import annotations

import json
from pathlib import Path

from ingestion.laporgub.vocabulary import COLUMNS
from tests.ingestion.conftest import Home, write_csv

PHONE = "0812-3456-7890"
NAME = "Siti Rahayu"


def row(ticket: str, status: str = "belum_diverifikasi", **fields: str) -> list[str]:
    values = {
        "no_tiket": ticket,
        "tanggal_masuk": "2026-03-02 09:00",
        "kanal": "whatsapp",
        "jenis": "pengaduan",
        "kategori": "infrastruktur",
        "opd_tujuan": "Dinas PU Bina Marga",
        "kode_kabkota": "33.74",
        "status": status,
        "diperbarui_pada": "2026-03-02 09:00",
        "pelapor_nama": NAME,
        "pelapor_telepon": PHONE,
        "isi": f"Jalan rusak di depan rumah {NAME}, hubungi {PHONE}",
        **fields,
    }
    return [values.get(c, "") for c in COLUMNS]


def deliver(home: Home, day: str, rows: list[list[str]], **kwargs) -> Path:
    return write_csv(home.paths.landing / "laporgub" / f"{day}.csv", rows, COLUMNS, **kwargs)


def test_semicolon_and_comma_files_day_first_and_offset_timestamps_load(home: Home) -> None:
    deliver(
        home,
        "2026-03-02",
        [
            row("LG-2026-0000001"),
            # dd/mm/yyyy HH:MM, no jenis (= pengaduan), a provincial matter (no regency)
            row(
                "LG-2026-0000002",
                tanggal_masuk="02/03/2026 10:15",
                diperbarui_pada="02/03/2026 10:15",
                jenis="",
                kode_kabkota="",
                kanal="Twitter",
                pelapor_telepon="",
                pelapor_akun="@SitiR",
            ),
        ],
        delimiter=";",
    )
    deliver(
        home,
        "2026-03-03",
        [
            # the first ticket again, changed: verified (an offset timestamp: UTC -> WIB)
            row(
                "LG-2026-0000001",
                "diverifikasi",
                tanggal_verifikasi="2026-03-03T02:00:00Z",
                diperbarui_pada="2026-03-03T02:00:00Z",
            ),
        ],
    )
    summary = home.ingest(sources=["laporgub"], check_quality=False)
    assert (summary.rows_loaded, summary.rows_quarantined, summary.files_quarantined) == (3, 0, 0)
    versions = home.query(
        "select no_tiket, status, jenis, kanal, kode_kabkota, tanggal_masuk, tanggal_verifikasi"
        " from raw.laporgub_reports order by no_tiket, diperbarui_pada"
    )
    assert [v[:5] for v in versions] == [
        ("LG-2026-0000001", "belum_diverifikasi", "pengaduan", "whatsapp", "33.74"),
        ("LG-2026-0000001", "diverifikasi", "pengaduan", "whatsapp", "33.74"),
        ("LG-2026-0000002", "belum_diverifikasi", None, "twitter", None),
    ]
    assert str(versions[1][6]) == "2026-03-03 09:00:00"  # 02:00 UTC = 09:00 WIB
    assert str(versions[2][5]) == "2026-03-02 10:15:00"


def test_a_re_sent_ticket_is_stored_once_and_its_history_kept(home: Home) -> None:
    first = row("LG-2026-0000010")
    deliver(home, "2026-03-02", [first])
    home.ingest(sources=["laporgub"], check_quality=False)
    # the next export sends the same version again (unchanged) and the ticket's next version
    done = row(
        "LG-2026-0000010",
        "selesai",
        tanggal_verifikasi="2026-03-03 08:00",
        tanggal_respon="2026-03-04 08:00",
        tanggal_selesai="2026-03-05 08:00",
        diperbarui_pada="2026-03-05 08:00",
    )
    deliver(home, "2026-03-05", [first, done, done])
    summary = home.ingest(sources=["laporgub"], check_quality=False)
    assert summary.rows_quarantined == 0
    statuses = home.query(
        "select status from raw.laporgub_reports where no_tiket = 'LG-2026-0000010'"
        " order by diperbarui_pada"
    )
    assert statuses == [("belum_diverifikasi",), ("selesai",)]
    # re-running is idempotent
    home.ingest(sources=["laporgub"], check_quality=False)
    assert home.scalar("select count(*) from raw.laporgub_reports") == 2


def test_reporter_identity_is_a_keyed_hash_shared_with_lapor(home: Home) -> None:
    deliver(home, "2026-03-02", [row("LG-2026-0000020"), row("LG-2026-0000021")])
    home.ingest(sources=["laporgub"], check_quality=False)
    keys = home.query("select distinct pelapor_key from raw.laporgub_reports")
    assert len(keys) == 1 and len(keys[0][0]) == 64  # one person, one HMAC-SHA256 key
    dump = str(home.query("select * from raw.laporgub_reports"))
    assert NAME not in dump and "3456" not in dump and "Jalan rusak" not in dump
    # the same phone in SP4N-LAPOR!'s form gives the same key (one person on both channels)
    from ingestion.lapor import identity

    key = identity.secret_key(home.paths.home)
    assert keys[0][0] == identity.keyed_hash(key, "telepon:6281234567890")


def test_bad_rows_are_quarantined_with_reasons_and_without_personal_data(home: Home) -> None:
    deliver(
        home,
        "2026-03-02",
        [
            row("LG-2026-0000030"),  # good
            row("LG-2026-0000031", "ditutup"),
            row("LG-2026-0000032", kanal="fax"),
            row("LG-2026-0000033", kode_kabkota="35.78"),  # Surabaya: not Central Java
            row("", status="proses"),
            row("LG-2026-0000035", tanggal_masuk="kemarin"),
            row("LG-2026-0000036", pelapor_telepon="12345"),
            row("LG-2026-0000037", rujukan_lapor="LPR 1; drop table"),
        ],
    )
    summary = home.ingest(sources=["laporgub"], check_quality=False)
    assert (summary.rows_loaded, summary.rows_quarantined) == (1, 7)
    rows = home.query(
        "select row_number, reason_code, reason, record from audit.quarantine_rows"
        " where source = 'laporgub' order by row_number"
    )
    assert [(r[0], r[1]) for r in rows] == [
        (2, "unknown_status"),
        (3, "unknown_kanal"),
        (4, "unknown_kode_kabkota"),
        (5, "missing_required_value"),
        (6, "invalid_timestamp"),
        (7, "invalid_value"),
        (8, "invalid_value"),
    ]
    file = "laporgub/2026-03-02.csv"
    assert rows[0][2] == f"row 2 of {file}: status 'ditutup' is not a LaporGub status"
    assert "no_tiket" in rows[3][2]
    assert rows[5][2].endswith("pelapor_telepon is not an Indonesian phone number (08…, 62…, +62…)")
    for *_, record in rows:  # the record is kept, without name, phone, handle or text
        kept = json.loads(record)
        assert not {"pelapor_nama", "pelapor_telepon", "pelapor_akun", "isi"} & kept.keys()
        assert NAME not in record and "3456" not in record and "12345" not in record
    assert json.loads(rows[0][3])["no_tiket"] == "LG-2026-0000031"


def test_a_file_without_a_required_column_is_quarantined_whole_and_redacted(home: Home) -> None:
    header = [c for c in COLUMNS if c != "status"]
    lines = [[v for c, v in zip(COLUMNS, row("LG-2026-0000040"), strict=True) if c != "status"]]
    write_csv(home.paths.landing / "laporgub" / "2026-03-02.csv", lines, header, delimiter=";")
    summary = home.ingest(sources=["laporgub"], check_quality=False)
    assert summary.files_quarantined == 1 and summary.rows_loaded == 0
    ((reason_code, reason, copy),) = home.query(
        "select reason_code, reason, quarantine_path from audit.quarantine_files"
        " where source = 'laporgub'"
    )
    assert reason_code == "missing_required_column" and "status" in reason
    copies = [p for p in home.paths.quarantine.rglob("*") if p.is_file()]
    assert copies, copy
    for path in copies:  # the copy the sender is asked about holds no personal data
        text = path.read_text(encoding="utf-8")
        assert NAME not in text and "3456" not in text and "Jalan rusak" not in text
        assert "LG-2026-0000040" in text  # the rest of the row is kept


def test_a_misnamed_file_is_quarantined_whole(home: Home) -> None:
    write_csv(home.paths.landing / "laporgub" / "export-maret.csv", [row("LG-1")], COLUMNS)
    summary = home.ingest(sources=["laporgub"], check_quality=False)
    assert summary.files_quarantined == 1
    assert home.scalar("select reason_code from audit.quarantine_files") == "bad_file_name"

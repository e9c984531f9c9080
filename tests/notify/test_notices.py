"""Notices against a real SMTP server on loopback: the right regencies get the right notices,
none for a regency with nothing to do, none twice, a failed send is retried next run, and no
message carries personal data."""

from __future__ import annotations

import duckdb
from click.testing import CliRunner

from smartprov.notify.run import notify
from tests.ingestion.test_other_sources import EMAIL, NAME, NIK, PHONE
from tests.notify.conftest import TEGAL_INACTIVE

TEGAL = "data@kota-tegal.invalid"
CILACAP = "data@kab-cilacap.invalid"
BANYUMAS = "data@kab-banyumas.invalid"
PURBALINGGA = "data@kab-purbalingga.invalid"
PROVINCE = "aptika@provinsi.example.org"


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def _ledger(paths) -> list[tuple]:
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        return con.execute(
            "select audience, fact_key, status from audit.notices order by all"
        ).fetchall()
    finally:
        con.close()


def test_each_regency_gets_what_it_must_do_and_nothing_twice(notify_home, smtp) -> None:
    inbox = smtp.inbox
    result = notify(notify_home)
    assert {n["status"] for n in result.notices} == {"delivered"}
    assert sorted(str(m["To"]).split("<")[1].rstrip(">") for m in inbox.messages) == sorted(
        [TEGAL, BANYUMAS, PURBALINGGA, PROVINCE]
    )
    assert inbox.to(CILACAP) == [], "nothing to do: no notice"

    (tegal,) = inbox.to(TEGAL)
    text = _body(tegal)
    assert "Kanal tidak dikenal (1)" in text and "Desa/kelurahan milik kab/kota lain (1)" in text
    assert "service_logs/33.76/2026-03-12.csv" in text
    assert TEGAL_INACTIVE in text, "live kelurahan without TTE letters"
    assert "LAP-1" in text and "verifikasi dan disposisi melewati batas" in text
    assert "Kiriman log layanan belum diterima" not in text, "Tegal delivered the data date"
    receipts = [p.get_filename() for p in tegal.iter_attachments()]
    assert len(receipts) == 1 and receipts[0].startswith("2026-03-12_")

    banyumas = _body(inbox.to(BANYUMAS)[0])
    assert (
        "Belum ada kiriman log layanan yang dapat dimuat untuk tanggal data 2026-03-13" in banyumas
    )
    assert "kiriman terakhir yang dapat dimuat: 2026-03-09" in banyumas

    purbalingga = inbox.to(PURBALINGGA)[0]
    text = _body(purbalingga)
    assert "service_logs/33.03/2026-02-30.csv" in text and "Nama atau folder berkas salah" in text
    assert "tanggal data 2026-03-13" in text
    assert len(list(purbalingga.iter_attachments())) == 2  # the misnamed and the future file

    province = _body(inbox.to(PROVINCE)[0])
    escalated = province.split("== Eskalasi: kabupaten/kota terlambat mengirim data")[1]
    escalated = escalated.split("\n\n==")[0]
    assert "Kabupaten Banyumas (33.02)" in escalated and "4 hari kerja berturut-turut" in escalated
    for name in ("Purbalingga", "Cilacap", "Kota Tegal"):
        assert name not in escalated
    assert "Ringkasan mingguan 2026-03-02 s.d. 2026-03-08" in province
    assert "lapor/2026-03-13.csv" in province, "a provincial file's quarantine goes to the province"

    sent = len(inbox.messages)
    again = notify(notify_home)
    assert again.notices == [] and len(inbox.messages) == sent, "nothing twice for the same fact"
    keys = [(a, k) for a, k, s in _ledger(notify_home)]
    assert len(keys) == len(set(keys))


def test_failed_send_is_retried_on_the_next_run(notify_home, smtp) -> None:
    inbox = smtp.inbox
    smtp.stop()
    down = notify(notify_home)
    assert down.notices and {n["status"] for n in down.notices} == {"failed"}
    assert {s for *_, s in _ledger(notify_home)} == {"failed"}
    smtp.start()
    up = notify(notify_home)
    assert {n["status"] for n in up.notices} == {"delivered"}
    assert len(inbox.messages) == len(down.notices) == 4
    assert notify(notify_home).notices == []


def test_no_personal_data_in_any_message(notify_home, smtp) -> None:
    inbox = smtp.inbox
    notify(notify_home)
    everything = "\n".join(m.as_string() for m in inbox.messages)
    assert "LAP-1" in everything, "the scan sees the LAPOR facts"
    for needle in (NIK, PHONE, EMAIL, NAME, "Izin usaha belum terbit"):
        assert needle not in everything


def test_dry_run_prints_and_sends_nothing(notify_home, smtp) -> None:
    from smartprov.cli import cli

    inbox = smtp.inbox
    out = CliRunner().invoke(cli, ["--home", str(notify_home.home), "notify", "--dry-run"])
    assert out.exit_code == 0, out.output
    assert "would send to 33.76" in out.output and "would send to 33.01" not in out.output
    assert inbox.messages == [] and _ledger(notify_home) == []
    assert not (notify_home.home / "receipts").exists()

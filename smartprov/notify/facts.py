"""What needs someone's attention, as facts: each has an audience (a regency/city code or
``provinsi``), a kind, a key that names it uniquely (a notice is sent once per key) and one
line in Bahasa Indonesia. Read from the built marts and the receipts; no personal data.

Kinds (regency/city): ``tanpa_kiriman`` (no usable service-log delivery for the data date),
``karantina`` (a recent file with quarantined rows or rejected whole, receipt attached),
``desa_tidak_aktif`` (a live village with no TTE letter in 30 days, once a week, only where the
regency sent logs in that window), ``lapor_lewat_sla`` (an open complaint past a service level,
once per complaint and step). Province: ``eskalasi`` (a regency with no usable delivery on
ESCALATE_AFTER working days running, once per streak), ``karantina`` of files that belong to
no regency, and ``ringkasan_mingguan`` (the weekly summary of the previous ISO week).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import duckdb

from smartprov.notify.contacts import PROVINCE
from smartprov.notify.receipts import Receipt

ESCALATE_AFTER = 3  # working days running without a usable delivery
# lapor-v1 v1.1: pengaduan, aspirasi and permintaan_informasi are named apart everywhere
JENIS = {
    "pengaduan": "Pengaduan",
    "aspirasi": "Aspirasi",
    "permintaan_informasi": "Permintaan informasi",
}


@dataclass(frozen=True)
class Fact:
    audience: str  # regency/city code or PROVINCE
    kind: str
    key: str
    line: str
    attachments: tuple[Path, ...] = field(default=())


def week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def as_of_date(con: duckdb.DuckDBPyConnection) -> date | None:
    row = con.execute("select max(as_of_date) from marts.mart_delivery_status_kabkota").fetchone()
    return row[0] if row else None


def missing_deliveries(con: duckdb.DuckDBPyConnection, as_of: date) -> list[Fact]:
    rows = con.execute(
        "select kode_kabkota, last_delivery_date, last_usable_delivery_date "
        "from marts.mart_delivery_status_kabkota "
        "where last_usable_delivery_date is null or last_usable_delivery_date < $as_of "
        "order by kode_kabkota",
        {"as_of": as_of},
    ).fetchall()
    facts = []
    for kode, last, usable in rows:
        since = f"kiriman terakhir yang dapat dimuat: {usable}" if usable else "belum pernah ada"
        line = (
            f"Belum ada kiriman log layanan yang dapat dimuat untuk tanggal data {as_of} ({since})."
        )
        if last and last >= as_of:
            line += " Kiriman tanggal tersebut ditolak seluruhnya; lihat tanda terimanya."
        facts.append(Fact(kode, "tanpa_kiriman", f"tanpa_kiriman:{kode}:{as_of}", line))
    return facts


def quarantined(receipts: list[Receipt], home: Path) -> list[Fact]:
    facts = []
    for receipt in receipts:
        data = receipt.data
        if receipt.status == "diterima" or not data["versi_terkini"]:
            continue
        if receipt.status == "ditolak":
            what = f"ditolak seluruhnya: {data['penolakan_berkas']['alasan']}"
        else:
            reasons = ", ".join(
                f"{s['alasan']} ({s['jumlah_baris']})" for s in data["ringkasan_alasan"]
            )
            counts = f"{data['baris_dikarantina']} dari {data['baris_dikirim']} baris"
            what = f"{counts} dikarantina: {reasons}"
        line = (
            f"Berkas {data['berkas']} (diterima {data['diterima_pada']}) {what}. "
            f"Tanda terima: {receipt.relative('html')}"
        )
        audience = receipt.kode_kabkota or PROVINCE
        attachment = (home / receipt.relative("html"),)
        facts.append(Fact(audience, "karantina", f"karantina:{receipt.batch_id}", line, attachment))
    return facts


def inactive_villages(con: duckdb.DuckDBPyConnection, as_of: date) -> list[Fact]:
    """Live villages without a TTE letter in 30 days, where the regency sent logs then."""
    rows = con.execute(
        """
        select v.kode_kabkota, v.kode_wilayah, v.nama_wilayah, v.nama_kecamatan, v.program,
               v.tanggal_live
        from marts.mart_rollout_inactive_villages as v
        where v.is_regency_delivering_30d
        order by v.kode_kabkota, v.program, v.kode_wilayah
        """
    ).fetchall()
    week = week_label(as_of)
    return [
        Fact(
            kode,
            "desa_tidak_aktif",
            f"desa_tidak_aktif:{wilayah}:{program}:{week}",
            f"{nama} (Kec. {kecamatan}, {wilayah}) live pada program {program} sejak {live} "
            "tetapi tidak menerbitkan surat ber-TTE dalam 30 hari terakhir.",
        )
        for kode, wilayah, nama, kecamatan, program, live in rows
    ]


def lapor_overdue(con: duckdb.DuckDBPyConnection) -> list[Fact]:
    rows = con.execute(
        """
        select tracking_id, kode_kabkota, jenis, kategori, instansi_tujuan, status,
               is_verification_overdue, is_follow_up_overdue, age_working_days
        from marts.fct_lapor_complaints
        where is_verification_overdue or is_follow_up_overdue
        order by kode_kabkota, tracking_id
        """
    ).fetchall()
    facts = []
    for tracking, kode, jenis, kategori, instansi, status, verif, follow, age in rows:
        for step, label, late in (
            ("verifikasi", "verifikasi dan disposisi", verif),
            ("tindak_lanjut", "tindak lanjut instansi", follow),
        ):
            if not late:
                continue
            facts.append(
                Fact(
                    kode or PROVINCE,
                    "lapor_lewat_sla",
                    f"lapor_lewat_sla:{tracking}:{step}",
                    # the service levels cover every report; the notice names its jenis
                    f"{JENIS.get(jenis, 'Laporan')} SP4N-LAPOR! {tracking} (kategori "
                    f"{kategori or '-'}, instansi "
                    f"{instansi or '-'}, status {status}): {label} melewati batas waktu; "
                    f"umur {age} hari kerja.",
                )
            )
    return facts


def late_streaks(con: duckdb.DuckDBPyConnection, as_of: date) -> dict[str, list[date]]:
    """Per regency/city, the working days up to ``as_of`` without a usable service-log
    delivery, counted back from ``as_of`` while they run (working days: marts.dim_date)."""
    days = [
        d
        for (d,) in con.execute(
            "select tanggal from marts.dim_date where is_working_day and tanggal <= $as_of "
            "and tanggal > $as_of - interval 60 day order by tanggal desc",
            {"as_of": as_of},
        ).fetchall()
    ]
    usable: dict[str, set[date]] = {}
    for kode, day in con.execute(
        "select distinct kode_kabkota, delivery_date from audit.deliveries "
        "where source = 'service_logs' and is_current and not file_quarantined "
        "and kode_kabkota is not null and delivery_date > $as_of - interval 60 day",
        {"as_of": as_of},
    ).fetchall():
        usable.setdefault(kode, set()).add(day)
    codes = [k for (k,) in con.execute("select kode_kabkota from marts.dim_kabkota").fetchall()]
    streaks = {}
    for kode in codes:
        run: list[date] = []
        for day in days:
            if day in usable.get(kode, set()):
                break
            run.append(day)
        streaks[kode] = sorted(run)
    return streaks


def escalations(con: duckdb.DuckDBPyConnection, as_of: date) -> list[Fact]:
    names = dict(con.execute("select kode_kabkota, nama_kabkota from marts.dim_kabkota").fetchall())
    facts = []
    for kode, run in sorted(late_streaks(con, as_of).items()):
        if len(run) < ESCALATE_AFTER:
            continue
        facts.append(
            Fact(
                PROVINCE,
                "eskalasi",
                f"eskalasi:{kode}:{run[0]}",
                f"ESKALASI: {names.get(kode, kode)} ({kode}) tidak mengirim log layanan yang "
                f"dapat dimuat selama {len(run)} hari kerja berturut-turut (sejak {run[0]}).",
            )
        )
    return facts


def previous_week(as_of: date) -> tuple[date, date]:
    monday = as_of - timedelta(days=as_of.weekday()) - timedelta(days=7)
    return monday, monday + timedelta(days=6)

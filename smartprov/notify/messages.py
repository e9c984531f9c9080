"""The notices in Bahasa Indonesia: one per audience and run, listing its pending facts by kind
with what to do; the province's weekly summary table. Plain text (e-mail body and webhook)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from smartprov.notify.contacts import PROVINCE
from smartprov.notify.facts import Fact, late_streaks, previous_week, week_label
from smartprov.notify.templates import render

# kind -> (heading, what to do), in the order a notice lists them
KINDS: dict[str, tuple[str, str]] = {
    "eskalasi": (
        "Eskalasi: kabupaten/kota terlambat mengirim data",
        "Hubungi pimpinan Diskominfo kabupaten/kota tersebut hari ini.",
    ),
    "tanpa_kiriman": (
        "Kiriman log layanan belum diterima",
        "Kirim berkas log layanan tanggal tersebut ke folder kode kabupaten/kota Anda.",
    ),
    "karantina": (
        "Berkas atau baris yang dikarantina",
        "Baca tanda terima terlampir: setiap alasan disertai langkah perbaikannya. Perbaiki, "
        "lalu kirim ulang berkas dengan nama yang sama.",
    ),
    "desa_tidak_aktif": (
        "Desa/kelurahan live tanpa surat ber-TTE dalam 30 hari",
        "Pastikan petugas desa/kelurahan memakai TTE untuk surat yang terbit, atau laporkan "
        "kendalanya ke Diskominfo Provinsi.",
    ),
    "lapor_lewat_sla": (
        "Laporan SP4N-LAPOR! (pengaduan, aspirasi, permintaan informasi) melewati batas waktu",
        "Tindak lanjuti laporan tersebut di SP4N-LAPOR! (verifikasi 3 hari kerja, tindak "
        "lanjut instansi 5 hari kerja; hari kerja tanpa libur nasional dan cuti bersama).",
    ),
}
WEEKLY = "ringkasan_mingguan"


@dataclass(frozen=True)
class WeeklySummary:
    key: str
    start: date
    end: date
    rows: list[dict]
    escalated: list[str]


@dataclass(frozen=True)
class Notice:
    audience: str
    subject: str
    text: str
    facts: tuple[Fact, ...]
    attachments: tuple[Path, ...]
    summary: WeeklySummary | None = None

    @property
    def fact_keys(self) -> list[str]:
        keys = [f.key for f in self.facts]
        return keys + ([self.summary.key] if self.summary else [])


_WEEK = """
with
days as (
    select tanggal from marts.dim_date
    where is_working_day and tanggal between $start and $end
),
delivered as (
    select kode_kabkota, count(distinct delivery_date) as days_delivered,
           count(*) filter (where file_quarantined) as files_rejected,
           coalesce(sum(rows_quarantined), 0) as rows_quarantined
    from audit.deliveries
    where source = 'service_logs' and is_current and delivery_date in (select tanggal from days)
    group by 1
),
inactive as (
    select kode_kabkota, count(*) as villages from marts.mart_rollout_inactive_villages group by 1
),
overdue as (
    select kode_kabkota, count(*) as complaints from marts.fct_lapor_complaints
    where is_verification_overdue or is_follow_up_overdue group by 1
)
select k.kode_kabkota, k.nama_kabkota, (select count(*) from days) as working_days,
       coalesce(d.days_delivered, 0), coalesce(d.files_rejected, 0),
       coalesce(d.rows_quarantined, 0), coalesce(i.villages, 0), coalesce(o.complaints, 0)
from marts.dim_kabkota as k
left join delivered as d using (kode_kabkota)
left join inactive as i using (kode_kabkota)
left join overdue as o using (kode_kabkota)
order by k.kode_kabkota
"""
_WEEK_COLUMNS = (
    "kode_kabkota",
    "nama_kabkota",
    "hari_kerja",
    "hari_terkirim",
    "berkas_ditolak",
    "baris_dikarantina",
    "desa_tidak_aktif",
    "lapor_lewat_sla",
)


def weekly_summary(con: duckdb.DuckDBPyConnection, as_of: date, threshold: int) -> WeeklySummary:
    """The province's summary of the ISO week before the data date's week."""
    start, end = previous_week(as_of)
    rows = [
        dict(zip(_WEEK_COLUMNS, row, strict=True))
        for row in con.execute(_WEEK, {"start": start, "end": end}).fetchall()
    ]
    names = {r["kode_kabkota"]: r["nama_kabkota"] for r in rows}
    escalated = [
        f"{names.get(kode, kode)} ({kode}): {len(run)} hari kerja berturut-turut sejak {run[0]}"
        for kode, run in sorted(late_streaks(con, as_of).items())
        if len(run) >= threshold
    ]
    return WeeklySummary(f"{WEEKLY}:{week_label(start)}", start, end, rows, escalated)


def compose(
    audience: str,
    name: str,
    facts: list[Fact],
    as_of: date | None,
    summary: WeeklySummary | None = None,
) -> Notice:
    """One notice for an audience: its facts grouped by kind, with what to do."""
    grouped: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        grouped[fact.kind].append(fact)
    sections = [
        {"judul": KINDS[kind][0], "tindakan": KINDS[kind][1], "baris": [f.line for f in found]}
        for kind in KINDS
        if (found := grouped.get(kind))
    ]
    if audience == PROVINCE and summary and not facts:
        subject = f"Ringkasan mingguan Provinsi Cerdas {summary.start} s.d. {summary.end}"
    else:
        subject = f"Pemberitahuan data Provinsi Cerdas untuk {name} (tanggal data {as_of or '-'})"
    text = render(
        "notice.txt.j2",
        nama=name,
        as_of=as_of,
        sections=sections,
        summary=summary,
        provinsi=audience == PROVINCE,
    )
    attachments = tuple(p for f in facts for p in f.attachments)
    return Notice(audience, subject, text, tuple(facts), attachments, summary)

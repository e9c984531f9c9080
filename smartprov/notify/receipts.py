"""Delivery receipts: for every delivered file, what arrived, when, what loaded, which rows or
the whole file were quarantined and why, in Bahasa Indonesia, with what to do about each reason.

Read from the audit ledger (``audit.deliveries``, ``audit.quarantine_rows``); written as JSON
(machines) and HTML (people) to ``$SMARTPROV_HOME/receipts/<kode_kabkota>/`` (``provinsi/`` for
files that belong to no regency/city: LAPOR, rollout, indicators, unknown folders). A value is
shown only for the columns a reason is about, and never for personal-data columns or free text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from ingestion.deliveries import parse_day
from ingestion.reasons import explain
from ingestion.vocabulary import LAPOR_PERSONAL_FIELDS
from smartprov.base.reference import regencies
from smartprov.notify.templates import render

PROVINCE_FOLDER = "provinsi"
# never shown in a receipt or notice, whatever a reason is about
HIDDEN_COLUMNS = frozenset((*LAPOR_PERSONAL_FIELDS, "isi_laporan"))
REDACTED = "(disamarkan)"
MAX_ROWS_LISTED = 5000  # a receipt lists this many quarantined rows, and counts the rest
STATUS_LABELS = {
    "diterima": "Diterima seluruhnya",
    "diterima_sebagian": "Diterima sebagian (ada baris dikarantina)",
    "ditolak": "Ditolak seluruhnya",
}

_DELIVERIES = """
select d.batch_id, d.source, d.relative_path, d.kode_kabkota, d.delivery_date, d.file_format,
       d.rows_delivered, d.rows_loaded, d.rows_quarantined, d.file_quarantined,
       q.reason_code, d.is_current, d.loaded_at
from audit.deliveries as d
left join audit.quarantine_files as q using (batch_id)
where d.channel = 'export' and ($since is null or d.loaded_at >= $since)
order by d.loaded_at, d.relative_path
"""
_ROWS = """
select batch_id, row_number, reason_code, reason, record
from audit.quarantine_rows
where batch_id in (select unnest($batches))
order by batch_id, row_number
"""


@dataclass(frozen=True)
class Receipt:
    kode_kabkota: str | None
    batch_id: str
    status: str  # diterima | diterima_sebagian | ditolak
    data: dict[str, Any]

    @property
    def folder(self) -> str:
        return self.kode_kabkota or PROVINCE_FOLDER

    @property
    def stem(self) -> str:
        day = self.data["tanggal_data"] or "tanpa-tanggal"
        return f"{day}_{self.batch_id[:8]}"

    def relative(self, suffix: str) -> str:
        """Where the receipt lives under the home, e.g. receipts/33.76/2026-03-05_ab12cd34.html"""
        return f"receipts/{self.folder}/{self.stem}.{suffix}"


def _message_tail(message: str) -> str:
    """The reason after ``row N of <path>: ``."""
    return message.split(": ", 1)[1] if ": " in message else message


def _columns(code: str, message: str, record: dict[str, Any]) -> list[str]:
    """The columns a quarantined row's reason is about."""
    tail = _message_tail(message)
    if code == "missing_required_value" and ":" in tail:
        return [c.strip() for c in tail.split(":", 1)[1].split(",") if c.strip()]
    first = re.match(r"^([a-z_]+) ", tail)
    if first and first.group(1) in record:
        return [first.group(1)]
    return [c for c in explain(code).kolom if c in record]


def _shown(column: str, value: Any) -> Any:
    if column in HIDDEN_COLUMNS:
        return REDACTED
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def row_entry(row_number: int, code: str, message: str, record_json: str | None) -> dict:
    """One quarantined row as a receipt shows it (no personal data, no free text)."""
    record = json.loads(record_json) if record_json else {}
    if not isinstance(record, dict):
        record = {}
    columns = _columns(code, message, record)
    text = explain(code)
    return {
        "baris": row_number,
        "kode_alasan": code,
        "alasan": text.label,
        "kolom": columns,
        "nilai": {c: _shown(c, record.get(c)) for c in columns},
    }


def _summary(rows: list[dict]) -> list[dict]:
    by_code: dict[str, list[int]] = {}
    for row in rows:
        by_code.setdefault(row["kode_alasan"], []).append(row["baris"])
    out = []
    # most rows first, then by label (as mart_delivery_receipts orders its summary)
    for code, numbers in sorted(by_code.items(), key=lambda i: (-len(i[1]), explain(i[0]).label)):
        text = explain(code)
        out.append(
            {
                "kode_alasan": code,
                "alasan": text.label,
                "penjelasan": text.teks,
                "yang_perlu_dilakukan": text.tindakan,
                "jumlah_baris": len(numbers),
            }
        )
    return out


def _name_detail(source: str, path: str, kode: str | None) -> str:
    """Which part of a rejected file's name breaks the contract, in plain words."""
    name = Path(path).name
    day, ext = parse_day(name)
    if source == "service_logs" and kode is None:
        return f"Folder '{Path(path).parent.name}' bukan kode kabupaten/kota provinsi ini."
    if day is None:
        return f"Nama berkas '{name}' bukan tanggal yang ada (TTTT-BB-HH)."
    if ext not in ("csv", "jsonl", "xlsx"):
        return f"Ekstensi '.{ext}' bukan .csv, .jsonl atau .xlsx."
    return f"Tanggal {day} pada nama berkas belum terjadi saat berkas diterima."


def _status(file_quarantined: bool, rows_quarantined: int) -> str:
    if file_quarantined:
        return "ditolak"
    return "diterima_sebagian" if rows_quarantined else "diterima"


def _receipt(delivery: tuple, rows: list[dict], names: dict[str, str]) -> Receipt:
    (batch, source, path, kode, day, fmt, delivered, loaded, quarantined, whole, reason,
     current, loaded_at) = delivery  # fmt: skip
    status = _status(whole, quarantined)
    rejection = None
    if whole:
        text = explain(reason or "")
        rejection = {
            "kode_alasan": text.code,
            "alasan": text.label,
            "rincian": _name_detail(source, path, kode) if text.code == "bad_file_name" else None,
            "penjelasan": text.teks,
            "yang_perlu_dilakukan": text.tindakan,
        }
    data = {
        "jenis": "tanda_terima_kiriman",
        "versi": 1,
        "batch_id": batch,
        "sumber": source,
        "berkas": path,
        "nama_berkas": Path(path).name,
        "format": fmt or None,
        "kode_kabkota": kode,
        "nama_kabkota": names.get(kode or ""),
        "tanggal_data": day.isoformat() if day else None,
        "diterima_pada": loaded_at.isoformat(sep=" "),
        "status": status,
        "status_label": STATUS_LABELS[status],
        "versi_terkini": bool(current),
        "baris_dikirim": delivered,
        "baris_dimuat": loaded,
        "baris_dikarantina": quarantined,
        "penolakan_berkas": rejection,
        "ringkasan_alasan": _summary(rows),
        "baris": rows[:MAX_ROWS_LISTED],
        "baris_tidak_dicantumkan": max(0, len(rows) - MAX_ROWS_LISTED),
    }
    return Receipt(kode, batch, status, data)


def build_receipts(con: duckdb.DuckDBPyConnection, since: datetime | None = None) -> list[Receipt]:
    """A receipt for every file delivery in the ledger (loaded since ``since`` when given)."""
    deliveries = con.execute(_DELIVERIES, {"since": since}).fetchall()
    rows: dict[str, list[dict]] = {}
    batches = [d[0] for d in deliveries if d[8]]
    for start in range(0, len(batches), 1000):
        chunk = batches[start : start + 1000]
        for batch, number, code, message, record in con.execute(
            _ROWS, {"batches": chunk}
        ).fetchall():
            rows.setdefault(batch, []).append(row_entry(number, code, message, record))
    names = {r.kode_kabkota: r.nama for r in regencies()}
    return [_receipt(d, rows.get(d[0], []), names) for d in deliveries]


def _write_if_changed(target: Path, text: str) -> bool:
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return True


def write_receipts(home: Path, receipts: list[Receipt]) -> int:
    """Write each receipt as JSON and HTML (only what changed); returns the files written."""
    written = 0
    for receipt in receipts:
        body = json.dumps(receipt.data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        written += _write_if_changed(home / receipt.relative("json"), body)
        html = render("receipt.html.j2", r=receipt.data)
        written += _write_if_changed(home / receipt.relative("html"), html)
    return written


def recent(receipts: list[Receipt], now: datetime, days: int) -> list[Receipt]:
    """The receipts of deliveries loaded in the last ``days`` days."""
    since = (now - timedelta(days=days)).isoformat(sep=" ")
    return [r for r in receipts if r.data["diterima_pada"] >= since]

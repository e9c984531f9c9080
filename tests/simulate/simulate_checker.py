"""An independent reading of a simulated landing folder, written from the contracts alone.

It uses only csv/json/openpyxl and the reference geography, so the tests can recompute the
numbers `_expected.json` claims without going through the ingestion code.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from openpyxl import load_workbook

from ingestion.vocabulary import (
    JENIS_LAYANAN,
    KANAL_LAYANAN,
    SERVICE_LOG_REQUIRED,
    STATUS_LAYANAN,
    TTE_FALSE,
    TTE_TRUE,
)
from smartprov.base.reference import normalise_village_code, villages

WIB = timezone(timedelta(hours=7))
REGENCY_OF = {v.kode_wilayah: v.kode_kabkota for v in villages()}


def parse_timestamp(text: str) -> datetime | None:
    """Naive WIB datetime, or None when the text is not an accepted timestamp."""
    text = text.strip()
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            pass
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(WIB).replace(tzinfo=None)
    return moment


def read_table(path: Path) -> tuple[str | None, list[dict[str, str]]]:
    """(file reason or None, rows with lower-case stripped keys and text values)."""
    data = path.read_bytes()
    if not data:
        return "empty_file", []
    if path.suffix == ".xlsx":
        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
            cells = list(sheet.iter_rows(values_only=True))
        except Exception:
            return "unreadable_file", []
        header = [str(c).strip().lower() for c in cells[0]]
        rows = [{h: _cell_text(v) for h, v in zip(header, row, strict=False)} for row in cells[1:]]
    elif path.suffix == ".jsonl":
        try:
            records = [json.loads(line) for line in data.decode("utf-8").splitlines() if line]
        except ValueError:
            return "unreadable_file", []
        header = list(records[0]) if records else []
        rows = [{k: _cell_text(v) for k, v in r.items()} for r in records]
    else:
        text = None
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        if text is None:
            return "unreadable_file", []
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        header = [h.strip().lower() for h in table[0]]
        rows = [dict(zip(header, row, strict=True)) for row in table[1:]]
    if not rows:
        return "empty_file", []
    if any(column not in header for column in SERVICE_LOG_REQUIRED):
        return "missing_required_column", []
    return None, rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value)


def row_reason(row: dict[str, str], kode_kabkota: str, day: date) -> str | None:
    """The first reason of SERVICE_LOG_ROW_ORDER that applies, or None for a good row."""
    if any(row.get(c, "").strip() == "" for c in SERVICE_LOG_REQUIRED):
        return "missing_required_value"
    permohonan = parse_timestamp(row["waktu_permohonan"])
    selesai_text = row.get("waktu_selesai", "").strip()
    selesai = parse_timestamp(selesai_text) if selesai_text else None
    if permohonan is None or (selesai_text and selesai is None):
        return "invalid_timestamp"
    if row["tte"].strip().lower() not in TTE_TRUE + TTE_FALSE:
        return "invalid_value"
    if row["jenis_layanan"].strip() not in JENIS_LAYANAN:
        return "unknown_jenis_layanan"
    if row["kanal"].strip() not in KANAL_LAYANAN:
        return "unknown_kanal"
    if row["status"].strip() not in STATUS_LAYANAN:
        return "unknown_status"
    kode = normalise_village_code(row["kode_wilayah"])
    if kode not in REGENCY_OF:
        return "unknown_kode_wilayah"
    if REGENCY_OF[kode] != kode_kabkota:
        return "wilayah_outside_kabkota"
    if selesai is not None and selesai < permohonan:
        return "selesai_before_permohonan"
    limit = day + timedelta(days=1)
    if permohonan.date() > limit or (selesai is not None and selesai.date() > limit):
        return "future_timestamp"
    return None


def recount_service_logs(landing: Path, data_date: date) -> dict[str, dict]:
    """Per regency: the numbers of `_expected.json` recomputed from the files."""
    out: dict[str, dict] = {}
    window_start = data_date - timedelta(days=29)
    for folder in sorted((landing / "service_logs").iterdir()):
        code = folder.name
        entry = {
            "files_delivered": 0,
            "files_quarantined": 0,
            "file_reasons": Counter(),
            "rows_delivered": 0,
            "rows_loaded": 0,
            "row_reasons": Counter(),
        }
        latest: dict[str, dict[str, str]] = {}
        last: date | None = None
        for path in sorted(folder.iterdir()):
            day = date.fromisoformat(path.stem)
            entry["files_delivered"] += 1
            last = max(last, day) if last else day
            reason, rows = read_table(path)
            if reason:
                entry["files_quarantined"] += 1
                entry["file_reasons"][reason] += 1
                continue
            entry["rows_delivered"] += len(rows)
            for row in rows:
                bad = row_reason(row, code, day)
                if bad:
                    entry["row_reasons"][bad] += 1
                else:
                    entry["rows_loaded"] += 1
                    latest[row["id_transaksi"].strip()] = row
        active, letters = set(), 0
        for row in latest.values():
            selesai = parse_timestamp(row["waktu_selesai"]) if row["waktu_selesai"] else None
            if row["status"] != "selesai" or selesai is None:
                continue
            if window_start <= selesai.date() <= data_date:
                letters += 1
                if row["tte"].strip().lower() in TTE_TRUE:
                    active.add(normalise_village_code(row["kode_wilayah"]))
        entry["file_reasons"] = dict(sorted(entry["file_reasons"].items()))
        entry["row_reasons"] = dict(sorted(entry["row_reasons"].items()))
        entry["rows_quarantined"] = sum(entry["row_reasons"].values())
        entry["transactions"] = len(latest)
        entry["last_delivery"] = last.isoformat() if last else None
        entry["active_villages_30d"] = len(active)
        entry["letters_30d"] = letters
        out[code] = entry
    return out

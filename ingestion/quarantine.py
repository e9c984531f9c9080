"""Quarantine: what was rejected, findable with its file, row and reason (docs/quarantine.md).

- A rejected row stays in ``audit.quarantine_rows`` (written by loading.write_checked): batch,
  file, row number (1 = first data row), reason code and message, and the record as delivered
  with the source's personal columns removed (a shifted row is not read at all). The good rows
  of the same file load; the file itself is not copied (it is still in landing/).
- A file rejected whole (unreadable, wrong encoding, missing columns, empty, misnamed,
  future-dated, unknown folder) is recorded in ``audit.quarantine_files`` with its reason and
  copied to ``quarantine/<batch_id>/<relative path>`` (folders 0700, files 0600): the copy is
  what the sender is asked about, kept even after landing/ is cleaned up. A link or a path
  outside landing/ is refused unread, and nothing of it is kept.

A source with personal data (LAPOR) is never copied raw: the copy is redacted by the reader
that parsed the delivery (same delimiter, encoding and format), and what cannot be parsed is
kept as metadata and a hash only (``<name>.quarantined.json``). Quarantine is not a back door
around the rule that reporter identity is never kept in clear.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ingestion.decoding import normalise_header, parse_csv, read_limited
from ingestion.deliveries import Delivery

if TYPE_CHECKING:
    from ingestion.ledger import DeliveryResult
    from ingestion.spec import SourceSpec


def _private_folder(root: Path, relative: Path) -> Path:
    """``root/relative`` with every folder created 0700 (also ``root`` itself)."""
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    root.chmod(0o700)
    folder = root
    for part in relative.parts:
        folder = folder / part
        folder.mkdir(mode=0o700, exist_ok=True)
        folder.chmod(0o700)
    return folder


def _write_private(target: Path, data: bytes) -> None:
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    try:
        os.write(handle, data)
    finally:
        os.close(handle)
    target.chmod(0o600)


def quarantine_copy(
    quarantine_dir: Path, delivery: Delivery, batch_id: str, personal: Sequence[str] = ()
) -> Path:
    """Keep a file rejected whole (redacted when the source holds personal data) beside its
    quarantine record; returns where it was kept. Idempotent."""
    safe = Path(delivery.relative_path.replace("..", "__"))
    folder = _private_folder(quarantine_dir, Path(batch_id) / safe.parent)
    raw = read_limited(delivery.path)
    target = folder / safe.name
    if not personal:
        _write_private(target, raw)
        return target
    redacted = _redacted(raw, delivery.file_format, personal)
    if redacted is None:  # cannot be parsed: the content is not kept at all
        target = folder / f"{safe.name}.quarantined.json"
        redacted = _metadata(delivery, raw)
    _write_private(target, redacted)
    return target


def _redacted(raw: bytes, file_format: str, personal: Sequence[str]) -> bytes | None:
    try:
        if file_format == "csv":
            return _redacted_csv(raw, personal)
        if file_format in ("jsonl", "json"):
            return _redacted_jsonl(raw, personal)
    except Exception:  # noqa: BLE001 - whatever fails to parse is kept as metadata only
        return None
    return None


def _redacted_csv(raw: bytes, personal: Sequence[str]) -> bytes:
    rows, delimiter, _ = parse_csv(raw)
    header = rows[0]
    blank = {i for i, name in enumerate(header) if normalise_header(name) in personal}
    lines: list[list[str]] = [header]
    for row in rows[1:]:
        if len(row) != len(header):  # a shifted row: any field may hold personal data
            lines.append([""] * len(header))
        else:
            lines.append(["" if i in blank else v for i, v in enumerate(row)])
    out = _Lines()
    csv.writer(out, delimiter=delimiter).writerows(lines)
    return "".join(out.parts).encode("utf-8")


def _redacted_jsonl(raw: bytes, personal: Sequence[str]) -> bytes:
    lines = []
    for line in raw.decode("utf-8-sig").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if not isinstance(record, dict):
            raise ValueError("not a JSON object per line")
        kept = {k: v for k, v in record.items() if normalise_header(k) not in personal}
        lines.append(json.dumps(kept, ensure_ascii=False) + "\n")
    return "".join(lines).encode("utf-8")


class _Lines:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)


def _metadata(delivery: Delivery, raw: bytes) -> bytes:
    return json.dumps(
        {
            "relative_path": delivery.relative_path,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "bytes": len(raw),
            "kept": "metadata only: a personal-data source that could not be parsed",
        },
        indent=2,
    ).encode("utf-8")


def quarantine_file(
    con: duckdb.DuckDBPyConnection,
    result: DeliveryResult,
    spec: SourceSpec,
    quarantine_dir: Path,
    loaded_at: datetime,
) -> None:
    """Record a file rejected whole, with its reason and where its copy was kept."""
    delivery = result.delivery
    if delivery.unsafe or delivery.path.is_symlink():  # refused unread: nothing of it is kept
        copy = "(not kept: refused without reading it)"
    else:
        try:
            kept = quarantine_copy(quarantine_dir, delivery, result.batch_id, spec.personal_columns)
            copy = str(kept)
        except Exception as error:  # noqa: BLE001 - e.g. over the size limit: record, go on
            copy = f"(not kept: {error})"
    con.execute(
        "insert into audit.quarantine_files values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            result.batch_id,
            spec.source,
            delivery.relative_path,
            delivery.kode_kabkota,
            delivery.delivery_date,
            result.file_reason,
            result.file_message,
            copy,
            loaded_at,
        ],
    )

"""Quarantine: keep a rejected file (or a file with rejected rows) beside its reason.

Copies go to ``quarantine/<batch_id>/<relative path>``; whole-file rejections are recorded in
``audit.quarantine_files`` (rejected rows are written by loading.write_checked).
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ingestion.deliveries import Delivery

if TYPE_CHECKING:
    from ingestion.loading import DeliveryResult, SourceSpec


def quarantine_copy(
    quarantine_dir: Path, delivery: Delivery, batch_id: str, personal: Sequence[str] = ()
) -> Path:
    """Keep the original file beside the quarantine records (idempotent copy). For sources with
    personal data, the copy of a CSV has those columns emptied: quarantine is not a back door
    around the rule that reporter identity is never kept in clear."""
    safe = delivery.relative_path.replace("..", "__")
    target = quarantine_dir / batch_id / safe
    target.parent.mkdir(parents=True, exist_ok=True)
    if personal and delivery.file_format == "csv":
        _copy_without(delivery.path, target, personal)
    else:
        shutil.copyfile(delivery.path, target)
    return target


def _copy_without(source: Path, target: Path, personal: Sequence[str]) -> None:
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        target.write_bytes(b"")
        return
    blank = {i for i, name in enumerate(rows[0]) if name.strip().lower() in personal}
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(rows[0])
        for row in rows[1:]:
            writer.writerow(["" if i in blank else v for i, v in enumerate(row)])


def quarantine_file(
    con: duckdb.DuckDBPyConnection,
    result: DeliveryResult,
    spec: SourceSpec,
    quarantine_dir: Path,
    loaded_at: datetime,
) -> None:
    delivery = result.delivery
    if delivery.path.is_symlink():  # refused unread: neither the link nor its target is kept
        copy = "(not kept: a symbolic link)"
    else:
        copy = str(
            quarantine_copy(quarantine_dir, delivery, result.batch_id, spec.personal_columns)
        )
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

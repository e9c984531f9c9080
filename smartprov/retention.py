"""Retention of personal data outside the warehouse (UU 27/2022, see docs/retention.md).

Landing files and quarantine copies of sources that carry personal data (every source whose
spec names personal columns: LAPOR, LaporGub!; reporters' names, contacts and report texts)
are deleted once older than the retention period (``SMARTPROV_RETENTION_DAYS``, default 90).
Age is counted from when the file reached the platform (its modification time). The warehouse
keeps only pseudonymised identities, so it is not touched here.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from ingestion.registry import personal_data_sources
from smartprov.base import settings
from smartprov.base.settings import Paths

log = logging.getLogger(__name__)

DEFAULT_DAYS = 90
# sources whose delivered files hold personal data (a spec with personal_columns: LAPOR, ...)
PERSONAL_DATA_SOURCES = personal_data_sources()


@dataclass
class RetentionResult:
    days: int
    removed: list[Path] = field(default_factory=list)
    dry_run: bool = False


def retention_days() -> int:
    days = settings.RETENTION_DAYS.as_int()
    if days < 1:
        raise ValueError(f"{settings.RETENTION_DAYS.name} must be at least 1 day, got {days}")
    return days


def candidates(paths: Paths, sources: tuple[str, ...] = PERSONAL_DATA_SOURCES) -> list[Path]:
    """Every landing file and quarantine copy of ``sources``.

    Landing: ``landing/<source>/…``; quarantine: ``quarantine/<batch_id>/<source>/…``.
    """
    found: list[Path] = []
    for source in sources:
        found += (p for p in (paths.landing / source).rglob("*") if p.is_file())
        found += (p for p in paths.quarantine.glob(f"*/{source}/**/*") if p.is_file())
    return sorted(set(found))


def apply_retention(
    paths: Paths, days: int | None = None, *, dry_run: bool = False, now: float | None = None
) -> RetentionResult:
    """Delete (or, with ``dry_run``, list) personal-data files older than ``days``."""
    result = RetentionResult(retention_days() if days is None else days, dry_run=dry_run)
    cutoff = (time.time() if now is None else now) - result.days * 86400
    for path in candidates(paths):
        if path.stat().st_mtime >= cutoff:
            continue
        result.removed.append(path)
        if dry_run:
            log.info("retention: would remove %s", path)
            continue
        path.unlink(missing_ok=True)
        log.info("retention: removed %s (older than %d days)", path, result.days)
        _prune_empty(path.parent, stop=paths.home)
    return result


def _prune_empty(folder: Path, stop: Path) -> None:
    """Remove quarantine batch folders left empty (never landing/<source> itself)."""
    while folder != stop and folder.parent != stop and folder.is_relative_to(stop):
        if folder.parent == stop / "landing" or any(folder.iterdir()):
            return
        folder.rmdir()
        folder = folder.parent

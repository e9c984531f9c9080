"""Shared helpers for the simulator: seeded random streams, calendars and file output."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

import holidays
import numpy as np

WIB_OFFSET = timedelta(hours=7)


def stream(seed: int, *tags: str | int) -> np.random.Generator:
    """An independent numpy generator for one part of the simulation (stable across runs)."""
    keys = [seed] + [t if isinstance(t, int) else zlib.crc32(t.encode()) for t in tags]
    return np.random.default_rng(keys)


def days_of(start: date, days: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(days)]


@cache
def holidays_of(year: int) -> dict[date, str]:
    """National holidays and the civil service's joint leave days (cuti bersama), as the
    contracts' working-day rule lists them (README.md v1.1)."""
    found = holidays.country_holidays("ID", years=year, categories=("public", "government"))
    return dict(sorted(found.items()))


def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays_of(year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(day: date, n: int) -> date:
    """The n-th working day after ``day`` (n = 0 -> ``day`` itself)."""
    current = day
    while n > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            n -= 1
    return current


def iso_wib(moment: datetime) -> str:
    """ISO 8601 with the WIB offset, e.g. ``2026-03-05T08:15:00+07:00``."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + "+07:00"


@dataclass
class Output:
    """Writes files under a root and remembers them, so stale files can be removed afterwards."""

    root: Path
    written: set[Path] = field(default_factory=set)

    def path(self, relative: str) -> Path:
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        self.written.add(target)
        return target

    def write_bytes(self, relative: str, data: bytes) -> Path:
        target = self.path(relative)
        target.write_bytes(data)
        return target

    def remove_stale(self, folders: tuple[str, ...]) -> list[Path]:
        """Delete files under ``folders`` that this run did not write (a previous run's)."""
        removed = []
        for folder in folders:
            base = self.root / folder
            if not base.exists():
                continue
            for candidate in sorted(base.rglob("*")):
                if candidate.is_file() and candidate not in self.written:
                    candidate.unlink()
                    removed.append(candidate)
        return removed

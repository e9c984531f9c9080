"""Where everything lives. All paths derive from ``SMARTPROV_HOME`` (default ``./data``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt"
REFERENCE_DIR = DBT_PROJECT_DIR / "seeds" / "wilayah_jateng"

# DuckDB resource limits that fit the 2-core, 24 GB machines the platform runs on.
DUCKDB_MEMORY_LIMIT = os.environ.get("SMARTPROV_DUCKDB_MEMORY_LIMIT", "3GB")
DUCKDB_THREADS = int(os.environ.get("SMARTPROV_DUCKDB_THREADS", "2"))


@dataclass(frozen=True)
class Paths:
    """The file layout of one platform home."""

    home: Path

    @classmethod
    def from_env(cls, home: str | os.PathLike[str] | None = None) -> Paths:
        root = home or os.environ.get("SMARTPROV_HOME") or "data"
        return cls(Path(root).resolve())

    @property
    def landing(self) -> Path:
        return self.home / "landing"

    @property
    def warehouse(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def serving(self) -> Path:
        return self.home / "serving.duckdb"

    @property
    def quarantine(self) -> Path:
        return self.home / "quarantine"

    @property
    def expected_manifest(self) -> Path:
        return self.landing / "_expected.json"

    def ensure(self) -> Paths:
        for folder in (self.home, self.landing, self.quarantine):
            folder.mkdir(parents=True, exist_ok=True)
        return self

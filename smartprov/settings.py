"""Where everything lives and which province it serves.

All paths derive from ``SMARTPROV_HOME`` (default ``./data``); the province from
``SMARTPROV_PROVINCE`` (a Kemendagri province code, default ``33``, Jawa Tengah).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_HOME = "data"  # relative to the working directory, like the Makefile's ./data

# the bearer token of the SP4N-LAPOR! API (the stand-in serves with it, the pull sends it)
LAPOR_TOKEN_ENV = "SMARTPROV_LAPOR_TOKEN"

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt"
# Every province, regency/city, district and village of Indonesia (idn-area-data 4.0.1, ODbL
# 1.0); dbt and smartprov.reference filter them to the configured province.
REFERENCE_DIR = DBT_PROJECT_DIR / "seeds" / "wilayah"
DEFAULT_PROVINCE = "33"  # Jawa Tengah, the demo


def province_code() -> str:
    """The province the platform serves: ``SMARTPROV_PROVINCE``, read on every call (so a test
    or a subprocess can change it), default Jawa Tengah."""
    return os.environ.get("SMARTPROV_PROVINCE", "").strip() or DEFAULT_PROVINCE


# DuckDB resource limits that fit the 2-core, 24 GB machines the platform runs on. DuckDB's
# limit covers its buffer pool, not the Python process around it (dbt's manifest, Airflow):
# 2.3 GB (1000-based) keeps a whole dbt build under 3 GB (issue 13); more spills to disk. At
# 2.5 GB the 20 M-row full refresh peaked at 2,847-2,959 MiB (2.99-3.10 GB), at 2.3 GB 2,637.
# The same default is written in dbt/profiles.yml and docker-compose.yml (dbt and Compose read
# no Python); tests/warehouse/test_dbt_profile.py keeps the three equal.
DEFAULT_DUCKDB_MEMORY_LIMIT = "2.3GB"
DUCKDB_MEMORY_LIMIT = os.environ.get("SMARTPROV_DUCKDB_MEMORY_LIMIT", DEFAULT_DUCKDB_MEMORY_LIMIT)
DUCKDB_THREADS = int(os.environ.get("SMARTPROV_DUCKDB_THREADS", "2"))


@dataclass(frozen=True)
class Paths:
    """The file layout of one platform home."""

    home: Path
    # serving.duckdb's folder when it is not the home (SMARTPROV_SERVING_DIR): in
    # docker-compose.yml a volume of its own, so Superset mounts it alone and read-only
    serving_dir: Path | None = None

    @classmethod
    def from_env(cls, home: str | os.PathLike[str] | None = None) -> Paths:
        root = home or os.environ.get("SMARTPROV_HOME") or DEFAULT_HOME
        serving_dir = os.environ.get("SMARTPROV_SERVING_DIR")
        return cls(Path(root).resolve(), Path(serving_dir).resolve() if serving_dir else None)

    @property
    def landing(self) -> Path:
        return self.home / "landing"

    @property
    def warehouse(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def serving(self) -> Path:
        return (self.serving_dir or self.home) / "serving.duckdb"

    @property
    def quarantine(self) -> Path:
        return self.home / "quarantine"

    @property
    def briefings(self) -> Path:
        """Monthly DPRD briefings (PDF), written by ``smartprov briefing``."""
        return self.home / "briefings"

    @property
    def expected_manifest(self) -> Path:
        return self.landing / "_expected.json"

    @property
    def lapor_api_feed(self) -> Path:
        """The complaint versions the simulator writes and the LAPOR API stand-in serves."""
        # <home>/<channel>/<source>/ beside landing/ (the export channel); the names are
        # ingestion.sources' API and LAPOR (tests/structure checks they agree)
        return self.home / "api" / "lapor" / "complaints.jsonl"

    @property
    def secrets(self) -> Path:
        return self.home / "secrets"

    @property
    def pii_key(self) -> Path:
        """The generated pseudonymisation key when ``SMARTPROV_PII_KEY`` is not set."""
        return self.secrets / "pii.key"

    @property
    def dbt_target(self) -> Path:
        """dbt's target folder (compiled SQL, manifest, docs site): outside the repository."""
        return self.home / "dbt" / "target"

    @property
    def dbt_logs(self) -> Path:
        return self.home / "dbt" / "logs"

    @property
    def dbt_manifest(self) -> Path:
        return self.dbt_target / "manifest.json"

    @property
    def airflow(self) -> Path:
        """AIRFLOW_HOME of the embedded Airflow (SQLite metadata, logs)."""
        return self.home / "airflow"

    @property
    def superset(self) -> Path:
        """Superset's state (SQLite metadata) for the embedded default."""
        return self.home / "superset"

    def ensure(self) -> Paths:
        for folder in (self.home, self.landing, self.quarantine, self.serving.parent):
            folder.mkdir(parents=True, exist_ok=True)
        return self

"""Every setting of the platform: the one module that reads the environment.

Each ``SMARTPROV_*`` variable is declared once below (:data:`VARIABLES`: name, default, what it
is for) and read through its :class:`Variable`, on every call, so a test or a subprocess can
change it. Paths derive from ``SMARTPROV_HOME`` (default ``./data``); the province from
``SMARTPROV_PROVINCE`` (a Kemendagri province code, default ``33``, Jawa Tengah). The demo's
own values (demo mode, token, logins) are here too, so no production module has to reach into
the development tools for them. ``tests/structure`` checks that no other module names a
``SMARTPROV_`` variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_HOME = "data"  # relative to the working directory, like the Makefile's ./data

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt"
# the national roll-up's dbt project (national marts over the provinces' lake exports)
NATIONAL_DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_national"
# Every province, regency/city, district and village of Indonesia (idn-area-data 4.0.1, ODbL
# 1.0); dbt and smartprov.base.reference filter them to the configured province.
REFERENCE_DIR = DBT_PROJECT_DIR / "seeds" / "wilayah"
DEFAULT_PROVINCE = "33"  # Jawa Tengah, the demo

# DuckDB resource limits that fit the 2-core, 24 GB machines the platform runs on. DuckDB's
# limit covers its buffer pool, not the Python process around it (dbt's manifest, Airflow):
# 2.3 GB (1000-based) keeps a whole dbt build under 3 GB (issue 13); more spills to disk. At
# 2.5 GB the 20 M-row full refresh peaked at 2,847-2,959 MiB (2.99-3.10 GB), at 2.3 GB 2,637.
# The same default is written in dbt/profiles.yml and docker-compose.yml (dbt and Compose read
# no Python); tests/warehouse/test_dbt_profile.py keeps the three equal.
DEFAULT_DUCKDB_MEMORY_LIMIT = "2.3GB"

# The demo's own values (SMARTPROV_DEMO=1): base.secrets refuses them anywhere else.
DEMO_LAPOR_TOKEN = "demo-lapor-token"


@dataclass(frozen=True)
class Variable:
    """One environment variable: its name, its default and what it is for."""

    name: str
    default: str = ""
    help: str = ""

    def get(self, env: Mapping[str, str] | None = None) -> str:
        """The value (stripped), or the default when unset or blank."""
        value = (os.environ if env is None else env).get(self.name, "").strip()
        return value or self.default

    def is_set(self, env: Mapping[str, str] | None = None) -> bool:
        return bool((os.environ if env is None else env).get(self.name, "").strip())

    def as_int(self) -> int:
        value = self.get()
        return int(value) if value.isdigit() else int(self.default)

    def as_float(self) -> float:
        return float(self.get())

    def flag(self, env: Mapping[str, str] | None = None) -> bool:
        return self.get(env) == "1"


# --- the platform and its home -------------------------------------------------------------
HOME = Variable("SMARTPROV_HOME", DEFAULT_HOME, "the platform home (every path derives from it)")
SERVING_DIR = Variable("SMARTPROV_SERVING_DIR", "", "serving.duckdb's folder, if not the home")
PROVINCE = Variable("SMARTPROV_PROVINCE", DEFAULT_PROVINCE, "Kemendagri code of the province")
DEMO = Variable("SMARTPROV_DEMO", "0", "1: the demo on a laptop (demo secrets accepted)")
DUCKDB_MEMORY_LIMIT_VAR = Variable(
    "SMARTPROV_DUCKDB_MEMORY_LIMIT", DEFAULT_DUCKDB_MEMORY_LIMIT, "DuckDB memory limit"
)
DUCKDB_THREADS_VAR = Variable("SMARTPROV_DUCKDB_THREADS", "2", "DuckDB threads")
WAREHOUSE_LOCK_TIMEOUT = Variable(
    "SMARTPROV_WAREHOUSE_LOCK_TIMEOUT", "3600", "seconds a writer waits for the warehouse"
)
RETENTION_DAYS = Variable("SMARTPROV_RETENTION_DAYS", "90", "days personal-data files are kept")
CHROMIUM = Variable("SMARTPROV_CHROMIUM", "", "the Chromium binary (briefing, screenshots)")
# --- ingestion -----------------------------------------------------------------------------
PII_KEY = Variable("SMARTPROV_PII_KEY", "", "secret: the reporter pseudonymisation key")
LAPOR_TOKEN = Variable("SMARTPROV_LAPOR_TOKEN", "", "secret: SP4N-LAPOR! API bearer token")
LAPOR_URL = Variable("SMARTPROV_LAPOR_URL", "", "SP4N-LAPOR! API base URL")
MAX_FILE_BYTES = Variable("SMARTPROV_MAX_FILE_BYTES", str(512 * 1024 * 1024), "largest file")
MAX_XLSX_UNCOMPRESSED_BYTES = Variable(
    "SMARTPROV_MAX_XLSX_UNCOMPRESSED_BYTES", str(256 * 1024 * 1024), "largest unzipped XLSX"
)
MAX_XLSX_ROWS = Variable("SMARTPROV_MAX_XLSX_ROWS", "1000000", "most rows in an XLSX sheet")
MAX_API_BODY_BYTES = Variable(
    "SMARTPROV_MAX_API_BODY_BYTES", str(64 * 1024 * 1024), "largest SP4N-LAPOR! API answer"
)
# --- notices, alerts, open data ------------------------------------------------------------
SMTP_HOST = Variable("SMARTPROV_SMTP_HOST", "", "SMTP server for notices (unset: no e-mail)")
SMTP_PORT = Variable("SMARTPROV_SMTP_PORT", "", "SMTP port (default by security)")
SMTP_SECURITY = Variable("SMARTPROV_SMTP_SECURITY", "starttls", "starttls, tls or none")
SMTP_USER = Variable("SMARTPROV_SMTP_USER", "", "SMTP login")
SMTP_PASSWORD = Variable("SMARTPROV_SMTP_PASSWORD", "", "secret: SMTP password")
SMTP_FROM = Variable("SMARTPROV_SMTP_FROM", "", "sender address of notices")
CONTACTS = Variable("SMARTPROV_CONTACTS", "", "the contacts file (regency/city e-mail)")
NOTIFY_WEBHOOK = Variable("SMARTPROV_NOTIFY_WEBHOOK", "", "webhook for delivery notices")
ALERT_WEBHOOK = Variable("SMARTPROV_ALERT_WEBHOOK", "", "webhook for monitoring alerts")
CKAN_URL = Variable("SMARTPROV_CKAN_URL", "", "open-data portal (CKAN) URL")
CKAN_API_KEY = Variable("SMARTPROV_CKAN_API_KEY", "", "secret: CKAN API key")
CKAN_ORG = Variable("SMARTPROV_CKAN_ORG", "", "CKAN organisation")
# --- the national roll-up (smartprov/national/, dbt_national/) -------------------------------
LAKE = Variable("SMARTPROV_LAKE", "", "the national lake folder (default <home>/lake)")
SPARK_MASTER = Variable("SMARTPROV_SPARK_MASTER", "", "spark:// URL of a running Spark master")
NATIONAL_ENGINE = Variable(
    "SMARTPROV_NATIONAL_ENGINE", "duckdb", "engine of the national DAG's build: duckdb or spark"
)
NATIONAL_LATE_DAYS = Variable(
    "SMARTPROV_NATIONAL_LATE_DAYS", "2", "days behind the newest export a province counts late"
)
# --- Airflow -------------------------------------------------------------------------------
AIRFLOW_PORT = Variable("SMARTPROV_AIRFLOW_PORT", "8080", "Airflow API server / UI port")
AIRFLOW_RETRIES = Variable("SMARTPROV_AIRFLOW_RETRIES", "2", "retries of system failures")
AIRFLOW_RETRY_DELAY = Variable("SMARTPROV_AIRFLOW_RETRY_DELAY", "60", "seconds between retries")
# named Airflow users (FAB auth manager), one per role; a user is created when its password is set
AIRFLOW_ADMIN_USER = Variable("SMARTPROV_AIRFLOW_ADMIN_USER", "admin", "Airflow Admin login")
AIRFLOW_ADMIN_PASSWORD = Variable("SMARTPROV_AIRFLOW_ADMIN_PASSWORD", "", "secret: its password")
AIRFLOW_OP_USER = Variable("SMARTPROV_AIRFLOW_OP_USER", "operator", "Airflow Op login")
AIRFLOW_OP_PASSWORD = Variable("SMARTPROV_AIRFLOW_OP_PASSWORD", "", "secret: its password")
AIRFLOW_VIEWER_USER = Variable("SMARTPROV_AIRFLOW_VIEWER_USER", "viewer", "Airflow Viewer login")
AIRFLOW_VIEWER_PASSWORD = Variable(
    "SMARTPROV_AIRFLOW_VIEWER_PASSWORD", "", "secret: the Viewer's password"
)
# --- Superset ------------------------------------------------------------------------------
ADMIN_USER = Variable("SMARTPROV_ADMIN_USER", "admin", "Superset admin login")
ADMIN_PASSWORD = Variable("SMARTPROV_ADMIN_PASSWORD", "", "secret: Superset admin password")
USER_PASSWORD = Variable("SMARTPROV_USER_PASSWORD", "", "secret: Superset users' password")
BROWSER_PASSWORD = Variable("SMARTPROV_BROWSER_PASSWORD", "", "secret: screenshot login")
SUPERSET_SECRET_KEY = Variable("SMARTPROV_SUPERSET_SECRET_KEY", "", "secret: Superset key")
SUPERSET_DATABASE_URI = Variable("SMARTPROV_SUPERSET_DATABASE_URI", "", "Superset metadata DB")
PROXY_FIX = Variable("SMARTPROV_PROXY_FIX", "1", "1: trust the reverse proxy's headers")
SECURE_COOKIES = Variable("SMARTPROV_SECURE_COOKIES", "", "1: Secure cookies (default off-demo)")
MAP_STYLE = Variable("SMARTPROV_MAP_STYLE", "", "base-map tile style URL (default: none)")
SUPERSET_WORKERS = Variable(
    "SMARTPROV_SUPERSET_WORKERS", "", "gunicorn workers (default: one per core, at least 2)"
)
SUPERSET_CACHE_URL = Variable(
    "SMARTPROV_SUPERSET_CACHE_URL", "", "Superset's cache: redis://... (default: a folder)"
)
SUPERSET_CACHE_TIMEOUT = Variable(
    "SMARTPROV_SUPERSET_CACHE_TIMEOUT", "86400", "seconds a cached chart is kept at most"
)

VARIABLES: tuple[Variable, ...] = tuple(
    value for value in list(globals().values()) if isinstance(value, Variable)
)
# the DuckDB limits as read when the process started (dbt and the ingest pass them on)
DUCKDB_MEMORY_LIMIT = DUCKDB_MEMORY_LIMIT_VAR.get()
DUCKDB_THREADS = int(DUCKDB_THREADS_VAR.get())


def province_code() -> str:
    """The province the platform serves, default Jawa Tengah."""
    return PROVINCE.get()


def is_demo(env: Mapping[str, str] | None = None) -> bool:
    """The demo on a laptop (``SMARTPROV_DEMO=1``): demo secrets and logins are accepted."""
    return DEMO.flag(env)


def lapor_token() -> str:
    """The SP4N-LAPOR! API token ("" when unset)."""
    return LAPOR_TOKEN.get()


@dataclass(frozen=True)
class Paths:
    """The file layout of one platform home."""

    home: Path
    # serving.duckdb's folder when it is not the home (SMARTPROV_SERVING_DIR): in
    # docker-compose.yml a volume of its own, so Superset mounts it alone and read-only
    serving_dir: Path | None = None

    @classmethod
    def from_env(cls, home: str | os.PathLike[str] | None = None) -> Paths:
        root = home or HOME.get()
        serving_dir = SERVING_DIR.get()
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

    @property
    def lake(self) -> Path:
        """The national lake every province exports into (``SMARTPROV_LAKE``, else the home's)."""
        configured = LAKE.get()
        return Path(configured).resolve() if configured else self.home / "lake"

    @property
    def national(self) -> Path:
        """The national build's own state: dbt target, Spark warehouse, cluster logs, serving."""
        return self.home / "national"

    def ensure(self) -> Paths:
        """Create the home's folders, owner-only (smartprov.base.private)."""
        from smartprov.base.private import private_dir

        for folder in (self.home, self.landing, self.quarantine, self.serving.parent):
            private_dir(folder)
        return self

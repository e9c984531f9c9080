"""Superset configuration for the Provinsi Cerdas dashboards.

Loaded by Superset through ``SUPERSET_CONFIG_PATH`` (``smartprov dashboards ...`` sets it).
Everything secret or site-specific comes from the environment:

- ``SMARTPROV_SUPERSET_SECRET_KEY`` (or ``SUPERSET_SECRET_KEY``): signs sessions and encrypts
  stored database credentials. Checked by ``smartprov.base.secrets.check_secret``: public
  placeholders are refused; outside the demo (``SMARTPROV_DEMO=1``) also demo values and keys
  under 32 bytes.
- ``SMARTPROV_SUPERSET_DATABASE_URI``: the metadata database (PostgreSQL in production).
  Default: SQLite under ``$SMARTPROV_HOME/superset/`` (one machine, development and demo).
- ``SMARTPROV_ADMIN_USER`` / ``SMARTPROV_ADMIN_PASSWORD``: read by ``smartprov dashboards``.

The analytics database (serving.duckdb, read-only) is not configured here: it is set inside the
database asset (dashboards/databases/), because an asset import replaces any URI set elsewhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# the project root is on PYTHONPATH wherever Superset runs (server.py, the Docker image)
from smartprov.base import indonesian, settings
from smartprov.base.private import make_private, owner_only_umask, private_dir
from smartprov.base.secrets import check_secret, is_demo
from smartprov.base.settings import Paths

DEMO_SECRET_KEY = "smartprov-demo-secret-not-for-production"

DEMO = is_demo()
STATE_DIR = Paths.from_env().superset


def _secret_key() -> str:
    """The one shared check (smartprov.base.secrets): placeholders are refused even in the demo;
    outside it, demo values and keys under 32 bytes too."""
    name = settings.SUPERSET_SECRET_KEY.name
    key = settings.SUPERSET_SECRET_KEY.get()
    if not key and os.environ.get("SUPERSET_SECRET_KEY"):
        name, key = "SUPERSET_SECRET_KEY", os.environ["SUPERSET_SECRET_KEY"]
    if not key and DEMO:
        print(
            "smartprov: DEMO mode, using the public demo SECRET_KEY "
            f"{DEMO_SECRET_KEY!r} (never outside the demo)",
            file=sys.stderr,
        )
        return DEMO_SECRET_KEY
    return check_secret(name, key)


SECRET_KEY = _secret_key()

# Superset's metadata (password hashes), logs and uploads are owner-only (issue 31): files this
# process creates are 0600; a state folder made before that is tightened.
owner_only_umask()
private_dir(STATE_DIR)
make_private(STATE_DIR / "superset.db")
SQLALCHEMY_DATABASE_URI = (
    settings.SUPERSET_DATABASE_URI.get() or f"sqlite:///{STATE_DIR / 'superset.db'}"
)
DATA_DIR = str(STATE_DIR)


# The embedded SQLite metadata database: WAL mode, synchronous=NORMAL, a pool of connections
# (dashboards/in_superset/metadata_db.py, docs/operations.md "Superset under a plenary's load").
# PostgreSQL (compose) keeps Superset's defaults.
if SQLALCHEMY_DATABASE_URI.startswith("sqlite:///"):  # a file (the embedded default)
    from dashboards.in_superset.metadata_db import sqlite_engine_options

    SQLALCHEMY_ENGINE_OPTIONS = sqlite_engine_options(SQLALCHEMY_DATABASE_URI)
UPLOAD_FOLDER = str(STATE_DIR / "uploads")

# Indonesian number and date formats (d3-format / d3-time-format locales):
# 1.234.567 and 45,3% ; Rp prefix for currency.
D3_FORMAT = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp ", ""]}
D3_TIME_FORMAT = {
    "dateTime": "%A, %e %B %Y %H.%M.%S",
    "date": "%d/%m/%Y",
    "time": "%H.%M.%S",
    "periods": ["AM", "PM"],
    "days": list(indonesian.DAYS),
    "shortDays": list(indonesian.SHORT_DAYS),
    "months": list(indonesian.MONTHS),
    "shortMonths": list(indonesian.SHORT_MONTHS),
}
CURRENCIES = ["IDR"]

# Bahasa Indonesia by default (docs/translation.md). The catalog is the project's own:
# dashboards/translations/id/LC_MESSAGES/messages.po, compiled by `smartprov dashboards install`
# (dashboards/in_superset/translations.py) into messages.mo, read here by Flask-Babel for
# server-side strings and menu labels, and into the frontend's messages.json, which Superset 6.1
# reads only from its own package folder (the same step places it there). English stays
# selectable in the language menu.
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
BABEL_DEFAULT_LOCALE = "id"
BABEL_DEFAULT_FOLDER = str(TRANSLATIONS_DIR)
# Flask-AppBuilder puts its own folder first; "translations" is Superset's (relative to the
# package), the project's folder comes last so that its messages win.
BABEL_TRANSLATION_DIRECTORIES = f"translations;{TRANSLATIONS_DIR}"
LANGUAGES = {
    "id": {"flag": "id", "name": "Bahasa Indonesia"},
    "en": {"flag": "us", "name": "English"},
}


def _app_name() -> str:
    """ "Provinsi Cerdas <province>" for the configured province (SMARTPROV_PROVINCE, read from the
    reference seeds; the project root is on PYTHONPATH, see dashboards/server.py)."""
    try:
        from smartprov.base.reference import province
    except ImportError:  # config used without the project beside it
        return "Provinsi Cerdas"
    return f"Provinsi Cerdas {province().nama}"


APP_NAME = _app_name()

# No file uploads into any database, no example data, no outbound calls.
CSV_EXTENSIONS: set[str] = set()
EXCEL_EXTENSIONS: set[str] = set()
COLUMNAR_EXTENSIONS: set[str] = set()
ALLOWED_EXTENSIONS: set[str] = set()
PREVENT_UNSAFE_DB_CONNECTIONS = True

# SQL Lab, second layer (the first is the connection itself: external access off, configuration
# locked, see dashboards/catalog/spec.py): DuckDB's file, network and settings functions are
# refused before a query runs. Superset's defaults for other engines are kept.
DUCKDB_DISALLOWED_FUNCTIONS = {
    "read_csv",
    "read_csv_auto",
    "sniff_csv",
    "read_json",
    "read_json_auto",
    "read_json_objects",
    "read_ndjson",
    "read_ndjson_auto",
    "read_ndjson_objects",
    "read_parquet",
    "parquet_scan",
    "parquet_metadata",
    "parquet_schema",
    "parquet_file_metadata",
    "parquet_kv_metadata",
    "read_text",
    "read_blob",
    "read_xlsx",
    "glob",
    "getenv",
    # settings, paths, extensions and secrets: the catalogue functions that show them, their
    # pragma_ table-function forms, and query()/query_table(), which run a SQL string that
    # Superset's parser never sees (query('select * from duckdb_settings()'))
    "query",
    "query_table",
    "duckdb_secrets",
    "which_secret",
    "duckdb_settings",
    "current_setting",
    "getvariable",
    "duckdb_extensions",
    "duckdb_databases",
    "duckdb_temporary_files",
    "duckdb_memory",
    "duckdb_logs",
    "pragma_database_list",
    "pragma_database_size",
    "pragma_storage_info",
    "pragma_metadata_info",
    "pragma_user_agent",
    "pragma_platform",
    "sqlite_scan",
    "postgres_scan",
    "st_read",
}
try:
    from superset.config import DISALLOWED_SQL_FUNCTIONS as _SUPERSET_DEFAULTS
except ImportError:  # outside the Superset environment (tests read this file with runpy)
    _SUPERSET_DEFAULTS = {}
DISALLOWED_SQL_FUNCTIONS = {**_SUPERSET_DEFAULTS, "duckdb": DUCKDB_DISALLOWED_FUNCTIONS}

# SQL Lab, third layer: on serving (DuckDB) only queries run. Statements Superset's function check
# never sees into -- `PRAGMA database_list` (the serving file's path), `CALL pragma_...()`,
# `SHOW ...`, `LOAD ...` (parsed as commands) -- are replaced by a query that fails with this
# message, before they reach DuckDB.
READ_ONLY_STATEMENTS = {"Select", "Union", "Intersect", "Except", "Describe", "Summarize"}
REFUSED_STATEMENT = "SQL Lab hanya menjalankan query (SELECT) pada data serving"


def SQL_QUERY_MUTATOR(sql: str, **kwargs: object) -> str:  # noqa: N802 (Superset's name)
    database = kwargs.get("database")
    spec = getattr(database, "db_engine_spec", None)
    if getattr(spec, "engine", None) != "duckdb":
        return sql
    try:
        from superset.sql.parse import SQLScript

        statements = SQLScript(sql, engine="duckdb").statements
        kinds = {type(getattr(s, "_parsed", None)).__name__ for s in statements}
    except Exception:  # noqa: BLE001 -- what cannot be parsed is not run either
        kinds = {"unparsed"}
    if kinds <= READ_ONLY_STATEMENTS:
        return sql
    return f"select error('{REFUSED_STATEMENT}')"


FEATURE_FLAGS = {
    "DASHBOARD_RBAC": False,
    "ENABLE_TEMPLATE_PROCESSING": False,
    "ALERT_REPORTS": False,
    # Row-level security also applies to queries that analysts write in SQL Lab.
    "RLS_IN_SQLLAB": True,
}

# Data caches shared by every gunicorn worker (dashboards/in_superset/cache.py): Redis when
# SMARTPROV_SUPERSET_CACHE_URL is set (the compose topology), else folders under the state
# directory (make run). Chart data, thumbnails and the metadata cache are keyed by the serving
# file's publication, so a publish makes every cached chart of the previous data unreachable.
# Charts are kept up to a day (SMARTPROV_SUPERSET_CACHE_TIMEOUT): the data changes once a day,
# at a publish, and the key changes with it.
CACHE_TIMEOUT = settings.SUPERSET_CACHE_TIMEOUT.as_int()
_SERVING = str(Paths.from_env().serving)


def _cache(name: str, by_publication: bool, timeout: int = CACHE_TIMEOUT) -> dict:
    redis_url = settings.SUPERSET_CACHE_URL.get()
    if redis_url:
        config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url}
        try:
            from dashboards.in_superset.cache import key_prefix
        except ImportError:  # outside the Superset environment (tests read this file with runpy)
            config["CACHE_KEY_PREFIX"] = f"smartprov_{name}_"
        else:
            prefix = key_prefix(Path(_SERVING), name)
            config["CACHE_KEY_PREFIX"] = prefix if by_publication else f"smartprov_{name}_"
        return {**config, "CACHE_DEFAULT_TIMEOUT": timeout}
    folder = STATE_DIR / "cache" / name
    backend = "flask_caching.backends.filesystemcache.FileSystemCache"
    options = {}
    if by_publication:
        backend = "dashboards.in_superset.cache.PublicationFileSystemCache"
        options = {"serving": _SERVING, "name": name}
    return {
        "CACHE_TYPE": backend,
        "CACHE_DIR": str(folder),
        "CACHE_THRESHOLD": 20000,  # files before the oldest are pruned
        "CACHE_DEFAULT_TIMEOUT": timeout,
        "CACHE_OPTIONS": options,
    }


CACHE_CONFIG = _cache("meta", by_publication=True, timeout=300)
DATA_CACHE_CONFIG = _cache("data", by_publication=True)
THUMBNAIL_CACHE_CONFIG = _cache("thumbnails", by_publication=True)
# Filter state and explore state (what users chose, not data) keep Superset's default: its
# metadata database (SupersetMetastoreCache, 90 days), shared by the workers, in the backups,
# not reset by a publish. (The SimpleCache set here before lived inside each worker.)
RATELIMIT_STORAGE_URI = "memory://"

# Superset's event log (dashboards/in_superset/event_log.py): logins, dashboard views, SQL Lab,
# exports and edits stay in the metadata database's `logs` table (Superset's "Action Log");
# each chart-data fetch is one line in the server log instead of three rows and three commits
# in that database, and the timing-only sub-steps are not logged.
try:
    from dashboards.in_superset.event_log import AuditEventLogger
except ImportError:  # outside the Superset environment (tests read this file with runpy)
    pass
else:
    EVENT_LOGGER = AuditEventLogger()

# Permission checks answered once per request (dashboards/in_superset/permissions.py): the same
# question asked again within one request is not sent to the metadata database again; nothing
# is remembered across requests, so role and permission changes apply from the next request.
try:
    from dashboards.in_superset.permissions import RequestMemoSecurityManager
except ImportError:  # outside the Superset environment (tests read this file with runpy)
    pass
else:
    CUSTOM_SECURITY_MANAGER = RequestMemoSecurityManager

# Served on loopback behind a TLS reverse proxy (docs/security.md): the proxy terminates HTTPS
# and sets X-Forwarded-*; ProxyFix makes Superset build https:// URLs from them. Cookies are
# HttpOnly, SameSite=Lax and Secure; only the local http demo (SMARTPROV_DEMO=1) or an explicit
# SMARTPROV_SECURE_COOKIES=0 (plain-http test servers on loopback) turns Secure off.
WTF_CSRF_ENABLED = True
ENABLE_PROXY_FIX = settings.PROXY_FIX.flag()
PROXY_FIX_CONFIG = {"x_for": 1, "x_proto": 1, "x_host": 1, "x_port": 1, "x_prefix": 1}
SECURE_COOKIES = (settings.SECURE_COOKIES.get() or ("0" if DEMO else "1")) == "1"
SESSION_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
REMEMBER_COOKIE_SECURE = SECURE_COOKIES
REMEMBER_COOKIE_HTTPONLY = True
REMEMBER_COOKIE_SAMESITE = "Lax"

# Colour-blind-safe categorical palette (Okabe-Ito, smartprov/base/palette.py), the dashboards'
# default scheme (dashboards/catalog/layouts.py sets it by id).
try:
    from smartprov.base.palette import OKABE_ITO, SCHEME_ID
except ImportError:  # config used without the project beside it
    EXTRA_CATEGORICAL_COLOR_SCHEMES: list[dict] = []
else:
    EXTRA_CATEGORICAL_COLOR_SCHEMES = [
        {
            "id": SCHEME_ID,
            "description": "Okabe-Ito: aman untuk buta warna",
            "label": "Okabe-Ito (aman buta warna)",
            "isDefault": False,
            "colors": list(OKABE_ITO),
        }
    ]

# deck.gl maps: base layers offered in the chart editor. The first is "no tiles" (the regency
# outlines on a blank background, no internet needed); a connected deployment adds its tile
# server with SMARTPROV_MAP_STYLE (the map charts are imported with that style too, see
# dashboards.map_style) and, for mapbox:// styles, MAPBOX_API_KEY. Remember the tile host in
# the reverse proxy's Content-Security-Policy (img-src/connect-src).
DECKGL_BASE_MAP = [["none", "Tanpa peta dasar (luring)"]]
if settings.MAP_STYLE.get() not in {"", "none"}:
    DECKGL_BASE_MAP.insert(0, [settings.MAP_STYLE.get(), "Peta dasar"])
MAPBOX_API_KEY = os.environ.get("MAPBOX_API_KEY", "")


def _map_hosts() -> list[str]:
    """The origin of a configured tile server (SMARTPROV_MAP_STYLE), for img-src/connect-src."""
    from urllib.parse import urlsplit

    style = settings.MAP_STYLE.get()
    if style.startswith("mapbox://"):
        return ["https://api.mapbox.com", "https://events.mapbox.com"]
    parts = urlsplit(style)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme in {"http", "https"} else []


# Content-Security-Policy (Talisman): Superset 6.1's own TALISMAN_CONFIG (superset/config.py) with
# everything outside the server removed -- its defaults allow images from Scarf's telemetry
# hosts and terrestris' WMS, and fetches to Mapbox. Delivered text that slipped into markup could
# then load nothing from elsewhere (no beacon, no tracking pixel, no foreign frame, no form to a
# phishing page). The deck.gl map draws the regency outlines without tiles (offline); a
# configured tile server (SMARTPROV_MAP_STYLE) is the one outside host allowed.
CONTENT_SECURITY_POLICY: dict[str, str | list[str]] = {
    "base-uri": ["'self'"],
    "default-src": ["'self'"],
    "img-src": ["'self'", "blob:", "data:", *_map_hosts()],
    "worker-src": ["'self'", "blob:"],
    "connect-src": ["'self'", *_map_hosts()],
    "font-src": ["'self'", "data:"],
    "object-src": "'none'",
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    # 'unsafe-eval': Superset's Handlebars chart compiles its template with Function() (by
    # design: apache/superset#25205), and the header line and the TTE sentence on the DPRD's
    # dashboards are Handlebars charts; without it they showed the browser's CSP message
    # instead. Scripts still load only from this server with the page's nonce.
    "script-src": ["'self'", "'strict-dynamic'", "'unsafe-eval'"],
}
TALISMAN_ENABLED = True
TALISMAN_CONFIG = {
    "content_security_policy": CONTENT_SECURITY_POLICY,
    "content_security_policy_nonce_in": ["script-src"],
    "force_https": False,  # TLS ends at the reverse proxy (docs/security.md)
    "session_cookie_secure": SECURE_COOKIES,
}
TALISMAN_DEV_CONFIG = TALISMAN_CONFIG

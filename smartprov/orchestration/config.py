"""The embedded Airflow: configured from the project through environment variables only.

AIRFLOW_HOME is ``$SMARTPROV_HOME/airflow`` with SQLite metadata and the LocalExecutor; nothing
is edited in airflow.cfg (Airflow writes its default file, with generated secrets, on first use).
Every value can still be overridden by setting the variable before calling ``smartprov``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ingestion import registry
from ingestion.sources import INDICATORS, LAPOR, ROLLOUT, SERVICE_LOGS
from smartprov import transform
from smartprov.base import settings
from smartprov.base.private import make_private, private_dir
from smartprov.base.secrets import check_secret
from smartprov.base.settings import PROJECT_ROOT, Paths, province_code

DAGS_FOLDER = PROJECT_ROOT / "dags"

# One pool of size 1 for every task that opens warehouse.duckdb (DuckDB has one writer, and
# while a process writes it no other process can even read it).
WAREHOUSE_POOL = "duckdb_warehouse"
WAREHOUSE_POOL_DESCRIPTION = "warehouse.duckdb allows one process at a time (DuckDB single writer)"

LAPOR_CONN_ID = "lapor_api"
LAPOR_DEFAULT_URL = "http://127.0.0.1:8765"

DEFAULT_PORT = 8080
FAB_AUTH_MANAGER = "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager"


def source_dag_id(source: str) -> str:
    """The DAG that loads a source: its own file, or generated from the source's schedule."""
    return f"smartprov_{source}"


# the DAG ids: each the name of its file in dags/, except the ingestion DAGs generated from the
# registry (one per source with a schedule, all in SOURCE_DAGS_FILE: dags/smartprov_sources.py)
SOURCE_DAGS_FILE = "smartprov_sources"
SOURCE_DAGS = tuple(source_dag_id(name) for name in registry.scheduled())
SERVICE_LOGS_DAG = source_dag_id(SERVICE_LOGS)
LAPOR_DAG = source_dag_id(LAPOR)
ROLLOUT_DAG = source_dag_id(ROLLOUT)  # generated
INDICATORS_DAG = source_dag_id(INDICATORS)  # generated
WAREHOUSE_DAG = "smartprov_warehouse"
MONITORING_DAG = "smartprov_monitoring"
OPENDATA_DAG = "smartprov_opendata"
RETENTION_DAG = "smartprov_retention"
BRIEFING_DAG = "smartprov_briefing"
FULL_TESTS_DAG = "smartprov_full_tests"
NATIONAL_DAG = "smartprov_national"
# the DAG files of their own (dags/<dag_id>.py)
FILE_DAGS = (
    SERVICE_LOGS_DAG,
    LAPOR_DAG,
    WAREHOUSE_DAG,
    MONITORING_DAG,
    OPENDATA_DAG,
    RETENTION_DAG,
    BRIEFING_DAG,
    FULL_TESTS_DAG,
    NATIONAL_DAG,
)
ALL_DAGS = (*FILE_DAGS, *SOURCE_DAGS)
# every DAG that loads landing/ into raw (the per-day runner runs them in this order)
INGESTION_DAGS = (SERVICE_LOGS_DAG, LAPOR_DAG, *SOURCE_DAGS)


def airflow_home(paths: Paths) -> Path:
    return paths.airflow


# The warehouse DAG's dbt: the profile/target Cosmos passes (--profile/--target) and the Cosmos
# task group (dags/smartprov_warehouse.py); `smartprov airflow setup` parses with the same.
DBT_PROFILE_NAME = transform.DBT_PROFILE_NAME
DBT_TARGET_NAME = transform.DBT_TARGET_NAME
WAREHOUSE_DBT_GROUP = "dbt"


def warehouse_partial_parse(paths: Paths) -> Path:
    """Where Cosmos keeps the warehouse producer's partial_parse.msgpack between runs.

    Cosmos' cache dir for a DbtTaskGroup is ``<cache_dir>/<dag_id>__<group_id>``
    (cosmos.cache._create_cache_identifier); tests/dags check it is the producer's.
    """
    cache_dir = Path(os.environ.get("AIRFLOW__COSMOS__CACHE_DIR") or paths.airflow / "cosmos_cache")
    group_cache = cache_dir / f"{WAREHOUSE_DAG}__{WAREHOUSE_DBT_GROUP}"
    return group_cache / "target" / "partial_parse.msgpack"


def airflow_environment(paths: Paths, *, port: int | None = None) -> dict[str, str]:
    """The variables that configure Airflow for this platform home (defaults only)."""
    home = airflow_home(paths)
    port = port or settings.AIRFLOW_PORT.as_int()
    return {
        settings.HOME.name: str(paths.home),
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS_FOLDER),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
        # 2-core machines: a few task processes at a time; the pool serialises the writers
        "AIRFLOW__CORE__PARALLELISM": "4",
        "AIRFLOW__CORE__MAX_ACTIVE_TASKS_PER_DAG": "4",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
        # named users with roles (smartprov.orchestration.users)
        "AIRFLOW__CORE__AUTH_MANAGER": FAB_AUTH_MANAGER,
        # the UI/API on loopback only; the TLS proxy forwards to it (docs/security.md)
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__BASE_URL": f"http://localhost:{port}",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://localhost:{port}/execution/",
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
        # DAG files change on deploy, not by the minute: re-parsing all ten every 30 s (Airflow's
        # default; the warehouse DAG alone ~1.4 s) took ~1/8 of a 2-core machine from the tasks.
        # A changed file shows within 5 min (or at once: "Reparse" in the UI)
        "AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL": "300",
        # task processes call the Execution API; on 2 busy cores its default 5 s read timeout
        # failed healthy tasks (ReadTimeout while the api-server was busy)
        "AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT": "30",
        "AIRFLOW__COSMOS__CACHE_DIR": str(home / "cosmos_cache"),
        "AIRFLOW__COSMOS__ENABLE_CACHE": "True",
        "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",  # no outside calls (offline machines)
        # watcher mode: by default the producer rewrites an Airflow Variable holding ALL its
        # XComs so far on EVERY push (a backup for a producer retry): quadratic, it tripled
        # the build. The warehouse producer never retries (dags/common/dbt.py).
        "AIRFLOW__COSMOS__ENABLE_WATCHER_RELIABLE_RETRY": "False",
        "AIRFLOW__OPENLINEAGE__NAMESPACE": "smartprov",  # Cosmos reads it; not configured
        # dbt (run by Cosmos) reads its profile from the project; the profile reads SMARTPROV_HOME
        "DBT_PROFILES_DIR": str(PROJECT_ROOT / "dbt"),
        # dbt_project.yml reads it: dbt re-parses the whole project when an env var it reads
        # differs from the saved parse's (`smartprov transform`/setup set it, so tasks do too)
        settings.PROVINCE.name: province_code(),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


# Airflow's secrets. Unset in the embedded Airflow: Airflow then generates private random values
# into $AIRFLOW_HOME/airflow.cfg on first use. Set (docker-compose.yml, from .env): checked.
AIRFLOW_SECRETS = (
    "AIRFLOW__API_AUTH__JWT_SECRET",
    "AIRFLOW__API__SECRET_KEY",
)


def check_airflow_secrets(env: Mapping[str, str] | None = None) -> None:
    """Refuse placeholder, demo or short values of Airflow's secrets (smartprov.base.secrets)."""
    env = os.environ if env is None else env
    for name in AIRFLOW_SECRETS:
        if name in env:
            check_secret(name, env[name])


def configure(paths: Paths, *, port: int | None = None, override: bool = False) -> dict[str, str]:
    """Put the Airflow variables into ``os.environ`` (before Airflow is imported).

    Values the caller set already win unless ``override``; SMARTPROV_HOME and AIRFLOW_HOME always
    follow ``paths`` so that one home never writes another's metadata.
    """
    check_airflow_secrets()
    env = airflow_environment(paths, port=port)
    forced = {settings.HOME.name, "AIRFLOW_HOME", "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"}
    for key, value in env.items():
        if override or key in forced or key not in os.environ:
            os.environ[key] = value
    private_dir(airflow_home(paths))
    make_private(airflow_home(paths) / "airflow.db")
    return {key: os.environ[key] for key in env}


def subprocess_env(paths: Paths, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A full environment for an ``airflow`` subprocess of this home."""
    configure(paths)
    env = dict(os.environ)
    env.update(extra or {})
    return env

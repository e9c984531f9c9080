"""Default task arguments: retries with exponential backoff, a time limit, a failure alert.

Retry timing can be tightened through the environment (tests use seconds, not minutes); reading
an environment variable is not I/O.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from smartprov.base import settings
from smartprov.base.private import owner_only_umask
from smartprov.orchestration.config import WAREHOUSE_POOL
from smartprov.orchestration.monitoring import task_failure_alert

# Files the scheduler, its workers and the tasks create (DuckDB files, dbt and task logs,
# receipts) are owner-only wherever Airflow runs (the compose services start `airflow` directly,
# not through `smartprov`): set once when a process first loads the DAGs (issue 31).
owner_only_umask()

START_DATE = datetime(2026, 1, 1, tzinfo=UTC)
TAGS = ["smartprov"]

RETRIES = settings.AIRFLOW_RETRIES.as_int()
RETRY_DELAY = timedelta(seconds=settings.AIRFLOW_RETRY_DELAY.as_float())

DEFAULT_ARGS = {
    "owner": "smartprov",
    "retries": RETRIES,
    "retry_delay": RETRY_DELAY,
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": timedelta(minutes=15),
    "execution_timeout": timedelta(minutes=30),
    "on_failure_callback": task_failure_alert,
}

# every task that opens warehouse.duckdb (DuckDB: one process at a time) runs in this pool
WAREHOUSE = {"pool": WAREHOUSE_POOL}


def home():
    """The platform home, read when a task runs (never when the DAG file is parsed)."""
    from smartprov.base.settings import Paths

    owner_only_umask()  # the task's files (DuckDB, logs, receipts) are owner-only
    return Paths.from_env()

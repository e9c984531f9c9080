"""SP4N-LAPOR! complaints: a frequent incremental pull from the API plus the export-file route.

The API is the Airflow connection ``lapor_api`` (host, port, bearer token as password; in the
demo the local stand-in ``smartprov lapor-api``). The pull keeps its cursor in the warehouse,
so a run after an outage catches up and a repeated run stores nothing twice. Export files in
``landing/lapor/`` are loaded in the same run. The asset is emitted when new versions landed.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DeltaTriggerTimetable, dag, task
from common.assets import RAW_LAPOR
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, WAREHOUSE, home

from ingestion.sources import LAPOR
from smartprov.orchestration.config import LAPOR_CONN_ID


@dag(
    schedule=DeltaTriggerTimetable(timedelta(minutes=15)),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args={**DEFAULT_ARGS, "execution_timeout": timedelta(minutes=10)},
    dagrun_timeout=timedelta(hours=1),
    tags=[*TAGS, "ingestion", LAPOR],
)
def smartprov_lapor():
    """Pull new complaint versions from the LAPOR API and load LAPOR export files."""

    @task(**WAREHOUSE)
    def pull_api() -> dict:
        """Incremental keyset pull through the ``lapor_api`` connection."""
        from airflow.sdk import BaseHook

        from smartprov.orchestration.tasks import lapor_base_url, pull_lapor

        conn = BaseHook.get_connection(LAPOR_CONN_ID)
        url = lapor_base_url(conn.host, conn.port, conn.schema)
        return pull_lapor(home(), url, conn.password or "")

    @task(**WAREHOUSE)
    def load_exports() -> dict:
        """Load new or changed ``landing/lapor/<YYYY-MM-DD>.csv`` export files."""
        from smartprov.orchestration.tasks import ingest_source

        return ingest_source(home(), LAPOR)

    @task(outlets=[RAW_LAPOR], trigger_rule="all_done")
    def announce(api: dict | None, exports: dict | None) -> dict:
        """Emit the asset when either route stored something new (skip otherwise)."""
        from airflow.sdk.exceptions import AirflowSkipException

        from smartprov.orchestration.tasks import new_data

        total = new_data([api, exports])
        if not total["landed"]:
            raise AirflowSkipException(f"no new LAPOR data: {total}")
        return total

    # independent routes: the export files still load while the API is down
    announce(pull_api(), load_exports())


smartprov_lapor()

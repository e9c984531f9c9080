"""Rollout register: Diskominfo's programme register (``landing/rollout/``), checked daily.

The register is a whole-file snapshot; a new or changed file is loaded and emits the asset.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import CronTriggerTimetable, dag, task
from common.assets import RAW_ROLLOUT
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, WAREHOUSE, home

from ingestion.sources import ROLLOUT


@dag(
    schedule=CronTriggerTimetable("0 22 * * *", timezone="UTC"),  # 05:00 WIB
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    dagrun_timeout=timedelta(hours=2),
    tags=[*TAGS, "ingestion", ROLLOUT],
)
def smartprov_rollout():
    """Load a new or changed rollout register."""

    @task(**WAREHOUSE)
    def load_register() -> dict:
        """Load ``landing/rollout/rollout_register.csv`` when its content changed."""
        from smartprov.orchestration.tasks import ingest_source

        return ingest_source(home(), ROLLOUT)

    @task(outlets=[RAW_ROLLOUT])
    def announce(result: dict) -> dict:
        """Emit the asset when a new register version was loaded (skip otherwise)."""
        from airflow.sdk.exceptions import AirflowSkipException

        from smartprov.orchestration.tasks import new_data

        total = new_data([result])
        if not total["landed"]:
            raise AirflowSkipException("the rollout register has not changed")
        return total

    announce(load_register())


smartprov_rollout()

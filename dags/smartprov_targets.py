"""Plan targets: Bappeda's target file (``landing/targets/``, targets-v1), checked daily.

The file is a whole-file snapshot; a new or changed file is loaded and emits the asset.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import CronTriggerTimetable, dag, task
from common.assets import RAW_TARGETS
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, WAREHOUSE, home

from ingestion.sources import TARGETS


@dag(
    schedule=CronTriggerTimetable("0 22 * * *", timezone="UTC"),  # 05:00 WIB
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    dagrun_timeout=timedelta(hours=2),
    tags=[*TAGS, "ingestion", TARGETS],
)
def smartprov_targets():
    """Load a new or changed target file."""

    @task(**WAREHOUSE)
    def load_targets() -> dict:
        """Load ``landing/targets/target_indikator.csv`` when its content changed."""
        from smartprov.orchestration.tasks import ingest_source

        return ingest_source(home(), TARGETS)

    @task(outlets=[RAW_TARGETS])
    def announce(result: dict) -> dict:
        """Emit the asset when a new target file was loaded (skip otherwise)."""
        from airflow.sdk.exceptions import AirflowSkipException

        from smartprov.orchestration.tasks import new_data

        total = new_data([result])
        if not total["landed"]:
            raise AirflowSkipException("the target file has not changed")
        return total

    announce(load_targets())


smartprov_targets()

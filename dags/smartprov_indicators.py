"""Indicator sources (BPS population, GRDP, poverty; ISPU air quality; tourism): weekly.

The agencies publish monthly or yearly files in ``landing/indicators/<dataset>/``; a weekly
check loads whatever is new or revised and emits the asset.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import CronTriggerTimetable, dag, task
from common.assets import RAW_INDICATORS
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, WAREHOUSE, home

from ingestion.sources import INDICATORS


@dag(
    schedule=CronTriggerTimetable("0 21 * * 0", timezone="UTC"),  # Monday 04:00 WIB
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    dagrun_timeout=timedelta(hours=2),
    tags=[*TAGS, "ingestion", INDICATORS],
)
def smartprov_indicators():
    """Load new or revised indicator files."""

    @task(**WAREHOUSE)
    def load_indicators() -> dict:
        """Load new or changed ``landing/indicators/<dataset>/<period>.csv`` files."""
        from smartprov.orchestration.tasks import ingest_source

        return ingest_source(home(), INDICATORS)

    @task(outlets=[RAW_INDICATORS])
    def announce(result: dict) -> dict:
        """Emit the asset when a new or revised file was loaded (skip otherwise)."""
        from airflow.sdk.exceptions import AirflowSkipException

        from smartprov.orchestration.tasks import new_data

        total = new_data([result])
        if not total["landed"]:
            raise AirflowSkipException("no new indicator file")
        return total

    announce(load_indicators())


smartprov_indicators()

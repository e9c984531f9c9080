"""Retention: once a month, delete LAPOR landing files and quarantine copies older than the
retention period (SMARTPROV_RETENTION_DAYS, default 90; UU 27/2022, docs/retention.md)."""

from __future__ import annotations

from airflow.sdk import CronDataIntervalTimetable, dag, task
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, WAREHOUSE, home


@dag(
    schedule=CronDataIntervalTimetable("0 20 1 * *", timezone="UTC"),  # 03:00 WIB, the 1st
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=[*TAGS, "retention"],
)
def smartprov_retention():
    """Delete personal-data files (LAPOR) past the retention period; the log lists them."""

    # in the warehouse pool: never delete a landing file while an ingest task is reading it
    @task(**WAREHOUSE)
    def apply_retention() -> dict:
        """Remove old LAPOR landing and quarantine files (the warehouse is not touched)."""
        from smartprov.retention import apply_retention

        result = apply_retention(home())
        return {"days": result.days, "removed": [str(p) for p in result.removed]}

    apply_retention()


smartprov_retention()

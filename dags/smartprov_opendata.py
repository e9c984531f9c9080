"""Open data: on the first of each month, release the public, aggregated marts of serving
(CSV + Parquet, Satu Data Indonesia metadata, Frictionless datapackage.json) under
``$SMARTPROV_HOME/opendata/<YYYY-MM>/``, ready for the CKAN portal.

It reads serving.duckdb only (never the warehouse), so it needs no warehouse pool.
"""

from __future__ import annotations

from airflow.sdk import CronDataIntervalTimetable, dag, get_current_context, task
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, home


@dag(
    schedule=CronDataIntervalTimetable("0 3 1 * *", timezone="UTC"),  # 10:00 WIB on the 1st
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=[*TAGS, "opendata"],
)
def smartprov_opendata():
    """Write and validate the month's open-data release from serving."""

    @task
    def release() -> dict:
        """Release the previous month's data (the run's data interval) and validate it."""
        from smartprov.orchestration.opendata import release_open_data
        from smartprov.orchestration.tasks import data_date

        context = get_current_context()
        day = data_date(context.get("logical_date"), context["dag_run"].run_after)
        return release_open_data(home(), day.strftime("%Y-%m"))

    release()


smartprov_opendata()

"""DPRD briefing: on the first of each month, print the month's briefing (PDF, Bahasa
Indonesia) from serving to ``$SMARTPROV_HOME/briefings/briefing-YYYY-MM.pdf``.

It reads serving.duckdb only (never the warehouse), so it needs no warehouse pool.
"""

from __future__ import annotations

from airflow.sdk import CronDataIntervalTimetable, dag, get_current_context, task
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, home


@dag(
    schedule=CronDataIntervalTimetable("0 4 1 * *", timezone="UTC"),  # 11:00 WIB on the 1st
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=[*TAGS, "briefing"],
)
def smartprov_briefing():
    """Write the monthly DPRD briefing PDF from serving."""

    @task
    def briefing() -> dict:
        """The briefing for the month that just ended (the run's data interval)."""
        from smartprov.orchestration.briefing import monthly_briefing
        from smartprov.orchestration.tasks import data_date

        context = get_current_context()
        day = data_date(context.get("logical_date"), context["dag_run"].run_after)
        return monthly_briefing(home(), day)

    briefing()


smartprov_briefing()

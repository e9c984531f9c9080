"""Monitoring: regencies that missed the day's delivery and LAPOR complaints past their
service level. The alert goes to the task log and to ``$SMARTPROV_ALERT_WEBHOOK`` when set.

The run for day D checks D's deliveries; it is scheduled two hours after the service-log run.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import CronDataIntervalTimetable, dag, get_current_context, task
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, WAREHOUSE, home


@dag(
    schedule=CronDataIntervalTimetable("0 2 * * *", timezone="UTC"),  # 09:00 WIB
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args={**DEFAULT_ARGS, "execution_timeout": timedelta(minutes=10)},
    tags=[*TAGS, "monitoring"],
)
def smartprov_monitoring():
    """Flag missed deliveries and LAPOR service-level breaches for the run's day."""

    @task(**WAREHOUSE)
    def check_and_alert() -> dict:
        """Read the warehouse, log the findings and post them to the webhook."""
        from smartprov.orchestration.monitoring import monitor
        from smartprov.orchestration.tasks import data_date

        context = get_current_context()
        day = data_date(context.get("logical_date"), context["dag_run"].run_after)
        return monitor(home(), day)

    check_and_alert()


smartprov_monitoring()

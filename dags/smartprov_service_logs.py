"""Daily service-log deliveries: one mapped task per regency/city.

The run for day D loads each regency's ``landing/service_logs/<kode>/<D>.*`` (and any late or
re-delivered earlier day). A regency whose delivery cannot be loaded fails and retries its own
mapped task; the others load, ``check_quality`` runs Great Expectations once over every
delivery loaded, ``announce`` emits the asset for what landed, and
``all_regencies_loaded`` marks the run failed so the gap stays visible.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import CronDataIntervalTimetable, dag, get_current_context, task
from common.assets import RAW_SERVICE_LOGS
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, WAREHOUSE, home

from ingestion.sources import SERVICE_LOGS


@dag(
    # logical date D = the day delivered; the run starts once D is over (data interval D..D+1)
    schedule=CronDataIntervalTimetable("@daily", timezone="UTC"),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    dagrun_timeout=timedelta(hours=6),
    tags=[*TAGS, "ingestion", SERVICE_LOGS],
)
def smartprov_service_logs():
    """Load each regency/city's daily service-log file into the warehouse."""

    @task
    def regencies() -> list[str]:
        """The province's regency/city codes (read at run time, not at parse time)."""
        from smartprov.orchestration.tasks import regency_codes

        return regency_codes()

    @task(**WAREHOUSE, max_active_tis_per_dagrun=1)
    def ingest_regency(kode_kabkota: str) -> dict:
        """Load one regency/city's deliveries for the run's day."""
        from smartprov.orchestration.tasks import data_date, ingest_regency

        context = get_current_context()
        day = data_date(context.get("logical_date"), context["dag_run"].run_after)
        return ingest_regency(home(), kode_kabkota, day)

    @task(outlets=[RAW_SERVICE_LOGS], trigger_rule="all_done")
    def announce(results) -> dict:
        """Emit the asset when at least one new delivery landed (skip otherwise)."""
        from airflow.sdk.exceptions import AirflowSkipException

        from smartprov.orchestration.tasks import new_data

        total = new_data(results)
        if not total["landed"]:
            raise AirflowSkipException(f"no new service-log delivery: {total}")
        return total

    @task
    def all_regencies_loaded() -> None:
        """Runs only when every regency's task succeeded: otherwise the run is failed."""

    @task(**WAREHOUSE, trigger_rule="all_done")
    def check_quality() -> dict:
        """Great Expectations once over every delivery the regency tasks loaded (its fixed cost
        paid once per run, not per regency); results in audit.quality_results."""
        from smartprov.orchestration.tasks import check_quality

        return check_quality(home())

    loaded = ingest_regency.expand(kode_kabkota=regencies())
    checked = check_quality()
    loaded >> checked >> announce(loaded)
    loaded >> all_regencies_loaded()


smartprov_service_logs()

"""Warehouse: dbt (through Cosmos, one task per model and per model's tests), then publish
serving.duckdb, then the delivery receipts and notices (smartprov.notify). The quality gate
is the dbt build itself: reconciliations and coverage checks are dbt tests (dbt/tests/), each a
task that publish waits for.

Scheduled on the raw assets (data-aware): any new service logs, LAPOR versions, rollout
register or indicator file starts a run; events arriving during a run are handled by the next.
A failing model or dbt test fails its task, and publish does not run: serving keeps
the last good snapshot. Every task here opens warehouse.duckdb, so every task is in the pool.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import dag, task
from common import dbt
from common.assets import RAW_INDICATORS, RAW_LAPOR, RAW_ROLLOUT, RAW_SERVICE_LOGS, SERVING
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, WAREHOUSE, home
from cosmos import DbtTaskGroup


@dag(
    schedule=(RAW_SERVICE_LOGS | RAW_LAPOR | RAW_ROLLOUT | RAW_INDICATORS),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args={**DEFAULT_ARGS, **WAREHOUSE, "retries": min(DEFAULT_ARGS["retries"], 1)},
    dagrun_timeout=timedelta(hours=3),
    tags=[*TAGS, "warehouse", "dbt"],
)
def smartprov_warehouse():
    """Build and test the dbt project, publish serving."""

    transform = DbtTaskGroup(
        group_id="dbt",
        project_config=dbt.project_config(),
        profile_config=dbt.PROFILE,
        execution_config=dbt.EXECUTION,
        render_config=dbt.render_config(),
        operator_args=dbt.OPERATOR_ARGS,
    )

    @task(**WAREHOUSE, outlets=[SERVING])
    def publish() -> dict:
        """Write serving.duckdb beside the old one and rename it into place."""
        from smartprov.orchestration.tasks import publish_serving

        return publish_serving(home())

    @task(**WAREHOUSE)
    def notify() -> dict:
        """Delivery receipts and the notices to the regencies/cities and the province."""
        from smartprov.orchestration.notify import notify_after_publish

        return notify_after_publish(home())

    transform >> publish() >> notify()


smartprov_warehouse()

"""Warehouse: prepare, ONE `dbt build` (Cosmos watcher mode), publish serving.duckdb, then
the delivery receipts and notices (smartprov.notify) and, when a national lake is configured
(SMARTPROV_LAKE), the export to it (the province's export asset: the national DAG's schedule;
without a lake the task is skipped and emits nothing). The quality gate is the dbt build itself:
reconciliations and coverage checks are dbt tests (dbt/tests/); publish waits for every one.

Task shape: `prepare` decides the build's selection as `smartprov transform` does (daily on a
built warehouse: no unit tests, tests on the recent slice; full on a fresh one, incremental
facts created empty first); `dbt.dbt_producer_watcher` runs the one `dbt build`; then one
consumer task per seed, per model and per model's tests shows that node's result (read from
the producer, no dbt run of its own). Every task opens warehouse.duckdb or may (see
dags/common/dbt.py), so every task is in the one-slot warehouse pool.

Scheduled on the raw assets (data-aware): new data of any registered source (service logs,
LAPOR versions, the rollout register, an indicator file, ...) starts a run; events arriving
during a run are handled by the next.
A failing model or dbt test fails the build at once, without retry (a data failure is not
transient); the node tasks and publish do not run: serving keeps the last good snapshot.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import AssetAny, dag, task
from airflow.sdk.exceptions import AirflowSkipException
from common import dbt
from common.assets import EXPORT, RAW, SERVING
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, WAREHOUSE, home
from cosmos import DbtTaskGroup


@dag(
    schedule=AssetAny(*RAW),  # every source's raw asset (the registry's)
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args={**DEFAULT_ARGS, **WAREHOUSE, "retries": min(DEFAULT_ARGS["retries"], 1)},
    dagrun_timeout=timedelta(hours=3),
    tags=[*TAGS, "warehouse", "dbt"],
)
def smartprov_warehouse():
    """Build and test the dbt project, publish serving."""

    @task(**WAREHOUSE, retries=0)
    def prepare() -> dict:
        """The build's selection (daily or full); a fresh warehouse gets its facts created."""
        from smartprov.orchestration.tasks import prepare_dbt_build

        return prepare_dbt_build(home())

    transform = DbtTaskGroup(
        group_id=dbt.GROUP_ID,
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

    @task(**WAREHOUSE, outlets=[EXPORT])
    def export() -> dict:
        """This province's marts and transactions into the national lake (when configured)."""
        from smartprov.orchestration.national import export_to_lake

        exported = export_to_lake(home())
        if exported is None:
            raise AirflowSkipException("no national lake configured (SMARTPROV_LAKE)")
        return exported

    dbt.watch_after_the_build(transform, prepare())
    published = transform >> publish()
    published >> notify()
    published >> export()


smartprov_warehouse()

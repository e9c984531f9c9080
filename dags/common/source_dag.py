"""The ingestion DAG of a simple file source, generated from its registration
(``ingestion/<source>/source.py``: description, schedule, asset): load what is new or changed
in ``landing/<source>/``, then emit the source's raw asset when something landed.

Sources that need more (service logs mapped per regency/city, LAPOR's API pull beside its
export files) keep a DAG file of their own and register no schedule.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG, CronTriggerTimetable, dag, task

from common.assets import raw_asset
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, WAREHOUSE, home
from ingestion.registry import source
from smartprov.orchestration.config import source_dag_id


def source_dag(name: str) -> DAG:
    """The DAG ``smartprov_<name>``: ``load`` (the writer) then ``announce`` (the asset)."""
    registered = source(name)

    @dag(
        dag_id=source_dag_id(name),
        schedule=CronTriggerTimetable(registered.schedule, timezone="UTC"),
        start_date=START_DATE,
        catchup=False,
        max_active_runs=1,
        default_args=DEFAULT_ARGS,
        dagrun_timeout=timedelta(hours=2),
        tags=[*TAGS, "ingestion", name],
        doc_md=registered.description,
    )
    def generated():
        @task(**WAREHOUSE)
        def load() -> dict:
            """Load the source's new or changed files from landing/."""
            from smartprov.orchestration.tasks import ingest_source

            return ingest_source(home(), name)

        @task(outlets=[raw_asset(name)])
        def announce(result: dict) -> dict:
            """Emit the asset when a new or changed file was loaded (skip otherwise)."""
            from airflow.sdk.exceptions import AirflowSkipException

            from smartprov.orchestration.tasks import new_data

            total = new_data([result])
            if not total["landed"]:
                raise AirflowSkipException(f"nothing new for {name}")
            return total

        announce(load())

    return generated()

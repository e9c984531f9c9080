"""Full tests: once a week, every dbt test over every row.

The daily warehouse build tests the recent slice of the big service tables (rows loaded in the
last 7 days; dbt/macros/test_slice.sql) and leaves unit tests out; this run covers the rest. A
failure is a data failure: the run fails at once (no retries) and the failure alert fires; the
serving snapshot is not touched (publish is the warehouse DAG's).
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import CronDataIntervalTimetable, dag, task
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, WAREHOUSE, home


@dag(
    schedule=CronDataIntervalTimetable("0 19 * * 0", timezone="UTC"),  # 02:00 WIB, Monday
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args={**DEFAULT_ARGS, "retries": 0, "execution_timeout": timedelta(hours=2)},
    tags=[*TAGS, "warehouse", "dbt"],
)
def smartprov_full_tests():
    """Run every dbt test over the whole warehouse."""

    @task(**WAREHOUSE)
    def test_everything() -> dict:
        """`dbt test` over every row (data tests and unit tests)."""
        from smartprov.transform import run_full_tests

        result = run_full_tests(home())
        return {"seconds": round(result.seconds, 1), "counts": result.counts}

    test_everything()


smartprov_full_tests()

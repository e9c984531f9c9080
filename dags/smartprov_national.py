"""National: the national marts over the lake, built when any province's export updates.

Scheduled on the provinces' export assets (one per province, `smartprov://lake/province=<kode>`,
emitted by each province's warehouse DAG after its export): a new export of any province starts
a run; exports arriving during a run are handled by the next. The build reads one verified
snapshot of the lake (a half-written export is never read) on DuckDB by default, on Spark when
SMARTPROV_NATIONAL_ENGINE=spark (the master SMARTPROV_SPARK_MASTER), and publishes
<home>/national/serving.duckdb, which the "Nasional" dashboard reads. It never opens a
province's warehouse (no warehouse pool).
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import AssetAny, dag, task
from common.assets import EXPORTS, NATIONAL_SERVING
from common.defaults import DEFAULT_ARGS, START_DATE, TAGS, home


@dag(
    schedule=AssetAny(*EXPORTS),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    dagrun_timeout=timedelta(hours=3),
    tags=[*TAGS, "national"],
)
def smartprov_national():
    """Build the national marts (dbt_national) over the lake and publish them."""

    @task(outlets=[NATIONAL_SERVING], execution_timeout=timedelta(hours=2))
    def build_national() -> dict:
        """dbt_national on the configured engine over one snapshot of the lake."""
        from smartprov.orchestration.national import build_national as build

        return build(home())

    build_national()


smartprov_national()

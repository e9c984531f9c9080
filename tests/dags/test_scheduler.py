"""The DAGs under the real scheduler, as in production: api-server, scheduler (LocalExecutor),
dag-processor and triggerer as separate processes on their own home, no ``dag.test()``.

Two ingestion DAGs are triggered for a delivered day; each task runs in its own process through
the Execution API, the warehouse pool serialises the writers, and the assets they emit are the
warehouse DAG's schedule. Then the warehouse DAG runs (triggered: it is kept paused while the
ingestion runs, so that the assets queue no run of their own), with the service logs and LAPOR
loaded beforehand by `smartprov ingest`: its one `dbt build` runs in a worker, each dbt node's
task starts and ends in the triggerer, and serving.duckdb is published. The run durations
printed come from the scheduler's own records.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from smartprov.base.settings import Paths
from smartprov.orchestration import config, services

pytestmark = [pytest.mark.slow, pytest.mark.timeout(2100)]

SAMPLE = ["--start", "2026-01-01", "--days", "2", "--seed", "7", "--scale", "0.02"]
TRIGGERED = (config.ROLLOUT_DAG, config.INDICATORS_DAG)
LOGICAL_DATE = "2026-01-02T00:00:00+00:00"
RUN_ID = "scheduler_test"
WAREHOUSE_RUN_ID = "scheduler_test_warehouse"
DEADLINE = 900  # seconds for both runs on a busy 2-core machine


@dataclass
class Scheduled:
    paths: Paths
    env: dict[str, str]
    logs: Path

    def airflow(self, *args: str) -> subprocess.CompletedProcess[str]:
        try:
            return services.airflow_cli(self.env, *args)
        except RuntimeError as error:
            pytest.fail(str(error))

    def query(self, sql: str, *params: object) -> list[tuple]:
        return services.query(self.paths, sql, *params)

    def tail(self) -> str:
        return services.tail(self.logs)


def _wait(what: str, check, scheduled: Scheduled, timeout: float) -> None:
    try:
        services.wait_until(what, check, timeout, scheduled.logs)
    except TimeoutError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def scheduled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scheduled]:
    paths = Paths(tmp_path_factory.mktemp("scheduler-home")).ensure()
    env = services.scheduler_environment(paths)
    cli = [sys.executable, "-m", "smartprov", "--home", str(paths.home)]
    subprocess.run([*cli, "simulate", *SAMPLE], env=env, check=True, capture_output=True)
    # the sources no DAG here loads: the warehouse DAG's build needs every raw table
    sources = ("--source", "service_logs", "--source", "lapor", "--no-progress")
    subprocess.run([*cli, "ingest", *sources], env=env, check=True, capture_output=True)
    subprocess.run([*cli, "airflow", "setup"], env=env, check=True, capture_output=True)
    logs = paths.home / "process-logs"
    with services.airflow_services(env, logs):
        yield Scheduled(paths, env, logs)


@pytest.fixture(scope="module")
def runs(scheduled: Scheduled) -> dict[str, tuple[str, float]]:
    """Trigger the ingestion DAGs once parsed, unpause them, wait until both runs finish;
    dag_id -> (state, seconds from start to end as the scheduler recorded them)."""
    _wait(
        "DAGs parsed by the dag-processor",
        lambda: len(scheduled.query("select dag_id from dag")) >= len(config.ALL_DAGS),
        scheduled,
        300,
    )
    for dag_id in TRIGGERED:
        scheduled.airflow(
            "dags", "trigger", dag_id, "--run-id", RUN_ID, "--logical-date", LOGICAL_DATE
        )
        scheduled.airflow("dags", "unpause", dag_id)

    def finished() -> bool:
        rows = scheduled.query(
            "select state from dag_run where run_id = ? and state in ('success', 'failed')",
            RUN_ID,
        )
        return len(rows) == len(TRIGGERED)

    _wait("both triggered runs finished", finished, scheduled, DEADLINE)
    out = {}
    for dag_id, state, seconds in scheduled.query(
        "select dag_id, state, (julianday(end_date) - julianday(start_date)) * 86400 "
        "from dag_run where run_id = ?",
        RUN_ID,
    ):
        out[dag_id] = (state, seconds)
        print(f"scheduler run {dag_id}: {state} in {seconds:.1f} s")
    return out


def test_triggered_runs_succeed_under_the_scheduler(
    runs: dict[str, tuple[str, float]], scheduled: Scheduled
) -> None:
    assert {dag_id: state for dag_id, (state, _) in runs.items()} == dict.fromkeys(
        TRIGGERED, "success"
    ), scheduled.tail()


def test_every_task_ran_in_the_executor(
    runs: dict[str, tuple[str, float]], scheduled: Scheduled
) -> None:
    rows = scheduled.query(
        "select dag_id, task_id, state, executor, pid from task_instance where run_id = ?",
        RUN_ID,
    )
    assert {dag_id for dag_id, *_ in rows} == set(TRIGGERED)
    for dag_id, task_id, state, _executor, pid in rows:
        # `announce` skips when the run the unpause scheduled loaded the same files first
        assert state in ("success", "skipped"), (dag_id, task_id, state)
        assert pid, f"{dag_id}.{task_id} has no worker pid: not run by an executor"
    loaded = {
        dag_id for dag_id, task_id, state, *_ in rows if (task_id, state) == ("load", "success")
    }
    assert loaded >= set(TRIGGERED)


def test_the_runs_loaded_the_warehouse(
    runs: dict[str, tuple[str, float]], scheduled: Scheduled
) -> None:
    with duckdb.connect(str(scheduled.paths.warehouse), read_only=True) as con:
        (register,) = con.execute("select count(*) from raw.rollout_register").fetchone()
        (indicators,) = con.execute("select count(*) from audit.deliveries").fetchone()
    assert register > 0
    assert indicators > 1


def test_the_runs_emit_the_assets_the_warehouse_dag_is_scheduled_on(
    runs: dict[str, tuple[str, float]], scheduled: Scheduled
) -> None:
    """Each ingestion run emitted its asset, and those are the warehouse DAG's schedule (a
    paused DAG gets no queued run, so the link is checked in the scheduler's own tables)."""
    emitted = {
        name
        for (name,) in scheduled.query(
            "select a.name from asset_event e join asset a on a.id = e.asset_id"
        )
    }
    assert emitted == {"raw_rollout_register", "raw_indicators"}
    scheduled_on = {
        name
        for (name,) in scheduled.query(
            "select a.name from dag_schedule_asset_reference r join asset a on a.id = r.asset_id"
            " where r.dag_id = ?",
            config.WAREHOUSE_DAG,
        )
    }
    assert emitted <= scheduled_on


@pytest.fixture(scope="module")
def warehouse_run(runs: dict[str, tuple[str, float]], scheduled: Scheduled) -> tuple[str, float]:
    """The warehouse DAG triggered after the ingestion runs; (state, seconds)."""
    scheduled.airflow("dags", "trigger", config.WAREHOUSE_DAG, "--run-id", WAREHOUSE_RUN_ID)
    scheduled.airflow("dags", "unpause", config.WAREHOUSE_DAG)
    _wait(
        "the warehouse run finished",
        lambda: services.run_finished(scheduled.paths, config.WAREHOUSE_DAG, WAREHOUSE_RUN_ID),
        scheduled,
        DEADLINE,
    )
    ((state, seconds),) = scheduled.query(
        "select state, (julianday(end_date) - julianday(start_date)) * 86400 from dag_run"
        " where dag_id = ? and run_id = ?",
        config.WAREHOUSE_DAG,
        WAREHOUSE_RUN_ID,
    )
    print(f"scheduler run {config.WAREHOUSE_DAG}: {state} in {seconds:.1f} s")
    return state, seconds


def test_the_warehouse_run_builds_and_publishes(
    warehouse_run: tuple[str, float], scheduled: Scheduled
) -> None:
    assert warehouse_run[0] == "success", scheduled.tail()
    sql = "select count(*), count(distinct kode_kabkota) from marts.mart_rollout_kabkota"
    with duckdb.connect(str(scheduled.paths.serving), read_only=True) as con:
        served = con.execute(sql).fetchone()
    with duckdb.connect(str(scheduled.paths.warehouse), read_only=True) as con:
        built = con.execute(sql).fetchone()
    assert served == built
    assert served[1] == 35


def test_dbt_node_tasks_end_in_the_triggerer(
    warehouse_run: tuple[str, float], scheduled: Scheduled
) -> None:
    """The one `dbt build` ran in a worker; every node's task took its result from it in the
    triggerer: success, and never a worker process of its own (no pid)."""
    rows = scheduled.query(
        "select task_id, state, pid from task_instance where dag_id = ? and run_id = ?",
        config.WAREHOUSE_DAG,
        WAREHOUSE_RUN_ID,
    )
    # Cosmos' task ids (cosmos.constants: importing it would start Airflow in this process)
    producer = f"{config.WAREHOUSE_DBT_GROUP}.dbt_producer_watcher"
    gate = f"{producer}_done"
    in_workers = {task_id for task_id, _, pid in rows if pid}
    assert {"prepare", producer, "publish"} <= in_workers
    group = f"{config.WAREHOUSE_DBT_GROUP}."
    nodes = [row for row in rows if row[0].startswith(group) and row[0] not in (producer, gate)]
    assert len(nodes) > 40
    assert {state for _, state, _ in nodes} == {"success"}
    assert not [task_id for task_id, _, pid in nodes if pid]

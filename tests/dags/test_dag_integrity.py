"""DAG integrity: every file imports cleanly, follows the conventions, and is wired as the
platform needs (mapping over the 35 codes, the warehouse pool on every writer, retries,
data-aware warehouse schedule, one dbt build with a task per node, publish behind every dbt
test)."""

from __future__ import annotations

import subprocess
import warnings
from datetime import timedelta
from pathlib import Path

import pytest

from smartprov.base.settings import Paths
from smartprov.orchestration import config

DAG_FILES = sorted(p for p in config.DAGS_FOLDER.glob("*.py"))

# tasks that open warehouse.duckdb (besides every task of the warehouse DAG)
WRITERS = {
    config.SERVICE_LOGS_DAG: {"ingest_regency", "check_quality"},
    config.LAPOR_DAG: {"pull_api", "load_exports"},
    **{dag_id: {"load"} for dag_id in config.SOURCE_DAGS},
    config.MONITORING_DAG: {"check_and_alert"},
    config.FULL_TESTS_DAG: {"test_everything"},
}


def test_every_file_imports_without_errors_or_warnings(platform: Paths) -> None:
    from airflow.dag_processing.dagbag import BundleDagBag

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bag = BundleDagBag(
            dag_folder=str(config.DAGS_FOLDER),
            bundle_path=config.DAGS_FOLDER,
            bundle_name="dags-folder",
        )
    assert bag.import_errors == {}
    assert bag.captured_warnings == {}
    ours = [w for w in caught if str(config.DAGS_FOLDER) in str(w.filename)]
    assert ours == [], [str(w.message) for w in ours]
    assert sorted(bag.dag_ids) == sorted(config.ALL_DAGS)


def test_conventions(dags: dict) -> None:
    # a DAG file is named after its one DAG, except the registry's factory file, which holds
    # the generated DAG of every source with a schedule (and nothing else)
    assert {Path(p).stem for p in DAG_FILES} == {*config.FILE_DAGS, config.SOURCE_DAGS_FILE}
    for dag_id, dag in dags.items():
        if dag_id in config.SOURCE_DAGS:
            assert Path(dag.fileloc).stem == config.SOURCE_DAGS_FILE, dag_id
        else:
            assert Path(dag.fileloc).stem == dag_id
        assert "smartprov" in dag.tags and len(dag.tags) >= 2
        assert dag.catchup is False
        assert dag.doc_md or dag.description, dag_id
        assert dag.start_date.utcoffset() == timedelta(0)


# tasks whose failure is a data failure (a failed test): they fail the run at once, no retry
DATA_GATES = {(config.FULL_TESTS_DAG, "test_everything")}


def test_retries_timeouts_and_failure_callbacks(dags: dict) -> None:
    from cosmos.operators.local import DbtLocalBaseOperator

    for dag in dags.values():
        for task in dag.tasks:
            where = f"{dag.dag_id}.{task.task_id}"
            data_gate = (dag.dag_id, task.task_id) in DATA_GATES or (
                dag.dag_id == config.WAREHOUSE_DAG
                and (isinstance(task, DbtLocalBaseOperator) or task.task_id == "prepare")
            )
            if data_gate:
                # the build and its node tasks, the weekly full tests: a failure is a data
                # failure, never retried (a retried watcher producer skips, a retried consumer
                # would re-run dbt)
                assert task.retries == 0, where
            else:
                assert task.retries >= 1, where
            assert task.retry_exponential_backoff, where
            assert task.execution_timeout is not None, where
            assert task.on_failure_callback, where


def test_every_scheduled_source_has_its_generated_dag(dags: dict) -> None:
    """One factory over the registry: a source that declares a schedule gets a DAG loading it
    on that schedule (the load in the warehouse pool, then the asset)."""
    from ingestion.registry import scheduled, source

    assert tuple(config.source_dag_id(n) for n in scheduled()) == config.SOURCE_DAGS
    assert {config.ROLLOUT_DAG, config.INDICATORS_DAG} <= set(config.SOURCE_DAGS)
    for name in scheduled():
        dag = dags[config.source_dag_id(name)]
        assert dag.timetable.expression == source(name).schedule
        assert {t.task_id for t in dag.tasks} == {"load", "announce"}
        assert name in dag.tags and dag.doc_md == source(name).description


def test_service_logs_map_over_the_35_reference_codes(dags: dict) -> None:
    from airflow.sdk.definitions.mappedoperator import MappedOperator

    from smartprov.base.reference import regencies
    from smartprov.orchestration.tasks import regency_codes

    dag = dags[config.SERVICE_LOGS_DAG]
    ingest = dag.get_task("ingest_regency")
    assert isinstance(ingest, MappedOperator)
    # expanded over the output of the `regencies` task (read at run time), not a literal list
    expand_input = ingest._get_specified_expand_input().value
    source = expand_input["kode_kabkota"]
    assert source.operator.task_id == "regencies"
    codes = regency_codes()
    assert codes == [r.kode_kabkota for r in regencies()]
    assert len(codes) == len(set(codes)) == 35
    assert all(c.startswith("33.") for c in codes)


def test_pool_on_every_writer(dags: dict) -> None:
    for dag_id, writers in WRITERS.items():
        for task_id in writers:
            assert dags[dag_id].get_task(task_id).pool == config.WAREHOUSE_POOL, task_id
    warehouse = dags[config.WAREHOUSE_DAG]
    # the watcher consumers too: a consumer cleared by hand re-runs its node with dbt
    for task in warehouse.tasks:
        assert task.pool == config.WAREHOUSE_POOL, task.task_id
    # nothing else in the platform claims to write without the pool
    for dag_id, dag in dags.items():
        for task in dag.tasks:
            if task.pool == config.WAREHOUSE_POOL:
                continue
            assert dag_id != config.WAREHOUSE_DAG
            # `release` (smartprov_opendata) and `briefing` (smartprov_briefing) read
            # serving.duckdb only, never the warehouse
            # `build_national` (smartprov_national) reads the lake and writes the national
            # home's own files, never a province's warehouse
            unpooled = {
                "regencies",
                "announce",
                "all_regencies_loaded",
                "release",
                "briefing",
                "build_national",
            }
            assert task.task_id in unpooled, task


def test_warehouse_runs_one_dbt_build_and_a_task_per_node(dags: dict) -> None:
    """Cosmos watcher mode: one producer runs `dbt build`; every other dbt task is a sensor
    that runs right after it (never beside it: in dag.test() a consumer started first would
    wait for ever); under dag.test() it pokes in process and gives up quickly."""
    from cosmos.operators._watcher.base import BaseConsumerSensor
    from cosmos.operators.local import DbtLocalBaseOperator
    from cosmos.operators.watcher import DbtProducerWatcherOperator

    warehouse = dags[config.WAREHOUSE_DAG]
    dbt_tasks = [t for t in warehouse.tasks if isinstance(t, DbtLocalBaseOperator)]
    (producer,) = [t for t in dbt_tasks if isinstance(t, DbtProducerWatcherOperator)]
    assert producer.base_cmd == ["build"]
    assert producer.upstream_task_ids == {"prepare"}
    # the selection is the one `prepare` decides at run time (smartprov transform's)
    assert "prepare" in producer.exclude and "prepare" in producer.vars["test_slice"]
    consumers = [t for t in dbt_tasks if t is not producer]
    assert len(consumers) > 40  # one per seed, model and model's tests
    assert all(isinstance(t, BaseConsumerSensor) for t in consumers)
    for task in consumers:
        # right after the build, all together (no level waits for the one before it)
        assert task.upstream_task_ids == {producer.task_id}, task.task_id
        assert not task.deferrable and task.mode == "poke", task.task_id
        assert task.timeout <= 120, task.task_id
        assert str(task.trigger_rule) in ("all_success", "TriggerRule.ALL_SUCCESS"), task


def test_warehouse_consumers_start_in_the_triggerer(dags: dict) -> None:
    """Under the scheduler a consumer takes no worker: it is deferred to the triggerer when
    scheduled, with the trigger that reads its own node's result, and the serialized DAG the
    scheduler reads keeps that."""
    from airflow.serialization.serialized_objects import BaseSerialization, DagSerialization
    from cosmos.operators._watcher.base import BaseConsumerSensor

    from smartprov.orchestration.dbt_watcher import CLASSPATH, DbtNodeResultTrigger

    warehouse = dags[config.WAREHOUSE_DAG]
    consumers = [t for t in warehouse.tasks if isinstance(t, BaseConsumerSensor)]
    serialized = DagSerialization.from_dict(DagSerialization.to_dict(warehouse))
    for task in consumers:
        args = serialized.get_task(task.task_id).start_trigger_args
        assert serialized.get_task(task.task_id).start_from_trigger, task.task_id
        assert args.trigger_cls == CLASSPATH
        trigger = DbtNodeResultTrigger(**BaseSerialization.deserialize(args.trigger_kwargs))
        assert trigger.model_unique_id == task.model_unique_id
        assert trigger.is_test_sensor == task.is_test_sensor
        assert trigger.producer_task_id.endswith("dbt_producer_watcher")
        assert trigger.producer_task_id in warehouse.task_dict
        assert timedelta(0) < args.timeout <= timedelta(minutes=2)
    assert {t.is_test_sensor for t in consumers} == {True, False}


def test_setup_seeds_the_producers_partial_parse(dags: dict, platform: Paths) -> None:
    """dbt parses the whole project unless a saved parse with the same --vars, --profile,
    --target and dbt_project.yml env vars is in the producer's working copy; Cosmos copies one
    only from its cache, which `smartprov airflow setup` seeds with its own parse."""
    import json
    import os

    from cosmos.operators.watcher import DbtProducerWatcherOperator

    from smartprov.base.settings import province_code
    from smartprov.transform import parse_flags

    warehouse = dags[config.WAREHOUSE_DAG]
    (producer,) = [t for t in warehouse.tasks if isinstance(t, DbtProducerWatcherOperator)]
    seed = Path(producer.cache_dir) / "target" / "partial_parse.msgpack"
    assert seed == config.warehouse_partial_parse(platform)
    assert seed.is_file() and seed.stat().st_size > 0
    args = parse_flags()  # what setup's `dbt parse` passes (run_dbt)
    assert args[args.index("--profile") + 1] == producer.profile_config.profile_name
    assert args[args.index("--target") + 1] == producer.profile_config.target_name
    assert json.loads(args[args.index("--vars") + 1]).keys() == producer.vars.keys()
    # the tasks see the province `smartprov transform` and setup parse with
    assert os.environ["SMARTPROV_PROVINCE"] == province_code()


def test_warehouse_is_data_aware_and_publish_waits_for_every_dbt_test(dags: dict) -> None:
    from common.assets import RAW

    warehouse = dags[config.WAREHOUSE_DAG]
    assert type(warehouse.timetable).__name__ == "AssetTriggeredTimetable"  # no clock
    condition = warehouse.timetable.asset_condition
    assert type(condition).__name__ == "AssetAny"  # any new raw data starts a run
    assert {a.uri for a in condition.objects} == {a.uri for a in RAW}
    publish = warehouse.get_task("publish")
    upstream = publish.get_flat_relatives(upstream=True)
    ids = {t.task_id for t in upstream}
    tests = [t.task_id for t in warehouse.tasks if t.task_id.endswith(".test")]
    assert tests and set(tests) <= ids
    assert "dbt.dbt_producer_watcher" in ids
    # the gate before publish is dbt's own tests: the fact's test task reports the
    # reconciliation with raw (dbt/tests/assert_service_transactions_reconcile_with_raw.sql);
    # a test over several models counts in each of its models' test tasks
    assert "dbt.fct_service_transactions.test" in ids
    producer = warehouse.get_task("dbt.dbt_producer_watcher")
    fact = "model.smartprov.fct_service_transactions"
    reconcile = "test.smartprov.assert_service_transactions_reconcile_with_raw"
    assert reconcile in producer.tests_per_model[fact]
    coverage = "test.smartprov.assert_dimensions_cover_reference_geography"
    assert sum(coverage in tests for tests in producer.tests_per_model.values()) >= 2
    for task in [publish, *upstream]:
        assert str(task.trigger_rule) in ("all_success", "TriggerRule.ALL_SUCCESS"), task
    # producers list their assets as outlets: every source's DAG emits its registry asset
    from ingestion.registry import loading_order, source

    for name in loading_order():
        (outlet,) = dags[config.source_dag_id(name)].get_task("announce").outlets
        assert outlet.uri == f"smartprov://warehouse/raw/{source(name).asset}"


def test_pool_and_connection_created_by_code_idempotently(platform: Paths) -> None:
    from airflow.models.connection import Connection
    from airflow.models.pool import Pool

    from smartprov.orchestration.setup import ensure_lapor_connection, ensure_pool

    ensure_pool()
    ensure_lapor_connection()
    ensure_lapor_connection()
    pool = Pool.get_pool(config.WAREHOUSE_POOL)
    assert pool is not None and pool.slots == 1
    conn = Connection.get_connection_from_secrets(config.LAPOR_CONN_ID)
    assert conn.conn_type == "http" and conn.host == "127.0.0.1" and conn.password


def test_airflow_config_comes_from_the_project(platform: Paths) -> None:
    from airflow.configuration import conf

    assert conf.get("core", "dags_folder") == str(config.DAGS_FOLDER)
    assert conf.get("core", "executor") == "LocalExecutor"
    assert not conf.getboolean("core", "load_examples")
    assert conf.get("database", "sql_alchemy_conn").startswith("sqlite:///")
    assert str(platform.home / "airflow") in conf.get("database", "sql_alchemy_conn")


@pytest.mark.slow
def test_airflow_cli_lists_no_import_errors(platform: Paths) -> None:
    from smartprov.orchestration.setup import airflow_executable

    env = config.subprocess_env(platform)
    # parse the dags-folder bundle as the dag-processor does, recording errors in the database
    subprocess.run(
        [airflow_executable(), "dags", "reserialize", "--bundle-name", "dags-folder"],
        env=env,
        capture_output=True,
        check=True,
    )
    result = subprocess.run(
        [airflow_executable(), "dags", "list-import-errors", "--output", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    # the JSON list is the last line (Airflow logs a graphviz notice before it)
    assert result.stdout.strip().splitlines()[-1] in ("[]", "No data found"), result.stdout


def test_notify_runs_after_publish_in_the_warehouse_pool(dags: dict) -> None:
    warehouse = dags[config.WAREHOUSE_DAG]
    notify = warehouse.get_task("notify")
    assert {t.task_id for t in notify.upstream_list} == {"publish"}
    assert notify.pool == config.WAREHOUSE_POOL


def test_warehouse_exports_after_publish_emitting_the_provinces_export_asset(dags: dict) -> None:
    from smartprov.base.settings import province_code
    from smartprov.orchestration.national import export_asset_uri

    warehouse = dags[config.WAREHOUSE_DAG]
    export = warehouse.get_task("export")
    assert {t.task_id for t in export.upstream_list} == {"publish"}
    assert export.pool == config.WAREHOUSE_POOL  # it reads the warehouse's transaction fact
    (outlet,) = export.outlets
    assert outlet.uri == export_asset_uri(province_code())


def test_national_dag_runs_when_any_provinces_export_updates(dags: dict) -> None:
    from smartprov.base.reference import provinces
    from smartprov.orchestration.national import export_asset_uri

    national = dags[config.NATIONAL_DAG]
    assert type(national.timetable).__name__ == "AssetTriggeredTimetable"  # no clock
    condition = national.timetable.asset_condition
    assert type(condition).__name__ == "AssetAny"
    uris = {a.uri for a in condition.objects}
    assert uris == {export_asset_uri(p.kode_provinsi) for p in provinces()}
    assert len(uris) == 38
    assert [t.task_id for t in national.tasks] == ["build_national"]
    (outlet,) = national.get_task("build_national").outlets
    assert outlet.uri == "smartprov://national/serving"
    assert national.max_active_runs == 1

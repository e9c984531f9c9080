"""The dbt project as Cosmos sees it: profile, execution and rendering, defined once.

Execution is Cosmos' watcher mode: one producer task runs ONE `dbt build` (dbt started once,
as `smartprov transform` does), and a consumer task per seed, model and model's tests reads that
node's result from the producer's XCom (see `watch_after_the_build` for how they are wired).

Rendering reads ``$SMARTPROV_HOME/dbt/target/manifest.json`` (written by ``smartprov airflow
setup`` with ``dbt parse``) so parsing the DAG runs no dbt command; without a manifest Cosmos
falls back to ``dbt ls``. Checking that one file exists is the only I/O at parse time, and
Cosmos needs it to draw one task per model and test.
"""

from __future__ import annotations

from pathlib import Path

from airflow.sdk import BaseOperator, TaskGroup, TriggerRule
from cosmos import ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
from cosmos.constants import ExecutionMode, InvocationMode, LoadMode, TestBehavior

from smartprov.base.settings import DBT_PROJECT_DIR, Paths
from smartprov.orchestration import config
from smartprov.orchestration.config import WAREHOUSE_POOL

# the DbtTaskGroup's id: with the DAG id, it names Cosmos' cache that setup seeds
GROUP_ID = config.WAREHOUSE_DBT_GROUP


def manifest_path() -> Path:
    return Paths.from_env().dbt_manifest


def project_config() -> ProjectConfig:
    manifest = manifest_path()
    return ProjectConfig(
        dbt_project_path=DBT_PROJECT_DIR,
        manifest_path=manifest if manifest.exists() else None,
        install_dbt_deps=False,  # no dbt packages: the hub is out of reach here
    )


# the same names `smartprov airflow setup` parses with (its parse seeds the producer's)
PROFILE = ProfileConfig(
    profile_name=config.DBT_PROFILE_NAME,
    target_name=config.DBT_TARGET_NAME,
    profiles_yml_filepath=DBT_PROJECT_DIR / "profiles.yml",
)

# one `dbt build` inside the producer task's own process (dbtRunner: no subprocess)
EXECUTION = ExecutionConfig(
    execution_mode=ExecutionMode.WATCHER,
    invocation_mode=InvocationMode.DBT_RUNNER,
)


def render_config() -> RenderConfig:
    return RenderConfig(
        load_method=LoadMode.DBT_MANIFEST if manifest_path().exists() else LoadMode.DBT_LS,
        # a model's tests are one consumer task after the model's; the producer reports their
        # aggregate (pass only when all of them passed)
        test_behavior=TestBehavior.AFTER_EACH,
        # dbt orders the build itself: a test over several models (relationships,
        # reconciliations) counts in each parent's test task instead of a task of its own. A
        # detached test's own consumer would wait for a result the producer never reports
        # (Cosmos 1.15 files every test result under its models' aggregate).
        should_detach_multiple_parents_tests=False,
        invocation_mode=InvocationMode.DBT_RUNNER,
        emit_datasets=False,  # the DAG emits one asset after publish instead of one per model
        # the project's on-run-start/-end hooks (dbt/macros/test_slice.sql) run inside the one
        # `dbt build`; they are no node of their own (Cosmos would warn it cannot draw them),
        # nor are the dashboards' exposures (documentation of who reads the marts)
        exclude=["resource_type:operation", "resource_type:exposure"],
    )


# Producer and consumers alike: in the warehouse pool (the producer writes warehouse.duckdb; a
# consumer only reads XCom, but Cosmos makes a consumer that is cleared by hand re-run its model
# with dbt, which must not happen beside another writer), and no retries: a failed model or test
# is a data failure that fails the run at once, a producer retry would skip (Cosmos does not
# build twice) and a consumer retry would re-run dbt for its node.
OPERATOR_ARGS = {
    "pool": WAREHOUSE_POOL,
    "retries": 0,
    # dbt writes no manifest/run_results JSON: faster, and the manifest the DAG renders from
    # stays the one `smartprov airflow setup` wrote
    "dbt_cmd_global_flags": ["--no-write-json"],
}

# the build's selection, decided at run time by the task `prepare` (tasks.prepare_dbt_build)
_PLAN = "ti.xcom_pull(task_ids='prepare')"
# a consumer runs only after the producer has finished, so its node's result is there at the
# first poke; one that never comes (a node the build left out) fails the task within a minute
CONSUMER_POKE_INTERVAL = 5
CONSUMER_TIMEOUT = 60


def watch_after_the_build(group: TaskGroup, prepare: BaseOperator) -> BaseOperator:
    """Wire a watcher-mode DbtTaskGroup; returns its producer.

    - ``prepare`` >> producer, and the producer's ``--exclude``/``--vars`` come from it;
    - producer >> every consumer, and nothing else before it (``_after_the_producer_only``).
      Cosmos leaves the roots of a DbtTaskGroup free so that they can wait beside the
      producer; in ``dag.test()`` (one task at a time, in any order) a consumer that starts
      first waits for ever. After the producer, a failed build leaves every consumer
      upstream_failed (never run, so never a fallback dbt run), and publish with them; the
      producer's log names the failed nodes;
    - the producer pushes only what the node tasks read: a node's status when it ends (and its
      dbt event, with the error, when it did not succeed), not every dbt event
      (push_finished_nodes_only);
    - Cosmos' gate after the producer (``dbt_producer_watcher_done``) needs all of it to succeed;
    - under the scheduler a consumer starts in the triggerer and ends there with its node's
      result (smartprov.orchestration.dbt_watcher): no worker process per node. Under
      ``dag.test()``, which starts no task from a trigger, it pokes in process, briefly (see
      CONSUMER_TIMEOUT).
    """
    from cosmos.constants import PRODUCER_WATCHER_DONE_TASK_ID, PRODUCER_WATCHER_TASK_ID
    from cosmos.operators._watcher.base import BaseConsumerSensor

    from smartprov.orchestration.dbt_watcher import push_finished_nodes_only, start_trigger_args

    tasks = list(group.iter_tasks())
    (producer,) = [t for t in tasks if t.task_id.endswith(f".{PRODUCER_WATCHER_TASK_ID}")]
    producer.exclude = f"{{{{ {_PLAN}['exclude'] }}}}"
    producer.vars = {"test_slice": f"{{{{ {_PLAN}['test_slice'] }}}}"}
    push_finished_nodes_only(producer)
    prepare >> producer
    # Cosmos' gate after the producer lets a skipped producer (its retry) through; there is no
    # retry here, and publish follows a successful build only
    for task in tasks:
        if task.task_id.endswith(f".{PRODUCER_WATCHER_DONE_TASK_ID}"):
            task.trigger_rule = TriggerRule.ALL_SUCCESS
    consumers = {t.task_id: t for t in tasks if isinstance(t, BaseConsumerSensor)}
    for task in consumers.values():
        _after_the_producer_only(task, producer, consumers)
        task.deferrable = False
        task.mode = "poke"
        task.poke_interval = CONSUMER_POKE_INTERVAL
        task.timeout = CONSUMER_TIMEOUT
        task.start_from_trigger = True
        task.start_trigger_args = start_trigger_args(
            task.model_unique_id,
            task.producer_task_id,
            is_test_sensor=task.is_test_sensor,
            timeout=CONSUMER_TIMEOUT,
        )
    return producer


def _after_the_producer_only(
    task: BaseOperator, producer: BaseOperator, consumers: dict[str, BaseOperator]
) -> None:
    """producer >> ``task``, and no edge from another consumer.

    Every node's result is known once the build is over, so all consumers can end together.
    Cosmos draws the dbt graph between them, and under the scheduler each of its ~20 levels
    waited for the one before it (the scheduler's and the triggerer's loops, ~4-5 s a level:
    ~90 s after a 90 s build). The lineage stays where it is read: dbt docs (`smartprov docs`).
    """
    for upstream_id in task.upstream_task_ids & consumers.keys():
        task.upstream_task_ids.discard(upstream_id)
        consumers[upstream_id].downstream_task_ids.discard(task.task_id)
    producer >> task

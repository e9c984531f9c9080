"""smartprov.orchestration.dbt_watcher in isolation: which dbt events the producer still pushes,
how a node's reported status ends its task in the triggerer, and the trigger's round trip
through its serialized form. (The whole path runs under the scheduler in test_scheduler.py.)

Airflow is imported inside the tests, after the session fixture configured it.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from smartprov.base.settings import Paths

NODE = "model.smartprov.mart_rollout_kabkota"


def _line(name: str, status: str | None = None) -> str:
    node_info = {"unique_id": NODE, "node_status": status, "resource_type": "model"}
    return json.dumps({"info": {"name": name, "msg": name}, "data": {"node_info": node_info}})


class _Producer:
    """The one method of Cosmos' producer that push_finished_nodes_only wraps."""

    def __init__(self) -> None:
        self.parsed: list[str] = []

    def _make_parse_callable(self):
        return lambda line, _extra: self.parsed.append(line)


def test_the_producer_skips_events_of_running_nodes(platform: Paths) -> None:
    from smartprov.orchestration.dbt_watcher import push_finished_nodes_only

    producer = _Producer()
    push_finished_nodes_only(producer)
    parse = producer._make_parse_callable()
    lines = [
        _line("MainReportVersion"),
        _line("NodeStart", "started"),
        _line("NodeCompiling", "compiling"),
        _line("NodeExecuting", "executing"),
        _line("NodeFinished", "success"),
        "plain text from a library",
    ]
    for line in lines:
        parse(line, {})
    assert producer.parsed == [lines[0], lines[4], lines[5]]


class _PushRecorder:
    """A producer task instance that records its XCom pushes."""

    def __init__(self) -> None:
        self.pushed: list[str] = []

    def xcom_push(self, key: str, value: Any) -> None:
        self.pushed.append(key)

    def xcom_pull(self, **_kwargs: Any) -> None:
        return None


@pytest.mark.parametrize(
    ("status", "kept"),
    [
        ("success", ["_status"]),
        # both lines as Cosmos pushes them (the event only from NodeFinished, its allowlist)
        ("error", ["_status", "_compiled_sql", "_dbt_event", "_status", "_compiled_sql"]),
    ],
)
def test_a_successful_node_pushes_only_its_status(
    platform: Paths, tmp_path, status: str, kept: list[str]
) -> None:
    """With Cosmos' own parser: a node that succeeded pushes its status once and nothing else
    (its event and compiled SQL only ever fed Cosmos' sensor); one that failed keeps every push,
    its event holding dbt's error message."""
    import functools

    from cosmos.operators._watcher.base import store_dbt_resource_status_from_log

    from smartprov.orchestration.dbt_watcher import push_finished_nodes_only

    class Producer:
        def _make_parse_callable(self):
            return functools.partial(
                store_dbt_resource_status_from_log,
                tests_per_model={},
                test_results_per_model={},
                model_outlet_uris={},
                dataset_namespace=None,
                should_generate_model_uris=False,
                upstream_failure_skipped_ids=set(),
            )

    compiled = tmp_path / "target" / "compiled" / "smartprov" / "models" / "marts" / "m.sql"
    compiled.parent.mkdir(parents=True)
    compiled.write_text("select 1")
    producer = Producer()
    push_finished_nodes_only(producer)
    ti = _PushRecorder()
    node_info = {
        "unique_id": NODE,
        "node_status": status,
        "resource_type": "model",
        "node_path": "marts/m.sql",
    }
    parse = producer._make_parse_callable()
    # dbt reports a finished node twice: its result line, then NodeFinished
    for name in ("LogModelResult", "NodeFinished"):
        line = json.dumps({"info": {"name": name, "msg": name}, "data": {"node_info": node_info}})
        parse(line, {"context": {"ti": ti}, "project_dir": str(tmp_path)})
    prefix = NODE.replace(".", "__")
    assert ti.pushed == [prefix + suffix for suffix in kept]


@pytest.mark.parametrize(
    ("status", "producer", "state"),
    [
        ("success", None, "success"),
        ("pass", None, "success"),
        ("skipped", None, "skipped"),
        ("error", None, "failed"),
        ("fail", None, "failed"),
        (None, "success", "success"),  # a node the build reported nothing about
        (None, "failed", "failed"),
        (None, "skipped", "failed"),
        (None, "running", None),  # keep waiting
        (None, None, None),
    ],
)
def test_a_nodes_status_ends_its_task(
    platform: Paths, status: str | None, producer: str | None, state: str | None
) -> None:
    from smartprov.orchestration.dbt_watcher import end_event

    event = end_event(status, producer)
    assert (event and str(event.task_instance_state)) == state


class _TaskInstance:
    dag_id = "smartprov_warehouse"
    run_id = "manual__1"
    map_index = -1
    task_id = "dbt.mart_rollout_kabkota.run"


def test_the_trigger_reads_its_run_from_the_task_instance(
    platform: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Serialized without a run (the scheduler creates it before the run is known to the
    trigger), the trigger asks for its node's status in the run of the task it belongs to."""
    from airflow.triggers.base import TaskFailedEvent, TaskSuccessEvent

    from smartprov.orchestration.dbt_watcher import CLASSPATH, DbtNodeResultTrigger

    classpath, kwargs = DbtNodeResultTrigger(NODE, "dbt.dbt_producer_watcher").serialize()
    assert classpath == CLASSPATH
    asked: list[tuple[str, str, int | None, str]] = []

    def run(status: str | None, producer: str = "success") -> Any:
        trigger = DbtNodeResultTrigger(**kwargs)
        trigger.task_instance = _TaskInstance()  # what the triggerer attaches

        async def get_xcom_val(key: str) -> Any:
            asked.append((trigger.dag_id, trigger.run_id, trigger.map_index, key))
            if key.endswith("_status"):
                return {"status": status, "outlet_uris": []}
            return None

        async def producer_state() -> str:
            asked.append((trigger.dag_id, trigger.run_id, trigger.map_index, "producer state"))
            return producer

        monkeypatch.setattr(trigger, "get_xcom_val", get_xcom_val)
        monkeypatch.setattr(trigger, "_get_producer_task_status", producer_state)

        async def first() -> Any:
            async for event in trigger.run():
                return event

        return asyncio.run(first())

    assert isinstance(run("success"), TaskSuccessEvent)
    assert len(asked) == 1  # one read when the status is there (the consumer runs after the build)
    assert isinstance(run("error"), TaskFailedEvent)
    assert isinstance(run(None, producer="failed"), TaskFailedEvent)
    assert {(dag, run_id, index) for dag, run_id, index, _ in asked} == {
        ("smartprov_warehouse", "manual__1", -1)
    }
    # the node's status only: no compiled SQL is read
    assert not [key for *_, key in asked if "compiled_sql" in key]

"""Cosmos' watcher mode made cheap under the scheduler: each node's result reported by the
triggerer instead of a worker process, and only the XComs those reports need.

In Cosmos' watcher mode one producer task runs ``dbt build`` and pushes each node's status to
XCom; a consumer task per seed, model and model's tests shows that status. As a plain sensor
each consumer costs a worker process (~2 s on 2 cores, one at a time in the warehouse pool):
under the scheduler the 142 consumers took 230 s, the build 146 s. And the producer pushes an
XCom for each of four events of every node (start, compiling, executing, finished) besides its
status and a model's compiled SQL, each a call to the Execution API: pushing only the finished
events took its task from 138 s to 88 s; pushing only the status of a node that succeeded (its
event and SQL fed nothing but Cosmos' own sensor) takes it further (docs/scaling.md).

Here a consumer starts in the triggerer (``start_from_trigger``): the scheduler creates this
trigger when the consumer is scheduled (after the producer), the triggerer reads the node's
status through Cosmos' ``WatcherTrigger`` and ends the task itself (success, skipped or
failed) - no worker process, no pool slot, never a fallback dbt run. ``dag.test()`` does not
start tasks from triggers; there the consumer pokes in process as before.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Any

from airflow.triggers.base import (
    StartTriggerArgs,
    TaskFailedEvent,
    TaskSkippedEvent,
    TaskSuccessEvent,
    TriggerEvent,
)
from cosmos.operators._watcher.state import (
    PRODUCER_FINAL_STATES,
    ProducerTaskState,
    get_compiled_sql_xcom_key,
    get_dbt_event_xcom_key,
    is_dbt_node_status_failed,
    is_dbt_node_status_skipped,
    is_dbt_node_status_success,
    is_dbt_node_status_terminal,
)
from cosmos.operators._watcher.triggerer import WatcherTrigger

CLASSPATH = f"{__name__}.DbtNodeResultTrigger"


class DbtNodeResultTrigger(WatcherTrigger):
    """Cosmos' WatcherTrigger for a task started from the triggerer: the run comes from the
    task instance the triggerer attaches, and the node's result ends the task directly."""

    def __init__(
        self,
        model_unique_id: str,
        producer_task_id: str,
        poke_interval: float = 2.0,
        is_test_sensor: bool = False,
    ) -> None:
        super().__init__(
            model_unique_id=model_unique_id,
            producer_task_id=producer_task_id,
            dag_id="",
            run_id="",
            map_index=None,
            poke_interval=poke_interval,
            is_test_sensor=is_test_sensor,
        )

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return (
            CLASSPATH,
            {
                "model_unique_id": self.model_unique_id,
                "producer_task_id": self.producer_task_id,
                "poke_interval": self.poke_interval,
                "is_test_sensor": self.is_test_sensor,
            },
        )

    async def run(self) -> AsyncIterator[TriggerEvent]:
        """Cosmos' WatcherTrigger loop, with the node's status read first: a consumer is
        scheduled after the producer finished, so one read ends the task (Cosmos' loop reads
        the dbt start-up events and the producer's state before it)."""
        ti = self.task_instance
        if ti is None:
            raise RuntimeError(f"{self.model_unique_id}: the triggerer attached no task instance")
        self.dag_id, self.run_id, self.map_index = ti.dag_id, ti.run_id, ti.map_index
        while True:
            status = await self._node_status()
            producer = None
            if not is_dbt_node_status_terminal(status):
                producer = await self._get_producer_task_status()
                if producer in PRODUCER_FINAL_STATES:  # its last push may have come meanwhile
                    status = await self._node_status()
            end = end_event(status, producer)
            if end is not None:
                if isinstance(end, TaskFailedEvent):
                    self.log.error(
                        "dbt node %s: status %s, producer %s (its log names the error)",
                        self.model_unique_id,
                        status,
                        producer,
                    )
                yield end
                return
            await asyncio.sleep(self.poke_interval)

    async def _node_status(self) -> str | None:
        """The node's status (a model's tests: their aggregate), one XCom read. Not the compiled
        SQL Cosmos' own loop also reads: the task ends here, so it is never shown (and a seed
        has none: each lookup logged a 'not found' error)."""
        if self.is_test_sensor:
            status, _ = await self._parse_dbt_node_status_and_compiled_sql()  # no SQL for tests
            return status
        return await self._get_node_status()


def end_event(status: str | None, producer: str | None) -> TriggerEvent | None:
    """How a node's task ends: as its dbt status says; with no status, success once the
    producer succeeded (a node the build reported nothing about, as Cosmos' sensor decides) and
    failed once it failed or was skipped; None while the producer runs."""
    if is_dbt_node_status_success(status):
        return TaskSuccessEvent()
    if is_dbt_node_status_skipped(status):
        return TaskSkippedEvent()
    if is_dbt_node_status_failed(status):
        return TaskFailedEvent()
    if producer == ProducerTaskState.SUCCESS:
        return TaskSuccessEvent()
    if producer in PRODUCER_FINAL_STATES:
        return TaskFailedEvent()
    return None


def start_trigger_args(
    model_unique_id: str, producer_task_id: str, *, is_test_sensor: bool, timeout: float
) -> StartTriggerArgs:
    """What the scheduler needs to start a consumer in the triggerer (the run is the task's)."""
    return StartTriggerArgs(
        trigger_cls=CLASSPATH,
        trigger_kwargs={
            "model_unique_id": model_unique_id,
            "producer_task_id": producer_task_id,
            "is_test_sensor": is_test_sensor,
        },
        next_method="execute_complete",
        next_kwargs=None,
        timeout=timedelta(seconds=timeout),
    )


# dbt's events of a node still running: Cosmos pushes each as an XCom that only its own sensor's
# log reads; the finished event carries the status every consumer needs
RUNNING_NODE_EVENTS = frozenset({"NodeStart", "NodeCompiling", "NodeExecuting"})


def push_finished_nodes_only(producer: Any) -> None:
    """Make a watcher producer push only what the node tasks read: a node's status when it
    ends (a model's tests: their aggregate), once; for a node that did not succeed, also its dbt
    event (the error message Cosmos' sensor logs) and SQL. Skipped: the events of nodes still
    running; for a node that succeeded, its event and compiled SQL, which only Cosmos' own
    sensor reads (for a log line and the rendered-template view; a task ended by
    DbtNodeResultTrigger shows neither), and the same status again (dbt reports a finished
    node twice: its result line, then NodeFinished). Each push is a call to the Execution API."""
    make_cosmos_parse = producer._make_parse_callable

    def make_parse() -> Callable[[str, Any], None]:
        cosmos_parse = make_cosmos_parse()
        pushed: dict[str, Any] = {}  # what this build pushed for nodes that succeeded

        def parse(line: str, extra_kwargs: Any) -> None:
            event = _event(line) or {}
            if event.get("info", {}).get("name") in RUNNING_NODE_EVENTS:
                return
            node = event.get("data", {}).get("node_info") or {}
            context = (extra_kwargs or {}).get("context")
            if (
                is_dbt_node_status_success(node.get("node_status"))
                and context is not None
                and node.get("unique_id")
            ):
                view = StatusPushesOnly(context["ti"], node["unique_id"], pushed)
                extra_kwargs = {**extra_kwargs, "context": {**context, "ti": view}}
            cosmos_parse(line, extra_kwargs)

        return parse

    producer._make_parse_callable = make_parse


class StatusPushesOnly:
    """The producer's task instance as Cosmos' parser sees it for a line about a node that
    succeeded: the node's event and compiled-SQL pushes are dropped, and so is a push of what
    was already pushed (``pushed``, shared by the build's lines); every other call goes to the
    task instance."""

    def __init__(self, task_instance: Any, unique_id: str, pushed: dict[str, Any]) -> None:
        self._task_instance = task_instance
        self._dropped = {get_dbt_event_xcom_key(unique_id), get_compiled_sql_xcom_key(unique_id)}
        self._pushed = pushed

    def xcom_push(self, key: str, value: Any, **kwargs: Any) -> None:
        if key in self._dropped or (key in self._pushed and self._pushed[key] == value):
            return
        self._task_instance.xcom_push(key=key, value=value, **kwargs)
        self._pushed[key] = value

    def __getattr__(self, name: str) -> Any:
        return getattr(self._task_instance, name)


def _event(line: str) -> dict[str, Any] | None:
    try:
        event = json.loads(line)
    except json.JSONDecodeError:
        return None
    return event if isinstance(event, dict) else None

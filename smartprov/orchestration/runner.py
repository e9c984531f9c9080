"""Run the real DAGs, without a scheduler, for every day delivered to landing/.

``smartprov airflow pipeline`` uses this: for each delivered day D (in order) it runs the
service-log, LAPOR, rollout and indicator DAGs for logical date D with ``dag.test()`` (one
process, the same task code, the runs recorded in the metadata database the UI shows), then the
warehouse DAG (which the scheduler would start from the asset events) and monitoring.

The warehouse runs after the last day by default: the asset events of all days are then handled
by one run, as the scheduler does when events queue up while a run is busy. ``each_day`` runs
it after every day that landed new data.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from smartprov.base.settings import Paths
from smartprov.orchestration import config

log = logging.getLogger(__name__)

_DAY_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.[A-Za-z0-9]+$")
INGESTION_DAGS = config.INGESTION_DAGS


@dataclass(frozen=True)
class RunResult:
    dag_id: str
    day: date
    state: str
    failed_tasks: tuple[str, ...] = ()
    landed: bool = False  # an ingestion run emitted its asset
    seconds: float = 0.0

    def line(self) -> str:
        text = f"{self.day} {self.dag_id}: {self.state} in {self.seconds:.0f}s"
        if self.landed:
            text += " (new data)"
        if self.failed_tasks:
            text += f" - failed: {', '.join(self.failed_tasks)}"
        return text


def delivered_days(paths: Paths) -> list[date]:
    """Every day with a service-log or LAPOR export file in landing/ (from file names)."""
    days: set[date] = set()
    patterns = ("service_logs/*/*", "lapor/*")
    for pattern in patterns:
        for path in paths.landing.glob(pattern):
            match = _DAY_FILE.match(path.name)
            if match:
                with contextlib.suppress(ValueError):
                    days.add(date.fromisoformat(match.group(1)))
    return sorted(days)


def load_dags() -> dict[str, Any]:
    """The DAGs of dags/, parsed as the dag-processor parses them (bundle on sys.path)."""
    from airflow.dag_processing.dagbag import BundleDagBag

    bag = BundleDagBag(
        dag_folder=str(config.DAGS_FOLDER),
        bundle_path=config.DAGS_FOLDER,
        bundle_name="dags-folder",
    )
    if bag.import_errors:
        raise RuntimeError(f"DAG import errors: {bag.import_errors}")
    return bag.dags


def logical_date(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def run_dag(dag: Any, day: date) -> RunResult:
    """One run of ``dag`` for logical date ``day`` through ``dag.test()``."""
    from airflow.utils.state import TaskInstanceState

    started = time.monotonic()
    dag_run = dag.test(logical_date=logical_date(day))
    instances = dag_run.get_task_instances()
    failed = tuple(
        sorted(
            ti.task_id + (f"[{ti.map_index}]" if ti.map_index >= 0 else "")
            for ti in instances
            if ti.state in (TaskInstanceState.FAILED, TaskInstanceState.UPSTREAM_FAILED)
        )
    )
    landed = any(
        ti.task_id == "announce" and ti.state == TaskInstanceState.SUCCESS for ti in instances
    )
    seconds = time.monotonic() - started
    return RunResult(dag.dag_id, day, str(dag_run.state), failed, landed, seconds)


def run_pipeline(
    paths: Paths,
    days: Sequence[date] | None = None,
    *,
    warehouse: str = "last_day",
    echo: Callable[[str], None] = print,
) -> list[RunResult]:
    """Run the DAGs day by day (see module doc). Airflow must be configured and set up."""
    if warehouse not in ("last_day", "each_day", "never"):
        raise ValueError(f"warehouse must be last_day, each_day or never, not {warehouse!r}")
    days = list(days) if days is not None else delivered_days(paths)
    if not days:
        echo(f"no delivered day in {paths.landing}")
        return []
    dags = load_dags()
    results: list[RunResult] = []
    pending_assets = False

    def run(dag_id: str, day: date) -> RunResult:
        result = run_dag(dags[dag_id], day)
        results.append(result)
        echo(result.line())
        return result

    for day in days:
        for dag_id in INGESTION_DAGS:
            pending_assets |= run(dag_id, day).landed
        if warehouse == "each_day" and pending_assets:
            run(config.WAREHOUSE_DAG, day)
            pending_assets = False
        if warehouse != "last_day" or day != days[-1]:
            run(config.MONITORING_DAG, day)
    if warehouse == "last_day":
        run(config.WAREHOUSE_DAG, days[-1])
        run(config.MONITORING_DAG, days[-1])
    return results

"""`smartprov demo airflow-timings`: the daily run's Airflow figures, measured under the real
scheduler.

On a scratch home: simulate a small sample; load every day but the last as history (`smartprov
ingest` per day, then a full `smartprov transform`); start api-server, scheduler, triggerer and
dag-processor (smartprov.orchestration.services); trigger the service-log DAG for the day before
the last (already loaded: the first run after the services start, which pays their warm-up, as a
scheduler does once and not every day), then for the last day (the daily run measured: one new
day on top of history), then the warehouse DAG (asset-scheduled; here
triggered by hand, since the scheduler's own run creation is switched off so that no scheduled
run competes with the measured ones). The warehouse is copied before the warehouse DAG runs and
put back after it, so that `smartprov transform` then builds the same day from the same data.

Every figure is read from the scheduler's records (dag_run, task_instance); nothing is asserted.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from smartprov.base import settings
from smartprov.base.secrets import DEMO_ENV
from smartprov.base.settings import Paths
from smartprov.orchestration import config, services

RUN_ID = "timings"
FIRST_RUN_ID = "timings-first"
RUN_TIMEOUT = 1800  # seconds per measured run


@dataclass(frozen=True)
class Sample:
    start: date = date(2026, 1, 1)
    days: int = 3
    seed: int = 7
    scale: float = 1.0

    @property
    def last_day(self) -> date:
        return self.start + timedelta(days=self.days - 1)

    def simulate_args(self) -> list[str]:
        return [
            "--start",
            self.start.isoformat(),
            "--days",
            str(self.days),
            "--seed",
            str(self.seed),
            "--scale",
            str(self.scale),
        ]


def task_type(task_id: str, map_index: int) -> str:
    """The group a task instance's duration is summed in."""
    if map_index >= 0:
        return f"{task_id} (mapped)"
    if task_id.endswith("_producer_watcher"):
        return "dbt producer"
    if task_id.startswith("dbt.") and not task_id.endswith("_done"):
        return "dbt consumers"
    return task_id


def run_figures(db: Path, dag_id: str, run_id: str) -> dict[str, Any]:
    """One DAG run's figures from the metadata database ``db``: state, seconds (start to end),
    queue_s (queued to started), tasks_span_s (first task queued to last task ended), tasks (per
    task type: count, sum_s, max_s, span_s) and not_ok (tasks neither success nor skipped)."""
    (run,) = services.query_db(
        db,
        "select state, (julianday(end_date) - julianday(start_date)) * 86400, "
        "(julianday(start_date) - julianday(queued_at)) * 86400 "
        "from dag_run where dag_id = ? and run_id = ?",
        dag_id,
        run_id,
    )
    instances = services.query_db(
        db,
        "select task_id, map_index, state, coalesce(duration, 0), julianday(start_date) * 86400, "
        "julianday(end_date) * 86400 from task_instance "
        "where dag_id = ? and run_id = ? order by task_id, map_index",
        dag_id,
        run_id,
    )
    (span,) = services.query_db(
        db,
        "select (julianday(max(end_date)) - julianday(min(queued_dttm))) * 86400 "
        "from task_instance where dag_id = ? and run_id = ?",
        dag_id,
        run_id,
    )
    tasks: dict[str, dict[str, float]] = {}
    bounds: dict[str, list[float]] = {}
    for task_id, map_index, _state, seconds, start, end in instances:
        name = task_type(task_id, map_index)
        group = tasks.setdefault(name, {"count": 0, "sum_s": 0.0})
        group["count"] += 1
        group["sum_s"] += seconds
        group["max_s"] = max(group.get("max_s", 0.0), seconds)
        bounds.setdefault(name, []).extend(t for t in (start, end) if t is not None)
    for name, group in tasks.items():  # wall time: the group's first start to its last end
        group["span_s"] = max(bounds[name]) - min(bounds[name]) if bounds[name] else 0.0
    return {
        "dag_id": dag_id,
        "state": run[0],
        "seconds": run[1],
        "queue_s": run[2],
        "tasks_span_s": span[0],
        "tasks": tasks,
        "not_ok": [
            f"{task_id}[{map_index}]:{state}" if map_index >= 0 else f"{task_id}:{state}"
            for task_id, map_index, state, *_ in instances
            if state not in ("success", "skipped")
        ],
    }


def _smartprov(paths: Paths, env: dict[str, str], *args: str) -> float:
    """``smartprov --home <home> <args>`` in a subprocess; its wall-clock seconds."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "smartprov", "--home", str(paths.home), *args],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"smartprov {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return time.monotonic() - started


def load_history(paths: Paths, env: dict[str, str], sample: Sample) -> None:
    """Every source, and service logs for every day before the last; then a full build."""
    for source in ("lapor", "rollout", "indicators"):
        _smartprov(paths, env, "ingest", "--no-progress", "--source", source)
    for offset in range(sample.days - 1):
        day = sample.start + timedelta(days=offset)
        _smartprov(
            paths, env, "ingest", "--no-progress", "--source", "service_logs", "--date", str(day)
        )
    _smartprov(paths, env, "transform")


def _trigger_and_wait(
    paths: Paths, env: dict[str, str], logs: Path, dag_id: str, *extra: str, run_id: str = RUN_ID
):
    services.airflow_cli(env, "dags", "unpause", dag_id)
    services.airflow_cli(env, "dags", "trigger", dag_id, "--run-id", run_id, *extra)
    services.wait_until(
        f"{dag_id} run finished",
        lambda: services.run_finished(paths, dag_id, run_id),
        RUN_TIMEOUT,
        logs,
    )
    return run_figures(paths.airflow / "airflow.db", dag_id, run_id)


def _warehouse_files(paths: Paths) -> list[Path]:
    return [paths.warehouse, paths.warehouse.with_name(paths.warehouse.name + ".wal")]


MARKER = ".smartprov-airflow-timings"


def empty_scratch_home(home: Path) -> None:
    """Empty ``home`` for a new measurement: only when it is new, empty or a former one."""
    if home.exists() and any(home.iterdir()) and not (home / MARKER).exists():
        raise RuntimeError(f"{home} is not empty and not a timings home: refusing to empty it")
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    (home / MARKER).write_text(
        "scratch home of `smartprov demo airflow-timings`: emptied each run\n"
    )


def measure(paths: Paths, sample: Sample, echo: Callable[[str], None] = print) -> dict[str, Any]:
    """The whole measurement on the (emptied) home ``paths``; the figures as a dict."""
    empty_scratch_home(paths.home)
    paths.ensure()
    # no scheduled or asset-triggered runs: only the two triggered here run
    extra = {"AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False"}
    if not settings.PII_KEY.is_set():
        extra[DEMO_ENV] = "1"  # simulated data only: the home's generated demo key will do
    env = services.scheduler_environment(paths, extra)
    echo(f"simulating {sample.simulate_args()} into {paths.home}")
    _smartprov(paths, env, "simulate", *sample.simulate_args())
    echo("loading history (every day before the last) and a full build")
    load_history(paths, env, sample)
    _smartprov(paths, env, "airflow", "setup")
    logs = paths.home / "process-logs"
    snapshot = paths.home / "snapshot"
    with services.airflow_services(env, logs):
        services.wait_until(
            "DAGs parsed by the dag-processor", lambda: services.dags_parsed(paths), 600, logs
        )
        before = sample.last_day - timedelta(days=1)
        echo(f"services up; first service-log run (for {before}, already loaded)")
        service_logs_first = _trigger_and_wait(
            paths,
            env,
            logs,
            config.SERVICE_LOGS_DAG,
            "--logical-date",
            f"{before.isoformat()}T00:00:00+00:00",
            run_id=FIRST_RUN_ID,
        )
        echo(f"service-log DAG for {sample.last_day}")
        logical = f"{sample.last_day.isoformat()}T00:00:00+00:00"
        service_logs = _trigger_and_wait(
            paths, env, logs, config.SERVICE_LOGS_DAG, "--logical-date", logical
        )
        snapshot.mkdir()
        for file in _warehouse_files(paths):
            if file.exists():
                shutil.copy2(file, snapshot / file.name)
        echo("warehouse DAG")
        warehouse = _trigger_and_wait(paths, env, logs, config.WAREHOUSE_DAG)
    for file in _warehouse_files(paths):
        file.unlink(missing_ok=True)
        if (snapshot / file.name).exists():
            shutil.copy2(snapshot / file.name, file)
    echo("smartprov transform on the same data")
    transform_s = _smartprov(paths, env, "transform")
    return {
        "sample": {**sample.__dict__, "start": sample.start.isoformat()},
        "day": sample.last_day.isoformat(),
        "service_logs_first": service_logs_first,
        "service_logs": service_logs,
        "warehouse": warehouse,
        "transform_s": transform_s,
        "warehouse_vs_transform": warehouse["seconds"] / transform_s if transform_s else None,
        "build_vs_transform": _build_seconds(warehouse) / transform_s if transform_s else None,
    }


def _build_seconds(run: dict[str, Any]) -> float:
    """The warehouse run without publish and notify (what `smartprov transform` also does)."""
    after = sum(run["tasks"].get(name, {}).get("sum_s", 0.0) for name in ("publish", "notify"))
    return run["seconds"] - after


def report(figures: dict[str, Any]) -> str:
    """The figures as the lines `smartprov demo airflow-timings` prints."""
    lines = [f"sample {figures['sample']}, daily run for {figures['day']}"]
    labels = {
        "service_logs_first": "first run after start, nothing new",
        "service_logs": "daily run",
        "warehouse": "daily run",
    }
    for key, label in labels.items():
        run = figures[key]
        lines.append(
            f"{run['dag_id']} ({label}): {run['state']} in {run['seconds']:.1f} s "
            f"(queued {run['queue_s']:.1f} s before start; first task queued to last task "
            f"ended {run['tasks_span_s']:.1f} s)"
        )
        for name, group in sorted(run["tasks"].items()):
            lines.append(
                f"  {name}: {group['count']} task(s), sum {group['sum_s']:.1f} s, "
                f"max {group['max_s']:.1f} s, first start to last end {group['span_s']:.1f} s"
            )
        if run["not_ok"]:
            lines.append(f"  not ok: {', '.join(run['not_ok'])}")
    lines.append(f"smartprov transform (same data): {figures['transform_s']:.1f} s")
    ratio = figures["warehouse_vs_transform"]
    if ratio is not None:
        lines.append(f"warehouse DAG / transform: {ratio:.2f}")
        lines.append(
            f"warehouse DAG without publish and notify / transform: "
            f"{figures['build_vs_transform']:.2f}"
        )
    return "\n".join(lines)

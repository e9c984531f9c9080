"""Airflow as in production: api-server, scheduler (LocalExecutor), dag-processor and triggerer
as separate processes on one platform home, each in its own process group, always stopped.

Used by `smartprov demo airflow-timings` and by tests/dags/test_scheduler.py. The caller builds the
environment (``scheduler_environment``) and triggers runs with ``airflow dags trigger``; run and
task figures are read from the SQLite metadata database (``query``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from smartprov.base import settings
from smartprov.base.settings import Paths
from smartprov.orchestration import config

PROCESSES = ("api-server", "scheduler", "dag-processor", "triggerer")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def airflow_executable() -> str:
    from smartprov.orchestration.setup import airflow_executable as executable

    return executable()


def scheduler_environment(paths: Paths, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The full environment of the services and CLI calls of ``paths``' home: this process's
    environment, the platform's Airflow variables on a free port, no retries (a data failure
    fails at once), warnings only, and no outside LAPOR connection."""
    env = {
        **os.environ,
        **config.airflow_environment(paths, port=free_port()),
        settings.AIRFLOW_RETRIES.name: "0",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        **(extra or {}),
    }
    env.pop("AIRFLOW_CONN_LAPOR_API", None)
    return env


@contextlib.contextmanager
def airflow_services(env: Mapping[str, str], logs: Path) -> Iterator[list[subprocess.Popen]]:
    """Run api-server, scheduler, dag-processor and triggerer with ``env``, each logging to
    ``logs/<name>.log``; on exit SIGTERM to each process group, SIGKILL after 60 s."""
    logs.mkdir(parents=True, exist_ok=True)
    processes: list[subprocess.Popen] = []
    try:
        for name in PROCESSES:
            with (logs / f"{name}.log").open("w") as out:
                processes.append(
                    subprocess.Popen(
                        [airflow_executable(), name],
                        env=dict(env),
                        stdout=out,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
        yield processes
    finally:
        stop(processes)


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def airflow_cli(env: Mapping[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``airflow <args>`` with ``env``; raises RuntimeError with stderr's tail on failure."""
    done = subprocess.run(
        [airflow_executable(), *args], env=dict(env), capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise RuntimeError(f"airflow {' '.join(args)}:\n{done.stderr[-3000:]}")
    return done


def query(paths: Paths, sql: str, *params: object) -> list[tuple]:
    """Read the home's SQLite metadata database (read-only)."""
    return query_db(paths.airflow / "airflow.db", sql, *params)


def query_db(db: Path, sql: str, *params: object) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)) as con:
        return con.execute(sql, params).fetchall()


def tail(logs: Path, chars: int = 2500) -> str:
    return "\n".join(
        f"--- {p.name}\n{p.read_text(errors='replace')[-chars:]}"
        for p in sorted(logs.glob("*.log"))
    )


def wait_until(what: str, check: Callable[[], bool], timeout: float, logs: Path) -> None:
    """Poll ``check`` every 3 s; TimeoutError naming ``what`` with the services' log tails."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not reached after {timeout:.0f} s\n{tail(logs)}")
        time.sleep(3)


def dags_parsed(paths: Paths) -> bool:
    try:
        return len(query(paths, "select dag_id from dag")) >= len(config.ALL_DAGS)
    except sqlite3.Error:
        return False


def run_finished(paths: Paths, dag_id: str, run_id: str) -> bool:
    rows = query(
        paths,
        "select state from dag_run where dag_id = ? and run_id = ? and state in "
        "('success', 'failed')",
        dag_id,
        run_id,
    )
    return bool(rows)

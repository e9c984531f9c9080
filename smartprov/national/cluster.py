"""A Spark standalone cluster started from the pyspark distribution: one master, N workers.

pyspark's wheel ships ``bin/spark-class`` and every jar; with ``SPARK_HOME`` set to the package
folder, ``spark-class org.apache.spark.deploy.master.Master`` and ``...worker.Worker`` are a
real standalone cluster (the same classes docker-compose.yml's spark-master and spark-worker
services run). Everything binds to loopback on free ports; logs and the workers' scratch folders
go under the given folder; each daemon runs in its own process group, so stopping the cluster
also ends the executors the workers started (no orphan JVMs).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

LOOPBACK = "127.0.0.1"
MASTER_CLASS = "org.apache.spark.deploy.master.Master"
WORKER_CLASS = "org.apache.spark.deploy.worker.Worker"
# the daemons' own heap (not the executors'): small, the machine is shared
DAEMON_MEMORY = "256m"


class ClusterError(RuntimeError):
    """The cluster could not start (no Java, no pyspark, or a daemon did not come up)."""


def spark_home() -> Path:
    try:
        import pyspark
    except ImportError as error:  # pragma: no cover - the national group is installed by setup
        raise ClusterError("pyspark is not installed: run `make setup`") from error
    return Path(pyspark.__file__).resolve().parent


def java() -> str:
    """The java binary, or a clear error: Spark needs a Java 17+ runtime."""
    found = shutil.which("java")
    if not found:
        raise ClusterError(
            "Java is not installed: Spark needs a Java 17 runtime"
            " (Debian: apt-get install openjdk-17-jre-headless)"
        )
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    """A running standalone cluster; ``stop()`` (or leaving the ``with`` block) ends it."""

    master_url: str
    web_url: str
    folder: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    def state(self) -> dict:
        """The master's JSON status (workers, applications)."""
        with urllib.request.urlopen(f"{self.web_url}/json/", timeout=5) as answer:
            return json.load(answer)

    def alive_workers(self) -> int:
        return sum(1 for worker in self.state().get("workers", []) if worker["state"] == "ALIVE")

    def stop(self, timeout: float = 30) -> None:
        """Workers first (they end their executors), then the master; SIGKILL what lingers."""
        for process in reversed(self.processes):
            _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for process in reversed(self.processes):
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait(10)
            _signal_group(process, signal.SIGKILL)  # executors left in the group, if any
        self.processes.clear()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


def _environment(folder: Path) -> dict[str, str]:
    home = spark_home()
    java_bin = Path(os.path.realpath(java()))
    return {
        **os.environ,
        "SPARK_HOME": str(home),
        "JAVA_HOME": str(java_bin.parent.parent),
        "SPARK_LOCAL_IP": LOOPBACK,
        "SPARK_LOG_DIR": str(folder / "logs"),
        "SPARK_DAEMON_MEMORY": DAEMON_MEMORY,
        "SPARK_NO_DAEMONIZE": "1",
    }


def _launch(folder: Path, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
    log = (folder / "logs" / f"{name}.log").open("ab")
    try:
        return subprocess.Popen(
            [str(spark_home() / "bin" / "spark-class"), *args],
            env=env,
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends it and its executors
        )
    finally:
        log.close()


def _wait_for(cluster: Cluster, workers: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in cluster.processes:
            if process.poll() is not None:
                raise ClusterError(f"a Spark daemon exited; see {cluster.folder / 'logs'}")
        try:
            if cluster.alive_workers() >= workers:
                return
        except (OSError, ValueError):
            # the master's web UI is not up yet: refused, or bound with its pages still being
            # attached (Spark 4 then answers /json/ with its HTML page, not JSON)
            pass
        time.sleep(0.5)
    raise ClusterError(f"{workers} workers did not register in {timeout:.0f} s; see the logs")


def start(
    folder: Path,
    *,
    workers: int = 2,
    worker_memory: str = "1g",
    worker_cores: int = 1,
    timeout: float = 180,
) -> Cluster:
    """Start a master and ``workers`` workers on loopback; returns when all are registered."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "logs").mkdir(exist_ok=True)
    env = _environment(folder)
    port, web_port = free_port(), free_port()
    cluster = Cluster(f"spark://{LOOPBACK}:{port}", f"http://{LOOPBACK}:{web_port}", folder)
    master_args = [MASTER_CLASS, "--host", LOOPBACK, "--port", str(port)]
    try:
        cluster.processes.append(
            _launch(folder, "master", [*master_args, "--webui-port", str(web_port)], env)
        )
        for index in range(1, workers + 1):
            work = folder / f"worker-{index}"
            work.mkdir(exist_ok=True)
            args = [WORKER_CLASS, "--host", LOOPBACK, "--webui-port", str(free_port())]
            args += ["--cores", str(worker_cores), "--memory", worker_memory]
            args += ["--work-dir", str(work), cluster.master_url]
            cluster.processes.append(_launch(folder, f"worker-{index}", args, env))
        _wait_for(cluster, workers, timeout)
    except BaseException:
        cluster.stop()
        raise
    return cluster

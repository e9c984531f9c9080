"""The national build measured: wall time and peak memory per process, per engine.

``python -m devtools.bench.national --lake LAKE --home HOME`` builds the national marts from the
lake on DuckDB, on Spark with one worker and on Spark with two (each cluster started and
stopped here), sampling every process of the build (the dbt process, which is Spark's driver,
and its JVM) and of the cluster (master, workers, executors) from /proc twice a second. Prints
one JSON object per engine: rows read, wall seconds, the peak resident memory of each process
role (the sum over processes of a role, e.g. both executors).
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from pathlib import Path

from smartprov.base.settings import Paths
from smartprov.national import cluster as spark_cluster
from smartprov.national.build import build
from smartprov.national.lake import snapshot

ROLES = (
    ("executor", "CoarseGrainedExecutorBackend"),
    ("worker", "deploy.worker.Worker"),
    ("master", "deploy.master.Master"),
)
DRIVER = "driver (dbt + its JVM)"


def _processes() -> dict[int, tuple[int, str, int]]:
    """pid -> (parent pid, command line, resident KiB) of every process we may read."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss = int(fields.get("VmRSS", "0 kB").split()[0])
        found[int(entry.name)] = (int(fields["PPid"]), command, rss)
    return found


def _descendants(root: int, table: dict[int, tuple[int, str, int]]) -> set[int]:
    out, frontier = set(), {root}
    while frontier:
        children = {pid for pid, (ppid, _, _) in table.items() if ppid in frontier}
        frontier = children - out
        out |= children
    return out


def _sample(cluster_pids: list[int], peaks: dict[str, int]) -> None:
    """The build's processes (our descendants outside the cluster) and the cluster's, by role."""
    table = _processes()
    cluster = set(cluster_pids)
    for pid in cluster_pids:
        cluster |= _descendants(pid, table)
    totals: dict[str, int] = {}
    for pid in _descendants(os.getpid(), table):
        _, command, rss = table[pid]
        role = DRIVER
        if pid in cluster:
            role = next((r for r, needle in ROLES if needle in command), "other")
        totals[role] = totals.get(role, 0) + rss
    for role, kib in totals.items():
        peaks[role] = max(peaks.get(role, 0), kib)


def measure(home: Path, lake: Path, engine: str, workers: int) -> dict:
    peaks: dict[str, int] = {}
    stop = threading.Event()
    cluster_pids: list[int] = []

    def sampler() -> None:
        while not stop.is_set():
            _sample(cluster_pids, peaks)
            time.sleep(0.5)

    paths = Paths(home)
    started = time.monotonic()
    running = spark_cluster.start(paths.national / "cluster", workers=workers) if workers else None
    cluster_seconds = time.monotonic() - started
    cluster_pids.extend(p.pid for p in (running.processes if running else []))
    thread = threading.Thread(target=sampler, daemon=True)
    thread.start()
    try:
        result = build(paths, engine, master=running.master_url if running else None, lake=lake)
    finally:
        stop.set()
        thread.join()
        if running:
            running.stop()
    rows = sum(
        sum(f["rows"] for f in p.manifest["files"].values()) for p in snapshot(lake).partitions
    )
    return {
        "engine": engine,
        "workers": workers,
        "provinces": len(result.provinces),
        "lake_rows": rows,
        "cluster_start_s": round(cluster_seconds, 1),
        "build_s": round(result.seconds, 1),
        "peak_rss_mib": {role: round(kib / 1024) for role, kib in sorted(peaks.items()) if kib > 0},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lake", type=Path, required=True)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--runs", default="duckdb:0,spark:1,spark:2")
    args = parser.parse_args()
    for run in args.runs.split(","):
        engine, workers = run.split(":")
        home = (args.home / f"{engine}-{workers}").resolve()
        print(json.dumps(measure(home, args.lake.resolve(), engine, int(workers))), flush=True)


if __name__ == "__main__":
    main()

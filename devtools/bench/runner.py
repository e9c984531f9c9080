"""Run the benchmark: each step in its own process, on one generated data set.

Wall time is measured inside each step's process around the work only; peak memory is the
child's maximum resident set size as the kernel reports it to ``os.wait4`` (the process and
anything it waited for). Nothing here asserts anything about time.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from devtools.bench.steps import RESULT_PREFIX, next_day_date
from smartprov.base import settings
from smartprov.base.settings import DUCKDB_MEMORY_LIMIT, DUCKDB_THREADS, Paths

DEFAULT_ROWS = 20_000_000
# A past year: the simulated days and the incremental step's next day must all lie before the
# day the bench runs, or service-log-v1's future-date rule quarantines them whole (a bench run
# on 2026-11-30 with a 2026 year lost December's 1,050 files and measured an empty next day).
DEFAULT_START = date(2025, 1, 1)
YEAR = 365
SEED = 7
MARKER = ".smartprov-bench"


class BenchError(RuntimeError):
    """A step failed (its log is named in the message)."""


@dataclass(frozen=True)
class Plan:
    rows: int
    start: date
    days: int
    scale: float
    seed: int = SEED

    def args(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "days": self.days, "scale": self.scale,
                "seed": self.seed}  # fmt: skip


def _rows_per_scale(start: date, days: int) -> float:
    """Expected delivered rows at scale 1 for [start, start + days) (every regency and village)."""
    from devtools.simulate.service_logs import expected_rows

    return expected_rows(start, days)


def plan(rows: int = DEFAULT_ROWS, days: int | None = None, start: date = DEFAULT_START) -> Plan:
    """The simulator arguments that deliver about ``rows`` service-log rows.

    A full year unless told otherwise, while that keeps files at least at the simulator's
    normal size (scale >= 1); a smaller request uses fewer days at scale 1 instead of a year of
    near-empty files, so per-file costs are not exaggerated. The simulator skips a few
    regency-days (missing or broken deliveries, ~2 %): the scale carries a 3 % margin so the
    total stays at or above ``rows``.
    """
    if days is None:
        days = YEAR
        if rows < _rows_per_scale(start, YEAR):
            per_day = _rows_per_scale(start, 7) / 7
            days = max(2, min(YEAR, round(rows / per_day)))
    scale = rows * 1.03 / _rows_per_scale(start, days)
    return Plan(rows=rows, start=start, days=days, scale=round(scale, 4))


def _disk(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def prepare_home(home: Path, plan_: Plan) -> bool:
    """Empty the bench home except a landing generated with the same plan; True if reused."""

    home.mkdir(parents=True, exist_ok=True)
    marker = home / MARKER
    if any(home.iterdir()) and not marker.exists():
        raise BenchError(f"{home} is not empty and not a benchmark home: choose another --home")
    previous = json.loads(marker.read_text()) if marker.exists() else None
    reuse = previous == plan_.args() and (home / "landing" / "_expected.json").exists()
    # the simulator's output: landing/ and the API feed's top folder
    simulated = ("landing", Paths(home).lapor_api_feed.relative_to(home).parts[0])
    for child in home.iterdir():
        if child.name == MARKER or (reuse and child.name in simulated):
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
    if reuse:  # the next day belongs to the incremental step: take back what it delivered
        day = next_day_date(plan_.args())
        for delivered in (home / "landing" / "service_logs").glob(f"*/{day.isoformat()}.*"):
            delivered.unlink()
    marker.write_text(json.dumps(plan_.args()))
    return reuse


def check_loads(steps: dict[str, dict[str, Any]], landing: Path) -> None:
    """Raise BenchError unless the ingest loaded and quarantined exactly what the simulator
    says a correct ingestion of this landing does (``landing/_expected.json``), and the
    incremental day added rows: figures of a run that lost data measure nothing."""
    from devtools.simulate.manifest import MANIFEST

    expected = json.loads((landing / MANIFEST).read_text())["service_logs_total"]
    ingest = steps["ingest"]
    wrong = {
        key: (ingest[key], expected[key])
        for key in ("rows_loaded", "rows_quarantined", "files_quarantined")
        if ingest[key] != expected[key]
    }
    if wrong:
        shown = ", ".join(
            f"{key} {got:,} (expected {want:,})" for key, (got, want) in wrong.items()
        )
        raise BenchError(f"the ingest step did not load what the landing holds: {shown}")
    day = steps.get("incremental")
    if day is not None and day["fact_rows_added"] <= 0:
        raise BenchError(
            f"the incremental day ({steps['next_day']['day']}, {day['files']} files) added no "
            "transactions: its figures would measure an empty day"
        )


def run_step(home: Path, name: str, args: dict[str, Any], logs: Path) -> dict[str, Any]:
    """Run one step in a child process; its result plus ``peak_rss_mb`` and ``process_s``."""
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / f"{name}.log"
    env = {**os.environ, settings.HOME.name: str(home), "PYTHONUNBUFFERED": "1"}
    env.setdefault(settings.PII_KEY.name, "benchmark-pii-key-not-a-secret-0123456789")
    began = time.perf_counter()
    with log_path.open("w") as log:
        child = subprocess.Popen(
            [sys.executable, "-m", "devtools.bench.steps", name, str(home), json.dumps(args)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    process_s = time.perf_counter() - began
    found = [
        line[len(RESULT_PREFIX) :]
        for line in log_path.read_text(errors="replace").splitlines()
        if line.startswith(RESULT_PREFIX)
    ]
    if child.returncode != 0 or not found:
        raise BenchError(f"step {name} failed (exit {child.returncode}); see {log_path}")
    result = json.loads(found[-1])
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux: kilobytes
    result["process_s"] = process_s
    if result.get("rows") and result.get("wall_s"):
        result["rows_per_s"] = result["rows"] / result["wall_s"]
    return result


STEP_ORDER = (
    ("generate", {}),
    ("baseline", {}),
    ("ingest", {"sources": ["service_logs"]}),
    ("ingest_other", {"sources": ["lapor", "rollout", "indicators"]}),
    ("full_refresh", {"full_refresh": True}),
    ("next_day", {}),
    ("incremental", {}),
    ("publish", {}),
    ("charts", {}),
)
STEP_FUNCTION = {"ingest_other": "ingest", "full_refresh": "transform"}


def warm_page_cache(folder: Path) -> int:
    """Read every file under ``folder`` once, untimed, so that the baseline (the first step to
    read the landing) and ingest (the second) both read from the page cache: a reused landing
    is cold after other work, and a cold first read made the baseline 35.4 s instead of
    28-30 s (and the ratio against it look better than it was). Returns the bytes read."""
    total = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    total += len(chunk)
    return total


def run_bench(
    home: Path,
    rows: int = DEFAULT_ROWS,
    *,
    days: int | None = None,
    repeat: int = 20,
    progress=None,
) -> dict[str, Any]:
    """Run every step on one data set in ``home``; the figures as one JSON-ready dict."""
    home = home.resolve()
    the_plan = plan(rows, days)
    reused = prepare_home(home, the_plan)
    paths = Paths(home).ensure()
    logs = home / "bench-logs"
    steps: dict[str, dict[str, Any]] = {}
    for name, extra in STEP_ORDER:
        if name == "generate" and reused:
            continue
        if name == "baseline":
            warm_page_cache(paths.landing)
        if progress:
            progress(f"{name} ...")
        args = {**the_plan.args(), **extra, "repeat": repeat}
        # run_step names the log after the step, the child runs the step's function
        result = run_step(home, STEP_FUNCTION.get(name, name), args, logs / name)
        steps[name] = result
        if progress:
            progress(f"{name}: {result['wall_s']:.1f} s, peak {result['peak_rss_mb']:.0f} MB")
        if name in ("ingest", "incremental"):
            check_loads(steps, paths.landing)
    landing_bytes = _disk(paths.landing)
    figures = {
        "dataset": {
            **the_plan.args(),
            "rows_requested": rows,
            "service_log_rows": steps["baseline"]["rows"],
            "service_log_files": steps["ingest"]["files"],
            "landing_reused": reused,
        },
        "machine": {
            "cpus": os.cpu_count(),
            "duckdb_memory_limit": DUCKDB_MEMORY_LIMIT,
            "duckdb_threads": DUCKDB_THREADS,
        },
        "steps": steps,
        **headline(steps),
        "disk_bytes": {
            "landing": landing_bytes,
            "quarantine": _disk(paths.quarantine),
            "warehouse": _disk(paths.warehouse),
            "serving": _disk(paths.serving),
            "baseline_scratch": steps["baseline"].get("disk_bytes", 0),
            "total_home": _disk(home),
        },
    }
    return figures


def headline(steps: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The rows of issue 13's table, from the steps' figures."""
    day, full = steps["incremental"], steps["full_refresh"]
    return {
        "incremental_day_s": day["wall_s"],
        "incremental_split_s": {k: day[f"{k}_s"] for k in ("ingest", "dbt", "publish")},
        "full_refresh_s": full["wall_s"],
        "publish_s": steps["publish"]["wall_s"],
        "ingest_vs_baseline": steps["ingest"]["wall_s"] / steps["baseline"]["wall_s"],
        "peak_rss_mb": max(s["peak_rss_mb"] for s in steps.values()),
        "chart_p95_ms": steps["charts"]["p95_ms"],
        "incremental_vs_full": day["wall_s"] / full["wall_s"],
    }


def _fmt_rate(value: float | None) -> str:
    return f"{value:,.0f}" if value else "-"


def table(figures: dict[str, Any]) -> str:
    """The figures as a plain text table."""
    lines = [
        f"{'step':<14} {'wall s':>9} {'rows':>12} {'rows/s':>12} {'peak MB':>9}  note",
        "-" * 78,
    ]
    notes = {
        "baseline": "DuckDB read_csv/read_json per regency, no validation",
        "ingest": "service logs: validation, lineage, quarantine, GX",
        "ingest_other": "LAPOR export, rollout, indicators",
        "full_refresh": "dbt build --full-refresh (fct rows)",
        "incremental": "one new day: ingest + dbt build + publish",
        "publish": "serving.duckdb (rows of all marts)",
    }
    for name, step in figures["steps"].items():
        if name == "next_day":
            continue
        note = notes.get(name, "")
        if name == "charts":
            note = (
                f"{step['charts']} charts x {step['repeat']}: p50 {step['p50_ms']:.1f} ms, "
                f"p95 {step['p95_ms']:.1f} ms (worst chart p95 {step['max_chart_p95_ms']:.1f})"
            )
        if name == "incremental":
            note += (
                f" (ingest {step['ingest_s']:.1f} s, dbt {step['dbt_s']:.1f} s,"
                f" publish {step['publish_s']:.1f} s)"
            )
        lines.append(
            f"{name:<14} {step['wall_s']:>9.1f} {step.get('rows', 0) or 0:>12,} "
            f"{_fmt_rate(step.get('rows_per_s')):>12} {step['peak_rss_mb']:>9.0f}  {note}"
        )
    lines.append("-" * 78)
    disk = figures["disk_bytes"]
    lines.append(
        f"incremental_vs_full = {figures['incremental_vs_full']:.3f}; "
        f"ingest_vs_baseline = {figures['ingest_vs_baseline']:.2f}; peak memory "
        f"{figures['peak_rss_mb']:.0f} MB; disk {disk['total_home'] / 1e9:.2f} GB "
        f"(landing {disk['landing'] / 1e9:.2f}, quarantine {disk['quarantine'] / 1e9:.2f}, "
        f"warehouse {disk['warehouse'] / 1e9:.2f}, serving {disk['serving'] / 1e9:.3f})"
    )
    return "\n".join(lines)

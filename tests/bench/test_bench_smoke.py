"""`smartprov bench` runs end to end on a small data set and prints the figures as JSON.

Only the shape is checked (keys present, numbers positive): the benchmark asserts nothing
about time, and neither does this test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from devtools.bench import plan

STEPS = ("baseline", "ingest", "full_refresh", "incremental", "publish", "charts")


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_bench_json_shape(tmp_path: Path) -> None:
    env = {**os.environ, "SMARTPROV_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "smartprov",
            "bench",
            "--rows",
            "20000",
            "--json",
            "--repeat",
            "2",
            "--home",
            str(tmp_path / "bench"),
        ],  # fmt: skip
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(done.stdout)
    assert figures["ingest_vs_baseline"] > 0
    assert figures["peak_rss_mb"] > 0
    # every row of issue 13's table
    for key in ("incremental_day_s", "full_refresh_s", "publish_s", "chart_p95_ms"):
        assert figures[key] > 0, key
    split = figures["incremental_split_s"]
    assert set(split) == {"ingest", "dbt", "publish"} and min(split.values()) > 0
    assert sum(split.values()) == pytest.approx(figures["incremental_day_s"])
    assert figures["incremental_vs_full"] == pytest.approx(
        figures["incremental_day_s"] / figures["full_refresh_s"]
    )
    assert figures["dataset"]["service_log_rows"] > 10_000
    for name in STEPS:
        step = figures["steps"][name]
        assert step["wall_s"] > 0, name
        assert step["peak_rss_mb"] > 0, name
        if name != "charts":
            assert step["rows"] > 0 and step["rows_per_s"] > 0, name
    charts = figures["steps"]["charts"]
    assert charts["charts"] >= 17
    assert charts["p50_ms"] > 0 and charts["p95_ms"] >= charts["p50_ms"]
    assert all(c["p95_ms"] > 0 for c in charts["per_chart"].values())
    # the same service-log files were read by the baseline and by ingest
    assert figures["steps"]["ingest"]["rows"] <= figures["steps"]["baseline"]["rows"]
    assert figures["disk_bytes"]["landing"] > 0


def test_plan_reaches_the_default_size_with_a_full_year() -> None:
    default = plan()
    assert default.days == 365
    assert default.scale > 1
    small = plan(20_000)
    assert 2 <= small.days < 365


def test_bench_has_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "smartprov", "bench", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "--rows" in done.stdout


def test_a_reused_landing_gives_the_next_day_back(tmp_path: Path) -> None:
    """A second bench over the same landing measures a real new day: the files the previous
    run's incremental step copied in are taken out of the landing before the full ingest."""
    from datetime import date, timedelta

    from devtools.bench.runner import MARKER, prepare_home

    home = tmp_path / "bench"
    the_plan = plan(20000)
    args = the_plan.args()
    next_day = date.fromisoformat(args["start"]) + timedelta(days=int(args["days"]))
    last_day = next_day - timedelta(days=1)
    folder = home / "landing" / "service_logs" / "33.01"
    folder.mkdir(parents=True)
    (home / "landing" / "_expected.json").write_text("{}")
    (folder / f"{last_day}.csv").write_text("kept")
    (folder / f"{next_day}.csv").write_text("delivered by the previous incremental step")
    (home / MARKER).write_text(json.dumps(args))
    (home / "warehouse.duckdb").write_text("old")

    assert prepare_home(home, the_plan) is True
    assert (folder / f"{last_day}.csv").exists()
    assert not (folder / f"{next_day}.csv").exists()
    assert not (home / "warehouse.duckdb").exists()


def test_the_landing_is_read_once_before_the_baseline(tmp_path: Path) -> None:
    """The page-cache warm-up reads every file (links are not followed), so the baseline and
    ingest read the same warm landing."""
    from devtools.bench.runner import warm_page_cache

    (tmp_path / "service_logs" / "33.76").mkdir(parents=True)
    sizes = {"service_logs/33.76/2026-03-05.csv": 3_000_000, "lapor/2026-03-05.csv": 17}
    for name, size in sizes.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x" * size)
    (tmp_path / "link.csv").symlink_to(tmp_path / "lapor" / "2026-03-05.csv")
    assert warm_page_cache(tmp_path) == sum(sizes.values())


def _landing_expecting(tmp_path: Path, **totals: int) -> Path:
    from devtools.simulate.manifest import MANIFEST

    (tmp_path / MANIFEST).write_text(json.dumps({"service_logs_total": totals}))
    return tmp_path


def test_bench_refuses_figures_of_a_run_that_lost_data(tmp_path: Path) -> None:
    """The bench checks its ingest against the landing's manifest (a future-dated month once
    went to quarantine unnoticed and the figures looked fine) and that the next day added
    transactions."""
    from devtools.bench.runner import BenchError, check_loads

    landing = _landing_expecting(
        tmp_path, rows_loaded=1_000, rows_quarantined=5, files_quarantined=1
    )
    good = {"rows_loaded": 1_000, "rows_quarantined": 5, "files_quarantined": 1}
    check_loads({"ingest": good}, landing)
    lost = {**good, "rows_loaded": 900, "files_quarantined": 4}
    with pytest.raises(BenchError, match="rows_loaded 900 .expected 1,000.*files_quarantined 4"):
        check_loads({"ingest": lost}, landing)
    empty_day = {
        "ingest": good,
        "next_day": {"day": "2027-01-01"},
        "incremental": {"fact_rows_added": 0, "files": 34},
    }
    with pytest.raises(BenchError, match="2027-01-01, 34 files.*added no transactions"):
        check_loads(empty_day, landing)
    empty_day["incremental"]["fact_rows_added"] = 12
    check_loads(empty_day, landing)

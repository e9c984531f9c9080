"""Issue 11, platform half, concurrency: a second writer of warehouse.duckdb waits a bounded
time, then stops with one line naming the holder; publish removes only its own temp files.
Two real processes each time (DuckDB's own lock is per process)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from smartprov.base.settings import PROJECT_ROOT, Paths
from smartprov.publish import PublishError, publish

HOLD = """
import sys, time
from pathlib import Path
from ingestion.warehouse import open_warehouse
con = open_warehouse(Path(sys.argv[1]))
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def _env(home: Path, timeout: float) -> dict[str, str]:
    return {
        **os.environ,
        "SMARTPROV_HOME": str(home),
        "SMARTPROV_WAREHOUSE_LOCK_TIMEOUT": str(timeout),
        "PYTHONPATH": str(PROJECT_ROOT),
    }


def _holder(home: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(home / "warehouse.duckdb"), str(seconds)],
        env=_env(home, 5),
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    Paths(tmp_path).ensure()
    proc = _holder(tmp_path, 60)
    yield proc
    proc.kill()
    proc.wait()


def test_second_writer_stops_with_one_line_naming_the_holder(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "smartprov", "ingest", "--no-progress"],
        env=_env(tmp_path, 2),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert time.monotonic() - started >= 2  # it waited
    assert "Traceback" not in done.stderr and "IOException" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert f"pid {holder.pid}" in line and "since" in line and "-c" in line, line


def test_second_writer_proceeds_when_the_first_finishes(tmp_path: Path) -> None:
    Paths(tmp_path).ensure()
    first = _holder(tmp_path, 2)
    done = subprocess.run(
        [sys.executable, "-c", HOLD, str(tmp_path / "warehouse.duckdb"), "0"],
        env=_env(tmp_path, 60),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    first.wait(timeout=30)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "holding"


def test_publish_removes_only_its_own_temp_files(tmp_path: Path) -> None:
    paths = Paths(tmp_path).ensure()
    duckdb.connect(str(paths.warehouse)).close()  # no marts: publish stops after its clean-up
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    try:
        running = paths.serving.with_name(f"serving.duckdb.tmp-{other.pid}-abc")
        orphan = paths.serving.with_name(f"serving.duckdb.tmp-{dead}-def")
        mine = paths.serving.with_name(f"serving.duckdb.tmp-{os.getpid()}-ghi.wal")
        for path in (running, orphan, mine):
            path.write_text("x")
        with pytest.raises(PublishError, match="no marts"):
            publish(paths)
        assert running.exists()  # another publish still writes it
        assert not orphan.exists() and not mine.exists()
    finally:
        other.kill()
        other.wait()

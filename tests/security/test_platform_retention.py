"""Issue 11, platform half, retention: personal-data files (LAPOR landing files and quarantine
copies) older than the retention period are deleted and logged; nothing else is touched."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smartprov.base.settings import PROJECT_ROOT, Paths
from smartprov.orchestration import config
from smartprov.retention import DEFAULT_DAYS, apply_retention

DAY = 86400


def _file(path: Path, age_days: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("nama_pelapor,isi_laporan\nContoh,rahasia\n")
    stamp = time.time() - age_days * DAY
    os.utime(path, (stamp, stamp))
    return path


@pytest.fixture
def home(tmp_path: Path) -> dict[str, Path]:
    paths = Paths(tmp_path).ensure()
    return {
        "old_landing": _file(paths.landing / "lapor" / "2026-01-02.csv", 120),
        "new_landing": _file(paths.landing / "lapor" / "2026-11-01.csv", 10),
        "old_quarantine": _file(paths.quarantine / "b1" / "lapor" / "2026-01-03.csv", 100),
        "new_quarantine": _file(paths.quarantine / "b2" / "lapor" / "2026-11-02.csv", 5),
        "old_service_log": _file(paths.landing / "service_logs" / "33.76" / "a.csv", 400),
        "old_other_quarantine": _file(paths.quarantine / "b3" / "rollout" / "x.csv", 400),
    }


def test_old_lapor_files_are_removed_and_logged(
    tmp_path: Path, home: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="smartprov.retention")
    result = apply_retention(Paths(tmp_path))
    assert result.days == DEFAULT_DAYS == 90
    assert sorted(result.removed) == sorted([home["old_landing"], home["old_quarantine"]])
    assert not home["old_landing"].exists() and not home["old_quarantine"].exists()
    assert not home["old_quarantine"].parent.parent.exists()  # empty batch folder pruned
    for kept in ("new_landing", "new_quarantine", "old_service_log", "old_other_quarantine"):
        assert home[kept].exists(), kept
    assert (tmp_path / "landing" / "lapor").is_dir()
    assert str(home["old_landing"]) in caplog.text


def test_period_from_the_environment_and_cli_dry_run(tmp_path: Path, home: dict[str, Path]) -> None:
    env = {**os.environ, "SMARTPROV_HOME": str(tmp_path), "SMARTPROV_RETENTION_DAYS": "7"}
    dry = subprocess.run(
        [sys.executable, "-m", "smartprov", "retention", "--dry-run"],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dry.returncode == 0, dry.stderr
    assert "retention 7 days: would remove 3 file(s)" in dry.stdout and home["new_landing"].exists()
    done = subprocess.run(
        [sys.executable, "-m", "smartprov", "retention"],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "retention 7 days: removed 3 file(s)" in done.stdout
    assert home["new_quarantine"].exists() and not home["new_landing"].exists()


def test_monthly_dag_and_documentation() -> None:
    assert config.RETENTION_DAG in config.ALL_DAGS
    dag_file = (config.DAGS_FOLDER / f"{config.RETENTION_DAG}.py").read_text()
    assert "smartprov.retention" in dag_file and '"0 20 1 * *"' in dag_file
    doc = (PROJECT_ROOT / "docs" / "retention.md").read_text()
    assert "27/2022" in doc and "SMARTPROV_RETENTION_DAYS" in doc

"""Three provinces simulated, run and exported into one lake, once for the national tests.

Jawa Tengah (33), DI Yogyakarta (34) and Kalimantan Utara (65, outside Java), each a few days
at a low scale, each through `smartprov simulate` and `smartprov run` as an operator would run
them (their own home, the province and the shared lake, SMARTPROV_LAKE, in the environment):
`smartprov run` exports to the lake after its publish. The three province runs go side by side
(separate homes, separate processes). One nation for the session (the Spark/DuckDB tests and
the Nasional dashboard test read the same lake).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

PROVINCES = ("33", "34", "65")
SIMULATION = ["--start", "2026-01-01", "--days", "3", "--seed", "7", "--scale", "0.05"]
SMARTPROV = Path(sys.executable).with_name("smartprov")


@dataclass(frozen=True)
class Nation:
    root: Path
    lake: Path
    homes: dict[str, Path]
    envs: dict[str, dict[str, str]]
    timings: dict[str, float]


def province_env(home: Path, code: str, lake: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SMARTPROV_HOME": str(home),
        "SMARTPROV_PROVINCE": code,
        "SMARTPROV_LAKE": str(lake),
        "SMARTPROV_PII_KEY": "test-pii-key-not-a-secret-0123456789abcdef",
    }


def smartprov(env: dict[str, str], *args: str, timeout: float = 900) -> str:
    done = subprocess.run(
        [str(SMARTPROV), *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"smartprov {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="session")
def nation(tmp_path_factory: pytest.TempPathFactory) -> Nation:
    root = tmp_path_factory.mktemp("nation")
    lake = root / "lake"
    homes = {code: root / f"province-{code}" for code in PROVINCES}
    envs = {code: province_env(homes[code], code, lake) for code in PROVINCES}
    timings: dict[str, float] = {}
    started = time.monotonic()
    script = f"{SMARTPROV} simulate {' '.join(SIMULATION)} && {SMARTPROV} run"
    running = {
        code: subprocess.Popen(
            ["bash", "-c", script],
            env=envs[code],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for code in PROVINCES
    }
    for code, process in running.items():
        output, _ = process.communicate(timeout=1500)
        assert process.returncode == 0, f"province {code}: simulate/run failed:\n{output}"
        # the lake being configured, `smartprov run` exported after its publish
        assert f"export: province {code} " in output, output[-2000:]
        assert (lake / f"province={code}").is_symlink(), code
    timings["simulate+run+export (3 provinces side by side)"] = time.monotonic() - started
    return Nation(root, lake, homes, envs, timings)


# the shared Superset of the dashboard tests (one per session), for the Nasional dashboard test
from tests.dashboards.conftest import Superset, superset, users  # noqa: E402, F401

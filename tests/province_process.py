"""Run a Python snippet as another province: a fresh interpreter at the project root with
SMARTPROV_PROVINCE (and whatever else) in its environment, as an operator would run the platform
for that province -- the province is read once per process, so it cannot change within the test
process itself. Shared by the simulator's and the whole platform's other-province tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

from smartprov.base.settings import PROJECT_ROOT


def json_as_province(
    province: str, code: str, env: Mapping[str, str] | None = None, timeout: float = 120
) -> Any:
    """Run ``code`` with ``env`` (default: this process's) and ``SMARTPROV_PROVINCE=province``;
    return the JSON its last line of output prints. A failure raises with its stderr."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env={**(env if env is not None else os.environ), "SMARTPROV_PROVINCE": province},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise AssertionError(f"as province {province}: exit {done.returncode}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])

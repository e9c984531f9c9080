"""Shared fixtures: a small seeded sample built by the real simulator and the real ingest."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from smartprov.base.settings import Paths

SAMPLE = {"start": date(2026, 1, 1), "days": 7, "seed": 7, "scale": 0.05}
# ingest refuses to run without a real-looking pseudonymisation key (outside SMARTPROV_DEMO=1);
# tests that build a home without setting one use this (32+ bytes, not a secret)
TEST_PII_KEY = "test-pii-key-not-a-secret-0123456789abcdef"
os.environ.setdefault("SMARTPROV_PII_KEY", TEST_PII_KEY)


def build_sample(root: Path, **overrides: Any) -> tuple[Paths, dict[str, Any]]:
    """Simulate deliveries into ``root`` and ingest them; returns (paths, _expected.json)."""
    from devtools.simulate import simulate
    from ingestion.ingest import ingest

    args = {**SAMPLE, **overrides}
    paths = Paths(root).ensure()
    simulate(paths, args["start"], args["days"], args["seed"], args["scale"])
    ingest(paths)
    return paths, json.loads(paths.expected_manifest.read_text())


@pytest.fixture(scope="session")
def ingested_sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, dict[str, Any]]:
    """A read-only sample home shared by tests that only look at it."""
    mp = pytest.MonkeyPatch()
    root = tmp_path_factory.mktemp("sample")
    mp.setenv("SMARTPROV_HOME", str(root))
    mp.setenv("SMARTPROV_PII_KEY", TEST_PII_KEY)
    try:
        yield build_sample(root)
    finally:
        mp.undo()

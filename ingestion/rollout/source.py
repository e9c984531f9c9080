"""The rollout register in landing/: ``rollout/rollout_register.csv``."""

from __future__ import annotations

from pathlib import Path

from ingestion.deliveries import Delivery, file_hash, files
from ingestion.registry import Source
from ingestion.rollout.spec import SPEC
from ingestion.sources import ROLLOUT

FILE_NAME = "rollout_register.csv"


def _delivery(landing: Path, path: Path) -> Delivery:
    problem = None
    if path.name != FILE_NAME:
        problem = f"file name '{path.name}' is not {FILE_NAME}"
    return Delivery(
        source=ROLLOUT,
        dataset=ROLLOUT,
        path=path,
        relative_path=path.relative_to(landing).as_posix(),
        file_hash=file_hash(path, landing),
        file_format="csv",
        name_problem=problem,
    )


def find(landing: Path, **_filters: object) -> list[Delivery]:
    """Every file in the rollout folder (the filters are for service logs)."""
    return [_delivery(landing, path) for path in files(landing / ROLLOUT, 1)]


SOURCE = Source(name=ROLLOUT, find=find, spec_for=lambda delivery: SPEC)

"""The rollout register in landing/: ``rollout/rollout_register.csv``."""

from __future__ import annotations

from pathlib import Path

from ingestion.deliveries import Delivery, Known, content, files
from ingestion.rollout.spec import SPEC
from ingestion.sources import ROLLOUT
from ingestion.spec import Source

FILE_NAME = "rollout_register.csv"


def _delivery(landing: Path, path: Path, known: Known | None) -> Delivery:
    problem = None
    if path.name != FILE_NAME:
        problem = f"file name '{path.name}' is not {FILE_NAME}"
    return Delivery(
        source=ROLLOUT,
        dataset=ROLLOUT,
        path=path,
        relative_path=path.relative_to(landing).as_posix(),
        **content(path, landing, known).fields(),
        file_format="csv",
        name_problem=problem,
    )


def find(landing: Path, *, known: Known | None = None, **_filters: object) -> list[Delivery]:
    """Every file in the rollout folder (the filters are for service logs)."""
    return [_delivery(landing, path, known) for path in files(landing / ROLLOUT, 1)]


SOURCE = Source(
    name=ROLLOUT,
    find=find,
    spec_for=lambda delivery: SPEC,
    specs=(SPEC,),
    description="Rollout register: Diskominfo's programme register (landing/rollout/), a "
    "whole-file snapshot checked daily; a new or changed file is loaded.",
    asset="rollout_register",
    schedule="0 22 * * *",  # 05:00 WIB
    order=30,
)

"""The plan targets in landing/: ``targets/target_indikator.csv``, replaced whole."""

from __future__ import annotations

from pathlib import Path

from ingestion.deliveries import Delivery, Known, content, files
from ingestion.spec import Source
from ingestion.targets.spec import SPEC
from ingestion.targets.vocabulary import SOURCE as TARGETS

FILE_NAME = "target_indikator.csv"


def _delivery(landing: Path, path: Path, known: Known | None) -> Delivery:
    problem = None
    if path.name != FILE_NAME:
        problem = f"file name '{path.name}' is not {FILE_NAME}"
    return Delivery(
        source=TARGETS,
        dataset=TARGETS,
        path=path,
        relative_path=path.relative_to(landing).as_posix(),
        **content(path, landing, known).fields(),
        file_format="csv",
        name_problem=problem,
    )


def find(landing: Path, *, known: Known | None = None, **_filters: object) -> list[Delivery]:
    """Every file in the targets folder (the filters are for service logs)."""
    return [_delivery(landing, path, known) for path in files(landing / TARGETS, 1)]


SOURCE = Source(
    name=TARGETS,
    find=find,
    spec_for=lambda delivery: SPEC,
    specs=(SPEC,),
    description="Plan targets (targets-v1): the province's targets per indicator from its plans "
    "(RPJMD, Rencana Induk Provinsi Cerdas, Renstra), a whole-file snapshot "
    "(landing/targets/target_indikator.csv) checked daily; a new or changed file replaces them.",
    asset="target_indikator",
    schedule="30 22 * * *",  # 05:30 WIB
    order=50,
)

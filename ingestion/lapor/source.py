"""LAPOR export files in landing/: ``lapor/<YYYY-MM-DD>.csv`` (the API is pulled by api.py)."""

from __future__ import annotations

from pathlib import Path

from ingestion.deliveries import Delivery, Known, content, files, parse_day
from ingestion.lapor.records import API_SPEC, EXPORT_SPEC
from ingestion.sources import EXPORT, LAPOR
from ingestion.spec import Source


def _delivery(landing: Path, path: Path, known: Known | None) -> Delivery:
    day, ext = parse_day(path.name)
    problem = None if day and ext == "csv" else f"file name '{path.name}' is not <YYYY-MM-DD>.csv"
    return Delivery(
        source=LAPOR,
        channel=EXPORT,
        dataset=LAPOR,
        path=path,
        relative_path=path.relative_to(landing).as_posix(),
        **content(path, landing, known).fields(),
        file_format=ext,
        delivery_date=day,
        name_problem=problem,
    )


def find(landing: Path, *, known: Known | None = None, **_filters: object) -> list[Delivery]:
    """Every export file (the regency and day filters are for service logs)."""
    return [_delivery(landing, path, known) for path in files(landing / LAPOR, 1)]


SOURCE = Source(
    name=LAPOR,
    find=find,
    spec_for=lambda delivery: EXPORT_SPEC,
    specs=(EXPORT_SPEC, API_SPEC),
    description="SP4N-LAPOR! complaints: the API pulled incrementally and the export files "
    "(dags/smartprov_lapor.py).",
    asset="lapor_complaints",
    order=20,
)

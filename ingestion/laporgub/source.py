"""LaporGub! export files in landing/: ``laporgub/<YYYY-MM-DD>.csv`` (``;`` or ``,``; the
readers sniff the delimiter)."""

from __future__ import annotations

from pathlib import Path

from ingestion.deliveries import Delivery, Known, content, files, parse_day
from ingestion.laporgub.spec import SOURCE as NAME
from ingestion.laporgub.spec import SPEC
from ingestion.spec import Source


def _delivery(landing: Path, path: Path, known: Known | None) -> Delivery:
    day, ext = parse_day(path.name)
    problem = None if day and ext == "csv" else f"file name '{path.name}' is not <YYYY-MM-DD>.csv"
    return Delivery(
        source=NAME,
        dataset=NAME,
        path=path,
        relative_path=path.relative_to(landing).as_posix(),
        **content(path, landing, known).fields(),
        file_format=ext,
        delivery_date=day,
        name_problem=problem,
    )


def find(landing: Path, *, known: Known | None = None, **_filters: object) -> list[Delivery]:
    """Every export file (the regency and day filters are for service logs)."""
    return [_delivery(landing, path, known) for path in files(landing / NAME, 1)]


SOURCE = Source(
    name=NAME,
    find=find,
    spec_for=lambda delivery: SPEC,
    specs=(SPEC,),
    description="LaporGub!, Central Java's own complaint channel: a daily export of every "
    "ticket created or changed that day (landing/laporgub/<YYYY-MM-DD>.csv), loaded daily; "
    "every version is kept, reporter identity only as a keyed hash.",
    asset="laporgub_reports",
    schedule="15 22 * * *",  # 05:15 WIB, after the day's export
    order=25,
)

"""Indicator datasets in landing/: ``indicators/<dataset>/<YYYY or YYYY-MM>.csv``."""

from __future__ import annotations

import re
from pathlib import Path

from ingestion.deliveries import Delivery, Known, content, files
from ingestion.indicators.spec import SPECS
from ingestion.sources import INDICATORS
from ingestion.spec import Source, SourceSpec
from ingestion.vocabulary import INDICATOR_DATASETS


def _delivery(landing: Path, path: Path, known: Known | None) -> Delivery:
    dataset = path.parent.name
    period, _, ext = path.name.rpartition(".")
    problem = None
    if dataset not in INDICATOR_DATASETS:
        problem = f"folder '{dataset}' is not a known indicator dataset"
    elif ext.lower() != "csv" or not re.fullmatch(r"\d{4}(-\d{2})?", period):
        problem = f"file name '{path.name}' is not <YYYY or YYYY-MM>.csv"
    return Delivery(
        source=INDICATORS,
        dataset=dataset,
        path=path,
        relative_path=path.relative_to(landing).as_posix(),
        **content(path, landing, known).fields(),
        file_format=ext.lower(),
        period=period,
        name_problem=problem,
    )


def find(landing: Path, *, known: Known | None = None, **_filters: object) -> list[Delivery]:
    """Every file of every dataset folder (the filters are for service logs)."""
    return [_delivery(landing, path, known) for path in files(landing / INDICATORS, 2)]


def spec_for(delivery: Delivery) -> SourceSpec:
    # an unknown dataset folder is rejected by its name; any spec can record that
    return SPECS.get(delivery.dataset, SPECS["penduduk"])


SOURCE = Source(
    name=INDICATORS,
    find=find,
    spec_for=spec_for,
    specs=tuple(SPECS.values()),
    description="Indicator sources (BPS population, GRDP, poverty; ISPU air quality; tourism): "
    "monthly or yearly files in landing/indicators/<dataset>/, checked weekly for new or "
    "revised ones.",
    asset="indicators",
    schedule="0 21 * * 0",  # Monday 04:00 WIB
    order=40,
)

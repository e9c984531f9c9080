"""Which code finds and loads each source: ``ingestion/<source>/source.py`` defines ``SOURCE``.

Shared machinery (discovery, ingest) asks this registry instead of naming sources itself, so a
new source brings its own finder and spec in its own folder.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

from ingestion.deliveries import Delivery, Known
from ingestion.sources import SOURCES
from ingestion.spec import Source


@cache
def source(name: str) -> Source:
    """The registration of ``name`` (see ingestion/sources.py for the names)."""
    registered: Source = importlib.import_module(f"ingestion.{name}.source").SOURCE
    if registered.name != name:
        raise ValueError(f"ingestion/{name}/source.py registers {registered.name!r}")
    return registered


def discover(
    landing: Path,
    sources: Iterable[str] = SOURCES,
    *,
    kode_kabkota: str | None = None,
    delivery_date: date | None = None,
    until: date | None = None,
    known: Known | None = None,
) -> list[Delivery]:
    """Every delivery file currently in landing/, optionally narrowed to one regency, one day or
    the days up to ``until`` (service logs). Each source finds its own files (registry); files
    that ``known`` (known_files) saw unchanged are not read again."""
    wanted = set(sources)
    found: list[Delivery] = []
    for name in SOURCES:
        if name in wanted:
            found += source(name).find(
                landing,
                kode_kabkota=kode_kabkota,
                delivery_date=delivery_date,
                until=until,
                known=known,
            )
    for index, delivery in enumerate(found):
        problem = delivery.refused  # content() checked the path before anything was read
        if problem:
            found[index] = replace(delivery, name_problem=problem, file_format="", unsafe=True)
    return found

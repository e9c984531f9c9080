"""Which code finds and loads each source: ``ingestion/<source>/source.py`` defines ``SOURCE``.

Shared machinery (discovery, ingest, the raw DDL, the generated DAGs and assets) asks this
registry instead of naming sources itself, so a new source brings its own finder, spec, raw
table and schedule in its own folder.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

from ingestion.deliveries import Delivery, Known
from ingestion.raw import RawTable
from ingestion.sources import SOURCES
from ingestion.spec import Source


@cache
def source(name: str) -> Source:
    """The registration of ``name`` (see ingestion/sources.py for the names)."""
    registered: Source = importlib.import_module(f"ingestion.{name}.source").SOURCE
    if registered.name != name:
        raise ValueError(f"ingestion/{name}/source.py registers {registered.name!r}")
    return registered


def loading_order() -> tuple[str, ...]:
    """Every source, in the order ingest loads them (``Source.order``, then the name)."""
    return tuple(sorted(SOURCES, key=lambda name: (source(name).order, name)))


def raw_tables() -> tuple[RawTable, ...]:
    """Every raw table of every source, in loading order."""
    return tuple(table for name in loading_order() for table in source(name).raw_tables)


def raw_ddl() -> str:
    """``create table if not exists`` for every raw table, derived from the sources' specs."""
    return "\n".join(table.ddl() for table in raw_tables())


def personal_data_sources() -> tuple[str, ...]:
    """The sources whose deliveries hold personal data (a spec names personal columns): their
    landing files and quarantine copies fall under retention (smartprov.retention)."""
    return tuple(
        name for name in loading_order() if any(s.personal_columns for s in source(name).specs)
    )


def scheduled() -> tuple[str, ...]:
    """The sources whose ingestion DAG is generated from their schedule (simple file sources)."""
    return tuple(name for name in loading_order() if source(name).schedule)


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
    for name in loading_order():
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

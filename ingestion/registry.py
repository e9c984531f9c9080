"""Which code finds and loads each source: ``ingestion/<source>/source.py`` defines ``SOURCE``.

Shared machinery (discovery, ingest) asks this registry instead of naming sources itself, so a
new source brings its own finder and spec in its own folder.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ingestion.deliveries import Delivery, Known
    from ingestion.loading import SourceSpec


class Finder(Protocol):
    def __call__(
        self,
        landing: Path,
        *,
        kode_kabkota: str | None,
        delivery_date: date | None,
        until: date | None,
        known: Known | None,
    ) -> list[Delivery]: ...


@dataclass(frozen=True)
class Source:
    """One source: its name, how its files are found in landing/, which spec loads a file."""

    name: str
    find: Finder  # the source's files in landing/ (the filters apply where they make sense)
    spec_for: Callable[[Delivery], SourceSpec]


@cache
def source(name: str) -> Source:
    """The registration of ``name`` (see ingestion/sources.py for the names)."""
    registered: Source = importlib.import_module(f"ingestion.{name}.source").SOURCE
    if registered.name != name:
        raise ValueError(f"ingestion/{name}/source.py registers {registered.name!r}")
    return registered

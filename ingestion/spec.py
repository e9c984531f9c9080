"""What a source declares: how its files are found in landing/ (:class:`Finder`), what each
kind of file loads into and how its rows are checked (:class:`SourceSpec`), and the two together
(:class:`Source`, the ``SOURCE`` of ``ingestion/<source>/source.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, Protocol

from ingestion.deliveries import Delivery, Known


@dataclass(frozen=True)
class SourceSpec:
    """What one kind of delivery loads into, and how its rows are checked."""

    source: str
    target_table: str
    required: Sequence[str]
    columns: Sequence[str]
    target_columns: Sequence[str]
    # SQL over the table `stage` (_file, _row_number, _kode_kabkota, _delivery_date and the
    # delivered columns) selecting _file, _row_number, target_columns, reason_code, reason
    validation_sql: Callable[[list[str]], str]
    # file: the delivery replaces the rows of its previous version (same relative path);
    # table: it replaces the whole table; append: rows are kept by primary key (history)
    replace: Literal["file", "table", "append"]
    personal_columns: Sequence[str] = ()


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

"""What a source declares: how its files are found in landing/ (:class:`Finder`), what each
kind of file loads into and how its rows are checked (:class:`SourceSpec`, whose
:class:`~ingestion.raw.RawTable` names the raw table's typed columns and keys once), and the two
together with the source's schedule and asset (:class:`Source`, the ``SOURCE`` of
``ingestion/<source>/source.py``). Everything else about a source is derived from these: the raw
DDL, the ingest CLI's choices, the Airflow DAG of a simple file source, the asset the warehouse
DAG waits for, the reconciliation test (see ingestion/registry.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, Protocol

from ingestion.deliveries import Delivery, Known
from ingestion.raw import RawTable


@dataclass(frozen=True)
class SourceSpec:
    """What one kind of delivery loads into, and how its rows are checked."""

    source: str
    raw: RawTable  # the table it loads into: its typed columns and keys
    required: Sequence[str]
    columns: Sequence[str]  # the delivered columns, in the contract's order
    # SQL over the table `stage` (_file, _row_number, _kode_kabkota, _delivery_date and the
    # delivered columns) selecting _file, _row_number, target_columns, reason_code, reason
    validation_sql: Callable[[list[str]], str]
    # file: the delivery replaces the rows of its previous version (same relative path);
    # table: it replaces the whole table; append: rows are kept by primary key (history)
    replace: Literal["file", "table", "append"]
    personal_columns: Sequence[str] = ()

    @property
    def target_table(self) -> str:
        return self.raw.qualified

    @property
    def target_columns(self) -> tuple[str, ...]:
        """The raw table's columns the validation SQL selects (all but the lineage)."""
        return tuple(c.name for c in self.raw.columns)


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
    specs: Sequence[SourceSpec]  # every spec spec_for can answer (their raw tables are created)
    description: str  # one line: what it is and where it comes from (the DAG's doc)
    # the asset its loads emit, ``raw_<asset>`` at smartprov://warehouse/raw/<asset>
    asset: str
    # cron (UTC) of the generated ingestion DAG (dags/smartprov_sources.py); None: the source
    # has a DAG file of its own (mapped per regency, or an API to pull)
    schedule: str | None = None
    order: int = 50  # loading order among the sources (lower first)

    @property
    def raw_tables(self) -> tuple[RawTable, ...]:
        return tuple(dict.fromkeys(spec.raw for spec in self.specs))

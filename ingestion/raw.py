"""A raw table as a source declares it: its typed columns and keys, written once in the source's
spec; the DDL (``create table if not exists raw.<name>``) is derived from it.

Every raw table ends with the same lineage columns (which file and row, which load). The
registry (:mod:`ingestion.registry`) creates the tables of every registered source when the
ingestion library opens the warehouse (:mod:`ingestion.warehouse`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ingestion.safety import quote_identifier


@dataclass(frozen=True)
class Column:
    """One raw column: its name, DuckDB type and whether it may be NULL."""

    name: str
    type: str = "varchar"
    required: bool = False
    comment: str = ""  # what a reader of the DDL needs to know (a unit, a format, a rule)

    def ddl(self) -> str:
        null = " not null" if self.required else ""
        return f"{quote_identifier(self.name)} {self.type}{null}"


def col(name: str, type: str = "varchar", *, required: bool = False, comment: str = "") -> Column:
    """A column (shorthand for the specs' declarations)."""
    return Column(name, type, required, comment)


LINEAGE = (
    Column("_row_number", "integer", True, "1 = first data row (header not counted)"),
    Column("_source_file", "varchar", True, "path under landing/ (or api:<page>)"),
    Column("_file_hash", "varchar", True),
    Column("_batch_id", "varchar", True, "audit.deliveries.batch_id"),
    Column("_loaded_at", "timestamp", True),
)


@dataclass(frozen=True)
class RawTable:
    """A table in schema ``raw``: the delivered columns (typed) and the lineage columns."""

    name: str  # without the schema
    columns: Sequence[Column]
    primary_key: Sequence[str] = ()  # append-only sources keep each version once

    @property
    def qualified(self) -> str:
        return f"raw.{self.name}"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in (*self.columns, *LINEAGE))

    def ddl(self) -> str:
        lines = [f"    {c.ddl()}" for c in (*self.columns, *LINEAGE)]
        if self.primary_key:
            keys = ", ".join(quote_identifier(k) for k in self.primary_key)
            lines.append(f"    primary key ({keys})")
        body = ",\n".join(lines)
        return f"create table if not exists raw.{quote_identifier(self.name)} (\n{body}\n);"

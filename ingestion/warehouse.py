"""The warehouse as the ingestion library opens it: the base's connection (audit tables, the
writer lock) plus the raw table of every registered source, created from the sources' specs."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingestion.registry import raw_ddl
from smartprov.base import warehouse


def create_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables that do not exist yet (``create table if not exists``)."""
    con.execute("create schema if not exists raw;\n" + raw_ddl())


def open_warehouse(path: Path, *, timeout: float | None = None) -> duckdb.DuckDBPyConnection:
    """:func:`smartprov.base.warehouse.open_warehouse`, with every source's raw table."""
    con = warehouse.open_warehouse(path, timeout=timeout)
    create_raw_tables(con)
    return con

"""Copy the ingested ``raw`` and ``audit`` tables from the DuckDB warehouse into PostgreSQL.

What a PostgreSQL-backed deployment's ingestion would have written, so the dbt project can be
built there: the same schemas, tables, column names and types. Each table goes through a CSV
file written by DuckDB's ``COPY`` and read by PostgreSQL's ``COPY FROM STDIN`` (both bulk paths).
"""

from __future__ import annotations

import re
from pathlib import Path

SCHEMAS = ("raw", "audit")

_TYPES = {
    "VARCHAR": "text",
    "BOOLEAN": "boolean",
    "TINYINT": "smallint",
    "SMALLINT": "smallint",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "HUGEINT": "numeric",
    "FLOAT": "real",
    "DOUBLE": "double precision",
    "DATE": "date",
    "TIME": "time",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "JSON": "jsonb",
    "UUID": "uuid",
}


def postgres_type(duckdb_type: str) -> str:
    if duckdb_type in _TYPES:
        return _TYPES[duckdb_type]
    if re.fullmatch(r"DECIMAL\(\d+,\d+\)", duckdb_type):
        return duckdb_type.replace("DECIMAL", "numeric")
    raise ValueError(f"no PostgreSQL type for DuckDB type {duckdb_type!r}")


def copy_warehouse(warehouse: Path, dsn: str, workdir: Path) -> dict[str, int]:
    """Create and fill every raw/audit table in PostgreSQL; returns rows per ``schema.table``."""
    import duckdb
    import psycopg2

    workdir.mkdir(parents=True, exist_ok=True)
    source = duckdb.connect(str(warehouse), read_only=True)
    target = psycopg2.connect(dsn)
    copied: dict[str, int] = {}
    try:
        columns = source.execute(
            "select table_schema, table_name, column_name, data_type"
            " from information_schema.columns where table_schema in ?"
            " order by table_schema, table_name, ordinal_position",
            [list(SCHEMAS)],
        ).fetchall()
        tables: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for schema, table, column, data_type in columns:
            tables.setdefault((schema, table), []).append((column, data_type))
        with target, target.cursor() as cur:
            for schema in SCHEMAS:
                cur.execute(f'create schema if not exists "{schema}"')
            for (schema, table), cols in tables.items():
                name = f'"{schema}"."{table}"'
                ddl = ", ".join(f'"{c}" {postgres_type(t)}' for c, t in cols)
                cur.execute(f"drop table if exists {name}")
                cur.execute(f"create table {name} ({ddl})")
                csv = workdir / f"{schema}.{table}.csv"
                # FORCE_QUOTE keeps '' apart from NULL (PostgreSQL reads an unquoted empty
                # field as NULL and a quoted one as an empty string)
                source.execute(
                    f"copy (select * from {name}) to '{csv}'"
                    " (format csv, header false, force_quote *)"
                )
                with csv.open() as data:
                    cur.copy_expert(f"copy {name} from stdin with (format csv)", data)
                copied[f"{schema}.{table}"] = cur.rowcount
                csv.unlink()
    finally:
        source.close()
        target.close()
    return copied

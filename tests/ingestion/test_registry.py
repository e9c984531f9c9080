"""A source is one folder: the raw DDL, the CLI's choices and the loading order come from the
registry, and the raw tables the registry derives are the ones the old hand-written DDL made."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingestion import registry
from ingestion.sources import SOURCES

OLD_DDL = Path(__file__).parent / "data" / "raw_ddl_84f3f2d.sql"
# the tables that existed when the DDL was hand-written (sources added since have their own)
OLD_TABLES = (
    "service_logs",
    "lapor_complaints",
    "rollout_register",
    "indicator_penduduk",
    "indicator_pdrb",
    "indicator_kemiskinan",
    "indicator_wisatawan",
    "indicator_ispu",
)

COLUMNS = """
    select table_name, column_index, column_name, data_type, is_nullable, column_default
    from duckdb_columns() where schema_name = 'raw' and table_name in (select unnest($t))
    order by table_name, column_index
"""
CONSTRAINTS = """
    select table_name, constraint_type, constraint_column_names
    from duckdb_constraints() where schema_name = 'raw' and table_name in (select unnest($t))
    order by all
"""


def _shape(ddl: str) -> tuple[list, list]:
    con = duckdb.connect()
    con.execute("create schema raw")
    con.execute(ddl)
    tables = {"t": list(OLD_TABLES)}
    return con.execute(COLUMNS, tables).fetchall(), con.execute(CONSTRAINTS, tables).fetchall()


def test_derived_raw_tables_are_the_old_ones_column_for_column() -> None:
    old_columns, old_constraints = _shape(OLD_DDL.read_text())
    new_columns, new_constraints = _shape(registry.raw_ddl())
    assert len({row[0] for row in old_columns}) == len(OLD_TABLES)
    # names, order, types, nullability, defaults; keys and NOT NULL constraints
    assert new_columns == old_columns
    assert new_constraints == old_constraints


def test_every_folder_with_a_source_module_is_a_source() -> None:
    root = Path(registry.__file__).parent
    folders = {p.parent.name for p in root.glob("*/source.py")}
    assert set(SOURCES) == folders
    assert set(registry.loading_order()) == folders


@pytest.mark.parametrize("name", SOURCES)
def test_a_source_declares_its_raw_tables_asset_and_schedule(name: str) -> None:
    src = registry.source(name)
    assert src.raw_tables and src.description and src.asset
    for spec in src.specs:
        assert spec.source == name
        assert spec.raw in src.raw_tables
        # every column the spec loads is a column of its raw table, declared once
        assert set(spec.target_columns) <= set(spec.raw.column_names)
    if src.schedule is not None:
        assert len(src.schedule.split()) == 5  # a cron line (UTC)


def test_the_ingest_cli_offers_every_registered_source() -> None:
    import click

    from smartprov.cli.ingest import ingest

    (option,) = [p for p in ingest.params if p.name == "sources"]
    assert isinstance(option.type, click.Choice)
    assert set(option.type.choices) == set(SOURCES)


def test_retention_covers_every_source_with_personal_data() -> None:
    from smartprov.retention import PERSONAL_DATA_SOURCES

    assert registry.personal_data_sources() == ("lapor", "laporgub")
    assert registry.personal_data_sources() == PERSONAL_DATA_SOURCES


def test_dbt_accepts_exactly_the_registered_sources_in_the_ledger() -> None:
    """dbt cannot read the registry: the ledger's accepted sources are listed in the audit
    staging YAML, and this test ties that list to the registry's folders."""
    import yaml

    from smartprov.base.settings import PROJECT_ROOT

    doc = yaml.safe_load(
        (PROJECT_ROOT / "dbt/models/staging/audit/_audit__models.yml").read_text(encoding="utf-8")
    )
    (deliveries,) = [m for m in doc["models"] if m["name"] == "stg_audit__deliveries"]
    (source,) = [c for c in deliveries["columns"] if c["name"] == "source"]
    (accepted,) = [t["accepted_values"] for t in source["data_tests"] if "accepted_values" in t]
    assert sorted(accepted["arguments"]["values"]) == sorted(SOURCES)

"""The dbt YAML describes the marts as dbt builds them: the Superset datasets take their
columns and types from it (dashboards/catalog), so a column the YAML lacks, or a type it gets
wrong, would reach the dashboards. Checked on the real build and publication."""

from __future__ import annotations

from dashboards.catalog.datasets import ALL_DATASETS
from dashboards.catalog.datasets.common import superset_type
from smartprov.base.model_docs import models
from tests.warehouse.conftest import query


def served_columns(serving) -> dict[str, list[tuple[str, str]]]:
    rows = query(
        serving,
        "select table_name, list((column_name, data_type) order by ordinal_position)"
        " from information_schema.columns where table_schema = 'marts' group by table_name",
    )
    return {table: [tuple(c) for c in columns] for table, columns in rows}


def test_every_dataset_mart_holds_exactly_its_documented_columns(built):
    served = served_columns(built["paths"].serving)
    docs = models()
    for dataset in ALL_DATASETS:
        built_columns = {name for name, _ in served[dataset.name]}
        # the datasets list them in the YAML's order (the documentation's, not always the table's)
        assert built_columns == set(docs[dataset.name].column_names), dataset.name


def test_every_declared_data_type_is_the_built_type(built):
    """Where the YAML gives a column's data_type (enforced by dbt where the model has a
    contract, documentation elsewhere), the published table has that type."""
    served = {t: dict(cols) for t, cols in served_columns(built["paths"].serving).items()}
    wrong = [
        f"{name}.{column.name}: YAML {column.data_type}, built {served[name][column.name]}"
        for name, doc in models().items()
        if name in served
        for column in doc.columns
        if column.data_type and superset_type(column.data_type) != served[name].get(column.name)
    ]
    declared = sum(1 for d in models().values() for c in d.columns if c.data_type)
    assert declared > 300 and not wrong, "\n".join(wrong)

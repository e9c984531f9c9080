"""The dbt YAML describes the marts as dbt builds them: the Superset datasets take their
columns and types from it (dashboards/catalog), so a column the YAML lacks, or a type it gets
wrong, would reach the dashboards. Checked on the real build and publication."""

from __future__ import annotations

import json

from dashboards.catalog.datasets import ALL_DATASETS
from dashboards.catalog.datasets.common import superset_type
from dashboards.catalog.layouts import DASHBOARDS
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


def test_the_lineage_shows_which_dashboard_reads_which_mart(built):
    """dbt resolved the exposures (dbt/models/marts/_dashboards__exposures.yml) into its
    manifest, the lineage `smartprov docs` draws: each dashboard depends on the marts its
    charts and filters read, as the catalog says."""
    manifest = json.loads(built["paths"].dbt_manifest.read_text(encoding="utf-8"))
    lineage = {
        exposure["label"]: set(exposure["depends_on"]["nodes"])
        for exposure in manifest["exposures"].values()
    }
    expected = {}
    for dashboard in DASHBOARDS:
        datasets = [c.dataset for c in dashboard.charts]
        datasets += [f.dataset for f in dashboard.filters if f.dataset is not None]
        expected[dashboard.title] = {
            f"model.smartprov.{table.removeprefix('marts.')}"
            for dataset in datasets
            for table in dataset.tables()
        }
    assert lineage == expected

"""A column is described once, in the dbt YAML: the Superset datasets take their columns,
types, labels and descriptions from it, and the dbt exposures name what each dashboard reads.
Static checks: no warehouse (the types against the built marts: tests/warehouse)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from dashboards.catalog.datasets import ALL_DATASETS
from dashboards.catalog.datasets.common import (
    UndocumentedColumn,
    documented_columns,
    superset_type,
)
from dashboards.catalog.layouts import DASHBOARDS
from smartprov.base.model_docs import MODELS_DIR, models
from smartprov.publish import NOT_PUBLISHED

EXPOSURES = MODELS_DIR / "marts" / "_dashboards__exposures.yml"


def published_marts() -> dict:
    marts = MODELS_DIR / "marts"
    return {
        name: doc
        for name, doc in models().items()
        if doc.source.is_relative_to(marts) and name not in NOT_PUBLISHED
    }


def test_every_analyst_facing_mart_column_has_a_label_and_a_deskripsi() -> None:
    """Every column of every published mart (what analysts query and Superset shows) carries
    its short Bahasa Indonesia label and its Bahasa Indonesia description in the dbt YAML."""
    missing = [
        f"{doc.source.relative_to(MODELS_DIR)}: {name}.{column.name} has no meta.{key}"
        for name, doc in published_marts().items()
        for column in doc.columns
        for key in ("label", "deskripsi")
        if not getattr(column, key)
    ]
    assert published_marts() and not missing, "\n".join(missing)


def test_a_column_without_a_label_stops_the_catalog(tmp_path: Path) -> None:
    """The catalog refuses a mart column the YAML does not label, naming file and column."""
    folder = tmp_path / "marts"
    folder.mkdir()
    (folder / "_x__models.yml").write_text(
        yaml.safe_dump(
            {
                "version": 2,
                "models": [
                    {
                        "name": "mart_x",
                        "columns": [
                            {
                                "name": "kode_kabkota",
                                "data_type": "varchar",
                                "config": {"meta": {"label": "Kode", "deskripsi": "Kode."}},
                            },
                            {
                                "name": "jumlah",
                                "data_type": "bigint",
                                "config": {"meta": {"deskripsi": "Jumlah."}},
                            },
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(UndocumentedColumn, match=r"_x__models\.yml: mart_x\.jumlah has no label"):
        documented_columns("mart_x", tmp_path)


def test_dataset_columns_are_the_yaml_columns_or_calculated() -> None:
    """No hand-typed column: a dataset's columns are its mart's YAML columns, in their order,
    with the YAML's label, type and description; anything else is a calculated column."""
    docs = models()
    for dataset in ALL_DATASETS:
        doc = docs[dataset.name]
        plain = [c for c in dataset.columns if c.expression is None]
        assert [c.name for c in plain] == list(doc.column_names), dataset.name
        for column, described in zip(plain, doc.columns, strict=True):
            assert column.label == described.label, (dataset.name, column.name)
            assert column.description == described.deskripsi, (dataset.name, column.name)
            assert column.type == superset_type(described.data_type), (dataset.name, column.name)
        calculated = [c for c in dataset.columns if c.expression is not None]
        assert not {c.name for c in calculated} & set(doc.column_names), dataset.name


def test_labels_are_distinct_within_a_dataset() -> None:
    """Two columns of one dataset never share a label (a reader could not tell them apart)."""
    for dataset in ALL_DATASETS:
        labels = [c.label for c in dataset.columns]
        repeated = sorted({label for label in labels if labels.count(label) > 1})
        assert not repeated, (dataset.name, repeated)


def _read_marts(dashboard) -> set[str]:
    tables: set[str] = set()
    for chart in dashboard.charts:
        tables |= chart.dataset.tables()
    for native_filter in dashboard.filters:
        if native_filter.dataset is not None:
            tables |= native_filter.dataset.tables()
    return {t.removeprefix("marts.") for t in tables}


def test_exposures_name_every_dashboard_and_the_marts_it_reads() -> None:
    """dbt exposures (the lineage in `smartprov docs`) match the catalog: one per dashboard,
    depending on exactly the marts its charts and filters read."""
    exposures = yaml.safe_load(EXPOSURES.read_text(encoding="utf-8"))["exposures"]
    declared = {
        e["name"]: (
            e["label"],
            e["type"],
            {re.fullmatch(r"ref\('(\w+)'\)", r)[1] for r in e["depends_on"]},
        )
        for e in exposures
    }
    expected = {
        d.slug.replace("-", "_"): (d.title, "dashboard", _read_marts(d)) for d in DASHBOARDS
    }
    assert declared == expected
    assert all(marts <= set(models()) for _, _, marts in declared.values())

"""The serving contract's tables and columns, read from the dbt project (the one definition).

A model belongs to serving version ``v`` when its YAML says ``config: {meta: {serving: v}}``;
such a model has an enforced dbt contract (``contract: {enforced: true}``), so every column is
listed with its ``data_type`` and dbt fails the build when the SQL does not produce exactly
those columns and types. ``smartprov.publish`` checks each publication against this list and
the dashboard catalog builds its serving-v1 datasets from it. Standard library + PyYAML only:
the Superset environment imports it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from smartprov.base.settings import DBT_PROJECT_DIR

MODELS_DIR = DBT_PROJECT_DIR / "models"


@dataclass(frozen=True)
class ContractColumn:
    name: str
    data_type: str  # portable SQL type as written in the dbt YAML: varchar, bigint, ...
    description: str = ""


class ContractError(ValueError):
    """A serving model's YAML does not describe an enforced contract."""


def _model_meta(model: dict) -> dict:
    config = model.get("config") or {}
    return {**(model.get("meta") or {}), **(config.get("meta") or {})}


def _columns(model: dict, source: Path) -> tuple[ContractColumn, ...]:
    name = model["name"]
    if not ((model.get("config") or {}).get("contract") or {}).get("enforced"):
        raise ContractError(f"{source}: serving model {name} has no enforced contract")
    columns = []
    for column in model.get("columns") or []:
        if not column.get("data_type"):
            raise ContractError(f"{source}: {name}.{column['name']} has no data_type")
        columns.append(
            ContractColumn(
                column["name"], column["data_type"], " ".join(column.get("description", "").split())
            )
        )
    return tuple(columns)


@cache
def serving_tables(
    version: str = "v1", models_dir: Path = MODELS_DIR
) -> dict[str, tuple[ContractColumn, ...]]:
    """``{table: columns}`` of every model marked ``serving: <version>``, sorted by table."""
    found: dict[str, tuple[ContractColumn, ...]] = {}
    for path in sorted(models_dir.rglob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for model in doc.get("models") or []:
            if str(_model_meta(model).get("serving")) == version:
                found[model["name"]] = _columns(model, path)
    if not found:
        raise ContractError(f"no model in {models_dir} is marked serving: {version}")
    return dict(sorted(found.items()))


def serving_columns(version: str = "v1") -> dict[str, tuple[str, ...]]:
    """``{table: column names}``: what every publication of ``version`` must hold."""
    return {t: tuple(c.name for c in cols) for t, cols in serving_tables(version).items()}

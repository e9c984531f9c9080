"""The serving contract's tables and columns, read from the dbt project (the one definition).

A model belongs to serving version ``v`` when its YAML says ``config: {meta: {serving: v}}``;
such a model has an enforced dbt contract (``contract: {enforced: true}``), so every column is
listed with its ``data_type`` and dbt fails the build when the SQL does not produce exactly
those columns and types. ``smartprov.publish`` checks each publication against this list and
the dashboard catalog builds its serving-v1 datasets from it. The YAML is read by
smartprov.base.model_docs (standard library + PyYAML: the Superset environment imports it too).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from smartprov.base.model_docs import MODELS_DIR, ModelDoc, models


@dataclass(frozen=True)
class ContractColumn:
    name: str
    data_type: str  # portable SQL type as written in the dbt YAML: varchar, bigint, ...
    description: str = ""


class ContractError(ValueError):
    """A serving model's YAML does not describe an enforced contract."""


def _columns(model: ModelDoc) -> tuple[ContractColumn, ...]:
    if not model.contract_enforced:
        raise ContractError(f"{model.source}: serving model {model.name} has no enforced contract")
    for column in model.columns:
        if not column.data_type:
            raise ContractError(f"{model.source}: {model.name}.{column.name} has no data_type")
    return tuple(ContractColumn(c.name, c.data_type, c.description) for c in model.columns)


@cache
def serving_tables(
    version: str = "v1", models_dir: Path = MODELS_DIR
) -> dict[str, tuple[ContractColumn, ...]]:
    """``{table: columns}`` of every model marked ``serving: <version>``, sorted by table."""
    found = {
        name: _columns(model)
        for name, model in models(models_dir).items()
        if str(model.meta.get("serving")) == version
    }
    if not found:
        raise ContractError(f"no model in {models_dir} is marked serving: {version}")
    return found


def serving_columns(version: str = "v1") -> dict[str, tuple[str, ...]]:
    """``{table: column names}``: what every publication of ``version`` must hold."""
    return {t: tuple(c.name for c in cols) for t, cols in serving_tables(version).items()}

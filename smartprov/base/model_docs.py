"""What the dbt YAML says about every model and column: the one place either is described.

A model's or column's ``description`` is the English text; ``config: {meta: …}`` holds the
Bahasa Indonesia ones: ``deskripsi`` (a sentence), for a column also ``label`` (the short label
Superset shows beside the column), for a model ``satuan`` (grain), ``sumber`` (source) and
``pembaruan`` (refresh). ``data_type`` is the column's portable SQL type: checked by dbt where
the model enforces its contract, and against the built marts by the tests elsewhere.

A model whose meta says ``columns_from: <model>`` (a dashboard table holding every column of a
mart plus a few) takes the columns it does not list from that model, in that model's order,
followed by its own.

The data dictionary (smartprov.dictionary), the serving contract (serving_contract) and the
Superset datasets (dashboards.catalog) read it from here. Standard library + PyYAML only: the
Superset environment imports it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from smartprov.base.settings import DBT_PROJECT_DIR

MODELS_DIR = DBT_PROJECT_DIR / "models"


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    description: str  # English
    deskripsi: str  # Bahasa Indonesia
    label: str  # the short Bahasa Indonesia label (Superset's verbose name)
    data_type: str  # as written in the YAML: varchar, bigint, double precision, ... or ""
    source: Path  # the YAML file that describes it


@dataclass(frozen=True)
class ModelDoc:
    name: str
    source: Path  # the YAML file
    description: str
    meta: dict
    contract_enforced: bool
    columns: tuple[ColumnDoc, ...]

    def text(self, key: str) -> str:
        """A meta entry as one line of text ("" when absent)."""
        return one_line(self.meta.get(key))

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def one_line(value: object) -> str:
    return " ".join(str(value or "").split())


def meta_of(node: dict) -> dict:
    """``meta`` as dbt merges it: the node's own, then its ``config: {meta: …}``."""
    return {**(node.get("meta") or {}), **((node.get("config") or {}).get("meta") or {})}


def _column(node: dict, source: Path) -> ColumnDoc:
    meta = meta_of(node)
    return ColumnDoc(
        name=node["name"],
        description=one_line(node.get("description")),
        deskripsi=one_line(meta.get("deskripsi")),
        label=one_line(meta.get("label")),
        data_type=str(node.get("data_type") or ""),
        source=source,
    )


def _model(node: dict, source: Path) -> ModelDoc:
    contract = ((node.get("config") or {}).get("contract") or {}).get("enforced")
    return ModelDoc(
        name=node["name"],
        source=source,
        description=one_line(node.get("description")),
        meta=meta_of(node),
        contract_enforced=bool(contract),
        columns=tuple(_column(c, source) for c in node.get("columns") or []),
    )


def _inherit(model: ModelDoc, parent: ModelDoc) -> ModelDoc:
    own = {c.name: c for c in model.columns}
    columns = [own.pop(c.name, c) for c in parent.columns]
    return ModelDoc(
        model.name,
        model.source,
        model.description,
        model.meta,
        model.contract_enforced,
        (*columns, *own.values()),
    )


@cache
def models(models_dir: Path = MODELS_DIR) -> dict[str, ModelDoc]:
    """``{model: ModelDoc}`` for every model described under ``models_dir``, sorted by name."""
    found: dict[str, ModelDoc] = {}
    for path in sorted(models_dir.rglob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for node in doc.get("models") or []:
            found[node["name"]] = _model(node, path)
    for name, model in list(found.items()):
        parent = model.meta.get("columns_from")
        if parent:
            found[name] = _inherit(model, found[parent])
    return dict(sorted(found.items()))

"""The data dictionary of the published marts, in English and Bahasa Indonesia.

Read from the dbt YAML under ``dbt/models/marts/`` (the one definition): a model's or column's
``description`` is the English text, ``config: {meta: {deskripsi: …}}`` the Indonesian one;
models also carry ``satuan`` (grain), ``sumber`` (source) and ``pembaruan`` (refresh) in their
meta. A column whose Indonesian text names an indicator code of the catalogue
(``dbt/seeds/catalogues/ref_indikator.csv``) is that indicator. A model whose meta says
``columns_from: <model>`` (a dashboard table holding every column of a mart plus a few) takes
the descriptions of the columns it does not list from that model. Standard library + PyYAML.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from smartprov.base.settings import DBT_PROJECT_DIR

MARTS_DIR = DBT_PROJECT_DIR / "models" / "marts"
INDICATOR_CATALOGUE = DBT_PROJECT_DIR / "seeds" / "catalogues" / "ref_indikator.csv"
_INDICATOR_CODE = re.compile(r"\b((?:GOV|ECO|ENV|TOU)_[A-Z0-9_]+)\b")


@dataclass(frozen=True)
class Column:
    name: str
    description: str  # English
    deskripsi: str  # Bahasa Indonesia
    data_type: str = ""
    indicator_code: str | None = None


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    deskripsi: str
    satuan: str = ""
    sumber: str = ""
    pembaruan: str = ""
    columns: dict[str, Column] = field(default_factory=dict)
    columns_from: str | None = None


def _text(value) -> str:
    return " ".join(str(value or "").split())


def _meta(node: dict) -> dict:
    return {**(node.get("meta") or {}), **((node.get("config") or {}).get("meta") or {})}


def _column(node: dict) -> Column:
    meta = _meta(node)
    deskripsi = _text(meta.get("deskripsi"))
    code = _INDICATOR_CODE.search(f"{node.get('description', '')} {deskripsi}")
    return Column(
        name=node["name"],
        description=_text(node.get("description")),
        deskripsi=deskripsi,
        data_type=str(node.get("data_type") or ""),
        indicator_code=code.group(1) if code else None,
    )


@cache
def tables(marts_dir: Path = MARTS_DIR) -> dict[str, Table]:
    """``{model: Table}`` for every model documented under the marts folder."""
    found: dict[str, Table] = {}
    for path in sorted(marts_dir.rglob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for model in doc.get("models") or []:
            meta = _meta(model)
            found[model["name"]] = Table(
                name=model["name"],
                description=_text(model.get("description")),
                deskripsi=_text(meta.get("deskripsi")),
                satuan=_text(meta.get("satuan")),
                sumber=_text(meta.get("sumber")),
                pembaruan=_text(meta.get("pembaruan")),
                columns={c["name"]: _column(c) for c in model.get("columns") or []},
                columns_from=meta.get("columns_from"),
            )
    for table in found.values():
        if table.columns_from:
            inherited = found[table.columns_from].columns
            table.columns.update({k: v for k, v in inherited.items() if k not in table.columns})
    return found


@cache
def indicators(path: Path = INDICATOR_CATALOGUE) -> dict[str, dict[str, str]]:
    """The indicator catalogue: ``{indicator_code: row}`` (name, unit, formula, source, …)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["indicator_code"]: row for row in csv.DictReader(handle)}

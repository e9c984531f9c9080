"""The data dictionary of the published marts, in English and Bahasa Indonesia.

Read from the dbt YAML under ``dbt/models/marts/`` (the one definition, read by
smartprov.base.model_docs): a model's or column's ``description`` is the English text,
``config: {meta: {deskripsi: …}}`` the Indonesian one; models also carry ``satuan`` (grain),
``sumber`` (source) and ``pembaruan`` (refresh) in their meta. A column whose Indonesian text
names an indicator code of the catalogue (``dbt/seeds/catalogues/ref_indikator.csv``) is that
indicator. A model whose meta says ``columns_from: <model>`` takes the descriptions of the
columns it does not list from that model. Standard library + PyYAML.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from smartprov.base.model_docs import ColumnDoc, models
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
    label: str = ""  # the short Bahasa Indonesia label Superset shows


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


def _column(doc: ColumnDoc) -> Column:
    code = _INDICATOR_CODE.search(f"{doc.description} {doc.deskripsi}")
    return Column(
        name=doc.name,
        description=doc.description,
        deskripsi=doc.deskripsi,
        data_type=doc.data_type,
        indicator_code=code.group(1) if code else None,
        label=doc.label,
    )


@cache
def tables(marts_dir: Path = MARTS_DIR) -> dict[str, Table]:
    """``{model: Table}`` for every model documented under the marts folder."""
    return {
        name: Table(
            name=name,
            description=model.description,
            deskripsi=model.text("deskripsi"),
            satuan=model.text("satuan"),
            sumber=model.text("sumber"),
            pembaruan=model.text("pembaruan"),
            columns={c.name: _column(c) for c in model.columns},
            columns_from=model.meta.get("columns_from"),
        )
        for name, model in models(marts_dir.parent).items()
        if model.source.is_relative_to(marts_dir)
    }


@cache
def indicators(path: Path = INDICATOR_CATALOGUE) -> dict[str, dict[str, str]]:
    """The indicator catalogue: ``{indicator_code: row}`` (name, unit, formula, source, …)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["indicator_code"]: row for row in csv.DictReader(handle)}

"""What the dataset modules share: the province's figures, and a mart as a dataset whose
columns, types, labels and descriptions come from the dbt YAML (smartprov.base.model_docs)."""

from __future__ import annotations

from pathlib import Path

from dashboards.catalog.spec import DATABASE_UUID, Column, Dataset, Metric
from smartprov.base import reference
from smartprov.base.model_docs import MODELS_DIR, models
from smartprov.base.rates import MIN_CASES_FOR_RATE

# The configured province (SMARTPROV_PROVINCE, read when the catalog is imported): its name and
# counts appear in titles and descriptions.
PROVINCE = reference.province().nama
N_KABKOTA = len(reference.regencies())
N_WILAYAH = f"{len(reference.villages()):,}".replace(",", ".")  # Indonesian thousands separator

# Superset's column type for a dbt data_type: DuckDB's own name, as Superset sees it when it
# reads the table (the portable spellings the contracts use mapped to it)
SUPERSET_TYPES = {"double precision": "DOUBLE", "double": "DOUBLE", "float8": "DOUBLE"}


# Below MIN_CASES_FOR_RATE cases a rate per regency/city reads as performance it is not: the
# regency tables show the counts (issue 29; the briefing's rule, smartprov.base.rates).
RATE_TEXT_NOTE = f"di bawah {MIN_CASES_FOR_RATE}: jumlah"


def sum_ratio(numerator: str, denominator: str) -> str:
    """A rate over the rows chosen, Σ numerator ÷ Σ denominator (never an average of the rows'
    rates; NULL without a denominator). ``numerator`` and ``denominator`` are column names."""
    return f"SUM({numerator}) * 1.0 / NULLIF(SUM({denominator}), 0)"


def rate_text(numerator: str, denominator: str) -> str:
    """A rate as the regency tables show it: below MIN_CASES_FOR_RATE cases the counts
    ("2 dari 3"), from there up the percentage with the counts ("70,4% (19 dari 27)"); "–"
    without a case. ``numerator`` and ``denominator`` are column names (SUM over the rows)."""
    num, den = f"SUM({numerator})", f"SUM({denominator})"
    counts = f"CAST({num} AS BIGINT) || ' dari ' || CAST({den} AS BIGINT)"
    return (
        f"CASE WHEN COALESCE({den}, 0) = 0 THEN '–' WHEN {den} < {MIN_CASES_FOR_RATE}"
        f" THEN {counts} ELSE replace(format('{{:.1f}}', 100.0 * {num} / {den}), '.', ',')"
        f" || '% (' || {counts} || ')' END"
    )


class UndocumentedColumn(LookupError):
    """A column the dashboards would show is not described (label, type) in the dbt YAML."""


def superset_type(data_type: str) -> str:
    return SUPERSET_TYPES.get(data_type.lower(), data_type.upper())


def documented_columns(model: str, models_dir: Path = MODELS_DIR) -> tuple[Column, ...]:
    """Every column the dbt YAML describes for ``model``, in its order: name, type
    (``data_type``), label (``meta.label``) and description (``meta.deskripsi``)."""
    doc = models(models_dir).get(model)
    if doc is None:
        raise UndocumentedColumn(f"{model}: no dbt model YAML describes it")
    columns = []
    for column in doc.columns:
        missing = [k for k in ("label", "data_type", "deskripsi") if not getattr(column, k)]
        if missing:
            where = f"{column.source}: {model}.{column.name}"
            raise UndocumentedColumn(f"{where} has no {', '.join(missing)} (config.meta / YAML)")
        columns.append(
            Column(
                column.name,
                superset_type(column.data_type),
                column.label,
                description=column.deskripsi,
            )
        )
    return tuple(columns)


def mart_dataset(
    name: str,
    metrics: tuple[Metric, ...],
    *,
    description: str,
    main_dttm_col: str | None = None,
    calculated: tuple[Column, ...] = (),
    uuid_key: str | None = None,
    models_dir: Path = MODELS_DIR,
    schema: str = "marts",
    database_uuid: str = DATABASE_UUID,
) -> Dataset:
    """A mart as a physical dataset: its columns as the dbt YAML describes them (the one place
    a column is labelled), then ``calculated`` (Superset-side expressions over them). The
    national marts pass dbt_national's models folder, schema and database."""
    return Dataset(
        name,
        documented_columns(name, models_dir) + calculated,
        metrics,
        description=description,
        main_dttm_col=main_dttm_col,
        uuid_key=uuid_key,
        schema=schema,
        database_uuid=database_uuid,
    )

"""Small typed descriptions of Superset assets, and their Superset v1 export form.

The catalog modules (:mod:`.datasets`, :mod:`.charts`, :mod:`.layouts`) describe what the
dashboards show; this module turns a description into the dictionaries Superset's
``ImportAssetsCommand`` reads (one YAML file per asset), including each chart's
``query_context`` so that the chart-data API, reports and cache warm-up work.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from dashboards import NATIONAL_SERVING_PLACEHOLDER, SERVING_PATH_PLACEHOLDER, stable_uuid

EXPORT_VERSION = "1.0.0"
DATABASE_NAME = "Serving Provinsi Cerdas"
DATABASE_UUID = stable_uuid("database", "serving")
# The national serving database (<national home>/national/serving.duckdb, schema nasional),
# a Superset database of its own next to the province's.
NATIONAL_DATABASE_NAME = "Serving Nasional"
NATIONAL_DATABASE_UUID = stable_uuid("database", "national-serving")
NATIONAL_SCHEMA = "nasional"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type as Superset shows it: VARCHAR, INTEGER, DOUBLE, DATE, BOOLEAN
    label: str | None = None  # Bahasa Indonesia label shown in charts and filters
    expression: str | None = None  # calculated column (SQL)
    description: str | None = None

    @property
    def is_dttm(self) -> bool:
        return self.type in {"DATE", "TIMESTAMP"}

    def export(self) -> dict[str, Any]:
        return {
            "column_name": self.name,
            "verbose_name": self.label,
            "is_dttm": self.is_dttm,
            "is_active": True,
            "type": self.type,
            "advanced_data_type": None,
            "groupby": True,
            "filterable": True,
            "expression": self.expression,
            "description": self.description,
            "python_date_format": None,
            "extra": {},
        }


@dataclass(frozen=True)
class Metric:
    name: str
    expression: str
    label: str
    d3format: str | None = None
    description: str | None = None

    def export(self) -> dict[str, Any]:
        return {
            "metric_name": self.name,
            "verbose_name": self.label,
            "metric_type": None,
            "expression": self.expression,
            "description": self.description,
            "d3format": self.d3format,
            "currency": None,
            "extra": {},
            "warning_text": None,
        }


@dataclass(frozen=True)
class Dataset:
    """A physical table in schema ``marts`` (``sql`` is None) or a virtual (SQL) dataset."""

    name: str  # table name in Superset; for a physical dataset, the serving table
    columns: tuple[Column, ...]
    metrics: tuple[Metric, ...] = ()
    sql: str | None = None
    description: str | None = None
    main_dttm_col: str | None = None
    # the name the UUID derives from when it is not ``name``: a dataset whose table was renamed
    # (e.g. a virtual dataset become a mart) keeps its UUID, so Superset updates it in place and
    # the charts' links hold
    uuid_key: str | None = None
    schema: str = "marts"  # the serving schema: marts (province) or nasional (national)
    database_uuid: str = DATABASE_UUID

    @property
    def uuid(self) -> str:
        return stable_uuid("dataset", self.uuid_key or self.name)

    @property
    def column_names(self) -> set[str]:
        return {c.name for c in self.columns}

    def tables(self) -> set[str]:
        """Serving tables read: ``<schema>.<name>`` for physical, tables named in the SQL else."""
        if self.sql is None:
            return {f"{self.schema}.{self.name}"}
        return set(re.findall(r"\bmarts\.[a-z_][a-z0-9_]*", self.sql))

    def export(self) -> dict[str, Any]:
        return {
            "table_name": self.name,
            "main_dttm_col": self.main_dttm_col,
            "description": self.description,
            "default_endpoint": None,
            "offset": 0,
            "cache_timeout": None,
            "schema": self.schema,
            "catalog": None,
            "sql": self.sql,
            "params": None,
            "template_params": None,
            "filter_select_enabled": True,
            "fetch_values_predicate": None,
            "extra": None,
            "normalize_columns": False,
            "always_filter_main_dttm": False,
            "uuid": self.uuid,
            "metrics": [m.export() for m in self.metrics],
            "columns": [c.export() for c in self.columns],
            "version": EXPORT_VERSION,
            "database_uuid": self.database_uuid,
        }


# How every Superset worker opens serving.duckdb. People type SQL in SQL Lab, and Superset's DML
# guard does not treat ATTACH, COPY or SET as writes, so the connection itself must refuse them:
# no file or network access beyond the database (read_csv, read_text, glob, COPY TO, ATTACH),
# no extension install/load, and the settings locked so no SET can undo this (FIELD-NOTES).
SQL_LAB_DUCKDB_CONNECT_ARGS: dict[str, Any] = {
    "read_only": True,
    "config": {
        "enable_external_access": False,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "memory_limit": "2GB",
        "threads": 2,
        "lock_configuration": True,
    },
}


def database_export(national: bool = False) -> dict[str, Any]:
    """A serving database: DuckDB, opened read-only, no DML, no uploads, no CTAS. The province's
    (``serving.duckdb``), or with ``national`` the national one (the national build's file)."""
    placeholder = NATIONAL_SERVING_PLACEHOLDER if national else SERVING_PATH_PLACEHOLDER
    return {
        "database_name": NATIONAL_DATABASE_NAME if national else DATABASE_NAME,
        "sqlalchemy_uri": f"duckdb:///{placeholder}?access_mode=read_only",
        "cache_timeout": None,
        "expose_in_sqllab": True,
        "allow_run_async": False,
        "allow_ctas": False,
        "allow_cvas": False,
        "allow_dml": False,
        "allow_file_upload": False,
        "extra": {
            "allows_virtual_table_explore": True,
            "schemas_allowed_for_file_upload": [],
            "metadata_params": {},
            "engine_params": {"connect_args": SQL_LAB_DUCKDB_CONNECT_ARGS},
            "disable_data_preview": False,
        },
        "impersonate_user": False,
        "uuid": NATIONAL_DATABASE_UUID if national else DATABASE_UUID,
        "version": EXPORT_VERSION,
    }


@dataclass(frozen=True)
class Chart:
    """One chart: its Superset ``params`` (form data) and the query its data request runs.

    ``columns``/``metrics``/``orderby`` describe the saved query_context query, which is what
    the chart-data API (``GET /api/v1/chart/<id>/data/``), reports and cache warm-up run.
    The browser builds its own query from ``params``.
    """

    key: str
    title: str
    viz_type: str
    dataset: Dataset
    params: dict[str, Any]
    columns: tuple[Any, ...] = ()
    metrics: tuple[str, ...] = ()
    orderby: tuple[tuple[str, bool], ...] = ()
    filters: tuple[dict[str, Any], ...] = ()
    row_limit: int = 1000
    where: str | None = None  # free SQL condition (e.g. the latest year with data)
    description: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def uuid(self) -> str:
        return stable_uuid("chart", self.key)

    def form_data(self) -> dict[str, Any]:
        return {
            "datasource": f"__placeholder__{self.dataset.name}",
            "viz_type": self.viz_type,
            "adhoc_filters": [_adhoc(f) for f in self.filters]
            + (
                [{"clause": "WHERE", "expressionType": "SQL", "sqlExpression": self.where}]
                if self.where
                else []
            ),
            "row_limit": self.row_limit,
            **self.params,
        }

    def query_context(self) -> dict[str, Any]:
        query = {
            "filters": [dict(f) for f in self.filters],
            "extras": {"having": "", "where": self.where or "", **self.extras},
            "applied_time_extras": {},
            "columns": list(self.columns),
            "metrics": list(self.metrics),
            "orderby": [[col, asc] for col, asc in self.orderby],
            "annotation_layers": [],
            "row_limit": self.row_limit,
            "series_limit": 0,
            "order_desc": True,
            "url_params": {},
            "custom_params": {},
            "custom_form_data": {},
        }
        return {
            "datasource": {"id": 0, "type": "table"},
            "force": False,
            "queries": [query],
            "form_data": self.form_data(),
            "result_format": "json",
            "result_type": "full",
        }

    def export(self) -> dict[str, Any]:
        return {
            "slice_name": self.title,
            "description": self.description,
            "certified_by": None,
            "certification_details": None,
            "viz_type": self.viz_type,
            "params": self.form_data(),
            "query_context": json.dumps(self.query_context(), ensure_ascii=False, sort_keys=True),
            "cache_timeout": None,
            "uuid": self.uuid,
            "version": EXPORT_VERSION,
            "dataset_uuid": self.dataset.uuid,
        }


def _adhoc(flt: dict[str, Any]) -> dict[str, Any]:
    """Query-object filter ``{col, op, val}`` -> the explore form's adhoc filter."""
    return {
        "clause": "WHERE",
        "comparator": flt.get("val"),
        "expressionType": "SIMPLE",
        "operator": flt["op"],
        "subject": flt["col"],
    }

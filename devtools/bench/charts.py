"""Every dashboard chart's data query as SQL, the way Superset compiles its saved query_context.

Superset turns a chart's query object (columns, metrics, filters, extras.where, orderby,
row_limit) into one SELECT over the dataset: the physical table ``marts.<name>`` or the
virtual dataset's SQL as a sub-query. This module does the same from the catalog in
:mod:`dashboards.catalog.charts`, so the benchmark times the queries the dashboards run
(time grains as DuckDB's engine spec writes them: ``DATE_TRUNC('month', col)``).
"""

from __future__ import annotations

import json
from typing import Any

from dashboards.catalog.spec import Chart, Dataset

TIME_GRAINS = {
    "P1D": "DATE_TRUNC('day', {col})",
    "P1W": "DATE_TRUNC('week', {col})",
    "P1M": "DATE_TRUNC('month', {col})",
    "P3M": "DATE_TRUNC('quarter', {col})",
    "P1Y": "DATE_TRUNC('year', {col})",
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def _column_sql(dataset: Dataset, name: str) -> str:
    for column in dataset.columns:
        if column.name == name and column.expression:
            return f"({column.expression})"
    return _quote(name)


def _filter_sql(dataset: Dataset, flt: dict[str, Any]) -> str | None:
    column, op, value = _column_sql(dataset, flt["col"]), flt["op"], flt.get("val")
    if op == "TEMPORAL_RANGE":
        return None if value in (None, "No filter") else f"{column} IS NOT NULL"
    if op == "IN":
        return f"{column} IN ({', '.join(_literal(v) for v in value)})"
    if op == "NOT IN":
        return f"{column} NOT IN ({', '.join(_literal(v) for v in value)})"
    if op in ("IS TRUE", "IS FALSE", "IS NULL", "IS NOT NULL"):
        return f"{column} {op}"
    if op in ("==", "!=", ">", "<", ">=", "<="):
        return f"{column} {'=' if op == '==' else op} {_literal(value)}"
    raise ValueError(f"filter operator {op!r} is not supported by the benchmark compiler")


def chart_sql(chart: Chart) -> str:
    """The SELECT Superset runs for ``chart``'s saved query_context (first query)."""
    dataset = chart.dataset
    query = json.loads(json.dumps(chart.query_context()))["queries"][0]
    metrics = {m.name: m.expression for m in dataset.metrics}
    selects: list[str] = []
    groups: list[str] = []
    for column in query["columns"]:
        if isinstance(column, dict):  # a time axis with a grain
            expr = _column_sql(dataset, column["sqlExpression"])
            grain = column.get("timeGrain")
            expr = TIME_GRAINS[grain].format(col=expr) if grain else expr
            label = column.get("label") or column["sqlExpression"]
        else:
            expr, label = _column_sql(dataset, column), column
        selects.append(f"{expr} AS {_quote(label)}")
        groups.append(expr)
    for name in query["metrics"]:
        selects.append(f"{metrics[name]} AS {_quote(name)}")
    source = f"({dataset.sql}) AS virtual_table" if dataset.sql else f"marts.{dataset.name}"
    conditions = [c for f in query["filters"] if (c := _filter_sql(dataset, f))]
    if query["extras"].get("where"):
        conditions.append(f"({query['extras']['where']})")
    sql = f"SELECT {', '.join(selects)}\nFROM {source}"
    if conditions:
        sql += "\nWHERE " + " AND ".join(conditions)
    if query["metrics"] and groups:
        sql += "\nGROUP BY " + ", ".join(groups)
    order = []
    for name, ascending in query["orderby"]:
        expr = metrics.get(name) or _column_sql(dataset, name)
        order.append(f"{expr} {'ASC' if ascending else 'DESC'}")
    if order:
        sql += "\nORDER BY " + ", ".join(order)
    return sql + f"\nLIMIT {int(query['row_limit'])}"


def all_chart_queries() -> dict[str, str]:
    """chart key -> SQL, for every chart on the four dashboards."""
    from dashboards.catalog.charts import ALL_CHARTS

    return {chart.key: chart_sql(chart) for chart in ALL_CHARTS}

"""Chart builders: the Superset form data of the few chart types used, with Indonesian number
formats (d3 locale in superset_config); each chart also gets the query its saved
``query_context`` runs (see :class:`dashboards.catalog.spec.Chart`).
"""

from __future__ import annotations

from typing import Any

from dashboards.catalog.spec import Chart, Dataset

INT = ",d"
PCT = ".1%"
# Delivered values (file names, agency names, register values) are data, never markup: Superset's
# table and pivot charts render cell text as HTML unless this is off (its default is on).
NO_HTML: dict[str, Any] = {"allow_render_html": False}


def big_number(
    key: str,
    title: str,
    dataset: Dataset,
    metric: str,
    fmt: str,
    subtitle: str,
    *,
    filters: tuple[dict[str, Any], ...] = (),
) -> Chart:
    return Chart(
        key,
        title,
        "big_number_total",
        dataset,
        {
            "metric": metric,
            "subheader": subtitle,
            "subtitle": subtitle,
            "header_font_size": 0.5,
            "subheader_font_size": 0.15,
            "subtitle_font_size": 0.15,
            "y_axis_format": fmt,
            "time_format": "smart_date",
        },
        metrics=(metric,),
        row_limit=1,
        filters=filters,
    )


def bar(
    key: str,
    title: str,
    dataset: Dataset,
    x: str,
    metrics: tuple[str, ...],
    *,
    fmt: str = INT,
    horizontal: bool = False,
    sort_by: str | None = None,
    ascending: bool = False,
    groupby: tuple[str, ...] = (),
    row_limit: int = 100,
    stack: bool = False,
    filters: tuple[dict[str, Any], ...] = (),
    where: str | None = None,
) -> Chart:
    params: dict[str, Any] = {
        "x_axis": x,
        "metrics": list(metrics),
        "groupby": list(groupby),
        "orientation": "horizontal" if horizontal else "vertical",
        "x_axis_sort": sort_by or metrics[0],
        "x_axis_sort_asc": ascending,
        "x_axis_sort_series_type": "sum",
        "show_value": True,
        "show_legend": True,
        "legendOrientation": "top",
        "stack": "Stack" if stack else None,
        "y_axis_format": fmt,
        "truncateXAxis": True,
        "truncate_metric": True,
        "zoomable": False,
        "rich_tooltip": True,
        "x_axis_title": "",
        "y_axis_title": "",
        "time_grain_sqla": None,
    }
    return Chart(
        key,
        title,
        "echarts_timeseries_bar",
        dataset,
        params,
        columns=(x, *groupby),
        metrics=metrics,
        orderby=((sort_by or metrics[0], ascending),),
        row_limit=row_limit,
        filters=filters,
        where=where,
    )


def line(
    key: str,
    title: str,
    dataset: Dataset,
    x: str,
    metrics: tuple[str, ...],
    *,
    grain: str = "P1M",
    fmt: str = INT,
    groupby: tuple[str, ...] = (),
    cumulative: bool = False,
    row_limit: int = 10000,
    filters: tuple[dict[str, Any], ...] = (),
    where: str | None = None,
) -> Chart:
    params: dict[str, Any] = {
        "x_axis": x,
        "time_grain_sqla": grain,
        "metrics": list(metrics),
        "groupby": list(groupby),
        "rolling_type": "cumsum" if cumulative else None,
        "y_axis_format": fmt,
        "x_axis_time_format": "%b %Y",
        "show_legend": True,
        "legendOrientation": "top",
        "markerEnabled": True,
        "rich_tooltip": True,
        "zoomable": False,
        "time_range": "No filter",
    }
    axis = {
        "timeGrain": grain,
        "columnType": "BASE_AXIS",
        "sqlExpression": x,
        "label": x,
        "expressionType": "SQL",
    }
    return Chart(
        key,
        title,
        "echarts_timeseries_line",
        dataset,
        params,
        columns=(axis, *groupby),
        metrics=metrics,
        orderby=((metrics[0], False),),
        row_limit=row_limit,
        filters=({"col": x, "op": "TEMPORAL_RANGE", "val": "No filter"}, *filters),
        extras={"time_grain_sqla": grain},
        where=where,
    )


def table(
    key: str,
    title: str,
    dataset: Dataset,
    groupby: tuple[str, ...],
    metrics: tuple[str, ...],
    *,
    order: tuple[str, bool],
    formats: dict[str, str] | None = None,
    row_limit: int = 100,
    filters: tuple[dict[str, Any], ...] = (),
    where: str | None = None,
) -> Chart:
    params: dict[str, Any] = {
        "query_mode": "aggregate",
        "groupby": list(groupby),
        "metrics": list(metrics),
        "all_columns": [],
        "percent_metrics": [],
        "timeseries_limit_metric": order[0],
        "order_desc": not order[1],
        "server_pagination": False,
        "table_timestamp_format": "%d/%m/%Y",
        "show_cell_bars": True,
        "color_pn": False,
        "include_search": True,
        "column_config": {m: {"d3NumberFormat": f} for m, f in (formats or {}).items()},
        **NO_HTML,
    }
    return Chart(
        key,
        title,
        "table",
        dataset,
        params,
        columns=groupby,
        metrics=metrics,
        orderby=(order,),
        row_limit=row_limit,
        filters=filters,
        where=where,
    )


def raw_table(
    key: str,
    title: str,
    dataset: Dataset,
    columns: tuple[str, ...],
    *,
    order: tuple[str, bool],
    row_limit: int = 1000,
    filters: tuple[dict[str, Any], ...] = (),
) -> Chart:
    params: dict[str, Any] = {
        "query_mode": "raw",
        "groupby": [],
        "metrics": [],
        "all_columns": list(columns),
        "order_by_cols": [f'["{order[0]}", {str(order[1]).lower()}]'],
        "server_pagination": False,
        "table_timestamp_format": "%d/%m/%Y",
        "include_search": True,
        **NO_HTML,
    }
    return Chart(
        key,
        title,
        "table",
        dataset,
        params,
        columns=columns,
        orderby=(order,),
        row_limit=row_limit,
        filters=filters,
    )


def pivot(
    key: str,
    title: str,
    dataset: Dataset,
    rows: tuple[str, ...],
    cols: tuple[str, ...],
    metric: str,
    *,
    fmt: str,
    filters: tuple[dict[str, Any], ...] = (),
    where: str | None = None,
) -> Chart:
    params: dict[str, Any] = {
        "groupbyRows": list(rows),
        "groupbyColumns": list(cols),
        "metrics": [metric],
        "metricsLayout": "COLUMNS",
        "aggregateFunction": "Sum",
        "valueFormat": fmt,
        "rowOrder": "key_a_to_z",
        "colOrder": "key_a_to_z",
        "transposePivot": False,
        "combineMetric": False,
        "rowTotals": False,
        "colTotals": False,
        "date_format": "%b %Y",
        "time_grain_sqla": "P1M",
        **NO_HTML,
    }
    return Chart(
        key,
        title,
        "pivot_table_v2",
        dataset,
        params,
        columns=(*rows, *cols),
        metrics=(metric,),
        orderby=((metric, False),),
        row_limit=10000,
        filters=filters,
        where=where,
    )


def complete_months(column: str) -> str:
    """Only months that ended on or before the data date: a trend never ends in a running
    month that looks like a collapse (the dataset needs ``as_of_date``)."""
    return f"date_trunc('month', {column}) < date_trunc('month', as_of_date + INTERVAL 1 DAY)"


TTE = {"col": "program", "op": "==", "val": "TTE_KELURAHAN"}
LATEST = {"col": "is_latest_year", "op": "IS TRUE", "val": None}
LATEST_DATA = LATEST
OVERALL = {"col": "dimension", "op": "==", "val": "overall"}
NOT_CURRENT = {"col": "delivery_status", "op": "!=", "val": "current"}

"""Charts, in Bahasa Indonesia, with Indonesian number formats (d3 locale in superset_config).

Helpers build the Superset form data of the few chart types used; each chart also gets the
query its saved ``query_context`` runs (see :class:`ingestion.dashboards.spec.Chart`).
"""

from __future__ import annotations

from typing import Any

from ingestion.dashboards import datasets as ds
from ingestion.dashboards.spec import Chart, Dataset

INT = ",d"
PCT = ".1%"


def big_number(
    key: str, title: str, dataset: Dataset, metric: str, fmt: str, subtitle: str
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
        filters=({"col": x, "op": "TEMPORAL_RANGE", "val": "No filter"},),
        extras={"time_grain_sqla": grain},
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
    )


def raw_table(
    key: str,
    title: str,
    dataset: Dataset,
    columns: tuple[str, ...],
    *,
    order: tuple[str, bool],
    row_limit: int = 1000,
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
    )


LATEST_YEAR = {"col": "is_latest_year", "op": "IS TRUE", "val": None}

# --- 1. Ringkasan Provinsi Cerdas (DPRD) ---------------------------------------------------
RINGKASAN = (
    big_number(
        "ringkasan.live",
        "Desa/kelurahan sudah live",
        ds.MART_ROLLOUT_KABKOTA,
        "live",
        INT,
        "desa/kelurahan memakai TTE",
    ),
    big_number(
        "ringkasan.target",
        "Desa/kelurahan ditargetkan",
        ds.MART_ROLLOUT_KABKOTA,
        "target",
        INT,
        "target program se-Jawa Tengah",
    ),
    big_number(
        "ringkasan.aktif",
        "Aktif 30 hari terakhir",
        ds.MART_ROLLOUT_KABKOTA,
        "pangsa_aktif",
        PCT,
        "dari desa/kelurahan yang sudah live",
    ),
    big_number(
        "ringkasan.lapor",
        "Pengaduan ditindaklanjuti tepat waktu",
        ds.MART_LAPOR_SLA_KABKOTA,
        "tindak_lanjut_tepat_waktu",
        PCT,
        "SP4N-LAPOR!, seluruh kab/kota",
    ),
    bar(
        "ringkasan.rollout",
        "Desa/kelurahan live dibanding target, per kabupaten/kota",
        ds.ROLLOUT_KABKOTA_LABEL,
        "label",
        ("live", "target"),
        horizontal=True,
        sort_by="live",
        ascending=True,
        row_limit=200,
    ),
    table(
        "ringkasan.scorecard",
        "Peringkat kabupaten/kota (skor rata-rata tahun terbaru)",
        ds.SCORECARD_BERNAMA,
        ("nama_kabkota",),
        ("skor_rata2",),
        order=("skor_rata2", False),
        formats={"skor_rata2": ",.1f"},
        filters=(LATEST_YEAR,),
    ),
    line(
        "ringkasan.tren_live",
        "Tren desa/kelurahan live (kumulatif per bulan)",
        ds.ROLLOUT_VILLAGE_BERNAMA,
        "tanggal_live",
        ("desa_live",),
        cumulative=True,
    ),
)

# --- 2. Adopsi Layanan Elektronik (Diskominfo) ------------------------------------------------
ADOPSI = (
    bar(
        "adopsi.pangsa_tte_kabkota",
        "Pangsa surat ber-TTE 30 hari terakhir, per kabupaten/kota",
        ds.ROLLOUT_VILLAGE_BERNAMA,
        "nama_kabkota",
        ("pangsa_tte_30d",),
        fmt=PCT,
        horizontal=True,
        ascending=True,
    ),
    table(
        "adopsi.aktif_kabkota",
        "Desa/kelurahan live dan aktif, per kabupaten/kota",
        ds.MART_ROLLOUT_KABKOTA,
        ("nama_kabkota", "program"),
        ("target", "live", "aktif_30d", "pangsa_aktif"),
        order=("pangsa_aktif", True),
        formats={"target": INT, "live": INT, "aktif_30d": INT, "pangsa_aktif": PCT},
    ),
    raw_table(
        "adopsi.live_tidak_aktif",
        "Desa/kelurahan live tetapi tidak aktif 30 hari (daftar tindak lanjut)",
        ds.DESA_LIVE_TIDAK_AKTIF,
        ("nama_kabkota", "nama_kecamatan", "nama_wilayah", "program", "tanggal_live"),
        order=("nama_kabkota", True),
    ),
)

# --- 3. Pengaduan SP4N-LAPOR! -----------------------------------------------------------------
LAPOR = (
    big_number(
        "lapor.total",
        "Jumlah pengaduan",
        ds.MART_LAPOR_SLA_KABKOTA,
        "pengaduan",
        INT,
        "seluruh kabupaten/kota",
    ),
    big_number(
        "lapor.verifikasi",
        "Verifikasi tepat waktu",
        ds.MART_LAPOR_SLA_KABKOTA,
        "verifikasi_tepat_waktu",
        PCT,
        "dari seluruh pengaduan",
    ),
    big_number(
        "lapor.selesai",
        "Tingkat penyelesaian",
        ds.MART_LAPOR_SLA_KABKOTA,
        "penyelesaian",
        PCT,
        "pengaduan selesai (tanpa yang diarsipkan)",
    ),
    bar(
        "lapor.per_100rb",
        "Pengaduan per 100.000 penduduk, per kabupaten/kota",
        ds.MART_LAPOR_SLA_KABKOTA,
        "nama_kabkota",
        ("per_100rb",),
        fmt=",.1f",
        horizontal=True,
        ascending=True,
    ),
    table(
        "lapor.sla_kabkota",
        "Tingkat layanan pengaduan per kabupaten/kota",
        ds.MART_LAPOR_SLA_KABKOTA,
        ("nama_kabkota",),
        ("pengaduan", "verifikasi_tepat_waktu", "tindak_lanjut_tepat_waktu", "penyelesaian"),
        order=("pengaduan", False),
        formats={
            "pengaduan": INT,
            "verifikasi_tepat_waktu": PCT,
            "tindak_lanjut_tepat_waktu": PCT,
            "penyelesaian": PCT,
        },
    ),
)

# --- 4. Indikator Ekonomi, Lingkungan & Pariwisata --------------------------------------------
NON_GOVERNANCE = {"col": "dimension", "op": "IN", "val": ["economy", "environment", "tourism"]}
INDIKATOR = (
    pivot(
        "indikator.nilai",
        "Nilai indikator per kabupaten/kota (tahun terbaru)",
        ds.SCORECARD_BERNAMA,
        ("nama_kabkota",),
        ("dimensi", "indicator_code"),
        "nilai",
        fmt=",.2f",
        filters=(NON_GOVERNANCE, LATEST_YEAR),
    ),
    table(
        "indikator.skor_dimensi",
        "Skor rata-rata per dimensi (0–100, tahun terbaru)",
        ds.SCORECARD_BERNAMA,
        ("nama_kabkota", "dimensi"),
        ("skor_rata2",),
        order=("skor_rata2", False),
        formats={"skor_rata2": ",.1f"},
        filters=(NON_GOVERNANCE, LATEST_YEAR),
        row_limit=200,
    ),
)

DASHBOARD_CHARTS: dict[str, tuple[Chart, ...]] = {
    "ringkasan": RINGKASAN,
    "adopsi": ADOPSI,
    "lapor": LAPOR,
    "indikator": INDIKATOR,
}
ALL_CHARTS = tuple(c for charts in DASHBOARD_CHARTS.values() for c in charts)

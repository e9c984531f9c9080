"""Charts, in Bahasa Indonesia, with Indonesian number formats (d3 locale in superset_config).

Helpers build the Superset form data of the few chart types used; each chart also gets the
query its saved ``query_context`` runs (see :class:`dashboards.catalog.spec.Chart`).
"""

from __future__ import annotations

from typing import Any

from dashboards.catalog import datasets as ds
from dashboards.catalog.spec import Chart, Dataset

INT = ",d"
PCT = ".1%"


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


TTE = {"col": "program", "op": "==", "val": "TTE_KELURAHAN"}
LATEST = {"col": "is_latest_year", "op": "IS TRUE", "val": None}
LATEST_DATA = LATEST
OVERALL = {"col": "dimension", "op": "==", "val": "overall"}
NOT_CURRENT = {"col": "delivery_status", "op": "!=", "val": "current"}

# --- 1. Ringkasan Provinsi Cerdas (DPRD) ---------------------------------------------------
RINGKASAN = (
    big_number(
        "ringkasan.live",
        "Desa/kelurahan sudah memakai TTE",
        ds.MART_ROLLOUT_KABKOTA,
        "live",
        INT,
        f"sudah live, seluruh {ds.PROVINCE}",
        filters=(TTE,),
    ),
    big_number(
        "ringkasan.target",
        "Desa/kelurahan ditargetkan",
        ds.MART_ROLLOUT_KABKOTA,
        "target",
        INT,
        "target program TTE",
        filters=(TTE,),
    ),
    big_number(
        "ringkasan.aktif",
        "Aktif 30 hari terakhir",
        ds.MART_ROLLOUT_KABKOTA,
        "pangsa_aktif",
        PCT,
        "dari yang sudah live",
        filters=(TTE,),
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
        "TTE: desa/kelurahan live dibanding target, per kabupaten/kota",
        ds.ROLLOUT_KABKOTA_LABEL,
        "label",
        ("live", "target"),
        horizontal=True,
        sort_by="live",
        ascending=True,
        row_limit=200,
        filters=(TTE,),
    ),
    table(
        "ringkasan.scorecard",
        "Peringkat kabupaten/kota (skor keseluruhan, tahun terakhir)",
        ds.SKOR_KABKOTA,
        ("nama_kabkota",),
        ("peringkat", "skor", "naik_turun"),
        order=("peringkat", True),
        formats={"skor": ",.1f", "peringkat": INT, "naik_turun": "+,d"},
        filters=(OVERALL, LATEST),
    ),
    line(
        "ringkasan.tren_tte",
        "Tren pangsa surat ber-TTE per bulan",
        ds.MART_ADOPTION_KABKOTA_MONTHLY,
        "bulan",
        ("pangsa_tte",),
        fmt=PCT,
    ),
    line(
        "ringkasan.tren_lapor",
        "Tren pengaduan SP4N-LAPOR! per bulan",
        ds.FCT_LAPOR_COMPLAINTS,
        "tanggal_lapor",
        ("pengaduan",),
    ),
)

# --- 2. Adopsi Layanan Elektronik (Diskominfo) ------------------------------------------------
ADOPSI = (
    big_number(
        "adopsi.tanpa_data",
        "Kab/kota belum mengirim data",
        ds.MART_DELIVERY_STATUS,
        "kabkota_tanpa_data",
        INT,
        "untuk tanggal data terakhir",
    ),
    big_number(
        "adopsi.pangsa_tte",
        "Pangsa surat ber-TTE",
        ds.MART_ADOPTION_KABKOTA_MONTHLY,
        "pangsa_tte",
        PCT,
        "dari surat yang terbit",
    ),
    big_number(
        "adopsi.gagal",
        "Tingkat gagal TTE",
        ds.MART_ADOPTION_KABKOTA_MONTHLY,
        "tingkat_gagal",
        PCT,
        "dari permohonan diputus",
    ),
    line(
        "adopsi.tren_layanan",
        "Pangsa surat ber-TTE per bulan, per layanan",
        ds.MART_ADOPTION_MONTHLY,
        "bulan",
        ("pangsa_tte",),
        fmt=PCT,
        groupby=("nama_layanan",),
    ),
    pivot(
        "adopsi.tte_kabkota_bulan",
        "Pangsa surat ber-TTE per kabupaten/kota dan bulan",
        ds.MART_ADOPTION_KABKOTA_MONTHLY,
        ("nama_kabkota",),
        ("bulan",),
        "pangsa_tte",
        fmt=PCT,
    ),
    bar(
        "adopsi.waktu_proses",
        "Median waktu proses surat (jam), per kabupaten/kota",
        ds.MART_ADOPTION_KABKOTA_MONTHLY,
        "nama_kabkota",
        ("jam_proses_median",),
        fmt=",.1f",
        horizontal=True,
        ascending=True,
    ),
    line(
        "adopsi.gagal_tolak",
        "Tingkat gagal TTE dan penolakan per bulan",
        ds.MART_ADOPTION_KABKOTA_MONTHLY,
        "bulan",
        ("tingkat_gagal", "tingkat_tolak"),
        fmt=PCT,
    ),
    raw_table(
        "adopsi.live_tidak_aktif",
        "Desa/kelurahan live tetapi tidak aktif 30 hari (daftar tindak lanjut)",
        ds.MART_ROLLOUT_INACTIVE,
        (
            "nama_kabkota",
            "nama_kecamatan",
            "nama_wilayah",
            "program",
            "tanggal_live",
            "days_since_live",
        ),
        order=("days_since_live", False),
    ),
    raw_table(
        "adopsi.pengiriman",
        "Kab/kota yang belum mengirim log layanan untuk tanggal data",
        ds.MART_DELIVERY_STATUS,
        ("nama_kabkota", "status_pengiriman", "last_delivery_date", "days_behind"),
        order=("days_behind", False),
        filters=(NOT_CURRENT,),
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
        "diverifikasi dalam batas waktu",
    ),
    big_number(
        "lapor.tindak_lanjut",
        "Tindak lanjut tepat waktu",
        ds.MART_LAPOR_SLA_KABKOTA,
        "tindak_lanjut_tepat_waktu",
        PCT,
        "ditindaklanjuti dalam batas waktu",
    ),
    big_number(
        "lapor.terbuka",
        "Pengaduan masih terbuka",
        ds.MART_LAPOR_BACKLOG,
        "tunggakan",
        INT,
        "belum selesai pada tanggal data",
    ),
    bar(
        "lapor.kategori",
        "Pengaduan per kategori",
        ds.MART_LAPOR_KATEGORI,
        "nama_kategori",
        ("pengaduan",),
        horizontal=True,
        ascending=True,
    ),
    bar(
        "lapor.tunggakan",
        "Pengaduan terbuka menurut umur (hari kerja)",
        ds.MART_LAPOR_BACKLOG,
        "umur_tunggakan",
        ("tunggakan",),
        horizontal=True,
        sort_by="umur_tunggakan",
        ascending=False,
    ),
    table(
        "lapor.instansi",
        "Pengaduan dan tingkat layanan per instansi tujuan",
        ds.FCT_LAPOR_COMPLAINTS,
        ("instansi_tujuan",),
        ("pengaduan", "verifikasi_tepat_waktu", "tindak_lanjut_tepat_waktu", "terbuka"),
        order=("pengaduan", False),
        formats={
            "pengaduan": INT,
            "verifikasi_tepat_waktu": PCT,
            "tindak_lanjut_tepat_waktu": PCT,
            "terbuka": INT,
        },
        row_limit=200,
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
INDIKATOR = (
    table(
        "indikator.ekonomi",
        "Ekonomi per kabupaten/kota (tahun terakhir dengan data)",
        ds.MART_ECONOMY,
        ("nama_kabkota", "tahun"),
        ("pdrb_per_kapita", "pertumbuhan", "kemiskinan", "pengangguran"),
        order=("pdrb_per_kapita", False),
        formats={
            "pdrb_per_kapita": ",.1f",
            "pertumbuhan": PCT,
            "kemiskinan": PCT,
            "pengangguran": PCT,
        },
        filters=(LATEST_DATA,),
    ),
    table(
        "indikator.lingkungan",
        "Lingkungan per kabupaten/kota (tahun terakhir dengan data)",
        ds.MART_ENVIRONMENT,
        ("nama_kabkota", "tahun"),
        ("hari_ispu_baik", "pm25"),
        order=("hari_ispu_baik", False),
        formats={"hari_ispu_baik": PCT, "pm25": ",.1f"},
        filters=(LATEST_DATA,),
    ),
    table(
        "indikator.pariwisata",
        "Pariwisata per kabupaten/kota (tahun terakhir dengan data)",
        ds.MART_TOURISM,
        ("nama_kabkota", "tahun"),
        ("wisnus", "wisman", "okupansi"),
        order=("wisnus", False),
        formats={"wisnus": INT, "wisman": INT, "okupansi": PCT},
        filters=(LATEST_DATA,),
    ),
    pivot(
        "indikator.skor_dimensi",
        "Skor per dimensi (0–100, tahun terakhir)",
        ds.SKOR_KABKOTA,
        ("nama_kabkota",),
        ("dimensi",),
        "skor",
        fmt=",.1f",
        filters=(
            {"col": "dimension", "op": "IN", "val": ["economy", "environment", "tourism"]},
            LATEST,
        ),
    ),
)

DASHBOARD_CHARTS: dict[str, tuple[Chart, ...]] = {
    "ringkasan": RINGKASAN,
    "adopsi": ADOPSI,
    "lapor": LAPOR,
    "indikator": INDIKATOR,
}
ALL_CHARTS = tuple(c for charts in DASHBOARD_CHARTS.values() for c in charts)

"""Charts for the DPRD reader: the header line on every dashboard ("Data per ..."), the
province maps (deck.gl Polygon, no base-map tiles by default) and plain-language sentences.

The map style is the import-time placeholder ``MAP_STYLE_PLACEHOLDER``: the import writes
``SMARTPROV_MAP_STYLE`` there (a ``tile://`` or ``mapbox://`` URL for a connected deployment) or
``none``, which draws the regency outlines on a blank background and needs no internet.
"""

from __future__ import annotations

from typing import Any

from dashboards import MAP_STYLE_PLACEHOLDER
from dashboards.catalog import datasets as ds
from dashboards.catalog.charts.builders import TTE
from dashboards.catalog.spec import Chart, Dataset
from smartprov.base.palette import CIVIDIS, TEXT, TEXT_ALERT

# Centre of the province and a zoom that shows it whole in a half-width chart; ``autozoom``
# then fits the outlines to whatever width the chart gets (a phone included).
VIEWPORT = {"longitude": 110.15, "latitude": -7.3, "zoom": 6.6, "bearing": 0, "pitch": 0}
BREAKS = ["0", "0.2", "0.4", "0.6", "0.8", "1"]

HEADER_TEMPLATE = (
    '<div class="smartprov-header"><strong>{{data.[0].data_per}}</strong>'
    "{{#if data.[0].jumlah_tertinggal}}"
    ' &middot; <span class="tertinggal">Kiriman tertinggal'
    " ({{data.[0].jumlah_tertinggal}} kab/kota): {{data.[0].tertinggal}}</span>"
    "{{else}} &middot; Semua kab/kota sudah mengirim data sampai tanggal ini.{{/if}}</div>"
)
SENTENCE_TEMPLATE = '<div class="smartprov-kalimat">{{data.[0].kalimat}}</div>'
# appended to every dashboard's CSS (dashboards/catalog/layouts.py)
STYLE = (
    f".smartprov-header, .smartprov-kalimat {{ font-size: 18px; line-height: 1.45;"
    f" color: {TEXT}; overflow-wrap: anywhere; }}\n"
    f".smartprov-header .tertinggal {{ color: {TEXT_ALERT}; }}"
)


def handlebars(
    key: str, title: str, dataset: Dataset, metrics: tuple[Any, ...], template: str, *, filters=()
) -> Chart:
    """A text chart: a Handlebars (markdown) template over one aggregated row."""
    params: dict[str, Any] = {
        "query_mode": "aggregate",
        "groupby": [],
        "metrics": list(metrics),
        "all_columns": [],
        "handlebarsTemplate": template,
        # Superset 6.1 renders the template through its markdown sanitizer, which drops a
        # <style> element and shows its text: the rules live in the dashboards' CSS instead
        "styleTemplate": "",
        "row_limit": 1,
    }
    return Chart(
        key, title, "handlebars", dataset, params, metrics=metrics, row_limit=1, filters=filters
    )


def choropleth(key: str, title: str, metric: str, tooltip: str, description: str) -> Chart:
    """A deck.gl Polygon map of mart_map_kabkota coloured by ``metric`` (share 0..1)."""
    columns = ("polygon", "nama_kabkota", tooltip)
    params: dict[str, Any] = {
        "line_column": "polygon",
        "line_type": "json",
        "metric": metric,
        "reverse_long_lat": False,
        "filter_nulls": True,
        "js_columns": [],
        "tooltip_contents": ["nama_kabkota", tooltip],
        "mapbox_style": MAP_STYLE_PLACEHOLDER,
        "viewport": VIEWPORT,
        "autozoom": True,
        "color_scheme_type": "linear_palette",
        "linear_color_scheme": list(CIVIDIS),
        "break_points": BREAKS,
        "num_buckets": len(BREAKS) - 1,
        "legend_position": "br",
        "legend_format": ".0%",
        "filled": True,
        "stroked": True,
        "extruded": False,
        "line_width": 1,
        "line_width_unit": "pixels",
        "stroke_color_picker": {"r": 255, "g": 255, "b": 255, "a": 1},
        "opacity": 90,
        "multiplier": 1,
    }
    return Chart(
        key,
        title,
        "deck_polygon",
        ds.MART_MAP_KABKOTA,
        params,
        columns=columns,
        metrics=(metric,),
        row_limit=1000,
        filters=({"col": "polygon", "op": "IS NOT NULL", "val": None},),
        description=description,
    )


HEADER = handlebars(
    "dprd.header",
    "Tanggal data dan kiriman yang tertinggal",
    ds.MART_DASHBOARD_HEADER,
    ("data_per", "tertinggal", "jumlah_tertinggal"),
    HEADER_TEMPLATE,
)


KALIMAT_TTE = handlebars(
    "dprd.kalimat_tte",
    "TTE dalam satu kalimat",
    ds.ROLLOUT_KABKOTA_LABEL,
    ("kalimat",),
    SENTENCE_TEMPLATE,
    filters=(TTE,),
)

PETA_TTE = choropleth(
    "dprd.peta_tte",
    "Peta: persentase target TTE yang sudah live per kabupaten/kota",
    "persen_target_live",
    "tte_keterangan",
    "Warna gelap = masih jauh dari target; terang = mendekati atau mencapai target.",
)
PETA_LAPOR = choropleth(
    "dprd.peta_lapor",
    "Peta: laporan (SP4N-LAPOR! dan LaporGub!, semua jenis) ditindaklanjuti tepat waktu"
    " per kab/kota",
    "persen_tepat_waktu",
    "lapor_keterangan",
    "Warna gelap = banyak laporan terlambat ditindaklanjuti; terang = tepat waktu.",
)

DPRD = (HEADER, KALIMAT_TTE, PETA_TTE, PETA_LAPOR)

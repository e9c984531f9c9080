"""Charts, in Bahasa Indonesia, one module per dashboard; :mod:`.builders` holds the chart
types. ``ALL_CHARTS`` keeps the dashboards' order (the rendered YAML and UUIDs depend on keys
only, but tests and the benchmark walk this order).
"""

from __future__ import annotations

from dashboards.catalog.charts.adopsi import ADOPSI
from dashboards.catalog.charts.dprd import DPRD
from dashboards.catalog.charts.indikator import INDIKATOR
from dashboards.catalog.charts.lapor import LAPOR
from dashboards.catalog.charts.nasional import NASIONAL
from dashboards.catalog.charts.ringkasan import RINGKASAN
from dashboards.catalog.spec import Chart

DASHBOARD_CHARTS: dict[str, tuple[Chart, ...]] = {
    "ringkasan": RINGKASAN,
    "adopsi": ADOPSI,
    "lapor": LAPOR,
    "indikator": INDIKATOR,
    "dprd": DPRD,  # header line on every dashboard, maps and sentences on Ringkasan
}
ALL_CHARTS = tuple(c for charts in DASHBOARD_CHARTS.values() for c in charts)
# the national dashboard's charts, on the national serving database (imported beside the
# province's when a national build exists: dashboards/assets/national/)
NATIONAL_CHARTS = NASIONAL

__all__ = [
    "ADOPSI",
    "ALL_CHARTS",
    "DASHBOARD_CHARTS",
    "DPRD",
    "INDIKATOR",
    "LAPOR",
    "NASIONAL",
    "NATIONAL_CHARTS",
    "RINGKASAN",
]

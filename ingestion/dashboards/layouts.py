"""The four dashboards: rows of charts, native filters, export form (position + metadata)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ingestion.dashboards import charts as ch
from ingestion.dashboards import datasets as ds
from ingestion.dashboards import stable_uuid
from ingestion.dashboards.spec import EXPORT_VERSION, Chart, Dataset

# Grid: 12 columns wide; a height unit is 8 px.
BIG_NUMBER_HEIGHT = 34


@dataclass(frozen=True)
class Filter:
    """A native filter: a select on one column (values from ``dataset``), or the time range."""

    key: str
    name: str
    column: str | None  # None = time range filter
    dataset: Dataset | None = None
    multi: bool = True

    def export(self, dashboard_key: str, charts: list[tuple[int, Chart]]) -> dict[str, Any]:
        # Charts whose dataset lacks the column are kept out of the filter's scope, so a
        # filter never sends a query a column it does not have.
        excluded = [
            chart_id
            for chart_id, chart in charts
            if self.column is not None and self.column not in chart.dataset.column_names
        ]
        in_scope = [chart_id for chart_id, _ in charts if chart_id not in excluded]
        base: dict[str, Any] = {
            "id": "NATIVE_FILTER-" + stable_uuid("filter", f"{dashboard_key}.{self.key}")[:12],
            "name": self.name,
            "type": "NATIVE_FILTER",
            "description": "",
            "cascadeParentIds": [],
            "scope": {"rootPath": ["ROOT_ID"], "excluded": excluded},
            "chartsInScope": in_scope,
            "tabsInScope": [],
            "defaultDataMask": {"extraFormData": {}, "filterState": {}, "ownState": {}},
        }
        if self.column is None:
            return {
                **base,
                "filterType": "filter_time",
                "targets": [{}],
                "controlValues": {"enableEmptyFilter": False},
            }
        assert self.dataset is not None
        return {
            **base,
            "filterType": "filter_select",
            "targets": [{"datasetUuid": self.dataset.uuid, "column": {"name": self.column}}],
            "controlValues": {
                "enableEmptyFilter": False,
                "defaultToFirstItem": False,
                "multiSelect": self.multi,
                "searchAllOptions": False,
                "inverseSelection": False,
                "sortAscending": True,
            },
        }


@dataclass(frozen=True)
class Dashboard:
    key: str
    title: str
    slug: str
    intro: str  # markdown shown on top
    rows: tuple[tuple[tuple[Chart, int, int], ...], ...]  # rows of (chart, width, height)
    filters: tuple[Filter, ...] = ()

    @property
    def uuid(self) -> str:
        return stable_uuid("dashboard", self.key)

    @property
    def charts(self) -> list[Chart]:
        return [chart for row in self.rows for chart, _, _ in row]

    def export(self) -> dict[str, Any]:
        position: dict[str, Any] = {
            "DASHBOARD_VERSION_KEY": "v2",
            "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
            "HEADER_ID": {"id": "HEADER_ID", "type": "HEADER", "meta": {"text": self.title}},
            "GRID_ID": {
                "type": "GRID",
                "id": "GRID_ID",
                "children": [],
                "parents": ["ROOT_ID"],
            },
        }
        numbered: list[tuple[int, Chart]] = []
        intro_row = "ROW-intro"
        position["GRID_ID"]["children"].append(intro_row)
        position[intro_row] = _row(intro_row, ["MARKDOWN-intro"])
        position["MARKDOWN-intro"] = {
            "type": "MARKDOWN",
            "id": "MARKDOWN-intro",
            "children": [],
            "parents": ["ROOT_ID", "GRID_ID", intro_row],
            "meta": {"width": 12, "height": 14, "code": self.intro},
        }
        for r, row in enumerate(self.rows, start=1):
            row_id = f"ROW-{r}"
            position["GRID_ID"]["children"].append(row_id)
            children = []
            for chart, width, height in row:
                chart_id = len(numbered) + 1  # placeholder id, remapped by the import
                numbered.append((chart_id, chart))
                node_id = f"CHART-{chart.uuid[:8]}"
                children.append(node_id)
                position[node_id] = {
                    "type": "CHART",
                    "id": node_id,
                    "children": [],
                    "parents": ["ROOT_ID", "GRID_ID", row_id],
                    "meta": {
                        "width": width,
                        "height": height,
                        "chartId": chart_id,
                        "uuid": chart.uuid,
                        "sliceName": chart.title,
                    },
                }
            position[row_id] = _row(row_id, children)
        metadata = {
            "color_scheme": "supersetColors",
            "refresh_frequency": 0,
            "expanded_slices": {},
            "label_colors": {"Sudah live": "#1A85A0", "Ditargetkan": "#C7D2DA"},
            "timed_refresh_immune_slices": [],
            "cross_filters_enabled": False,
            "default_filters": "{}",
            "chart_configuration": {},
            "global_chart_configuration": {
                "scope": {"rootPath": ["ROOT_ID"], "excluded": []},
                "chartsInScope": [i for i, _ in numbered],
            },
            "native_filter_configuration": [f.export(self.key, numbered) for f in self.filters],
            "shared_label_colors": [],
        }
        return {
            "dashboard_title": self.title,
            "description": None,
            "css": CSS,
            "slug": self.slug,
            "certified_by": None,
            "certification_details": None,
            "published": True,
            "uuid": self.uuid,
            "position": position,
            "metadata": metadata,
            "version": EXPORT_VERSION,
        }


def _row(row_id: str, children: list[str]) -> dict[str, Any]:
    return {
        "type": "ROW",
        "id": row_id,
        "children": children,
        "parents": ["ROOT_ID", "GRID_ID"],
        "meta": {"background": "BACKGROUND_TRANSPARENT"},
    }


# Larger type for readers who print the dashboard or read it on a projector.
CSS = """\
.dashboard-markdown { font-size: 18px; line-height: 1.5; }
.header-title { font-size: 20px !important; }
.dashboard-component-chart-holder .header-title { font-size: 18px !important; }
"""

KABKOTA = Filter("kabkota", "Kabupaten/Kota", "nama_kabkota", ds.ROLLOUT_KABKOTA_LABEL)
PROGRAM = Filter("program", "Program", "program", ds.ROLLOUT_KABKOTA_LABEL)
PERIODE = Filter("periode", "Periode", None)

DIMENSI = Filter("dimensi", "Dimensi", "dimensi", ds.SCORECARD_BERNAMA)

r = ch.RINGKASAN
a = ch.ADOPSI
lp = ch.LAPOR
ind = ch.INDIKATOR

DASHBOARDS = (
    Dashboard(
        "ringkasan",
        "Ringkasan Provinsi Cerdas",
        "ringkasan-provinsi-cerdas",
        "## Ringkasan Provinsi Cerdas Jawa Tengah\n"
        "Tanda tangan elektronik (TTE) di kantor desa/kelurahan, layanan pengaduan "
        "SP4N-LAPOR!, dan skor kabupaten/kota. Angka dari basis data layanan (serving).",
        (
            tuple((c, 3, BIG_NUMBER_HEIGHT) for c in r[:4]),
            ((r[4], 7, 150), (r[5], 5, 150)),
            ((r[6], 12, 60),),
        ),
        (KABKOTA, PROGRAM, PERIODE),
    ),
    Dashboard(
        "adopsi",
        "Adopsi Layanan Elektronik",
        "adopsi-layanan-elektronik",
        "## Adopsi Layanan Elektronik\n"
        "Pemakaian TTE pada surat layanan desa/kelurahan dalam 30 hari terakhir, dan daftar "
        "desa/kelurahan yang sudah live tetapi belum aktif.",
        (
            ((a[0], 6, 150), (a[1], 6, 150)),
            ((a[2], 12, 90),),
        ),
        (KABKOTA, PROGRAM),
    ),
    Dashboard(
        "lapor",
        "Pengaduan SP4N-LAPOR!",
        "pengaduan-sp4n-lapor",
        "## Pengaduan SP4N-LAPOR!\n"
        "Volume pengaduan dan tingkat layanan (verifikasi dan tindak lanjut tepat waktu) "
        "per kabupaten/kota.",
        (
            tuple((c, 4, BIG_NUMBER_HEIGHT) for c in lp[:3]),
            ((lp[3], 6, 150), (lp[4], 6, 150)),
        ),
        (KABKOTA,),
    ),
    Dashboard(
        "indikator",
        "Indikator Ekonomi, Lingkungan & Pariwisata",
        "indikator-ekonomi-lingkungan-pariwisata",
        "## Indikator Ekonomi, Lingkungan & Pariwisata\n"
        "Nilai dan skor indikator per kabupaten/kota (peringkat 1 = terbaik dari 35).",
        (((ind[0], 12, 150),), ((ind[1], 12, 120),)),
        (KABKOTA, DIMENSI),
    ),
)

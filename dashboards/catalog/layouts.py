"""The four dashboards: rows of charts, native filters, export form (position + metadata)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dashboards import stable_uuid
from dashboards.catalog import charts as ch
from dashboards.catalog import datasets as ds
from dashboards.catalog.datasets import nasional as nds
from dashboards.catalog.spec import EXPORT_VERSION, Chart, Dataset
from smartprov.base.palette import LABEL_COLORS, SCHEME_ID

# Grid: 12 columns wide; a height unit is 8 px.
BIG_NUMBER_HEIGHT = 34
HEADER_HEIGHT = 22  # the "Data per ..." line (dprd.header), first row of every dashboard


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
    # the province's header line (data date, regencies/cities behind); the national dashboard
    # has none: its freshness is a chart of its own
    header: bool = True

    @property
    def uuid(self) -> str:
        return stable_uuid("dashboard", self.key)

    @property
    def all_rows(self) -> tuple[tuple[tuple[Chart, int, int], ...], ...]:
        """The header line (data date, regencies/cities behind), then the dashboard's rows."""
        if not self.header:
            return self.rows
        return (((ch.dprd.HEADER, 12, HEADER_HEIGHT),), *self.rows)

    @property
    def charts(self) -> list[Chart]:
        return [chart for row in self.all_rows for chart, _, _ in row]

    def _position(self) -> tuple[dict[str, Any], list[tuple[int, Chart]]]:
        """The grid (intro, then the rows of charts) and the charts with placeholder ids."""
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
            # a longer intro (e.g. with the scoring note) gets a taller box: never cut off
            "meta": {
                "width": 12,
                "height": max(20, 12 + len(self.intro) // 30),
                "code": self.intro,
            },
        }
        for r, row in enumerate(self.all_rows, start=1):
            row_id = f"ROW-{r}"
            position["GRID_ID"]["children"].append(row_id)
            children = []
            for chart, width, height in row:
                chart_id = len(numbered) + 1  # placeholder id, remapped by the import
                numbered.append((chart_id, chart))
                node_id = f"CHART-{chart.uuid[:8]}"
                children.append(node_id)
                position[node_id] = _chart_node(node_id, row_id, chart, chart_id, width, height)
            position[row_id] = _row(row_id, children)
        return position, numbered

    def export(self) -> dict[str, Any]:
        position, numbered = self._position()
        metadata = {
            "color_scheme": SCHEME_ID,
            "refresh_frequency": 0,
            "expanded_slices": {},
            "label_colors": dict(LABEL_COLORS),
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


def _chart_node(
    node_id: str, row_id: str, chart: Chart, chart_id: int, width: int, height: int
) -> dict[str, Any]:
    return {
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


def _row(row_id: str, children: list[str]) -> dict[str, Any]:
    return {
        "type": "ROW",
        "id": row_id,
        "children": children,
        "parents": ["ROOT_ID", "GRID_ID"],
        "meta": {"background": "BACKGROUND_TRANSPARENT"},
    }


# The scorecard method in two sentences, with the full explanation (docs/metodologi-skor.md).
SKOR_NOTE = (
    "**Cara membaca skor:** setiap indikator dinilai 0–100 terhadap nilai acuan tetap "
    "(baku mutu atau target), lalu dirata-rata berbobot per dimensi; volume pengaduan "
    "ditampilkan tetapi tidak dinilai. Kab/kota tanpa data cukup (kurang dari ⅔ indikator "
    "dimensi) dan tahun berjalan tidak diberi peringkat. Penjelasan lengkap: "
    "*Metodologi Skor Kabupaten/Kota* (`docs/metodologi-skor.md` di repositori platform)."
)

# Larger type for readers who print the dashboard or read it on a projector.
CSS = (
    """\
.dashboard-markdown { font-size: 18px; line-height: 1.5; }
.header-title { font-size: 20px !important; }
.dashboard-component-chart-holder .header-title { font-size: 18px !important; }
"""
    + ch.dprd.STYLE
    + "\n"
)

KABKOTA = Filter("kabkota", "Kabupaten/Kota", "nama_kabkota", ds.MART_LAPOR_SLA_KABKOTA)
PROGRAM = Filter("program", "Program", "program", ds.MART_ROLLOUT_KABKOTA)
LAYANAN = Filter("layanan", "Layanan", "nama_layanan", ds.MART_ADOPTION_MONTHLY)
PERIODE = Filter("periode", "Periode", None)
DIMENSI = Filter("dimensi", "Dimensi", "dimensi", ds.SKOR_KABKOTA)

r = ch.RINGKASAN
a = ch.ADOPSI
lp = ch.LAPOR
ind = ch.INDIKATOR
BN = BIG_NUMBER_HEIGHT

DASHBOARDS = (
    Dashboard(
        "ringkasan",
        "Ringkasan Provinsi Cerdas",
        "ringkasan-provinsi-cerdas",
        f"## Ringkasan Provinsi Cerdas {ds.PROVINCE}\n"
        "Tanda tangan elektronik (TTE) pada surat layanan di kantor desa/kelurahan, layanan "
        "pengaduan SP4N-LAPOR!, dan skor kabupaten/kota.\n\n"
        f"{SKOR_NOTE}",
        (
            tuple((c, 3, BN) for c in r[:4]),
            ((ch.dprd.KALIMAT_TTE, 12, 18),),
            ((ch.dprd.PETA_TTE, 6, 110), (ch.dprd.PETA_LAPOR, 6, 110)),
            ((r[4], 7, 160), (r[5], 5, 160)),
            ((r[6], 6, 60), (r[7], 6, 60)),
            ((r[8], 12, 90),),
            ((r[9], 12, 90),),
        ),
        (KABKOTA, PERIODE),
    ),
    Dashboard(
        "adopsi",
        "Adopsi Layanan Elektronik",
        "adopsi-layanan-elektronik",
        "## Adopsi Layanan Elektronik\n"
        "Pemakaian TTE pada surat layanan desa/kelurahan, waktu proses, kegagalan, desa/kelurahan "
        "yang sudah live tetapi belum aktif, kab/kota yang belum mengirim data, dan penerimaan "
        "data per berkas kiriman beserta alasan karantinanya.",
        (
            tuple((c, 4, BN) for c in a[:3]),
            ((a[3], 6, 70), (a[6], 6, 70)),
            ((a[4], 6, 150), (a[5], 6, 150)),
            ((a[7], 8, 90), (a[8], 4, 90)),
            ((a[9], 12, 90),),
        ),
        (KABKOTA, PERIODE, LAYANAN, PROGRAM),
    ),
    Dashboard(
        "lapor",
        "Pengaduan SP4N-LAPOR! & LaporGub!",
        "pengaduan-sp4n-lapor",
        "## Pengaduan SP4N-LAPOR! & LaporGub!\n"
        "Pengaduan dari kedua kanal: SP4N-LAPOR! (nasional) dan LaporGub! (kanal pengaduan "
        "gubernur); laporan yang diteruskan dan ada di keduanya dihitung sekali di setiap total. "
        "Volume pengaduan per kategori, instansi dan kabupaten/kota; verifikasi dan tindak "
        "lanjut tepat waktu (semua laporan, juga per jenis); tunggakan menurut umur; "
        "pengaduan per 100.000 penduduk; angka masing-masing kanal di tabel per kanal. "
        "*Pengaduan* = laporan berjenis pengaduan saja; *laporan* = pengaduan, aspirasi, dan "
        "permintaan informasi.",
        (
            tuple((c, 3, BN) for c in lp[:4]),
            ((lp[4], 6, 70), (lp[5], 6, 70)),
            ((lp[7], 6, 150), (lp[9], 6, 150)),
            ((lp[10], 12, 50),),
            ((lp[6], 7, 80), (lp[8], 5, 80)),
        ),
        (KABKOTA, PERIODE),
    ),
    Dashboard(
        "indikator",
        "Indikator Ekonomi, Lingkungan & Pariwisata",
        "indikator-ekonomi-lingkungan-pariwisata",
        "## Indikator Ekonomi, Lingkungan & Pariwisata\n"
        "PDRB per kapita, pertumbuhan, kemiskinan, pengangguran, hari ISPU baik, PM2,5, "
        "perjalanan wisatawan dan hunian hotel per kabupaten/kota (tahun terakhir dengan data)."
        f"\n\n{SKOR_NOTE}",
        (
            ((ind[0], 7, 150), (ind[3], 5, 150)),
            ((ind[1], 6, 150), (ind[2], 6, 150)),
            ((ind[4], 12, 90),),
        ),
        (KABKOTA, DIMENSI),
    ),
)

# --- Nasional: the national serving database (its own Superset database) --------------------
n = ch.NASIONAL
PROVINSI = Filter("provinsi", "Provinsi", "nama_provinsi", nds.FRESHNESS)
DIMENSI_NASIONAL = Filter("dimensi", "Dimensi", "dimensi", nds.SCORECARD_NASIONAL)

NATIONAL_DASHBOARDS = (
    Dashboard(
        "nasional",
        "Nasional",
        "nasional",
        "## Nasional: provinsi berdampingan\n"
        "Setiap provinsi mengirim data kabupaten/kotanya ke lake nasional setelah diterbitkan. "
        "Di sini provinsi dibandingkan berdampingan: cakupan TTE desa/kelurahan, tingkat layanan "
        "pengaduan SP4N-LAPOR!, peringkat kabupaten/kota antarprovinsi, dan kesegaran data. "
        "Angka gabungan dihitung dari jumlah (Σ pembilang ÷ Σ penyebut), bukan rata-rata "
        "persentase. Provinsi yang terlambat ditandai **terlambat**; provinsi yang belum "
        "mengirim tetap tercantum sebagai **belum mengirim**, tidak pernah hilang diam-diam.",
        (
            tuple((c, 3, BN) for c in n[:4]),
            ((n[4], 6, 110), (n[5], 6, 110)),
            ((n[6], 8, 130), (n[7], 4, 130)),
        ),
        (PROVINSI, DIMENSI_NASIONAL),
        header=False,
    ),
)

"""What the DPRD reads, in a live Superset: the header line, the TTE sentence, the maps (with
row-level security) and the dashboards at a phone and a laptop width.

Every figure is recomputed here from the sample serving database, read directly with DuckDB.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pytest

from dashboards.catalog.charts.dprd import HEADER, KALIMAT_TTE, PETA_LAPOR, PETA_TTE
from dashboards.catalog.layouts import DASHBOARDS
from dashboards.server import Admin, screenshots
from tests.dashboards.conftest import Superset
from tests.dashboards.test_superset_live import chart_ids, chart_rows

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"


def _serving(superset: Superset, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(superset.home / "serving.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def admin(superset: Superset):
    return superset.client(*superset.admin)


def test_header_line_says_data_date_and_who_is_behind(superset: Superset, admin) -> None:
    (row,) = chart_rows(admin, chart_ids(admin)[HEADER.uuid])
    (as_of,) = _serving(superset, "select max(as_of_date) from marts.mart_delivery_status_kabkota")[
        0
    ]
    assert row["data_per"] == f"Data per {as_of.day} {MONTHS.split()[as_of.month - 1]} {as_of.year}"
    behind = _serving(
        superset,
        "select nama_kabkota from marts.mart_delivery_status_kabkota"
        " where delivery_status <> 'current' order by nama_kabkota",
    )
    assert row["jumlah_tertinggal"] == len(behind) > 0
    assert [part.split(":")[0] for part in row["tertinggal"].split("; ")] == [n for (n,) in behind]


def test_tte_sentence_province_and_regency(
    superset: Superset, users: dict[str, str], admin
) -> None:
    live, target, live_tte, tte, villages = _serving(
        superset,
        "select sum(live_villages), sum(target_villages), sum(live_active_villages_30d),"
        " sum(tte_villages_30d), sum(village_count) from marts.mart_rollout_kabkota_dashboard"
        " where program = 'TTE_KELURAHAN'",
    )[0]
    (row,) = chart_rows(admin, chart_ids(admin)[KALIMAT_TTE.uuid])
    dotted = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731
    pct = lambda a, b: f"{100 * a / b:.1f}".replace(".", ",")  # noqa: E731
    coverage = (
        f". Cakupan: {dotted(tte)} dari {dotted(villages)} desa/kelurahan ({pct(tte, villages)}%)"
        " menerbitkan surat ber-TTE dalam 30 hari"
    )
    assert row["kalimat"] == (
        f"{dotted(live)} dari {dotted(target)} desa/kelurahan target di Jawa Tengah"
        f" sudah live ({pct(live, target)}%); {dotted(live_tte)} di antaranya menerbitkan surat"
        f" ber-TTE dalam 30 hari{coverage}"
    )
    tegal = superset.client("tegal", superset.user_password)
    (row,) = chart_rows(tegal, chart_ids(tegal)[KALIMAT_TTE.uuid])
    assert row["kalimat"].startswith("Kota Tegal: 19 dari 27 kelurahan sudah live; ")


def test_maps_carry_every_outline_and_respect_rls(superset: Superset, users, admin) -> None:
    ids = chart_ids(admin)
    parts = _serving(superset, "select count(*) from marts.mart_map_kabkota")[0][0]
    for chart, metric, tooltip in (
        (PETA_TTE, "persen_target_live", "tte_keterangan"),
        (PETA_LAPOR, "persen_tepat_waktu", "lapor_keterangan"),
    ):
        rows = chart_rows(admin, ids[chart.uuid])
        assert len(rows) == parts >= 35
        assert all(r["polygon"].startswith("[[") and 0 <= r[metric] <= 1 for r in rows)
        assert len({r["nama_kabkota"] for r in rows}) == 35
        assert any(r[tooltip].startswith("Kota Tegal: ") for r in rows)
    tegal = superset.client("tegal", superset.user_password)
    rows = chart_rows(tegal, chart_ids(tegal)[PETA_TTE.uuid])
    assert [(r["nama_kabkota"], r["tte_keterangan"]) for r in rows] == [
        ("Kota Tegal", "Kota Tegal: 19 dari 27 kelurahan")
    ]
    assert rows[0]["persen_target_live"] == pytest.approx(19 / 27)


def test_dashboards_fit_a_phone_and_a_laptop(superset: Superset, tmp_path) -> None:
    report = screenshots(
        superset.url, tmp_path, Admin(*superset.admin, False), devices=("ponsel", "laptop")
    )
    assert [(r["device"], r["slug"]) for r in report] == [
        (device, d.slug) for device in ("ponsel", "laptop") for d in DASHBOARDS
    ]
    for entry in report:
        assert entry["errors"] == [], entry
        assert entry["rendered"] == entry["charts"] == entry["expected_charts"], entry
        layout = entry["layout"]
        assert entry["width"] == (390 if entry["device"] == "ponsel" else 1600)
        # Superset sets no viewport meta tag: a phone lays the page out at 980 CSS px and
        # shows it scaled to its width; nothing may stick out of that layout either
        assert layout["inner"] == (980 if entry["device"] == "ponsel" else 1600), entry
        assert layout["scroll"] <= layout["inner"], entry  # no sideways scrolling
        assert layout["cut"] == [], entry  # no chart beyond the screen's edge
        assert not layout["raw_css"], entry  # text charts show text, not their style rules
    for dashboard in DASHBOARDS:
        assert (tmp_path / f"{dashboard.slug}-ponsel.png").stat().st_size > 10_000

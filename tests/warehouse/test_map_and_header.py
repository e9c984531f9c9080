"""The province map and the dashboards' header line, recomputed from the sources and marts.

The outlines are checked against the GeoJSON reference file read here with the standard
library (the seed CSV is generated from it, never typed); the map's figures against
mart_rollout_kabkota and mart_lapor_sla_kabkota; the header's date against as_of_date.
"""

from __future__ import annotations

import json
from collections import defaultdict

from smartprov.base.boundaries import GEOJSON, SEED, seed_text
from tests.warehouse.conftest import query

MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"


def test_seed_is_generated_from_the_geojson() -> None:
    assert SEED.read_text(encoding="utf-8") == seed_text(), (
        "dbt/seeds/batas/ref_batas_kabkota.csv is stale: run python -m smartprov.base.boundaries"
    )
    assert "Copyright (c) 2023 Creasi.co" in (GEOJSON.parent / "SOURCE.md").read_text()


def test_map_holds_every_outline_part_with_its_figures(built) -> None:
    serving = built["paths"].serving
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    expected: dict[str, list] = {}
    for f in features:
        g = f["geometry"]
        parts = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        expected[f["properties"]["kode_kabkota"]] = [p[0] for p in parts]
    rows = query(
        serving,
        "select kode_kabkota, bagian, polygon, target_villages, live_villages, live_share,"
        " followed_up_on_time_rate from marts.mart_map_kabkota order by kode_kabkota, bagian",
    )
    got: dict[str, list] = defaultdict(list)
    for kode, _, polygon, *_ in rows:
        got[kode].append(json.loads(polygon))
    assert dict(got) == expected  # 35 regencies/cities, every island, every point
    rollout = {
        r[0]: r[1:]
        for r in query(
            serving,
            "select kode_kabkota, target_villages, live_villages from marts.mart_rollout_kabkota"
            " where program = 'TTE_KELURAHAN'",
        )
    }
    lapor = dict(
        query(
            serving,
            "select kode_kabkota, followed_up_on_time_rate from marts.mart_lapor_sla_kabkota",
        )
    )
    for kode, _, _, target, live, share, on_time in rows:
        assert (target, live) == rollout[kode]
        assert share == (live / target if target else None)
        assert on_time == lapor[kode]
    tegal = {r[3:5] for r in rows if r[0] == "33.76"}
    assert tegal == {(27, 19)}


def test_header_says_the_data_date_in_indonesian(built) -> None:
    serving = built["paths"].serving
    rows = query(
        serving,
        "select data_per, as_of_date, is_behind, delivery_status from marts.mart_dashboard_header",
    )
    assert len(rows) == 35
    for data_per, as_of, is_behind, status in rows:
        month = MONTHS.split()[as_of.month - 1]
        assert data_per == f"Data per {as_of.day} {month} {as_of.year}"
        assert is_behind == (status != "current")
    # the fixture's stale regency (Cilacap stops delivering on 27 March) is behind
    behind = query(serving, "select kode_kabkota from marts.mart_dashboard_header where is_behind")
    assert ("33.01",) in behind

"""Regency/city outlines: the seed ``ref_batas_kabkota.csv`` generated from the GeoJSON beside it.

``dbt/seeds/batas/batas-kabkota.geojson`` is the reference file exactly as delivered (MIT, see
``SOURCE.md`` there). dbt seeds are CSV and must load on DuckDB and PostgreSQL alike, so the
outlines reach the warehouse as one row per polygon part (MultiPolygons such as Cilacap with
Nusakambangan become several rows): the outer ring as a JSON array of ``[lon, lat]`` pairs, the
shape Superset's deck.gl Polygon chart and the briefing's SVG map read. The CSV is generated,
never hand-typed: ``python -m smartprov.base.boundaries`` rewrites it, and a test checks it still
equals what the GeoJSON gives. The GeoJSON has no holes; a ring with holes is refused.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from smartprov.base.settings import DBT_PROJECT_DIR

BOUNDARY_DIR = DBT_PROJECT_DIR / "seeds" / "batas"
GEOJSON = BOUNDARY_DIR / "batas-kabkota.geojson"
SEED = BOUNDARY_DIR / "ref_batas_kabkota.csv"
FIELDS = ("kode_kabkota", "nama", "bagian", "label_lat", "label_lon", "polygon")


def seed_rows(geojson: Path = GEOJSON) -> list[dict[str, str]]:
    """One row per polygon part of every feature, in file order."""
    doc = json.loads(geojson.read_text(encoding="utf-8"))
    rows = []
    for n, feature in enumerate(doc["features"], start=1):
        props, geometry = feature["properties"], feature["geometry"]
        if geometry["type"] == "Polygon":
            parts = [geometry["coordinates"]]
        elif geometry["type"] == "MultiPolygon":
            parts = geometry["coordinates"]
        else:
            raise ValueError(f"{geojson}: feature {n}: geometry {geometry['type']} not supported")
        for part_no, rings in enumerate(parts, start=1):
            if len(rings) != 1:
                raise ValueError(f"{geojson}: feature {n} ({props['kode_kabkota']}): has holes")
            rows.append(
                {
                    "kode_kabkota": props["kode_kabkota"],
                    "nama": props["nama"],
                    "bagian": str(part_no),
                    "label_lat": repr(float(props["lat"])),
                    "label_lon": repr(float(props["lon"])),
                    "polygon": json.dumps(rings[0], separators=(",", ":")),
                }
            )
    return rows


def seed_text(geojson: Path = GEOJSON) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(seed_rows(geojson))
    return out.getvalue()


def write_seed(geojson: Path = GEOJSON, seed: Path = SEED) -> Path:
    seed.write_text(seed_text(geojson), encoding="utf-8")
    return seed


if __name__ == "__main__":
    print(write_seed())

"""The province map as an SVG the project draws itself (no tiles, no browser map library).

An equirectangular projection with the longitude scaled by cos(mean latitude) (at 7°S the
distortion over one province is far below what a printed page shows). Each polygon part of
``marts.mart_map_kabkota`` becomes one path, filled by the colour-blind-safe sequential ramp of
smartprov.base.palette; cities are drawn after regencies (Kota Magelang lies inside Kabupaten
Magelang), the selected regency/city last with a thick outline.
"""

from __future__ import annotations

import json
import math
from html import escape

from smartprov.base.palette import CIVIDIS, TEXT, sequential

WIDTH = 680
MARGIN = 6


def _project(rings: list[list[list[float]]]) -> tuple[list[list[tuple[float, float]]], float]:
    lats = [lat for ring in rings for _, lat in ring]
    lons = [lon for ring in rings for lon, _ in ring]
    k = math.cos(math.radians((min(lats) + max(lats)) / 2))
    x0, y0 = min(lons) * k, max(lats)
    scale = (WIDTH - 2 * MARGIN) / (max(lons) * k - x0)
    projected = [
        [(MARGIN + (lon * k - x0) * scale, MARGIN + (y0 - lat) * scale) for lon, lat in ring]
        for ring in rings
    ]
    height = MARGIN * 2 + (max(lats) - min(lats)) * scale
    return projected, height


def _path(points: list[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"


def province_svg(outlines: list[tuple[str, str, float | None]], selected: str | None = None) -> str:
    """``outlines``: (kode_kabkota, polygon JSON, share 0..1 or None) per polygon part."""
    if not outlines:
        return ""
    order = sorted(
        range(len(outlines)),
        key=lambda i: (outlines[i][0] == selected, int(outlines[i][0][3:5]) >= 71, outlines[i][0]),
    )
    rings, height = _project([json.loads(outlines[i][1]) for i in order])
    paths = []
    for i, ring in zip(order, rings, strict=True):
        kode, _, share = outlines[i]
        stroke = (
            f'stroke="{TEXT}" stroke-width="2.5"'
            if kode == selected
            else ('stroke="#FFFFFF" stroke-width="0.6"')
        )
        paths.append(
            f'<path d="{_path(ring)}" fill="{sequential(share)}" {stroke}>'
            f"<title>{escape(kode)}</title></path>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}"'
        f' width="100%" role="img" aria-label="Peta kabupaten/kota">{"".join(paths)}</svg>'
    )


def legend() -> list[tuple[str, str]]:
    """(colour, range text) per step of the ramp, for the printed legend."""
    n = len(CIVIDIS)
    steps = []
    for i, colour in enumerate(CIVIDIS):
        low, high = round(100 * i / n), round(100 * (i + 1) / n)
        steps.append((colour, f"{low}–{high}%"))
    return steps

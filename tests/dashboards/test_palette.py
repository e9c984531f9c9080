"""Colours: the chart text the project sets meets WCAG AA, the palettes are the colour-blind-safe
ones the catalog and the briefing use (smartprov/base/palette.py), and every colour the catalog
writes into the assets comes from them."""

from __future__ import annotations

import json
import re

from dashboards.catalog.charts import ALL_CHARTS
from dashboards.catalog.charts.dprd import STYLE
from dashboards.catalog.layouts import CSS, DASHBOARDS
from smartprov.base import palette
from smartprov.briefing.pdf import TEMPLATES

HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")


def _ratio_by_hand(fg: str, bg: str) -> float:
    """WCAG 2.x contrast, written out again here (not the palette's own function)."""

    def lum(colour: str) -> float:
        parts = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_function_matches_known_values() -> None:
    assert round(palette.contrast_ratio("#000000", "#FFFFFF"), 1) == 21.0
    assert round(palette.contrast_ratio("#777777", "#FFFFFF"), 2) == 4.48  # famous AA miss
    assert palette.contrast_ratio("#0072B2") == _ratio_by_hand("#0072B2", "#FFFFFF")


def test_text_colours_the_project_sets_meet_wcag_aa() -> None:
    texts = set(palette.TEXT_COLORS.values())
    # every colour in the CSS the project writes for chart and header text, and in the briefing
    for css in (STYLE, CSS, (TEMPLATES / "briefing.html.j2").read_text(encoding="utf-8")):
        for rule in re.findall(r"[^{}]*\{[^}]*\}", css):
            for colour in re.findall(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{6})", rule):
                texts.add(colour)
    assert palette.TEXT in texts
    for colour in texts:
        assert _ratio_by_hand(colour, palette.WHITE) >= 4.5, colour


def test_palettes_are_okabe_ito_and_a_monotonic_sequential_ramp() -> None:
    assert palette.OKABE_ITO[:3] == ("#0072B2", "#E69F00", "#009E73")
    lum = [palette.relative_luminance(c) for c in palette.CIVIDIS]
    assert lum == sorted(lum), "sequential ramp: dark (low) to light (high)"
    assert palette.sequential(0.0) == palette.CIVIDIS[0]
    assert palette.sequential(1.0) == palette.CIVIDIS[-1]


def test_catalog_uses_only_palette_colours() -> None:
    allowed = {
        c.upper()
        for c in (
            *palette.OKABE_ITO,
            *palette.CIVIDIS,
            *palette.LABEL_COLORS.values(),
            *palette.TEXT_COLORS.values(),
            palette.WHITE,
        )
    }
    used = set()
    for chart in ALL_CHARTS:
        used |= {c.upper() for c in HEX.findall(json.dumps(chart.export()))}
    for dashboard in DASHBOARDS:
        metadata = dashboard.export()["metadata"]
        assert metadata["color_scheme"] == palette.SCHEME_ID
        used |= {c.upper() for c in HEX.findall(json.dumps(metadata))}
    assert used - allowed == set()
    maps = [c for c in ALL_CHARTS if c.viz_type == "deck_polygon"]
    assert maps and all(c.params["linear_color_scheme"] == list(palette.CIVIDIS) for c in maps)

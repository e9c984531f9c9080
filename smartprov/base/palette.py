"""The colours every chart, map and the printed briefing use: colour-blind safe, one place.

- categorical series: the Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008),
  distinguishable with protanopia, deuteranopia and tritanopia;
- sequential scales (maps): cividis-like stops (Nuñez, Anderton & Renslow 2018), a ramp whose
  lightness rises monotonically and that reads the same for colour-blind readers; dark = low,
  light = high, so "behind" stands out on the map and on paper;
- text: colours the project sets for text on white, each meeting WCAG 2.x AA (contrast ratio
  >= 4.5:1 for body text); ``tests/dashboards/test_palette.py`` computes the ratios.

Standard library only: imported by the catalog, ``superset_config.py`` and the briefing.
"""

from __future__ import annotations

OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#000000",  # black
)
SCHEME_ID = "okabeIto"  # the categorical scheme registered in superset_config.py

# cividis-like sequential ramp, low -> high (7 stops)
CIVIDIS = ("#00224E", "#233E6C", "#575C6D", "#7C7B78", "#A59C74", "#D3C064", "#FEE838")

# series with a fixed colour wherever they appear (dashboard label_colors)
LABEL_COLORS = {"Sudah live": "#0072B2", "Ditargetkan": "#B9C3CC", "% dari target": "#0072B2"}

WHITE = "#FFFFFF"
TEXT = "#1F2933"  # body text (header line, sentences, briefing)
TEXT_MUTED = "#52606D"  # notes, sources
TEXT_ALERT = "#A63D00"  # "behind" (a darkened Okabe-Ito vermillion, AA on white)
TEXT_COLORS = {"text": TEXT, "muted": TEXT_MUTED, "alert": TEXT_ALERT}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of ``#RRGGBB``."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str = WHITE) -> float:
    """WCAG 2.x contrast ratio (1..21) of two colours."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def sequential(share: float | None, stops: tuple[str, ...] = CIVIDIS) -> str:
    """The ramp's colour for a share 0..1 (None = no data: light grey)."""
    if share is None:
        return "#E4E7EB"
    index = min(int(max(share, 0.0) * len(stops)), len(stops) - 1)
    return stops[index]


def readable_on(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (labels on map areas)."""
    return (
        "#000000"
        if contrast_ratio("#000000", background) >= contrast_ratio(WHITE, background)
        else WHITE
    )

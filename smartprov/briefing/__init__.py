"""The monthly briefing for the DPRD: a printable PDF in Bahasa Indonesia, from serving only.

``smartprov briefing --month YYYY-MM [--kabkota KODE]`` (and the monthly ``smartprov_briefing``
DAG) read ``serving.duckdb`` read-only (:mod:`.data`), draw the province map as SVG from the
outlines in ``marts.mart_map_kabkota`` (:mod:`.svgmap`), fill an HTML template the project owns
(``templates/briefing.html.j2``, Jinja2) and print it to PDF with headless Chromium
(:mod:`.pdf`). The PDF lands in ``$SMARTPROV_HOME/briefings/``.
"""

from __future__ import annotations

from smartprov.briefing.data import Briefing, BriefingError, load_briefing
from smartprov.briefing.pdf import render_html, write_briefing

__all__ = ["Briefing", "BriefingError", "load_briefing", "render_html", "write_briefing"]

"""The monthly DPRD briefing task: serving.duckdb -> $SMARTPROV_HOME/briefings/ (PDF)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from smartprov.base.settings import Paths
from smartprov.briefing import write_briefing
from smartprov.briefing.data import data_month


def monthly_briefing(paths: Paths, day: dt.date) -> dict[str, Any]:
    """The briefing for ``day``'s month, or for the data date's month when serving has no data
    for that month yet (a late pipeline: the PDF says which date its figures are from)."""
    month = min(day.replace(day=1), data_month(paths.serving))
    target = write_briefing(paths, month)
    return {"month": f"{month:%Y-%m}", "path": str(target)}

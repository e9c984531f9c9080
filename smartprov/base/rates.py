"""How a rate is shown to readers, defined once for the briefing and the dashboards (issue 29).

Below ``MIN_CASES_FOR_RATE`` cases a rate reads as performance it is not ("1 dari 2 … 50,0 %"):
the briefing (smartprov.briefing.fmt.rate) and the dashboards' regency tables
(dashboards.catalog.datasets.common.rate_text) show the counts instead ("2 dari 3").
"""

from __future__ import annotations

MIN_CASES_FOR_RATE = 10

"""Definitions that must exist once: where a second copy cannot be avoided (dbt cannot import
Python), the copies are checked equal here."""

from __future__ import annotations

import re

from smartprov.base import indonesian
from smartprov.base.settings import PROJECT_ROOT


def test_the_dbt_date_macro_names_the_months_as_python_does() -> None:
    macro = (PROJECT_ROOT / "dbt" / "macros" / "indonesian_date.sql").read_text(encoding="utf-8")
    listed = re.search(r"for name in \[([^\]]*)\]", macro)
    assert listed, "indonesian_date.sql no longer lists the month names in a for loop"
    names = tuple(re.findall(r"'([^']+)'", listed.group(1)))
    assert names == indonesian.MONTHS


def test_superset_shows_the_same_month_and_day_names() -> None:
    config = (PROJECT_ROOT / "dashboards" / "superset_config.py").read_text(encoding="utf-8")
    for name in ("MONTHS", "SHORT_MONTHS", "DAYS", "SHORT_DAYS"):
        assert f"indonesian.{name}" in config, f"superset_config.py does not use indonesian.{name}"


def test_chromium_flags_live_in_one_place() -> None:
    for path in ("smartprov/briefing/pdf.py", "dashboards/browser.py"):
        source = (PROJECT_ROOT / path).read_text(encoding="utf-8")
        assert '"--headless' not in source, f"{path} repeats smartprov/base/chromium.py's flags"

"""Indonesian calendar names, defined once for Python (the briefing) and Superset's D3 locale.

The dbt macro ``indonesian_date`` (dbt/macros/indonesian_date.sql) cannot import Python and
holds the same twelve names; tests/structure checks the two lists are equal.
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
DAYS = ("Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu")  # Sunday first (D3)
SHORT_DAYS = ("Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab")


def long_date(day: dt.date) -> str:
    """``28 November 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_year(day: dt.date) -> str:
    """``November 2026``."""
    return f"{MONTHS[day.month - 1]} {day.year}"

"""Indonesian number and date formats for the briefing (1.234 ; 70,4% ; 28 November 2026)."""

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


def number(value: int | None) -> str:
    return "–" if value is None else f"{value:,}".replace(",", ".")


def percent(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.1f}".replace(".", ",") + "%"


def date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month(first: dt.date) -> str:
    return f"{MONTHS[first.month - 1]} {first.year}"

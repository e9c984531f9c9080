"""Indonesian number and date formats for the briefing (1.234 ; 70,4% ; 28 November 2026)."""

from __future__ import annotations

import datetime as dt

from smartprov.base.indonesian import long_date, month_year


def number(value: int | None) -> str:
    return "–" if value is None else f"{value:,}".replace(",", ".")


def percent(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.1f}".replace(".", ",") + "%"


def date(day: dt.date) -> str:
    return long_date(day)


def month(first: dt.date) -> str:
    return month_year(first)

"""Indonesian number and date formats for the briefing (1.234 ; 70,4% ; 28 November 2026)."""

from __future__ import annotations

import datetime as dt

from smartprov.base.indonesian import long_date, month_year
from smartprov.base.rates import MIN_CASES_FOR_RATE


def number(value: int | None) -> str:
    return "–" if value is None else f"{value:,}".replace(",", ".")


def percent(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.1f}".replace(".", ",") + "%"


def date(day: dt.date) -> str:
    return long_date(day)


def month(first: dt.date) -> str:
    return month_year(first)


def rate(numerator: int, denominator: int) -> str:
    """ "70,4% (19 dari 27)" from MIN_CASES_FOR_RATE cases up; "2 dari 3" below; "–" without
    any case."""
    if not denominator:
        return "–"
    counts = f"{number(numerator)} dari {number(denominator)}"
    if denominator < MIN_CASES_FOR_RATE:
        return counts
    return f"{percent(numerator / denominator)} ({counts})"


def change(current: int, previous: int | None) -> str:
    """The change from the previous month: "naik 3 dari 12", "turun 2 dari 5", "sama"."""
    if previous is None:
        return "bulan sebelumnya tanpa data"
    if current == previous:
        return f"sama dengan bulan sebelumnya ({number(previous)})"
    word = "naik" if current > previous else "turun"
    return f"{word} {number(abs(current - previous))} dari {number(previous)} bulan sebelumnya"


def value(amount: float | None, unit: str | None) -> str:
    """An indicator value in its unit: fractions as percentages, others with a decimal comma."""
    if amount is None:
        return "–"
    if unit == "fraction":
        return percent(amount)
    text = f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.rstrip("0").rstrip(",")

"""The calendar of the demo province: weekends, holidays, cuti bersama, Lebaran and Mondays.

Service offices open Monday to Friday (Saturday and Sunday only for the odd urgent letter) and
are closed on national holidays and cuti bersama (``holidays`` with the ``government``
category, as in the contracts' README). Monday carries the weekend's backlog. Around Lebaran
(Eid al-Fitr) people travel home (mudik): village offices see fewer requests for a week before
and after. Complaints (SP4N-LAPOR!) come every day, fewer at weekends and in the Lebaran week,
and peak on Monday too.

Each factor is relative to an ordinary working day; ``mean_factor`` over a calendar year turns a
yearly volume into a daily rate: ``daily = yearly / 365 * factor(day) / mean_factor(year)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import cache

from devtools.simulate.common import holidays_of, is_working_day

MONDAY_PEAK = 1.25  # published-figures table: layanan_faktor_senin (synthetic)
SATURDAY, SUNDAY, CLOSED = 0.45, 0.28, 0.25
MUDIK_DAYS = 7  # days before and after Eid al-Fitr with fewer requests
MUDIK_DIP = 0.6
LAPOR_WEEKEND, LAPOR_HOLIDAY, LAPOR_MUDIK = 0.6, 0.7, 0.75


@cache
def eid_al_fitr(year: int) -> date | None:
    """The first day of Eid al-Fitr (Lebaran) that year, from the holidays package."""
    for day, name in holidays_of(year).items():
        if name.startswith("Eid al-Fitr") and "Joint" not in name and "Second" not in name:
            return day
    return None


def in_mudik(day: date) -> bool:
    eid = eid_al_fitr(day.year)
    return eid is not None and abs((day - eid).days) <= MUDIK_DAYS


def service_factor(day: date) -> float:
    """Requests at village offices on ``day``, relative to an ordinary working day."""
    if day.weekday() == 6:
        factor = SUNDAY
    elif day.weekday() == 5:
        factor = SATURDAY
    elif not is_working_day(day):
        factor = CLOSED
    else:
        factor = MONDAY_PEAK if day.weekday() == 0 else 1.0
    return factor * (MUDIK_DIP if in_mudik(day) else 1.0)


def lapor_factor(day: date) -> float:
    """Complaints submitted on ``day``, relative to an ordinary working day."""
    if day.weekday() >= 5:
        factor = LAPOR_WEEKEND
    elif not is_working_day(day):
        factor = LAPOR_HOLIDAY
    else:
        factor = MONDAY_PEAK if day.weekday() == 0 else 1.0
    return factor * (LAPOR_MUDIK if in_mudik(day) else 1.0)


@cache
def mean_factor(factor: Callable[[date], float], year: int) -> float:
    first = date(year, 1, 1)
    days = (date(year + 1, 1, 1) - first).days
    return sum(factor(first + timedelta(days=i)) for i in range(days)) / days


def daily_share(factor: Callable[[date], float], day: date) -> float:
    """The share of a yearly volume that falls on ``day`` (sums to 1 over the year)."""
    first = date(day.year, 1, 1)
    days = (date(day.year + 1, 1, 1) - first).days
    return factor(day) / (mean_factor(factor, day.year) * days)

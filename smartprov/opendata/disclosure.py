"""Disclosure control that holds across a release: complementary suppression of complaint counts.

Suppressing a small count (1..THRESHOLD-1) alone is not enough when the release also publishes
numbers it adds up to (issue 31): ``complaints_not_archived - complaints_open`` gave back a
suppressed ``complaints_selesai``, a rate times its denominator gave back its numerator, and a
regency's category counts add up to its published total. Per regency/city the complaint cells of
``mart_lapor_sla_kabkota`` and ``mart_lapor_kategori_kabkota`` are therefore one system of linear
identities (``total = sum of parts``, a part nobody publishes standing as a hidden remainder):

- complaints = not_archived + archived; not_archived = selesai + open + auto_closed;
  the numerator of completion_rate_incl_auto_closed = selesai + auto_closed;
  complaints = complaints_12m + older; verification_measured = on time + overdue + late;
  follow_up_measured = on time + overdue + late;
- complaints / complaints_12m / complaints_open = the sum over the categories of the same count;
  a category's complaints = its complaints_12m + older = its complaints_open + not open.

A cell is *sensitive* when it holds 1..THRESHOLD-1 (a hidden remainder too: a difference of two
published counts is a count). Every sensitive published cell is withheld (primary); then, until
no sensitive unpublished cell can be worked out, another cell of an identity that gives it away
is withheld too (complementary: preferably the smallest count of at least THRESHOLD, so the
withheld cells of an identity never sum to their own lower bounds). "Worked out" is checked two
ways: linear algebra (the cell is determined by the published cells through the identities) and
bounds (withheld counts are at least 1 -- zeros are published -- so withheld cells whose sum
equals their number are all 1). A rate is published only when its numerator and denominator are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from smartprov.opendata.datasets import THRESHOLD

Equation = Mapping[str, int]  # cell -> coefficient; the cells' values times them sum to 0

SLA_COUNTS = (
    "complaints",
    "complaints_12m",
    "complaints_not_archived",
    "complaints_selesai",
    "complaints_open",
    "verification_measured",
    "verified_on_time",
    "verification_overdue",
    "follow_up_measured",
    "followed_up_on_time",
    "follow_up_overdue",
)
KATEGORI_COUNTS = ("complaints", "complaints_12m", "complaints_open")
# the numerator of completion_rate_incl_auto_closed (selesai + auto-closed), published through
# the rate: a cell of its own
INCL_NUMERATOR = "@completed_effective"


def sensitive(value: int) -> bool:
    return 1 <= value < THRESHOLD


def _sum(total: str, parts: Sequence[str]) -> dict[str, int]:
    equation = {total: -1}
    for part in parts:
        equation[part] = equation.get(part, 0) + 1
    return equation


def regency_cells(
    sla: Mapping[str, int], categories: Mapping[str, Mapping[str, int]]
) -> tuple[dict[str, int], set[str], list[dict[str, int]]]:
    """(values, hidden cells, identities) of one regency: ``sla`` its SLA-mart counts,
    ``categories`` category -> its category-mart counts."""
    values = {f"sla.{c}": int(sla[c]) for c in SLA_COUNTS}
    s = {c: int(sla[c]) for c in SLA_COUNTS}
    auto_closed = s["complaints_not_archived"] - s["complaints_selesai"] - s["complaints_open"]
    values[f"sla.{INCL_NUMERATOR}"] = s["complaints_selesai"] + auto_closed
    hidden = {
        "h.archived": s["complaints"] - s["complaints_not_archived"],
        "h.auto_closed": auto_closed,
        "h.older": s["complaints"] - s["complaints_12m"],
        "h.verification_late": s["verification_measured"]
        - s["verified_on_time"]
        - s["verification_overdue"],
        "h.follow_up_late": s["follow_up_measured"]
        - s["followed_up_on_time"]
        - s["follow_up_overdue"],
    }
    equations = [
        _sum("sla.complaints", ["sla.complaints_not_archived", "h.archived"]),
        _sum(
            "sla.complaints_not_archived",
            ["sla.complaints_selesai", "sla.complaints_open", "h.auto_closed"],
        ),
        _sum(f"sla.{INCL_NUMERATOR}", ["sla.complaints_selesai", "h.auto_closed"]),
        _sum("sla.complaints", ["sla.complaints_12m", "h.older"]),
        _sum(
            "sla.verification_measured",
            ["sla.verified_on_time", "sla.verification_overdue", "h.verification_late"],
        ),
        _sum(
            "sla.follow_up_measured",
            ["sla.followed_up_on_time", "sla.follow_up_overdue", "h.follow_up_late"],
        ),
    ]
    for kategori, counts in categories.items():
        k = f"kat.{kategori}"
        for column in KATEGORI_COUNTS:
            values[f"{k}.{column}"] = int(counts[column])
        hidden[f"h.{k}.older"] = int(counts["complaints"]) - int(counts["complaints_12m"])
        hidden[f"h.{k}.not_open"] = int(counts["complaints"]) - int(counts["complaints_open"])
        equations.append(_sum(f"{k}.complaints", [f"{k}.complaints_12m", f"h.{k}.older"]))
        equations.append(_sum(f"{k}.complaints", [f"{k}.complaints_open", f"h.{k}.not_open"]))
    for column in KATEGORI_COUNTS:
        parts = [f"kat.{kategori}.{column}" for kategori in categories]
        equations.append(_sum(f"sla.{column}", parts))
    values.update(hidden)
    return values, set(hidden), equations


def _determined(unknown: list[str], equations: Sequence[Equation]) -> set[str]:
    """The unknown cells the equations pin down (whatever the published cells' values are)."""
    if not unknown:
        return set()
    matrix = np.array([[e.get(c, 0) for c in unknown] for e in equations], dtype=float)
    rank = np.linalg.matrix_rank(matrix)
    return {
        cell
        for i, cell in enumerate(unknown)
        if np.linalg.matrix_rank(np.delete(matrix, i, axis=1)) < rank
    }


def _exposed(
    values: Mapping[str, int],
    hidden: set[str],
    unpublished: set[str],
    equations: Sequence[Equation],
) -> str | None:
    """A sensitive unpublished cell that the published cells give away, if any: first what
    linear algebra pins down (cheap), then what the bounds pin (a linear program, as an
    attacker would run it: withheld counts >= 1 since zeros are published, remainders >= 0)."""
    unknown = sorted(c for c in unpublished if any(c in e for e in equations))
    for cell in sorted(_determined(unknown, equations)):
        if sensitive(values[cell]):
            return cell
    return _pinned_by_bounds(values, hidden, unknown, equations)


def _lower(cell: str, hidden: set[str]) -> int:
    return 0 if cell in hidden or cell.split(".")[-1].startswith("@") else 1


def _pinned_by_bounds(
    values: Mapping[str, int], hidden: set[str], unknown: list[str], equations: Sequence[Equation]
) -> str | None:
    from scipy.optimize import linprog  # scipy comes with Great Expectations

    sensitive_unknown = [c for c in unknown if sensitive(values[c])]
    if not sensitive_unknown:
        return None
    index = {c: i for i, c in enumerate(unknown)}
    rows, constants = [], []
    for equation in equations:
        if not any(c in index for c in equation):
            continue
        row = [0.0] * len(unknown)
        constant = 0.0
        for cell, coefficient in equation.items():
            if cell in index:
                row[index[cell]] = coefficient
            else:
                constant -= coefficient * values[cell]
        rows.append(row)
        constants.append(constant)
    bounds = [(_lower(c, hidden), None) for c in unknown]
    for cell in sensitive_unknown:
        ends = []
        for sign in (1.0, -1.0):
            objective = [0.0] * len(unknown)
            objective[index[cell]] = sign
            result = linprog(objective, A_eq=rows, b_eq=constants, bounds=bounds, method="highs")
            ends.append(sign * result.fun if result.status == 0 else None)
        if ends[0] is not None and ends[1] is not None and ends[1] - ends[0] < 1 - 1e-6:
            return cell
    return None


def _complement(
    values: Mapping[str, int],
    hidden: set[str],
    unpublished: set[str],
    equations: Sequence[Equation],
    cell: str,
) -> str:
    """The published cell to withhold beside ``cell``: from an identity holding it, the smallest
    count of at least THRESHOLD, else the smallest count (never a zero: zeros are published, so
    a reader may rely on every withheld count being at least 1)."""

    def candidates(pool: Sequence[Equation]) -> set[str]:
        return {
            c for e in pool for c in e if c not in unpublished and c not in hidden and values[c]
        }

    found = candidates([e for e in equations if cell in e]) or candidates(equations)
    if not found:
        raise ValueError(f"no cell left to withhold beside {cell}")
    return min(found, key=lambda c: (values[c] < THRESHOLD, values[c], c))


def protect(
    values: Mapping[str, int],
    hidden: set[str],
    equations: Sequence[Equation],
    rates: Mapping[str, str] | None = None,
) -> set[str]:
    """The cells not to publish: hidden ones, sensitive ones and their complements.

    ``rates``: a rate's numerator cell -> its denominator cell, for numerators that are published
    only through the rate (withheld with the denominator, as the release does)."""
    rates = rates or {}
    unpublished = set(hidden) | {c for c, v in values.items() if c not in hidden and sensitive(v)}
    while True:
        unpublished |= {n for n, d in rates.items() if d in unpublished}
        cell = _exposed(values, hidden, unpublished, equations)
        if cell is None:
            return unpublished
        unpublished.add(_complement(values, hidden, unpublished, equations, cell))


SLA = "mart_lapor_sla_kabkota"
KATEGORI = "mart_lapor_kategori_kabkota"
Masks = dict[str, dict[tuple[str, ...], set[str]]]  # dataset -> key -> withheld columns


def lapor_masks(con) -> Masks:
    """The withheld complaint cells of the two LAPOR datasets, per regency/city, read from the
    serving connection ``con``."""
    sla_rows = con.execute(
        f"select kode_kabkota, {', '.join(SLA_COUNTS)} from marts.{SLA}"
    ).fetchall()
    kategori_rows = con.execute(
        f"select kode_kabkota, kategori, {', '.join(KATEGORI_COUNTS)} from marts.{KATEGORI}"
    ).fetchall()
    categories: dict[str, dict[str, dict[str, int]]] = {}
    for kode, kategori, *counts in kategori_rows:
        categories.setdefault(kode, {})[kategori] = dict(zip(KATEGORI_COUNTS, counts, strict=True))
    masks: Masks = {SLA: {}, KATEGORI: {}}
    for kode, *counts in sla_rows:
        values, hidden, equations = regency_cells(
            dict(zip(SLA_COUNTS, counts, strict=True)), categories.get(kode, {})
        )
        rates = {f"sla.{INCL_NUMERATOR}": "sla.complaints_not_archived"}
        for cell in protect(values, hidden, equations, rates) - hidden:
            table, *rest = cell.split(".")
            if table == "sla":
                masks[SLA].setdefault((kode,), set()).add(rest[0])
            else:
                masks[KATEGORI].setdefault((kode, rest[0]), set()).add(rest[1])
    return masks

"""Plan targets (targets-v1.md): ``<landing>/targets/target_indikator.csv``, replaced whole.

No signed plan was found with these numbers (RPJMD Jawa Tengah 2025-2029 not in the searched
material), so every target is ``usulan`` (proposed) and its ``dokumen`` says so: a path from the
latest published value (calibration/figures.csv) towards a plausible end-of-plan level. Two bad
rows exercise the quarantine (a regency outside the province, a target that is not a number).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

from devtools.simulate.common import Output, stream
from devtools.simulate.published import by_regency, province_value
from ingestion.reasons import RowReason
from smartprov.base.reference import regency_codes, unknown_regency_code

FILE = "targets/target_indikator.csv"
COLUMNS = ("kode_indikator", "tingkat", "kode_kabkota", "tahun", "target", "arah", "dokumen",
           "status_target")  # fmt: skip
DOKUMEN = (
    "Usulan target demo (simulator smartprov), belum ada dalam dokumen rencana yang ditetapkan"
)
# indicator -> (arah, figure of the base-year value, its default, change per year, unit divisor)
PROVINCE = {
    "ECO_POVERTY_RATE": ("turun", "persen_penduduk_miskin", 10.5, -0.5, 100),
    "ECO_UNEMPLOYMENT_RATE": ("turun", "tpt_persen", 4.8, -0.15, 100),
    "ECO_GRDP_REAL_GROWTH": ("naik", "pertumbuhan_ekonomi", 5.0, 0.1, 100),
    # at constant 2010 prices, as the scorecard reads it since v1.1: ADHB Rp45.2 M (2023) x the
    # ADHK/ADHB ratio 0.6365 (2024) of calibration/figures.csv
    "ECO_GRDP_PER_CAPITA": ("naik", "", 28.8, 1.4, 1),
    "GOV_TTE_LIVE_SHARE": ("naik", "", 0.6, 0.08, 1),
    "GOV_LAPOR_COMPLETION": ("naik", "", 0.7, 0.04, 1),
}


def _rows(start: date) -> list[list[str]]:
    # a plan set before the simulated year: its first year is the last complete one (so the demo
    # has one year whose values can be held against their targets), one step beyond the latest
    # published value; the later years climb from there
    base = start.year - 2
    years = range(start.year - 1, start.year + 4)
    rows = []
    for code, (arah, figure, default, step, unit) in PROVINCE.items():
        value = (province_value(figure) if figure else None) or default
        for year in years:
            target = (value + step * (year - base)) / unit
            if code.startswith("GOV_"):  # a share: at most everything
                target = min(target, 1.0)
            rows.append([code, "provinsi", "", str(year), f"{target:.4g}", arah, DOKUMEN, "usulan"])
    poverty = by_regency("persen_penduduk_miskin", regency_codes())
    for kode, value in sorted(poverty.items()):
        for year in years:
            target = max(value - 0.4 * (year - base), 1.0) / 100
            rows.append(["ECO_POVERTY_RATE", "kabkota", kode, str(year), f"{target:.4g}", "turun",
                         DOKUMEN, "usulan"])  # fmt: skip
    return rows


def write_targets(out: Output, seed: int, start: date) -> dict:
    rows = _rows(start)
    rng = stream(seed, "targets", "defects")
    reasons: Counter = Counter()
    outside = [*rows[0]]
    outside[1:3] = ["kabkota", unknown_regency_code()]
    not_a_number = [*rows[-1]]
    not_a_number[4] = "sekitar 9 persen"
    defects = ((RowReason.UNKNOWN_KABKOTA, outside), (RowReason.INVALID_VALUE, not_a_number))
    for reason, bad in defects:
        rows.insert(int(rng.integers(0, len(rows) + 1)), bad)
        reasons[reason.value] += 1
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    out.write_bytes(FILE, buffer.getvalue().encode("utf-8"))
    return {
        "file": FILE,
        "rows": len(rows),
        "rows_loaded": len(rows) - sum(reasons.values()),
        "rows_quarantined": sum(reasons.values()),
        "row_reasons": dict(sorted(reasons.items())),
        "status_target": {"usulan": len(rows) - sum(reasons.values())},
    }


def write(out: Output, paths: object, seed: int, start: date, days: int, scale: float) -> dict:
    """The simulator's hook for an added source (devtools.simulate._added_sources)."""
    return write_targets(out, seed, start)

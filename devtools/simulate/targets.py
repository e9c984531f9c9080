"""Plan targets (targets-v1): Bappeda's file with provincial and regency/city targets.

A realistic sample: the province's RPJMD target for the TTE rollout of the data date's year, and
for a third of the regencies/cities an RPJMD poverty and unemployment target for the last
complete year (some still `usulan`); the rest have none ("belum ada target"). One bad row (an
indicator code outside the catalogue) is quarantined.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from devtools.simulate.common import Output, stream
from smartprov.base import reference

TARGETS_FILE = "targets/target_indikator.csv"
HEADER = (
    "kode_indikator", "tingkat", "kode_kabkota", "tahun", "target", "arah", "dokumen",
    "status_target",
)  # fmt: skip
RPJMD_PROVINSI = "RPJMD Provinsi Jawa Tengah 2025–2029, Tabel 6.2"


def target_rows(seed: int, data_date: date) -> list[list[str]]:
    rng = stream(seed, "targets")
    year, last = data_date.year, data_date.year - 1
    rows = [["GOV_TTE_LIVE_SHARE", "provinsi", "", str(year), "0.6", "naik", RPJMD_PROVINSI,
             "ditetapkan"]]  # fmt: skip
    for index, regency in enumerate(reference.regencies()):
        if index % 3:
            continue
        kode = regency.kode_kabkota
        document = f"RPJMD {regency.nama} 2025–2029"
        status = "usulan" if rng.uniform() < 0.3 else "ditetapkan"
        poverty = rng.uniform(0.04, 0.12)
        unemployment = rng.uniform(0.03, 0.07)
        rows.append(["ECO_POVERTY_RATE", "kabkota", kode, str(last), f"{poverty:.3f}",
                     "turun", document, status])  # fmt: skip
        rows.append(["ECO_UNEMPLOYMENT_RATE", "kabkota", kode, str(last),
                     f"{unemployment:.3f}", "turun", document, status])  # fmt: skip
    # bad row: an indicator the catalogue does not have (quarantined, the rest loads)
    rows.append(["ECO_INDEKS_KEBAHAGIAAN", "provinsi", "", str(last), "72", "naik",
                 RPJMD_PROVINSI, "usulan"])  # fmt: skip
    return rows


def write_targets(out: Output, seed: int, data_date: date) -> dict:
    rows = target_rows(seed, data_date)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    out.write_bytes(TARGETS_FILE, buffer.getvalue().encode("utf-8"))
    return {"file": TARGETS_FILE, "rows": len(rows), "rows_quarantined": 1}


def write(out: Output, paths: object, seed: int, start: date, days: int, scale: float) -> dict:
    """The simulator's hook for an added source (devtools.simulate._added_sources): the plan
    targets as of the last simulated day."""
    return write_targets(out, seed, start + timedelta(days=days - 1))

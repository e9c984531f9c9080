"""The demo's plan targets (targets-v1): a plan whose first year is the last complete one, so
the demo has a year whose values can be held against their targets (a running year never is)."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date

from devtools.simulate.common import Output
from devtools.simulate.targets import write_targets
from smartprov.base.reference import regency_codes


def test_targets_start_at_the_last_complete_year_and_move_their_way(tmp_path) -> None:
    start = date(2026, 1, 1)
    summary = write_targets(Output(tmp_path), seed=7, start=start)
    with (tmp_path / summary["file"]).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    regencies = set(regency_codes())
    paths: dict[tuple[str, str, str], dict[int, float]] = defaultdict(dict)
    for row in rows:
        try:
            target = float(row["target"])
        except ValueError:
            continue  # the planted "not a number" defect
        if row["kode_kabkota"] and row["kode_kabkota"] not in regencies:
            continue  # the planted regency outside the province
        paths[row["kode_indikator"], row["kode_kabkota"], row["arah"]][int(row["tahun"])] = target
    assert paths
    for (code, kode, arah), by_year in paths.items():
        assert min(by_year) == start.year - 1, (code, kode, sorted(by_year))
        values = [by_year[y] for y in sorted(by_year)]
        assert values[-1] != values[0], (code, kode, values)  # a plan moves (none stuck at a cap)
        steps = list(zip(values, values[1:], strict=False))
        if arah == "naik":
            assert all(b >= a for a, b in steps), (code, kode, values)
        else:
            assert all(b <= a for a, b in steps), (code, kode, values)

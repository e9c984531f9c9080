"""The rollout register: which villages each programme targets and when they went live.

`TTE_KELURAHAN` drives the service logs: a village issues e-signed (tte = 1) letters only once it
is declared live, and some declared-live villages stay inactive (they never do).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from devtools.simulate.common import Output, stream
from ingestion.reasons import RowReason
from smartprov.base.reference import (
    regency_code_by_name,
    unknown_regency_code,
    villages,
    villages_by_regency,
)

TTE = "TTE_KELURAHAN"
SIPEDE = "SIPEDE_ONLINE"
# Jawa Tengah's documented case (serving-v1): Kota Tegal has exactly 19 kelurahan live. Keyed by
# name, so another province (which has no Kota Tegal) simply has no such case.
KOTA_TEGAL = "Kota Tegal"
KOTA_TEGAL_LIVE = 19
REGISTER = "rollout/rollout_register.csv"


@dataclass
class Rollout:
    """TTE_KELURAHAN per village: go-live day (None = not live / not targeted) and activity."""

    target: dict[str, bool] = field(default_factory=dict)
    live_on: dict[str, date | None] = field(default_factory=dict)
    inactive: set[str] = field(default_factory=set)

    def is_live(self, kode: str, day: date) -> bool:
        live = self.live_on.get(kode)
        return live is not None and live <= day


def _go_live_days(rng, count: int, start: date, end: date) -> list[date]:
    """Go-live days spread over the ~9 months before the period and the period itself."""
    first = start - timedelta(days=270)
    span = (end - first).days + 1
    return [first + timedelta(days=int(x)) for x in rng.integers(0, span, size=count)]


def _rollout_days(rng, count: int, is_kota: bool, start: date, end: date) -> list[date]:
    """Go-live days of one regency/city's villages: its rollout began 1-4 years before the
    period (cities earlier) and went faster towards the end (an S-curve's rising half)."""
    years = int(rng.choice([2, 3, 4], p=[0.2, 0.4, 0.4]) if is_kota else rng.choice([1, 2, 3]))
    first = date(start.year - years, int(rng.integers(1, 13)), 1)
    span = (end - first).days
    return [first + timedelta(days=int(span * x)) for x in rng.beta(2.0, 1.3, size=count)]


def _plan_tte(seed: int, start: date, end: date) -> tuple[Rollout, list[list[str]]]:
    rng = stream(seed, "rollout", TTE)
    rollout = Rollout()
    rows: list[list[str]] = []
    kota_tegal = regency_code_by_name(KOTA_TEGAL)
    for kode_kabkota, members in villages_by_regency().items():
        is_kota = int(kode_kabkota[3:]) >= 71
        for village in members:
            kelurahan = village.jenis == "kelurahan"
            share = 1.0 if (is_kota or kelurahan) else 0.35
            rollout.target[village.kode_wilayah] = bool(rng.random() < share)
        targets = [v for v in members if rollout.target[v.kode_wilayah]]
        if kode_kabkota == kota_tegal:
            order = rng.permutation(len(targets))
            live_idx = set(order[:KOTA_TEGAL_LIVE].tolist())
            planned_idx = set(order[KOTA_TEGAL_LIVE : KOTA_TEGAL_LIVE + 1].tolist())
        else:
            share_live = 0.8 if is_kota else 0.6
            draws = rng.random(len(targets))
            live_idx = {i for i, x in enumerate(draws) if x < share_live}
            planned_idx = {i for i, x in enumerate(draws) if share_live <= x < share_live + 0.05}
        go_live = _rollout_days(rng, len(targets), is_kota, start, end)
        for i, village in enumerate(targets):
            if i in live_idx:
                rollout.live_on[village.kode_wilayah] = go_live[i]
                if rng.random() < 0.15:
                    rollout.inactive.add(village.kode_wilayah)
            elif i in planned_idx:  # scheduled after the period: listed, not live yet
                rollout.live_on[village.kode_wilayah] = end + timedelta(
                    days=int(rng.integers(7, 60))
                )
    for village in villages():
        kode = village.kode_wilayah
        target = rollout.target[kode]
        live = rollout.live_on.get(kode)
        rows.append([kode, TTE, "1" if target else "0", live.isoformat() if live else ""])
    # From here on the plan answers "live during the simulated period" only.
    rollout.live_on = {k: d for k, d in rollout.live_on.items() if d is not None and d <= end}
    return rollout, rows


def _sipede_rows(seed: int, start: date, end: date) -> list[list[str]]:
    rng = stream(seed, "rollout", SIPEDE)
    rows = []
    for village in villages():
        target = village.jenis == "desa" and rng.random() < 0.45
        live = ""
        if target and rng.random() < 0.7:
            live = _go_live_days(rng, 1, start - timedelta(days=180), end)[0].isoformat()
        rows.append([village.kode_wilayah, SIPEDE, "1" if target else "0", live])
    return rows


def write_rollout(out: Output, seed: int, start: date, end: date) -> tuple[Rollout, dict]:
    """Write the register (with two bad rows) and return the plan and its manifest section."""
    rollout, rows = _plan_tte(seed, start, end)
    sipede = _sipede_rows(seed, start, end)
    rng = stream(seed, "rollout", "defects")
    # Bad row 1: target "2" replaces one village's SIPEDE_ONLINE row (TTE counts untouched).
    bad_target = int(rng.integers(0, len(sipede)))
    sipede[bad_target][2] = "2"
    all_rows = rows + sipede
    # Bad row 2: an extra row for a village code that does not exist in the province.
    insert_at = int(rng.integers(0, len(all_rows)))
    all_rows.insert(insert_at, [f"{unknown_regency_code()}.01.2001", TTE, "1", start.isoformat()])

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["kode_wilayah", "program", "target", "tanggal_live"])
    writer.writerows(all_rows)
    out.write_bytes(REGISTER, buffer.getvalue().encode("utf-8"))
    manifest = {
        "file": REGISTER,
        "rows": len(all_rows),
        "rows_loaded": len(all_rows) - 2,
        "rows_quarantined": 2,
        "row_reasons": {RowReason.UNKNOWN_WILAYAH.value: 1, RowReason.INVALID_VALUE.value: 1},
        "programs": _program_counts(rows, sipede, bad_target, end),
    }
    return rollout, manifest


def _program_counts(
    tte_rows: list[list[str]], sipede_rows: list[list[str]], bad: int, end: date
) -> dict[str, dict[str, dict[str, int]]]:
    """Per programme and regency: targeted villages and villages live on ``end`` (loaded rows)."""
    regency_of: dict[str, str] = {v.kode_wilayah: v.kode_kabkota for v in villages()}
    programs: dict[str, dict[str, dict[str, int]]] = {}
    loaded = tte_rows + [r for i, r in enumerate(sipede_rows) if i != bad]
    for kode, program, target, live in loaded:
        counts = programs.setdefault(program, {}).setdefault(
            regency_of[kode], {"target": 0, "live": 0}
        )
        if target == "1":
            counts["target"] += 1
            if live and date.fromisoformat(live) <= end:
                counts["live"] += 1
    return {p: dict(sorted(c.items())) for p, c in sorted(programs.items())}

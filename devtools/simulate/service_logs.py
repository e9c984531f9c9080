"""Service-log deliveries: one file per regency/city per day, in that regency's variant.

Also computes, from exactly what ends up in landing/, the counts a correct ingestion must reach
(rows loaded and quarantined, distinct transactions, TTE activity in the 30-day window).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np

from devtools.simulate.adoption import adoption
from devtools.simulate.common import Output, days_of, stream
from devtools.simulate.defects import (
    DROPPED_COLUMN,
    FILE_REASON,
    GUARANTEED_PER_REASON,
    MISSING,
    NOT_ZIP_XLSX,
    ROW_DEFECT_RATE,
    RowDefects,
    garbage_bytes,
)
from devtools.simulate.indicators import population_weights
from devtools.simulate.published import province_value
from devtools.simulate.rollout import Rollout
from devtools.simulate.seasons import daily_share, service_factor
from devtools.simulate.variants import (
    COLUMNS,
    VARIANTS,
    LogRow,
    Variant,
    header_only,
    write_rows,
)
from ingestion.reasons import RowReason
from ingestion.vocabulary import JENIS_LAYANAN, KANAL_LAYANAN, STATUS_LAYANAN
from smartprov.base.reference import Regency, Village, regencies, villages_by_regency

LETTERS_PER_1000 = 110.0  # per year; unless calibration/figures.csv says otherwise
JENIS_P = np.array([0.22, 0.13, 0.18, 0.10, 0.12, 0.15, 0.10])  # order of JENIS_LAYANAN
STATUS_P = np.array([0.85, 0.06, 0.05, 0.04])  # selesai, ditolak, proses, gagal
# counters take longer than web/mobile requests (order of KANAL_LAYANAN: web, mobile, loket)
KANAL_DURATION = np.array([0.7, 0.8, 1.4])
REDELIVERY_P = 0.03  # share of `proses` rows closed later and delivered again
WINDOW_DAYS = 30
OFFICE_OPEN = 7 * 3600 + 30 * 60
OFFICE_SPAN = 8 * 3600 + 30 * 60


def assign_variants(seed: int) -> dict[str, Variant]:
    """A seeded shuffle of the regencies, then round robin over the variants (every variant is
    used when the province has at least as many regencies/cities as there are variants)."""
    codes = [r.kode_kabkota for r in regencies()]
    order = stream(seed, "variants").permutation(len(codes))
    return {codes[i]: VARIANTS[rank % len(VARIANTS)] for rank, i in enumerate(order)}


def yearly_letters() -> dict[str, float]:
    """Requests per regency/city per year at scale 1: proportional to its residents."""
    rate = province_value("layanan_surat_per_1000_penduduk") or LETTERS_PER_1000
    return {code: pop * rate / 1000 for code, pop in population_weights().items()}


def expected_rows(start: date, days: int) -> float:
    """Requests expected at scale 1 over [start, start + days), all regencies (before defects)."""
    total = sum(yearly_letters().values())
    return total * sum(daily_share(service_factor, day) for day in days_of(start, days))


@dataclass
class RegencyResult:
    files_delivered: int = 0
    files_quarantined: int = 0
    file_reasons: Counter = field(default_factory=Counter)
    rows_delivered: int = 0
    rows_loaded: int = 0
    row_reasons: Counter = field(default_factory=Counter)
    last_delivery: date | None = None
    missing_days: list[str] = field(default_factory=list)
    redelivered: int = 0
    # id -> (kode_wilayah, status, tte, waktu_selesai) of the latest loaded version
    latest: dict[str, tuple[str, str, bool, datetime | None]] = field(default_factory=dict)


class RegencyGenerator:
    """Generates the days of one regency/city."""

    def __init__(self, seed: int, regency: Regency, members: list[Village], rollout: Rollout):
        self.regency = regency
        self.rng = stream(seed, "service-logs", regency.kode_kabkota)
        self.members = members
        weights = self.rng.lognormal(0.0, 0.6, size=len(members))
        self.village_p = weights / weights.sum()
        self.rollout = rollout
        self.prefix = regency.kode_kabkota.replace(".", "")
        # offices differ in how fast they issue letters (own stream: other draws unchanged)
        self.speed = float(stream(seed, "processing-speed", regency.kode_kabkota).lognormal(0, 0.5))
        self.adoption = adoption(seed, regency)

    def rows_for(self, day: date, count: int, seq_start: int) -> list[LogRow]:
        rng = self.rng
        base = datetime(day.year, day.month, day.day)
        village_idx = rng.choice(len(self.members), size=count, p=self.village_p)
        jenis = rng.choice(len(JENIS_LAYANAN), size=count, p=JENIS_P)
        kanal = rng.choice(len(KANAL_LAYANAN), size=count, p=self.adoption.kanal_p(day))
        status = rng.choice(len(STATUS_LAYANAN), size=count, p=STATUS_P)
        start_s = np.sort(OFFICE_OPEN + rng.integers(0, OFFICE_SPAN, size=count))
        typical_s = 40 * 60 * self.speed * KANAL_DURATION[kanal]
        duration_s = np.minimum(typical_s * rng.lognormal(0.0, 1.0, size=count), 12 * 3600)
        tte_draw = rng.random(count)
        signer_draw = rng.random(count)
        stamp = day.strftime("%Y%m%d")
        end_of_day = base + timedelta(hours=23, minutes=59, seconds=59)
        rows = []
        for i in range(count):
            village = self.members[village_idx[i]]
            st = STATUS_LAYANAN[status[i]]
            permohonan = base + timedelta(seconds=int(start_s[i]))
            selesai = None
            if st != "proses":
                selesai = min(permohonan + timedelta(seconds=int(duration_s[i]) + 60), end_of_day)
            rows.append(
                LogRow(
                    f"{self.prefix}-{stamp}-{seq_start + i:05d}",
                    village.kode_wilayah,
                    JENIS_LAYANAN[jenis[i]],
                    KANAL_LAYANAN[kanal[i]],
                    permohonan,
                    selesai,
                    st,
                    self._tte(village, day, st, tte_draw[i]),
                    self._signer(village, st, signer_draw[i]),
                )
            )
        return rows

    def _tte(self, village: Village, day: date, status: str, draw: float) -> bool:
        kode = village.kode_wilayah
        if status not in ("selesai", "gagal") or kode in self.rollout.inactive:
            return False
        live = self.rollout.live_on.get(kode)
        if live is None or live > day:
            return False
        return draw < self.adoption.tte_p((day - live).days)

    @staticmethod
    def _signer(village: Village, status: str, draw: float) -> str:
        if status == "proses":
            return ""
        if village.jenis == "kelurahan":
            return "lurah" if draw < 0.9 else "camat"
        return "kepala_desa" if draw < 0.65 else "sekdes"

    def close_later(self, row: LogRow, day: date) -> LogRow:
        """The corrected version of a `proses` row, delivered again on ``day``."""
        base = datetime(day.year, day.month, day.day)
        selesai = base + timedelta(seconds=OFFICE_OPEN + int(self.rng.integers(0, OFFICE_SPAN)))
        village = next(v for v in self.members if v.kode_wilayah == row.kode)
        status = "selesai" if self.rng.random() < 0.9 else "ditolak"
        return LogRow(
            row.id,
            row.kode,
            row.jenis,
            row.kanal,
            row.permohonan,
            selesai,
            status,
            self._tte(village, day, status, float(self.rng.random())),
            self._signer(village, status, float(self.rng.random())),
        )


def _guaranteed_row_defects(
    seed: int, roles: dict[str, dict[int, str]], days: int
) -> dict[tuple[str, int], list[RowReason]]:
    """Every row reason at least GUARANTEED_PER_REASON times, in normal files."""
    from ingestion.reasons import SERVICE_LOG_ROW_ORDER

    rng = stream(seed, "guaranteed-row-defects")
    normal = [(code, d) for code in sorted(roles) for d in range(days) if d not in roles[code]]
    placed: dict[tuple[str, int], list[RowReason]] = {}
    for reason in SERVICE_LOG_ROW_ORDER:
        for _ in range(GUARANTEED_PER_REASON):
            placed.setdefault(normal[int(rng.integers(0, len(normal)))], []).append(reason)
    return placed


def _forced_redeliveries(seed: int, roles: dict[str, dict[int, str]], days: int) -> set[str]:
    """Three regencies that always re-deliver at least one transaction."""
    rng = stream(seed, "forced-redeliveries")
    codes = sorted(roles)
    return {codes[int(i)] for i in rng.choice(len(codes), size=3, replace=False)}


def write_service_logs(
    out: Output,
    seed: int,
    start: date,
    days: int,
    scale: float,
    rollout: Rollout,
    variants: dict[str, Variant],
    roles: dict[str, dict[int, str]],
) -> dict[str, dict]:
    calendar = days_of(start, days)
    data_date = calendar[-1]
    guaranteed = _guaranteed_row_defects(seed, roles, days)
    forced = _forced_redeliveries(seed, roles, days)
    by_regency = villages_by_regency()
    section: dict[str, dict] = {}
    for regency in regencies():
        code = regency.kode_kabkota
        result = _one_regency(
            out, seed, regency, by_regency[code], rollout, variants[code], roles[code],
            calendar, scale, guaranteed, code in forced,
        )  # fmt: skip
        section[code] = _regency_manifest(result, variants[code], by_regency[code], rollout,
                                          data_date)  # fmt: skip
    return section


def _one_regency(
    out: Output,
    seed: int,
    regency: Regency,
    members: list[Village],
    rollout: Rollout,
    variant: Variant,
    roles: dict[int, str],
    calendar: list[date],
    scale: float,
    guaranteed: dict[tuple[str, int], list[RowReason]],
    forced_redelivery: bool,
) -> RegencyResult:
    code = regency.kode_kabkota
    gen = RegencyGenerator(seed, regency, members, rollout)
    defects = RowDefects(seed, code)
    result = RegencyResult()
    pending: dict[int, list[LogRow]] = {}
    yearly = yearly_letters()[code] * scale
    force = forced_redelivery
    for index, day in enumerate(calendar):
        role = roles.get(index)
        if role == MISSING:
            result.missing_days.append(day.isoformat())
            continue
        count = max(1, int(gen.rng.poisson(yearly * daily_share(service_factor, day))))
        rows = gen.rows_for(day, count, 1)
        relative = f"service_logs/{code}/{day.isoformat()}.{variant.extension}"
        result.files_delivered += 1
        result.last_delivery = day
        if role is not None:
            out.write_bytes(relative, _broken_file(role, rows, variant, gen.rng))
            result.files_quarantined += 1
            result.file_reasons[FILE_REASON[role].value] += 1
            continue
        later = [j for j in range(index + 1, min(index + 4, len(calendar))) if j not in roles]
        protected, next_seq, force = _plan_redeliveries(gen, rows, day, later, pending, force)
        arrivals = [gen.close_later(r, day) for r in pending.pop(index, [])]
        result.redelivered += len(arrivals)
        protected.update(range(len(rows), len(rows) + len(arrivals)))
        rows.extend(arrivals)
        reasons = guaranteed.get((code, index), [])
        bad = _spoil_rows(gen, defects, rows, day, protected, reasons, next_seq, result)
        out.write_bytes(relative, write_rows(rows, variant))
        result.rows_delivered += len(rows)
        for i, row in enumerate(rows):
            if i not in bad:
                result.rows_loaded += 1
                result.latest[row.id] = (row.kode, row.status, row.tte, row.selesai)
    return result


def _plan_redeliveries(
    gen: RegencyGenerator,
    rows: list[LogRow],
    day: date,
    later: list[int],
    pending: dict[int, list[LogRow]],
    force: bool,
) -> tuple[set[int], int, bool]:
    """Some `proses` rows are closed on a later (normal) day and delivered again there.

    Adds them to ``pending`` (by day index); returns the rows that take part (they stay clean),
    the next row sequence number and whether a forced re-delivery is still owed.
    """
    next_seq = len(rows) + 1
    protected: set[int] = set()
    if not later:
        return protected, next_seq, force
    chosen = [
        i for i, r in enumerate(rows) if r.status == "proses" and gen.rng.random() < REDELIVERY_P
    ]
    if force:
        extra = gen.rows_for(day, 1, next_seq)[0]
        next_seq += 1
        extra.status, extra.selesai, extra.tte, extra.signer = "proses", None, False, ""
        rows.append(extra)
        chosen.append(len(rows) - 1)
        force = False
    for i in chosen:
        pending.setdefault(later[int(gen.rng.integers(0, len(later)))], []).append(rows[i])
        protected.add(i)
    return protected, next_seq, force


def _spoil_rows(
    gen: RegencyGenerator,
    defects: RowDefects,
    rows: list[LogRow],
    day: date,
    protected: set[int],
    guaranteed: list[RowReason],
    next_seq: int,
    result: RegencyResult,
) -> set[int]:
    """Row defects: random ones spoil good rows, guaranteed ones come as extra rows.

    Returns the indexes of the bad rows (counted in ``result.row_reasons``)."""
    bad: set[int] = set()
    for i in range(len(rows)):
        if i not in protected and gen.rng.random() < ROW_DEFECT_RATE:
            reason = defects.random_reason()
            defects.apply(rows[i], reason, day)
            result.row_reasons[reason.value] += 1
            bad.add(i)
    for reason in guaranteed:
        extra = gen.rows_for(day, 1, next_seq)[0]
        next_seq += 1
        defects.apply(extra, reason, day)
        rows.append(extra)
        bad.add(len(rows) - 1)
        result.row_reasons[reason.value] += 1
    return bad


def _broken_file(
    kind: str, rows: list[LogRow], variant: Variant, rng: np.random.Generator
) -> bytes:
    if kind == "garbage":
        return garbage_bytes(rng)
    if kind == "not_zip":
        return NOT_ZIP_XLSX
    if kind == "zero_bytes":
        return b""
    if kind == "header_only":
        return header_only(variant)
    if kind == "missing_column":
        return write_rows(rows, variant, tuple(c for c in COLUMNS if c != DROPPED_COLUMN))
    raise ValueError(kind)


def _regency_manifest(
    result: RegencyResult,
    variant: Variant,
    members: list[Village],
    rollout: Rollout,
    data_date: date,
) -> dict:
    window_start = data_date - timedelta(days=WINDOW_DAYS - 1)
    active: set[str] = set()
    letters = tte_letters = 0
    for kode, status, tte, selesai in result.latest.values():
        if (
            status != "selesai"
            or selesai is None
            or not window_start <= selesai.date() <= data_date
        ):
            continue
        letters += 1
        if tte:
            tte_letters += 1
            active.add(kode)
    target = [v for v in members if rollout.target.get(v.kode_wilayah)]
    live = [v for v in target if rollout.is_live(v.kode_wilayah, data_date)]
    rows_quarantined = sum(result.row_reasons.values())
    return {
        "variant": variant.name,
        "format": variant.fmt,
        "files_delivered": result.files_delivered,
        "files_quarantined": result.files_quarantined,
        "file_reasons": dict(sorted(result.file_reasons.items())),
        "rows_delivered": result.rows_delivered,
        "rows_loaded": result.rows_loaded,
        "rows_quarantined": rows_quarantined,
        "row_reasons": dict(sorted(result.row_reasons.items())),
        "transactions": len(result.latest),
        "redelivered_transactions": result.redelivered,
        "last_delivery": result.last_delivery.isoformat() if result.last_delivery else None,
        "missing_days": result.missing_days,
        "target_villages": len(target),
        "live_villages": len(live),
        "active_villages_30d": len(active),
        "letters_30d": letters,
        "tte_letters_30d": tte_letters,
    }

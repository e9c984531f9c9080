"""LaporGub! tickets (laporgub-v1): daily exports of every ticket created or changed that day.

Real volume: 22,980 reports in 2022, about 63 a day province-wide (``REPORTS_PER_DAY`` × days ×
scale), ending in 2022's status mix (65.2 % selesai, 21.4 % still in verification, 8.2 % in
progress, 1.1 % unanswered, 4.0 % not eligible) unless the data date cuts a story short. Some
days are exported with ``;`` and day-first timestamps (a spreadsheet export), the others with
``,`` and ISO timestamps; some versions are re-sent unchanged the next day; some tickets are
the same report as an SP4N-LAPOR! complaint (``rujukan_lapor``: forwarded from LAPOR, or to it
-- read from the LAPOR feed the simulator wrote first) and a few name a LAPOR id that was never
delivered (they count on their own). A few bad rows are added, as extra copies of genuine
versions, and counted in the manifest.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
from faker import Faker

from devtools.simulate.common import Output, add_working_days, days_of, stream
from devtools.simulate.lapor_text import AGENCY, TEMPLATES
from ingestion.laporgub.vocabulary import COLUMNS, KANAL, KATEGORI
from ingestion.reasons import RowReason
from smartprov.base.reference import (
    district_names,
    regencies,
    unknown_regency_code,
    villages_by_regency,
)
from smartprov.base.settings import Paths

REPORTS_PER_DAY = 22_980 / 365  # 2022: 22,980 reports
MIN_REPORTS = 20
# the end of each story, with 2022's status mix (contract: laporgub-v1)
OUTCOMES = ("selesai", "belum_diverifikasi", "proses", "diverifikasi", "tidak_layak")
OUTCOME_P = np.array([14_983, 4_927, 1_895, 257, 918]) / 22_980
KANAL_P = (0.18, 0.34, 0.16, 0.12, 0.06, 0.05, 0.04, 0.05)
JENIS = (("pengaduan", 0.78), ("aspirasi", 0.12), ("permintaan_informasi", 0.10))
PROVINCIAL_P = 0.15  # about the province's own agencies: no regency
FORWARDED_P = 0.25  # share of LAPOR complaints (with a regency) that are also LaporGub tickets
SEMICOLON_P = 0.4  # days exported with ';' and day-first timestamps
RESENT_P = 0.03  # versions sent again, unchanged, in the next day's export
VERIFY_WD = ((0, 1, 2, 3, 4, 6), (0.25, 0.3, 0.2, 0.12, 0.08, 0.05))
RESPOND_WD = ((0, 1, 2, 3, 5, 7, 10), (0.1, 0.25, 0.2, 0.15, 0.15, 0.1, 0.05))
CLOSE_WD = ((1, 2, 3, 5), (0.4, 0.3, 0.2, 0.1))
SOCIAL = ("twitter", "facebook", "instagram")
DEFECTS = (
    (RowReason.UNKNOWN_STATUS, "status", "ditutup"),
    (RowReason.UNKNOWN_KANAL, "kanal", "fax"),
    (RowReason.INVALID_TIMESTAMP, "tanggal_masuk", "kemarin pagi"),
    (RowReason.UNKNOWN_KABKOTA, "kode_kabkota", None),  # PP.99: in no province
    (RowReason.MISSING_VALUE, "no_tiket", ""),
)


@dataclass(frozen=True)
class Linked:
    """An SP4N-LAPOR! complaint the LaporGub ticket is the same report as."""

    tracking_id: str
    tanggal_lapor: datetime
    kode_kabkota: str
    kategori: str


def _pick(rng: np.random.Generator, options, p=None):
    return options[int(rng.choice(len(options), p=p))]


def _handle(user_name: str) -> str:
    return "@" + "".join(c for c in user_name.lower() if c.isascii() and (c.isalnum() or c in "._"))


def _lapor_complaints(paths: Paths) -> list[Linked]:
    """The complaints of the LAPOR feed written before (current versions, with a regency)."""
    if not paths.lapor_api_feed.exists():
        return []
    latest: dict[str, dict] = {}
    for line in paths.lapor_api_feed.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        latest[record["tracking_id"]] = record
    return [
        Linked(
            r["tracking_id"],
            datetime.fromisoformat(r["tanggal_lapor"]).replace(tzinfo=None),
            r["kode_kabkota"],
            r["kategori"] or "lainnya",
        )
        for _, r in sorted(latest.items())
        if r.get("kode_kabkota")
    ]


class TicketFactory:
    def __init__(self, seed: int, start: date, days: int) -> None:
        self.rng = stream(seed, "laporgub")
        self.fake = Faker("id_ID")
        self.fake.seed_instance(seed + 1)
        self.calendar = days_of(start, days)
        self.end = datetime.combine(self.calendar[-1], datetime.max.time()).replace(microsecond=0)
        self.regencies = regencies()
        self.villages = villages_by_regency()
        self.districts = district_names()
        weights = np.array([len(self.villages[r.kode_kabkota]) for r in self.regencies], float)
        self.regency_p = weights / weights.sum()

    def _after(self, earlier: datetime, choice: tuple) -> datetime:
        day = add_working_days(earlier.date(), _pick(self.rng, *choice))
        moment = datetime(day.year, day.month, day.day, 8) + timedelta(
            minutes=int(self.rng.integers(0, 8 * 60))
        )
        return max(moment, earlier + timedelta(minutes=int(self.rng.integers(20, 180))))

    def ticket(self, seq: int, linked: Linked | None = None) -> list[dict]:
        """Every version (oldest first) of one ticket up to the end of the data date."""
        rng, fake = self.rng, self.fake
        if linked:  # the same report: same regency and topic, a few hours apart either way
            masuk = linked.tanggal_lapor + timedelta(hours=int(rng.integers(-20, 48)))
            kode, kategori = linked.kode_kabkota, linked.kategori
        else:
            day = _pick(rng, self.calendar)
            masuk = datetime(day.year, day.month, day.day, 5) + timedelta(
                minutes=int(rng.integers(0, 18 * 60))
            )
            home = self.regencies[int(rng.choice(len(self.regencies), p=self.regency_p))]
            kode = "" if rng.random() < PROVINCIAL_P else home.kode_kabkota
            kategori = _pick(rng, KATEGORI)
        kanal = _pick(rng, KANAL, KANAL_P)
        village = _pick(rng, self.villages[kode or self.regencies[0].kode_kabkota])
        base = {
            "no_tiket": f"LG-{masuk:%Y}-{seq:07d}",
            "tanggal_masuk": masuk,
            "kanal": kanal,
            "jenis": _pick(rng, [j for j, _ in JENIS], [p for _, p in JENIS]),
            "kategori": kategori,
            "opd_tujuan": AGENCY[kategori] + ("" if kode else " Provinsi Jawa Tengah"),
            "kode_kabkota": kode,
            "rujukan_lapor": linked.tracking_id if linked else "",
            "pelapor_nama": fake.name(),
            "pelapor_telepon": "" if kanal in SOCIAL else f"08{rng.integers(10**9, 10**10)}",
            "pelapor_akun": _handle(fake.user_name()) if kanal in SOCIAL else "",
            "isi": _pick(rng, TEMPLATES[kategori]).format(
                desa=village.nama.title(),
                kec=self.districts[village.kode_kecamatan],
                n=int(rng.integers(2, 9)),
            ),
        }
        if base["jenis"] == "pengaduan" and rng.random() < 0.3:
            base["jenis"] = ""  # empty = pengaduan (the contract's default)
        return self._history(base, masuk, _pick(rng, OUTCOMES, OUTCOME_P))

    def _history(self, base: dict, masuk: datetime, outcome: str) -> list[dict]:
        steps = [("belum_diverifikasi", None, masuk)]
        if outcome != "belum_diverifikasi":
            verified = self._after(masuk, VERIFY_WD)
            steps.append(("diverifikasi", "tanggal_verifikasi", verified))
            if outcome == "tidak_layak":
                steps.append(("tidak_layak", None, verified + timedelta(minutes=30)))
            elif outcome in ("proses", "selesai"):
                responded = self._after(verified, RESPOND_WD)
                steps.append(("proses", "tanggal_respon", responded))
                if outcome == "selesai":
                    steps.append(("selesai", "tanggal_selesai", self._after(responded, CLOSE_WD)))
        versions = []
        record = {**base, "tanggal_verifikasi": None, "tanggal_respon": None}
        record["tanggal_selesai"] = None
        for status, stamp, moment in steps:
            if moment > self.end:
                break
            record = {**record, "status": status, "diperbarui_pada": moment}
            if stamp:
                record[stamp] = moment
            versions.append(record)
        return versions


def _text(record: dict, day_first: bool) -> dict[str, str]:
    def shown(value: object) -> str:
        if isinstance(value, datetime):
            return value.strftime("%d/%m/%Y %H:%M" if day_first else "%Y-%m-%dT%H:%M:%S+07:00")
        return "" if value is None else str(value)

    return {c: shown(record.get(c)) for c in COLUMNS}


def write_laporgub(out: Output, paths: Paths, seed: int, start: date, days: int, scale: float):
    """Write ``landing/laporgub/<day>.csv``; return the manifest section."""
    factory = TicketFactory(seed, start, days)
    rng = stream(seed, "laporgub", "deliveries")
    lapor = [c for c in _lapor_complaints(paths) if rng.random() < FORWARDED_P]
    count = max(MIN_REPORTS, round(REPORTS_PER_DAY * scale * days))
    # forwarded complaints first: one received after the data date is not delivered yet, so
    # the tickets of its own make up the real volume (count) whatever the LAPOR volume
    linked = [factory.ticket(count + 1 + i, c) for i, c in enumerate(lapor, start=1)]
    linked = [t for t in linked if t][:count]
    tickets = [factory.ticket(seq) for seq in range(1, count - len(linked) + 1)] + linked
    # a report forwarded with a LAPOR id that was never delivered: it counts on its own
    first = datetime.combine(start, datetime.min.time()) + timedelta(hours=9)
    # (in Kota Semarang; in another province that runs the platform, its first regency/city)
    kode = "33.74" if "33.74" in factory.villages else factory.regencies[0].kode_kabkota
    ghost = Linked("LPR-TIDAK-ADA-1", first, kode, "lainnya")
    tickets.append(factory.ticket(count + 1, ghost))
    tickets = [t for t in tickets if t]
    by_day: dict[date, list[dict]] = {}
    for version in (v for history in tickets for v in history):
        by_day.setdefault(version["diperbarui_pada"].date(), []).append(version)
    day_first = {day: rng.random() < SEMICOLON_P for day in by_day}
    rows = {day: [_text(v, day_first[day]) for v in versions] for day, versions in by_day.items()}
    resent = _resend(rng, by_day, rows, day_first, factory.end.date())
    reasons = _defects(rng, rows)
    for day, lines in sorted(rows.items()):
        buffer = io.StringIO()
        delimiter = ";" if day_first[day] else ","
        writer = csv.DictWriter(buffer, COLUMNS, delimiter=delimiter, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(lines)
        out.write_bytes(f"laporgub/{day.isoformat()}.csv", buffer.getvalue().encode("utf-8"))
    current = [history[-1] for history in tickets]
    delivered = {c.tracking_id for c in _lapor_complaints(paths)}
    return {
        "reports": len(tickets),
        "versions": sum(len(h) for h in tickets),
        "export_files": len(rows),
        "semicolon_files": sum(day_first.values()),
        "export_rows": sum(len(lines) for lines in rows.values()),
        "resent_rows": resent,
        "export_rows_quarantined": sum(reasons.values()),
        # loaded rows: every good row, re-sent ones too (they add no version: same key)
        "export_rows_loaded": sum(len(lines) for lines in rows.values()) - sum(reasons.values()),
        "row_reasons": dict(sorted(reasons.items())),
        "status_current": dict(sorted(Counter(c["status"] for c in current).items())),
        "linked_to_delivered_lapor": sum(c["rujukan_lapor"] in delivered for c in current),
        "reports_by_kabkota": dict(sorted(Counter(c["kode_kabkota"] for c in current).items())),
    }


def _resend(rng, by_day: dict, rows: dict, day_first: dict, last: date) -> int:
    """Versions sent again unchanged in the next day's export (when there is one)."""
    resent = 0
    for day, versions in sorted(by_day.items()):
        following = day + timedelta(days=1)
        if following > last or following not in rows:
            continue
        for version in versions:
            if rng.random() < RESENT_P:
                rows[following].append(_text(version, day_first[following]))
                resent += 1
    return resent


def _defects(rng: np.random.Generator, rows: dict[date, list[dict]]) -> Counter:
    reasons: Counter = Counter()
    days = sorted(rows)
    for reason, column, value in DEFECTS:
        day = days[int(rng.integers(0, len(days)))]
        victim = rows[day][int(rng.integers(0, len(rows[day])))]
        bad = {**victim, column: value if value is not None else unknown_regency_code()}
        rows[day].insert(int(rng.integers(0, len(rows[day]) + 1)), bad)
        reasons[reason.value] += 1
    return reasons


write = write_laporgub  # the simulator's entry point for a source module (simulate/__init__.py)

"""SP4N-LAPOR! complaints: full status histories, daily export files and the API stand-in feed.

Every status change is a record version with a new `updated_at`. Export files hold the versions
whose `updated_at` falls on their day; the API feed (`<home>/api/lapor/complaints.jsonl`) holds
all versions. Bad rows are added to the export files only, as extra copies of genuine versions.
"""

from __future__ import annotations

import csv
import io
import json
from bisect import bisect_right
from collections import Counter
from datetime import date, datetime, timedelta
from functools import cache
from itertools import accumulate
from pathlib import Path

import numpy as np
from faker import Faker

from devtools.simulate.common import Output, add_working_days, days_of, stream
from devtools.simulate.indicators import population_weights, size_against_jawa_tengah
from devtools.simulate.lapor_text import AGENCY, TEMPLATES
from devtools.simulate.published import province_value
from devtools.simulate.seasons import daily_share, lapor_factor
from ingestion.reasons import RowReason
from ingestion.vocabulary import (
    LAPOR_COLUMNS,
    LAPOR_JENIS,
    LAPOR_KANAL,
    LAPOR_KATEGORI,
    LAPOR_TIMESTAMPS,
)
from smartprov.base.reference import (
    district_names,
    province,
    regencies,
    unknown_regency_code,
    villages_by_regency,
)
from smartprov.base.settings import Paths

FIELDS = LAPOR_COLUMNS  # export columns, in the contract order
TIMESTAMPS = LAPOR_TIMESTAMPS
# Reports per year for the whole province and the mixes: calibration/figures.csv (these
# defaults are used when it has no row, e.g. for another province: per resident as Jawa Tengah)
REPORTS_PER_RESIDENT = 22_980 / 38_130_000
MIN_COMPLAINTS = 12
# intended end of the story; recent complaints are cut off at the data date
OUTCOMES = ("selesai", "stuck_verification", "stuck_disposition", "stuck_follow_up", "archived")
OUTCOME_P = (0.652, 0.214, 0.0111, 0.0824, 0.0399)  # LaporGub 2022 status shares
KANAL_P = (0.35, 0.03, 0.07, 0.45, 0.10)
JENIS_P = (0.75, 0.15, 0.10)
KATEGORI_P = (0.18, 0.12, 0.12, 0.06, 0.24, 0.10, 0.10, 0.08)
VERIFY_WD = ((0, 1, 2, 3, 4, 5, 7, 9), (0.2, 0.3, 0.2, 0.13, 0.06, 0.05, 0.04, 0.02))
FOLLOW_UP_WD = (
    (0, 1, 2, 3, 4, 5, 6, 8, 10, 12),
    (0.05, 0.2, 0.2, 0.18, 0.12, 0.1, 0.06, 0.04, 0.03, 0.02),
)
CLOSE_WD = ((1, 2, 3, 4, 5, 6), (0.25, 0.25, 0.2, 0.15, 0.1, 0.05))
PHONE_PREFIXES = ("0812", "0813", "0821", "0822", "0852", "0853", "0857", "0878", "0896")
MAIL_DOMAINS = ("gmail.com", "yahoo.co.id", "yahoo.com", "gmail.com", "outlook.com")


@cache
def _cumulative(p: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(accumulate(p))


def _pick(rng: np.random.Generator, options, p=None):
    """One of ``options`` (with probabilities ``p``): a bisection, not ``rng.choice``, which
    checks ``p`` on every call and was a fifth of the run at 5,000+ complaints."""
    if p is None:
        return options[int(rng.integers(0, len(options)))]
    cumulative = _cumulative(p if isinstance(p, tuple) else tuple(float(x) for x in p))
    index = bisect_right(cumulative, float(rng.random()) * cumulative[-1])
    return options[min(index, len(options) - 1)]


def _mix(prefix: str, names: tuple[str, ...], default: tuple[float, ...]) -> tuple[float, ...]:
    """Shares from the published-figures table (normalised), else ``default``."""
    found = [province_value(f"{prefix}{name}") for name in names]
    if any(v is None for v in found):
        return default
    total = sum(v for v in found if v is not None)
    return tuple(v / total for v in found if v is not None)


def yearly_reports() -> float:
    """SP4N-LAPOR! reports per year at scale 1 for the whole province (the published figure is
    Jawa Tengah's: another province gets it in proportion to its residents)."""
    published = province_value("sp4n_lapor_laporan")
    if published:
        return published * size_against_jawa_tengah()
    return REPORTS_PER_RESIDENT * sum(population_weights().values())


def expected_reports(start: date, days: int, scale: float) -> int:
    """Reports submitted in [start, start + days): the yearly volume spread by the calendar."""
    share = sum(daily_share(lapor_factor, day) for day in days_of(start, days))
    return max(MIN_COMPLAINTS, round(yearly_reports() * scale * share))


def _office_time(rng: np.random.Generator, day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 8) + timedelta(
        minutes=int(rng.integers(0, 8 * 60))
    )


def _after(rng: np.random.Generator, earlier: datetime, working_days: int) -> datetime:
    """A moment `working_days` working days after `earlier` (same day if 0), always later."""
    moment = _office_time(rng, add_working_days(earlier.date(), working_days))
    if moment <= earlier:
        moment = earlier + timedelta(minutes=int(rng.integers(20, 180)))
    return moment


class ComplaintFactory:
    def __init__(self, seed: int, start: date, days: int) -> None:
        self.rng = stream(seed, "lapor")
        self.fake = Faker("id_ID")
        self.fake.seed_instance(seed)
        self.calendar = days_of(start, days)
        weights = np.array([lapor_factor(day) for day in self.calendar])
        self.day_p = tuple(float(w) for w in weights / weights.sum())
        self.outcome_p = _mix("sp4n_lapor_outcome_", OUTCOMES, OUTCOME_P)
        self.jenis_p = _mix("sp4n_lapor_jenis_", LAPOR_JENIS, JENIS_P)
        self.kanal_p = _mix("sp4n_lapor_kanal_", LAPOR_KANAL, KANAL_P)
        self.end = datetime.combine(self.calendar[-1], datetime.max.time()).replace(microsecond=0)
        self.regencies = regencies()
        self.districts = district_names()
        self.villages = villages_by_regency()
        residents = population_weights()
        weights = np.array([residents[r.kode_kabkota] for r in self.regencies], float)
        weights[[i for i, r in enumerate(self.regencies) if r.is_kota]] *= 1.6
        self.regency_p = tuple(float(w) for w in weights / weights.sum())

    def _identity(self, kode_kabkota: str) -> dict[str, str]:
        rng, fake = self.rng, self.fake
        name = fake.name()
        village = _pick(rng, self.villages[kode_kabkota])
        female = rng.random() < 0.5
        born = date(1960, 1, 1) + timedelta(days=int(rng.integers(0, 365 * 45)))
        dd = born.day + (40 if female else 0)
        nik = (
            village.kode_kecamatan.replace(".", "")
            + f"{dd:02d}{born.month:02d}{born.year % 100:02d}{int(rng.integers(1, 2000)):04d}"
        )
        phone = _pick(rng, PHONE_PREFIXES) + "".join(
            str(d) for d in rng.integers(0, 10, size=int(rng.integers(7, 9)))
        )
        handle = "".join(c for c in name.lower() if c.isalpha() or c == " ").split()
        email = f"{'.'.join(handle[:2])}{int(rng.integers(1, 99))}@{_pick(rng, MAIL_DOMAINS)}"
        return {
            "pelapor_nama": name,
            "pelapor_nik": nik,
            "pelapor_telepon": phone,
            "pelapor_email": email,
        }

    def complaint(self, seq: int) -> list[dict[str, str]]:
        """All versions (oldest first) of one complaint up to the end of the data date."""
        rng = self.rng
        day = _pick(rng, self.calendar, self.day_p)
        lapor = datetime(day.year, day.month, day.day, 6) + timedelta(
            minutes=int(rng.integers(0, 16 * 60))
        )
        provincial = rng.random() < 0.12
        home = _pick(rng, self.regencies, self.regency_p)
        kategori = _pick(rng, LAPOR_KATEGORI, KATEGORI_P)
        where = home.nama if not provincial else f"Provinsi {province().nama}"
        village = _pick(rng, self.villages[home.kode_kabkota])
        text = _pick(rng, TEMPLATES[kategori]).format(
            desa=village.nama.title(),
            kec=self.districts[village.kode_kecamatan],
            n=int(rng.integers(2, 9)),
        )
        anonim = rng.random() < 0.10
        identity = self._identity(home.kode_kabkota)
        if anonim:
            identity = dict.fromkeys(identity, "")
        base = {
            "tracking_id": f"LPR{day:%y%m}{seq:05d}",
            "tanggal_lapor": lapor,
            "kanal": _pick(rng, LAPOR_KANAL, self.kanal_p),
            "jenis": _pick(rng, LAPOR_JENIS, self.jenis_p),
            "kategori": kategori,
            "instansi_tujuan": f"{AGENCY[kategori]} {where}",
            "kode_kabkota": "" if provincial else home.kode_kabkota,
            "rahasia": "1" if rng.random() < 0.10 else "0",
            "anonim": "1" if anonim else "0",
            **identity,
            "isi_laporan": text,
        }
        return self._history(base, lapor, _pick(rng, OUTCOMES, self.outcome_p))

    def _history(self, base: dict, lapor: datetime, outcome: str) -> list[dict]:
        rng = self.rng
        steps: list[tuple[str, str | None, datetime]] = [("menunggu_verifikasi", None, lapor)]
        if outcome == "archived":
            steps.append(("diarsipkan", None, _after(rng, lapor, _pick(rng, *VERIFY_WD))))
        elif outcome != "stuck_verification":
            verified = _after(rng, lapor, _pick(rng, *VERIFY_WD))
            steps.append(("terverifikasi", "tanggal_verifikasi", verified))
            disposed = verified + timedelta(minutes=int(rng.integers(15, 240)))
            steps.append(("didisposisikan", "tanggal_disposisi", disposed))
            if outcome in ("selesai", "stuck_follow_up"):
                followed = _after(rng, disposed, _pick(rng, *FOLLOW_UP_WD))
                steps.append(("ditindaklanjuti", "tanggal_tindak_lanjut", followed))
                if outcome == "selesai":
                    closed = _after(rng, followed, _pick(rng, *CLOSE_WD))
                    steps.append(("selesai", "tanggal_selesai", closed))
        versions = []
        record = {**base, **dict.fromkeys(TIMESTAMPS[1:5], None)}
        for status, stamp_field, moment in steps:
            if moment > self.end:
                break
            record = {**record, "status": status, "updated_at": moment}
            if stamp_field:
                record[stamp_field] = moment
            versions.append(record)
        return versions


def _stamp(moment: datetime) -> str:
    """``iso_wib`` without strftime (a tenth of the run at 150,000 timestamps)."""
    return moment.replace(microsecond=0).isoformat() + "+07:00"


def _text(record: dict) -> dict[str, str]:
    return {
        k: (_stamp(v) if isinstance(v, datetime) else ("" if v is None else str(v)))
        for k, v in ((f, record[f]) for f in FIELDS)
    }


def _api_record(text: dict[str, str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in text.items():
        if key in ("rahasia", "anonim"):
            out[key] = int(value)
        else:
            out[key] = value if value != "" else None
    return out


EXPORT_DEFECTS = (
    (RowReason.MISSING_VALUE, "tracking_id", ""),
    (RowReason.UNKNOWN_STATUS, "status", "dibatalkan"),
    (RowReason.INVALID_TIMESTAMP, "tanggal_lapor", "kemarin sore"),
    (RowReason.UNKNOWN_KABKOTA, "kode_kabkota", None),  # PP.99: in no province
)


def write_lapor(out: Output, home: Path, seed: int, start: date, days: int, scale: float) -> dict:
    factory = ComplaintFactory(seed, start, days)
    count = expected_reports(start, days, scale)
    complaints = [factory.complaint(seq) for seq in range(1, count + 1)]
    versions = sorted(
        (v for history in complaints for v in history),
        key=lambda v: (v["updated_at"], v["tracking_id"]),
    )
    texts = [_text(version) for version in versions]
    by_day: dict[date, list[dict[str, str]]] = {}
    for version, text in zip(versions, texts, strict=True):
        by_day.setdefault(version["updated_at"].date(), []).append(text)
    rng = stream(seed, "lapor", "defects")
    reasons: Counter = Counter()
    for reason, column, value in EXPORT_DEFECTS:
        victim = versions[int(rng.integers(0, len(versions)))]
        bad = {**_text(victim), column: value if value is not None else unknown_regency_code()}
        rows = by_day[victim["updated_at"].date()]
        rows.insert(int(rng.integers(0, len(rows) + 1)), bad)
        reasons[reason.value] += 1
    for day, rows in sorted(by_day.items()):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        out.write_bytes(f"lapor/{day.isoformat()}.csv", buffer.getvalue().encode("utf-8"))
    feed = Paths(home).lapor_api_feed
    feed.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(_api_record(text), ensure_ascii=False) for text in texts]
    feed.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    current = [history[-1] for history in complaints]
    return {
        "complaints": len(complaints),
        "versions": len(versions),
        "export_files": len(by_day),
        "export_rows": len(versions) + sum(reasons.values()),
        "export_rows_loaded": len(versions),
        "export_rows_quarantined": sum(reasons.values()),
        "row_reasons": dict(sorted(reasons.items())),
        "api_feed": str(Paths(home).lapor_api_feed.relative_to(home)),
        "api_records": len(versions),
        "status_current": dict(sorted(Counter(c["status"] for c in current).items())),
        "rahasia": sum(c["rahasia"] == "1" for c in current),
        "anonim": sum(c["anonim"] == "1" for c in current),
        "complaints_by_kabkota": dict(sorted(Counter(c["kode_kabkota"] for c in current).items())),
    }

"""What the briefing says, read from serving.duckdb only (read-only, one short connection).

Province-wide rates are Σ/Σ (sum of the counts over the regencies/cities, then divided), never
an average of percentages. With ``kabkota`` every table is restricted to that regency/city; the
map still shows the whole province with that regency/city outlined.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from smartprov.base.warehouse import connect
from smartprov.briefing import fmt

PROGRAM = "TTE_KELURAHAN"  # dbt var headline_program
VILLAGES_LISTED = 30


class BriefingError(ValueError):
    """The briefing cannot be made (no serving database, unknown regency, month in the future)."""


@dataclass(frozen=True)
class Rollout:
    kode_kabkota: str
    nama_kabkota: str
    live: int
    target: int
    label: str  # "Kota Tegal: 19 dari 27 kelurahan" (mart_rollout_kabkota_dashboard)
    villages: int  # all villages of the regency/city
    tte_villages: int  # villages that issued a TTE letter in 30 days (coverage numerator)
    live_active: int  # of the live ones, those that issued a TTE letter in 30 days
    label_cakupan: str  # "...: 19 dari 27 kelurahan sudah live; 7 di antaranya menerbitkan ..."

    @property
    def share(self) -> float | None:
        return self.live / self.target if self.target else None


@dataclass(frozen=True)
class Lapor:
    nama_kabkota: str
    complaints: int  # jenis = pengaduan (lapor-v1 v1.1)
    on_time: int  # follow-ups on time, every jenis
    measured: int
    reports: int = 0  # all three jenis


@dataclass(frozen=True)
class Month:
    """Headline counts of one month of submission (Σ over the regencies/cities in scope)."""

    complaints: int  # pengaduan
    reports: int  # laporan, all jenis
    on_time: int  # follow-ups on time, every jenis, of the month's reports
    measured: int

    @property
    def rate(self) -> float | None:
        return self.on_time / self.measured if self.measured else None


@dataclass(frozen=True)
class Capaian:
    """A plan target beside the actual value (mart_target_capaian, targets-v1)."""

    nama_wilayah: str
    nama_indikator: str
    unit: str | None
    tahun_label: str
    actual: float | None
    target: float | None
    capaian: float | None
    dokumen: str | None
    status: str | None  # "ditetapkan" / "usulan (belum ditetapkan)"
    keterangan: str


@dataclass(frozen=True)
class Village:
    nama_kabkota: str
    nama_kecamatan: str
    nama_wilayah: str
    tanggal_live: dt.date
    days_since_live: int


@dataclass
class Briefing:
    month: dt.date  # first day of the month reported on
    as_of_date: dt.date
    scope: str  # the province's or the regency/city's name
    kabkota: str | None
    rollout: list[Rollout]  # sorted: furthest from the target first
    lapor: list[Lapor]
    complaints_in_month: int
    behind_delivery: list[str]  # "Kabupaten X: data terakhir 25 November 2026"
    villages: list[Village]
    villages_total: int
    outlines: list[tuple[str, str, float | None]] = field(default_factory=list)
    this_month: Month | None = None
    last_month: Month | None = None  # None: no report in the previous month
    capaian: list[Capaian] = field(default_factory=list)
    without_target: int = 0  # regency/city x indicator values with "belum ada target"

    @property
    def village_count(self) -> int:
        return sum(r.villages for r in self.rollout)

    @property
    def tte_villages(self) -> int:
        return sum(r.tte_villages for r in self.rollout)

    @property
    def live_active(self) -> int:
        return sum(r.live_active for r in self.rollout)

    @property
    def reports(self) -> int:
        return sum(r.reports for r in self.lapor)

    @property
    def complaints(self) -> int:
        return sum(r.complaints for r in self.lapor)

    @property
    def data_per(self) -> str:
        return f"Data per {fmt.date(self.as_of_date)}"

    @property
    def live(self) -> int:
        return sum(r.live for r in self.rollout)

    @property
    def target(self) -> int:
        return sum(r.target for r in self.rollout)

    @property
    def live_share(self) -> float | None:
        return self.live / self.target if self.target else None

    @property
    def on_time(self) -> int:
        return sum(r.on_time for r in self.lapor)

    @property
    def measured(self) -> int:
        return sum(r.measured for r in self.lapor)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.measured if self.measured else None

    @property
    def behind_target(self) -> list[Rollout]:
        """Regencies/cities below the provincial share (Σ/Σ) of their TTE target."""
        province = self.live_share
        return [
            r
            for r in self.rollout
            if r.share is not None and province is not None and r.share < province
        ]


def data_month(serving: Path) -> dt.date:
    """First day of the data date's month in ``serving``."""
    if not serving.exists():
        raise BriefingError(f"{serving}: no serving database (run the pipeline first)")
    con = connect(serving, read_only=True)
    try:
        (as_of,) = con.execute("select max(as_of_date) from marts.mart_rollout_kabkota").fetchone()
    finally:
        con.close()
    if as_of is None:
        raise BriefingError("serving holds no data date (marts.mart_rollout_kabkota is empty)")
    return as_of.replace(day=1)


def _where(kabkota: str | None, alias: str = "") -> tuple[str, list[str]]:
    prefix = f"{alias}." if alias else ""
    return (f" and {prefix}kode_kabkota = ?", [kabkota]) if kabkota else ("", [])


def load_briefing(serving: Path, month: dt.date, kabkota: str | None = None) -> Briefing:
    """Read everything the briefing shows for ``month`` (first day) from ``serving``."""
    if not serving.exists():
        raise BriefingError(f"{serving}: no serving database (run the pipeline first)")
    con = connect(serving, read_only=True)
    try:
        return _load(con, month, kabkota)
    finally:
        con.close()


def _load(con, month: dt.date, kabkota: str | None) -> Briefing:
    (as_of,) = con.execute("select max(as_of_date) from marts.mart_rollout_kabkota").fetchone()
    if as_of is None:
        raise BriefingError("serving holds no data date (marts.mart_rollout_kabkota is empty)")
    if month > as_of.replace(day=1):
        raise BriefingError(f"{fmt.month(month)}: after the data date {as_of.isoformat()}")
    names = dict(con.execute("select kode_kabkota, nama_kabkota from marts.dim_kabkota").fetchall())
    if kabkota is not None and kabkota not in names:
        raise BriefingError(f"--kabkota {kabkota}: not a regency/city code of serving (e.g. 33.76)")
    where, args = _where(kabkota)
    rollout, lapor = _rollout(con, kabkota), _lapor(con, kabkota)
    this_month = _month(con, month, kabkota)
    previous = _month(con, (month - dt.timedelta(days=1)).replace(day=1), kabkota)
    behind = [
        text
        for (text,) in con.execute(
            "select keterangan from marts.mart_dashboard_header where is_behind"
            + where
            + " order by nama_kabkota",
            args,
        ).fetchall()
    ]
    villages, total = _villages(con, kabkota)
    outlines = con.execute(
        "select kode_kabkota, polygon, live_share from marts.mart_map_kabkota"
        " order by kode_kabkota, bagian"
    ).fetchall()
    return Briefing(
        month,
        as_of,
        names[kabkota] if kabkota else _province(con),
        kabkota,
        rollout,
        lapor,
        this_month.complaints,
        behind,
        villages,
        total,
        outlines,
        this_month,
        previous if previous.reports else None,
        *_capaian(con, kabkota, month.year),
    )


def _capaian(con, kabkota: str | None, year: int) -> tuple[list[Capaian], int]:
    """The targets of the scope (the province's own, or the regency/city's) beside the actual
    values up to the briefing's year (a plan's later years are not news to the month), and how
    many regency/city values have no target."""
    where, args = _where(kabkota)
    level = "kabkota" if kabkota else "provinsi"
    rows = con.execute(
        "select nama_wilayah, nama_indikator, unit, tahun_label, actual_value, target, capaian,"
        " dokumen, status_target_label, keterangan from marts.mart_target_capaian"
        " where tingkat = ? and target is not null and tahun <= ?"
        + where
        + " order by nama_indikator, tahun",
        [level, year, *args],
    ).fetchall()
    (without,) = con.execute(
        "select count(*) from marts.mart_target_capaian where target is null" + where, args
    ).fetchone()
    return [Capaian(*row) for row in rows], without


def _month(con, first: dt.date, kabkota: str | None) -> Month:
    """Reports submitted in the month starting ``first`` (provincial agencies included in the
    province's scope), pengaduan apart; follow-up service levels over every jenis. Both
    complaint channels, a report in both counted once (fct_complaint_reports)."""
    where, args = _where(kabkota)
    end = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    row = con.execute(
        "select count(*) filter (where jenis = 'pengaduan'), count(*),"
        " count(*) filter (where is_followed_up_on_time),"
        " count(*) filter (where is_follow_up_measured)"
        " from marts.fct_complaint_reports"
        " where is_counted_once and tanggal_lapor >= ? and tanggal_lapor < ?" + where,
        [first, end, *args],
    ).fetchone()
    return Month(*row)


def _rollout(con, kabkota: str | None) -> list[Rollout]:
    """Per regency/city, furthest from the target first."""
    where, args = _where(kabkota)
    rows = con.execute(
        "select kode_kabkota, nama_kabkota, live_villages, target_villages, label,"
        " village_count, tte_villages_30d, coalesce(live_active_villages_30d, 0), label_cakupan"
        " from marts.mart_rollout_kabkota_dashboard where program = ?"
        + where
        + " order by live_villages::double / nullif(target_villages, 0) asc nulls last,"
        " nama_kabkota",
        [PROGRAM, *args],
    ).fetchall()
    return [Rollout(*row) for row in rows]


def _lapor(con, kabkota: str | None) -> list[Lapor]:
    """Per regency/city, the lowest on-time rate first."""
    where, args = _where(kabkota)
    rows = con.execute(
        "select nama_kabkota, complaints, followed_up_on_time, follow_up_measured, reports"
        " from marts.mart_lapor_sla_kabkota where true"
        + where
        + " order by followed_up_on_time::double / nullif(follow_up_measured, 0) asc"
        " nulls last, nama_kabkota",
        args,
    ).fetchall()
    return [Lapor(*row) for row in rows]


def _villages(con, kabkota: str | None) -> tuple[list[Village], int]:
    where, args = _where(kabkota)
    sql = "from marts.mart_rollout_inactive_villages where program = ?" + where
    (total,) = con.execute("select count(*) " + sql, [PROGRAM, *args]).fetchone()
    rows = con.execute(
        "select nama_kabkota, nama_kecamatan, nama_wilayah, tanggal_live, days_since_live "
        + sql
        + f" order by days_since_live desc, nama_wilayah limit {VILLAGES_LISTED}",
        [PROGRAM, *args],
    ).fetchall()
    return [Village(*row) for row in rows], total


def _province(con) -> str:
    from smartprov.base.reference import province

    return province().nama

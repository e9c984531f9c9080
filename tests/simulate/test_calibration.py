"""Calibration: the simulator's yearly aggregates against the published-figures table.

Every comparison prints one line (figure, area, simulated, published, tolerance, status,
source), so ``pytest -s tests/simulate/test_calibration.py`` lists them all; a figure that drifts
outside its tolerance fails with that list. Tolerances are the table's own (relative for
counts and money, absolute for percentages and shares, see calibration/README.md).

Small and fast: indicators and complaints are generated for one year straight from their
modules (the year is what the figures describe; complaints at a tenth of the volume), service
logs for four weeks around Lebaran 2026 at 5 % of the volume, extrapolated to a year with the
simulator's own calendar.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from devtools.simulate import simulate
from devtools.simulate.common import Output, days_of, is_working_day
from devtools.simulate.indicators import write_indicators
from devtools.simulate.lapor import OUTCOMES, write_lapor
from devtools.simulate.published import Figure, figures, province_value
from devtools.simulate.seasons import daily_share, in_mudik, service_factor
from ingestion.vocabulary import LAPOR_JENIS, LAPOR_KANAL
from smartprov.base.reference import regency_codes
from smartprov.base.settings import Paths

SEED = 7
YEAR_START = date(2025, 1, 1)  # indicators describe 2024 (the latest year) and 2023
LAPOR_SCALE = 0.1
LOGS_START, LOGS_DAYS, LOGS_SCALE = date(2026, 3, 9), 28, 0.05
# SP4N-LAPOR! current status -> the outcome it shows once the story has had time to finish
STATUS_OUTCOME = {"selesai": "selesai", "menunggu_verifikasi": "stuck_verification",
                  "didisposisikan": "stuck_disposition", "ditindaklanjuti": "stuck_follow_up",
                  "diarsipkan": "archived", "terverifikasi": "stuck_disposition"}  # fmt: skip
RELATIVE = {"jiwa", "juta rupiah", "laporan/tahun", "surat/1.000 penduduk/tahun"}


@dataclass
class Check:
    figure: Figure
    simulated: float

    @property
    def off(self) -> float:
        published = self.figure.number
        if self.figure.unit in RELATIVE:
            return abs(self.simulated - published) / published
        return abs(self.simulated - published)

    @property
    def ok(self) -> bool:
        return self.off <= float(self.figure.tolerance)

    def line(self) -> str:
        f = self.figure
        kind = "rel" if f.unit in RELATIVE else "abs"
        return (f"{'ok ' if self.ok else 'OFF'} {f.figure:<34} {f.wilayah[:22]:<22} "
                f"sim {self.simulated:>12.4g}  pub {f.number:>12.4g} ±{f.tolerance} {kind}  "
                f"[{f.status}, {f.year}] {f.publication[:70]}")  # fmt: skip


def _figure(name: str, kode: str = "", wilayah: str = "Jawa Tengah") -> Figure:
    for row in figures():
        if row.figure == name and row.kode_kabkota == kode and (kode or row.wilayah == wilayah):
            return row
    raise KeyError((name, kode))


def _report(checks: list[Check]) -> None:
    print("\n" + "\n".join(c.line() for c in checks))
    off = [c.line() for c in checks if not c.ok]
    assert not off, "drifted from the published figures:\n" + "\n".join(off)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def indicators(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    landing = tmp_path_factory.mktemp("calib-indicators")
    return landing, write_indicators(Output(landing), SEED, YEAR_START, 365)


@pytest.fixture(scope="module")
def lapor(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], dict]:
    home = tmp_path_factory.mktemp("calib-lapor")
    section = write_lapor(Output(home / "landing"), home, SEED, YEAR_START, 365, LAPOR_SCALE)
    current: dict[str, dict] = {}
    for line in (home / section["api_feed"]).open(encoding="utf-8"):
        record = json.loads(line)
        current[record["tracking_id"]] = record  # the feed is in updated_at order
    return list(current.values()), section


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, dict]:
    paths = Paths(tmp_path_factory.mktemp("calib-logs"))
    return paths, simulate(paths, LOGS_START, LOGS_DAYS, SEED, LOGS_SCALE)


def _latest(landing: Path, dataset: str) -> dict[str, dict[str, str]]:
    """The latest year's rows, without the file's deliberate bad row (a quarantine case: a code
    outside the province, a value that is not a number, a percentage over 100)."""
    rows = _read(landing / "indicators" / dataset / f"{YEAR_START.year - 1}.csv")
    codes = set(regency_codes())
    return {r["kode_kabkota"]: r for r in rows if r["kode_kabkota"] in codes
            and all(_is_number(v) for k, v in r.items() if k != "kode_kabkota")
            and float(r.get("persen_penduduk_miskin", 0)) <= 100}  # fmt: skip


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def test_population_per_regency_is_the_published_one(indicators) -> None:
    landing, _ = indicators
    penduduk = _latest(landing, "penduduk")
    checks = [Check(_figure("penduduk", kode), float(penduduk[kode]["jumlah_penduduk"]))
              for kode in regency_codes()]  # fmt: skip
    total = sum(float(r["jumlah_penduduk"]) for r in penduduk.values())
    _report([Check(_figure("penduduk"), total), *checks])


def _economy(landing: Path) -> dict[str, dict[str, float]]:
    pop = {k: float(r["jumlah_penduduk"]) for k, r in _latest(landing, "penduduk").items()}
    pdrb = _latest(landing, "pdrb")
    before = {r["kode_kabkota"]: r for r in
              _read(landing / "indicators" / "pdrb" / f"{YEAR_START.year - 2}.csv")}  # fmt: skip
    poverty = _latest(landing, "kemiskinan")
    return {
        kode: {
            "pop": pop[kode],
            "adhb": float(pdrb[kode]["pdrb_adhb_miliar"]),
            "adhk": float(pdrb[kode]["pdrb_adhk_miliar"]),
            "adhk_prev": float(before[kode]["pdrb_adhk_miliar"]),
            "poverty": float(poverty[kode]["persen_penduduk_miskin"]),
            "tpt": float(poverty[kode]["tpt_persen"]),
        }
        for kode in regency_codes()
    }


def test_economy_per_regency_and_province_sums(indicators) -> None:
    e = _economy(indicators[0])
    pop = sum(v["pop"] for v in e.values())

    def total(key: str, weight: str | None = None) -> float:
        return sum(v[key] * (v[weight] if weight else 1) for v in e.values())

    checks = [
        Check(_figure("pdrb_per_kapita_adhb"), total("adhb") * 1000 / pop),
        Check(_figure("pertumbuhan_ekonomi"), 100 * (total("adhk") / total("adhk_prev") - 1)),
        Check(_figure("persen_penduduk_miskin"), total("poverty", "pop") / pop),
        Check(_figure("tpt_persen"), total("tpt", "pop") / pop),
    ]
    for kode, v in e.items():
        checks += [
            Check(_figure("pdrb_per_kapita_adhb", kode), v["adhb"] * 1000 / v["pop"]),
            Check(_figure("persen_penduduk_miskin", kode), v["poverty"]),
            Check(_figure("tpt_persen", kode), v["tpt"]),
        ]
    _report(checks)


def test_rankings_top_and_bottom_match_the_published_ones(indicators) -> None:
    """The economy table's ends: richest and poorest per capita, highest and lowest poverty."""
    e = _economy(indicators[0])
    per_capita = sorted(e, key=lambda k: e[k]["adhb"] / e[k]["pop"])
    poverty = sorted(e, key=lambda k: e[k]["poverty"])
    name = {r.kode_kabkota: r.wilayah for r in figures()}
    simulated = (
        [name[k] for k in per_capita[-2:][::-1]],
        name[per_capita[0]],
        [name[k] for k in poverty[-3:][::-1]],
        [name[k] for k in poverty[:2]],
    )
    print(f"\nsimulated: PDRB/capita top {simulated[0]}, bottom {simulated[1]}; "
          f"poverty highest {simulated[2]}, lowest {simulated[3]}")  # fmt: skip
    # published: BPS via Solopos/GoodStats (PDRB per capita 2022), GoodStats/Tribun (poverty 2024)
    published = (["Kota Semarang", "Kudus"], "Pemalang", ["Kebumen", "Brebes", "Wonosobo"],
                 ["Kota Semarang", "Kota Salatiga"])  # fmt: skip
    assert simulated == published


def test_ispu_stations_stand_in_a_minority_and_go_down(indicators) -> None:
    landing, section = indicators
    with_station = set(section["ispu"]["kabkota_with_station"])
    listed = {r.kode_kabkota for r in figures() if r.figure == "ispu_kabkota_dengan_stasiun"}
    print(f"\nISPU: {len(with_station)} of 35 regencies report ({sorted(with_station)})")
    assert with_station == listed and len(with_station) < len(regency_codes()) / 2
    rows = [r for p in (landing / "indicators" / "ispu").glob("*.csv") for r in _read(p)]
    calendar = {r["tanggal"] for r in rows}  # the stations' history: every day some station ran
    down = 1 - len(rows) / (section["ispu"]["stations"] * len(calendar))
    _report([Check(_figure("ispu_hari_padam"), down)])


def test_lapor_volume_status_jenis_and_channels(lapor) -> None:
    current, section = lapor
    checks = [Check(_figure("sp4n_lapor_laporan"), section["complaints"] / LAPOR_SCALE)]
    # outcomes: only complaints whose story had time to finish (60+ days before the year's end)
    settled = [r for r in current if r["tanggal_lapor"][:10] < "2025-11-01"]
    outcomes = Counter(STATUS_OUTCOME[r["status"]] for r in settled)
    checks += [Check(_figure(f"sp4n_lapor_outcome_{o}"), outcomes[o] / len(settled))
               for o in OUTCOMES]  # fmt: skip
    for field, names in (("jenis", LAPOR_JENIS), ("kanal", LAPOR_KANAL)):
        counts = Counter(r[field] for r in current)
        checks += [Check(_figure(f"sp4n_lapor_{field}_{n}"), counts[n] / len(current))
                   for n in names]  # fmt: skip
    _report(checks)


def test_lapor_has_a_monday_peak_and_quiet_weekends(lapor) -> None:
    current, _ = lapor
    weekday = Counter(datetime.fromisoformat(r["tanggal_lapor"]).weekday() for r in current)
    other = sum(weekday[d] for d in (1, 2, 3, 4)) / 4
    print(f"\nLAPOR by weekday (Mon..Sun): {[weekday[d] for d in range(7)]}")
    assert weekday[0] > 1.1 * other and max(weekday[5], weekday[6]) < 0.8 * other


def _rows_by_day(paths: Paths) -> Counter:
    """Requests per day (by waktu_permohonan) in the delivered service-log files (CSV and
    JSON Lines variants; XLSX files are left out, the same days in every regency)."""
    per_day: Counter = Counter()
    for path in (paths.landing / "service_logs").rglob("*"):
        if path.suffix in (".csv", ".jsonl") and path.stat().st_size:
            per_day[date.fromisoformat(path.stem)] += max(
                0, path.read_bytes().count(b"\n") - (path.suffix == ".csv"))  # fmt: skip
    return per_day


def test_service_logs_follow_population_and_the_calendar(logs) -> None:
    paths, manifest = logs
    share = sum(daily_share(service_factor, d) for d in days_of(LOGS_START, LOGS_DAYS))
    rows = sum(e["rows_delivered"] for e in manifest["service_logs"].values())
    per_1000 = rows / share / LOGS_SCALE / (province_value("penduduk") or 1) * 1000
    _report([Check(_figure("layanan_surat_per_1000_penduduk"), per_1000)])
    per_day = _rows_by_day(paths)
    ordinary = [d for d in per_day if is_working_day(d) and not in_mudik(d)]
    monday = [per_day[d] for d in ordinary if d.weekday() == 0]
    rest = [per_day[d] for d in ordinary if d.weekday() != 0]
    lebaran = [per_day[d] for d in (date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24))]
    print(f"\nservice logs per day: {[per_day[d] for d in sorted(per_day)]}")
    ratio = (sum(monday) / len(monday)) / (sum(rest) / len(rest))
    _report([Check(_figure("layanan_faktor_senin"), ratio)])
    assert max(lebaran) < 0.4 * min(rest), "no Lebaran / cuti bersama dip"


def test_service_log_volume_is_proportional_to_population(logs) -> None:
    _, manifest = logs
    pop = {r.kode_kabkota: r.number for r in figures() if r.figure == "penduduk" and r.kode_kabkota}
    rows = {k: e["rows_delivered"] / max(1, LOGS_DAYS - len(e["missing_days"]))
            for k, e in manifest["service_logs"].items()}  # fmt: skip
    # regencies of 500,000+ residents: enough requests at 5 % volume for Poisson noise < 5 %
    per_capita = {k: rows[k] / pop[k] for k in pop if pop[k] >= 500_000}
    mean = sum(per_capita.values()) / len(per_capita)
    spread = max(abs(v / mean - 1) for v in per_capita.values())
    print(
        f"\nrequests per resident in {len(per_capita)} regencies: "
        f"largest deviation from their mean {spread:.1%}"
    )
    assert spread < 0.2


def test_go_live_dates_reach_back_years_and_targets_are_usulan(logs) -> None:
    paths, manifest = logs
    register = _read(paths.landing / "rollout" / "rollout_register.csv")
    live = sorted(r["tanggal_live"] for r in register if r["program"] == "TTE_KELURAHAN"
                  and r["tanggal_live"] and r["target"] == "1")  # fmt: skip
    years = Counter(day[:4] for day in live)
    print(f"\nTTE go-live per year: {dict(sorted(years.items()))}")
    assert min(live) < str(LOGS_START - timedelta(days=2 * 365)) and len(years) >= 4
    targets = _read(paths.landing / "targets" / "target_indikator.csv")
    assert {t["status_target"] for t in targets} == {"usulan"}
    assert all(t["dokumen"].startswith("Usulan") for t in targets)
    assert manifest["targets"]["rows_loaded"] == len(targets) - 2

"""Indicator sources: BPS tables (penduduk, pdrb, kemiskinan), tourism and ISPU air quality.

Magnitudes follow indicators-v1.md: 38.4 million people, GRDP per capita 30-150 million rupiah,
~100 million domestic trips per 8 months with Kota Semarang on top, ISPU mostly 30-110.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from devtools.simulate.common import Output, days_of, stream
from devtools.simulate.published import by_regency, province_value, regencies_with
from ingestion.reasons import RowReason
from ingestion.vocabulary import INDICATOR_DATASETS
from smartprov.base.reference import (
    Regency,
    province,
    regencies,
    regency_code_by_name,
    unknown_regency_code,
    villages,
    villages_by_regency,
)

# Reference figures of indicators-v1.md, keyed by province / regency name: they shape the
# Jawa Tengah demo; another province gets PEOPLE_PER_VILLAGE x its villages and no anchors.
PROVINCE_POPULATION = {"Jawa Tengah": 38_400_000}
PEOPLE_PER_VILLAGE = 4_500  # about Jawa Tengah's average
# The few regencies the reference figures name (population of the latest year).
POPULATION_ANCHORS = {
    "Kota Semarang": 1_700_000,
    "Kabupaten Brebes": 2_000_000,
    "Kabupaten Cilacap": 2_000_000,
    "Kota Magelang": 130_000,
}
GRDP_PER_CAPITA_ANCHORS = {  # million rupiah
    "Kabupaten Kudus": 150.0,
    "Kota Semarang": 145.0,
    "Kabupaten Cilacap": 105.0,
}
TOURISM_CAPITAL = "Kota Semarang"  # most trips, 3 ISPU stations
BOROBUDUR = "Kabupaten Magelang"  # 1.8 x the tourism pull
TRIPS_PER_MONTH = 100_410_000 / 8
JAWA_TENGAH_RESIDENTS = 38_130_000  # Dukcapil, December 2023 (calibration/figures.csv)
FOREIGN_PER_MONTH = 35_000
SEASON = np.array([0.9, 0.8, 0.9, 1.2, 1.0, 1.15, 1.2, 1.0, 0.85, 0.9, 0.9, 1.3])
SEASON = SEASON / SEASON.mean()
PM25_BANDS = ((0, 15.5, 0, 50), (15.5, 55.4, 50, 100), (55.4, 150.4, 100, 200),
              (150.4, 250.4, 200, 300), (250.4, 500, 300, 500))  # fmt: skip
PM10_BANDS = ((0, 50, 0, 50), (50, 150, 50, 100), (150, 350, 100, 200), (350, 420, 200, 300),
              (420, 500, 300, 500))  # fmt: skip


def _sub_index(value: float, bands: tuple) -> float:
    for low, high, i_low, i_high in bands:
        if value <= high:
            return i_low + (value - low) * (i_high - i_low) / (high - low)
    return 500.0


def ispu_index(pm25: float, pm10: float) -> int:
    return round(max(_sub_index(pm25, PM25_BANDS), _sub_index(pm10, PM10_BANDS)))


def _population(rng: np.random.Generator, regs: tuple[Regency, ...]) -> dict[str, int]:
    published = by_regency("penduduk", tuple(r.kode_kabkota for r in regs))
    if published:
        return {code: round(value) for code, value in published.items()}
    sizes = {code: len(v) for code, v in villages_by_regency().items()}
    pop: dict[str, float] = {}
    for r in regs:
        if r.nama in POPULATION_ANCHORS:
            pop[r.kode_kabkota] = POPULATION_ANCHORS[r.nama]
        elif r.is_kota:
            pop[r.kode_kabkota] = sizes[r.kode_kabkota] * 10_000 * rng.lognormal(0, 0.1)
    rest = [r.kode_kabkota for r in regs if r.kode_kabkota not in pop]
    weights = {c: (sizes[c] / 300) ** 0.3 * rng.lognormal(0, 0.2) for c in rest}
    total = PROVINCE_POPULATION.get(province().nama) or PEOPLE_PER_VILLAGE * len(villages())
    remaining = total - sum(pop.values())
    for code in rest:
        pop[code] = remaining * weights[code] / sum(weights.values())
    return {code: round(value) for code, value in pop.items()}


def population_weights() -> dict[str, float]:
    """Residents per regency/city for volumes (no random draw): the published table, else
    PEOPLE_PER_VILLAGE per village."""
    codes = tuple(r.kode_kabkota for r in regencies())
    published = by_regency("penduduk", codes)
    if published:
        return published
    return {c: PEOPLE_PER_VILLAGE * len(v) for c, v in villages_by_regency().items()}


def size_against_jawa_tengah() -> float:
    """This province's residents ÷ Jawa Tengah's: 1 where the published per-regency figures
    (Jawa Tengah's) apply; elsewhere the factor that scales Jawa Tengah's published provincial
    volumes (tourism, complaints) to this province, for which no figure is at hand."""
    codes = tuple(r.kode_kabkota for r in regencies())
    if by_regency("penduduk", codes):
        return 1.0
    jawa_tengah = province_value("penduduk") or JAWA_TENGAH_RESIDENTS
    return sum(population_weights().values()) / jawa_tengah


def _table(columns: tuple[str, ...], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


@dataclass(frozen=True)
class Economy:
    """One regency's latest-year figures (per capita in million rupiah, rates in percent)."""

    per_capita: float
    adhk_ratio: float  # ADHK / ADHB
    growth: float  # real, fraction
    inflation: float  # GRDP deflator, fraction
    poverty: float
    tpt: float


def _generic(rng: np.random.Generator, r: Regency) -> Economy:
    per_capita = GRDP_PER_CAPITA_ANCHORS.get(r.nama) or float(
        np.clip(rng.lognormal(np.log(38), 0.22) * (1.6 if r.is_kota else 1.0), 28, 110)
    )
    return Economy(
        per_capita,
        rng.uniform(0.64, 0.72),
        rng.uniform(0.04, 0.06),
        rng.uniform(0.02, 0.04),
        rng.uniform(4, 9) if r.is_kota else rng.uniform(8, 17),
        rng.uniform(5.5, 9) if r.is_kota else rng.uniform(3, 7),
    )


def _economies(rng, regs: tuple[Regency, ...], pop: dict[str, int]) -> dict[str, Economy]:
    """Published figures where the table has them for every regency; generic shapes else.

    Real growth per regency is drawn around the province's published rate, then shifted so
    that the province's growth (sum of ADHK over sum of ADHK) is exactly the published one.
    """
    codes = tuple(r.kode_kabkota for r in regs)
    generic = {r.kode_kabkota: _generic(rng, r) for r in regs}
    per_capita = by_regency("pdrb_per_kapita_adhb", codes)
    if not per_capita:
        return generic
    poverty = by_regency("persen_penduduk_miskin", codes)
    tpt = by_regency("tpt_persen", codes)
    ratio = province_value("pdrb_adhk_per_adhb") or 0.64
    target = (province_value("pertumbuhan_ekonomi") or 5.0) / 100
    adhk = {c: pop[c] * per_capita[c] * ratio for c in codes}
    growth = {c: float(np.clip(rng.normal(target, 0.006), 0.02, 0.08)) for c in codes}
    achieved = sum(adhk.values()) / sum(adhk[c] / (1 + growth[c]) for c in codes) - 1
    growth = {c: g + (target - achieved) for c, g in growth.items()}
    return {
        c: Economy(per_capita[c], ratio, growth[c], generic[c].inflation, poverty[c], tpt[c])
        for c in codes
    }


def _annual(rng: np.random.Generator, regs: tuple[Regency, ...], years: tuple[int, int]) -> dict:
    """Rows per dataset and year for penduduk, pdrb and kemiskinan."""
    prev, latest = years
    pop = _population(rng, regs)
    economy = _economies(rng, regs, pop)
    tables: dict[str, dict[int, list[list[str]]]] = {
        name: {prev: [], latest: []} for name in ("penduduk", "pdrb", "kemiskinan")
    }
    for r in regs:
        code = r.kode_kabkota
        e = economy[code]
        pop_prev = round(pop[code] / (1 + rng.uniform(0.005, 0.012)))
        adhb = pop[code] * e.per_capita / 1000  # billion rupiah
        adhk = adhb * e.adhk_ratio
        t = tables
        t["penduduk"][latest].append([code, str(latest), str(pop[code])])
        t["penduduk"][prev].append([code, str(prev), str(pop_prev)])
        t["pdrb"][latest].append([code, str(latest), f"{adhb:.2f}", f"{adhk:.2f}"])
        t["pdrb"][prev].append([code, str(prev), f"{adhb / (1 + e.growth) / (1 + e.inflation):.2f}",
                                f"{adhk / (1 + e.growth):.2f}"])  # fmt: skip
        t["kemiskinan"][latest].append([code, str(latest), f"{e.poverty:.2f}", f"{e.tpt:.2f}"])
        t["kemiskinan"][prev].append([code, str(prev), f"{e.poverty + rng.uniform(0.1, 0.6):.2f}",
                                      f"{e.tpt + rng.uniform(0.1, 0.4):.2f}"])  # fmt: skip
    return {**tables, **_indices(rng, regs, years), "_population": pop}


# v1.1 datasets (indicators-v1 v1.1: 0-100 / 0-5 indices), for the datasets the vocabulary knows
INDICES = {"ipm": ("ipm", 65.0, 80.0), "spbe": ("indeks_spbe", 1.8, 3.6), "iklh": ("iklh", 55, 75)}


def _indices(rng, regs: tuple[Regency, ...], years: tuple[int, int]) -> dict:
    """ipm, spbe and iklh per regency: published where the table has them; SPBE evaluations
    are not yearly for every regency, so some regencies miss the previous year."""
    prev, latest = years
    codes = tuple(r.kode_kabkota for r in regs)
    tables: dict[str, dict[int, list[list[str]]]] = {}
    for dataset, (figure, low, high) in INDICES.items():
        if dataset not in INDICATOR_DATASETS:
            continue
        values = by_regency(figure, codes) or {c: rng.uniform(low, high) for c in codes}
        step = 0.06 if dataset == "spbe" else 0.6
        tables[dataset] = {
            prev: [[c, str(prev), f"{values[c] - rng.uniform(0, step):.2f}"] for c in codes
                   if dataset != "spbe" or rng.random() < 0.7],
            latest: [[c, str(latest), f"{values[c]:.2f}"] for c in codes],
        }  # fmt: skip
    return tables


def _months(start: date, days: int) -> list[tuple[int, int]]:
    """The 12 months before the period and the months of the period."""
    end = days_of(start, days)[-1]
    months = []
    y, m = start.year, start.month
    for _ in range(12):
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        months.insert(0, (y, m))
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        months.append((y, m))
        y, m = (y, m + 1) if m < 12 else (y + 1, 1)
    return months


def _tourism(rng, regs, pop: dict[str, int], months) -> dict[str, list[list[str]]]:
    codes = [r.kode_kabkota for r in regs]
    pull = {c: np.sqrt(pop[c]) * rng.lognormal(0, 0.45) for c in codes}
    borobudur, capital = regency_code_by_name(BOROBUDUR), regency_code_by_name(TOURISM_CAPITAL)
    if borobudur:
        pull[borobudur] *= 1.8
    if capital and len(pull) > 1:
        pull[capital] = 1.4 * max(v for c, v in pull.items() if c != capital)
    share = {c: v / sum(pull.values()) for c, v in pull.items()}
    foreign = {c: share[c] ** 1.5 * rng.lognormal(0, 0.5) for c in codes}
    foreign_share = {c: v / sum(foreign.values()) for c, v in foreign.items()}
    occupancy = {c: rng.uniform(33, 55) for c in codes}
    size = size_against_jawa_tengah()  # the figures are Jawa Tengah's
    files: dict[str, list[list[str]]] = {}
    for y, m in months:
        season = SEASON[m - 1]
        rows = []
        for c in codes:
            trips = TRIPS_PER_MONTH * size * season * share[c] * rng.lognormal(0, 0.05)
            visits = FOREIGN_PER_MONTH * size * season * foreign_share[c] * rng.lognormal(0, 0.1)
            occ = np.clip(occupancy[c] * (0.85 + 0.15 * season) + rng.normal(0, 2), 30, 65)
            rows.append([c, str(y), str(m), str(round(trips)), str(round(visits)), f"{occ:.2f}"])
        files[f"{y:04d}-{m:02d}"] = rows
    return files


def _station_regencies(rng, regs: tuple[Regency, ...]) -> list[Regency]:
    """Where ISPU stations stand: the table's list, else the cities and one regency in six."""
    listed = set(regencies_with("ispu_kabkota_dengan_stasiun"))
    if listed & {r.kode_kabkota for r in regs}:
        return [r for r in regs if r.kode_kabkota in listed]
    return [r for r in regs if r.is_kota or rng.random() < 1 / 6]


OUTAGES_PER_YEAR = 1.6  # 1-4 week stretches per station; with the odd day: ~8 % of days


def _down_days(rng, calendar: list[date]) -> set[date]:
    """A station is down for a 1-4 week stretch now and then, and for the odd single day."""
    down = {day for day in calendar if rng.random() < 0.02}
    for _ in range(int(rng.poisson(OUTAGES_PER_YEAR * len(calendar) / 365))):
        first = calendar[int(rng.integers(0, len(calendar)))]
        down |= {first + timedelta(days=i) for i in range(int(rng.integers(7, 29)))}
    return down


def _ispu(rng, regs, start: date, days: int) -> tuple[dict[str, list[list[str]]], int]:
    files: dict[str, list[list[str]]] = {}
    calendar = days_of(start, days)
    stations = 0
    for r in _station_regencies(rng, regs):
        count = 3 if r.nama == TOURISM_CAPITAL else int(rng.choice([1, 2], p=[0.75, 0.25]))
        level = rng.lognormal(np.log(26 if r.is_kota else 21), 0.2)
        for k in range(1, count + 1):
            stations += 1
            station = f"ISPU-{r.kode_kabkota.replace('.', '')}-{k:02d}"
            down = _down_days(rng, calendar)
            noise = 0.0
            for day in calendar:
                noise = 0.6 * noise + rng.normal(0, 0.25)
                if day in down:
                    continue
                pm25 = float(np.clip(level * np.exp(noise), 5, 90))
                pm10 = pm25 * rng.uniform(1.4, 1.9)
                row = [station, r.kode_kabkota, day.isoformat(), f"{pm25:.1f}", f"{pm10:.1f}",
                       f"{rng.uniform(10, 60):.1f}", f"{rng.uniform(5, 40):.1f}",
                       f"{rng.uniform(300, 1800):.1f}", f"{rng.uniform(20, 110):.1f}",
                       str(ispu_index(pm25, pm10))]  # fmt: skip
                files.setdefault(f"{day:%Y-%m}", []).append(row)
    return files, stations


# dataset -> (reason, builder of the extra bad row from a genuine row of the latest file)
DEFECTS = {
    "penduduk": (RowReason.UNKNOWN_KABKOTA, lambda row: [unknown_regency_code(), row[1], "125000"]),
    "pdrb": (RowReason.INVALID_VALUE, lambda row: [row[0], row[1], "sekitar 5000", row[3]]),
    "kemiskinan": (RowReason.OUT_OF_RANGE, lambda row: [row[0], row[1], "104.50", row[3]]),
}


def write_indicators(out: Output, seed: int, start: date, days: int) -> dict:
    rng = stream(seed, "indicators")
    regs = regencies()
    years = (start.year - 2, start.year - 1)
    annual = _annual(rng, regs, years)
    population = annual.pop("_population")
    files: dict[str, dict[str, list[list[str]]]] = {
        name: {str(year): rows for year, rows in by_year.items()}
        for name, by_year in annual.items()
    }
    files["wisatawan"] = _tourism(rng, regs, population, _months(start, days))
    # the stations' history from the start of the previous year: a full year to show beside the
    # annual standard (a running year is never shown as the year's figure, serving-v1 v1.1)
    history = date(start.year - 1, 1, 1)
    files["ispu"], stations = _ispu(rng, regs, history, (start - history).days + days)
    section: dict[str, dict] = {}
    for dataset, periods in files.items():
        reasons: Counter = Counter()
        delivered = 0
        for period, rows in sorted(periods.items()):
            rows = list(rows)
            if dataset in DEFECTS and period == str(years[1]):
                reason, build = DEFECTS[dataset]
                victim = rows[int(rng.integers(0, len(rows)))]
                rows.insert(int(rng.integers(0, len(rows) + 1)), build(victim))
                reasons[reason.value] += 1
            delivered += len(rows)
            out.write_bytes(
                f"indicators/{dataset}/{period}.csv", _table(INDICATOR_DATASETS[dataset], rows)
            )
        section[dataset] = {
            "periods": sorted(periods),
            "rows_delivered": delivered,
            "rows_loaded": delivered - sum(reasons.values()),
            "rows_quarantined": sum(reasons.values()),
            "row_reasons": dict(sorted(reasons.items())),
        }
    section["ispu"]["stations"] = stations
    section["ispu"]["kabkota_with_station"] = sorted({r[1] for rows in files["ispu"].values()
                                                      for r in rows})  # fmt: skip
    section["penduduk"]["population_total"] = {
        str(years[1]): sum(population.values()),
        str(years[0]): sum(int(r[2]) for r in files["penduduk"][str(years[0])]),
    }
    return section

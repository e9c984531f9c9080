"""Issue 31 (2): a suppressed open-data cell cannot be worked out from the rest of the release.

The attacker here is written independently of smartprov.opendata.disclosure: it reads only the
released CSV files, writes down what a reader knows (the LAPOR marts' counts add up: a regency's
categories sum to its total, not-archived = selesai + open + auto-closed, a rate is numerator /
denominator, ...) and asks a linear program for the smallest and largest value every withheld
count can take (withheld counts are at least 1: zeros are published). A cell whose range is a
single value is recovered; a recovered small count (1..THRESHOLD-1) is a disclosure.
"""

from __future__ import annotations

import csv
import math
import shutil
from pathlib import Path

import pytest
from scipy.optimize import linprog

from smartprov.opendata.datasets import THRESHOLD
from smartprov.opendata.disclosure import protect, regency_cells
from smartprov.opendata.release import write_release
from tests.warehouse.conftest import query

SLA, KAT = "mart_lapor_sla_kabkota", "mart_lapor_kategori_kabkota"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _attacker_system(sla: dict[str, str], categories: list[dict[str, str]]):
    """What a reader of one regency's rows knows: (equations as {cell: coefficient} = constant,
    the unknown cells). Published cells become constants; rates give their numerators."""
    cells: dict[str, float | None] = {}

    def cell(name: str, text: str) -> None:
        cells[name] = float(text) if text != "" else None

    for column in (
        "complaints", "complaints_12m", "complaints_not_archived", "complaints_selesai",
        "complaints_open", "verification_measured", "verified_on_time", "verification_overdue",
        "follow_up_measured", "followed_up_on_time", "follow_up_overdue",
    ):  # fmt: skip
        cell(column, sla[column])
    for row in categories:
        for column in ("complaints", "complaints_12m", "complaints_open"):
            cell(f"{row['kategori']}.{column}", row[column])
    # the numerator of a published rate is known when its denominator is
    equations: list[tuple[dict[str, float], float]] = []
    for rate, numerator, denominator in (
        ("completion_rate", "complaints_selesai", "complaints_not_archived"),
        ("completion_rate_incl_auto_closed", "@effective", "complaints_not_archived"),
        ("verified_on_time_rate", "verified_on_time", "verification_measured"),
        ("followed_up_on_time_rate", "followed_up_on_time", "follow_up_measured"),
    ):
        cells.setdefault(numerator, None)
        if sla[rate] != "" and cells[denominator] is not None and cells[numerator] is None:
            equations.append(({numerator: 1.0}, round(float(sla[rate]) * cells[denominator])))
    hidden = ["archived", "auto", "older", "v_late", "f_late"]
    identities = [
        {"complaints": -1, "complaints_not_archived": 1, "archived": 1},
        {"complaints_not_archived": -1, "complaints_selesai": 1, "complaints_open": 1, "auto": 1},
        {"@effective": -1, "complaints_selesai": 1, "auto": 1},
        {"complaints": -1, "complaints_12m": 1, "older": 1},
        {"verification_measured": -1, "verified_on_time": 1, "verification_overdue": 1,
         "v_late": 1},
        {"follow_up_measured": -1, "followed_up_on_time": 1, "follow_up_overdue": 1, "f_late": 1},
    ]  # fmt: skip
    for column in ("complaints", "complaints_12m", "complaints_open"):
        identities.append({column: -1, **{f"{r['kategori']}.{column}": 1 for r in categories}})
    for row in categories:
        k = row["kategori"]
        hidden += [f"{k}.older", f"{k}.not_open"]
        identities.append({f"{k}.complaints": -1, f"{k}.complaints_12m": 1, f"{k}.older": 1})
        identities.append({f"{k}.complaints": -1, f"{k}.complaints_open": 1, f"{k}.not_open": 1})
    for name in hidden:
        cells[name] = None
    for identity in identities:
        known = sum(c * cells[n] for n, c in identity.items() if cells[n] is not None)
        unknown = {n: float(c) for n, c in identity.items() if cells[n] is None}
        if unknown:
            equations.append((unknown, -known))
    unknowns = sorted(n for n, v in cells.items() if v is None)
    return equations, unknowns, set(hidden)


def _ranges(equations, unknowns, hidden) -> dict[str, tuple[float, float]]:
    index = {n: i for i, n in enumerate(unknowns)}
    a_eq = [[eq.get(n, 0.0) for n in unknowns] for eq, _ in equations]
    b_eq = [b for _, b in equations]
    bounds = [(0, None) if n in hidden or n.startswith("@") else (1, None) for n in unknowns]
    found = {}
    for name in unknowns:
        if name in hidden or name.startswith("@"):
            continue
        objective = [0.0] * len(unknowns)
        ranges = []
        for sign in (1.0, -1.0):
            objective[index[name]] = sign
            result = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            assert result.status in (0, 3), (name, result.message)  # 3: unbounded above
            ranges.append(sign * result.fun if result.status == 0 else math.inf)
        found[name] = (ranges[0], ranges[1])
    return found


# Hand-made complaint counts (regency -> SLA counts, category -> (complaints, 12m, open)) for the
# situations of the issue; the built sample has too few complaints to show them.
CRAFTED = {
    # total 6 = infrastruktur 5 + kesehatan 1: withholding kesehatan alone gave 6 - 5 = 1 back
    "33.01": (
        dict(c=6, c12=6, na=6, s=5, o=1, vm=6, vot=6, vo=0, fm=5, fot=5, fo=0),
        {"infrastruktur": (5, 5, 0), "kesehatan": (1, 1, 1)},
    ),
    # selesai 3 of 20 not archived: not_archived - open and the rates gave it back; 2 overdue
    # verifications were measured - on time; 3 archived = complaints - not archived
    "33.02": (
        dict(c=23, c12=23, na=20, s=3, o=17, vm=20, vot=18, vo=2, fm=12, fot=9, fo=0),
        {"perizinan": (14, 14, 12), "pariwisata": (9, 9, 5)},
    ),
    # two categories of 1 beside one of 18: the two withheld cells sum to 2, so both are 1
    "33.03": (
        dict(c=20, c12=20, na=20, s=10, o=10, vm=20, vot=15, vo=0, fm=10, fot=10, fo=0),
        {"pendidikan": (1, 1, 0), "lainnya": (1, 1, 0), "kesehatan": (18, 18, 10)},
    ),
}


def _craft(serving: Path) -> None:
    import duckdb

    con = duckdb.connect(str(serving))
    try:
        for kode, (sla, categories) in CRAFTED.items():
            con.execute(
                f"""update marts.{SLA} set complaints = $c, complaints_12m = $c12,
                complaints_not_archived = $na, complaints_selesai = $s, complaints_open = $o,
                verification_measured = $vm, verified_on_time = $vot, verification_overdue = $vo,
                follow_up_measured = $fm, followed_up_on_time = $fot, follow_up_overdue = $fo,
                completion_rate = $s / $na, completion_rate_incl_auto_closed = ($na - $o) / $na,
                verified_on_time_rate = $vot / $vm, followed_up_on_time_rate = $fot / $fm
                where kode_kabkota = $kode""",
                {**sla, "kode": kode},
            )
            con.execute(
                f"update marts.{KAT} set complaints = 0, complaints_12m = 0, complaints_open = 0"
                " where kode_kabkota = ?",
                [kode],
            )
            for kategori, (c, c12, o) in categories.items():
                con.execute(
                    f"update marts.{KAT} set complaints = ?, complaints_12m = ?,"
                    " complaints_open = ? where kode_kabkota = ? and kategori = ?",
                    [c, c12, o, kode, kategori],
                )
    finally:
        con.close()


@pytest.fixture(scope="module", params=["sample", "crafted"])
def released(request, built, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp(f"opendata-{request.param}")
    serving = built["paths"].serving
    if request.param == "crafted":
        serving = out.parent / f"{out.name}-serving.duckdb"
        shutil.copy2(built["paths"].serving, serving)
        _craft(serving)
    write_release(serving, out)
    return out


def test_the_identities_the_attacker_uses_hold_on_serving(built) -> None:
    """The attack is only as good as its identities: check them on the data."""
    serving = built["paths"].serving
    bad = query(
        serving,
        f"""select s.kode_kabkota from marts.{SLA} s
        join (select kode_kabkota, sum(complaints) c, sum(complaints_12m) c12,
                     sum(complaints_open) o from marts.{KAT} group by 1) k using (kode_kabkota)
        where s.complaints <> k.c or s.complaints_12m <> k.c12 or s.complaints_open <> k.o
           or s.complaints_not_archived < s.complaints_selesai + s.complaints_open
           or s.verification_measured < s.verified_on_time + s.verification_overdue
           or s.follow_up_measured < s.followed_up_on_time + s.follow_up_overdue""",
    )
    assert bad == []


def test_no_withheld_count_can_be_worked_out_from_the_release(built, released: Path) -> None:
    sla = {r["kode_kabkota"]: r for r in _rows(released / f"{SLA}.csv")}
    kategori: dict[str, list[dict[str, str]]] = {}
    for row in _rows(released / f"{KAT}.csv"):
        kategori.setdefault(row["kode_kabkota"], []).append(row)
    assert set(kategori) == set(sla) and len(sla) == 35
    withheld = 0
    for kode, row in sla.items():
        equations, unknowns, hidden = _attacker_system(row, kategori[kode])
        for name, (low, high) in _ranges(equations, unknowns, hidden).items():
            withheld += 1
            # a withheld cell pinned to one value must not be a small count (a complement of
            # THRESHOLD or more may be worked out: it discloses nothing)
            pinned = high - low < 1 - 1e-6
            assert not pinned or low >= THRESHOLD - 1e-6, (kode, name, low, high)
    assert withheld > 0, "the sample withholds nothing: the attack proves nothing"


def _small(value: float) -> bool:
    return 1 <= round(value) < THRESHOLD


def test_the_issue_attacks_on_the_release(released: Path) -> None:
    """The three attacks of the issue, as a reader would try them by hand: none gives back a
    small count."""
    sla_rows = {r["kode_kabkota"]: r for r in _rows(released / f"{SLA}.csv")}
    for kode, row in sla_rows.items():
        if row["complaints_selesai"] != "":
            continue
        denominator = row["complaints_not_archived"]
        for rate in ("completion_rate", "completion_rate_incl_auto_closed"):  # rate x denominator
            if row[rate] != "" and denominator != "":
                assert not _small(float(row[rate]) * float(denominator)), (kode, rate)
        if denominator != "" and row["complaints_open"] != "":  # a difference of counts
            assert not _small(float(denominator) - float(row["complaints_open"])), kode
    for kode, rows in _group(_rows(released / f"{KAT}.csv")).items():
        total = sla_rows[kode]
        for column in ("complaints", "complaints_12m", "complaints_open"):
            blanks = [r for r in rows if r[column] == ""]
            if len(blanks) == 1 and total[column] != "":  # the total minus the other categories
                rest = sum(float(r[column]) for r in rows if r[column] != "")
                assert not _small(float(total[column]) - rest), (kode, column)


def _group(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        grouped.setdefault(row["kode_kabkota"], []).append(row)
    return grouped


def _cells(total: int, parts: dict[str, int], selesai: int = 10, open_: int = 10):
    sla = {
        "complaints": total, "complaints_12m": total, "complaints_not_archived": total,
        "complaints_selesai": selesai, "complaints_open": open_, "verification_measured": 0,
        "verified_on_time": 0, "verification_overdue": 0, "follow_up_measured": 0,
        "followed_up_on_time": 0, "follow_up_overdue": 0,
    }  # fmt: skip
    categories = {
        k: {"complaints": v, "complaints_12m": v, "complaints_open": 0} for k, v in parts.items()
    }
    categories[max(parts, key=parts.__getitem__)]["complaints_open"] = open_
    return regency_cells(sla, categories)


def test_the_issue_example_gets_a_complement() -> None:
    """total 6, infrastruktur 5, kesehatan 1: kesehatan alone withheld gave 6 - 5 = 1 back."""
    values, hidden, equations = _cells(20, {"infrastruktur": 5, "kesehatan": 1, "lainnya": 14})
    withheld = protect(values, hidden, equations) - hidden
    assert "kat.kesehatan.complaints" in withheld
    assert withheld & {"kat.infrastruktur.complaints", "kat.lainnya.complaints"}
    # two withheld cells of 1 each would be pinned by their sum: a complement of >= 5 is chosen
    values, hidden, equations = _cells(20, {"a": 1, "b": 1, "c": 18})
    withheld = protect(values, hidden, equations) - hidden
    assert "kat.c.complaints" in withheld


def test_selesai_withheld_takes_the_difference_with_it() -> None:
    """not_archived - open gave back a withheld selesai; the rate incl. auto-closed too."""
    values, hidden, equations = _cells(30, {"infrastruktur": 30}, selesai=3, open_=27)
    withheld = protect(values, hidden, equations) - hidden
    assert "sla.complaints_selesai" in withheld
    assert withheld & {"sla.complaints_not_archived", "sla.complaints_open"}
    assert withheld & {"sla.@completed_effective", "sla.complaints_not_archived"}

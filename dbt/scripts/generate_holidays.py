"""Write seeds/catalogues/ref_holidays_id.csv: Indonesian holidays 2020-2030, national holidays
and the civil service's joint leave (cuti bersama).

The contracts (v1.1) define a working day as Monday-Friday minus the days listed by the PyPI
package `holidays` as `holidays.country_holidays("ID", categories=("public", "government"))`:
the `public` category holds the national holidays, the `government` category the cuti bersama
days set each year by joint ministerial decree (offices are closed). dbt cannot call Python in a
seed, so the list is generated here and the CSV is committed; re-run after upgrading `holidays`:

    uv run python dbt/scripts/generate_holidays.py

The province's own extra closures are a separate seed it maintains by hand
(seeds/catalogues/ref_penutupan_kantor.csv), never generated.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import holidays

YEARS = range(2020, 2031)
CATEGORIES = ("public", "government")  # a day in both is listed under the first
OUT = Path(__file__).resolve().parent.parent / "seeds" / "catalogues" / "ref_holidays_id.csv"


def main() -> None:
    names: dict = defaultdict(list)
    category: dict = {}
    for cat in CATEGORIES:
        for day, name in holidays.country_holidays("ID", years=YEARS, categories=(cat,)).items():
            names[day].extend(part.strip() for part in name.split(";"))
            category.setdefault(day, cat)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["tanggal", "nama_libur", "kategori", "holidays_version"])
        for day in sorted(names):
            label = "; ".join(dict.fromkeys(names[day]))
            writer.writerow([day.isoformat(), label, category[day], holidays.__version__])
    print(f"wrote {len(names)} holidays to {OUT}")


if __name__ == "__main__":
    main()

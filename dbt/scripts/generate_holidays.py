"""Write seeds/catalogues/ref_holidays_id.csv: Indonesian national holidays 2020-2030.

The contracts define a working day as Monday-Friday minus the holidays listed by the PyPI package
`holidays` (`holidays.country_holidays("ID")`). dbt cannot call Python in a seed, so the list is
generated here and the CSV is committed; re-run after upgrading `holidays`:

    uv run python dbt/scripts/generate_holidays.py
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import holidays

YEARS = range(2020, 2031)
OUT = Path(__file__).resolve().parent.parent / "seeds" / "catalogues" / "ref_holidays_id.csv"


def main() -> None:
    names: dict = defaultdict(list)
    for day, name in holidays.country_holidays("ID", years=YEARS).items():
        names[day].extend(part.strip() for part in name.split(";"))
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["tanggal", "nama_libur", "holidays_version"])
        for day in sorted(names):
            label = "; ".join(dict.fromkeys(names[day]))
            writer.writerow([day.isoformat(), label, holidays.__version__])
    print(f"wrote {len(names)} holidays to {OUT}")


if __name__ == "__main__":
    main()

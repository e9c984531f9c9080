"""A sheet row is written to CSV exactly as if every cell went through ``cell_text``.

``sheet_row_texts`` converts only numbers and booleans and leaves text, dates and times to
the csv module's own ``str``: these generated rows use every cell type python-calamine returns
and compare both CSV outputs byte for byte.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime, time, timedelta

from ingestion.xlsx import cell_text, sheet_row_texts


def _cell(rng: random.Random) -> object:
    return rng.choice(
        [
            None,
            "",
            "PENGANTAR_SKCK",
            " a, b ",
            'with "quotes"',
            rng.randint(-5, 10**12),
            float(rng.randint(0, 9)),
            rng.random() * 100,
            1e20,
            -0.0,
            True,
            False,
            datetime(2026, 3, 5, 8, rng.randint(0, 59), rng.randint(0, 59)),
            datetime(2026, 3, 5, 8, 15, 0, rng.randint(1, 999_999)),
            date(2026, 3, rng.randint(1, 31)),
            time(8, rng.randint(0, 59)),
            timedelta(hours=rng.randint(0, 30)),
        ]
    )


def _written(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def test_sheet_rows_are_written_as_cell_text_would() -> None:
    rng = random.Random(20261130)
    for _ in range(300):
        width = rng.randint(2, 9)
        rows = [[_cell(rng) for _ in range(rng.randint(0, width + 2))] for _ in range(20)]
        expected = [
            [cell_text(v) for v in row[:width]] + [None] * (width - len(row[:width]))
            for row in rows
        ]
        assert _written([sheet_row_texts(row, width) for row in rows]) == _written(expected)

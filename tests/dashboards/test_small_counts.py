"""Below 10 cases a rate is shown as counts ("2 dari 3"), in the dashboards' regency tables and
in the briefing (issue 29): hand-computed cases, on DuckDB (the serving engine)."""

from __future__ import annotations

import duckdb
import pytest

from dashboards.catalog.datasets.lapor import rate_text
from smartprov.briefing import fmt


@pytest.mark.parametrize(
    ("on_time", "measured", "shown"),
    [(2, 3, "2 dari 3"), (1, 2, "1 dari 2"), (19, 27, "70,4% (19 dari 27)"), (0, 0, "–")],
)
def test_rate_or_counts(on_time: int, measured: int, shown: str) -> None:
    con = duckdb.connect()
    try:
        con.execute("create table t (a integer, b integer)")
        con.execute("insert into t values (?, ?)", [on_time, measured])
        assert con.execute(f"select {rate_text('a', 'b')} from t").fetchone()[0] == shown
    finally:
        con.close()
    assert fmt.rate(on_time, measured) == shown


def test_change_from_last_month() -> None:
    assert fmt.change(15, 12) == "naik 3 dari 12 bulan sebelumnya"
    assert fmt.change(2, 5) == "turun 3 dari 5 bulan sebelumnya"
    assert fmt.change(4, None) == "bulan sebelumnya tanpa data"

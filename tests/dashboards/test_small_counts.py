"""Below 10 cases a rate is shown as counts ("2 dari 3"), in the dashboards' regency tables and
in the briefing (issue 29): hand-computed cases, on DuckDB (the serving engine)."""

from __future__ import annotations

import re

import duckdb
import pytest

from dashboards.catalog import datasets as ds
from dashboards.catalog.charts import ALL_CHARTS
from dashboards.catalog.datasets.common import rate_text
from smartprov.base.rates import MIN_CASES_FOR_RATE
from smartprov.briefing import fmt

# a rate of counted cases (Σ numerator ÷ Σ denominator), as the datasets' metrics write it
COUNTED_RATE = re.compile(r"SUM\(.+\)\s*\*\s*1\.0\s*/\s*NULLIF\(SUM\(", re.S)


@pytest.mark.parametrize(
    ("on_time", "measured", "shown"),
    [
        (2, 3, "2 dari 3"),
        (1, 2, "1 dari 2"),
        (19, 27, "70,4% (19 dari 27)"),
        (0, 0, "–"),
        (9, 9, "9 dari 9"),  # one below the threshold
        (10, 10, "100,0% (10 dari 10)"),  # at the threshold
    ],
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


def test_one_threshold_for_the_briefing_and_the_dashboards() -> None:
    """The cases in test_rate_or_counts sit on both sides of the one shared threshold."""
    assert MIN_CASES_FOR_RATE == 10
    below, at = MIN_CASES_FOR_RATE - 1, MIN_CASES_FOR_RATE
    assert fmt.rate(below, below) == f"{below} dari {below}"
    assert fmt.rate(at, at).startswith("100,0%")


def _metric(dataset, name: str) -> str:
    return next(m.expression for m in dataset.metrics if m.name == name)


@pytest.mark.parametrize(
    ("dataset", "columns", "metric", "expected"),
    [
        # Ringkasan: a regency targeting 3 villages, 2 live; Kota Tegal 19 of 27
        (
            ds.MART_ROLLOUT_KABKOTA,
            ("target_villages", "live_villages"),
            "live_teks",
            {"A": "2 dari 3", "Kota Tegal": "70,4% (19 dari 27)"},
        ),
        # Adopsi: 4 letters, 3 with TTE, over two months (Σ/Σ: 3 dari 4); 40 letters, 30 TTE
        (
            ds.MART_ADOPTION_KABKOTA_MONTHLY,
            ("letters_issued", "tte_letters_issued"),
            "pangsa_tte_teks",
            {"A": "3 dari 4", "Kota Tegal": "75,0% (30 dari 40)"},
        ),
    ],
)
def test_regency_tables_show_counts_below_the_threshold(dataset, columns, metric, expected):
    """The Ringkasan and Adopsi regency tables' metrics, run on DuckDB over hand-written rows."""
    den, num = columns
    rows = {
        "live_teks": [("A", 3, 2), ("Kota Tegal", 27, 19)],
        "pangsa_tte_teks": [("A", 1, 1), ("A", 3, 2), ("Kota Tegal", 40, 30)],
    }[metric]
    con = duckdb.connect()
    try:
        con.execute(f"create table t (nama_kabkota varchar, {den} integer, {num} integer)")
        con.executemany("insert into t values (?, ?, ?)", rows)
        got = con.execute(
            f"select nama_kabkota, {_metric(dataset, metric)} from t group by 1"
        ).fetchall()
    finally:
        con.close()
    assert dict(got) == expected


def test_no_regency_table_shows_a_counted_rate_as_a_percentage() -> None:
    """Every table by regency/city shows a rate of counted cases through rate_text (counts
    below the threshold), never as a bare percentage that 1 of 2 cases would make 50 %."""
    offenders = []
    for chart in ALL_CHARTS:
        if chart.viz_type not in {"table", "pivot_table_v2"}:
            continue
        if "nama_kabkota" not in chart.columns and "nama_kabkota" not in str(chart.params):
            continue
        for name in chart.metrics:
            expression = _metric(chart.dataset, name)
            if COUNTED_RATE.search(expression):
                offenders.append(f"{chart.key}: {name}")
    assert offenders == []
    keys = {c.key for c in ALL_CHARTS}
    assert {"ringkasan.tte_kabkota", "adopsi.tte_kabkota", "lapor.sla_kabkota"} <= keys

"""Daily builds test the recent slice of the big service tables; the full test sees every row.

A row that breaks an accepted-values test is planted in the fact twice: once loaded long ago
(outside the slice: the daily test passes, the weekly full test fails on it) and once loaded now
(inside the slice: the daily test fails too). The slice is dbt/macros/test_slice.sql's
``default__get_where_subquery``, configured by the `test_slice_columns` var.
"""

from __future__ import annotations

import json
import re

import pytest

from smartprov.transform import DbtError, run_dbt, run_full_tests
from smartprov.warehouse import connect

KANAL_TEST = "fct_service_transactions,test_name:accepted_values"
RECENT = ["--vars", json.dumps({"test_slice": "recent"})]


def _plant(paths, *, days_ago: int) -> str:
    """Give one fact row an unknown channel and a load time ``days_ago`` days before the newest
    load; return its key."""
    con = connect(paths.warehouse)
    try:
        (key,) = con.execute(
            "select transaksi_key from marts.fct_service_transactions"
            " order by transaksi_key limit 1"
        ).fetchone()
        con.execute(
            "update marts.fct_service_transactions set kanal = 'faks',"
            " loaded_at = (select max(loaded_at) from marts.fct_service_transactions)"
            " - to_days(cast(? as integer)) where transaksi_key = ?",
            [days_ago, key],
        )
    finally:
        con.close()
    return key


def _test(paths, *extra: str):
    return run_dbt(paths, ["test", "--select", KANAL_TEST, *extra])


def test_an_old_bad_row_is_left_to_the_full_test(home_copy) -> None:
    _plant(home_copy, days_ago=30)
    daily = _test(home_copy, *RECENT)
    assert daily.success
    with pytest.raises(DbtError, match="accepted_values"):
        run_full_tests(home_copy)  # what the weekly smartprov_full_tests DAG runs


def test_a_recent_bad_row_fails_the_daily_test(home_copy) -> None:
    _plant(home_copy, days_ago=1)
    with pytest.raises(DbtError, match="accepted_values"):
        _test(home_copy, *RECENT)


def test_the_slice_is_only_on_the_configured_models(home_copy) -> None:
    """On a daily build the slice wraps the configured models only: the tests touching
    dim_kabkota (its own, and relationships from the fact to it) slice the fact, never the dim."""
    run_dbt(home_copy, ["compile", "--select", "dim_kabkota,resource_type:test", *RECENT])
    compiled = [
        path.read_text(encoding="utf-8")
        for path in (home_copy.dbt_target / "compiled").rglob("*.sql")
    ]
    assert compiled, "dbt compiled no test of dim_kabkota"
    sliced = [
        relation
        for text in compiled
        for relation in re.findall(r'max\("loaded_at"\) from ([^)]+)\)', text)
    ]
    assert sliced, "no test touching dim_kabkota was sliced (the fact's relationship test is)"
    assert all(relation.rstrip('"').endswith("fct_service_transactions") for relation in sliced)

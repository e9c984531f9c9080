"""Daily builds test what earlier builds have not: the recent slice of the big service tables.

The slice is every service-log row loaded after the mark in audit.dbt_test_marks, set by a
build whose two latest-wins reconciliations passed (dbt/macros/test_slice.sql). A row that breaks
an accepted-values test is planted in the fact: loaded before the mark (already tested: the daily
test passes, the weekly full test fails on it) or after it (the daily test fails too).
"""

from __future__ import annotations

import json
import re

import pytest

from smartprov.base.warehouse import connect
from smartprov.transform import DbtError, run_dbt, run_full_tests

KANAL_TEST = "fct_service_transactions,test_name:accepted_values"
RECONCILIATIONS = [
    "assert_service_transactions_reconcile_with_raw",
    "assert_service_fact_holds_latest_delivery",
]
RECENT = ["--vars", json.dumps({"test_slice": "recent"})]


def _marks(paths) -> list[tuple]:
    con = connect(paths.warehouse, read_only=True)
    try:
        return con.execute(
            "select tested_up_to, test_slice from audit.dbt_test_marks order by recorded_at"
        ).fetchall()
    finally:
        con.close()


def _plant(paths, *, after_mark: bool) -> None:
    """Give one fact row an unknown channel; it stays loaded before the tested mark (every row of
    the session build is) or is moved one second after it."""
    loaded_at = (
        "(select max(tested_up_to) from audit.dbt_test_marks) + interval 1 second"
        if after_mark
        else "loaded_at"
    )
    con = connect(paths.warehouse)
    try:
        con.execute(
            f"update marts.fct_service_transactions set kanal = 'faks', loaded_at = {loaded_at}"
            " where transaksi_key = (select min(transaksi_key) from marts.fct_service_transactions)"
        )
    finally:
        con.close()


def _test(paths, *extra: str):
    return run_dbt(paths, ["test", "--select", KANAL_TEST, *extra])


def test_the_session_build_recorded_its_mark(built) -> None:
    from tests.warehouse.conftest import query

    marks = _marks(built["paths"])
    (newest,) = query(built["paths"].warehouse, "select max(_loaded_at) from raw.service_logs")[0]
    assert marks and marks[-1][0] == newest


def test_an_already_tested_bad_row_is_left_to_the_weekly_full_test(home_copy) -> None:
    _plant(home_copy, after_mark=False)
    assert _test(home_copy, *RECENT).success
    with pytest.raises(DbtError, match="accepted_values"):
        run_full_tests(home_copy)  # what the weekly smartprov_full_tests DAG runs


def test_a_bad_row_loaded_after_the_mark_fails_the_daily_test(home_copy) -> None:
    _plant(home_copy, after_mark=True)
    with pytest.raises(DbtError, match="accepted_values"):
        _test(home_copy)  # the recent slice is the default (no vars: partial parsing holds)


def test_only_passing_reconciliations_move_the_mark(home_copy) -> None:
    before = _marks(home_copy)
    run_dbt(home_copy, ["test", "--select", *RECONCILIATIONS, *RECENT])
    assert len(_marks(home_copy)) == len(before) + 1
    con = connect(home_copy.warehouse)
    try:  # a raw row the fact does not hold, loaded after the mark: reconciliation fails
        con.execute(
            "insert into raw.service_logs by name select * replace ("
            " 'TEST-MISSING' as id_transaksi, _loaded_at + interval 1 second as _loaded_at)"
            " from raw.service_logs order by _loaded_at desc limit 1"
        )
    finally:
        con.close()
    with pytest.raises(DbtError, match="reconcile_with_raw"):
        run_dbt(home_copy, ["test", "--select", *RECONCILIATIONS, *RECENT])
    assert len(_marks(home_copy)) == len(before) + 1


def test_the_slice_is_only_on_the_configured_models(home_copy) -> None:
    """On a daily build the slice wraps the configured relations only: the tests touching
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
        for relation in re.findall(r'(\S+) where "loaded_at" > \(select coalesce', text)
    ]
    assert sliced, "no test touching dim_kabkota was sliced (the fact's relationship test is)"
    assert all(relation.rstrip('"').endswith("fct_service_transactions") for relation in sliced)

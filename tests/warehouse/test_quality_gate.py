"""The checks before publish are dbt tests run by the build (no Python gate of its own).

Transaction ids are unique only within a regency/city (service-log-v1): the reconciliation
between raw and the fact is on (kode_kabkota, id_transaksi), so the same id delivered by two
regencies is two transactions, not a failure.
"""

from __future__ import annotations

import json

import pytest

from smartprov.base.warehouse import connect
from smartprov.transform import FULL_VARS, DbtError, run_dbt
from tests.warehouse.conftest import query

GATE = (
    "assert_service_transactions_reconcile_with_raw",
    "assert_dimensions_cover_reference_geography",
)


def _gate(paths) -> None:
    """The gate over every row (a daily build checks only what was loaded since the last tested
    build: tests/warehouse/test_recent_slice.py)."""
    run_dbt(paths, ["test", "--select", *GATE, "--vars", json.dumps(FULL_VARS)])


def test_same_id_in_two_regencies_passes_the_gate(home_copy):
    shared = query(
        home_copy.warehouse,
        "select id_transaksi from raw.service_logs group by 1"
        " having count(distinct kode_kabkota) > 1 limit 1",
    )
    assert shared, "the fixture delivers some id_transaksi from more than one regency/city"
    # the former Python gate compared distinct ids across regencies with the fact's rows
    ((distinct_ids, fact_rows),) = query(
        home_copy.warehouse,
        "select (select count(distinct id_transaksi) from raw.service_logs),"
        " (select count(*) from marts.fct_service_transactions)",
    )
    assert distinct_ids < fact_rows  # it would have failed on this valid data
    _gate(home_copy)


def test_a_transaction_lost_in_one_regency_fails_the_gate(home_copy):
    con = connect(home_copy.warehouse)
    try:
        # drop one regency's copy of an id that another regency also delivered
        (deleted,) = con.execute(
            "delete from marts.fct_service_transactions where transaksi_key = ("
            " select min(kode_kabkota || ':' || id_transaksi) from raw.service_logs"
            " where id_transaksi in (select id_transaksi from raw.service_logs group by 1"
            " having count(distinct kode_kabkota) > 1))"
        ).fetchone()
    finally:
        con.close()
    assert deleted == 1
    with pytest.raises(DbtError, match="assert_service_transactions_reconcile_with_raw"):
        _gate(home_copy)


def test_a_missing_village_fails_the_gate(home_copy):
    con = connect(home_copy.warehouse)
    try:
        con.execute(
            "delete from marts.dim_wilayah"
            " where kode_wilayah = (select min(kode_wilayah) from marts.dim_wilayah)"
        )
    finally:
        con.close()
    with pytest.raises(DbtError, match="assert_dimensions_cover_reference_geography"):
        _gate(home_copy)

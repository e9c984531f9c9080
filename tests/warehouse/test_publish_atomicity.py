"""Publishing is all or nothing; incremental builds equal a full refresh."""

from __future__ import annotations

import hashlib

import pytest

from smartprov import publish as publish_module
from smartprov.base.warehouse import connect
from smartprov.transform import DbtError, run_dbt_build
from tests.warehouse.conftest import query


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(paths) -> list:
    return sorted(paths.home.glob("serving.duckdb.tmp-*"))


def test_failing_build_leaves_serving_untouched(home_copy):
    before = _digest(home_copy.serving)
    con = connect(home_copy.warehouse)
    # a newly loaded row with a status outside the contract: the accepted_values test of the
    # daily build (which tests what was loaded since the last tested build) must stop it
    con.execute(
        "insert into raw.service_logs select * replace ('BAD-1' as id_transaksi,"
        " 'hilang' as status,"
        " (select max(_loaded_at) from raw.service_logs) + interval 1 second as _loaded_at)"
        " from raw.service_logs limit 1"
    )
    con.close()
    with pytest.raises(DbtError):
        run_dbt_build(home_copy)
    assert _digest(home_copy.serving) == before
    assert _leftovers(home_copy) == []


def test_failed_publish_keeps_previous_file_and_removes_temp(home_copy, monkeypatch):
    before = _digest(home_copy.serving)

    def broken_verify(path):
        raise publish_module.PublishError("simulated failure after writing")

    monkeypatch.setattr(publish_module, "_verify", broken_verify)
    with pytest.raises(publish_module.PublishError):
        publish_module.publish(home_copy)
    assert _digest(home_copy.serving) == before
    assert _leftovers(home_copy) == []


def test_publish_replaces_file_atomically(home_copy):
    result = publish_module.publish(home_copy)
    assert result.path == home_copy.serving
    assert _leftovers(home_copy) == []
    assert query(home_copy.serving, "select count(*) from marts.mart_rollout_kabkota")[0][0] > 0


def test_incremental_run_equals_full_refresh(home_copy):
    con = connect(home_copy.warehouse)
    # a new day: one transaction re-delivered with a new status, one brand new
    con.execute(
        """
        insert into raw.service_logs
        select * replace (
            delivery_date + 1 as delivery_date,
            'selesai' as status,
            waktu_permohonan + interval 3 hour as waktu_selesai,
            'b-new' as _batch_id,
            _loaded_at + interval 1 day as _loaded_at
        )
        from raw.service_logs where id_transaksi = '0331-3' and kode_kabkota = '33.02'
        union all
        select * replace (
            'NEW-1' as id_transaksi, 'b-new' as _batch_id, _loaded_at + interval 1 day as _loaded_at
        )
        from raw.service_logs where id_transaksi = '0331-0' and kode_kabkota = '33.02'
        """
    )
    con.close()
    select = ["fct_service_transactions+"]  # with its downstream marts and reconciliation tests
    run_dbt_build(home_copy, select=select)
    sql = (
        "select * exclude (loaded_at) from marts.fct_service_transactions"
        " order by kode_kabkota, id_transaksi"
    )
    incremental = query(home_copy.warehouse, sql)
    run_dbt_build(home_copy, select=select, full_refresh=True)
    full = query(home_copy.warehouse, sql)
    assert incremental == full
    statuses = query(
        home_copy.warehouse,
        "select id_transaksi, status from marts.fct_service_transactions"
        " where kode_kabkota = '33.02' and id_transaksi in ('0331-3', 'NEW-1') order by 1",
    )
    assert statuses == [("0331-3", "selesai"), ("NEW-1", "selesai")]

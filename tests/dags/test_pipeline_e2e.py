"""End to end: the real DAGs (``dag.test()``) over a small seeded sample.

Days 1-2 run normally; on day 3 one regency's delivery breaks (its load raises, as an
unreadable file would): its mapped task fails after its retry, the other 34 load, the asset is
still emitted, the warehouse DAG (Cosmos) builds, tests (its gate), publishes and, a national
lake being configured (SMARTPROV_LAKE), exports the province to it, emitting its export asset;
the national DAG then builds the national marts from that lake; monitoring posts the gap to the
webhook. Then day 2 runs again: no count changes and no asset event is emitted.
"""

from __future__ import annotations

from datetime import date
from unittest import mock

import duckdb
import pytest

from devtools.simulate.standin import lapor_standin
from smartprov.base.settings import Paths
from smartprov.orchestration import config

pytestmark = pytest.mark.slow
LAKE = "lake-e2e"  # the national lake of this run (under the platform home)

COUNTED = (
    "raw.service_logs",
    "raw.lapor_complaints",
    "audit.deliveries",
    "audit.quarantine_rows",
    "audit.quarantine_files",
)


def broken_regency(expected: dict) -> str:
    """A regency whose day-3 file is good (so its absence is the injected failure's doing)."""
    good = [
        (facts["transactions"], code)
        for code, facts in expected["service_logs"].items()
        if facts["files_quarantined"] == 0
        and not facts["missing_days"]
        and code not in expected["missing_data_date"]
    ]
    return max(good)[1]


def counts(paths: Paths) -> dict[str, int]:
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in COUNTED}
    finally:
        con.close()


def serving(paths: Paths, sql: str, *, database: str = "serving") -> list[tuple]:
    con = duckdb.connect(str(getattr(paths, database)), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def run(platform: Paths, dags: dict, expected: dict, webhook) -> dict:
    from smartprov.orchestration import runner, tasks

    days = runner.delivered_days(platform)
    assert days == [date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 3)]
    broken = broken_regency(expected)
    attempts: list[str] = []
    real_ingest = tasks.ingest_regency

    def failing_ingest(paths: Paths, kode_kabkota: str, upto: date) -> dict:
        if kode_kabkota == broken and upto == days[-1]:
            attempts.append(kode_kabkota)
            raise PermissionError(f"landing/service_logs/{kode_kabkota}: permission denied")
        return real_ingest(paths, kode_kabkota, upto)

    out: dict = {"broken": broken, "days": days, "results": {}}
    alerts = mock.patch.dict("os.environ", {"SMARTPROV_ALERT_WEBHOOK": webhook.url})
    with lapor_standin(platform), alerts:
        for day in days:
            with mock.patch.object(tasks, "ingest_regency", failing_ingest):
                for dag_id in runner.INGESTION_DAGS:
                    out["results"][dag_id, day] = runner.run_dag(dags[dag_id], day)
        with mock.patch.dict("os.environ", {"SMARTPROV_LAKE": str(platform.home / LAKE)}):
            out["warehouse"] = runner.run_dag(dags[config.WAREHOUSE_DAG], days[-1])
            out["national"] = runner.run_dag(dags[config.NATIONAL_DAG], days[-1])
        out["monitoring"] = runner.run_dag(dags[config.MONITORING_DAG], days[-1])
        out["counts_before"] = counts(platform)
        out["serving_before"] = platform.serving.stat().st_mtime_ns
        out["rerun"] = {
            dag_id: runner.run_dag(dags[dag_id], days[1]) for dag_id in runner.INGESTION_DAGS
        }
        out["counts_after"] = counts(platform)
    out["posts"] = list(webhook.posts)
    out["attempts"] = attempts
    return out


def test_ingestion_runs_succeed_and_emit_assets_when_data_landed(run: dict) -> None:
    first, second, third = run["days"]
    results = run["results"]
    for dag_id in (config.SERVICE_LOGS_DAG, config.LAPOR_DAG, config.ROLLOUT_DAG):
        assert results[dag_id, first].state == "success", results[dag_id, first].line()
        assert results[dag_id, first].landed
    assert results[config.INDICATORS_DAG, first].landed
    assert results[config.SERVICE_LOGS_DAG, second].state == "success"
    assert results[config.SERVICE_LOGS_DAG, second].landed
    # the rollout register did not change after day 1: no asset event, no warehouse trigger
    assert not results[config.ROLLOUT_DAG, second].landed


def test_a_broken_regency_fails_only_its_own_mapped_task(run: dict, expected: dict) -> None:
    from smartprov.base.reference import regency_codes

    result = run["results"][config.SERVICE_LOGS_DAG, run["days"][-1]]
    index = list(regency_codes()).index(run["broken"])
    # its own task failed (after one retry), the run shows it, the others loaded
    assert result.state == "failed"
    assert set(result.failed_tasks) == {f"ingest_regency[{index}]", "all_regencies_loaded"}
    assert run["attempts"] == [run["broken"]] * 2
    # what the others delivered still went on towards the warehouse
    assert result.landed
    failure_alerts = [a for p in run["posts"] for a in p["alerts"] if a["kind"] == "task_failure"]
    assert any(f"ingest_regency[{index}]" in a["subject"] for a in failure_alerts)


def test_warehouse_builds_gates_and_publishes(run: dict, platform: Paths) -> None:
    assert run["warehouse"].state == "success", run["warehouse"].line()
    assert platform.serving.exists()


def test_the_warehouse_exports_to_the_lake_and_the_national_dag_builds_from_it(
    run: dict, platform: Paths
) -> None:
    from airflow.models.asset import AssetEvent, AssetModel
    from airflow.utils.session import create_session

    from smartprov.national.lake import snapshot
    from smartprov.orchestration.national import export_asset_uri

    found = snapshot(platform.home / LAKE)
    assert [p.kode_provinsi for p in found.partitions] == ["33"]
    manifest = found.partitions[0].manifest
    published = serving(platform, "select max(as_of_date) from marts._publication")[0][0]
    assert manifest["as_of_date"] == str(published)
    with create_session() as session:
        emitted = {
            uri
            for (uri,) in session.query(AssetModel.uri).join(
                AssetEvent, AssetEvent.asset_id == AssetModel.id
            )
        }
    assert export_asset_uri("33") in emitted
    assert "smartprov://national/serving" in emitted
    assert run["national"].state == "success", run["national"].line()
    national = platform.national / "serving.duckdb"
    con = duckdb.connect(str(national), read_only=True)
    try:
        freshness = dict(
            con.execute(
                "select kode_provinsi, status_data from nasional.mart_national_freshness"
            ).fetchall()
        )
        live = con.execute(
            "select sum(live_villages) from nasional.mart_national_rollout_provinsi"
            " where kode_provinsi = '33' and program = 'TTE_KELURAHAN'"
        ).fetchone()[0]
    finally:
        con.close()
    # every province listed, the one exported on time, the others shown as not sending
    assert len(freshness) == 38 and freshness.pop("33") == "tepat waktu"
    assert set(freshness.values()) == {"belum mengirim"}
    (own,) = serving(
        platform,
        "select sum(live_villages) from marts.mart_rollout_kabkota where program = 'TTE_KELURAHAN'",
    )[0]
    assert live == own


def test_great_expectations_checked_every_delivery_once_per_ingestion_run(
    run: dict, platform: Paths
) -> None:
    """The 35 mapped regency tasks load without GX; check_quality validates them as one batch."""
    unchecked = serving(
        platform,
        "select count(*) from audit.deliveries where quality_checked_at is null and is_current"
        " and not file_quarantined and channel = 'export'",
        database="warehouse",
    )[0][0]
    assert unchecked == 0
    checks = serving(
        platform, "select count(distinct run_id) from audit.quality_results", database="warehouse"
    )[0][0]
    assert 1 <= checks <= len(run["results"])  # at most one GX validation per ingestion run


def test_serving_holds_the_sample(run: dict, platform: Paths, expected: dict) -> None:
    broken, last = run["broken"], run["days"][-1]
    per_regency = dict(
        serving(
            platform,
            # every transaction counted once, in the month of its request (the fact itself
            # stays in the warehouse: publish.py)
            "select kode_kabkota, sum(requests)::integer from marts.mart_adoption_kabkota_monthly"
            " group by all",
        )
    )
    for code, facts in expected["service_logs"].items():
        if code == broken:
            continue
        assert per_regency.get(code, 0) == facts["transactions"], code
    assert per_regency.get(broken, 0) <= expected["service_logs"][broken]["transactions"]
    assert serving(
        platform,
        f"select count(*) from marts.fct_service_transactions "
        f"where kode_kabkota = '{broken}' and delivery_date = '{last}'",
        database="warehouse",
    ) == [(0,)]
    assert serving(platform, "select count(*) from marts.dim_wilayah") == [(8563,)]
    assert serving(platform, "select count(*) from marts.mart_lapor_sla_kabkota") == [(35,)]
    assert serving(
        platform, "select count(distinct tracking_id) from marts.fct_lapor_complaints"
    ) == [(expected["lapor"]["complaints"],)]
    rollout = serving(
        platform,
        "select program, count(*), count(distinct kode_kabkota) "
        "from marts.mart_rollout_kabkota group by all",
    )
    assert rollout and all(n == 35 and k == 35 for _, n, k in rollout)
    tegal = serving(
        platform,
        "select target_villages, live_villages from marts.mart_rollout_kabkota "
        "where kode_kabkota = '33.76' and program = 'TTE_KELURAHAN'",
    )
    facts = expected["service_logs"]["33.76"]
    assert tegal == [(facts["target_villages"], facts["live_villages"])]


def test_monitoring_alerts_missed_deliveries_to_the_webhook(run: dict, expected: dict) -> None:
    assert run["monitoring"].state == "success"
    reports = [p for p in run["posts"] if any(a["kind"] == "missed_delivery" for a in p["alerts"])]
    assert reports, run["posts"]
    missed = {a["subject"] for a in reports[-1]["alerts"] if a["kind"] == "missed_delivery"}
    assert missed == {run["broken"], *expected["missing_data_date"]}
    assert "regencies delivered" in reports[-1]["text"]


def test_running_the_same_logical_date_again_changes_no_count(run: dict, platform: Paths) -> None:
    assert run["counts_after"] == run["counts_before"]
    for dag_id, result in run["rerun"].items():
        assert result.state == "success", result.line()
        assert not result.landed, f"{dag_id} emitted an asset event for nothing new"
    # no asset event, so no warehouse run: serving is untouched
    assert platform.serving.stat().st_mtime_ns == run["serving_before"]


@pytest.fixture(scope="module")
def failed_build(run: dict, platform: Paths, dags: dict) -> dict:
    """The warehouse DAG again after a data failure: a service-log row with a channel no dbt
    test accepts is loaded after everything the last build tested (as a delivery that slipped
    past ingestion would be); removed afterwards, from raw and the fact, so the sample stays as
    it was for the other tests."""
    from smartprov.orchestration import runner

    bad_id = "E2E-KANAL-TAK-DIKENAL"
    con = duckdb.connect(str(platform.warehouse))
    try:
        con.execute(
            "insert into raw.service_logs by name select * replace ("
            " ? as id_transaksi, 'merpati pos' as kanal,"
            " _loaded_at + interval 1 second as _loaded_at)"
            " from raw.service_logs order by _loaded_at desc, rowid limit 1",
            [bad_id],
        )
    finally:
        con.close()
    serving_before = platform.serving.stat().st_mtime_ns
    try:
        dag_run = dags[config.WAREHOUSE_DAG].test(logical_date=runner.logical_date(run["days"][-1]))
        instances = {
            ti.task_id: (str(ti.state), ti.try_number) for ti in dag_run.get_task_instances()
        }
    finally:
        con = duckdb.connect(str(platform.warehouse))
        try:
            for table in ("raw.service_logs", "marts.fct_service_transactions"):
                con.execute(f"delete from {table} where id_transaksi = ?", [bad_id])
        finally:
            con.close()
    return {
        "state": str(dag_run.state),
        "instances": instances,
        "serving_unchanged": platform.serving.stat().st_mtime_ns == serving_before,
    }


def test_a_failing_dbt_test_fails_the_run_at_once_and_publishes_nothing(failed_build: dict) -> None:
    instances = failed_build["instances"]
    assert failed_build["state"] == "failed"
    assert instances["prepare"][0] == "success"
    # the one dbt build failed on its first try: no retry of a data failure
    assert instances["dbt.dbt_producer_watcher"] == ("failed", 1)
    # no node task ran (so none fell back to a dbt run of its own), nothing was published
    others = {
        t: s for t, (s, _) in instances.items() if t not in ("prepare", "dbt.dbt_producer_watcher")
    }
    assert "publish" in others and "notify" in others and len(others) > 40
    assert set(others.values()) == {"upstream_failed"}, others
    assert failed_build["serving_unchanged"]

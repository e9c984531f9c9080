"""The dbt build (models, data tests, unit tests, reconciliation) and the serving contract."""

from __future__ import annotations

import datetime as dt

from smartprov.publish import FORBIDDEN_COLUMNS, SERVING_V1
from tests.warehouse import fixture
from tests.warehouse.conftest import query

# Regency-grain tables and the columns that make one "period" (35 rows each).
REGENCY_GRAIN = {
    "mart_rollout_kabkota": ["program"],
    "mart_lapor_sla_kabkota": ["as_of_date"],
    "mart_lapor_backlog_kabkota": ["bucket_order"],
    "mart_lapor_kategori_kabkota": ["kategori"],
    "mart_scorecard_kabkota": ["tahun", "indicator_code"],
    "mart_scorecard_dimension_kabkota": ["tahun", "dimension"],
    "mart_economy_kabkota": ["tahun"],
    "mart_environment_kabkota": ["tahun"],
    "mart_tourism_kabkota": ["tahun"],
    "mart_governance_kabkota": ["tahun"],
    "mart_adoption_kabkota_monthly": ["bulan"],
    "mart_adoption_monthly": ["bulan", "jenis_layanan", "kanal"],
    "mart_delivery_status_kabkota": ["as_of_date"],
}


def test_build_passes_models_tests_and_unit_tests(built):
    result = built["result"]
    assert result.success
    assert result.counts.get("pass", 0) > 200  # data tests + unit tests
    assert not result.failures


def test_serving_holds_every_serving_v1_table_with_its_columns(built):
    serving = built["paths"].serving
    for table, columns in SERVING_V1.items():
        present = {
            c
            for (c,) in query(
                serving,
                "select column_name from information_schema.columns"
                " where table_schema = 'marts' and table_name = ?",
                [table],
            )
        }
        assert set(columns) <= present, (table, set(columns) - present)
    assert query(serving, "select count(*) from marts.dim_wilayah") == [(8563,)]


def test_regency_grain_tables_have_35_rows_per_period(built):
    serving = built["paths"].serving
    for table, period in REGENCY_GRAIN.items():
        keys = ", ".join(period)
        counts = query(serving, f"select {keys}, count(*) from marts.{table} group by all")
        assert counts, table
        assert {row[-1] for row in counts} == {35}, table


def test_as_of_date_is_latest_service_log_day(built):
    assert built["published"].as_of_date == fixture.AS_OF
    assert query(built["paths"].serving, "select distinct as_of_date from marts._publication") == [
        (fixture.AS_OF,)
    ]


def test_kota_tegal_27_targeted_19_live(built):
    rows = query(
        built["paths"].serving,
        "select target_villages, live_villages from marts.mart_rollout_kabkota"
        " where kode_kabkota = '33.76' and program = 'TTE_KELURAHAN'",
    )
    assert rows == [(27, 19)]


def test_hand_computed_case_3_targeted_2_live_1_active(built):
    serving = built["paths"].serving
    rows = query(
        serving,
        "select target_villages, live_villages, active_villages_30d, live_inactive_villages_30d,"
        " letters_30d, tte_letters_30d from marts.mart_rollout_kabkota"
        " where kode_kabkota = ? and program = 'TTE_KELURAHAN'",
        [fixture.CASE_KABKOTA],
    )
    # M-1 (TTE, issued 03-30), M-2 (wet ink), M-9 (TTE, issued 03-26 after re-delivery)
    assert rows == [(3, 2, 1, 1, 3, 2)]
    inactive = query(
        serving,
        "select kode_wilayah from marts.mart_rollout_inactive_villages"
        " where kode_kabkota = ? and program = 'TTE_KELURAHAN'",
        [fixture.CASE_KABKOTA],
    )
    assert len(inactive) == 1


def test_latest_delivery_wins(built):
    rows = query(
        built["paths"].warehouse,  # the transaction-level fact is not published (publish.py)
        "select status, delivery_date, n_deliveries from marts.fct_service_transactions"
        " where kode_kabkota = ? and id_transaksi = 'M-9'",
        [fixture.CASE_KABKOTA],
    )
    assert rows == [("selesai", fixture.DAYS[1], 2)]


def test_lapor_contract_example_and_overdue_complaint(built):
    serving = built["paths"].serving
    rows = dict(
        query(
            serving,
            "select tracking_id, is_verified_on_time from marts.fct_lapor_complaints"
            " where tracking_id in ('L-1', 'L-2', 'L-3')",
        )
    )
    assert rows == {"L-1": True, "L-2": False, "L-3": False}
    # on time: L-1 (3 working days), L-4, R-<i> (the regency's routine complaint);
    # late: L-3 (5 working days) and L-2 (open, overdue) -> 3 / 5; completion: L-3 selesai of
    # L-1, L-2, L-3, R-<i> (L-4 is archived) -> 1 / 4. LaporGub! (fixture._laporgub) adds, counted
    # once: G-2 (Mon 03-23 -> Wed 03-25: 24 March is cuti bersama, 1 working day), G-4 (same
    # day) and G-6 (tidak_layak, 1 working day) verified on time -> 6 / 8; G-2 and G-4 open,
    # G-6 like an archived one -> completion 1 / 6. G-1 is L-3 (forwarded): not counted again.
    sla = query(
        serving,
        "select verification_measured, verified_on_time, verified_on_time_rate, completion_rate"
        " from marts.mart_lapor_sla_kabkota where kode_kabkota = ?",
        [fixture.CASE_KABKOTA],
    )
    assert sla == [(8, 6, 0.75, 1 / 6)]


def test_stale_regency_is_reported(built):
    rows = query(
        built["paths"].serving,
        "select kode_kabkota, last_delivery_date from marts.mart_delivery_status_kabkota"
        " where delivery_status = 'stale'",
    )
    assert rows == [(fixture.STALE_KABKOTA, fixture.STALE_LAST_DAY)]


def test_serving_has_no_internal_schema_or_personal_data(built):
    serving = built["paths"].serving
    schemas = {s for (s,) in query(serving, "select schema_name from duckdb_schemas()")}
    assert not schemas & {"raw", "audit", "staging", "intermediate", "reference", "ingest_cache"}
    columns = {c for (c,) in query(serving, "select column_name from information_schema.columns")}
    assert not columns & FORBIDDEN_COLUMNS
    assert not any(c.startswith("pelapor") or c == "isi_laporan" for c in columns)


def test_serving_leaves_out_only_the_transaction_fact(built):
    def marts_tables(path):
        sql = (
            "select table_name from information_schema.tables"
            " where table_schema = 'marts' and not starts_with(table_name, '_')"
        )
        return {name for (name,) in query(path, sql)}

    warehouse, serving = (
        marts_tables(built["paths"].warehouse),
        marts_tables(built["paths"].serving),
    )
    assert "fct_service_transactions" in warehouse
    assert warehouse - serving == {"fct_service_transactions"}
    assert {"mart_adoption_monthly", "mart_adoption_kabkota_monthly"} <= serving


def test_publication_is_recorded(built):
    rows = query(built["paths"].serving, "select table_name, row_count from marts._publication")
    counts = dict(rows)
    assert counts["dim_wilayah"] == 8563
    assert set(SERVING_V1) <= set(counts)


def test_published_at_is_recent(built):
    assert built["published"].published_at > dt.datetime.now() - dt.timedelta(hours=1)

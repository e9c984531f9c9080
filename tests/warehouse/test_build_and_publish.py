"""The dbt build (models, data tests, unit tests, reconciliation) and the serving contract."""

from __future__ import annotations

import datetime as dt

import pytest

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


def test_tte_coverage_beside_programme_progress(built):
    """v1.1: coverage = villages with a TTE letter in 30 days ÷ ALL villages; progress = live ÷
    target; both in the sentence the DPRD reads."""
    rows = query(
        built["paths"].serving,
        "select d.kode_kabkota, d.village_count, d.tte_villages_30d, d.tte_coverage_30d,"
        " d.live_share, d.label_cakupan from marts.mart_rollout_kabkota_dashboard as d"
        " where d.program = 'TTE_KELURAHAN' and d.kode_kabkota in (?, ?) order by 1",
        [fixture.CASE_KABKOTA, fixture.KOTA_TEGAL],
    )
    # Kota Magelang: 17 kelurahan, one issued TTE letters (M-1, M-9 in village 0); 2 of 3 live.
    # Kota Tegal: 27 kelurahan; its TTE letters (row i = 0 each day, village (0 + day) % 19 for
    # days 25..31 March) come from 7 kelurahan, all among the 19 live ones.
    assert rows == [
        (
            fixture.CASE_KABKOTA,
            17,
            1,
            pytest.approx(1 / 17),
            pytest.approx(2 / 3),
            "Kota Magelang: 2 dari 3 kelurahan sudah live; 1 di antaranya menerbitkan surat"
            " ber-TTE dalam 30 hari",
        ),
        (
            fixture.KOTA_TEGAL,
            27,
            7,
            pytest.approx(7 / 27),
            pytest.approx(19 / 27),
            "Kota Tegal: 19 dari 27 kelurahan sudah live; 7 di antaranya menerbitkan surat"
            " ber-TTE dalam 30 hari",
        ),
    ]


def test_processing_time_in_working_days_with_open_age(built):
    """v1.1 working days for letters, and the age of requests still in proses beside it."""
    rows = query(
        built["paths"].serving,
        "select letters_issued, processing_working_days_total, processing_working_days_median,"
        " requests_in_progress, open_age_working_days_total, open_age_working_days_max"
        " from marts.mart_adoption_kabkota_monthly where kode_kabkota = ? and bulan = ?",
        [fixture.CASE_KABKOTA, dt.date(2026, 3, 1)],
    )
    # issued: M-1, M-2 (same day: 0), M-9 (03-25 -> 03-26: 1), M-10 (Nyepi 03-19 -> 03-25: 1,
    # cuti bersama 20, 23, 24 March do not count) -> total 2, median 0.5; in proses: M-11
    # (03-17 -> 03-31: 25, 26, 27, 30, 31 = 5)
    assert rows == [(4, 2, 0.5, 1, 5, 5)]


def test_hand_computed_case_3_targeted_2_live_1_active(built):
    serving = built["paths"].serving
    rows = query(
        serving,
        "select target_villages, live_villages, active_villages_30d, live_inactive_villages_30d,"
        " letters_30d, tte_letters_30d from marts.mart_rollout_kabkota"
        " where kode_kabkota = ? and program = 'TTE_KELURAHAN'",
        [fixture.CASE_KABKOTA],
    )
    # M-1 (TTE, issued 03-30), M-2 (wet ink), M-9 (TTE, issued 03-26 after re-delivery),
    # M-10 (wet ink, issued 03-25)
    assert rows == [(3, 2, 1, 1, 4, 2)]
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
            " where tracking_id in ('L-1', 'L-2', 'L-3', 'L-6')",
        )
    )
    # L-6 is lapor-v1's Lebaran 2026 example (1 working day; v1 without cuti bersama: 4, late)
    assert rows == {"L-1": True, "L-2": False, "L-3": False, "L-6": True}
    # every jenis is measured: on time L-1, L-4, L-6, L-7, L-8, R-<i>; late L-3 (5 working days)
    # and L-2 (open, overdue). LaporGub! (fixture._laporgub) adds, counted once: G-2 (Mon 03-23
    # -> Wed 03-25: 24 March is cuti bersama, 1 working day), G-4 (same day) and G-6
    # (tidak_layak, 1 working day), all on time -> 9 / 11. Completion counts pengaduan only (L-8
    # and the G-tickets have no jenis: pengaduan): L-3 selesai of L-1, L-2, L-3, L-8, R-<i>, G-2,
    # G-4 (L-4 archived, G-6 tidak_layak like an archived one; L-6 aspirasi and L-7
    # permintaan_informasi are not complaints) -> 1 / 7. G-1 is L-3 (forwarded): not counted again.
    sla = query(
        serving,
        "select verification_measured, verified_on_time, verified_on_time_rate, completion_rate"
        " from marts.mart_lapor_sla_kabkota where kode_kabkota = ?",
        [fixture.CASE_KABKOTA],
    )
    assert sla == [(11, 9, 9 / 11, 1 / 7)]


def test_lapor_lebaran_follow_up_and_auto_close(built):
    """Cuti bersama stop the follow-up and auto-close clocks (contracts v1.1)."""
    rows = query(
        built["paths"].serving,
        "select tracking_id, follow_up_working_days, is_followed_up_on_time, is_auto_closed,"
        " is_open from marts.fct_lapor_complaints where tracking_id in ('L-7', 'L-8')"
        " order by tracking_id",
    )
    # L-7: forwarded Tue 03-17, followed up Thu 03-26 -> 25 and 26 March = 2 working days;
    # L-8: followed up Wed 03-11 -> 1 working day; 9 working days without reply by 03-31: open
    assert rows == [("L-7", 2, True, False, False), ("L-8", 1, True, False, True)]
    (follow,) = query(
        built["paths"].serving,
        "select (follow_up_measured, followed_up_on_time) from marts.mart_lapor_sla_kabkota"
        " where kode_kabkota = ?",
        [fixture.CASE_KABKOTA],
    )
    # L-3, L-7, L-8, R-<i> and LaporGub!'s G-4 (verified 03-16, responded 03-17: 1 working day):
    # all on time; G-2 (verified 03-25, no response, 4 working days by 03-31) is not yet due
    assert follow == ((5, 5),)


def test_lapor_counts_by_jenis(built):
    """v1.1: "pengaduan" counts jenis = pengaduan (a record without jenis is one), "laporan"
    all three; service levels per jenis."""
    serving = built["paths"].serving
    (row,) = query(
        serving,
        "select complaints, reports, reports_aspirasi, reports_permintaan_informasi,"
        " complaints_12m, reports_12m, complaints_open, reports_open,"
        " complaints_per_100k * jumlah_penduduk / 100000"
        " from marts.mart_lapor_sla_kabkota where kode_kabkota = ?",
        [fixture.CASE_KABKOTA],
    )
    # pengaduan: L-1, L-2, L-3, L-4, L-8, R-<i> and LaporGub!'s G-2, G-4, G-6 (no jenis:
    # pengaduan; G-1 is L-3); laporan: + L-6 (aspirasi), L-7 (informasi); open pengaduan: L-1,
    # L-2, L-8, R-<i>, G-2, G-4 (L-3 selesai, L-4 archived, G-6 tidak_layak); open reports: + L-6
    assert row[:8] == (9, 11, 1, 1, 9, 11, 6, 7)
    assert row[8] == pytest.approx(9)  # per 100,000 residents counts the 9 pengaduan only
    per_jenis = query(
        serving,
        "select jenis, reports, verification_measured, verified_on_time, follow_up_measured,"
        " followed_up_on_time from marts.mart_lapor_sla_jenis_kabkota where kode_kabkota = ?"
        " order by jenis",
        [fixture.CASE_KABKOTA],
    )
    assert per_jenis == [
        ("aspirasi", 1, 1, 1, 0, 0),
        # L-1, L-2 (late), L-3 (late), L-4, L-8, R-<i>, G-2, G-4, G-6 (on time; G-4 followed up)
        ("pengaduan", 9, 9, 7, 4, 4),
        ("permintaan_informasi", 1, 1, 1, 1, 1),
    ]
    (kategori,) = query(
        serving,
        "select complaints, reports from marts.mart_lapor_kategori_kabkota"
        " where kode_kabkota = ? and kategori = 'lainnya'",
        [fixture.CASE_KABKOTA],
    )
    # pengaduan L-1, L-4, L-8 and LaporGub!'s G-2, G-4, G-6; laporan + L-6, L-7
    assert kategori == (6, 8)


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

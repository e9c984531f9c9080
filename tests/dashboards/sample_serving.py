"""A small, deterministic serving.duckdb with the serving-v1 tables, for the dashboard tests.

Every regency/city of the reference geography is present; Kota Tegal (33.76) has its 27
kelurahan targeted and 19 live. When the pipeline can build a serving database in test time,
this can be swapped for its output.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from smartprov.base.reference import district_names, regencies, villages_by_regency
from tests.dashboards.sample_derived import DERIVED
from tests.dashboards.sample_hostile import plant as plant_hostile_text
from tests.dashboards.sample_serving_dprd import add_dprd_marts

AS_OF = dt.date(2026, 10, 31)
PROGRAM = "TTE_KELURAHAN"
INDICATORS = (
    ("governance", "lapor_tindak_lanjut"),
    ("economy", "pdrb_per_kapita"),
    ("economy", "persen_penduduk_miskin"),
    ("economy", "tpt_persen"),
    ("environment", "hari_ispu_baik"),
    ("environment", "pm25_rata2"),
    ("tourism", "wisnus_perjalanan"),
    ("tourism", "okupansi_hotel_persen"),
)
KOTA_TEGAL = "33.76"


def build(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    dim, rollout_village, rollout_kab, lapor, scorecard = [], [], [], [], []
    districts = district_names()
    for i, regency in enumerate(regencies()):
        villages = villages_by_regency()[regency.kode_kabkota]
        if regency.kode_kabkota == KOTA_TEGAL:
            n_target, n_live = 27, 19
        else:
            n_target = max(4, len(villages) * (30 + (i * 7) % 60) // 100)
            n_live = n_target * (25 + (i * 13) % 70) // 100
        n_active = n_live * 3 // 4
        for j, v in enumerate(villages):
            dim.append(
                (
                    v.kode_wilayah,
                    v.nama,
                    v.jenis,
                    v.kode_kecamatan,
                    districts[v.kode_kecamatan],
                    v.kode_kabkota,
                    regency.nama,
                )
            )
            is_target, is_live, active = j < n_target, j < n_live, j < n_active
            live_date = AS_OF - dt.timedelta(days=20 + (j * 37 + i * 11) % 400) if is_live else None
            letters = (5 + (j % 9)) if is_live else 0
            tte = letters if active else 0
            rollout_village.append(
                (
                    v.kode_wilayah,
                    v.kode_kabkota,
                    regency.nama,
                    PROGRAM,
                    is_target,
                    live_date,
                    is_live,
                    active,
                    live_date if active else None,
                    letters,
                    tte,
                    AS_OF,
                )
            )
        rollout_kab.append(
            (
                regency.kode_kabkota,
                regency.nama,
                PROGRAM,
                n_target,
                n_live,
                n_active,
                n_active,
                AS_OF,
            )
        )
        lapor.append(_lapor_counts(i, regency.kode_kabkota, regency.nama))
        for year in (2024, 2025):
            for k, (dimension, code) in enumerate(INDICATORS):
                value = round(10 + ((i + 1) * (k + 3) * (year - 2020)) % 97 + k * 0.25, 2)
                scorecard.append((regency.kode_kabkota, year, dimension, code, value, 0, 0.0))
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema marts")
        con.execute(
            "create table marts.dim_wilayah (kode_wilayah varchar, nama_wilayah varchar,"
            " jenis varchar, kode_kecamatan varchar, nama_kecamatan varchar,"
            " kode_kabkota varchar, nama_kabkota varchar)"
        )
        _insert(con, "marts.dim_wilayah", dim)
        con.execute(
            "create table marts.mart_rollout_village (kode_wilayah varchar, kode_kabkota varchar,"
            " nama_kabkota varchar, program varchar, is_target boolean, tanggal_live date,"
            " is_live boolean,"
            " is_active_30d boolean, first_tte_date date, letters_30d integer,"
            " tte_letters_30d integer, as_of_date date)"
        )
        _insert(con, "marts.mart_rollout_village", rollout_village)
        con.execute(
            "create table marts.mart_rollout_kabkota (kode_kabkota varchar, nama_kabkota varchar,"
            " program varchar, target_villages integer, live_villages integer,"
            " active_villages_30d integer, live_active_villages_30d integer, as_of_date date)"
        )
        _insert(con, "marts.mart_rollout_kabkota", rollout_kab)
        con.execute(
            "create table marts.mart_lapor_sla_kabkota (kode_kabkota varchar,"
            " nama_kabkota varchar, complaints bigint, complaints_12m bigint,"
            " complaints_not_archived bigint, complaints_selesai bigint, complaints_open bigint,"
            " verification_measured bigint, verified_on_time bigint, follow_up_measured bigint,"
            " followed_up_on_time bigint, jumlah_penduduk bigint, as_of_date date)"
        )
        _insert(con, "marts.mart_lapor_sla_kabkota", lapor)
        con.execute(
            "alter table marts.mart_lapor_sla_kabkota add column verified_on_time_rate double;"
            " alter table marts.mart_lapor_sla_kabkota add column followed_up_on_time_rate double;"
            " alter table marts.mart_lapor_sla_kabkota add column completion_rate double;"
            " alter table marts.mart_lapor_sla_kabkota add column complaints_per_100k double;"
            " update marts.mart_lapor_sla_kabkota set"
            " verified_on_time_rate = verified_on_time / verification_measured,"
            " followed_up_on_time_rate = followed_up_on_time / follow_up_measured,"
            " completion_rate = complaints_selesai / complaints_not_archived,"
            " complaints_per_100k = complaints_12m * 100000 / jumlah_penduduk"
        )
        con.execute(
            "create table marts.mart_scorecard_kabkota (kode_kabkota varchar, tahun integer,"
            " dimension varchar, indicator_code varchar, value double, rank integer,"
            " score double)"
        )
        _insert(con, "marts.mart_scorecard_kabkota", scorecard)
        con.execute(
            "create or replace table marts.mart_scorecard_kabkota as select kode_kabkota, tahun,"
            " dimension, indicator_code, value,"
            " rank() over (partition by tahun, indicator_code order by value desc) as rank,"
            " round(100.0 * (value - min(value) over w) / nullif(max(value) over w"
            " - min(value) over w, 0), 1) as score"
            " from marts.mart_scorecard_kabkota"
            " window w as (partition by tahun, indicator_code)"
        )
        for statement in DERIVED:
            con.execute(statement)
        add_dprd_marts(con)
        _conform_to_contract(con)
        plant_hostile_text(con)
    finally:
        con.close()
    return path


def _lapor_counts(i: int, kode: str, nama: str) -> tuple:
    """Complaint counts of one regency (rates derive from them, as in the marts)."""
    complaints = 40 + (i * 29) % 300
    measured = complaints - complaints // 10
    follow_up = complaints - complaints // 5
    not_archived = complaints - complaints // 20
    selesai = int(not_archived * (0.4 + (i % 11) / 20))
    return (
        kode,
        nama,
        complaints,
        complaints,
        not_archived,
        selesai,
        not_archived - selesai,
        measured,
        int(measured * (0.55 + (i % 9) / 20)),
        follow_up,
        int(follow_up * (0.5 + (i % 7) / 16)),
        800_000 + i * 23_000,
        AS_OF,
    )


def _conform_to_contract(con: duckdb.DuckDBPyConnection) -> None:
    """Add the documented columns this sample does not compute, as typed NULLs, so that every
    column the dbt YAML describes for a table the dashboards read (the serving-v1 contract
    included) exists here too. That the real marts hold exactly these columns and types is
    tested on the dbt build (tests/warehouse/test_dataset_columns.py)."""
    from smartprov.base.model_docs import models

    docs = models()
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'"
        ).fetchall()
    ]
    for table in tables:
        if table not in docs:
            continue
        have = {r[0] for r in con.execute(f"describe marts.{table}").fetchall()}
        for column in docs[table].columns:
            if column.name not in have and column.data_type:
                con.execute(
                    f"alter table marts.{table} add column {column.name} {column.data_type}"
                )


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """Bulk insert through a DataFrame (executemany is slow for 8,563 rows)."""
    import pandas as pd

    names = [r[0] for r in con.execute(f"describe {table}").fetchall()]
    frame = pd.DataFrame(rows, columns=names)  # noqa: F841 - read by DuckDB below
    con.execute(f"insert into {table} select * from frame")


if __name__ == "__main__":
    import sys

    print(build(Path(sys.argv[1] if len(sys.argv) > 1 else "data/serving.duckdb")))

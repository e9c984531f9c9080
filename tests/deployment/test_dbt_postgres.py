"""The dbt project on its second adapter: PostgreSQL (dbt-postgres) gives the serving numbers
DuckDB gives, on the same seeded sample.

The sample is simulated and ingested into DuckDB as everywhere else; its raw and audit tables
are copied into the throw-away PostgreSQL; ``dbt build`` (models, data tests, unit tests) runs
against both targets; then the marts are compared table by table.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from smartprov.base.settings import DBT_PROJECT_DIR, Paths
from tests.conftest import build_sample
from tests.deployment.postgres import Postgres
from tests.deployment.warehouse_copy import copy_warehouse

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

DBT_TIMEOUT = 300
# serving-v1 tables and the other marts whose every row and number is compared
COMPARED = (
    "dim_date",
    "dim_indikator",
    "dim_kabkota",
    "dim_layanan",
    "dim_program",
    "dim_wilayah",
    "mart_rollout_village",
    "mart_rollout_kabkota",
    "mart_rollout_inactive_villages",
    "mart_lapor_sla_kabkota",
    "mart_lapor_sla_instansi",
    "mart_lapor_backlog_kabkota",
    "mart_lapor_kategori_kabkota",
    "mart_scorecard_kabkota",
    "mart_scorecard_dimension_kabkota",
    "mart_governance_kabkota",
    "mart_adoption_kabkota_monthly",
    "mart_adoption_monthly",
    "mart_economy_kabkota",
    "mart_environment_kabkota",
    "mart_tourism_kabkota",
    "mart_delivery_status_kabkota",
    "mart_rollout_kabkota_dashboard",
    "mart_scorecard_dimension_dashboard",
    "mart_economy_kabkota_dashboard",
    "mart_environment_kabkota_dashboard",
    "mart_tourism_kabkota_dashboard",
    "fct_service_transactions",
    "fct_lapor_complaints",
    "fct_lapor_status_history",
)


def dbt_postgres(postgres: Postgres, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SMARTPROV_HOME": str(home),
        "SMARTPROV_PG_HOST": postgres.host,
        "SMARTPROV_PG_PORT": str(postgres.port),
        "SMARTPROV_PG_USER": postgres.user,
        "SMARTPROV_PG_PASSWORD": postgres.password,
        "SMARTPROV_PG_DATABASE": "warehouse",
        "DBT_TARGET_PATH": str(home / "dbt-postgres" / "target"),
        "DBT_LOG_PATH": str(home / "dbt-postgres" / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
    }
    dbt = Path(sys.executable).with_name("dbt")
    return subprocess.run(
        [
            str(dbt),
            *args,
            "--target",
            "postgres",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=DBT_TIMEOUT,
    )


@pytest.fixture(scope="module")
def both_builds(
    postgres: Postgres, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Paths, Postgres]:
    from smartprov.transform import run_dbt_build

    root = tmp_path_factory.mktemp("dbt-both")
    mp = pytest.MonkeyPatch()
    mp.setenv("SMARTPROV_HOME", str(root))
    mp.setenv("SMARTPROV_PII_KEY", "test-pii-key-not-a-secret-0123456789abcdef")
    try:
        paths, _ = build_sample(root)
        postgres.create_database("warehouse")
        copied = copy_warehouse(paths.warehouse, postgres.dsn("warehouse"), root / "copy")
        assert copied["raw.service_logs"] > 0 and copied["audit.deliveries"] > 0
        run_dbt_build(paths)
    finally:
        mp.undo()
    # the incremental fact must exist before its unit test runs (as smartprov/transform.py does
    # for DuckDB); `--empty` cannot be used here: its rewritten ref breaks the fact's post-hook
    # on PostgreSQL, so the fact's lineage is built for real (the sample is small)
    done = dbt_postgres(postgres, root, "run", "--select", "+fct_service_transactions")
    assert done.returncode == 0, done.stdout[-4000:]
    done = dbt_postgres(postgres, root, "build")
    assert done.returncode == 0, done.stdout[-6000:]
    assert "ERROR=0" in done.stdout and "SKIP=0" in done.stdout, done.stdout[-3000:]
    return paths, postgres


def duckdb_rows(paths: Paths, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    import duckdb

    con = duckdb.connect(str(paths.warehouse), read_only=True)
    try:
        cursor = con.execute(sql)
        return [d[0] for d in cursor.description], cursor.fetchall()
    finally:
        con.close()


def postgres_rows(postgres: Postgres, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    import psycopg2

    con = psycopg2.connect(postgres.dsn("warehouse"))
    try:
        with con.cursor() as cur:
            cur.execute(sql)
            return [d[0] for d in cur.description], cur.fetchall()
    finally:
        con.close()


# Averages of doubles rounded to 2 places: the engines add in different orders, so a mean that
# sits on a half (73.485) can come out as 73.48499.. on one and 73.48500.. on the other and round
# one cent apart; score_change is the difference of two such scores. Allowed here, nowhere else,
# and only for a minority of rows (MAX_SHARE_OFF_BY_ROUNDING).
ROUNDING = {
    # indicator scores: (value - floor) / (target - floor) rounded to 2 places; a quotient on
    # a half may round either way between the engines
    ("mart_scorecard_kabkota", "score"): 0.01,
    ("mart_scorecard_kabkota", "score_change"): 0.02,
    ("mart_scorecard_dimension_kabkota", "score"): 0.01,
    ("mart_scorecard_dimension_kabkota", "score_change"): 0.02,
    ("mart_scorecard_dimension_dashboard", "score"): 0.01,  # the same scores
}
MAX_SHARE_OFF_BY_ROUNDING = 0.1


def normalised(value: Any) -> Any:
    """One comparable form for both drivers (Decimal/float -> float; aware times -> naive)."""
    from datetime import datetime
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def same(a: Any, b: Any) -> bool:
    a, b = normalised(a), normalised(b)
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return a == b


@pytest.mark.parametrize("table", COMPARED)
def test_mart_is_the_same_on_both_adapters(both_builds: tuple[Paths, Postgres], table: str) -> None:
    paths, postgres = both_builds
    columns, _ = duckdb_rows(paths, f"select * from marts.{table} limit 0")
    order = ", ".join(f'"{c}"' for c in columns)
    sql = f"select {order} from marts.{table} order by {order}"
    duck_columns, duck = duckdb_rows(paths, sql)
    pg_columns, pg = postgres_rows(postgres, sql)
    assert pg_columns == duck_columns
    assert len(pg) == len(duck)
    differing, rounding = [], []
    for d, p in zip(duck, pg, strict=True):
        for i, column in enumerate(columns):
            if same(d[i], p[i]):
                continue
            allowed = ROUNDING.get((table, column))
            if allowed is not None and abs(float(d[i]) - float(p[i])) <= allowed + 1e-9:
                rounding.append((column, d[i], p[i]))
            else:
                differing.append((column, d[i], p[i]))
    assert not differing, f"{len(differing)} values differ, first: {differing[:5]}"
    assert len(rounding) <= MAX_SHARE_OFF_BY_ROUNDING * len(duck) * len(columns), rounding[:5]


KEY_NUMBERS = {
    "rollout": (
        "select program, sum(target_villages), sum(live_villages), sum(active_villages_30d)"
        " from marts.mart_rollout_kabkota group by program order by program"
    ),
    "lapor_sla": (
        "select kode_kabkota, complaints, verified_on_time_rate, followed_up_on_time_rate,"
        " completion_rate, complaints_per_100k from marts.mart_lapor_sla_kabkota"
        " order by kode_kabkota"
    ),
    "scorecard": (
        "select tahun, dimension, count(*), count(score), round(sum(score)::numeric, 6)"
        " from marts.mart_scorecard_kabkota group by tahun, dimension order by tahun, dimension"
    ),
}


@pytest.mark.parametrize("name", sorted(KEY_NUMBERS))
def test_key_serving_numbers_agree(both_builds: tuple[Paths, Postgres], name: str) -> None:
    paths, postgres = both_builds
    sql = KEY_NUMBERS[name]
    _, duck = duckdb_rows(paths, sql.replace("::numeric", "::decimal(38, 9)"))
    _, pg = postgres_rows(postgres, sql)
    assert len(duck) == len(pg) > 0
    for d, p in zip(duck, pg, strict=True):
        if name == "scorecard":  # each score may round 0.01 apart (ROUNDING)
            close = d[4] == p[4] or abs(d[4] - p[4]) <= Decimal("0.01") * d[3]
            assert d[:4] == p[:4] and close, (d, p)
            continue
        assert all(same(x, y) for x, y in zip(d, p, strict=True)), (d, p)

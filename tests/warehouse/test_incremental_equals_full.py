"""Day-by-day incremental runs give the same marts as one full refresh, table by table.

Three weeks of simulated deliveries are ingested in three steps, with a dbt run after each. Between
the steps, files arrive late (a regency-day held back) and are delivered again with corrections
(written here by hand: changed rows, a dropped row), so the incremental fact must pick up new
loads after its watermark and rewrite transactions whose file was replaced. Then a copy of the
warehouse is rebuilt with ``--full-refresh`` and every marts table is compared.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from smartprov.base.settings import Paths
from tests.conftest import TEST_PII_KEY

START = date(2026, 2, 2)
DAYS = 21
STEP_ENDS = (START + timedelta(days=6), START + timedelta(days=13), START + timedelta(days=20))


def _service_csvs(landing: Path, day: date) -> list[Path]:
    """The day's well-formed comma-separated UTF-8 service-log files, in a fixed order."""
    usable = []
    for path in sorted((landing / "service_logs").glob(f"*/{day.isoformat()}.csv")):
        try:
            lines = path.read_bytes().decode("utf-8").splitlines()
        except UnicodeDecodeError:
            continue
        if len(lines) > 5 and lines[0].startswith("id_transaksi,kode_wilayah,jenis_layanan,kanal"):
            usable.append(path)
    return usable


def _redeliver(path: Path, changed_rows: int, drop_last: bool) -> None:
    """A corrected version of a delivery: some rows change channel, the last row may go."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    for index in range(min(changed_rows, len(rows))):
        fields = rows[index].split(",")
        fields[3] = "web" if fields[3] != "web" else "loket"  # kanal
        rows[index] = ",".join(fields)
    if drop_last:
        rows = rows[:-1]
    path.write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")


def _compare_expression(con: duckdb.DuckDBPyConnection, db: str, table: str) -> str:
    """Select list for one table; doubles rounded (parallel sums may differ in the last bit)."""
    columns = con.execute(
        "select column_name, data_type from information_schema.columns"
        " where table_catalog = ? and table_schema = 'marts' and table_name = ?"
        " order by ordinal_position",
        [db, table],
    ).fetchall()
    doubles = {name for name, kind in columns if kind in ("DOUBLE", "FLOAT")}
    parts = [f'round("{n}", 9)' if n in doubles else f'"{n}"' for n, _ in columns]
    return ", ".join(parts)


@pytest.fixture(scope="module")
def incremental_and_full(tmp_path_factory, monkeypatch_module) -> tuple[Path, Path]:
    from devtools.simulate import simulate
    from ingestion.ingest import ingest
    from smartprov.transform import run_dbt

    root = tmp_path_factory.mktemp("incremental")
    monkeypatch_module.setenv("SMARTPROV_HOME", str(root))
    monkeypatch_module.setenv("SMARTPROV_PII_KEY", TEST_PII_KEY)
    paths = Paths(root).ensure()
    simulate(paths, START, DAYS, seed=13, scale=0.02)
    held = root / "held-back"
    held.mkdir()
    # late files: a day-3 and a day-10 delivery arrive only with the next step
    late = [_service_csvs(paths.landing, START + timedelta(days=d))[0] for d in (2, 9)]
    for path in late:
        shutil.move(path, held / f"{path.parent.name}_{path.name}")

    ingest(paths, until=STEP_ENDS[0])
    run_dbt(paths, ["seed"])
    run_dbt(paths, ["run"])

    # step 2: the held-back day-3 file, a corrected day-2 file (changed rows, one row dropped)
    shutil.move(held / f"{late[0].parent.name}_{late[0].name}", late[0])
    corrected = _service_csvs(paths.landing, START + timedelta(days=1))[0]
    _redeliver(corrected, changed_rows=3, drop_last=True)
    ingest(paths, until=STEP_ENDS[1])
    run_dbt(paths, ["run"])

    # step 3: the same day-2 file corrected again, a day-9 file corrected, the late day-10 file
    _redeliver(corrected, changed_rows=1, drop_last=False)
    _redeliver(_service_csvs(paths.landing, START + timedelta(days=8))[1], 2, drop_last=True)
    shutil.move(held / f"{late[1].parent.name}_{late[1].name}", late[1])
    ingest(paths, until=STEP_ENDS[2])
    run_dbt(paths, ["run"])

    full_root = tmp_path_factory.mktemp("full")
    full = Paths(full_root).ensure()
    shutil.copy2(paths.warehouse, full.warehouse)
    monkeypatch_module.setenv("SMARTPROV_HOME", str(full_root))
    run_dbt(full, ["run", "--full-refresh"])
    return paths.warehouse, full.warehouse


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def test_every_mart_equals_full_refresh(incremental_and_full):
    incremental, full = incremental_and_full
    con = duckdb.connect()
    con.execute(f"attach '{incremental}' as inc (read_only)")
    con.execute(f"attach '{full}' as ful (read_only)")
    tables = [
        name
        for (name,) in con.execute(
            "select table_name from information_schema.tables where table_catalog = 'ful'"
            " and table_schema = 'marts' and table_type = 'BASE TABLE' order by 1"
        ).fetchall()
    ]
    assert "fct_service_transactions" in tables and len(tables) > 10
    differences = {}
    for table in tables:
        a = _compare_expression(con, "inc", table)
        b = _compare_expression(con, "ful", table)
        assert a == b, f"{table}: columns differ"
        [(only_inc, only_full, rows)] = con.execute(
            f"""
            select
                (select count(*) from (select {a} from inc.marts.{table}
                    except all select {b} from ful.marts.{table})),
                (select count(*) from (select {b} from ful.marts.{table}
                    except all select {a} from inc.marts.{table})),
                (select count(*) from ful.marts.{table})
            """
        ).fetchall()
        if only_inc or only_full:
            differences[table] = (only_inc, only_full, rows)
    assert differences == {}


def test_sample_exercised_redeliveries_and_late_files(incremental_and_full):
    """The comparison means something: replaced files, late loads and repeated keys occurred."""
    incremental, _ = incremental_and_full
    con = duckdb.connect(str(incremental), read_only=True)
    [(replaced, loads, repeated)] = con.execute(
        """
        select
            (select count(*) from audit.deliveries
             where source = 'service_logs' and not is_current),
            (select count(distinct loaded_at) from marts.fct_service_transactions),
            (select count(*) from marts.fct_service_transactions where n_deliveries > 1)
        """
    ).fetchall()
    assert replaced >= 3
    assert loads >= 3
    assert repeated > 0

"""One spelling per source: the ledger, quarantine and cursor say `lapor`, the channel says how
it arrived; warehouses written before that are migrated when opened for writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.registry import raw_ddl, source
from ingestion.sources import API, EXPORT, LAPOR, SOURCES
from ingestion.warehouse import open_warehouse
from smartprov.base import warehouse


@pytest.mark.parametrize("name", SOURCES)
def test_every_source_registers_itself_under_its_name(name: str) -> None:
    assert source(name).name == name


def test_an_old_warehouse_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    ddl = warehouse.DDL + raw_ddl()
    ddl = ddl.replace('    "_channel" varchar not null,', '    "_source" varchar not null,')
    start = ddl.index("    loaded_at timestamp not null,\n    channel varchar")
    end = ddl.index("\n);", start)  # channel and the later ledger columns did not exist yet
    old_ddl = ddl[:start] + "    loaded_at timestamp not null" + ddl[end:]
    assert '"_source"' in old_ddl
    con = warehouse.connect(path)
    con.execute(old_ddl)
    ledger = "(?, ?, ?, 'x', null, null, null, 'h', 'csv', 1, 1, 0, false, null, true, now())"
    for batch, name in (("a", "lapor_export"), ("b", "lapor_api"), ("c", "service_logs")):
        con.execute(f"insert into audit.deliveries values {ledger}", [batch, name, name])
    con.execute(
        "insert into audit.quarantine_rows values "
        "('a', 'lapor_export', 'x', null, null, 1, 'r', 'r', null, now())"
    )
    con.execute("insert into audit.lapor_cursor values ('api', now(), now())")
    con.close()

    con = open_warehouse(path)
    try:
        ledger_rows = con.execute(
            "select batch_id, source, channel from audit.deliveries order by batch_id"
        ).fetchall()
        assert ledger_rows == [
            ("a", LAPOR, EXPORT),
            ("b", LAPOR, API),
            ("c", "service_logs", EXPORT),
        ]
        assert con.execute("select source from audit.quarantine_rows").fetchall() == [(LAPOR,)]
        assert con.execute("select source from audit.lapor_cursor").fetchall() == [(LAPOR,)]
        columns = {
            name
            for (name,) in con.execute(
                "select column_name from duckdb_columns() where table_name = 'lapor_complaints'"
            ).fetchall()
        }
        assert "_channel" in columns and "_source" not in columns
    finally:
        con.close()

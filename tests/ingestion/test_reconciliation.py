"""Every registered source's raw tables reconcile with the delivery ledger (parametrised over the
registry: a new source is checked without a new test). On the shared ingested sample."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest

from ingestion import registry
from ingestion.safety import quote_identifier
from smartprov.base.settings import Paths

# one check per raw table, even when several specs load it (LAPOR's export and API pages)
TABLES = list(
    dict.fromkeys(
        (name, spec.raw.name, spec.replace)
        for name in registry.loading_order()
        for spec in registry.source(name).specs
    )
)

PER_BATCH = """
    with raw as (select _batch_id, count(*) as n from raw.{table} group by _batch_id)
    select d.batch_id, d.source, d.is_current, d.file_quarantined, d.rows_loaded, raw.n
    from raw left join audit.deliveries as d on d.batch_id = raw._batch_id
"""


@pytest.mark.parametrize(("source", "table", "replace"), TABLES)
def test_raw_rows_reconcile_with_the_ledger(
    ingested_sample: tuple[Paths, dict[str, Any]], source: str, table: str, replace: str
) -> None:
    paths, _expected = ingested_sample
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        rows = con.execute(PER_BATCH.format(table=quote_identifier(table))).fetchall()
        loaded = con.execute(
            "select coalesce(sum(rows_loaded), 0) from audit.deliveries "
            "where source = ? and is_current and not file_quarantined and batch_id in "
            f"(select _batch_id from raw.{quote_identifier(table)})",
            [source],
        ).fetchone()[0]
    assert rows, f"raw.{table} is empty in the sample"
    for batch_id, ledger_source, current, quarantined, rows_loaded, n in rows:
        # every raw row comes from a delivery of this source that the ledger loaded
        assert ledger_source == source, (table, batch_id)
        assert not quarantined, (table, batch_id)
        if replace == "append":  # versions kept by key: a re-sent version adds nothing
            assert n <= rows_loaded, (table, batch_id)
        else:  # the current version of each file, all its good rows
            assert current and n == rows_loaded, (table, batch_id, n, rows_loaded)
    if replace != "append":
        assert sum(n for *_, n in rows) == loaded

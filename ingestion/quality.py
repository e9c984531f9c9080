"""Great Expectations: batch-level expectations on the deliveries loaded since the last check.

Row rules run in SQL (ingestion/rules.py) and quarantine bad rows on load, whatever GX says. GX
checks what is true of a delivery as a whole, on a small profile frame with one row per
delivery, built by one query over the ledger (``audit.deliveries.quality_checked_at`` is NULL
until a delivery is checked): rows are accounted for (loaded + quarantined = delivered), the
share of bad rows stays small, ids are not repeated inside a delivery, nothing is empty. Results
are kept in ``audit.quality_results`` (suite, expectation, and the deliveries that failed it);
a failed expectation is recorded, logged and counted (``IngestSummary.quality_failures``), it
does not undo the load. GX validates DataFrames, not SQL tables (see FIELD-NOTES).

Its fixed cost (import and context, ~7 s CPU) is paid once per check, not per file: ``ingest``
checks once per run; where loads run in many processes (one Airflow task per regency), they
can pass ``check_quality=False`` and one task calls :func:`check_pending` for all of them.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import duckdb

if TYPE_CHECKING:
    import pandas as pd

from ingestion.sources import SERVICE_LOGS

log = logging.getLogger(__name__)

SUITE = "delivery_batch"
MAX_QUARANTINE_SHARE = 0.05


def _expectations():
    import great_expectations as gx

    e = gx.expectations
    return [
        e.ExpectColumnValuesToBeUnique(column="batch_id"),
        e.ExpectColumnPairValuesToBeEqual(column_A="rows_delivered", column_B="rows_accounted"),
        e.ExpectColumnValuesToBeBetween(
            column="quarantine_share", min_value=0, max_value=MAX_QUARANTINE_SHARE
        ),
        e.ExpectColumnValuesToBeBetween(column="duplicate_ids", min_value=0, max_value=0),
        e.ExpectColumnValuesToBeBetween(column="rows_delivered", min_value=1),
        e.ExpectColumnValuesToNotBeNull(column="file_hash"),
    ]


UNCHECKED = (
    "from audit.deliveries where quality_checked_at is null and is_current "
    "and not file_quarantined and channel = 'export'"
)
PROFILE = f"""
with unchecked as (
    select batch_id, source, relative_path, file_hash, rows_delivered, rows_loaded,
           rows_quarantined
    {UNCHECKED}
),
duplicates as (
    select _batch_id as batch_id, count(*) - count(distinct id_transaksi) as duplicate_ids
    from raw.service_logs
    where _batch_id in (select batch_id from unchecked where source = '{SERVICE_LOGS}')
    group by _batch_id
)
select u.batch_id, u.source, u.relative_path, u.file_hash, u.rows_delivered,
       u.rows_loaded + u.rows_quarantined as rows_accounted,
       u.rows_quarantined / greatest(u.rows_delivered, 1) as quarantine_share,
       coalesce(d.duplicate_ids, 0) as duplicate_ids
from unchecked as u left join duplicates as d using (batch_id)
order by u.relative_path, u.batch_id
"""


@dataclass(frozen=True)
class Profile:
    """The delivery profiles as plain rows: what crosses to the side process that runs GX (the
    ingest itself never imports pandas for it)."""

    columns: list[str]
    rows: list[tuple]

    def __len__(self) -> int:
        return len(self.rows)

    def frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame.from_records(self.rows, columns=self.columns)


def profile(con: duckdb.DuckDBPyConnection) -> Profile:
    """One row per delivery file loaded and not yet checked (files quarantined whole have
    nothing to profile; API pages are checked row by row on ingest): one query over the
    ledger, so deliveries loaded by separate processes are checked together."""
    result = con.execute(PROFILE)
    columns = [d[0] for d in result.description]
    return Profile(columns, result.fetchall())


@cache
def _validation():
    """The suite and its validation definition, built once per process (a GX context costs
    far more than validating a few hundred delivery profiles)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch = (
        context.data_sources.add_pandas("deliveries")
        .add_dataframe_asset("delivery_profiles")
        .add_batch_definition_whole_dataframe("run")
    )
    suite = context.suites.add(gx.ExpectationSuite(name=SUITE, expectations=_expectations()))
    return context.validation_definitions.add(
        gx.ValidationDefinition(name=f"{SUITE}_run", data=batch, suite=suite)
    )


def warm_up() -> None:
    """Import Great Expectations and build the suite (in a side process, beside the loads)."""
    _validation()


class QualityResult(NamedTuple):
    """One row of ``audit.quality_results``, in its column order: an expectation that held
    (``batch_id`` NULL, ``source`` 'all') or one delivery that broke one."""

    run_id: str
    batch_id: str | None
    source: str
    suite_name: str
    expectation_type: str
    column_name: str | None
    success: bool
    details: str | None  # JSON: observed value, relative_path, the expectation's arguments
    checked_at: datetime


Evaluation = tuple[list[QualityResult], int]  # the result rows, the failed expectations


def evaluate(profiled: Profile) -> Evaluation:
    """Validate the delivery profiles: the rows to store (one per expectation that held, one
    per delivery that broke one) and the number of failed expectations. Plain data in and out,
    so it can run in the side process that warmed GX up (ingestion.side_process)."""
    frame = profiled.frame()
    outcome = _validation().run(
        batch_parameters={"dataframe": frame}, result_format={"result_format": "COMPLETE"}
    )
    run_id = str(uuid.uuid4())
    checked_at = datetime.now().replace(microsecond=0)
    records: list[QualityResult] = []
    failures = 0
    for item in outcome.results:
        config = item.expectation_config
        column = config.kwargs.get("column") or config.kwargs.get("column_A")
        failed_rows = item.result.get("unexpected_index_list") or []
        if item.success:
            records.append(
                QualityResult(
                    run_id, None, "all", SUITE, config.type, column, True, None, checked_at
                )
            )
            continue
        failures += 1
        for index in failed_rows or [None]:
            row = frame.iloc[index] if index is not None else None
            details = {
                "observed": None if row is None else row.get(column),
                "relative_path": None if row is None else row["relative_path"],
                "kwargs": {k: v for k, v in config.kwargs.items() if k != "batch_id"},
            }
            records.append(
                QualityResult(
                    run_id,
                    None if row is None else row["batch_id"],
                    "all" if row is None else row["source"],
                    SUITE,
                    config.type,
                    column,
                    False,
                    json.dumps(details, default=str),
                    checked_at,
                )
            )
    return records, failures


def check_pending(
    con: duckdb.DuckDBPyConnection, evaluator: Callable[[Profile], Evaluation] = evaluate
) -> int:
    """Validate every delivery loaded since the last check, as one batch; store the results,
    mark the deliveries checked; return the number of failed expectations. Great Expectations
    is imported only when there is something to check, and its context is built once per
    process: call this once after the loads (``ingest`` does, unless told not to).
    ``evaluator``: where ``evaluate`` runs (``ingest`` may hand it to a side process)."""
    if not con.execute(f"select count(*) {UNCHECKED}").fetchall()[0][0]:
        return 0  # nothing loaded since the last check: neither pandas nor GX is imported
    profiled = profile(con)
    records, failures = evaluator(profiled)
    for record in records:
        if not record.success:
            relative_path = json.loads(record.details or "{}").get("relative_path")
            log.warning("quality check %s failed for %s", record.expectation_type, relative_path)
    checked_at = records[0].checked_at if records else datetime.now().replace(microsecond=0)
    batches = [row[profiled.columns.index("batch_id")] for row in profiled.rows]
    _store(con, records, batches, checked_at)
    return failures


def _store(
    con: duckdb.DuckDBPyConnection,
    records: list[QualityResult],
    batches: list[str],
    checked_at: datetime,
) -> None:
    """The results, and the deliveries marked checked, together."""
    con.execute("begin transaction")
    try:
        con.executemany(
            "insert into audit.quality_results values (?, ?, ?, ?, ?, ?, ?, ?, ?)", records
        )
        con.execute(
            "update audit.deliveries set quality_checked_at = $at "
            "where batch_id in (select unnest($batches))",
            {"at": checked_at, "batches": batches},
        )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise

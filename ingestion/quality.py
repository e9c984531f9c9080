"""Great Expectations: batch-level expectations on every delivery of an ingest run.

Row rules run in SQL (ingestion/rules.py). GX checks what is true of a delivery as a whole, on a
small profile frame with one row per delivery (so one validation covers a whole run, instead of
a GX context per file): rows are accounted for (loaded + quarantined = delivered), the share of
bad rows stays small, ids are not repeated inside a delivery, nothing is empty. Results are kept
in ``audit.quality_results`` (suite, expectation, and the deliveries that failed it). GX
validates DataFrames, not SQL tables (see FIELD-NOTES).
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime
from functools import cache

import duckdb
import pandas as pd

from ingestion.loading import DeliveryResult
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


def profile(con: duckdb.DuckDBPyConnection, results: list[DeliveryResult]) -> pd.DataFrame:
    """One row per loaded delivery (files quarantined whole have nothing to profile)."""
    rows = []
    loaded = [r for r in results if not r.file_quarantined]
    service_batches = [r.batch_id for r in loaded if r.delivery.source == SERVICE_LOGS]
    duplicates_of: dict[str, int] = {}
    if service_batches:
        for batch_id, duplicates in con.execute(
            """
            select _batch_id, count(*) - count(distinct id_transaksi)
            from raw.service_logs
            where _batch_id in (select unnest($batches))
            group by _batch_id
            """,
            {"batches": service_batches},
        ).fetchall():
            duplicates_of[batch_id] = duplicates
    for result in loaded:
        delivered = max(result.rows_delivered, 1)
        rows.append(
            {
                "batch_id": result.batch_id,
                "source": result.delivery.source,
                "relative_path": result.delivery.relative_path,
                "file_hash": result.delivery.file_hash,
                "rows_delivered": result.rows_delivered,
                "rows_accounted": result.rows_loaded + result.rows_quarantined,
                "quarantine_share": result.rows_quarantined / delivered,
                "duplicate_ids": duplicates_of.get(result.batch_id, 0),
            }
        )
    return pd.DataFrame(rows)


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


def check_deliveries(con: duckdb.DuckDBPyConnection, results: list[DeliveryResult]) -> int:
    """Validate the run's deliveries; store results; return the number of failed checks."""
    frame = profile(con, results)
    if frame.empty:
        return 0
    outcome = _validation().run(
        batch_parameters={"dataframe": frame}, result_format={"result_format": "COMPLETE"}
    )
    run_id = str(uuid.uuid4())
    checked_at = datetime.now().replace(microsecond=0)
    records = []
    failures = 0
    for item in outcome.results:
        config = item.expectation_config
        column = config.kwargs.get("column") or config.kwargs.get("column_A")
        failed_rows = item.result.get("unexpected_index_list") or []
        if item.success:
            records.append(
                (run_id, None, "all", SUITE, config.type, column, True, None, checked_at)
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
                (
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
            log.warning("quality check %s failed for %s", config.type, details["relative_path"])
    con.executemany("insert into audit.quality_results values (?, ?, ?, ?, ?, ?, ?, ?, ?)", records)
    return failures

"""The work of each Airflow task, as plain functions of a platform home.

Each returns a small JSON-able dict (ids and counts, never data frames) for XCom and the log.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from ingestion.sources import SERVICE_LOGS
from smartprov.base.settings import Paths
from smartprov.transform import release_dbt_connection

log = logging.getLogger(__name__)


def regency_codes() -> list[str]:
    """The province's regency/city codes (what the service-log task maps over)."""
    from smartprov.base.reference import regency_codes as codes

    return list(codes())


def data_date(logical_date: datetime | None, run_after: datetime | None = None) -> date:
    """The day a run is about: its logical date (the run_after date when it has none)."""
    moment = logical_date or run_after
    if moment is None:
        raise ValueError("a run needs a logical date or a run_after time")
    return moment.date()


def _summary(summary: Any, **extra: Any) -> dict[str, Any]:
    return {
        **extra,
        "deliveries_found": summary.deliveries_found,
        "deliveries_loaded": summary.deliveries_loaded,
        "rows_loaded": summary.rows_loaded,
        "rows_quarantined": summary.rows_quarantined,
        "files_quarantined": summary.files_quarantined,
        "quality_failures": summary.quality_failures,
    }


def ingest_regency(paths: Paths, kode_kabkota: str, upto: date) -> dict[str, Any]:
    """Load one regency/city's service-log deliveries for ``upto`` (and any late earlier day)."""
    from ingestion.ingest import ingest

    release_dbt_connection()
    # Great Expectations runs once after all regencies (check_quality below), not 35 times
    summary = ingest(
        paths, sources=[SERVICE_LOGS], kode_kabkota=kode_kabkota, until=upto, check_quality=False
    )
    days = sorted({r.delivery.delivery_date for r in summary.results if r.delivery.delivery_date})
    result = _summary(
        summary, kode_kabkota=kode_kabkota, days=[d.isoformat() for d in days], data_date=str(upto)
    )
    log.info("service logs %s: %s", kode_kabkota, result)
    return result


def check_quality(paths: Paths) -> dict[str, Any]:
    """Great Expectations over every delivery loaded since the last check, as one batch."""
    from ingestion.ingest import check_quality as check_pending

    release_dbt_connection()
    failures = check_pending(paths)
    log.info("quality: %s failed expectation(s)", failures)
    return {"failed_expectations": failures}


def ingest_source(paths: Paths, source: str) -> dict[str, Any]:
    """Load every new or changed delivery of one file source (lapor, rollout, indicators)."""
    from ingestion.ingest import ingest

    release_dbt_connection()
    result = _summary(ingest(paths, sources=[source]), source=source)
    log.info("%s: %s", source, result)
    return result


def lapor_base_url(host: str | None, port: int | None, scheme: str | None) -> str:
    """The API base URL from an Airflow connection's host, port and schema fields."""
    if not host:
        raise ValueError("the LAPOR connection has no host")
    base = host if "://" in host else f"{scheme or 'http'}://{host}"
    return f"{base.rstrip('/')}:{port}" if port and base.count(":") < 2 else base.rstrip("/")


def pull_lapor(paths: Paths, base_url: str, token: str) -> dict[str, Any]:
    """Incremental pull of complaint versions from the API (cursor kept in the warehouse)."""
    from ingestion.lapor.api import pull_into_warehouse

    paths.ensure()
    release_dbt_connection()
    summary = pull_into_warehouse(paths, base_url, token)
    result = {
        "pages": summary.pages,
        "records_received": summary.records_received,
        "rows_loaded": summary.rows_loaded,
        "rows_quarantined": summary.rows_quarantined,
        "cursor_before": summary.cursor_before.isoformat(),
        "cursor_after": summary.cursor_after.isoformat(),
        "retries": summary.retries,
        "deliveries_loaded": int(summary.rows_loaded > 0),
    }
    log.info("LAPOR API pull from %s: %s", base_url, result)
    return result


def new_data(results: Sequence[Mapping[str, Any] | None]) -> dict[str, Any]:
    """Add up task results; ``landed`` says whether any new delivery was loaded.

    Indexed, not iterated: a mapped task's XCom sequence is read by position up to its length.
    """
    done = [r for r in (results[i] for i in range(len(results))) if r]
    loaded = sum(int(r.get("deliveries_loaded", 0)) for r in done)
    return {
        "tasks": len(done),
        "deliveries_loaded": loaded,
        "rows_loaded": sum(int(r.get("rows_loaded", 0)) for r in done),
        "landed": loaded > 0,
    }


# --- warehouse ------------------------------------------------------------------------------
# The checks before publish are dbt tests (dbt/tests/), run by the build itself.


def publish_serving(paths: Paths) -> dict[str, Any]:
    """Write serving.duckdb from the built warehouse (atomic replace; see smartprov.publish)."""
    from smartprov.publish import publish

    release_dbt_connection()
    outcome = publish(paths)
    log.info("published %s: %s", paths.serving, outcome)
    if isinstance(outcome, Mapping):
        return dict(outcome)
    return {"serving": str(paths.serving)}


def prepare_dbt_build(paths: Paths) -> dict[str, Any]:
    """The selection of the warehouse DAG's one `dbt build` (Cosmos watcher producer).

    The same as `smartprov transform` (smartprov.transform.prepare_build / DAILY_*): on a built
    warehouse unit tests are left out and tests check the recent slice; a fresh warehouse gets
    its incremental facts created empty and a full build (its recent slice is every row). Seeds
    always stay in: every seed has a Cosmos task waiting for its result, and a seed left out of
    the build would never report.
    """
    from smartprov.transform import DAILY_EXCLUDE, DAILY_VARS, prepare_build

    paths.ensure()
    daily = prepare_build(paths)
    exclude = [e for e in DAILY_EXCLUDE if e != "resource_type:seed"] if daily else []
    return {
        "daily": daily,
        "exclude": " ".join(exclude),
        # the same vars on a fresh warehouse (no tested mark yet: the recent slice is every
        # row), so the partial parse `smartprov airflow setup` seeded holds from the first build
        "test_slice": DAILY_VARS["test_slice"],
    }

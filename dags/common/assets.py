"""The assets the DAGs exchange: defined once, listed by producers in ``outlets`` and scheduled
on by consumers. Each is a table set in warehouse.duckdb (or the serving file) of the home.

The raw assets come from the registry: every source names its asset (``Source.asset``), and the
warehouse DAG waits for any of them (``RAW``).
"""

from __future__ import annotations

from airflow.sdk import Asset

from ingestion.registry import loading_order, source
from ingestion.sources import LAPOR, SERVICE_LOGS


def raw_asset(name: str) -> Asset:
    """The asset a load of source ``name`` emits: ``raw_<asset>``."""
    asset = source(name).asset
    return Asset(name=f"raw_{asset}", uri=f"smartprov://warehouse/raw/{asset}")


RAW = tuple(raw_asset(name) for name in loading_order())
RAW_SERVICE_LOGS = raw_asset(SERVICE_LOGS)
RAW_LAPOR = raw_asset(LAPOR)
SERVING = Asset(name="serving_marts", uri="smartprov://serving/marts")

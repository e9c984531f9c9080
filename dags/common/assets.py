"""The assets the DAGs exchange: defined once, listed by producers in ``outlets`` and scheduled
on by consumers. Each is a table set in warehouse.duckdb (or the serving file) of the home, a
province's partition of the national lake, or the national serving file.

The raw assets come from the registry: every source names its asset (``Source.asset``), and the
warehouse DAG waits for any of them (``RAW``).
"""

from __future__ import annotations

from airflow.sdk import Asset

from ingestion.registry import loading_order, source
from ingestion.sources import LAPOR, SERVICE_LOGS
from smartprov.base.reference import provinces
from smartprov.base.settings import province_code
from smartprov.orchestration.national import export_asset_uri


def raw_asset(name: str) -> Asset:
    """The asset a load of source ``name`` emits: ``raw_<asset>``."""
    asset = source(name).asset
    return Asset(name=f"raw_{asset}", uri=f"smartprov://warehouse/raw/{asset}")


RAW = tuple(raw_asset(name) for name in loading_order())
RAW_SERVICE_LOGS = raw_asset(SERVICE_LOGS)
RAW_LAPOR = raw_asset(LAPOR)
SERVING = Asset(name="serving_marts", uri="smartprov://serving/marts")


def export_asset(kode_provinsi: str) -> Asset:
    """A province's export to the national lake (``<lake>/province=<kode>``)."""
    return Asset(name=f"lake_export_{kode_provinsi}", uri=export_asset_uri(kode_provinsi))


# every province's export (the national DAG runs when any of them updates) and this province's
# (the warehouse DAG's export task emits it)
EXPORTS = tuple(export_asset(p.kode_provinsi) for p in provinces())
EXPORT = export_asset(province_code())
NATIONAL_SERVING = Asset(name="national_serving", uri="smartprov://national/serving")

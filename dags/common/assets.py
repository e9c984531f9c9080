"""The assets the DAGs exchange: defined once, listed by producers in ``outlets`` and scheduled
on by consumers. Each is a table set in warehouse.duckdb (or the serving file) of the home.
"""

from __future__ import annotations

from airflow.sdk import Asset

RAW_SERVICE_LOGS = Asset(name="raw_service_logs", uri="smartprov://warehouse/raw/service_logs")
RAW_LAPOR = Asset(name="raw_lapor_complaints", uri="smartprov://warehouse/raw/lapor_complaints")
RAW_ROLLOUT = Asset(name="raw_rollout_register", uri="smartprov://warehouse/raw/rollout_register")
RAW_INDICATORS = Asset(name="raw_indicators", uri="smartprov://warehouse/raw/indicators")
RAW_TARGETS = Asset(name="raw_target_indikator", uri="smartprov://warehouse/raw/target_indikator")
SERVING = Asset(name="serving_marts", uri="smartprov://serving/marts")

RAW = (RAW_SERVICE_LOGS, RAW_LAPOR, RAW_ROLLOUT, RAW_INDICATORS, RAW_TARGETS)

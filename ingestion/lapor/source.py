"""LAPOR export files in landing/: ``lapor/<YYYY-MM-DD>.csv`` (the API is pulled by api.py)."""

from __future__ import annotations

from ingestion.deliveries import daily_export_finder
from ingestion.lapor.records import API_SPEC, EXPORT_SPEC
from ingestion.sources import LAPOR
from ingestion.spec import Source

SOURCE = Source(
    name=LAPOR,
    find=daily_export_finder(LAPOR),
    spec_for=lambda delivery: EXPORT_SPEC,
    specs=(EXPORT_SPEC, API_SPEC),
    description="SP4N-LAPOR! complaints: the API pulled incrementally and the export files "
    "(dags/smartprov_lapor.py).",
    asset="lapor_complaints",
    order=20,
)

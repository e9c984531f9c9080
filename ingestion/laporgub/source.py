"""LaporGub! export files in landing/: ``laporgub/<YYYY-MM-DD>.csv`` (``;`` or ``,``; the
readers sniff the delimiter)."""

from __future__ import annotations

from ingestion.deliveries import daily_export_finder
from ingestion.laporgub.spec import SOURCE as NAME
from ingestion.laporgub.spec import SPEC
from ingestion.spec import Source

SOURCE = Source(
    name=NAME,
    find=daily_export_finder(NAME),
    spec_for=lambda delivery: SPEC,
    specs=(SPEC,),
    description="LaporGub!, Central Java's own complaint channel: a daily export of every "
    "ticket created or changed that day (landing/laporgub/<YYYY-MM-DD>.csv), loaded daily; "
    "every version is kept, reporter identity only as a keyed hash.",
    asset="laporgub_reports",
    schedule="15 22 * * *",  # 05:15 WIB, after the day's export
    order=25,
)

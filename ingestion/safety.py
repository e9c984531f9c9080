"""What keeps delivered data from acting as code: identifier quoting, size limits, and the
lock that stops the ingestion connection from touching files outside the staged deliveries.

Delivered names (CSV headers, JSON keys) are data. Readers keep only the contract's columns
(matched after normalising: trimmed, lower case); every identifier that still reaches SQL goes
through :func:`quote_identifier`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import duckdb

from smartprov.base import settings

# A delivery larger than this is quarantined unread (a day of one regency is a few MB).
MAX_FILE_BYTES = settings.MAX_FILE_BYTES.as_int()
# XLSX is a zip: the sum of its members' uncompressed sizes, and the first sheet's rows.
MAX_XLSX_UNCOMPRESSED_BYTES = settings.MAX_XLSX_UNCOMPRESSED_BYTES.as_int()
MAX_XLSX_ROWS = settings.MAX_XLSX_ROWS.as_int()
# The SP4N-LAPOR! API: records per page asked for / accepted, bytes per answer, nesting.
MAX_API_PER_PAGE = 1000
MAX_API_BODY_BYTES = settings.MAX_API_BODY_BYTES.as_int()
MAX_API_NESTING = 1  # a record is a flat object: field -> scalar


def quote_identifier(name: str) -> str:
    """A SQL identifier for any text (DuckDB / SQL standard: double the double quotes)."""
    return '"' + name.replace('"', '""') + '"'


def lock_down(con: duckdb.DuckDBPyConnection, allowed: Iterable[Path]) -> None:
    """From now on this connection reads and writes files only under ``allowed`` (the landing
    folder and the staging folder): ``read_text('/etc/…')``, ``COPY … TO``, ``ATTACH`` fail.
    DuckDB cannot turn external access back on in the same connection."""
    folders = sorted({str(f) + os.sep for p in allowed for f in (Path(p), Path(p).resolve())})
    con.execute("set allowed_directories = $folders", {"folders": folders})
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")

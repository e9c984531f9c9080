"""The API pull's cursor (``audit.lapor_cursor``, source ``lapor``) and its time zone.

The cursor means: *every version with ``updated_at <= cursor`` has been stored*. It is written in
the same DuckDB transaction as the page's rows and never moves backwards. Timestamps are stored
as naive WIB (Asia/Jakarta, UTC+7), like every timestamp in the warehouse.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from ingestion.sources import LAPOR

if TYPE_CHECKING:
    import duckdb

WIB = timezone(timedelta(hours=7), "WIB")
EPOCH = datetime(1970, 1, 1, tzinfo=WIB)


def to_wib(value: datetime) -> datetime:
    """An aware WIB datetime (a naive one is taken as WIB already)."""
    return value.replace(tzinfo=WIB) if value.tzinfo is None else value.astimezone(WIB)


def naive_wib(value: datetime) -> datetime:
    """The naive WIB datetime the warehouse stores."""
    return to_wib(value).replace(tzinfo=None)


def read_cursor(con: duckdb.DuckDBPyConnection) -> datetime:
    """The stored API cursor as an aware WIB datetime (1970-01-01 when there is none)."""
    rows = con.execute(  # fetchall: DuckDB 2.0 keeps a half-fetched result open
        "select cursor_updated_at from audit.lapor_cursor where source = ?", [LAPOR]
    ).fetchall()
    return to_wib(rows[0][0]) if rows else EPOCH


def advance_cursor(con: duckdb.DuckDBPyConnection, value: datetime) -> None:
    """Move the cursor to ``value`` unless it is already later (inside the caller's
    transaction)."""
    con.execute(
        """
        insert into audit.lapor_cursor (source, cursor_updated_at, advanced_at) values (?, ?, ?)
        on conflict (source) do update set
            cursor_updated_at = greatest(audit.lapor_cursor.cursor_updated_at,
                                         excluded.cursor_updated_at),
            advanced_at = excluded.advanced_at
        """,
        [LAPOR, naive_wib(value), naive_wib(datetime.now(WIB))],
    )

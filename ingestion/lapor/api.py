"""Incremental pull of complaint versions from the SP4N-LAPOR! API into the warehouse.

Protocol (contracts/lapor-v1.md; HTTP and retries in client.py): ``GET {base}/complaints?
updated_since=&page=&per_page=`` with a bearer token, answering ``{"data": [...], "page": n,
"total_pages": m}``; ``updated_since`` is exclusive (``updated_at > updated_since``) and versions
come ordered by ``updated_at``.

The cursor (``audit.lapor_cursor``, source ``lapor``; see cursor.py) means: *every version with
``updated_at <= cursor`` has been stored*. It is written in the same DuckDB transaction as the
page's rows, so a crash leaves rows and cursor consistent, and it never moves backwards.

How a pull walks the API (keyset paging, not trusting page numbers):

1. Ask page 1 with ``updated_since = cursor``.
2. Check the page (see ``_inconsistency``): every record is after the cursor, none was already
   received in this walk, it is the page asked for, and it is full unless it is the last page.
   A repeated page or a page cut short fails the check: nothing of it is stored, and the walk
   restarts at page 1 from the stored cursor (bounded: ``max_attempts`` such pages without the
   cursor moving raise ``InconsistentPagesError``).
3. Store the page and advance the cursor to the greatest timestamp known to be complete:
   - on the last page, the page's greatest ``updated_at``;
   - otherwise the greatest ``updated_at`` *below* the page's greatest one. The page's greatest
     timestamp may have more versions on the next page (ties straddling the boundary), so it is
     not complete yet. Then ask page 1 again from the new cursor: the tied versions come again
     and are ignored by the idempotent insert (primary key tracking_id, updated_at, status).
   - If the whole page shares one ``updated_at`` (a tie run longer than a page), the cursor
     cannot move: ask page 2, 3, ... with the same ``updated_since`` until a page reaches a
     later timestamp, which makes the run's timestamp complete.
4. After the last page, ask once more from the new cursor; an empty answer ends the pull (this
   also catches versions that arrived while pulling, or a last page that was cut short).

Records whose ``updated_at`` cannot be parsed are passed to storage (which quarantines them) but
do not move the cursor.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import httpx

from ingestion.lapor.client import (
    RETRYABLE,
    InconsistentPagesError,
    LaporApiError,
    get_page,
    open_client,
    retrying,
)
from ingestion.lapor.cursor import advance_cursor, naive_wib, read_cursor, to_wib
from ingestion.lapor.records import store_complaints
from ingestion.safety import MAX_API_PER_PAGE
from ingestion.sources import API

if TYPE_CHECKING:
    import duckdb

    from smartprov.base.settings import Paths

log = logging.getLogger(__name__)

Key = tuple[datetime, str, str]  # (updated_at, tracking_id, status)


@dataclass(frozen=True)
class PullSummary:
    pages: int  # pages stored (non-empty, consistent)
    records_received: int  # records in the stored pages (tied versions re-sent count again)
    rows_loaded: int  # rows storage accepted (a re-sent version counts again)
    rows_quarantined: int
    cursor_before: datetime  # naive WIB, as in audit.lapor_cursor
    cursor_after: datetime
    retries: int  # requests repeated after 429 / 5xx / timeout / connection error
    anomalies: int = 0  # repeated or cut-short pages detected and re-asked
    rows_new: int = 0  # versions raw.lapor_complaints did not hold before


# --- pages ---------------------------------------------------------------------------------


def _key(record: dict[str, object]) -> Key | None:
    value = record.get("updated_at")
    if not isinstance(value, str):
        return None
    try:
        updated_at = to_wib(datetime.fromisoformat(value.strip()))
    except ValueError:
        return None
    return (updated_at, str(record.get("tracking_id")), str(record.get("status")))


def _inconsistency(
    body: dict[str, Any],
    keys: list[Key],
    *,
    since: datetime,
    page: int,
    per_page: int,
    seen: set[Key],
) -> str | None:
    """Why this page cannot be the page asked for, or None when it is consistent."""
    data, total_pages = body["data"], body["total_pages"]
    if body["page"] != page:
        return f"asked for page {page}, got page {body['page']}"
    if len(data) > per_page:
        return f"{len(data)} records on a page of {per_page}"
    if any(key[0] <= since for key in keys):
        return "records not after updated_since (a repeated page?)"
    if any(key in seen for key in keys):
        return "records already received in this walk (a repeated page)"
    if page > 1 and not data:
        return f"page {page} is empty although the previous page was full"
    if len(data) < per_page and page < total_pages:
        return f"page {page} cut short: {len(data)} of {per_page} records, {total_pages} pages"
    return None


def _complete_upto(times: list[datetime], run_time: datetime | None, last: bool) -> datetime | None:
    """The greatest updated_at all of whose versions have now been received (see module doc)."""
    if not times:
        return None
    newest = max(times)
    if last:
        return newest
    below = [time for time in times if time < newest]
    if run_time is not None and run_time < newest:
        below.append(run_time)
    return max(below) if below else None


def _store_page(
    con: duckdb.DuckDBPyConnection,
    records: list[dict[str, object]],
    *,
    relative_path: str,
    file_hash: str,
    new_cursor: datetime | None,
) -> tuple[int, int, int]:
    """Store one page and move the cursor in one transaction: both or neither.

    Returns rows loaded and quarantined (as storage counts them) and rows new to the table.
    """
    con.begin()
    try:
        before = _count_rows(con)
        result = store_complaints(
            con, records, channel=API, relative_path=relative_path, file_hash=file_hash
        )
        new_rows = _count_rows(con) - before
        if new_cursor is not None:
            advance_cursor(con, new_cursor)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return result.rows_loaded, result.rows_quarantined, new_rows


def _count_rows(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("select count(*) from raw.lapor_complaints").fetchall()[0][0])


# --- the pull ------------------------------------------------------------------------------


@dataclass
class _Walk:
    """One pull in progress: where the walk is and what it has counted so far."""

    con: duckdb.DuckDBPyConnection
    base_url: str
    per_page: int
    max_attempts: int
    committed: datetime  # the stored cursor (aware WIB)
    page: int = 1
    seen: set[Key] = field(default_factory=set)  # keys received in this walk of a tie run
    run_time: datetime | None = None  # the updated_at of a tie run longer than a page
    inconsistent: int = 0  # inconsistent pages since the cursor last moved
    pages: int = 0
    received: int = 0
    loaded: int = 0
    quarantined: int = 0
    new: int = 0
    retries: int = 0
    anomalies: int = 0

    def count_retry(self) -> None:
        self.retries += 1

    def restart(self) -> None:
        """Ask page 1 again from the stored cursor."""
        self.page, self.seen, self.run_time = 1, set(), None

    def request(self, client: httpx.Client, policy: Any) -> tuple[str, httpx.Response, dict]:
        """Ask the next page (with retries); returns the ``updated_since`` asked, the response
        and its body."""
        since = self.committed.isoformat()
        params: dict[str, str | int] = {
            "updated_since": since,
            "page": self.page,
            "per_page": self.per_page,
        }
        try:
            response, body = policy(get_page, client, f"{self.base_url}/complaints", params)
        except RETRYABLE as exc:
            raise LaporApiError(
                f"LAPOR API at {self.base_url} still failing after {self.max_attempts} "
                f"attempts: {exc!r}"
            ) from exc
        return since, response, body

    def take(self, since: str, response: httpx.Response, body: dict[str, Any]) -> bool:
        """Check and store one answered page, then choose the next; False when done."""
        data: list[dict[str, object]] = body["data"]
        keys = [key for key in map(_key, data) if key is not None]
        problem = _inconsistency(
            body, keys, since=self.committed, page=self.page, per_page=self.per_page, seen=self.seen
        )
        if problem:
            self.anomalies += 1
            self.inconsistent += 1
            log.warning("LAPOR API: %s; asking again from the cursor", problem)
            if self.inconsistent >= self.max_attempts:
                raise InconsistentPagesError(
                    f"LAPOR API at {self.base_url}: {self.inconsistent} inconsistent pages "
                    f"without the cursor moving, last: {problem}"
                )
            self.restart()
            return True
        if not data:
            return False
        last = len(data) < self.per_page or self.page >= body["total_pages"]
        times = [key[0] for key in keys]
        new_cursor = _complete_upto(times, self.run_time, last)
        page_loaded, page_quarantined, page_new = _store_page(
            self.con,
            data,
            relative_path=f"api:{self.base_url}?updated_since={since}&page={self.page}",
            file_hash=hashlib.sha256(response.content).hexdigest(),
            new_cursor=new_cursor,
        )
        self.pages += 1
        self.received += len(data)
        self.loaded += page_loaded
        self.quarantined += page_quarantined
        self.new += page_new
        if new_cursor is not None and new_cursor > self.committed:
            self.committed = new_cursor
            self.restart()
            self.inconsistent = 0  # progress: the bound is on failures between advances
            return True
        if last:
            return False  # nothing on the last page could move the cursor (no valid updated_at)
        # a run of one updated_at longer than the page: walk on at the same cursor
        self.page += 1
        self.seen.update(keys)
        self.run_time = max(times) if times else self.run_time
        return True


def pull(
    con: duckdb.DuckDBPyConnection,
    base_url: str,
    token: str,
    *,
    per_page: int = 100,
    timeout: float = 10,
    max_attempts: int = 6,
    backoff: float = 0.5,
    max_wait: float = 60,
    max_pages: int = 100_000,
) -> PullSummary:
    """Pull every version after the stored cursor; see the module docstring for the walk.

    ``max_attempts`` bounds the tries of one request (429, 5xx, timeouts, connection errors)
    and the inconsistent pages between two advances of the cursor; ``backoff`` is the first
    exponential wait in seconds and ``max_wait`` caps every wait, Retry-After included;
    ``max_pages`` bounds the requests.
    """
    base_url = base_url.rstrip("/")
    if not 1 <= per_page <= MAX_API_PER_PAGE:
        raise ValueError(f"per_page must be 1..{MAX_API_PER_PAGE}, got {per_page}")
    cursor_before = read_cursor(con)
    walk = _Walk(con, base_url, per_page, max_attempts, committed=cursor_before)
    policy = retrying(
        max_attempts=max_attempts, backoff=backoff, max_wait=max_wait, on_retry=walk.count_retry
    )
    with open_client(base_url, token, timeout) as client:
        for _ in range(max_pages):
            if not walk.take(*walk.request(client, policy)):
                break
        else:
            raise LaporApiError(f"LAPOR API at {base_url}: stopped after {max_pages} requests")
    return PullSummary(
        pages=walk.pages,
        records_received=walk.received,
        rows_loaded=walk.loaded,
        rows_quarantined=walk.quarantined,
        cursor_before=naive_wib(cursor_before),
        cursor_after=naive_wib(walk.committed),
        retries=walk.retries,
        anomalies=walk.anomalies,
        rows_new=walk.new,
    )


def pull_into_warehouse(paths: Paths, base_url: str, token: str, **options: Any) -> PullSummary:
    """Open the warehouse, pull (``options`` as for :func:`pull`) and close it again."""
    from ingestion.lapor import identity
    from ingestion.reference_codes import prepare_reference
    from ingestion.safety import lock_down
    from ingestion.warehouse import open_warehouse

    con = open_warehouse(paths.warehouse)
    try:
        prepare_reference(con)  # the seeds are read before the connection is locked
        identity.register(con, paths.home)
        lock_down(con, [])  # API pages are staged from memory: no file access at all
        return pull(con, base_url, token, **options)
    finally:
        con.close()

"""Incremental pull of complaint versions from the SP4N-LAPOR! API into the warehouse.

Protocol (contracts/lapor-v1.md): ``GET {base}/complaints?updated_since=&page=&per_page=`` with a
bearer token, answering ``{"data": [...], "page": n, "total_pages": m}``; ``updated_since`` is
exclusive (``updated_at > updated_since``) and versions come ordered by ``updated_at``.

The cursor (``audit.lapor_cursor``, source ``'api'``) means: *every version with
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
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from ingestion.lapor.records import store_complaints

if TYPE_CHECKING:
    import duckdb

    from smartprov.settings import Paths

log = logging.getLogger(__name__)

WIB = timezone(timedelta(hours=7), "WIB")
CURSOR_SOURCE = "api"  # audit.lapor_cursor.source
DELIVERY_SOURCE = "lapor_api"  # audit.deliveries.source
EPOCH = datetime(1970, 1, 1, tzinfo=WIB)

Key = tuple[datetime, str, str]  # (updated_at, tracking_id, status)


class LaporApiError(RuntimeError):
    """The pull could not complete; the stored cursor still only covers stored data."""


class LaporAuthError(LaporApiError):
    """The API refused the token (HTTP 401/403)."""


class InconsistentPagesError(LaporApiError):
    """The API kept answering with pages that contradict each other."""


class _Retryable(Exception):
    """A response worth asking again for: 429, 5xx or an unreadable body."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


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


# --- cursor --------------------------------------------------------------------------------


def _to_wib(value: datetime) -> datetime:
    return value.replace(tzinfo=WIB) if value.tzinfo is None else value.astimezone(WIB)


def _naive_wib(value: datetime) -> datetime:
    return _to_wib(value).replace(tzinfo=None)


def read_cursor(con: duckdb.DuckDBPyConnection) -> datetime:
    """The stored API cursor as an aware WIB datetime (1970-01-01 when there is none)."""
    rows = con.execute(  # fetchall: DuckDB 2.0 keeps a half-fetched result open
        "select cursor_updated_at from audit.lapor_cursor where source = ?", [CURSOR_SOURCE]
    ).fetchall()
    return _to_wib(rows[0][0]) if rows else EPOCH


def _advance_cursor(con: duckdb.DuckDBPyConnection, value: datetime) -> None:
    con.execute(
        """
        insert into audit.lapor_cursor (source, cursor_updated_at, advanced_at) values (?, ?, ?)
        on conflict (source) do update set
            cursor_updated_at = greatest(audit.lapor_cursor.cursor_updated_at,
                                         excluded.cursor_updated_at),
            advanced_at = excluded.advanced_at
        """,
        [CURSOR_SOURCE, _naive_wib(value), _naive_wib(datetime.now(WIB))],
    )


# --- HTTP ----------------------------------------------------------------------------------


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: a number (fractions accepted) or an HTTP date."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = (when - datetime.now(when.tzinfo or UTC)).total_seconds()
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _wait(backoff: float, max_wait: float) -> Callable[[RetryCallState], float]:
    """Honour Retry-After (capped at ``max_wait``), else exponential backoff from ``backoff``."""
    exponential = wait_exponential(multiplier=backoff, max=max_wait)

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _Retryable) and error.retry_after is not None:
            return min(error.retry_after, max_wait)
        return exponential(state)

    return wait


def _parse_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError as exc:
        raise _Retryable(f"unreadable JSON body: {exc}") from exc
    if (
        not isinstance(body, dict)
        or not isinstance(body.get("data"), list)
        or not all(isinstance(record, dict) for record in body["data"])
        or not isinstance(body.get("total_pages"), int)
        or not isinstance(body.get("page"), int)
    ):
        raise _Retryable("body is not {data: [records], page: n, total_pages: m}")
    return body


def _get_page(
    client: httpx.Client, url: str, params: dict[str, str | int]
) -> tuple[httpx.Response, dict[str, Any]]:
    """One request: the response and its checked body, or an exception saying what to do."""
    response = client.get(url, params=params)
    if response.status_code in (401, 403):
        raise LaporAuthError(
            f"the LAPOR API refused the token (HTTP {response.status_code}): "
            "check SMARTPROV_LAPOR_TOKEN"
        )
    if response.status_code == 429:
        raise _Retryable("HTTP 429", _retry_after(response.headers.get("Retry-After")))
    if response.status_code >= 500:
        raise _Retryable(f"HTTP {response.status_code}")
    if response.status_code != 200:
        raise LaporApiError(f"unexpected HTTP {response.status_code}: {response.text[:200]}")
    return response, _parse_body(response)


# --- pages ---------------------------------------------------------------------------------


def _key(record: dict[str, object]) -> Key | None:
    value = record.get("updated_at")
    if not isinstance(value, str):
        return None
    try:
        updated_at = _to_wib(datetime.fromisoformat(value.strip()))
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
            con, records, source=DELIVERY_SOURCE, relative_path=relative_path, file_hash=file_hash
        )
        new_rows = _count_rows(con) - before
        if new_cursor is not None:
            _advance_cursor(con, new_cursor)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return result.rows_loaded, result.rows_quarantined, new_rows


def _count_rows(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("select count(*) from raw.lapor_complaints").fetchall()[0][0])


# --- the pull ------------------------------------------------------------------------------


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
    url = f"{base_url}/complaints"
    cursor_before = committed = read_cursor(con)
    pages = received = loaded = quarantined = new = retries = anomalies = 0
    inconsistent = 0
    page, seen, run_time = 1, set[Key](), None

    def count_retry(state: RetryCallState) -> None:
        nonlocal retries
        retries += 1
        error = state.outcome.exception() if state.outcome else None
        log.warning("LAPOR API: %s; retrying (attempt %d)", error, state.attempt_number + 1)

    retrying = Retrying(
        retry=retry_if_exception_type((_Retryable, httpx.TransportError)),
        stop=stop_after_attempt(max_attempts),
        wait=_wait(backoff, max_wait),
        before_sleep=count_retry,
        reraise=True,
    )
    loopback = urlsplit(base_url).hostname in ("127.0.0.1", "::1", "localhost")
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    with httpx.Client(timeout=timeout, headers=headers, trust_env=not loopback) as client:
        for _ in range(max_pages):
            since = committed.isoformat()
            params: dict[str, str | int] = {
                "updated_since": since,
                "page": page,
                "per_page": per_page,
            }
            try:
                response, body = retrying(_get_page, client, url, params)
            except (_Retryable, httpx.TransportError) as exc:
                raise LaporApiError(
                    f"LAPOR API at {base_url} still failing after {max_attempts} attempts: {exc!r}"
                ) from exc
            data: list[dict[str, object]] = body["data"]
            keys = [key for key in map(_key, data) if key is not None]
            problem = _inconsistency(
                body, keys, since=committed, page=page, per_page=per_page, seen=seen
            )
            if problem:
                anomalies += 1
                inconsistent += 1
                log.warning("LAPOR API: %s; asking again from the cursor", problem)
                if inconsistent >= max_attempts:
                    raise InconsistentPagesError(
                        f"LAPOR API at {base_url}: {inconsistent} inconsistent pages "
                        f"without the cursor moving, last: {problem}"
                    )
                page, seen, run_time = 1, set(), None
                continue
            if not data:
                break
            last = len(data) < per_page or page >= body["total_pages"]
            times = [key[0] for key in keys]
            new_cursor = _complete_upto(times, run_time, last)
            page_loaded, page_quarantined, page_new = _store_page(
                con,
                data,
                relative_path=f"api:{base_url}?updated_since={since}&page={page}",
                file_hash=hashlib.sha256(response.content).hexdigest(),
                new_cursor=new_cursor,
            )
            pages += 1
            received += len(data)
            loaded += page_loaded
            quarantined += page_quarantined
            new += page_new
            if new_cursor is not None and new_cursor > committed:
                committed = new_cursor
                page, seen, run_time = 1, set(), None
                inconsistent = 0  # progress: the bound is on failures between advances
            elif last:
                break  # nothing on the last page could move the cursor (no valid updated_at)
            else:  # a run of one updated_at longer than the page: walk on at the same cursor
                page += 1
                seen.update(keys)
                run_time = max(times) if times else run_time
        else:
            raise LaporApiError(f"LAPOR API at {base_url}: stopped after {max_pages} requests")

    return PullSummary(
        pages=pages,
        records_received=received,
        rows_loaded=loaded,
        rows_quarantined=quarantined,
        cursor_before=_naive_wib(cursor_before),
        cursor_after=_naive_wib(committed),
        retries=retries,
        anomalies=anomalies,
        rows_new=new,
    )


def pull_into_warehouse(paths: Paths, base_url: str, token: str, **options: Any) -> PullSummary:
    """Open the warehouse, pull (``options`` as for :func:`pull`) and close it again."""
    from smartprov.warehouse import open_warehouse

    con = open_warehouse(paths.warehouse)
    try:
        return pull(con, base_url, token, **options)
    finally:
        con.close()

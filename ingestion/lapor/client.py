"""HTTP to the SP4N-LAPOR! API: one page request, its checks, and the retry policy.

``GET {base}/complaints?updated_since=&page=&per_page=`` with a bearer token answers
``{"data": [...], "page": n, "total_pages": m}`` (contracts/lapor-v1.md). 429, 5xx, unreadable
bodies, timeouts and connection errors are asked again (honouring Retry-After); 401/403 and
other statuses end the pull.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from ingestion.safety import MAX_API_BODY_BYTES

log = logging.getLogger(__name__)
LOOPBACK = ("127.0.0.1", "::1", "localhost")


class LaporApiError(RuntimeError):
    """The pull could not complete; the stored cursor still only covers stored data."""


class LaporAuthError(LaporApiError):
    """The API refused the token (HTTP 401/403)."""


class InconsistentPagesError(LaporApiError):
    """The API kept answering with pages that contradict each other."""


class Retryable(Exception):
    """A response worth asking again for: 429, 5xx or an unreadable body."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


RETRYABLE = (Retryable, httpx.TransportError)


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
        if isinstance(error, Retryable) and error.retry_after is not None:
            return min(error.retry_after, max_wait)
        return exponential(state)

    return wait


def retrying(
    *, max_attempts: int, backoff: float, max_wait: float, on_retry: Callable[[], None]
) -> Retrying:
    """The retry policy of one request; ``on_retry`` is called before each repeat."""

    def before_sleep(state: RetryCallState) -> None:
        on_retry()
        error = state.outcome.exception() if state.outcome else None
        log.warning("LAPOR API: %s; retrying (attempt %d)", error, state.attempt_number + 1)

    return Retrying(
        retry=retry_if_exception_type(RETRYABLE),
        stop=stop_after_attempt(max_attempts),
        wait=_wait(backoff, max_wait),
        before_sleep=before_sleep,
        reraise=True,
    )


def open_client(base_url: str, token: str, timeout: float) -> httpx.Client:
    """A client with the bearer token; proxies from the environment only for non-loopback.
    The token travels only over https (plain http only to this machine's loopback)."""
    parts = urlsplit(base_url)
    loopback = parts.hostname in LOOPBACK
    if not (parts.scheme == "https" or (parts.scheme == "http" and loopback)):
        raise LaporApiError(
            f"LAPOR API base URL {base_url!r} must be https:// (http:// only on loopback)"
        )
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    return httpx.Client(timeout=timeout, headers=headers, trust_env=not loopback)


def _parse_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly nested JSON
        raise Retryable(f"unreadable JSON body: {exc}") from exc
    if (
        not isinstance(body, dict)
        or not isinstance(body.get("data"), list)
        or not all(isinstance(record, dict) for record in body["data"])
        or not isinstance(body.get("total_pages"), int)
        or not isinstance(body.get("page"), int)
    ):
        raise Retryable("body is not {data: [records], page: n, total_pages: m}")
    return body


def _get_bounded(client: httpx.Client, url: str, params: dict[str, str | int]) -> httpx.Response:
    """GET, reading at most MAX_API_BODY_BYTES of the body (a larger answer ends the pull)."""
    with client.stream("GET", url, params=params) as streamed:
        chunks: list[bytes] = []
        size = 0
        for chunk in streamed.iter_bytes():
            size += len(chunk)
            if size > MAX_API_BODY_BYTES:
                raise LaporApiError(
                    f"LAPOR API answer over {MAX_API_BODY_BYTES:,} bytes from {url}: not read"
                )
            chunks.append(chunk)
    return httpx.Response(
        streamed.status_code,
        headers=streamed.headers,
        content=b"".join(chunks),
        request=streamed.request,
    )


def get_page(
    client: httpx.Client, url: str, params: dict[str, str | int]
) -> tuple[httpx.Response, dict[str, Any]]:
    """One request: the response and its checked body, or an exception saying what to do."""
    response = _get_bounded(client, url, params)
    if response.status_code in (401, 403):
        raise LaporAuthError(
            f"the LAPOR API refused the token (HTTP {response.status_code}): "
            "check SMARTPROV_LAPOR_TOKEN"
        )
    if response.status_code == 429:
        raise Retryable("HTTP 429", _retry_after(response.headers.get("Retry-After")))
    if response.status_code >= 500:
        raise Retryable(f"HTTP {response.status_code}")
    if response.status_code != 200:
        raise LaporApiError(f"unexpected HTTP {response.status_code}: {response.text[:200]}")
    return response, _parse_body(response)

"""A local stand-in for the national SP4N-LAPOR! complaints API (contracts/lapor-v1.md).

The real API is run by the national government, outside the province's control. This stand-in
speaks the same protocol so that the pull (``ingestion.lapor.api``) can be developed, demonstrated
and tested offline:

    GET {base}/complaints?updated_since=<ISO timestamp>&page=<n>&per_page=<k>
    Authorization: Bearer <token>
    -> {"data": [records...], "page": n, "total_pages": m}

Records are complaint *versions* (every status change is a version), read from a JSON Lines file
that the simulator writes (one lapor-v1 record per line). The file is re-read whenever it changes,
so a running stand-in serves what the simulator appends.

Semantics chosen where the contract is silent (documented here because the client relies on
them only as far as noted in ``api.py``):

- ``updated_since`` is exclusive: a version is returned when ``updated_at > updated_since``.
  A timestamp without an offset is read as WIB (UTC+7).
- Versions are ordered by ``(updated_at, tracking_id, status)``; ``total_pages`` is
  ``ceil(matching / per_page)`` (0 when nothing matches).
- Lines that are not JSON objects, or whose ``updated_at`` cannot be parsed, cannot be ordered
  and are not served (they are counted in ``GET /_control``).

It can be told to misbehave (see :class:`Faults`): in-process through ``StandIn.faults`` or over
HTTP with ``POST /_control`` (same bearer token), e.g.
``{"rate_limit": {"count": 2, "retry_after": 1}, "cut_short": {"count": 1, "keep": 3,
"after": 2}}`` (``on_page`` limits a fault to one page number, ``after`` lets that many matching
requests through first).
``DELETE /_control`` clears every fault. It only binds loopback addresses.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import math
import socket
import threading
import time
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Header, Query, Request
from fastapi.responses import JSONResponse

from devtools.simulate.lapor_faults import VALUE_NAMES, Faults
from smartprov.base.settings import DEMO_LAPOR_TOKEN

WIB = timezone(timedelta(hours=7), "WIB")
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
DEMO_TOKEN = DEMO_LAPOR_TOKEN  # the demo value, declared in the settings
MAX_PER_PAGE = 1000
UNAUTHORIZED = {"WWW-Authenticate": "Bearer"}
Record = dict[str, Any]


def parse_timestamp(value: object) -> datetime | None:
    """An ISO 8601 timestamp as an aware datetime (no offset = WIB), or None if unparseable."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed.replace(tzinfo=WIB) if parsed.tzinfo is None else parsed


# --- the data ------------------------------------------------------------------------------


class ComplaintFile:
    """The versions in a JSON Lines file, sorted, re-read whenever the file changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._signature: tuple[int, int] | None = None
        self._records: list[Record] = []
        self._times: list[datetime] = []
        self.skipped_lines = 0

    def _load(self) -> None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            self._signature, self._records, self._times = None, [], []
            return
        signature = (stat.st_mtime_ns, stat.st_size)
        if signature == self._signature:
            return
        keyed: list[tuple[tuple[datetime, str, str], Record]] = []
        skipped = 0
        with self.path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    skipped += 1
                    continue
                updated_at = (
                    parse_timestamp(record.get("updated_at")) if isinstance(record, dict) else None
                )
                if updated_at is None:
                    skipped += 1
                    continue
                key = (updated_at, str(record.get("tracking_id")), str(record.get("status")))
                keyed.append((key, record))
        keyed.sort(key=lambda item: item[0])
        self._records = [record for _, record in keyed]
        self._times = [key[0] for key, _ in keyed]
        self._signature = signature
        self.skipped_lines = skipped

    def after(self, since: datetime) -> list[Record]:
        """Versions with ``updated_at > since``, in serving order."""
        with self._lock:
            self._load()
            return self._records[bisect_right(self._times, since) :]


# --- the app -------------------------------------------------------------------------------


def _error(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def _format_seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class StandIn:
    """The stand-in API: ``StandIn(path, token).app`` is an ASGI app; ``faults`` its switches."""

    def __init__(self, data_path: Path, token: str, faults: Faults | None = None) -> None:
        self.data = ComplaintFile(Path(data_path))
        self.token = token
        self.faults = faults or Faults()
        self.requests: list[dict[str, object]] = []  # what was asked and answered, for tests
        self._last_data: list[Record] = []
        self._log_lock = threading.Lock()
        self.app = self._build_app()

    def _authorized(self, authorization: str | None) -> bool:
        scheme, _, credentials = (authorization or "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            credentials.strip().encode(), self.token.encode()
        )

    def _log(self, page: int, updated_since: str | None, status: int, records: int) -> None:
        with self._log_lock:
            self.requests.append(
                {"page": page, "updated_since": updated_since, "status": status, "records": records}
            )

    def statuses(self) -> list[int]:
        """The HTTP status of every ``/complaints`` request served so far."""
        with self._log_lock:
            return [int(str(entry["status"])) for entry in self.requests]

    async def _misbehave(self, page: int, updated_since: str | None) -> JSONResponse | None:
        """The armed error faults for this request: an error answer instead of data, or None."""
        retry_after = self.faults.take("rate_limit", page)
        if retry_after is not None:
            self._log(page, updated_since, 429, 0)
            headers = {"Retry-After": _format_seconds(retry_after)}
            return _error(429, "too many requests", headers)
        status = self.faults.take("server_error", page)
        if status is not None:
            self._log(page, updated_since, int(status), 0)
            return _error(int(status), "upstream unavailable")
        return None

    async def complaints(
        self, updated_since: str | None, page: int, per_page: int, authorization: str | None
    ) -> JSONResponse:
        """``GET /complaints``: one page of versions after ``updated_since``."""
        if not self._authorized(authorization):
            self._log(page, updated_since, 401, 0)
            return _error(401, "missing or invalid bearer token", UNAUTHORIZED)
        since = parse_timestamp(updated_since or "1970-01-01")
        if since is None:
            self._log(page, updated_since, 400, 0)
            return _error(400, f"updated_since is not an ISO 8601 timestamp: {updated_since}")
        delay = self.faults.take("slow", page)
        if delay:
            # A slowed request carries no other fault and is not "the previous answer": its
            # client has usually timed out and asked again meanwhile, so a fault it consumed
            # would never be seen, and which request it fell on would depend on timing.
            await asyncio.sleep(delay)
        else:
            refused = await self._misbehave(page, updated_since)
            if refused is not None:
                return refused
        matching = await asyncio.to_thread(self.data.after, since)
        total_pages = math.ceil(len(matching) / per_page)
        data = matching[(page - 1) * per_page : page * per_page]
        if not delay:
            if self.faults.take("repeat_page", page) is not None and self._last_data:
                data = self._last_data
            keep = self.faults.take("cut_short", page)
            if keep is not None:
                data = data[: int(keep)]
                total_pages = max(total_pages, page + 1)
            self._last_data = data
        self._log(page, updated_since, 200, len(data))
        return JSONResponse({"data": data, "page": page, "total_pages": total_pages})

    def control_state(self) -> JSONResponse:
        """``GET /_control``: the armed faults and what was served."""
        return JSONResponse(
            {
                "faults": self.faults.state(),
                "requests": len(self.requests),
                "data_file": str(self.data.path),
                "skipped_lines": self.data.skipped_lines,
            }
        )

    def control_arm(self, body: Any) -> JSONResponse:
        """``POST /_control``: arm faults, e.g. ``{"rate_limit": {"count": 2}}``."""
        try:
            for kind, options in dict(body).items():
                options = dict(options)
                value = options.get(VALUE_NAMES.get(kind, "value"))
                count = int(options.get("count", 1))
                on_page, after = options.get("on_page"), int(options.get("after", 0))
                self.faults.arm(kind, count, value, on_page=on_page, after=after)
        except (ValueError, TypeError, AttributeError) as exc:
            return _error(400, f"bad control request: {exc}")
        return JSONResponse({"faults": self.faults.state()})

    def control_clear(self) -> JSONResponse:
        """``DELETE /_control``: clear every fault."""
        self.faults.clear()
        return JSONResponse({"faults": self.faults.state()})

    def _build_app(self) -> FastAPI:
        app = FastAPI(title="SP4N-LAPOR! stand-in", docs_url=None, redoc_url=None)

        @app.get("/complaints")
        async def complaints(
            updated_since: str | None = None,
            page: int = Query(1, ge=1),
            per_page: int = Query(100, ge=1, le=MAX_PER_PAGE),
            authorization: str | None = Header(None),
        ) -> JSONResponse:
            return await self.complaints(updated_since, page, per_page, authorization)

        @app.get("/_control")
        async def control_state(authorization: str | None = Header(None)) -> JSONResponse:
            if not self._authorized(authorization):
                return _error(401, "missing or invalid bearer token", UNAUTHORIZED)
            return self.control_state()

        @app.post("/_control")
        async def control(
            request: Request, authorization: str | None = Header(None)
        ) -> JSONResponse:
            if not self._authorized(authorization):
                return _error(401, "missing or invalid bearer token", UNAUTHORIZED)
            try:
                body = await request.json()
            except ValueError as exc:
                return _error(400, f"bad control request: {exc}")
            return self.control_arm(body)

        @app.delete("/_control")
        async def control_clear(authorization: str | None = Header(None)) -> JSONResponse:
            if not self._authorized(authorization):
                return _error(401, "missing or invalid bearer token", UNAUTHORIZED)
            return self.control_clear()

        return app


# --- running it ----------------------------------------------------------------------------


def check_loopback(host: str) -> None:
    """The stand-in serves test data; refuse anything but a loopback address."""
    if host not in LOOPBACK_HOSTS:
        raise ValueError(f"the LAPOR stand-in only binds loopback ({', '.join(LOOPBACK_HOSTS)})")


def serve(standin: StandIn, *, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve in the foreground until interrupted."""
    import uvicorn

    check_loopback(host)
    uvicorn.run(standin.app, host=host, port=port, log_level="info", lifespan="off")


@dataclass
class RunningStandIn:
    standin: StandIn
    base_url: str

    @property
    def faults(self) -> Faults:
        return self.standin.faults


@contextmanager
def run_in_thread(
    data_path: Path, token: str, *, faults: Faults | None = None, startup_timeout: float = 10
) -> Iterator[RunningStandIn]:
    """Start the stand-in on a free 127.0.0.1 port in a background thread; stop it on exit."""
    import uvicorn

    standin = StandIn(data_path, token, faults)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        standin.app, log_level="warning", lifespan="off", timeout_graceful_shutdown=1
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="lapor-standin", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the LAPOR stand-in did not start")
        time.sleep(0.01)
    try:
        yield RunningStandIn(standin, f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()

"""A plenary's load on Superset: N logged-in viewers requesting the four dashboards' chart data
back to back (no reading time: the harshest case), cache bypassed or warm.

Bounded by design: at most :data:`MAX_VIEWERS` viewers, :data:`MAX_SECONDS` seconds per run and
loopback URLs only (it is a load generator; it must not be pointed at someone else's server).
Each viewer logs in once (its own session), then asks for the charts of the four dashboards in
turn, starting at a different chart, until the time is up. ``cold`` adds ``force=true`` (Superset
runs every query against serving); ``warm`` first asks for every chart once per user, then
measures. The figures are printed, never checked: the machine this runs on is shared.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

MAX_VIEWERS = 200
MAX_SECONDS = 120.0
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class LoadError(RuntimeError):
    pass


@dataclass
class Figures:
    viewers: int
    mode: str
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""

    def summary(self) -> dict[str, float | int | str]:
        ordered = sorted(self.latencies_ms) or [0.0]

        def pct(p: float) -> float:
            return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

        return {
            "viewers": self.viewers,
            "mode": self.mode,
            "requests": len(self.latencies_ms),
            "errors": self.errors,
            "rps": round(len(self.latencies_ms) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(statistics.median(ordered)),
            "p95_ms": round(pct(95)),
            "max_ms": round(ordered[-1]),
            "first_error": self.first_error,
        }


def check_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK:
        raise LoadError(f"{url}: the load test runs against loopback only (127.0.0.1)")


async def login(base: str, username: str, password: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=base, timeout=60)
    response = await client.post(
        "/api/v1/security/login",
        json={"username": username, "password": password, "provider": "db", "refresh": False},
    )
    response.raise_for_status()
    client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
    return client


async def dashboard_charts(client: httpx.AsyncClient, slugs: list[str]) -> list[int]:
    """The chart ids of the dashboards, in dashboard order."""
    ids: list[int] = []
    for slug in slugs:
        response = await client.get(f"/api/v1/dashboard/{slug}/charts")
        response.raise_for_status()
        ids += [chart["id"] for chart in response.json()["result"]]
    if not ids:
        raise LoadError("the dashboards have no charts this user may see")
    return ids


async def _request(client: httpx.AsyncClient, chart: int, force: bool) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        response = await client.get(
            f"/api/v1/chart/{chart}/data/", params={"force": "true"} if force else None
        )
        error = "" if response.status_code == 200 else f"HTTP {response.status_code}"
        if not error and any(r.get("error") for r in response.json().get("result", [])):
            error = "query error"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"
    return (time.perf_counter() - started) * 1000, error


async def _viewer(
    client: httpx.AsyncClient,
    charts: list[int],
    start: int,
    force: bool,
    until: float,
    out: Figures,
) -> None:
    position = start
    while time.monotonic() < until:
        chart = charts[position % len(charts)]
        ms, error = await _request(client, chart, force)
        position += 1
        if error:
            out.errors += 1
            out.first_error = out.first_error or f"chart {chart}: {error}"
        else:
            out.latencies_ms.append(ms)


async def run(
    base: str,
    logins: list[tuple[str, str]],
    slugs: list[str],
    viewers: int,
    seconds: float,
    mode: str,
) -> Figures:
    """One measured run; ``logins`` are used in turn for the viewers' sessions."""
    check_loopback(base)
    if not 1 <= viewers <= MAX_VIEWERS or not 0 < seconds <= MAX_SECONDS:
        raise LoadError(f"viewers 1..{MAX_VIEWERS}, seconds up to {MAX_SECONDS:.0f}")
    clients = [await login(base, *logins[i % len(logins)]) for i in range(viewers)]
    try:
        charts = await dashboard_charts(clients[0], slugs)
        if mode == "warm":  # every chart once per distinct user (row-level security differs)
            for client in clients[: len(logins)]:
                for chart in charts:
                    await _request(client, chart, False)
        figures = Figures(viewers, mode, seconds)
        started = time.monotonic()
        step = max(1, len(charts) // viewers)
        await asyncio.gather(
            *(
                _viewer(c, charts, i * step, mode == "cold", started + seconds, figures)
                for i, c in enumerate(clients)
            )
        )
        figures.seconds = time.monotonic() - started
        return figures
    finally:
        for client in clients:
            await client.aclose()


def report(rows: list[dict]) -> str:
    lines = ["viewers  cache  requests  req/s   p50 ms  p95 ms  max ms  errors"]
    for r in rows:
        lines.append(
            f"{r['viewers']:>7}  {r['mode']:<5}  {r['requests']:>8}  {r['rps']:>5}  "
            f"{r['p50_ms']:>7}  {r['p95_ms']:>6}  {r['max_ms']:>6}  {r['errors']:>6}"
        )
        if r["first_error"]:
            lines.append(f"         first error: {r['first_error']}")
    return "\n".join(lines)

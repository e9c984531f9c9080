"""The SP4N-LAPOR! API stand-in speaks the contract's protocol and misbehaves on request."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from devtools.simulate.lapor_api import RunningStandIn, check_loopback
from smartprov.cli import cli

pytestmark = pytest.mark.timeout(60)


def auth(standin: RunningStandIn) -> dict[str, str]:
    return {"Authorization": f"Bearer {standin.standin.token}"}


def get(standin: RunningStandIn, headers: dict[str, str] | None = None, **params: object):
    return httpx.get(
        f"{standin.base_url}/complaints",
        params={"updated_since": "1970-01-01T00:00:00+07:00", **params},
        headers=auth(standin) if headers is None else headers,
        timeout=10,
        trust_env=False,
    )


def all_pages(standin: RunningStandIn, per_page: int, since: str) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for page in range(1, 1000):
        body = get(standin, updated_since=since, page=page, per_page=per_page).json()
        records += body["data"]
        if page >= body["total_pages"]:
            return records
    raise AssertionError("unbounded paging")


def test_refuses_missing_or_wrong_token(standin: RunningStandIn) -> None:
    assert get(standin, headers={}).status_code == 401
    wrong = get(standin, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert wrong.headers["WWW-Authenticate"] == "Bearer"
    assert (
        get(standin, headers={"Authorization": f"Basic {standin.standin.token}"}).status_code == 401
    )
    assert get(standin).status_code == 200


def test_pages_every_version_in_order(standin: RunningStandIn, versions: list[dict], lapor) -> None:
    version_key = lapor.version_key
    first = get(standin, page=1, per_page=10).json()
    assert first["page"] == 1
    assert first["total_pages"] == -(-len(versions) // 10)
    served = all_pages(standin, 10, "1970-01-01")
    assert sorted(map(version_key, served)) == sorted(map(version_key, versions))
    order = [(version_key(r)[1], r["tracking_id"], r["status"]) for r in served]
    assert order == sorted(order)


def test_updated_since_is_exclusive(standin: RunningStandIn, versions: list[dict], lapor) -> None:
    version_key, tie_time = lapor.version_key, lapor.tie_time
    served = all_pages(standin, 50, tie_time.isoformat())
    assert served
    assert all(version_key(r)[1] > tie_time.replace(tzinfo=None) for r in served)
    expected = [v for v in versions if datetime.fromisoformat(v["updated_at"]) > tie_time]
    assert len(served) == len(expected)
    # a timestamp without an offset is WIB
    naive = get(standin, updated_since=tie_time.replace(tzinfo=None).isoformat(), per_page=500)
    assert len(naive.json()["data"]) == len(expected)


def test_empty_and_bad_queries(standin: RunningStandIn) -> None:
    body = get(standin, updated_since="2099-01-01T00:00:00+07:00").json()
    assert body == {"data": [], "page": 1, "total_pages": 0}
    assert get(standin, updated_since="yesterday").status_code == 400
    assert get(standin, per_page=0).status_code == 422
    assert get(standin, page=0).status_code == 422


def test_rereads_the_file_when_it_changes(
    standin: RunningStandIn, complaints_file: Path, versions: list[dict]
) -> None:
    before = len(all_pages(standin, 100, "1970-01-01"))
    extra = dict(versions[0], status="diarsipkan", updated_at="2026-11-01T09:00:00+07:00")
    with complaints_file.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(extra) + "\n")
        handle.write("not json\n")
        handle.write(json.dumps(dict(extra, updated_at="later")) + "\n")
    time.sleep(0.01)
    assert len(all_pages(standin, 100, "1970-01-01")) == before + 1


def test_missing_file_serves_nothing(tmp_path: Path, lapor) -> None:
    from devtools.simulate.lapor_api import run_in_thread

    with run_in_thread(tmp_path / "absent.jsonl", lapor.token) as running:
        assert get(running).json() == {"data": [], "page": 1, "total_pages": 0}
        lapor.write_jsonl(
            tmp_path / "absent.jsonl",
            [{"tracking_id": "X", "status": "selesai", "updated_at": "2026-10-01T08:00:00+07:00"}],
        )
        assert len(get(running).json()["data"]) == 1


def test_rate_limit_and_server_errors(standin: RunningStandIn) -> None:
    standin.faults.arm("rate_limit", count=2, value=3)
    first, second, third = (get(standin) for _ in range(3))
    assert (first.status_code, second.status_code, third.status_code) == (429, 429, 200)
    assert first.headers["Retry-After"] == "3"
    standin.faults.arm("server_error", count=1, value=502)
    assert get(standin).status_code == 502
    assert get(standin).status_code == 200
    assert standin.standin.statuses() == [429, 429, 200, 502, 200]


def test_slow_responses(standin: RunningStandIn) -> None:
    standin.faults.arm("slow", count=1, value=0.5)
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(
            f"{standin.base_url}/complaints", headers=auth(standin), timeout=0.1, trust_env=False
        )
    started = time.monotonic()
    assert get(standin).status_code == 200
    assert time.monotonic() - started < 0.5


def test_repeated_and_cut_short_pages(standin: RunningStandIn) -> None:
    page1 = get(standin, page=1, per_page=10).json()
    standin.faults.arm("repeat_page", count=1)
    repeated = get(standin, page=2, per_page=10).json()
    assert repeated["page"] == 2 and repeated["data"] == page1["data"]
    standin.faults.arm("cut_short", count=1, value=4, on_page=3)
    assert len(get(standin, page=2, per_page=10).json()["data"]) == 10  # not page 3: untouched
    short = get(standin, page=3, per_page=10).json()
    assert len(short["data"]) == 4 and short["total_pages"] > 3
    assert len(get(standin, page=3, per_page=10).json()["data"]) == 10


def test_fault_after_lets_requests_through_first(standin: RunningStandIn) -> None:
    standin.faults.arm("server_error", count=1, after=2)
    assert [get(standin).status_code for _ in range(4)] == [200, 200, 503, 200]


def test_control_endpoint(standin: RunningStandIn) -> None:
    url = f"{standin.base_url}/_control"
    assert httpx.post(url, json={}, trust_env=False).status_code == 401
    armed = httpx.post(
        url,
        json={"rate_limit": {"count": 1, "retry_after": 2}, "cut_short": {"keep": 1, "after": 5}},
        headers=auth(standin),
        trust_env=False,
    )
    assert armed.status_code == 200
    assert armed.json()["faults"]["rate_limit"]["count"] == 1
    assert armed.json()["faults"]["cut_short"] == {
        "count": 1,
        "value": 1.0,
        "on_page": None,
        "after": 5,
    }
    bad = httpx.post(url, json={"meteor": {}}, headers=auth(standin), trust_env=False)
    assert bad.status_code == 400
    state = httpx.get(url, headers=auth(standin), trust_env=False).json()
    assert state["faults"]["rate_limit"]["count"] == 1
    httpx.delete(url, headers=auth(standin), trust_env=False)
    assert get(standin).status_code == 200


def test_only_loopback() -> None:
    check_loopback("127.0.0.1")
    with pytest.raises(ValueError, match="loopback"):
        check_loopback("0.0.0.0")


def test_cli_help() -> None:
    result = CliRunner().invoke(cli, ["lapor-api", "--help"])
    assert result.exit_code == 0
    assert "stand-in" in result.output
    refused = CliRunner().invoke(cli, ["lapor-api", "--host", "0.0.0.0"])
    assert refused.exit_code != 0

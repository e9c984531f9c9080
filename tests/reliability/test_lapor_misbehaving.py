"""The SP4N-LAPOR! stand-in misbehaving in every way at once, on the simulator's own feed:
429 with Retry-After, a burst of 5xx, a timeout, a repeated page and a page cut short, in one
pull and again in a second (incremental) pull. No complaint version is lost or stored twice,
and the cursor ends at the newest version. (tests/lapor covers each fault on its own.)"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from devtools.simulate import simulate
from devtools.simulate.lapor_api import WIB, Faults, run_in_thread
from ingestion.lapor.api import pull_into_warehouse
from smartprov.base.settings import Paths
from tests.reliability.conftest import read_only

pytestmark = pytest.mark.timeout(180)
TOKEN = "misbehaving-token"
PER_PAGE = 10
OPTIONS = {"per_page": PER_PAGE, "timeout": 0.5, "backoff": 0.01, "max_wait": 0.2,
           "max_attempts": 6}  # fmt: skip

Key = tuple[str, datetime, str]


def key(record: dict) -> Key:
    updated = datetime.fromisoformat(record["updated_at"]).astimezone(WIB).replace(tzinfo=None)
    return (record["tracking_id"], updated, record["status"])


def arm_everything(faults: Faults) -> None:
    faults.arm("rate_limit", 2, 0.05, after=1)  # 429 + Retry-After: 0.05
    faults.arm("server_error", 3, 503, after=4)  # three 5xx in a row
    faults.arm("slow", 1, 2.0, after=8)  # slower than the client's 0.5 s timeout
    # the walk asks page 1 again after every advance of the cursor, so these hit page 1
    faults.arm("repeat_page", 1, after=3)  # the previous answer again
    faults.arm("cut_short", 1, 3, after=5)  # 3 records, total_pages says more follow


def stored(paths: Paths) -> list[Key]:
    return [
        (t, u, s)
        for t, u, s in read_only(
            paths.warehouse, "select tracking_id, updated_at, status from raw.lapor_complaints"
        )
    ]


def cursor(paths: Paths) -> datetime:
    [(value,)] = read_only(
        paths.warehouse, "select cursor_updated_at from audit.lapor_cursor where source = 'lapor'"
    )
    return value


def test_everything_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTPROV_PII_KEY", "misbehaving-pii-key-not-a-secret-0123456789")
    sim = Paths(tmp_path / "sim").ensure()
    simulate(sim, date(2026, 1, 1), 14, 11, 1.0)
    records = [json.loads(line) for line in Paths(sim.home).lapor_api_feed.read_text().splitlines()]
    records.sort(key=lambda r: key(r)[1])
    assert len(records) > 8 * PER_PAGE
    # phase 1 serves the older 70 %; phase 2 appends the rest (the stand-in re-reads the file)
    split = int(len(records) * 0.7)
    while key(records[split])[1] == key(records[split - 1])[1]:
        split += 1  # never split a timestamp: updated_since is exclusive
    feed = tmp_path / "feed" / "complaints.jsonl"
    feed.parent.mkdir()
    feed.write_text("".join(json.dumps(r) + "\n" for r in records[:split]))
    home = Paths(tmp_path / "home").ensure()

    with run_in_thread(feed, TOKEN) as standin:
        for phase, served in ((1, records[:split]), (2, records)):
            if phase == 2:
                feed.write_text("".join(json.dumps(r) + "\n" for r in records))
            standin.standin.requests.clear()
            arm_everything(standin.faults)
            summary = pull_into_warehouse(home, standin.base_url, TOKEN, **OPTIONS)
            statuses = Counter(standin.standin.statuses())
            assert statuses[429] == 2 and statuses[503] == 3, (phase, statuses)
            # 2 x 429, 3 x 503 and 1 timeout: a slowed request carries no other fault, so
            # each fault reaches the client whatever the machine's load
            assert summary.retries == 6, (phase, summary)
            assert summary.anomalies == 2, (phase, summary)  # repeated and cut-short refused
            keys = stored(home)
            assert len(keys) == len(set(keys)), f"phase {phase}: a version stored twice"
            assert Counter(keys) == Counter(map(key, served)), f"phase {phase}: lost versions"
            assert cursor(home) == max(key(r)[1] for r in served)
            if phase == 2:
                assert summary.rows_new == len(records) - split
        # and nothing more on a quiet API
        standin.faults.clear()
        again = pull_into_warehouse(home, standin.base_url, TOKEN, **OPTIONS)
        assert again.rows_new == 0

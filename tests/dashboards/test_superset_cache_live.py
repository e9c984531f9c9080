"""The running Superset serves charts from its cache until serving.duckdb is published again.

Against the session's Superset: a chart asked for twice is cached the second time (in either
gunicorn worker: the cache is a folder they share); after serving is replaced the way publish
replaces it (a new file renamed into place, the same rows), the next answer is computed again.
"""

from __future__ import annotations

import os
import shutil

import httpx
import pytest

from tests.dashboards.conftest import Superset
from tests.dashboards.test_superset_live import ROLLOUT, chart_ids

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _cached(client: httpx.Client, chart: int) -> list[bool]:
    response = client.get(f"/api/v1/chart/{chart}/data/")
    assert response.status_code == 200, response.text[:500]
    return [bool(r.get("is_cached")) for r in response.json()["result"]]


def test_publish_expires_cached_charts(superset: Superset) -> None:
    client = superset.client(*superset.admin)
    chart = chart_ids(client)[ROLLOUT.uuid]
    _cached(client, chart)
    assert all(_cached(client, chart) == [True] for _ in range(4))  # both workers share it
    serving = superset.home / "serving.duckdb"
    copy = serving.with_name("serving.duckdb.tmp-cache-test")
    shutil.copy2(serving, copy)
    os.replace(copy, serving)  # what publish does
    assert _cached(client, chart) == [False]
    assert _cached(client, chart) == [True]

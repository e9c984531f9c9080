"""Where a cached chart request spends its time, in-process (Superset environment only):

    SMARTPROV_HOME=<home> SUPERSET_CONFIG_PATH=dashboards/superset_config.py PYTHONPATH=. \\
    SUPERSET_LOAD_PASSWORD=... .venv-superset/bin/python -m devtools.bench.superset_profile \\
        --user dprd --requests 300 [--profile prof.out]

Logs ``--user`` in (Superset's JWT login, as the load test does), asks every chart it may see
once (the cache is then warm), then asks them in turn ``--requests`` times through Flask's test
client (no HTTP server, one thread) and prints the CPU per request and the metadata queries per
request; with ``--profile``, under cProfile (slower: compare profiles with profiles), the
cumulative top 40 and a ``pstats`` file. Figures are printed, never checked
(docs/operations.md, "The warm chart-data path").
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time
from typing import Any


def _warm_client(username: str, password: str) -> tuple[Any, Any, dict[str, str], list[int]]:
    from superset.app import create_app

    app = create_app()
    client = app.test_client()
    login = client.post(
        "/api/v1/security/login",
        json={"username": username, "password": password, "provider": "db", "refresh": False},
    )
    if login.status_code != 200:
        raise SystemExit(f"login as {username!r} failed: HTTP {login.status_code}")
    headers = {"Authorization": f"Bearer {login.json['access_token']}"}
    with app.app_context():
        from superset import db
        from superset.models.slice import Slice

        ids = [chart.id for chart in db.session.query(Slice).order_by(Slice.id)]
        engine = db.engine
    charts = [
        i for i in ids if client.get(f"/api/v1/chart/{i}/data/", headers=headers).status_code == 200
    ]
    if not charts:
        raise SystemExit(f"{username!r} may read no chart")
    return client, engine, headers, charts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--user", default="dprd")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", help="write a cProfile pstats file here")
    args = parser.parse_args()
    from sqlalchemy import event

    client, engine, headers, charts = _warm_client(args.user, os.environ["SUPERSET_LOAD_PASSWORD"])
    queries = [0]

    def count(*_: Any) -> None:
        queries[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    profiler = cProfile.Profile() if args.profile else None
    started = time.process_time()
    if profiler:
        profiler.enable()
    for n in range(args.requests):
        client.get(f"/api/v1/chart/{charts[n % len(charts)]}/data/", headers=headers)
    if profiler:
        profiler.disable()
    cpu = time.process_time() - started
    print(
        f"{args.requests} cached chart requests over {len(charts)} charts: "
        f"{1000 * cpu / args.requests:.1f} ms CPU and {queries[0] / args.requests:.1f} "
        f"metadata queries per request{' (under cProfile)' if profiler else ''}"
    )
    if profiler:
        profiler.dump_stats(args.profile)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()

"""Dashboards read serving.duckdb while the pipeline publishes, again and again: no reader ever
errors and every read sees one complete snapshot (publish writes a temp file and renames it).

Readers are separate processes, as Superset is: DuckDB read-only connections, each running the
dashboards' chart queries (the same SQL the benchmark times) and checking that the snapshot's
tables hold the row counts its ``marts._publication`` states.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from smartprov.publish import publish
from tests.reliability.conftest import Platform, snapshot_is_complete

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

READER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    import duckdb
    from devtools.bench.charts import all_chart_queries

    serving, stop, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    limit = float(sys.argv[4])
    queries = list(all_chart_queries().values())
    reads, errors, snapshots = 0, [], set()
    deadline = time.monotonic() + limit  # bounded even if the test never says stop
    held = None

    def one_read(con):
        published = con.execute(
            "select published_at, table_name, row_count from marts._publication"
        ).fetchall()
        for _, table, count in published:
            actual = con.execute(f'select count(*) from marts."{table}"').fetchall()[0][0]
            if actual != count:
                raise AssertionError(f"{table}: {actual} rows, _publication says {count}")
        for sql in queries[reads % len(queries) :][:4]:
            con.execute(sql).fetchall()
        return str(published[0][0])

    while not stop.exists() and time.monotonic() < deadline:
        try:
            if mode == "pooled":  # one long-lived connection, like a connection pool
                held = held or duckdb.connect(str(serving), read_only=True)
                snapshots.add(one_read(held))
                if reads % 10 == 9:  # recycle now and then, as pools do
                    held.close()
                    held = None
            else:
                con = duckdb.connect(str(serving), read_only=True)
                try:
                    snapshots.add(one_read(con))
                finally:
                    con.close()
            reads += 1
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
            held = None
    print(json.dumps({"reads": reads, "errors": errors[:20], "snapshots": len(snapshots)}))
    """
)


def test_readers_never_fail_while_publishing(platform_copy: Platform, tmp_path: Path) -> None:
    paths = platform_copy.paths
    stop = tmp_path / "stop"
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(paths.serving), str(stop), mode, "120"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for mode in ("fresh", "pooled")
    ]
    try:
        time.sleep(2)  # readers are up and reading
        publications = 6
        for _ in range(publications):
            publish(paths)
            time.sleep(1.05)  # distinct published_at (seconds)
    finally:
        stop.touch()
        outcomes = [reader.communicate(timeout=60) for reader in readers]
    for (out, err), reader in zip(outcomes, readers, strict=True):
        assert reader.returncode == 0, err[-2000:]
        result = json.loads(out.strip().splitlines()[-1])
        assert result["errors"] == []
        assert result["reads"] > 10
        assert result["snapshots"] >= 2  # the readers did see publications change under them
    snapshot_is_complete(paths.serving)
    assert sorted(p.name for p in paths.home.glob("serving.duckdb.tmp-*")) == []

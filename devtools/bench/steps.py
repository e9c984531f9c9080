"""The benchmark's steps, each run in its own process (``python -m devtools.bench.steps``).

A step prints one line ``BENCH-RESULT {json}`` with its wall time (measured inside the process,
around the work only: interpreter start-up and imports are not counted) and what it processed.
The parent reads the child's peak resident memory from ``os.wait4`` (see :mod:`.runner`).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartprov.base.settings import Paths

if TYPE_CHECKING:
    import duckdb

RESULT_PREFIX = "BENCH-RESULT "
StepFn = Callable[[Paths, dict[str, Any]], dict[str, Any]]


def _timed(work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    started = time.perf_counter()
    result = work()
    return {"wall_s": time.perf_counter() - started, **result}


# --- generate ---------------------------------------------------------------------------------


def generate(paths: Paths, args: dict[str, Any]) -> dict[str, Any]:
    from devtools.simulate import simulate

    start = date.fromisoformat(args["start"])

    def work() -> dict[str, Any]:
        manifest = simulate(paths, start, int(args["days"]), int(args["seed"]), args["scale"])
        totals = manifest["service_logs_total"]
        return {
            "rows": totals["rows_delivered"],
            "files": totals["files_delivered"],
            "rows_expected_loaded": totals["rows_loaded"],
            "rows_expected_quarantined": totals["rows_quarantined"],
            "files_expected_quarantined": totals["files_quarantined"],
        }

    return _timed(work)


# --- baseline: DuckDB's own readers, no validation ------------------------------------------


def _xlsx_as_csv(path: Path, workdir: Path) -> Path:
    """DuckDB 2.0 has no built-in XLSX reader here (the excel extension cannot be downloaded):
    the sheet is converted to CSV with python-calamine, then read with read_csv."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    target = workdir / (path.parent.name + "_" + path.stem + ".csv")
    target.write_text(buffer.getvalue(), encoding="utf-8")
    return target


def _csv_layout(path: Path) -> tuple[str, list[str]]:
    """(delimiter, header names) from a file's first line, as the delivery contract fixes them."""
    with path.open("rb") as handle:
        first = handle.readline().decode("latin-1").lstrip("\ufeff").lstrip("\u00ef\u00bb\u00bf")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return delimiter, next(csv.reader([first.strip()], delimiter=delimiter))


def _read_group(con, table: str, files: list[Path], fmt: str) -> int:
    """CTAS of ``files`` (one regency: one format and variant) with DuckDB's reader.

    CSV: the delimiter and columns are taken from the first file's header line and given to
    ``read_csv`` (no per-file sniffing, as ingest also knows the header before reading);
    short rows padded, unparsable lines skipped (``ignore_errors``): no validation at all.
    """
    listing = [str(f) for f in files]
    if fmt == "jsonl":
        source = "read_json($files, format = 'newline_delimited', union_by_name = true)"
        attempts: list[dict[str, Any]] = [{}]
    else:
        delimiter, header = _csv_layout(files[0])
        columns = {(name or f"column{i}"): "VARCHAR" for i, name in enumerate(header)}
        source = (
            "read_csv($files, header = true, auto_detect = false, delim = $delim, quote = '\"',"
            " escape = '\"', columns = $columns, null_padding = true, ignore_errors = true,"
            " strict_mode = false, encoding = $encoding)"
        )
        attempts = [
            {"delim": delimiter, "columns": columns, "encoding": encoding}
            for encoding in ("utf-8", "latin-1")
        ]
    last_error: Exception | None = None
    for extra in attempts:
        try:
            con.execute(
                f"create or replace table {table} as select * from {source}",
                {"files": listing, **extra},
            )
            return con.execute(f"select count(*) from {table}").fetchall()[0][0]
        except Exception as error:  # noqa: BLE001 - the baseline reader gives up on a file
            last_error = error
    raise last_error  # type: ignore[misc]


def _by_format(folder: Path) -> dict[str, list[Path]]:
    """A regency's delivered files, grouped by extension (in name order)."""
    by_format: dict[str, list[Path]] = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.startswith((".", "_")):
            by_format.setdefault(path.suffix.lstrip(".").lower(), []).append(path)
    return by_format


def _readable(group: list[Path], fmt: str, workdir: Path) -> tuple[list[Path], int]:
    """The files DuckDB can be pointed at (workbooks converted to CSV) and how many were
    skipped (0 bytes, unreadable workbooks)."""
    readable, skipped = [], 0
    for path in group:
        if path.stat().st_size == 0:
            skipped += 1
        elif fmt == "xlsx":
            try:
                readable.append(_xlsx_as_csv(path, workdir))
            except Exception:  # noqa: BLE001
                skipped += 1
        else:
            readable.append(path)
    return readable, skipped


def _read_or_split(
    con: duckdb.DuckDBPyConnection, table: str, readable: list[Path], fmt: str
) -> tuple[int, int, int]:
    """Read a group in one scan, or file by file if that fails: (rows, files, skipped)."""
    try:
        return _read_group(con, table, readable, fmt), len(readable), 0
    except Exception:  # noqa: BLE001 - fall back to file by file
        rows = files = skipped = 0
        for i, path in enumerate(readable):
            try:
                rows += _read_group(con, f"{table}_{i}", [path], fmt)
                files += 1
            except Exception:  # noqa: BLE001
                skipped += 1
        return rows, files, skipped


def baseline(paths: Paths, args: dict[str, Any]) -> dict[str, Any]:
    """Read every delivered service-log file with DuckDB's own readers into tables.

    csv: ``read_csv`` (header, delimiter and VARCHAR columns from the first file's header line,
    encoding utf-8, else latin-1); jsonl: ``read_json``;
    xlsx: python-calamine -> CSV -> ``read_csv``. One CREATE TABLE AS per regency/city (a
    regency always delivers one variant), so DuckDB reads a whole year of a regency in one
    scan. No validation, typing, lineage or quarantine. Files DuckDB cannot read at all
    (garbage, 0 bytes, broken workbooks) are skipped; if one breaks a regency's scan, that
    regency is read file by file.
    """
    import tempfile

    from smartprov.base.warehouse import connect

    target = paths.home / "bench" / "baseline.duckdb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    root = paths.landing / "service_logs"

    def work() -> dict[str, Any]:
        rows = files = skipped = 0
        con = connect(target)
        with tempfile.TemporaryDirectory(prefix="smartprov-bench-") as tmp:
            workdir = Path(tmp)
            for number, folder in enumerate(sorted(p for p in root.iterdir() if p.is_dir())):
                for fmt, group in _by_format(folder).items():
                    readable, unreadable = _readable(group, fmt, workdir)
                    read = _read_or_split(con, f"b_{number}_{fmt}", readable, fmt)
                    rows, files = rows + read[0], files + read[1]
                    skipped += unreadable + read[2]
                    for converted in workdir.iterdir():
                        converted.unlink()
        con.close()
        return {"rows": rows, "files": files, "files_skipped": skipped}

    result = _timed(work)
    result["disk_bytes"] = target.stat().st_size
    target.unlink(missing_ok=True)
    return result


# --- the pipeline -----------------------------------------------------------------------------


def ingest(paths: Paths, args: dict[str, Any]) -> dict[str, Any]:
    from ingestion.ingest import ingest as run_ingest

    sources = tuple(args.get("sources") or ("service_logs",))

    def work() -> dict[str, Any]:
        summary = run_ingest(paths, sources=sources)
        delivered = sum(r.rows_delivered for r in summary.results)
        return {
            "rows": delivered,
            "rows_loaded": summary.rows_loaded,
            "rows_quarantined": summary.rows_quarantined,
            "files": summary.deliveries_loaded,
            "files_quarantined": summary.files_quarantined,
        }

    return _timed(work)


def _fact_rows(paths: Paths) -> int:
    from smartprov.base.warehouse import connect

    con = connect(paths.warehouse, read_only=True)
    try:
        return con.execute("select count(*) from marts.fct_service_transactions").fetchall()[0][0]
    finally:
        con.close()


def transform(paths: Paths, args: dict[str, Any]) -> dict[str, Any]:
    from smartprov.transform import run_dbt_build

    def work() -> dict[str, Any]:
        result = run_dbt_build(paths, full_refresh=bool(args.get("full_refresh")))
        return {"nodes": sum(result.counts.values()), "dbt_counts": result.counts}

    timed = _timed(work)
    timed["rows"] = _fact_rows(paths)
    return timed


def next_day_date(args: dict[str, Any]) -> date:
    """The day after the simulated ones: what the incremental step delivers."""
    return date.fromisoformat(args["start"]) + timedelta(days=int(args["days"]))


def next_day(paths: Paths, args: dict[str, Any]) -> dict[str, Any]:
    """Deliver one more day: simulate it in a scratch home (the simulator rewrites the whole
    landing it writes to) and copy that day's service-log files into this landing."""
    from devtools.simulate import simulate

    day = next_day_date(args)
    scratch = Paths(paths.home / "bench" / "next-day")
    shutil.rmtree(scratch.home, ignore_errors=True)
    simulate(scratch.ensure(), day, 1, int(args["seed"]) + 1, args["scale"])
    copied = 0
    for source in sorted((scratch.landing / "service_logs").glob(f"*/{day.isoformat()}.*")):
        target = paths.landing / source.relative_to(scratch.landing)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        copied += 1
    shutil.rmtree(scratch.home, ignore_errors=True)
    return {"wall_s": 0.0, "files": copied, "day": day.isoformat()}


def incremental(paths: Paths, args: dict[str, Any]) -> dict[str, Any]:
    """The daily run on top of the year: ingest the new day's deliveries, the (incremental) dbt
    build, publish."""
    from ingestion.ingest import ingest as run_ingest
    from smartprov.publish import publish as run_publish
    from smartprov.transform import run_dbt_build

    before = _fact_rows(paths)
    started = time.perf_counter()
    summary = run_ingest(paths, sources=("service_logs",))
    ingest_s = time.perf_counter() - started
    result = run_dbt_build(paths)
    dbt_s = time.perf_counter() - started - ingest_s
    run_publish(paths)
    wall = time.perf_counter() - started
    return {
        "wall_s": wall,
        "ingest_s": ingest_s,
        "dbt_s": dbt_s,
        "publish_s": wall - ingest_s - dbt_s,
        "rows": summary.rows_loaded + summary.rows_quarantined,
        "files": summary.deliveries_loaded,
        "fact_rows_added": _fact_rows(paths) - before,
        "nodes": sum(result.counts.values()),
    }


def publish(paths: Paths, args: dict[str, Any]) -> dict[str, Any]:
    from smartprov.publish import publish as run_publish

    def work() -> dict[str, Any]:
        result = run_publish(paths)
        return {"rows": sum(result.row_counts.values()), "tables": len(result.row_counts)}

    timed = _timed(work)
    timed["disk_bytes"] = paths.serving.stat().st_size
    return timed


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def charts(paths: Paths, args: dict[str, Any]) -> dict[str, Any]:
    """Every dashboard chart's query, on a read-only connection to serving.duckdb (as Superset
    opens it): one untimed warm-up run each, then ``repeat`` timed runs, round robin."""
    import duckdb

    from devtools.bench.charts import all_chart_queries

    queries = all_chart_queries()
    repeat = int(args.get("repeat", 20))
    started = time.perf_counter()
    con = duckdb.connect(str(paths.serving), read_only=True)
    times: dict[str, list[float]] = {key: [] for key in queries}
    rows: dict[str, int] = {}
    try:
        for key, sql in queries.items():
            rows[key] = len(con.execute(sql).fetchall())
        for _ in range(repeat):
            for key, sql in queries.items():
                began = time.perf_counter()
                con.execute(sql).fetchall()
                times[key].append(time.perf_counter() - began)
    finally:
        con.close()
    per_chart = {
        key: {
            "p50_ms": 1000 * statistics.median(values),
            "p95_ms": 1000 * _percentile(values, 0.95),
            "rows": rows[key],
        }
        for key, values in times.items()
    }
    every = [v for values in times.values() for v in values]
    return {
        "wall_s": time.perf_counter() - started,
        "queries": len(every),
        "charts": len(queries),
        "repeat": repeat,
        "p50_ms": 1000 * statistics.median(every),
        "p95_ms": 1000 * _percentile(every, 0.95),
        "max_chart_p95_ms": max(c["p95_ms"] for c in per_chart.values()),
        "per_chart": per_chart,
    }


STEPS: dict[str, StepFn] = {
    "generate": generate,
    "baseline": baseline,
    "ingest": ingest,
    "transform": transform,
    "next_day": next_day,
    "incremental": incremental,
    "publish": publish,
    "charts": charts,
}


def main(argv: list[str] | None = None) -> None:
    name, home, raw_args = (argv or sys.argv[1:])[:3]
    result = STEPS[name](Paths(Path(home)).ensure(), json.loads(raw_args))
    sys.stdout.flush()
    print(RESULT_PREFIX + json.dumps(result, default=str), flush=True)


if __name__ == "__main__":
    main()

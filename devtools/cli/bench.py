"""`smartprov bench`: the performance figures on a large simulated data set."""

from __future__ import annotations

import json
from pathlib import Path

import click

from smartprov.base.settings import Paths


@click.command("bench")
@click.option(
    "--rows",
    default=20_000_000,
    show_default=True,
    type=click.IntRange(min=1000),
    help="Service-log rows to generate (a full year of every regency/city by default).",
)
@click.option(
    "--days",
    type=click.IntRange(min=1),
    help="Days to simulate (default: a year, fewer for small --rows).",
)
@click.option(
    "--repeat",
    default=20,
    show_default=True,
    type=click.IntRange(min=1),
    help="Timed runs of every dashboard chart query.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option(
    "--home",
    "bench_home",
    type=click.Path(file_okay=False, path_type=Path),
    help="Benchmark home (default: <SMARTPROV_HOME>/bench). Emptied first, except a landing "
    "generated with the same arguments. The default 20 million rows need about 20 GB free at "
    "peak: landing 2.7 GB, warehouse 1.8 GB, serving 1.1 GB, and up to 13 GB of DuckDB spill "
    "(warehouse.duckdb.tmp) during the dbt full refresh (quarantine/ holds only files rejected "
    "whole: megabytes).",
)
@click.pass_obj
def bench(
    paths: Paths, rows: int, days: int | None, repeat: int, as_json: bool, bench_home: Path | None
) -> None:
    """Measure baseline read, ingest, dbt full refresh, dbt incremental day, publish and every
    dashboard chart query, each step in its own process (wall time, rows/s, peak memory).

    The baseline is DuckDB's own readers (read_csv / read_json; XLSX via python-calamine) on
    the same service-log files, without validation. Nothing is asserted about time.
    """
    from devtools.bench import run_bench, table

    home = bench_home or paths.home / "bench"

    def progress(message: str) -> None:
        click.echo(f"bench: {message}", err=True)

    figures = run_bench(home, rows, days=days, repeat=repeat, progress=progress)
    if as_json:
        click.echo(json.dumps(figures, default=str))
    else:
        click.echo(table(figures))

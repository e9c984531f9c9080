"""`smartprov national`: the national build over the lake, and the Spark cluster for it."""

from __future__ import annotations

import time
from pathlib import Path

import click


@click.group()
def national() -> None:
    """The national roll-up: provinces' lake exports -> national marts (DuckDB or Spark)."""


@national.command()
@click.option(
    "--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True
)
@click.option("--master", default=None, help="spark:// URL (default SMARTPROV_SPARK_MASTER).")
@click.option(
    "--workers",
    type=int,
    default=0,
    help="Spark only: start a standalone cluster of this many workers for the build, then stop it.",
)
@click.option("--lake", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--national-date", default=None, help="YYYY-MM-DD (default: newest data date).")
@click.pass_obj
def build(paths, engine, master, workers, lake, out, national_date) -> None:
    """Build the national marts over one verified snapshot of the lake and publish them."""
    from smartprov.base.settings import SPARK_MASTER
    from smartprov.national import cluster as spark_cluster
    from smartprov.national.build import NationalBuildError
    from smartprov.national.build import build as build_national

    master = master or SPARK_MASTER.get() or None
    started = None
    try:
        if engine == "spark" and workers > 0 and not master:
            started = spark_cluster.start(paths.national / "cluster", workers=workers)
            master = started.master_url
            click.echo(f"Spark master: {master} (web UI {started.web_url}, {workers} workers)")
        result = build_national(
            paths, engine, master=master, lake=lake, target=out, national_date=national_date
        )
    except (NationalBuildError, spark_cluster.ClusterError) as error:
        raise click.ClickException(str(error)) from error
    finally:
        if started is not None:
            started.stop()
            click.echo("Spark cluster stopped")
    click.echo(
        f"{engine}: {len(result.row_counts)} national marts from provinces"
        f" {', '.join(result.provinces)} in {result.seconds:.0f} s"
    )
    click.echo(f"national serving: {result.serving}")


@national.command()
@click.option("--workers", type=int, default=2, show_default=True)
@click.option("--worker-memory", default="1g", show_default=True)
@click.pass_obj
def cluster(paths, workers: int, worker_memory: str) -> None:
    """Run a Spark standalone cluster on loopback until interrupted (Ctrl-C stops it)."""
    from smartprov.national import cluster as spark_cluster

    try:
        running = spark_cluster.start(
            paths.national / "cluster", workers=workers, worker_memory=worker_memory
        )
    except spark_cluster.ClusterError as error:
        raise click.ClickException(str(error)) from error
    with running:
        click.echo(f"Spark master: {running.master_url} (web UI {running.web_url})")
        try:
            while all(p.poll() is None for p in running.processes):
                time.sleep(1)
        except KeyboardInterrupt:
            pass

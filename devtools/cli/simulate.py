"""`smartprov simulate`: write a deterministic set of deliveries into landing/."""

from __future__ import annotations

import time
from datetime import datetime

import click

from smartprov.base.settings import Paths


@click.command("simulate")
@click.option(
    "--start",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="First simulated day (YYYY-MM-DD).",
)
@click.option("--days", default=90, show_default=True, type=click.IntRange(min=1), help="Days.")
@click.option("--seed", default=7, show_default=True, type=int, help="Random seed.")
@click.option(
    "--scale",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Volume factor (1.0 = about 1 million service transactions per 90 days).",
)
@click.pass_obj
def simulate(paths: Paths, start: datetime, days: int, seed: int, scale: float) -> None:
    """Write realistic, deterministic deliveries for every regency/city into landing/.

    Same arguments give byte-identical files. landing/_expected.json states what a correct
    ingestion must load and quarantine.
    """
    from devtools.simulate import simulate as run_simulation

    began = time.perf_counter()
    manifest = run_simulation(paths, start.date(), days, seed, scale)
    took = time.perf_counter() - began
    totals = manifest["service_logs_total"]
    lapor = manifest["lapor"]
    click.echo(f"landing: {paths.landing}")
    click.echo(
        f"service logs: {totals['files_delivered']} files ({totals['files_quarantined']} broken), "
        f"{totals['rows_delivered']:,} rows, {totals['rows_quarantined']:,} bad rows, "
        f"{totals['transactions']:,} transactions"
    )
    click.echo(
        f"lapor: {lapor['complaints']} complaints, {lapor['versions']} versions; "
        f"rollout: {manifest['rollout']['rows']:,} rows; "
        f"indicators: {', '.join(sorted(manifest['indicators']))}"
    )
    missing = ", ".join(manifest["missing_data_date"]) or "none"
    click.echo(f"data date {manifest['data_date']} (missing it: {missing}); {took:.1f} s")

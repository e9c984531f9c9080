"""`smartprov demo`: the demo's own runs, which need the development tools.

- ``demo pipeline``: ``smartprov airflow pipeline`` with the SP4N-LAPOR! stand-in serving the
  simulator's complaints on a loopback port (the ``lapor_api`` connection points at it for the
  run). ``make run`` uses it; a province's own catch-up run is ``smartprov airflow pipeline``.
- ``demo airflow-timings``: one daily run measured under the real scheduler on a scratch sample.
"""

from __future__ import annotations

from pathlib import Path

import click

from smartprov.base.settings import Paths


@click.group("demo")
def demo() -> None:
    """Demo and measurement runs on simulated data (development tools)."""


@demo.command(
    "pipeline",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.pass_obj
def pipeline(paths: Paths, args: tuple[str, ...]) -> None:
    """`smartprov airflow pipeline [ARGS]` with the LAPOR stand-in serving simulated data."""
    from devtools.simulate.standin import lapor_standin
    from smartprov.cli.airflow import pipeline as airflow_pipeline

    with lapor_standin(paths):
        airflow_pipeline.main(list(args), prog_name="smartprov demo pipeline", obj=paths)


@demo.command("airflow-timings")
@click.option("--days", default=3, show_default=True, type=click.IntRange(min=2), help="Days.")
@click.option("--scale", default=1.0, show_default=True, type=float, help="Volume factor.")
@click.option("--seed", default=7, show_default=True, help="Random seed of the sample.")
@click.option(
    "--home",
    "scratch",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Scratch home, EMPTIED first (default: <home>/bench/airflow-timings).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_obj
def airflow_timings(
    paths: Paths, days: int, scale: float, seed: int, scratch: Path | None, as_json: bool
) -> None:
    """Measure the daily run under the real scheduler (api-server, scheduler, triggerer ...).

    On a scratch home: a simulated sample, every day but the last loaded as history, then the
    service-log DAG for the last day and the warehouse DAG, triggered and timed from the
    scheduler's records; then `smartprov transform` on the same data for the comparison.
    Figures are printed, never checked.
    """
    import json

    from devtools.bench.airflow_timings import Sample, measure, report

    home = scratch or paths.home / "bench" / "airflow-timings"
    figures = measure(
        Paths(home.resolve()),
        Sample(days=days, seed=seed, scale=scale),
        echo=lambda line: click.echo(line, err=True),
    )
    click.echo(json.dumps(figures, indent=2) if as_json else report(figures))


@demo.command("superset-load")
@click.option("--url", default="http://127.0.0.1:8088", show_default=True, help="Loopback only.")
@click.option("--user", "users", multiple=True, required=True, help="A login (repeatable).")
@click.option(
    "--password-env",
    default="SUPERSET_LOAD_PASSWORD",
    show_default=True,
    help="The variable holding the users' password (never on the command line).",
)
@click.option("--viewers", "viewer_counts", default="10,25,50", show_default=True)
@click.option("--seconds", default=20.0, show_default=True, type=float, help="Per run (<= 120).")
@click.option("--mode", "modes", default="cold,warm", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def superset_load(
    url: str,
    users: tuple[str, ...],
    password_env: str,
    viewer_counts: str,
    seconds: float,
    modes: str,
    as_json: bool,
) -> None:
    """N concurrent logged-in viewers requesting the four dashboards' chart data back to back.

    For each viewer count and cache mode (cold: force=true, every query runs; warm: every chart
    requested once first), one run of --seconds; prints requests/s, p50/p95/max and errors.
    """
    import asyncio
    import json
    import os

    from dashboards.catalog.layouts import DASHBOARDS
    from devtools.bench.superset_load import LoadError, report, run

    password = os.environ.get(password_env, "")
    if not password:
        raise click.ClickException(f"set {password_env} to the users' password")
    rows = []
    for mode in modes.split(","):
        for viewers in (int(v) for v in viewer_counts.split(",")):
            try:
                figures = asyncio.run(
                    run(
                        url,
                        [(user, password) for user in users],
                        [d.slug for d in DASHBOARDS],
                        viewers,
                        seconds,
                        mode.strip(),
                    )
                )
            except LoadError as error:
                raise click.ClickException(str(error)) from None
            rows.append(figures.summary())
            click.echo(report(rows[-1:]).splitlines()[-1], err=True)
    click.echo(json.dumps(rows, indent=2) if as_json else report(rows))

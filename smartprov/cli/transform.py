"""`smartprov transform`: dbt build (seeds, models, tests, unit tests) against the warehouse."""

from __future__ import annotations

import click


@click.command()
@click.option(
    "--select",
    "-s",
    "select",
    multiple=True,
    help="dbt node selection (repeatable), e.g. `--select marts.rollout+`. Default: everything.",
)
@click.option(
    "--full-refresh",
    is_flag=True,
    help="Rebuild incremental facts from all raw rows instead of only the new deliveries.",
)
@click.pass_obj
def transform(paths, select: tuple[str, ...], full_refresh: bool) -> None:
    """Run `dbt build` on the warehouse: seeds, staging, intermediate, marts and all tests.

    Fails (exit 1) if any model or test fails; the serving database is not touched.
    """
    from smartprov.transform import DbtError, run_dbt_build

    try:
        result = run_dbt_build(paths, select=list(select) or None, full_refresh=full_refresh)
    except DbtError as error:
        raise click.ClickException(str(error)) from error
    counts = ", ".join(f"{n} {status}" for status, n in sorted(result.counts.items()))
    click.echo(f"dbt build ok in {result.seconds:.0f}s ({counts})")

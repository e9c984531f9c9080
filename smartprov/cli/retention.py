"""`smartprov retention`."""

from __future__ import annotations

import logging

import click

from smartprov.base.settings import Paths


@click.command()
@click.option(
    "--days",
    type=click.IntRange(min=1),
    default=None,
    help="Retention period in days (default: SMARTPROV_RETENTION_DAYS, else 90).",
)
@click.option("--dry-run", is_flag=True, help="List what would be removed, remove nothing.")
@click.pass_obj
def retention(paths: Paths, days: int | None, dry_run: bool) -> None:
    """Delete landing files and quarantine copies of personal-data sources (LAPOR) older than
    the retention period (UU 27/2022 Pelindungan Data Pribadi; docs/retention.md)."""
    from smartprov.retention import apply_retention

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    result = apply_retention(paths, days, dry_run=dry_run)
    verb = "would remove" if dry_run else "removed"
    for path in result.removed:
        click.echo(f"{verb} {path.relative_to(paths.home)}")
    click.echo(f"retention {result.days} days: {verb} {len(result.removed)} file(s)")

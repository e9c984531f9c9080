"""`smartprov backup --out DIR`: the home at one consistent point, without its secrets."""

from __future__ import annotations

import os
import time
from pathlib import Path

import click


def metadata_databases(paths):
    """Airflow's and Superset's metadata databases as this home configures them."""
    from smartprov.backup import metadata_databases as databases
    from smartprov.base import settings

    airflow_uri = os.environ.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "")
    return databases(paths, airflow_uri, settings.SUPERSET_DATABASE_URI.get())


@click.command()
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A new (or empty) folder for the backup; created owner-only (0700).",
)
@click.pass_obj
def backup(paths, out: Path) -> None:
    """Back up the warehouse (with the ledger), serving, Airflow's and Superset's metadata
    databases (SQLite or PostgreSQL), the receipts and quarantine copies.

    The warehouse is copied under the writer lock after a checkpoint. Secrets (secrets/,
    airflow.cfg, passwords) are never copied. manifest.json, written last, lists every file
    with its size and SHA-256: a folder without it is an unfinished backup.
    """
    from smartprov.backup import BackupError
    from smartprov.backup import backup as run_backup
    from smartprov.backup.metadata import MetadataError

    started = time.monotonic()
    try:
        done = run_backup(paths, out, metadata_databases(paths))
    except (BackupError, MetadataError) as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(
            f"backup to {out} failed: {error}; the folder has no manifest, remove it"
        ) from None
    manifest = done.manifest
    click.echo(
        f"backed up {len(manifest['files'])} files ({done.total_bytes / 1e6:.1f} MB) to "
        f"{done.folder}: data date {manifest['data_date']}, "
        f"{time.monotonic() - started:.1f} s"
    )

"""`smartprov restore --from DIR`: a verified backup put back into the home, all or nothing."""

from __future__ import annotations

import time
from pathlib import Path

import click


@click.command()
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A folder written by `smartprov backup`.",
)
@click.pass_obj
def restore(paths, source: Path) -> None:
    """Restore a backup into the home (and the configured metadata databases).

    Every file is checked against the manifest (size, SHA-256) first: a backup without its
    manifest, or with a file missing or changed, is refused and nothing is touched. Stop the
    pipeline, Airflow and Superset first; start them again afterwards. Secrets are not in a
    backup: the home's secrets/ and the environment stay as they are.
    """
    from smartprov.backup import BackupError
    from smartprov.backup import restore as run_restore
    from smartprov.backup.metadata import MetadataError
    from smartprov.cli.backup import metadata_databases

    started = time.monotonic()
    try:
        done = run_restore(source, paths, metadata_databases(paths))
    except (BackupError, MetadataError) as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(
            f"restore from {source} failed: {error}; the home was left as it was"
        ) from None
    manifest = done.manifest
    click.echo(
        f"restored {len(manifest['files'])} files from {done.folder} (backup of "
        f"{manifest['finished_at']}, data date {manifest['data_date']}) into {paths.home}: "
        f"{time.monotonic() - started:.1f} s"
    )

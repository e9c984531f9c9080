"""`smartprov opendata`: write (and validate) an open-data release from serving."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Release directory (created; files of the same names are replaced).",
)
@click.option(
    "--upload",
    is_flag=True,
    help="Then upload it to CKAN (SMARTPROV_CKAN_URL, SMARTPROV_CKAN_API_KEY, SMARTPROV_CKAN_ORG).",
)
@click.pass_obj
def opendata(paths, out: Path, upload: bool) -> None:
    """Write the public, aggregated marts as CSV + Parquet with metadata and datapackage.json.

    Regency/city level and above only (rollout, adoption, LAPOR service levels, scorecard);
    small complaint counts are suppressed; each dataset has a Satu Data Indonesia metadata
    file, and datapackage.json (Frictionless) describes the release for a CKAN portal. The
    release is validated before the command succeeds.
    """
    from smartprov.opendata import OpenDataError, validate_release, write_release

    try:
        release = write_release(paths.serving, out)
    except OpenDataError as error:
        raise click.ClickException(str(error)) from error
    errors = validate_release(out)
    if errors:
        raise click.ClickException("the release does not validate:\n" + "\n".join(errors))
    rows = sum(release.row_counts.values())
    click.echo(
        f"released {len(release.row_counts)} datasets ({rows} rows, data date"
        f" {release.as_of_date}) to {out}; datapackage.json validates"
    )
    if upload:
        from smartprov.opendata.ckan import Portal
        from smartprov.opendata.ckan import upload as upload_release

        try:
            portal = Portal.from_env()
            click.echo(f"uploaded to {portal.url} as dataset {upload_release(out, portal)}")
        except OpenDataError as error:
            raise click.ClickException(str(error)) from error

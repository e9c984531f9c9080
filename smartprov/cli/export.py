"""`smartprov export`: this province's published marts into the national lake."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option(
    "--lake",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The lake folder (default SMARTPROV_LAKE, else <home>/lake).",
)
@click.pass_obj
def export(paths, lake: Path | None) -> None:
    """Export the regency-level serving marts and the transaction fact (by month) as Parquet.

    Run after a successful publish. The export is written to a new folder in the lake with a
    manifest (rows, sha256, data date, contract versions) and then swapped in as
    province=<kode> in one rename: readers see the previous export or this one, never a part.
    """
    from smartprov.national.lake import LakeError
    from smartprov.national.lake import export as export_partition

    try:
        partition = export_partition(paths, lake)
    except LakeError as error:
        raise click.ClickException(str(error)) from error
    rows = sum(f["rows"] for f in partition.manifest["files"].values())
    click.echo(
        f"exported province {partition.kode_provinsi} (data date"
        f" {partition.manifest['as_of_date']}): {len(partition.manifest['files'])} files,"
        f" {rows} rows -> {partition.path}"
    )

"""`smartprov run`: ingest, transform, publish — the whole pipeline in one process."""

from __future__ import annotations

import click


@click.command()
@click.option(
    "--full-refresh",
    is_flag=True,
    help="Rebuild incremental facts from all raw rows.",
)
@click.pass_obj
def run(paths, full_refresh: bool) -> None:
    """Ingest the landing zone, run `dbt build`, then publish serving.duckdb.

    Stops at the first failing step; a failed transform leaves the previous serving database
    in place. With a national lake configured (SMARTPROV_LAKE) the published marts are then
    exported to it, as the warehouse DAG does. The Airflow DAGs call the same library functions.
    """
    from ingestion.ingest import ingest  # written alongside; imported only when run
    from smartprov.national.lake import LakeError
    from smartprov.orchestration.national import export_to_lake
    from smartprov.publish import PublishError
    from smartprov.publish import publish as publish_serving
    from smartprov.transform import DbtError, run_dbt_build

    summary = ingest(paths)
    fields = ("deliveries_loaded", "rows_loaded", "rows_quarantined", "files_quarantined")
    click.echo("ingest: " + ", ".join(f"{f}={getattr(summary, f, '?')}" for f in fields))
    try:
        result = run_dbt_build(paths, full_refresh=full_refresh)
        click.echo(f"transform: dbt build ok in {result.seconds:.0f}s")
        published = publish_serving(paths)
        click.echo(f"publish: {published.path} (as_of_date {published.as_of_date})")
        exported = export_to_lake(paths)
    except (DbtError, PublishError, LakeError) as error:
        raise click.ClickException(str(error)) from error
    if exported is not None:
        click.echo(
            f"export: province {exported['kode_provinsi']} (data date {exported['as_of_date']}):"
            f" {exported['rows']} rows -> {exported['path']}"
        )

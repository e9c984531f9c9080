"""`smartprov publish`: atomically replace serving.duckdb with the warehouse's marts."""

from __future__ import annotations

import click


@click.command()
@click.pass_obj
def publish(paths) -> None:
    """Copy schema `marts` from the warehouse into a new serving database and swap it in.

    Run after a successful `smartprov transform`. The new file is written beside
    serving.duckdb, verified against serving-v1, then renamed into place: readers see the old
    or the new snapshot, never a partial one. Raw, audit and personal data are never copied.
    """
    from smartprov.publish import PublishError
    from smartprov.publish import publish as publish_serving

    try:
        result = publish_serving(paths)
    except PublishError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"published {len(result.row_counts)} tables to {result.path}"
        f" (as_of_date {result.as_of_date})"
    )

"""`smartprov sql`: the serving database in Harlequin, or one query printed for scripts."""

from __future__ import annotations

import subprocess

import click


@click.command()
@click.option("-c", "--command", "query", help="Run one SQL query, print the result and exit.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv"]),
    default="table",
    show_default=True,
    help="Output of -c: an aligned table, or CSV (redirect it to a file to export).",
)
@click.pass_obj
def sql(paths, query: str | None, fmt: str) -> None:
    """Query serving.duckdb (schema `marts`) read-only, without file or network access.

    Without -c, opens Harlequin, a terminal SQL IDE (table browser, completion, history,
    export of results). Works while the pipeline runs: the pipeline writes warehouse.duckdb,
    never serving.duckdb. Example: smartprov sql -c "select count(*) from marts.dim_wilayah"
    """
    from smartprov.sql import (
        SqlError,
        format_csv,
        format_table,
        harlequin_command,
        interactive_tempdir,
        run_query,
        write_init_script,
    )

    try:
        if query is not None:
            columns, rows = run_query(paths.serving, query)
            formatter = format_csv if fmt == "csv" else format_table
            click.echo(formatter(columns, rows).rstrip("\n"))
            return
        with interactive_tempdir() as tmp:
            from pathlib import Path

            command = harlequin_command(paths.serving, write_init_script(Path(tmp)))
            raise SystemExit(subprocess.run(command).returncode)
    except SqlError as error:
        raise click.ClickException(str(error)) from error

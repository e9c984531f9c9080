"""`smartprov ingest`."""

from __future__ import annotations

from datetime import datetime

import click

from ingestion.sources import SOURCES
from smartprov.base import disk
from smartprov.base.settings import LAPOR_URL, Paths, lapor_token


@click.command()
@click.option(
    "--source",
    "sources",
    multiple=True,
    type=click.Choice(SOURCES),
    help="Only these sources (repeatable). Default: all.",
)
@click.option("--kabkota", "kode_kabkota", help="Only this regency/city's service logs (PP.RR).")
@click.option(
    "--date",
    "delivery_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only service-log deliveries for this day.",
)
@click.option(
    "--lapor-url",
    envvar=LAPOR_URL.name,
    help="Base URL of the SP4N-LAPOR! API to pull incrementally (env SMARTPROV_LAPOR_URL; "
    "https, or http on loopback). Its bearer token is read from SMARTPROV_LAPOR_TOKEN only: "
    "a token on the command line would show in the process list and shell history.",
)
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@click.pass_obj
def ingest(
    paths: Paths,
    sources: tuple[str, ...],
    kode_kabkota: str | None,
    delivery_date: datetime | None,
    lapor_url: str | None,
    no_progress: bool,
) -> None:
    """Load new and changed deliveries from landing/ into warehouse.duckdb.

    Bad rows and files are quarantined with file, row and reason; the exit code is non-zero
    only for system errors, never for quarantined data. Running it again loads nothing twice.
    """
    from ingestion.ingest import ingest as run_ingest
    from ingestion.lapor.identity import PiiKeyError

    token = lapor_token()
    try:
        summary = run_ingest(
            paths,
            sources=sources or SOURCES,
            kode_kabkota=kode_kabkota,
            delivery_date=delivery_date.date() if delivery_date else None,
            progress=not no_progress,
            lapor_api=(lapor_url, token) if lapor_url else None,
        )
    except PiiKeyError as error:
        raise click.ClickException(str(error)) from None
    except Exception as error:
        reason = disk.write_error(error)
        if reason is None:
            raise
        raise click.ClickException(
            f"ingest stopped, the disk refused a write: {reason}; deliveries loaded before it "
            "are in the ledger, the one being written was rolled back; free space and run "
            "`smartprov ingest` again"
        ) from None
    for line in summary.lines():
        click.echo(line)

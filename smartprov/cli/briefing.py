"""`smartprov briefing`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from smartprov.base.settings import Paths


def _month(_ctx: click.Context, _param: click.Parameter, value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise click.BadParameter(f"{value!r}: expected YYYY-MM, e.g. 2026-11") from None


@click.command()
@click.option("--month", required=True, callback=_month, help="The month, YYYY-MM.")
@click.option("--kabkota", default=None, help="Only this regency/city (code, e.g. 33.76).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="PDF path (default: $SMARTPROV_HOME/briefings/briefing-YYYY-MM[-KODE].pdf).",
)
@click.pass_obj
def briefing(paths: Paths, month: dt.date, kabkota: str | None, out: Path | None) -> None:
    """Write the monthly DPRD briefing (PDF, Bahasa Indonesia) from serving.duckdb: headline
    figures with the data date, the province map, % of the TTE target per regency/city,
    SP4N-LAPOR! service levels, who is behind, villages to chase. Needs Chromium."""
    from smartprov.base.chromium import ChromiumNotFound
    from smartprov.briefing import BriefingError, write_briefing
    from smartprov.briefing.pdf import ChromiumError

    try:
        target = write_briefing(paths, month, kabkota, out)
    except (BriefingError, ChromiumError, ChromiumNotFound) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"briefing {month:%Y-%m}: {target}")

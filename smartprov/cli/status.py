"""`smartprov status`."""

from __future__ import annotations

import json

import click

from smartprov.base.settings import Paths


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
def status(paths: Paths, as_json: bool) -> None:
    """Per regency/city: last delivery, transactions loaded, rows and files quarantined, and
    whether the data date (the latest delivered day) is missing; plus LAPOR complaints and cursor.

    The delivery status is the one the last `smartprov transform` built
    (marts.mart_delivery_status_kabkota); before any build it says so.
    """
    from smartprov.status import regency_status

    report = regency_status(paths)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    if not report["built"]:
        click.echo("delivery status: not built yet (run `smartprov transform`)")
    click.echo(f"data date: {report['data_date']}")
    click.echo(
        f"{'kode':<6} {'kabupaten/kota':<26} {'last':<11} {'transaksi':>10} "
        f"{'rows_q':>7} {'files_q':>7}  missing"
    )
    for row in report["regencies"]:
        click.echo(
            f"{row['kode_kabkota']:<6} {row['nama_kabkota']:<26} {row['last_delivery'] or '-':<11} "
            f"{row['transactions']:>10,} {row['rows_quarantined']:>7} {row['files_quarantined']:>7}"
            f"  {'YES' if row['missing_data_date'] else ''}"
        )
    lapor = report["lapor"]
    click.echo(f"LAPOR: {lapor['complaints']:,} complaints, API cursor {lapor['cursor'] or '-'}")

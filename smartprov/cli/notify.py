"""`smartprov notify`."""

from __future__ import annotations

import json
import logging

import click

from smartprov.base.settings import Paths


@click.command()
@click.option("--dry-run", is_flag=True, help="Print the notices that would be sent; send nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@click.pass_obj
def notify(paths: Paths, dry_run: bool, as_json: bool) -> None:
    """Write delivery receipts (receipts/<kode_kabkota>/) and send each regency/city and the
    province their notices in Bahasa Indonesia (SMTP: SMARTPROV_SMTP_*; contacts:
    SMARTPROV_CONTACTS). A fact is sent once; a failed send is retried on the next run."""
    from smartprov.notify.run import notify as run_notify

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    result = run_notify(paths, dry_run=dry_run)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2, default=str))
        return
    click.echo(f"receipts: {result.receipts} ({result.receipt_files_written} files written)")
    for notice in result.previews:
        click.echo(f"\n--- would send to {notice.audience}: {notice.subject}")
        click.echo(notice.text)
        for path in notice.attachments:
            click.echo(f"[lampiran] {path.relative_to(paths.home)}")
    for sent in result.notices:
        click.echo(
            f"{sent['status']}: {sent['audience']} over {sent['channel']} "
            f"({sent['facts']} facts) {sent['subject']}"
        )
    for note in result.notes:
        click.echo(f"note: {note}")

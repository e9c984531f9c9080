"""`smartprov lapor-api`: serve the local stand-in for the national SP4N-LAPOR! API."""

from __future__ import annotations

from pathlib import Path

import click

from smartprov.base.settings import LAPOR_TOKEN, Paths

TOKEN_ENV = LAPOR_TOKEN.name


@click.command("lapor-api")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    type=click.Choice(["127.0.0.1", "::1", "localhost"]),
    help="Loopback only: the stand-in serves test data.",
)
@click.option(
    "--token",
    default=None,
    help=f"Bearer token clients must send (default: ${TOKEN_ENV}, else a printed demo token).",
)
@click.option(
    "--data",
    "data_file",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON Lines file of complaint versions (default: <home>/api/lapor/complaints.jsonl).",
)
@click.pass_obj
def lapor_api(
    paths: Paths, port: int, host: str, token: str | None, data_file: Path | None
) -> None:
    """Serve a local stand-in for the national SP4N-LAPOR! complaints API.

    GET /complaints?updated_since=&page=&per_page= with "Authorization: Bearer <token>"
    answers {"data": [...], "page": n, "total_pages": m} from the simulator's JSON Lines file,
    re-read when it changes. POST /_control arms misbehaviour (429, 5xx, slow, repeated or
    cut-short pages); DELETE /_control clears it. See devtools/simulate/lapor_api.py.
    """
    from devtools.simulate.lapor_api import DEMO_TOKEN, StandIn, serve

    paths = paths or Paths.from_env()
    data_file = data_file or paths.lapor_api_feed
    token = token or LAPOR_TOKEN.get()
    if not token:
        token = DEMO_TOKEN
        click.echo(f"No --token or ${TOKEN_ENV}: using the DEMO token {DEMO_TOKEN!r}.", err=True)
    if not data_file.exists():
        click.echo(
            f"{data_file} does not exist yet: serving no complaints until it does.", err=True
        )
    click.echo(f"LAPOR stand-in on http://{host}:{port}/complaints serving {data_file}", err=True)
    serve(StandIn(data_file, token), host=host, port=port)

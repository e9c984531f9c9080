"""`smartprov docs`: build and serve the dbt documentation site (with the lineage graph)."""

from __future__ import annotations

import contextlib
import functools
import http.server

import click


@click.command()
@click.option("--port", default=8580, show_default=True, help="Port to serve on (127.0.0.1).")
@click.option("--no-serve", is_flag=True, help="Only generate the site, do not serve it.")
@click.pass_obj
def docs(paths, port: int, no_serve: bool) -> None:
    """Generate the dbt docs (models, columns, tests, lineage) and serve them locally.

    The site is written to <home>/dbt/target and served on http://127.0.0.1:PORT until Ctrl-C.
    """
    from smartprov.transform import DbtError, docs_dir, generate_docs

    try:
        generate_docs(paths)
    except DbtError as error:
        raise click.ClickException(str(error)) from error
    site = docs_dir(paths)
    click.echo(f"dbt docs generated in {site}")
    if no_serve:
        return
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        click.echo(f"serving on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()

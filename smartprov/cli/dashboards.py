"""`smartprov dashboards`: Superset as code (install, import, roles/RLS, serve, screenshots)."""

from __future__ import annotations

import click


def _fail(error: Exception) -> click.ClickException:
    return click.ClickException(str(error))


@click.group()
def dashboards() -> None:
    """Superset dashboards on serving.duckdb (read-only), from the YAML under dashboards/.

    Superset runs in its own environment, .venv-superset (`smartprov dashboards install`).
    Secrets come from the environment: SMARTPROV_SUPERSET_SECRET_KEY, SMARTPROV_ADMIN_USER,
    SMARTPROV_ADMIN_PASSWORD, SMARTPROV_SUPERSET_DATABASE_URI; SMARTPROV_DEMO=1 allows the
    printed demo defaults.
    """


@dashboards.command()
def install() -> None:
    """Create .venv-superset from uv.lock (group `superset`) if it is missing; compile and place
    the project's translations (Bahasa Indonesia, docs/translation.md) every time."""
    from dashboards.server import DashboardsError
    from dashboards.server import install as install_venv

    try:
        click.echo(f"Superset environment: {install_venv()}")
    except DashboardsError as error:
        raise _fail(error) from error


@dashboards.command()
@click.pass_obj
def prepare(paths) -> None:
    """Everything `serve` does before serving, none of which reads the data: .venv-superset,
    metadata upgrade, roles and permissions, admin, assets, roles and RLS (`make run` does it
    beside the pipeline, then `serve --no-setup`)."""
    from dashboards.server import DashboardsError
    from dashboards.server import prepare as run_prepare

    try:
        run_prepare(paths, quiet=True)
    except DashboardsError as error:
        raise _fail(error) from error


@dashboards.command()
def render() -> None:
    """Regenerate the asset YAML under dashboards/ from the catalog (dashboards/)."""
    from dashboards.catalog.render import rendered, write

    changed = write()
    for path in changed:
        click.echo(f"wrote {path}")
    click.echo(f"{len(rendered())} files, {len(changed)} changed")


@dashboards.command("import")
@click.pass_obj
def import_(paths) -> None:
    """Import databases, datasets, charts and dashboards (overwrite, same UUIDs).

    The database asset is pointed at $SMARTPROV_HOME/serving.duckdb, opened read-only. When
    the home has a national build ($SMARTPROV_HOME/national/serving.duckdb), the national
    dashboard "Nasional" is imported too, on its own database pointed at that file.
    Assets listed in dashboards/retired.yaml are deleted.
    """
    from dashboards.server import DashboardsError, import_assets

    try:
        import_assets(paths, quiet=False)
    except DashboardsError as error:
        raise _fail(error) from error


@dashboards.command("apply-security")
@click.option("--dry-run", is_flag=True, help="Print the plan, change nothing.")
@click.pass_obj
def apply_security(paths, dry_run: bool) -> None:
    """Create/update roles and row-level security from dashboards/security/*.yaml."""
    from dashboards.server import DashboardsError
    from dashboards.server import apply_security as apply

    try:
        apply(paths, dry_run=dry_run)
    except DashboardsError as error:
        raise _fail(error) from error


@dashboards.command()
@click.option("--port", default=8088, show_default=True, type=int, help="Port on 127.0.0.1.")
@click.option("--no-setup", is_flag=True, help="Skip upgrade/init/import/security; only serve.")
@click.pass_obj
def serve(paths, port: int, no_setup: bool) -> None:
    """Upgrade the metadata, create the admin, init, import, apply roles+RLS, then serve.

    Serves on 127.0.0.1:PORT in the foreground and prints the URL and login.
    """
    from dashboards.server import DashboardsError
    from dashboards.server import serve as run_server

    try:
        run_server(paths, port, setup=not no_setup)
    except DashboardsError as error:
        raise _fail(error) from error


@dashboards.command()
@click.option("--url", default="http://127.0.0.1:8088", show_default=True)
@click.option(
    "--out",
    default="docs/screenshots",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for the PNGs: <slug>.png (laptop) and <slug>-ponsel.png (phone, 390 px).",
)
@click.option(
    "--device",
    "devices",
    multiple=True,
    type=click.Choice(["laptop", "ponsel"]),
    help="Only these widths (repeatable); default both laptop and ponsel.",
)
@click.option(
    "--national", is_flag=True, help='The national dashboard ("Nasional") instead of the four.'
)
def screenshots(url: str, out: str, devices: tuple[str, ...], national: bool) -> None:
    """Open every dashboard in headless Chromium as the admin, at a laptop and a phone width;
    save PNGs (README screenshots); report chart errors and anything cut off at the edge."""
    import json

    from dashboards.server import DashboardsError
    from dashboards.server import screenshots as take

    try:
        report = take(url, out, devices=devices or ("laptop", "ponsel"), national=national)
    except DashboardsError as error:
        raise _fail(error) from error
    click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    if any(d["errors"] for d in report):
        raise click.ClickException("some charts show errors")
    if any(d["layout"]["cut"] or d["layout"]["scroll"] > d["layout"]["inner"] for d in report):
        raise click.ClickException("some dashboards are cut off at the screen's edge")

"""`smartprov`: the one entry point for people, the Makefile and the DAGs.

Each command lives in its own module under ``smartprov/cli/`` and is imported only when it runs,
so ``smartprov --help`` stays fast and a heavy import (dbt, Superset) is paid only by its command.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

from smartprov.settings import DEFAULT_HOME

# command name -> "module:attribute"
COMMANDS: dict[str, str] = {
    "simulate": "smartprov.cli.simulate:simulate",
    "ingest": "smartprov.cli.ingest:ingest",
    "status": "smartprov.cli.status:status",
    "lapor-api": "smartprov.cli.lapor_api:lapor_api",
    "transform": "smartprov.cli.transform:transform",
    "publish": "smartprov.cli.publish:publish",
    "run": "smartprov.cli.run:run",
    "docs": "smartprov.cli.docs:docs",
    "dashboards": "smartprov.cli.dashboards:dashboards",
    "airflow": "smartprov.cli.airflow:airflow",
    "bench": "smartprov.cli.bench:bench",
    "sql": "smartprov.cli.sql:sql",
    "opendata": "smartprov.cli.opendata:opendata",
    "retention": "smartprov.cli.retention:retention",
    "notify": "smartprov.cli.notify:notify",
    "briefing": "smartprov.cli.briefing:briefing",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if _importable(name))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)

    def invoke(self, ctx: click.Context) -> object:
        from smartprov.lock import WriterBusyError

        try:
            return super().invoke(ctx)
        except WriterBusyError as busy:  # one line for the operator, no DuckDB traceback
            raise click.ClickException(str(busy)) from None


def _importable(name: str) -> bool:
    module_name = COMMANDS[name].split(":")[0]
    return importlib.util.find_spec(module_name) is not None


@click.group(cls=LazyGroup)
@click.option(
    "--home",
    envvar="SMARTPROV_HOME",
    default=DEFAULT_HOME,
    show_default=True,
    type=click.Path(file_okay=False),
    help="Platform home: landing/, warehouse.duckdb, serving.duckdb, quarantine/.",
)
@click.pass_context
def cli(ctx: click.Context, home: str) -> None:
    """Smart-province data platform (province: SMARTPROV_PROVINCE, default 33 Jawa Tengah)."""
    import os

    from smartprov.settings import Paths

    ctx.obj = Paths.from_env(home)
    # subprocesses (dbt, Superset, Airflow) and library code see the same home
    os.environ["SMARTPROV_HOME"] = str(ctx.obj.home)


def main() -> None:
    from ingestion.lapor.identity import PiiKeyError

    try:
        cli()
    except PiiKeyError as error:  # a missing, weak or different key: one line, no traceback
        raise SystemExit(f"Error: {error}") from None

"""`smartprov`: the one entry point for people, the Makefile and the DAGs.

Each command lives in its own module under ``ingestion/cli/`` and is imported only when it runs,
so ``smartprov --help`` stays fast and a heavy import (dbt, Superset) is paid only by its command.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

# command name -> "module:attribute"
COMMANDS: dict[str, str] = {
    "simulate": "ingestion.cli.simulate:simulate",
    "ingest": "ingestion.cli.ingest:ingest",
    "status": "ingestion.cli.status:status",
    "lapor-api": "ingestion.cli.lapor_api:lapor_api",
    "transform": "ingestion.cli.transform:transform",
    "publish": "ingestion.cli.publish:publish",
    "run": "ingestion.cli.run:run",
    "docs": "ingestion.cli.docs:docs",
    "dashboards": "ingestion.cli.dashboards:dashboards",
    "airflow": "ingestion.cli.airflow:airflow",
    "bench": "ingestion.cli.bench:bench",
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


def _importable(name: str) -> bool:
    module_name = COMMANDS[name].split(":")[0]
    return importlib.util.find_spec(module_name) is not None


@click.group(cls=LazyGroup)
@click.option(
    "--home",
    envvar="SMARTPROV_HOME",
    default="data",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Platform home: landing/, warehouse.duckdb, serving.duckdb, quarantine/.",
)
@click.pass_context
def cli(ctx: click.Context, home: str) -> None:
    """Jawa Tengah smart-province data platform."""
    import os

    from ingestion.settings import Paths

    ctx.obj = Paths.from_env(home)
    # subprocesses (dbt, Superset, Airflow) and library code see the same home
    os.environ["SMARTPROV_HOME"] = str(ctx.obj.home)


def main() -> None:
    cli()

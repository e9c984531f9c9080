"""`smartprov`: the one entry point for people, the Makefile and the DAGs.

Each command lives in its own module under ``smartprov/cli/`` and is imported only when it runs,
so ``smartprov --help`` stays fast and a heavy import (dbt, Superset) is paid only by its command.

The development tools (simulator, LAPOR stand-in, benchmarks: ``devtools/``) add their commands
through the ``smartprov.commands`` entry points (pyproject.toml): nothing here names them, and an
installation without them simply has fewer commands.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util

import click

from smartprov.base.settings import DEFAULT_HOME, HOME

# command name -> "module:attribute"
COMMANDS: dict[str, str] = {
    "ingest": "smartprov.cli.ingest:ingest",
    "status": "smartprov.cli.status:status",
    "transform": "smartprov.cli.transform:transform",
    "publish": "smartprov.cli.publish:publish",
    "run": "smartprov.cli.run:run",
    "docs": "smartprov.cli.docs:docs",
    "dashboards": "smartprov.cli.dashboards:dashboards",
    "airflow": "smartprov.cli.airflow:airflow",
    "sql": "smartprov.cli.sql:sql",
    "opendata": "smartprov.cli.opendata:opendata",
    "retention": "smartprov.cli.retention:retention",
    "notify": "smartprov.cli.notify:notify",
    "briefing": "smartprov.cli.briefing:briefing",
    "backup": "smartprov.cli.backup:backup",
    "restore": "smartprov.cli.restore:restore",
    "export": "smartprov.cli.export:export",
    "national": "smartprov.cli.national:national",
}


PLUGIN_GROUP = "smartprov.commands"


def _commands() -> dict[str, str]:
    """The platform's commands and those the installed plugins register."""
    plugins = {ep.name: ep.value for ep in importlib.metadata.entry_points(group=PLUGIN_GROUP)}
    return {**plugins, **COMMANDS}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in _commands() if _importable(name))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _commands().get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)

    def invoke(self, ctx: click.Context) -> object:
        from smartprov.base import disk
        from smartprov.base.lock import WriterBusyError

        try:
            return super().invoke(ctx)
        except WriterBusyError as busy:  # one line for the operator, no DuckDB traceback
            raise click.ClickException(str(busy)) from None
        except click.ClickException:
            raise  # already one line for the operator
        except Exception as error:  # a full or failing disk: one line; anything else a bug
            reason = disk.write_error(error)
            if reason is None:
                raise
            raise click.ClickException(
                f"{ctx.invoked_subcommand or 'command'} stopped, the disk refused a write: {reason}"
            ) from None


def _importable(name: str) -> bool:
    module_name = _commands()[name].split(":")[0]
    return importlib.util.find_spec(module_name) is not None


@click.group(cls=LazyGroup)
@click.option(
    "--home",
    envvar=HOME.name,
    default=DEFAULT_HOME,
    show_default=True,
    type=click.Path(file_okay=False),
    help="Platform home: landing/, warehouse.duckdb, serving.duckdb, quarantine/.",
)
@click.pass_context
def cli(ctx: click.Context, home: str) -> None:
    """Smart-province data platform (province: SMARTPROV_PROVINCE, default 33 Jawa Tengah)."""
    import os

    from smartprov.base.private import make_private, owner_only_umask
    from smartprov.base.settings import Paths

    # everything this command and its subprocesses create is owner-only (issue 31)
    owner_only_umask()
    ctx.obj = Paths.from_env(home)
    make_private(ctx.obj.home)
    # subprocesses (dbt, Superset, Airflow) and library code see the same home
    os.environ[HOME.name] = str(ctx.obj.home)


def main() -> None:
    from ingestion.lapor.identity import PiiKeyError

    try:
        cli()
    except PiiKeyError as error:  # a missing, weak or different key: one line, no traceback
        raise SystemExit(f"Error: {error}") from None

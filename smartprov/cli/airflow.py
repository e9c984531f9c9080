"""`smartprov airflow`: the embedded Airflow (set-up, one-shot pipeline, UI)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import click

from smartprov.base.settings import Paths


@click.group("airflow")
def airflow() -> None:
    """Run the platform through Airflow 3 (AIRFLOW_HOME = <home>/airflow, SQLite, LocalExecutor).

    Configuration comes from environment variables set here (dags folder, executor, metadata
    database, ...); set any AIRFLOW__* variable yourself to override one.
    """


@airflow.command()
@click.option(
    "--lapor-url",
    default=None,
    help="Base URL stored in the lapor_api connection (default http://127.0.0.1:8765).",
)
@click.pass_obj
def setup(paths: Paths, lapor_url: str | None) -> None:
    """Create or upgrade the metadata database, the warehouse pool, the lapor_api connection
    and the dbt manifest the warehouse DAG renders from. Safe to repeat."""
    from smartprov.orchestration import config
    from smartprov.orchestration.setup import setup as run_setup

    run_setup(paths, lapor_url=lapor_url)
    click.echo(f"Airflow home {config.airflow_home(paths)} ready (pool {config.WAREHOUSE_POOL}).")


@airflow.command()
@click.pass_obj
def users(paths: Paths) -> None:
    """Create or update the named users (Admin, Op, Viewer) from SMARTPROV_AIRFLOW_<ROLE>_USER
    and _PASSWORD (demo passwords with SMARTPROV_DEMO=1 only). Run after `airflow db migrate`."""
    from smartprov.base.secrets import InsecureSecretError
    from smartprov.orchestration import config
    from smartprov.orchestration.users import configured_logins, ensure_users

    config.configure(paths)
    try:
        logins = configured_logins()
    except InsecureSecretError as error:
        raise click.ClickException(str(error)) from None
    if not logins:
        raise click.ClickException(
            "no Airflow user configured: set SMARTPROV_AIRFLOW_ADMIN_PASSWORD (and _OP_, _VIEWER_)"
        )
    for line in ensure_users(logins):
        click.echo(f"airflow user {line}")


@airflow.command()
@click.option(
    "--day",
    "days",
    multiple=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only this day (repeatable). Default: every day delivered to landing/.",
)
@click.option(
    "--warehouse",
    type=click.Choice(["last_day", "each_day", "never"]),
    default="last_day",
    show_default=True,
    help="When the warehouse DAG (dbt, gate, publish) runs.",
)
@click.option(
    "--daily-runs",
    type=click.IntRange(min=1),
    default=None,
    help="Catch up everything before the last N delivered days in one run per DAG (the DAGs "
    "pick up pending files up to their data date), then run the last N days one by one.",
)
@click.option("--verbose", is_flag=True, help="Show every task's log (default: one line per run).")
@click.option("--no-setup", is_flag=True, help="Skip `smartprov airflow setup`.")
@click.pass_obj
def pipeline(
    paths: Paths,
    days: tuple[datetime, ...],
    warehouse: str,
    daily_runs: int | None,
    verbose: bool,
    no_setup: bool,
) -> None:
    """Run the DAGs for every delivered day in landing/, then exit (no scheduler, no UI).

    Each day: service logs (one mapped task per regency/city), LAPOR (API through the lapor_api
    connection; `smartprov demo pipeline` serves the simulator's data there; export files),
    rollout, indicators, monitoring; then the warehouse DAG (dbt via Cosmos, quality gate,
    publish). Exit code 1 when any run failed.
    """
    import logging

    from smartprov.orchestration import config

    config.configure(paths)
    if not verbose:
        import os

        os.environ.setdefault("AIRFLOW__LOGGING__LOGGING_LEVEL", "WARNING")
    if not no_setup:
        from smartprov.orchestration.setup import setup as run_setup

        run_setup(paths)
    from smartprov.orchestration.runner import delivered_days, run_pipeline

    if not verbose:
        logging.getLogger().setLevel(logging.WARNING)
    chosen = [d.date() for d in days] or None
    if daily_runs is not None:
        every = chosen or delivered_days(paths)
        chosen = every[-daily_runs - 1 :]  # the first of these catches up all earlier days
    results = run_pipeline(paths, chosen, warehouse=warehouse, echo=click.echo)
    failed = [r for r in results if r.state != "success"]
    click.echo(f"{len(results)} DAG runs, {len(failed)} not successful; serving: {paths.serving}")
    if failed:
        sys.exit(1)


@airflow.command()
@click.option("--port", default=None, type=int, help="API server / UI port (default 8080).")
@click.option("--lapor-port", default=8765, show_default=True, help="Port of the LAPOR stand-in.")
@click.option(
    "--lapor-standin",
    is_flag=True,
    help="Also start the LAPOR API stand-in (`smartprov lapor-api`, development tools) that the "
    "demo's lapor_api connection points at.",
)
@click.pass_obj
def standalone(paths: Paths, port: int | None, lapor_port: int, lapor_standin: bool) -> None:
    """Start the Airflow UI (api-server) with scheduler, dag-processor and triggerer, each a
    process of its own as in production, with the named users (FAB auth manager; `airflow
    standalone` would force the one-admin SimpleAuthManager). With --lapor-standin, also the
    LAPOR stand-in the lapor_api connection points at. Runs until interrupted."""
    import signal

    from smartprov.orchestration import config, services
    from smartprov.orchestration.setup import setup as run_setup

    # `kill` (SIGTERM, as make run's trap sends) stops the services too, as Ctrl-C does
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    env = config.configure(paths, port=port)
    run_setup(paths, lapor_url=f"http://127.0.0.1:{lapor_port}")
    standin = None
    try:
        if lapor_standin:
            standin = subprocess.Popen(
                [sys.executable, "-m", "smartprov", "--home", str(paths.home), "lapor-api"]
                + ["--port", str(lapor_port)],
                env=config.subprocess_env(paths),
            )
        logs = config.airflow_home(paths) / "services"
        with services.airflow_services(config.subprocess_env(paths), logs) as processes:
            click.echo(login_text(env["AIRFLOW__API__BASE_URL"]))
            click.echo(f"(logs: {logs})")
            processes[0].wait()  # the api-server
    except KeyboardInterrupt:
        pass
    finally:
        if standin is not None and standin.poll() is None:
            standin.terminate()
            try:
                standin.wait(timeout=30)
            except subprocess.TimeoutExpired:
                standin.kill()


def login_text(url: str) -> str:
    """Where the UI is and who can log in (passwords shown for the demo's defaults only)."""
    from smartprov.orchestration.users import configured_logins

    shown = [
        f"{login.username} / {login.password if login.is_demo_default else '(its password)'}"
        f" ({login.role})"
        for login in configured_logins()
    ]
    who = "; ".join(shown) or "no users: set SMARTPROV_AIRFLOW_ADMIN_PASSWORD"
    return f"Airflow UI: {url}  login: {who}"


@airflow.command()
@click.option("--port", default=None, type=int, help="API server / UI port (default 8080).")
@click.pass_obj
def login(paths: Paths, port: int | None) -> None:
    """Print the Airflow UI's URL and who can log in to this terminal (the demo's passwords
    only: a configured password is never printed)."""
    from smartprov.orchestration import config

    env = config.configure(paths, port=port)
    click.echo(login_text(env["AIRFLOW__API__BASE_URL"]))

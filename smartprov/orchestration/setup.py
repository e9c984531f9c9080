"""Metadata database, pool and connection for the embedded Airflow, created by code.

Every step is idempotent: ``smartprov airflow setup`` can run before every pipeline.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

from smartprov.base.settings import DEMO_LAPOR_TOKEN, Paths, lapor_token
from smartprov.orchestration import config

log = logging.getLogger(__name__)


def airflow_executable() -> str:
    return str(Path(sys.executable).with_name("airflow"))


def migrate(paths: Paths) -> None:
    """``airflow db migrate`` (creates or upgrades the SQLite metadata database)."""
    env = config.subprocess_env(paths)
    subprocess.run(
        [airflow_executable(), "db", "migrate"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def ensure_pool(slots: int = 1) -> None:
    """The warehouse pool: one slot, so one task at a time opens warehouse.duckdb."""
    from airflow.models.pool import Pool

    Pool.create_or_update_pool(
        name=config.WAREHOUSE_POOL,
        slots=slots,
        description=config.WAREHOUSE_POOL_DESCRIPTION,
        include_deferred=False,
    )


def lapor_connection_fields(url: str, token: str) -> dict[str, object]:
    """The ``lapor_api`` connection as Airflow fields (http type, bearer token as password)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return {
        "conn_type": "http",
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port,
        "schema": parts.scheme or "http",
        "password": token,
        "description": "SP4N-LAPOR! complaints API (local stand-in in the demo)",
    }


def lapor_connection_env(url: str, token: str) -> str:
    """The same connection as the JSON an ``AIRFLOW_CONN_LAPOR_API`` variable takes."""
    fields = lapor_connection_fields(url, token)
    fields.pop("description")
    return json.dumps({k: v for k, v in fields.items() if v is not None})


def ensure_lapor_connection(url: str | None = None, token: str | None = None) -> None:
    """Create or update ``lapor_api`` in the metadata database.

    An ``AIRFLOW_CONN_LAPOR_API`` variable, when set, is read before the database by Airflow, so
    deployments can point the DAG elsewhere without touching this stored default.
    """
    from airflow.models.connection import Connection
    from airflow.utils.session import create_session
    from sqlalchemy import select

    fields = lapor_connection_fields(
        url or config.LAPOR_DEFAULT_URL, token or lapor_token() or DEMO_LAPOR_TOKEN
    )
    with create_session() as session:
        conn = session.scalar(select(Connection).where(Connection.conn_id == config.LAPOR_CONN_ID))
        if conn is None:
            session.add(Connection(conn_id=config.LAPOR_CONN_ID, **fields))
            return
        for key, value in fields.items():
            setattr(conn, key, value)


def write_dbt_manifest(paths: Paths) -> Path:
    """``dbt parse``: the manifest Cosmos renders the warehouse DAG from (fast DAG parsing).

    Its partial_parse.msgpack also seeds Cosmos' cache for the warehouse producer: Cosmos looks
    for one only in the repository's dbt/target and in its cache, never under the home, so
    without the seed the first run parses in full (and the second too, after a full build).
    """
    import shutil

    from smartprov.transform import run_dbt

    # run_dbt passes the producer's --profile, --target and --vars (transform.parse_flags)
    run_dbt(paths, ["parse"])
    seed = config.warehouse_partial_parse(paths)
    seed.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths.dbt_target / "partial_parse.msgpack", seed)
    return manifest_path(paths)


def manifest_path(paths: Paths) -> Path:
    return paths.dbt_manifest


def setup(paths: Paths, *, lapor_url: str | None = None, manifest: bool = True) -> None:
    """Everything the embedded Airflow needs for this home, safe to repeat."""
    paths.ensure()
    config.configure(paths)
    migrate(paths)
    from smartprov.orchestration.users import configured_logins, ensure_users

    logins = configured_logins()
    for line in ensure_users(logins) if logins else []:
        print(f"airflow user {line}", flush=True)
    ensure_pool()
    ensure_lapor_connection(lapor_url)
    if manifest:
        write_dbt_manifest(paths)

"""Backup and restore with Superset's metadata on PostgreSQL (the compose topology): pg_dump's
custom format in the backup, restored in one transaction; the password never in the backup."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg2

from smartprov.backup import backup, metadata_databases, restore
from smartprov.base.settings import Paths
from smartprov.base.warehouse import open_warehouse
from tests.deployment.postgres import Postgres


def _rows(server: Postgres, database: str, password: str) -> list[tuple]:
    con = psycopg2.connect(
        host=server.host, port=server.port, user=database, password=password, dbname=database
    )
    try:
        with con.cursor() as cur:
            cur.execute("select username, role from ab_user order by username")
            return cur.fetchall()
    finally:
        con.close()


def _execute(url_password: str, server: Postgres, database: str, *sql: str) -> None:
    con = psycopg2.connect(
        host=server.host, port=server.port, user=database, password=url_password, dbname=database
    )
    con.autocommit = True
    try:
        with con.cursor() as cur:
            for statement in sql:
                cur.execute(statement)
    finally:
        con.close()


def test_postgres_metadata_round_trip(postgres: Postgres, tmp_path: Path) -> None:
    url, password = postgres.create_owned_database("superset_backup")
    _execute(
        password,
        postgres,
        "superset_backup",
        "create table ab_user (username text primary key, role text)",
        "insert into ab_user values ('admin', 'Admin'), ('dprd', 'DPRD')",
    )
    paths = Paths(tmp_path / "home").ensure()
    open_warehouse(paths.warehouse).close()
    databases = metadata_databases(paths, "", url)
    done = backup(paths, tmp_path / "backup", databases)
    dump = done.folder / "metadata" / "superset.pgdump"
    assert dump.read_bytes()[:5] == b"PGDMP"
    assert password not in (done.folder / "manifest.json").read_text()
    assert password.encode() not in dump.read_bytes()
    described = json.loads((done.folder / "manifest.json").read_text())["databases"]
    assert described["superset"]["kind"] == "postgresql" and described["superset"]["backed_up"]
    assert described["airflow"]["backed_up"] is False  # no Airflow in this home

    _execute(
        password,
        postgres,
        "superset_backup",
        "delete from ab_user where username = 'dprd'",
        "create table stray (x int)",
    )
    restore(done.folder, paths, databases)
    assert _rows(postgres, "superset_backup", password) == [("admin", "Admin"), ("dprd", "DPRD")]

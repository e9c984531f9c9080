"""The security stamp on PostgreSQL (Superset's metadata database in the compose topology):
the same changes as on SQLite renew it or leave it alone, plus TRUNCATE; installed as the
database's owner (as the roles script runs in superset-init), re-runnable."""

from __future__ import annotations

import psycopg2
from sqlalchemy import create_engine

from dashboards.in_superset.security_stamp import read
from tests.dashboards.security_stamp_cases import check_changes, create_schema, trigger_count
from tests.deployment.postgres import Postgres


def test_every_permission_change_renews_the_stamp_on_postgres(postgres: Postgres) -> None:
    url, password = postgres.create_owned_database("superset_stamp")

    def execute(sql: str) -> None:  # another connection, outside SQLAlchemy
        con = psycopg2.connect(
            host=postgres.host,
            port=postgres.port,
            user="superset_stamp",
            password=password,
            dbname="superset_stamp",
        )
        con.autocommit = True
        try:
            with con.cursor() as cur:
                cur.execute(sql)
        finally:
            con.close()

    create_schema(execute)
    engine = create_engine(url)
    try:
        assert check_changes(engine, execute) == []
        ours = "select count(*) from pg_trigger where tgname like 'smartprov_stamp_%'"
        assert trigger_count(engine, ours) == 4  # one statement-level trigger per ab_* table
        with engine.connect() as connection:
            before = read(connection)
        execute("truncate ab_user_role")
        with engine.connect() as connection:
            assert read(connection) != before
    finally:
        engine.dispose()

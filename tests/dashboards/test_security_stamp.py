"""The security stamp on SQLite (the embedded metadata database): database triggers renew it on
every change to users, roles and permissions, whoever makes it, and leave it alone for a login's
bookkeeping and for everything else (dashboards/in_superset/security_stamp.py). The
PostgreSQL twin is tests/deployment/test_security_stamp_postgres.py; the security manager that
reads it, in the live Superset, test_superset_load_path_live.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine

from dashboards.in_superset import security_stamp
from tests.dashboards.security_stamp_cases import check_changes, create_schema, trigger_count


def test_every_permission_change_renews_the_stamp(tmp_path: Path) -> None:
    path = tmp_path / "superset.db"

    def execute(sql: str) -> None:  # another connection, outside SQLAlchemy
        with sqlite3.connect(path) as connection:
            connection.execute(sql)

    create_schema(execute)
    engine = create_engine(f"sqlite:///{path}")
    assert check_changes(engine, execute) == []
    # re-running install replaced the triggers instead of adding a second set
    count = "select count(*) from sqlite_master where type = 'trigger'"
    assert trigger_count(engine, count) == 3 * 4  # insert, delete, update on each ab_* table
    engine.dispose()


def test_without_the_stamp_nothing_is_read(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with engine.connect() as connection:
        assert security_stamp.read(connection) is None
    engine.dispose()


def test_other_databases_get_nothing_installed() -> None:
    class Dialect:
        name = "mysql"

    class Connection:
        dialect = Dialect()

        def exec_driver_sql(self, sql: str) -> None:
            raise AssertionError(f"nothing may run on an unsupported database: {sql}")

    assert security_stamp.install(Connection()) == []

"""What renews the security stamp and what does not, on any database the stamp supports: a
miniature of Flask-AppBuilder's tables, the stamp installed on it, then changes made through a
plain connection (as an administrator's SQL or another process would). Shared by the SQLite test
(test_security_stamp.py) and the PostgreSQL one (tests/deployment)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, text

from dashboards.in_superset import security_stamp

SCHEMA = (
    "create table ab_role (id integer primary key, name varchar(64))",
    "create table ab_user (id integer primary key, username varchar(64), active boolean,"
    " last_login timestamp, login_count integer, fail_login_count integer,"
    " changed_on timestamp, changed_by_fk integer)",
    "create table ab_user_role (id integer primary key, user_id integer, role_id integer)",
    'create table "ab_odd ""name" (id integer primary key)',  # quoted, never spliced raw
    "create table slices (id integer primary key, slice_name varchar(64))",
    "insert into ab_role values (1, 'DPRD'), (2, 'Kota Tegal')",
    "insert into ab_user values (1, 'dprd', true, null, 0, 0, null, null)",
    "insert into ab_user_role values (1, 1, 1)",
)

# (what an administrator or a login does, whether the stamp must change)
CHANGES: tuple[tuple[str, str, bool], ...] = (
    ("a role given", "insert into ab_user_role values (2, 1, 2)", True),
    ("a role taken away", "delete from ab_user_role where id = 2", True),
    ("a role renamed", "update ab_role set name = 'Kota Tegal 2' where id = 2", True),
    ("a user deactivated", "update ab_user set active = false where id = 1", True),
    ("a user added", "insert into ab_user values (2, 'x', true, null, 0, 0, null, null)", True),
    ("a user deleted", "delete from ab_user where id = 2", True),
    ("an odd-named table", 'insert into "ab_odd ""name" values (1)', True),
    (
        "a login's bookkeeping",
        "update ab_user set last_login = current_timestamp, login_count = login_count + 1,"
        " fail_login_count = 0, changed_on = current_timestamp where id = 1",
        False,
    ),
    ("a chart renamed", "update slices set slice_name = 'y' where id = 1", False),
)


def stamp(engine: Engine) -> int:
    with engine.connect() as connection:
        value = security_stamp.read(connection)
    assert value is not None
    return value


def check_changes(engine: Engine, execute: Callable[[str], None]) -> list[str]:
    """Install twice (re-runnable), then apply each change; return the ones that misbehaved."""
    for _ in range(2):
        with engine.begin() as connection:
            watched = security_stamp.install(connection)
    assert watched == sorted(['ab_odd "name', "ab_role", "ab_user", "ab_user_role"])
    wrong = []
    for what, sql, renews in CHANGES:
        before = stamp(engine)
        execute(sql)
        if (stamp(engine) != before) != renews:
            wrong.append(f"{what}: expected {'a new' if renews else 'the same'} stamp")
    return wrong


def create_schema(execute: Callable[[str], None]) -> None:
    for statement in SCHEMA:
        execute(statement)


def trigger_count(engine: Engine, sql: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar() or 0)

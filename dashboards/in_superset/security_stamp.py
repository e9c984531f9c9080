"""A stamp in Superset's metadata database that changes whenever a role or permission does.

Superset's users, roles, groups and permissions live in Flask-AppBuilder's ``ab_*`` tables.
:func:`install` adds a one-row table ``smartprov_security_stamp`` and database triggers on every
``ab_*`` table that give the stamp a new random value whenever a row is inserted, deleted or
changed — whoever changes it: Superset's UI or API, ``superset fab``, the roles script
(``dashboards.in_superset.security``), a restore, or SQL typed by hand. The security manager
(``permissions.py``) keeps permission answers across requests only while the stamp it reads at
the start of a request is the one they were computed under, so a role taken away still applies
from the very next request.

Left out on purpose: a login's bookkeeping in ``ab_user`` (last login, login counts, the audit
columns written with them). A plenary's 50 logins would otherwise discard every worker's answers
50 times; none of these columns decides a permission.

Random values, not a counter: a restored database (or a second one behind the same server) can
never present a stamp a worker has already seen for different contents.

Runs in the Superset environment, on SQLite (the embedded default) and PostgreSQL (compose);
every table and column name is quoted by the database's own dialect. Re-runnable: each run
drops and recreates the triggers, so tables or columns added by a Superset upgrade are covered.
On any other database nothing is installed and the security manager remembers answers within
one request only.
"""

from __future__ import annotations

from typing import Any

STAMP_TABLE = "smartprov_security_stamp"
TRIGGER_PREFIX = "smartprov_stamp_"
WATCHED_PREFIX = "ab_"
# ab_user columns written by a login (Flask-AppBuilder's update_user_auth_stat and AuditMixin)
LOGIN_BOOKKEEPING = frozenset(
    {"last_login", "login_count", "fail_login_count", "changed_on", "changed_by_fk"}
)
READ_STAMP = f"SELECT stamp FROM {STAMP_TABLE} WHERE id = 1"  # a constant name, no input
DIALECTS = ("sqlite", "postgresql")


def watched_tables(connection: Any) -> dict[str, list[str] | None]:
    """Every ``ab_*`` table with the columns whose change renews the stamp: None for every
    column; for ``ab_user``, all but a login's bookkeeping."""
    from sqlalchemy import inspect

    inspector = inspect(connection)
    tables = [t for t in sorted(inspector.get_table_names()) if t.startswith(WATCHED_PREFIX)]
    watched: dict[str, list[str] | None] = dict.fromkeys(tables)
    if "ab_user" in watched:
        columns = [column["name"] for column in inspector.get_columns("ab_user")]
        watched["ab_user"] = [c for c in columns if c not in LOGIN_BOOKKEEPING]
    return watched


def install(connection: Any) -> list[str]:
    """Create (or recreate) the stamp and its triggers; return the watched tables.

    ``connection`` is a SQLAlchemy connection inside a transaction (the caller commits)."""
    dialect = connection.dialect.name
    if dialect not in DIALECTS:
        return []
    quote = connection.dialect.identifier_preparer.quote
    tables = watched_tables(connection)
    statements = _sqlite(tables, quote) if dialect == "sqlite" else _postgresql(tables, quote)
    for statement in statements:
        connection.exec_driver_sql(statement)
    return list(tables)


def installed(connection: Any) -> bool:
    from sqlalchemy import inspect

    return inspect(connection).has_table(STAMP_TABLE)


def current(connection: Any) -> int | None:
    """The stamp's value (the table must be installed)."""
    from sqlalchemy import text

    return connection.execute(text(READ_STAMP)).scalar()


def read(connection: Any) -> int | None:
    """The current stamp, or None when it is not installed."""
    return current(connection) if installed(connection) else None


def _update_event(table: str, columns: list[str] | None, quote: Any) -> str:
    """``UPDATE``, or ``UPDATE OF`` the watched columns when only some are."""
    if columns is None:
        return "UPDATE"
    return "UPDATE OF " + ", ".join(quote(column) for column in columns)


def _sqlite(tables: dict[str, list[str] | None], quote: Any) -> list[str]:
    renew = f"UPDATE {STAMP_TABLE} SET stamp = random();"
    statements = [
        f"CREATE TABLE IF NOT EXISTS {STAMP_TABLE} "
        "(id INTEGER PRIMARY KEY CHECK (id = 1), stamp BIGINT NOT NULL)",
        f"INSERT OR IGNORE INTO {STAMP_TABLE} (id, stamp) VALUES (1, random())",
    ]
    for table, columns in tables.items():
        for event, what in (
            ("insert", "INSERT"),
            ("delete", "DELETE"),
            ("update", _update_event(table, columns, quote)),
        ):
            name = quote(f"{TRIGGER_PREFIX}{table}_{event}")
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {what} ON {quote(table)} BEGIN {renew} END",
            ]
    return statements


def _postgresql(tables: dict[str, list[str] | None], quote: Any) -> list[str]:
    function = f"{STAMP_TABLE}_renew"
    statements = [
        f"CREATE TABLE IF NOT EXISTS {STAMP_TABLE} "
        "(id integer PRIMARY KEY CHECK (id = 1), stamp bigint NOT NULL)",
        f"INSERT INTO {STAMP_TABLE} (id, stamp) "
        "VALUES (1, (random() * 9e18)::bigint) ON CONFLICT (id) DO NOTHING",
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN UPDATE {STAMP_TABLE} SET stamp = (random() * 9e18)::bigint; RETURN NULL; END $$",
    ]
    for table, columns in tables.items():
        name, update = quote(f"{TRIGGER_PREFIX}{table}"), _update_event(table, columns, quote)
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {quote(table)}",
            f"CREATE TRIGGER {name} AFTER INSERT OR DELETE OR TRUNCATE OR {update} "
            f"ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ]
    return statements

"""What the project's Superset configuration does on the chart-data path (Superset environment):

    .venv-superset/bin/python tests/dashboards/load_path_probe.py REGENCY_ROLE

Uses the configuration and metadata database of ``SMARTPROV_HOME`` (the live test's Superset).
Prints one JSON line: the configured event logger, security manager and SQLite settings, the
metadata queries two identical permission checks cost within one request and in the next
request (nothing changed: answered from the worker's memory, only the security stamp read),
what a user sees before and after its regency role is taken away between two requests, and
after it is given back by SQL on a separate connection (as another process or an administrator
would) — a throwaway user, removed at the end.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from typing import Any

from flask import g
from sqlalchemy import event, text

PROBE_USER = "memo_probe"


def main(role: str) -> dict[str, Any]:
    from dashboards.in_superset.app import superset_app

    with superset_app() as app:
        from superset import db
        from superset import security_manager as sm

        perm = next(
            pv.view_menu.name
            for pv in sm.find_role(role).permissions
            if pv.permission.name == "datasource_access"
        )
        user = sm.find_user(username=PROBE_USER) or sm.add_user(
            PROBE_USER,
            "memo",
            "probe",
            "memo_probe@smartprov.invalid",
            [sm.find_role(role)],
            secrets.token_urlsafe(24),
        )
        user.roles = [sm.find_role(role)]
        db.session.commit()
        user_id = user.id
        report: dict[str, Any] = {
            "event_logger": type(app.config["EVENT_LOGGER"]).__name__,
            "security_manager": type(app.appbuilder.sm).__name__,
            "pool": type(db.engine.pool).__name__,
            "journal_mode": db.session.execute(text("PRAGMA journal_mode")).scalar(),
        }
        try:
            report["granted"] = _cost(app, sm, user_id, perm)
            report["granted_again"] = _cost(app, sm, user_id, perm)
            sm.get_user_by_id(user_id).roles = [sm.find_role("Gamma")]
            db.session.commit()
            report["revoked"] = _cost(app, sm, user_id, perm)
            _give_back_by_sql(db.engine.url.database, user_id, sm.find_role(role).id)
            report["given_back_by_sql"] = _cost(app, sm, user_id, perm)
        finally:
            db.session.delete(sm.find_user(username=PROBE_USER))
            db.session.commit()
    return report


def _give_back_by_sql(database: str, user_id: int, role_id: int) -> None:
    """The role given back through sqlite3, outside Superset's SQLAlchemy session and pool."""
    with sqlite3.connect(database) as connection:
        connection.execute(
            "insert into ab_user_role (user_id, role_id) values (?, ?)", (user_id, role_id)
        )


def _cost(app: Any, sm: Any, user_id: int, perm: str) -> dict[str, Any]:
    from superset import db

    statements: list[str] = []
    db.session.remove()  # as at the end of every request: the next one starts a new session

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with app.test_request_context("/api/v1/chart/1/data/"):
            g.user = sm.get_user_by_id(user_id)
            statements.clear()
            first = sm.can_access("datasource_access", perm)
            first_queries = len(statements)
            second = sm.can_access("datasource_access", perm)
            second_queries = len(statements) - first_queries
            names = sm.user_view_menu_names("datasource_access")
            before = len(statements)
            names_again = sm.user_view_menu_names("datasource_access")
            names_again_queries = len(statements) - before
            before = len(statements)
            public = [sm.is_item_public("can_read", "Chart") for _ in range(2)]
            public_queries = len(statements) - before
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return {
        "answers": [first, second],
        "first_queries": first_queries,
        "second_queries": second_queries,
        "names": sorted(names),
        "names_same": names == names_again,
        "names_again_queries": names_again_queries,
        "public": public,
        "public_queries": public_queries,
    }


if __name__ == "__main__":
    import sys

    print(json.dumps(main(sys.argv[1])))

"""Run code inside the Superset application (Superset environment only)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from dashboards import SUPERSET_CONFIG


@contextmanager
def superset_app(username: str | None = None) -> Iterator[Any]:
    """The Superset app context, acting as ``username`` (an admin) when given."""
    os.environ.setdefault("SUPERSET_CONFIG_PATH", str(SUPERSET_CONFIG))
    from superset.app import create_app  # only in the Superset venv

    app = create_app()
    with app.app_context():
        from flask import g
        from superset import security_manager

        if username:
            user = security_manager.find_user(username=username)
            if user is None:
                raise SystemExit(f"no Superset user {username!r}: run `superset fab create-admin`")
            g.user = user
        yield app

"""The throw-away PostgreSQL every deployment test runs against (one server per session)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.deployment.postgres import Postgres, PostgresUnavailable, cleanup, start_postgres


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    try:
        server = start_postgres()
    except PostgresUnavailable as error:
        pytest.fail(f"PostgreSQL server binaries missing: {error}")
    try:
        yield server
    finally:
        cleanup(server)

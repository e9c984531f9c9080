"""Superset's embedded SQLite metadata database under a plenary's load (Superset's config reads
this; no Superset import, so the pipeline's tests read it too).

- WAL mode (readers never wait for the writer; a commit appends to the WAL instead of
  rewriting the file through a rollback journal) with synchronous=NORMAL, WAL's recommended
  setting (a power cut may lose the last commits, never corrupts the file; no fsync per
  commit). Set on every new connection, SQLite connections only (PostgreSQL in compose is
  untouched); WAL persists in the file. Backups use SQLite's online backup API, which reads
  through the WAL; a restore removes the old -wal/-shm (smartprov/backup/metadata.py).
- A pool of connections kept open (SQLAlchemy 1.4 gives file SQLite a NullPool: a new
  connection per session, and closing the last one checkpointed and removed the WAL, a few
  milliseconds each time), as SQLAlchemy 2 does by default; sqlite3 objects may then move
  between gunicorn's threads (check_same_thread off; a pooled connection is used by one
  thread at a time). A writer waits up to 30 s for the lock instead of failing at once.

The pragmas are run by the pool's ``creator`` on each new connection, not by a listener on every
SQLAlchemy engine: the pipeline's tests read Superset's config too, and their own SQLite
databases must stay untouched.
"""

from __future__ import annotations

SQLITE_PRAGMAS = ("journal_mode=WAL", "synchronous=NORMAL")
SQLITE_POOL_SIZE = 8  # = gunicorn threads per worker (dashboards/server.py THREADS)


def _sqlite_connect(database: str) -> object:
    """A connection to the metadata file, with the pragmas above."""
    import sqlite3

    connection = sqlite3.connect(database, timeout=30, check_same_thread=False)
    for pragma in SQLITE_PRAGMAS:
        connection.execute(f"PRAGMA {pragma}")
    return connection


def sqlite_engine_options(uri: str) -> dict:
    """``SQLALCHEMY_ENGINE_OPTIONS`` for a SQLite metadata file ``sqlite:///PATH``."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import QueuePool

    database = make_url(uri).database or ""
    return {
        "poolclass": QueuePool,
        "pool_size": SQLITE_POOL_SIZE,
        "max_overflow": SQLITE_POOL_SIZE,
        "creator": lambda: _sqlite_connect(database),
    }

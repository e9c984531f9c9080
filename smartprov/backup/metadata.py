"""Airflow's and Superset's metadata databases: copied out consistently and put back whole.

A metadata database is named by its SQLAlchemy URI (Airflow's ``sql_alchemy_conn``, Superset's
``SQLALCHEMY_DATABASE_URI``):

- SQLite (the embedded default): copied with SQLite's online backup API, a consistent snapshot
  even while Airflow or Superset write to it; restored by writing a new file beside the old one
  and renaming it into place.
- PostgreSQL (the compose topology): ``pg_dump --format=custom``; restored with ``pg_restore
  --clean --if-exists --single-transaction`` (all or nothing). The password goes to the client
  through ``PGPASSWORD``, never on a command line, and never into the manifest.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

DUMP_TIMEOUT = 3600  # seconds; the metadata databases are small, this only bounds a hang


class MetadataError(RuntimeError):
    """A metadata database could not be dumped or restored; one line for the operator."""


@dataclass(frozen=True)
class Database:
    """One metadata database, parsed from its SQLAlchemy URI."""

    name: str  # airflow | superset
    kind: str  # sqlite | postgresql
    path: Path | None = None  # SQLite file
    host: str = ""
    port: int = 5432
    user: str = ""
    password: str = ""
    dbname: str = ""

    @classmethod
    def from_uri(cls, name: str, uri: str) -> Database:
        scheme = uri.split(":", 1)[0].split("+", 1)[0].lower()
        if scheme == "sqlite":
            # sqlite:////abs/path.db (absolute) or sqlite:///relative.db
            raw = uri.split(":///", 1)[1] if ":///" in uri else ""
            if not raw or raw.startswith(":memory:"):
                raise MetadataError(f"{name}: an in-memory SQLite database cannot be backed up")
            return cls(name, "sqlite", path=Path(raw.split("?", 1)[0]).resolve())
        if scheme in {"postgresql", "postgres"}:
            parts = urlsplit(uri)
            return cls(
                name,
                "postgresql",
                host=parts.hostname or "localhost",
                port=parts.port or 5432,
                user=unquote(parts.username or ""),
                password=unquote(parts.password or ""),
                dbname=parts.path.lstrip("/"),
            )
        raise MetadataError(f"{name}: {scheme!r} metadata databases are not supported")

    @property
    def file_name(self) -> str:
        return f"{self.name}.sqlite" if self.kind == "sqlite" else f"{self.name}.pgdump"

    def exists(self) -> bool:
        return self.kind == "postgresql" or bool(self.path and self.path.exists())

    def describe(self) -> dict[str, object]:
        """What the manifest records: never the password."""
        if self.kind == "sqlite":
            return {"kind": "sqlite", "path": str(self.path)}
        return {"kind": "postgresql", "host": self.host, "port": self.port, "dbname": self.dbname}


def _client(program: str) -> str:
    """pg_dump / pg_restore: PATH first, then Debian's versioned folders (newest first)."""
    found = shutil.which(program)
    if found:
        return found
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        candidate = Path(folder) / program
        if candidate.exists():
            return str(candidate)
    raise MetadataError(f"{program} not found: install the PostgreSQL client (postgresql-client)")


def _pg(db: Database, program: str, *args: str) -> None:
    env = {**os.environ, "PGPASSWORD": db.password, "PGCONNECT_TIMEOUT": "10"}
    command = [_client(program), "--host", db.host, "--port", str(db.port)]
    command += ["--username", db.user, "--no-password", "--dbname", db.dbname, *args]
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=DUMP_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        raise MetadataError(f"{db.name}: {program} did not finish in {DUMP_TIMEOUT} s") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise MetadataError(f"{db.name}: {program} failed: {last}")


def dump(db: Database, target: Path) -> None:
    """Write a consistent copy of ``db`` to ``target``."""
    if db.kind == "sqlite":
        assert db.path is not None
        source = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return
    _pg(db, "pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target))


def check(db: Database, dumped: Path) -> str:
    """A cheap check that a dumped file is what it claims; returns its schema revision."""
    if db.kind == "sqlite":
        con = sqlite3.connect(f"file:{dumped}?mode=ro", uri=True)
        try:
            if con.execute("pragma quick_check").fetchone()[0] != "ok":
                raise MetadataError(f"{db.name}: {dumped.name} fails SQLite's quick_check")
            return _alembic_revision(con)
        finally:
            con.close()
    with dumped.open("rb") as handle:
        if handle.read(5) != b"PGDMP":
            raise MetadataError(f"{db.name}: {dumped.name} is not a pg_dump custom archive")
    return ""


def _alembic_revision(con: sqlite3.Connection) -> str:
    try:
        row = con.execute("select version_num from alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return ""
    return row[0] if row else ""


def restore(db: Database, dumped: Path) -> None:
    """Put ``dumped`` back as ``db`` (SQLite: a rename; PostgreSQL: one transaction)."""
    if db.kind == "sqlite":
        assert db.path is not None
        db.path.parent.mkdir(parents=True, exist_ok=True)
        staged = db.path.with_name(db.path.name + ".restoring")
        shutil.copyfile(dumped, staged)
        os.chmod(staged, 0o600)
        # a journal of the database being replaced must not be replayed onto the restored one
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{db.path}{suffix}").unlink(missing_ok=True)
        os.replace(staged, db.path)
        return
    _pg(
        db,
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        str(dumped),
    )

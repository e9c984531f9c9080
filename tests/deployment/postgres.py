"""A throw-away PostgreSQL server for the deployment tests: no Docker, the server binaries only.

``initdb`` refuses to run as root, so when the tests run as root the server runs as an
unprivileged account (``postgres`` when the machine has it, else one created with ``useradd``).
The cluster lives in a fresh directory under the system temp dir (the pytest temp dirs are
private to root), listens on a free loopback port only, uses password (SCRAM) authentication
over TCP like the production set-up, and is stopped and removed afterwards.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SERVER_USER_FALLBACK = "smartprov-pg"
START_TIMEOUT = 60  # seconds pg_ctl waits for the server to accept connections
SUPERUSER = "smartprov"


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL server binaries are not on this machine."""


def find_bindir() -> Path:
    """The directory holding initdb and pg_ctl (PATH first, then Debian's versioned dirs)."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    raise PostgresUnavailable("no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_account() -> str | None:
    """The account to run the server as: None when not root, else an unprivileged one."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", SERVER_USER_FALLBACK):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    subprocess.run(
        [
            "useradd",
            "--system",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
            SERVER_USER_FALLBACK,
        ],
        check=True,
        capture_output=True,
    )
    return SERVER_USER_FALLBACK


@dataclass
class Postgres:
    """A running throw-away server; ``url``/``dsn`` give a client what it needs."""

    bindir: Path
    root: Path
    port: int
    account: str | None
    password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    host: str = "127.0.0.1"
    user: str = SUPERUSER

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        return self.root / "server.log"

    def _as_server(self, args: list[str]) -> list[str]:
        return ["runuser", "-u", self.account, "--", *args] if self.account else args

    def _run(self, *args: str, timeout: float = 120) -> None:
        done = subprocess.run(
            self._as_server(list(args)),
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.root,
        )
        if done.returncode != 0:
            log = self.logfile.read_text() if self.logfile.exists() else ""
            raise RuntimeError(f"{args[0]} failed:\n{done.stdout}\n{done.stderr}\n{log[-3000:]}")

    def start(self) -> Postgres:
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n")
        if self.account:
            account = pwd.getpwnam(self.account)
            os.chown(self.root, account.pw_uid, account.pw_gid)
            os.chown(pwfile, account.pw_uid, account.pw_gid)
        self._run(
            str(self.bindir / "initdb"),
            "--pgdata",
            str(self.datadir),
            "--username",
            self.user,
            "--pwfile",
            str(pwfile),
            "--auth-host",
            "scram-sha-256",
            "--auth-local",
            "scram-sha-256",
            "--encoding",
            "UTF8",
            "--locale",
            "C",
        )
        pwfile.unlink()
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=200 -c shared_buffers=128MB"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "--pgdata",
            str(self.datadir),
            "--log",
            str(self.logfile),
            "--options",
            options,
            "--wait",
            "--timeout",
            str(START_TIMEOUT),
            "start",
            timeout=START_TIMEOUT + 30,
        )
        return self

    def stop(self) -> None:
        if (self.datadir / "postmaster.pid").exists():
            self._run(
                str(self.bindir / "pg_ctl"),
                "--pgdata",
                str(self.datadir),
                "--mode",
                "fast",
                "--wait",
                "--timeout",
                "30",
                "stop",
                timeout=60,
            )

    def dsn(self, database: str = "postgres") -> str:
        return (
            f"host={self.host} port={self.port} user={self.user} "
            f"password={self.password} dbname={database}"
        )

    def url(self, database: str, driver: str = "psycopg2") -> str:
        return (
            f"postgresql+{driver}://{self.user}:{self.password}@{self.host}:{self.port}/{database}"
        )

    def create_owned_database(self, name: str) -> tuple[str, str]:
        """A login role and a database it owns, both called ``name`` (as docker/postgres-init.sh
        does for Airflow and Superset). Returns (SQLAlchemy URL, password)."""
        import psycopg2

        password = secrets.token_urlsafe(16)
        con = psycopg2.connect(self.dsn())
        con.autocommit = True
        try:
            with con.cursor() as cur:
                cur.execute(f'create role "{name}" login password %s', [password])
                cur.execute(f'create database "{name}" owner "{name}"')
        finally:
            con.close()
        url = f"postgresql+psycopg2://{name}:{password}@{self.host}:{self.port}/{name}"
        return url, password

    def scalar(self, database: str, sql: str) -> object:
        import psycopg2

        con = psycopg2.connect(self.dsn(database))
        try:
            with con.cursor() as cur:
                cur.execute(sql)
                return cur.fetchone()[0]
        finally:
            con.close()

    def create_database(self, name: str) -> str:
        import psycopg2

        con = psycopg2.connect(self.dsn())
        con.autocommit = True
        try:
            with con.cursor() as cur:
                cur.execute(f'create database "{name}"')
        finally:
            con.close()
        return name


def start_postgres() -> Postgres:
    """Start a new server in a fresh temp directory; the caller stops it (``stop``/``cleanup``)."""
    bindir = find_bindir()
    root = Path(tempfile.mkdtemp(prefix="smartprov-pg-"))
    server = Postgres(bindir=bindir, root=root, port=free_port(), account=server_account())
    try:
        return server.start()
    except BaseException:
        cleanup(server)
        raise


def cleanup(server: Postgres) -> None:
    try:
        server.stop()
    finally:
        shutil.rmtree(server.root, ignore_errors=True)

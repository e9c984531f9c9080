"""Reporter identity is personal data (UU 27/2022): it is replaced by a keyed hash before it is
stored. The key comes from ``SMARTPROV_PII_KEY``; without it, a random key is created once in
``$SMARTPROV_HOME/secrets/pii.key`` (never in the repository)."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

import duckdb

from smartprov.settings import Paths

FUNCTION = "pelapor_key"


def secret_key(home: Path | None = None) -> bytes:
    from_env = os.environ.get("SMARTPROV_PII_KEY")
    if from_env:
        return from_env.encode()
    key_file = (Paths(home) if home else Paths.from_env()).pii_key
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip().encode()


def keyed_hash(key: bytes, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    normalised = "".join(value.split()).lower()
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()


def register(con: duckdb.DuckDBPyConnection, home: Path | None = None) -> None:
    """Make ``pelapor_key(text)`` available in SQL on this connection."""
    key = secret_key(home)
    with contextlib.suppress(duckdb.InvalidInputException, duckdb.CatalogException):
        con.remove_function(FUNCTION)
    con.create_function(
        FUNCTION,
        lambda value: keyed_hash(key, value),
        ["VARCHAR"],
        "VARCHAR",
        null_handling="special",
        side_effects=False,
    )

"""Reporter identity is personal data (UU 27/2022): it is replaced by a keyed hash before it is
stored.

The key comes from ``SMARTPROV_PII_KEY`` (at least 32 bytes, not a placeholder). Only in demo
mode (``SMARTPROV_DEMO=1``) may it be missing: then a random key is created once, 0600, in
``$SMARTPROV_HOME/secrets/pii.key`` (never in the repository). The key's fingerprint (an HMAC of
a constant) is kept in ``audit.pii_key``: a different key would split every reporter in two, so
a mismatch stops the ingest.

Each field is normalised before hashing (NIK: digits; phone: E.164 ``62…``; e-mail: lower
case) and keyed as ``<field>:<value>``; a malformed value is no identity (the row is
quarantined by the rules) and a name alone never identifies a reporter.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import secrets
from datetime import datetime
from pathlib import Path

import duckdb

from smartprov.base import settings
from smartprov.base.secrets import DEMO_ENV, InsecureSecretError, check_secret, is_demo
from smartprov.base.settings import Paths

FUNCTION = "pelapor_key"
NORMALISE = "pelapor_normal"
KEY_ENV = settings.PII_KEY.name
_PLACEHOLDER = re.compile(r"(change.?me|placeholder|replace.?me|your.?key|todo|x{4,}|\*{4,})", re.I)
_FINGERPRINT_INPUT = b"smartprov pii key fingerprint v1"


class PiiKeyError(RuntimeError):
    """The pseudonymisation key is missing, weak, or not the one this warehouse was hashed with."""


def _check_strength(key: bytes) -> None:
    """The platform's one secret check (smartprov.base.secrets), plus this key's own
    placeholders."""
    text = key.decode(errors="replace")
    try:
        check_secret(KEY_ENV, text, demo=False)
    except InsecureSecretError as error:
        raise PiiKeyError(str(error)) from None
    if _PLACEHOLDER.search(text):
        raise PiiKeyError(f"{KEY_ENV} looks like a placeholder: set a private random value")


def _demo_key(key_file: Path) -> bytes:
    """The demo key file, created 0600 and all at once (no other process sees half a key)."""
    if not key_file.exists():
        key_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = key_file.with_name(f".{key_file.name}.{secrets.token_hex(4)}")
        handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(handle, secrets.token_hex(32).encode())
            os.fsync(handle)
        finally:
            os.close(handle)
        with contextlib.suppress(FileExistsError):  # another process was first: keep theirs
            os.link(partial, key_file)
        partial.unlink()
    return key_file.read_text().strip().encode()


def secret_key(home: Path | None = None) -> bytes:
    from_env = settings.PII_KEY.get()
    if from_env:
        key = from_env.encode()
        if not is_demo():
            _check_strength(key)
        return key
    if not is_demo():
        raise PiiKeyError(
            f"{KEY_ENV} is not set: ingest needs the pseudonymisation key "
            f"({DEMO_ENV}=1 creates a local one for a demo)"
        )
    return _demo_key((Paths(home) if home else Paths.from_env()).pii_key)


def fingerprint(key: bytes) -> str:
    """Names the key without revealing it."""
    return hmac.new(key, _FINGERPRINT_INPUT, hashlib.sha256).hexdigest()


_PHONE = re.compile(r"(?:\+?62|0)(8[0-9]{7,12})")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def normalise(field: str, value: str | None) -> str | None:
    """The canonical form of one identity field, or None when it is empty or malformed."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if field == "nik":
        digits = re.sub(r"[\s.\-]", "", text)
        return digits if re.fullmatch(r"[0-9]{16}", digits) else None
    if field == "telepon":
        match = _PHONE.fullmatch(re.sub(r"[\s().\-]", "", text))
        return "62" + match.group(1) if match else None
    if field == "email":
        return text.lower() if _EMAIL.fullmatch(text) else None
    raise ValueError(f"no identity field {field!r}")


def keyed_hash(key: bytes, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def _check_fingerprint(con: duckdb.DuckDBPyConnection, key: bytes) -> None:
    mine = fingerprint(key)
    rows = con.execute("select fingerprint from audit.pii_key").fetchall()
    if not rows:
        con.execute("insert into audit.pii_key values (?, ?)", [mine, datetime.now()])
    elif rows[0][0] != mine:
        raise PiiKeyError(
            f"{KEY_ENV} is not the key this warehouse was pseudonymised with "
            f"(fingerprint {mine[:12]}, expected {rows[0][0][:12]}): ingest stopped"
        )


def register(con: duckdb.DuckDBPyConnection, home: Path | None = None) -> None:
    """Make ``pelapor_normal(field, text)`` and ``pelapor_key(text)`` available in SQL on this
    connection, after checking the key against the warehouse's fingerprint."""
    key = secret_key(home)
    _check_fingerprint(con, key)
    for name in (FUNCTION, NORMALISE):
        with contextlib.suppress(duckdb.InvalidInputException, duckdb.CatalogException):
            con.remove_function(name)
    con.create_function(
        FUNCTION,
        lambda value: keyed_hash(key, value),
        ["VARCHAR"],
        "VARCHAR",
        null_handling="special",
        side_effects=False,
    )
    con.create_function(
        NORMALISE,
        normalise,
        ["VARCHAR", "VARCHAR"],
        "VARCHAR",
        null_handling="special",
        side_effects=False,
    )

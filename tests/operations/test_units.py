"""Small rules of the operations code: which errors are the disk's, which Airflow users the
settings ask for."""

from __future__ import annotations

import errno
import os

import duckdb
import pytest

from smartprov.base.disk import write_error
from smartprov.base.secrets import InsecureSecretError
from smartprov.orchestration.users import DEMO_PASSWORD, configured_logins


def test_write_errors_are_told_apart() -> None:
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/data/serving.duckdb.tmp")
    assert write_error(full) == "No space left on device (/data/serving.duckdb.tmp)"
    quoted = duckdb.IOException('Could not write file "/d/w.duckdb.wal": No space left on device')
    assert "No space left on device" in (write_error(quoted) or "")
    read_only = OSError(errno.EROFS, os.strerror(errno.EROFS))
    assert write_error(read_only) == os.strerror(errno.EROFS)
    try:
        try:
            raise full
        except OSError as cause:
            raise RuntimeError("publish failed") from cause
    except RuntimeError as wrapped:
        assert write_error(wrapped) is not None  # found through the cause
    assert write_error(OSError(errno.ENOENT, "No such file or directory")) is None
    assert write_error(ValueError("bad row 3 of x.csv")) is None
    assert write_error(duckdb.CatalogException("Table with name x does not exist")) is None


def test_airflow_users_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for role in ("ADMIN", "OP", "VIEWER"):
        monkeypatch.delenv(f"SMARTPROV_AIRFLOW_{role}_PASSWORD", raising=False)
        monkeypatch.delenv(f"SMARTPROV_AIRFLOW_{role}_USER", raising=False)
    monkeypatch.delenv("SMARTPROV_DEMO", raising=False)
    assert configured_logins() == []  # outside the demo: only users with a password

    monkeypatch.setenv("SMARTPROV_AIRFLOW_OP_USER", "budi")
    monkeypatch.setenv("SMARTPROV_AIRFLOW_OP_PASSWORD", "x" * 8 + "-a-long-operator-password-123")
    (op,) = configured_logins()
    assert (op.username, op.role, op.is_demo_default) == ("budi", "Op", False)

    monkeypatch.setenv("SMARTPROV_AIRFLOW_VIEWER_PASSWORD", "short")
    with pytest.raises(InsecureSecretError, match="SMARTPROV_AIRFLOW_VIEWER_PASSWORD"):
        configured_logins()
    monkeypatch.setenv("SMARTPROV_AIRFLOW_VIEWER_PASSWORD", DEMO_PASSWORD)
    with pytest.raises(InsecureSecretError, match="demo value"):
        configured_logins()  # the demo password, outside the demo

    monkeypatch.delenv("SMARTPROV_AIRFLOW_VIEWER_PASSWORD")
    monkeypatch.setenv("SMARTPROV_DEMO", "1")
    logins = {login.role: login for login in configured_logins()}
    assert set(logins) == {"Admin", "Op", "Viewer"}
    assert logins["Admin"].password == DEMO_PASSWORD and logins["Admin"].is_demo_default
    assert logins["Op"].password != DEMO_PASSWORD  # a set password wins in the demo too
    assert logins["Viewer"].username == "viewer"


def test_the_load_test_stays_on_loopback_and_bounded() -> None:
    import asyncio

    from devtools.bench.superset_load import MAX_SECONDS, MAX_VIEWERS, LoadError, run

    def attempt(url: str, viewers: int = 1, seconds: float = 1.0) -> None:
        asyncio.run(run(url, [("u", "p")], ["ringkasan"], viewers, seconds, "warm"))

    with pytest.raises(LoadError, match="loopback only"):
        attempt("http://superset.jatengprov.go.id")
    with pytest.raises(LoadError, match="viewers"):
        attempt("http://127.0.0.1:9", viewers=MAX_VIEWERS + 1)
    with pytest.raises(LoadError, match="seconds"):
        attempt("http://127.0.0.1:9", seconds=MAX_SECONDS + 1)

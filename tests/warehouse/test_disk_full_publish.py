"""A publication stopped by a full disk: the previous serving stays, no temp file is left, and
the operator reads one line (no traceback).

The disk is made to fail where DuckDB writes the new serving file: the error is the one DuckDB
raises when the operating system refuses a write (``Could not write file "...": No space left on
device``, its message on a full tmpfs), raised after the marts were copied into the new file.
"""

from __future__ import annotations

import errno
import hashlib
import os

import duckdb
import pytest
from click.testing import CliRunner

from smartprov import publish as publish_module
from smartprov.cli import cli


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _full_disk_after_copy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    real = publish_module._write_publication
    written: list[str] = []

    def fails(con, published_at, row_counts):
        (path,) = con.execute(
            "select path from duckdb_databases() where database_name = current_database()"
        ).fetchone()
        written.append(path)
        raise duckdb.IOException(f'Could not write file "{path}": {os.strerror(errno.ENOSPC)}')

    monkeypatch.setattr(publish_module, "_write_publication", fails)
    del real
    return written


def test_full_disk_keeps_the_previous_serving(home_copy, monkeypatch) -> None:
    before = _digest(home_copy.serving)
    written = _full_disk_after_copy(monkeypatch)
    with pytest.raises(publish_module.PublishError, match="No space left on device"):
        publish_module.publish(home_copy)
    assert written and written[0] != str(home_copy.serving)  # it was writing the new file
    assert _digest(home_copy.serving) == before
    assert sorted(home_copy.home.glob("serving.duckdb.tmp-*")) == []


def test_full_disk_is_one_line_for_the_operator(home_copy, monkeypatch) -> None:
    before = _digest(home_copy.serving)
    _full_disk_after_copy(monkeypatch)
    result = CliRunner().invoke(cli, ["--home", str(home_copy.home), "publish"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: serving not published, the disk refused a write")
    assert "previous serving.duckdb is still in place" in lines[0]
    assert _digest(home_copy.serving) == before

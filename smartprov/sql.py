"""Analyst SQL on the serving database: one query for scripts, or Harlequin for people.

Both open ``serving.duckdb`` read-only with external access off and the configuration locked,
like SQL Lab (FIELD-NOTES: ``read_only`` alone still allows ``read_csv('/any/file')``,
``COPY … TO`` and ``ATTACH``). Serving is a different file from the warehouse the pipeline
writes, so both work while a run is in progress.
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import duckdb

# Applied in this order: once external access is off and the configuration locked, no
# statement of the session can turn them back on.
LOCKED_SETTINGS = ("set enable_external_access = false", "set lock_configuration = true")


class SqlError(RuntimeError):
    """The serving database is missing or the query failed."""


def _require(serving: Path) -> None:
    if not serving.exists():
        raise SqlError(f"{serving} does not exist: run `smartprov publish` first")


def connect_locked(serving: Path) -> duckdb.DuckDBPyConnection:
    """Open serving read-only with no file or network access and a locked configuration."""
    _require(serving)
    con = duckdb.connect(str(serving), read_only=True)
    for statement in LOCKED_SETTINGS:
        con.execute(statement)
    return con


def run_query(serving: Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run one statement; returns column names and rows."""
    con = connect_locked(serving)
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        return columns, cursor.fetchall() if columns else []
    except duckdb.Error as error:
        raise SqlError(str(error)) from error
    finally:
        con.close()


def _text(value) -> str:
    return "NULL" if value is None else str(value)


def format_table(columns: Sequence[str], rows: Sequence[tuple]) -> str:
    """A plain aligned text table with a row count, for terminals and scripts."""
    cells = [[_text(v) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    line = "+".join("-" * (w + 2) for w in widths)
    out = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)), line]
    out += [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def format_csv(columns: Sequence[str], rows: Sequence[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue()


def harlequin_bin() -> Path:
    """The ``harlequin`` executable installed beside this Python (the `sql` dependency group)."""
    beside = Path(sys.executable).parent / "harlequin"
    found = beside if beside.exists() else shutil.which("harlequin")
    if not found:
        raise SqlError("harlequin is not installed: run `python3 -m uv sync --locked`")
    return Path(found)


def write_init_script(directory: Path) -> Path:
    """The DuckDB init script Harlequin runs right after connecting (it fails closed)."""
    script = directory / "smartprov-sql-init.sql"
    script.write_text("".join(f"{s};\n" for s in LOCKED_SETTINGS), encoding="utf-8")
    return script


def harlequin_command(serving: Path, init_script: Path) -> list[str]:
    _require(serving)
    return [
        str(harlequin_bin()),
        "--adapter",
        "duckdb",
        "--read-only",
        "--init-path",
        str(init_script),
        str(serving),
    ]


def interactive_tempdir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="smartprov-sql-")

"""Read one delivery file of any accepted variant into a DuckDB temp table of text columns.

The result is always the table ``stage`` with ``_row_number`` (1 = first data row) and one
VARCHAR column per delivered column, named in lower case without surrounding spaces. Typing
and validation happen afterwards in SQL, so every variant goes through the same rules.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path

import duckdb

from ingestion.reasons import FileReason

STAGE = "stage"
MAX_FIELD_BYTES = 32 * 1024 * 1024  # a field this large is read, then rejected by the rules


class FileRejected(Exception):
    """The whole file cannot be loaded; ``reason`` is a FileReason code."""

    def __init__(self, reason: FileReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def normalise_header(name: object) -> str:
    return str(name if name is not None else "").strip().strip("\ufeff").strip().lower()


def _check_columns(columns: Sequence[str], required: Sequence[str]) -> None:
    missing = [c for c in required if c not in columns]
    if missing:
        raise FileRejected(
            FileReason.MISSING_COLUMN,
            f"required column(s) {', '.join(missing)} missing; header has {', '.join(columns)}",
        )


def _decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding) for UTF-8 (with or without BOM) or Windows-1252 input."""
    if b"\x00" in raw[:65536]:
        raise FileRejected(FileReason.UNREADABLE, "binary content (NUL bytes): not a text file")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise FileRejected(
            FileReason.UNREADABLE,
            f"neither UTF-8 nor Windows-1252 text (byte {error.start}): unreadable",
        ) from None


def read_csv(
    con: duckdb.DuckDBPyConnection, path: Path, required: Sequence[str], workdir: Path
) -> list[str]:
    raw = path.read_bytes()
    if not raw.strip():
        raise FileRejected(FileReason.EMPTY, "file is empty (0 bytes)")
    text, encoding = _decode(raw)
    header_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = next(csv.reader([header_line], delimiter=delimiter))
    columns = [normalise_header(h) for h in header]
    _check_columns(columns, required)
    if len(set(columns)) != len(columns):
        raise FileRejected(FileReason.UNREADABLE, f"duplicate column names in header: {header}")
    source = path
    if encoding != "utf-8" or raw.startswith(b"\xef\xbb\xbf"):
        source = workdir / "transcoded.csv"
        source.write_text(text.lstrip("\ufeff"), encoding="utf-8")
    try:
        con.execute(
            f"""
            create or replace temp table {STAGE} as
            select row_number() over () as _row_number, *
            from read_csv(
                $path, delim = $delim, header = true, all_varchar = true,
                quote = '"', escape = '"', null_padding = true, auto_detect = false,
                columns = $types, max_line_size = {MAX_FIELD_BYTES}, strict_mode = false
            )
            """,
            {
                "path": str(source),
                "delim": delimiter,
                "types": {c: "VARCHAR" for c in columns},
            },
        )
    except (duckdb.InvalidInputException, duckdb.ConversionException) as error:
        first_line = str(error).strip().splitlines()[0]
        raise FileRejected(FileReason.UNREADABLE, f"CSV cannot be parsed: {first_line}") from None
    return columns


def read_jsonl(
    con: duckdb.DuckDBPyConnection, path: Path, required: Sequence[str], workdir: Path
) -> list[str]:
    raw = path.read_bytes()
    if not raw.strip():
        raise FileRejected(FileReason.EMPTY, "file is empty (0 bytes)")
    _decode(raw)
    try:
        con.execute(
            """
            create or replace temp table _json_lines as
            select row_number() over () as _row_number, json
            from read_ndjson_objects($path)
            """,
            {"path": str(path)},
        )
        keys = [
            k
            for (k,) in con.execute(
                "select distinct unnest(json_keys(json)) as k from _json_lines order by k"
            ).fetchall()
        ]
    except (duckdb.InvalidInputException, duckdb.ConversionException) as error:
        first_line = str(error).strip().splitlines()[0]
        message = f"JSON Lines cannot be parsed: {first_line}"
        raise FileRejected(FileReason.UNREADABLE, message) from None
    columns = [normalise_header(k) for k in keys]
    _check_columns(columns, required)
    selects = ", ".join(
        f'json_extract_string(json, {_json_path(k)}) as "{c}"'
        for k, c in zip(keys, columns, strict=True)
    )
    con.execute(
        f"create or replace temp table {STAGE} as select _row_number, {selects} from _json_lines"
    )
    con.execute("drop table _json_lines")
    return columns


def _json_path(key: str) -> str:
    escaped = key.replace("'", "''").replace('"', '\\"')
    return f"'$.\"{escaped}\"'"


def _cell_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def read_xlsx(
    con: duckdb.DuckDBPyConnection, path: Path, required: Sequence[str], workdir: Path
) -> list[str]:
    from python_calamine import CalamineWorkbook

    raw = path.read_bytes()
    if not raw:
        raise FileRejected(FileReason.EMPTY, "file is empty (0 bytes)")
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises several error types for broken workbooks
        raise FileRejected(
            FileReason.UNREADABLE, f"not a readable XLSX workbook: {error}"
        ) from None
    rows = [r for r in rows if any(v not in (None, "") for v in r)]
    if not rows:
        raise FileRejected(FileReason.EMPTY, "first sheet is empty")
    columns = [normalise_header(h) for h in rows[0]]
    while columns and columns[-1] == "":
        columns.pop()
    _check_columns(columns, required)
    staged = workdir / "xlsx.csv"
    with staged.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows[1:]:
            writer.writerow([_cell_text(v) for v in list(row)[: len(columns)]])
    return read_csv(con, staged, required, workdir)


READERS = {"csv": read_csv, "jsonl": read_jsonl, "xlsx": read_xlsx}


def read_delivery(
    con: duckdb.DuckDBPyConnection, path: Path, file_format: str, required: Sequence[str]
) -> tuple[list[str], int]:
    """Stage ``path`` into the temp table ``stage``; returns (columns, data rows)."""
    reader = READERS.get(file_format)
    if reader is None:
        raise FileRejected(FileReason.BAD_FILE_NAME, f"unsupported format '.{file_format}'")
    with tempfile.TemporaryDirectory(prefix="smartprov-") as workdir:
        columns = reader(con, path, required, Path(workdir))
    (rows,) = con.execute(f"select count(*) from {STAGE}").fetchone()
    if rows == 0:
        raise FileRejected(FileReason.EMPTY, "header only, no data rows")
    return columns, rows

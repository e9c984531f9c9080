"""Read delivery files of any accepted variant into one DuckDB temp table of text columns.

Each file is first *prepared* (cheap checks in Python: size, encoding, header, required
columns; Windows-1252 files are transcoded and XLSX sheets written out as CSV). Prepared files
that share a layout are then read together by one DuckDB scan into the table ``stage_scan``:
``_file`` (which prepared file), ``_row_number`` (1 = first data row of that file) and one
VARCHAR column per delivered column, named in lower case without surrounding spaces. Typing and
validation happen afterwards in SQL, so every variant goes through the same rules.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import duckdb

from ingestion.reasons import FileReason

STAGE = "stage"  # the scan joined with delivery facts (a view, see loading.check_staged)
SCAN = "stage_scan"  # what the files held, row-numbered per file
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


@dataclass(frozen=True)
class Prepared:
    """A delivery file ready for a DuckDB scan (UTF-8 CSV or JSON Lines)."""

    key: str  # the path DuckDB reads; identifies the file in ``stage._file``
    kind: str  # csv | jsonl
    delimiter: str = ","
    columns: tuple[str, ...] = ()  # normalised header (CSV)

    @property
    def layout(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.kind, self.delimiter, self.columns)


@dataclass
class Staged:
    """What one scan put into ``stage``."""

    columns: list[str]
    rows: dict[str, int]  # data rows per prepared file (missing = none)
    rejected: dict[str, FileRejected] = field(default_factory=dict)


def _prepare_csv(path: Path, required: Sequence[str], workdir: Path) -> Prepared:
    raw = path.read_bytes()
    if not raw.strip():
        raise FileRejected(FileReason.EMPTY, "file is empty (0 bytes)")
    text, encoding = _decode(raw)
    header_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = next(csv.reader([header_line], delimiter=delimiter))
    columns = tuple(normalise_header(h) for h in header)
    _check_columns(columns, required)
    if len(set(columns)) != len(columns):
        raise FileRejected(FileReason.UNREADABLE, f"duplicate column names in header: {header}")
    source = path
    if encoding != "utf-8":
        source = workdir / f"{uuid.uuid4().hex}.csv"
        source.write_text(text, encoding="utf-8")
    return Prepared(str(source), "csv", delimiter, columns)


def _prepare_jsonl(path: Path, required: Sequence[str], workdir: Path) -> Prepared:
    raw = path.read_bytes()
    if not raw.strip():
        raise FileRejected(FileReason.EMPTY, "file is empty (0 bytes)")
    _decode(raw)
    return Prepared(str(path), "jsonl")


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


def _prepare_xlsx(path: Path, required: Sequence[str], workdir: Path) -> Prepared:
    from python_calamine import CalamineWorkbook

    raw = path.read_bytes()
    if not raw:
        raise FileRejected(FileReason.EMPTY, "file is empty (0 bytes)")
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises several error types for broken workbooks
        message = f"not a readable XLSX workbook: {error}"
        raise FileRejected(FileReason.UNREADABLE, message) from None
    rows = [r for r in rows if any(v not in (None, "") for v in r)]
    if not rows:
        raise FileRejected(FileReason.EMPTY, "first sheet is empty")
    columns = [normalise_header(h) for h in rows[0]]
    while columns and columns[-1] == "":
        columns.pop()
    _check_columns(columns, required)
    staged = workdir / f"{uuid.uuid4().hex}.csv"
    with staged.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows[1:]:
            writer.writerow([_cell_text(v) for v in list(row)[: len(columns)]])
    return _prepare_csv(staged, required, workdir)


PREPARERS = {
    "csv": _prepare_csv,
    "jsonl": _prepare_jsonl,
    "json": _prepare_jsonl,
    "xlsx": _prepare_xlsx,
}


def prepare(path: Path, file_format: str, required: Sequence[str], workdir: Path) -> Prepared:
    """Check one file and make it scannable; raises FileRejected for a whole-file problem."""
    preparer = PREPARERS.get(file_format)
    if preparer is None:
        raise FileRejected(FileReason.BAD_FILE_NAME, f"unsupported format '.{file_format}'")
    return preparer(path, required, workdir)


def _is_parse_error(error: duckdb.Error) -> bool:
    return isinstance(error, duckdb.InvalidInputException | duckdb.ConversionException) or str(
        error
    ).startswith("CSV Error")


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def _stage_csv(con: duckdb.DuckDBPyConnection, files: list[Prepared]) -> list[str]:
    columns = list(files[0].columns)
    params = {
        "paths": [f.key for f in files],
        "delim": files[0].delimiter,
        "types": {c: "VARCHAR" for c in columns},
    }
    sql = f"""
        create or replace temp table _scan as
        select row_number() over () as _scan_rn, *
        from read_csv(
            $paths, delim = $delim, header = true, all_varchar = true, filename = '_file',
            quote = '"', escape = '"', null_padding = true, auto_detect = false,
            columns = $types, max_line_size = {MAX_FIELD_BYTES}, strict_mode = false,
            parallel = {{parallel}}
        )
    """
    try:
        try:
            con.execute(sql.format(parallel="true"), params)
        except duckdb.Error as error:
            # DuckDB's parallel scanner cannot pad short rows when a quoted field holds a line
            # break; such files are read by the single-threaded scanner instead
            if "quoted new lines" not in str(error):
                raise
            con.execute(sql.format(parallel="false"), params)
    except duckdb.Error as error:
        if not _is_parse_error(error):
            raise  # a system error (disk, memory), not bad input
        raise FileRejected(
            FileReason.UNREADABLE, f"CSV cannot be parsed: {_first_line(error)}"
        ) from None
    return columns


def _stage_jsonl(
    con: duckdb.DuckDBPyConnection, files: list[Prepared], required: Sequence[str]
) -> tuple[list[str], dict[str, FileRejected]]:
    try:
        con.execute(
            """
            create or replace temp table _json_lines as
            select row_number() over () as _scan_rn, filename as _file, json
            from read_ndjson_objects($paths, filename = true)
            """,
            {"paths": [f.key for f in files]},
        )
        per_file = con.execute(
            """
            select _file, list(distinct k order by k)
            from (select _file, unnest(json_keys(json)) as k from _json_lines)
            group by _file
            """
        ).fetchall()
    except (duckdb.InvalidInputException, duckdb.ConversionException) as error:
        raise FileRejected(
            FileReason.UNREADABLE, f"JSON Lines cannot be parsed: {_first_line(error)}"
        ) from None
    rejected: dict[str, FileRejected] = {}
    keys: dict[str, str] = {}
    for name, file_keys in per_file:
        normalised = {normalise_header(k): k for k in file_keys}
        try:
            _check_columns(list(normalised), required)
        except FileRejected as problem:
            rejected[name] = problem
        for column, key in normalised.items():
            keys.setdefault(column, key)
    columns = sorted(keys)
    selects = ", ".join(
        f'json_extract_string(json, {_json_path(keys[c])}) as "{c}"' for c in columns
    )
    con.execute(
        f"create or replace temp table _scan as select _scan_rn, _file, {selects} from _json_lines"
    )
    con.execute("drop table _json_lines")
    return columns, rejected


def stage_group(
    con: duckdb.DuckDBPyConnection, files: list[Prepared], required: Sequence[str]
) -> Staged:
    """Scan prepared files of one layout together into ``stage``. Raises FileRejected when the
    scan fails (the caller retries file by file to find the culprit)."""
    rejected: dict[str, FileRejected] = {}
    if files[0].kind == "csv":
        columns = _stage_csv(con, files)
    else:
        columns, rejected = _stage_jsonl(con, files, required)
    # the scan keeps file order and row order; number rows within each file
    con.execute(f"drop view if exists {STAGE}")
    con.execute(
        f"""
        create or replace temp table {SCAN} as
        select _file, (_scan_rn - min(_scan_rn) over (partition by _file) + 1)::integer
                   as _row_number,
               * exclude (_scan_rn, _file)
        from _scan
        """
    )
    con.execute("drop table _scan")
    rows = dict(con.execute(f"select _file, count(*) from {SCAN} group by _file").fetchall())
    return Staged(columns, rows, rejected)


def _json_path(key: str) -> str:
    escaped = key.replace("'", "''").replace('"', '\\"')
    return f"'$.\"{escaped}\"'"

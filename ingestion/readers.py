"""Read delivery files of any accepted variant into one DuckDB temp table of text columns.

Each file is first *prepared* (cheap checks in Python: size, encoding, header, required
columns; Windows-1252 files are transcoded and XLSX sheets written out as CSV). Prepared files
that share a layout are then read together by one DuckDB scan, seen as ``stage_scan`` (a view
over the scanned table ``_scan``): ``_file`` (which prepared file), ``_row_number`` (1 = first
data row of that file) and one VARCHAR column per delivered column, named in lower case without
surrounding spaces. Typing and validation happen afterwards in SQL, so every variant goes
through the same rules.
"""

from __future__ import annotations

import csv
import io
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

import duckdb

from ingestion.reasons import FileReason, FileRejected
from ingestion.safety import MAX_FILE_BYTES, quote_identifier
from ingestion.xlsx import read_first_sheet, sheet_row_texts

__all__ = ["FileRejected"]  # raised by every reader; defined with the reason codes

STAGE = "stage"  # the scan joined with delivery facts (a view, see loading.check_staged)
SCAN = "stage_scan"  # what the files held, row-numbered per file
MAX_FIELD_BYTES = 32 * 1024 * 1024  # a field this large is read, then rejected by the rules


def normalise_header(name: object) -> str:
    return str(name if name is not None else "").strip().strip("\ufeff").strip().lower()


def _check_header(
    columns: Sequence[str], header: Sequence[object], required: Sequence[str]
) -> None:
    _check_columns(columns, required)
    if len(set(columns)) != len(columns):
        raise FileRejected(FileReason.UNREADABLE, f"duplicate column names in header: {header}")


def _check_columns(columns: Sequence[str], required: Sequence[str]) -> None:
    missing = [c for c in required if c not in columns]
    if missing:
        raise FileRejected(
            FileReason.MISSING_COLUMN,
            f"required column(s) {', '.join(missing)} missing; header has {', '.join(columns)}",
        )


def _looks_binary(raw: bytes) -> bool:
    """NUL bytes near the start: not a text file (rejected by _decode)."""
    return b"\x00" in raw[:65536]


def _decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding) for UTF-8 (with or without BOM) or Windows-1252 input."""
    if _looks_binary(raw):
        raise FileRejected(FileReason.UNREADABLE, "binary content (NUL bytes): not a text file")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.isascii():  # most deliveries: a byte scan, ~5x cheaper than a UTF-8 decode attempt
        return raw.decode("ascii"), "utf-8"
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
    # rows that are not read: (row number, why), e.g. a CSV row whose field count differs from
    # the header; their cells are blanked and the rows quarantined (loading.check_staged)
    malformed: tuple[tuple[int, str], ...] = ()

    @property
    def layout(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.kind, self.delimiter, self.columns)


@dataclass
class Staged:
    """What one scan put into ``stage``."""

    columns: list[str]
    rows: dict[str, int]  # data rows per prepared file (missing = none)
    rejected: dict[str, FileRejected] = field(default_factory=dict)
    malformed: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)


def read_limited(path: Path) -> bytes:
    """The bytes of a delivery, refusing one over MAX_FILE_BYTES before reading it."""
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)  # a link swapped in is not followed
    with os.fdopen(handle, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_FILE_BYTES:
            message = f"{size:,} bytes, over the limit of {MAX_FILE_BYTES:,} bytes"
            raise FileRejected(FileReason.TOO_LARGE, message)
        return stream.read(MAX_FILE_BYTES + 1)


def sniff_delimiter(text: str) -> str:
    """The delimiter of a delivered CSV: ';' when its header has more of them than ','."""
    header_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def parse_csv(raw: bytes) -> tuple[list[list[str]], str, str]:
    """(rows without blank lines, delimiter, encoding) of a delivered CSV, as the reader sees
    it (quarantine uses it too, to redact a copy in the delivery's own format)."""
    text, encoding = _decode(raw)
    delimiter = sniff_delimiter(text)
    csv.field_size_limit(MAX_FIELD_BYTES)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    return [row for row in reader if row], delimiter, encoding


def _quoteless_header(raw: bytes) -> tuple[list[str], str] | None:
    """(header, delimiter) of an ASCII CSV without a quote character whose every non-blank
    line has as many fields as its header, or None. Most deliveries are such files: they need
    no transcoding and no row is malformed, so the csv module need not parse them (a byte count
    of delimiters a line is an exact field count when nothing is quoted). The lines are split
    and counted in C (``bytes.splitlines`` ends lines at \\r\\n, \\r and \\n, as the csv
    module does): no Python step per line."""
    if b'"' in raw or not raw.isascii() or _looks_binary(raw):
        return None
    delimiter = sniff_delimiter(raw.decode("ascii"))
    lines = list(filter(None, raw.splitlines()))
    if not lines:
        return None
    widths = set(map(bytes.count, lines, repeat(delimiter.encode("ascii"))))
    if len(widths) != 1:
        return None
    return lines[0].decode("ascii").split(delimiter), delimiter


def _malformed_rows(rows: list[list[str]], width: int) -> tuple[tuple[int, str], ...]:
    return tuple(
        (i, f"{len(row)} fields where the header has {width} (an unquoted delimiter?)")
        for i, row in enumerate(rows[1:], start=1)
        if len(row) != width
    )


def _prepare_csv(path: Path, required: Sequence[str], workdir: Path) -> Prepared:
    raw = read_limited(path)
    if not raw.strip():
        raise FileRejected(FileReason.EMPTY, "file is empty (0 bytes)")
    simple = _quoteless_header(raw)
    if simple is not None:
        header, delimiter = simple
        columns = tuple(normalise_header(h) for h in header)
        _check_header(columns, header, required)
        return Prepared(str(path), "csv", delimiter, columns)
    try:
        rows, delimiter, encoding = parse_csv(raw)
    except csv.Error as error:
        raise FileRejected(FileReason.UNREADABLE, f"CSV cannot be parsed: {error}") from None
    header = rows[0]
    columns = tuple(normalise_header(h) for h in header)
    _check_header(columns, header, required)
    malformed = _malformed_rows(rows, len(columns))
    source = path
    if encoding != "utf-8" or malformed:
        # a shifted row is never read: its cells are blanked, the row is quarantined by number
        bad = {row for row, _ in malformed}
        source = workdir / f"{uuid.uuid4().hex}.csv"
        with source.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            writer.writerow(header)
            for i, row in enumerate(rows[1:], start=1):
                writer.writerow([""] * len(columns) if i in bad else row)
    return Prepared(str(source), "csv", delimiter, columns, malformed)


def _prepare_jsonl(path: Path, required: Sequence[str], workdir: Path) -> Prepared:
    raw = read_limited(path)
    if not raw.strip():
        raise FileRejected(FileReason.EMPTY, "file is empty (0 bytes)")
    if _looks_binary(raw) or not raw.isascii():  # ASCII is UTF-8: nothing to decode
        _decode(raw)
    return Prepared(str(path), "jsonl")


def _prepare_xlsx(path: Path, required: Sequence[str], workdir: Path) -> Prepared:
    """The first sheet written out as a UTF-8 CSV of text cells, every row exactly as wide as
    the header (a sheet has cells, not delimiters: no row can be malformed), so the CSV is not
    parsed again here."""
    rows = read_first_sheet(read_limited(path))
    columns = [normalise_header(h) for h in rows[0]]
    while columns and columns[-1] == "":
        columns.pop()
    _check_header(columns, rows[0][: len(columns)], required)
    width = len(columns)
    staged = workdir / f"{uuid.uuid4().hex}.csv"
    with staged.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(sheet_row_texts(row, width) for row in rows[1:])
    return Prepared(str(staged), "csv", ",", tuple(columns))


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


def _stage_csv(
    con: duckdb.DuckDBPyConnection, files: list[Prepared], allowed: Sequence[str]
) -> list[str]:
    # delivered names never reach SQL: the scan names the columns itself, by position
    header = files[0].columns
    columns = [c for c in header if c in allowed]
    names = [f"c{i}" for i in range(len(header))]
    kept = ", ".join(
        f"{names[i]} as {quote_identifier(c)}" for i, c in enumerate(header) if c in allowed
    )
    params = {
        "paths": [f.key for f in files],
        "delim": files[0].delimiter,
        "types": {n: "VARCHAR" for n in names},
    }
    sql = f"""
        create or replace temp table _scan as
        select _file{", " if kept else ""}{kept}
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
    con: duckdb.DuckDBPyConnection,
    files: list[Prepared],
    required: Sequence[str],
    allowed: Sequence[str],
) -> tuple[list[str], dict[str, FileRejected]]:
    try:
        if files[0].kind == "records":  # API records already in memory (stage_records)
            con.execute(
                """
                create or replace temp table _json_lines as
                select $key as _file, ($lines)[i]::json as json
                from range(1, len($lines) + 1) as t(i)
                """,
                {"key": files[0].key, "lines": list(files[0].columns)},
            )
        else:
            con.execute(
                """
                create or replace temp table _json_lines as
                select filename as _file, json
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
            if column in allowed:  # only the contract's fields; other keys are not read
                keys.setdefault(column, key)
    columns = sorted(keys)
    # keys bound as parameters, column names from the contract: no delivered text in SQL; one
    # json_extract_string with the list of paths parses each line once (not once a column).
    # Lines keep the files' order into _json_lines and on into _scan (insertion order, as for
    # CSV: see stage_group), so no row_number() over () is needed to keep it.
    selects = "".join(f", _v[{i + 1}] as {quote_identifier(c)}" for i, c in enumerate(columns))
    con.execute(
        f"create or replace temp table _scan as select _file{selects} from (select"
        " _file, json_extract_string(json, $paths) as _v from _json_lines)",
        {"paths": [_json_path(keys[c]) for c in columns]},
    )
    con.execute("drop table _json_lines")
    return columns, rejected


def stage_group(
    con: duckdb.DuckDBPyConnection,
    files: list[Prepared],
    required: Sequence[str],
    allowed: Sequence[str],
) -> Staged:
    """Scan prepared files of one layout together into ``stage``, keeping only the ``allowed``
    (contract) columns. Raises FileRejected when the scan fails (the caller retries file by file
    to find the culprit)."""
    rejected: dict[str, FileRejected] = {}
    if files[0].kind == "csv":
        columns = _stage_csv(con, files, allowed)
    else:
        columns, rejected = _stage_jsonl(con, files, required, allowed)
    # the scan keeps file order and row order, and so does the table it went into (DuckDB
    # preserves insertion order, as the ingest connection leaves it): a row's number within
    # its file is its rowid less its file's first rowid. Numbering rows in the scan instead
    # (row_number() over ()) doubled the scan's cost; a window over every row cost more again.
    con.execute(f"drop view if exists {STAGE}")
    counted = con.execute(
        "create or replace temp table _scan_files as select _file, min(rowid) as _first,"
        " count(*) as _rows from _scan group by _file; select _file, _rows from _scan_files"
    ).fetchall()
    con.execute(
        f"""
        create or replace temp view {SCAN} as
        select s._file, (s.rowid - f._first + 1)::integer as _row_number,
               s.* exclude (_file)
        from _scan as s join _scan_files as f using (_file)
        """
    )
    rows = dict(counted)
    malformed = {f.key: f.malformed for f in files if f.malformed}
    return Staged(columns, rows, rejected, malformed)


def records_prepared(
    key: str, lines: Sequence[str], malformed: Sequence[tuple[int, str]] = ()
) -> Prepared:
    """API records (one JSON object text each) staged from memory, no file: the ingestion
    connection may not touch files outside landing/ and its staging folder."""
    return Prepared(key, "records", columns=tuple(lines), malformed=tuple(malformed))


def _json_path(key: str) -> str:
    escaped = key.replace("\\", "\\\\").replace('"', '\\"')
    return f'$."{escaped}"'

"""Scan prepared delivery files into one DuckDB temp table of text columns.

Prepared files that share a layout (:mod:`ingestion.readers`) are read together by one DuckDB
scan, seen as ``stage_scan`` (a view over the scanned table ``_scan``): ``_file`` (which
prepared file), ``_row_number`` (1 = first data row of that file) and one VARCHAR column per
delivered column the contract allows, named in lower case without surrounding spaces. Delivered
names never reach SQL: CSV columns are named by position, JSON keys bound as parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb

from ingestion.decoding import MAX_FIELD_BYTES, normalise_header
from ingestion.readers import Prepared, check_columns
from ingestion.reasons import FileReason, FileRejected
from ingestion.safety import quote_identifier

STAGE = "stage"  # the scan joined with delivery facts (a view, see loading.check_staged)
SCAN = "stage_scan"  # what the files held, row-numbered per file


@dataclass
class Staged:
    """What one scan put into ``stage``."""

    columns: list[str]
    rows: dict[str, int]  # data rows per prepared file (missing = none)
    rejected: dict[str, FileRejected] = field(default_factory=dict)
    malformed: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)


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


def _load_json_lines(
    con: duckdb.DuckDBPyConnection, files: list[Prepared]
) -> list[tuple[str, list[str]]]:
    """The lines into ``_json_lines`` (``_file``, ``json``); returns each file's keys."""
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
        return con.execute(
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


def _contract_keys(
    per_file: list[tuple[str, list[str]]], required: Sequence[str], allowed: Sequence[str]
) -> tuple[dict[str, str], dict[str, FileRejected]]:
    """({contract column: the delivered key read for it}, {file: why it is rejected}) — a
    file missing a required key is rejected; keys outside the contract are not read."""
    rejected: dict[str, FileRejected] = {}
    keys: dict[str, str] = {}
    for name, file_keys in per_file:
        normalised = {normalise_header(k): k for k in file_keys}
        try:
            check_columns(list(normalised), required)
        except FileRejected as problem:
            rejected[name] = problem
        for column, key in normalised.items():
            if column in allowed:
                keys.setdefault(column, key)
    return keys, rejected


def _stage_jsonl(
    con: duckdb.DuckDBPyConnection,
    files: list[Prepared],
    required: Sequence[str],
    allowed: Sequence[str],
) -> tuple[list[str], dict[str, FileRejected]]:
    keys, rejected = _contract_keys(_load_json_lines(con, files), required, allowed)
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


def _number_rows(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The ``stage_scan`` view over ``_scan`` with each row's number in its file; returns the
    data rows per file.

    The scan keeps file order and row order, and so does the table it went into (DuckDB
    preserves insertion order, as the ingest connection leaves it): a row's number within its
    file is its rowid less its file's first rowid. Numbering rows in the scan instead
    (row_number() over ()) doubled the scan's cost; a window over every row cost more again.
    """
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
    return dict(counted)


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
    rows = _number_rows(con)
    malformed = {f.key: f.malformed for f in files if f.malformed}
    return Staged(columns, rows, rejected, malformed)


def _json_path(key: str) -> str:
    escaped = key.replace("\\", "\\\\").replace('"', '\\"')
    return f'$."{escaped}"'

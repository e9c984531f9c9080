"""Prepare delivery files of any accepted variant for one DuckDB scan (:mod:`ingestion.scan`).

Each file is checked cheaply in Python (size, encoding, header, required columns; the bytes
and text by :mod:`ingestion.decoding`); Windows-1252 files are transcoded, CSV rows whose field
count differs from the header blanked (and quarantined by number), and XLSX sheets written out
as CSV. Typing and validation happen afterwards in SQL, so every variant goes through the same
rules.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from ingestion.decoding import (
    decode,
    looks_binary,
    normalise_header,
    parse_csv,
    read_limited,
    sniff_delimiter,
)
from ingestion.reasons import FileReason, FileRejected
from ingestion.xlsx import read_first_sheet, sheet_row_texts

__all__ = ["FileRejected"]  # raised by every reader; defined with the reason codes


def check_columns(columns: Sequence[str], required: Sequence[str]) -> None:
    missing = [c for c in required if c not in columns]
    if missing:
        raise FileRejected(
            FileReason.MISSING_COLUMN,
            f"required column(s) {', '.join(missing)} missing; header has {', '.join(columns)}",
        )


def _check_header(
    columns: Sequence[str], header: Sequence[object], required: Sequence[str]
) -> None:
    check_columns(columns, required)
    if len(set(columns)) != len(columns):
        raise FileRejected(FileReason.UNREADABLE, f"duplicate column names in header: {header}")


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


def _quoteless_header(raw: bytes) -> tuple[list[str], str] | None:
    """(header, delimiter) of an ASCII CSV without a quote character whose every non-blank
    line has as many fields as its header, or None. Most deliveries are such files: they need
    no transcoding and no row is malformed, so the csv module need not parse them (a byte count
    of delimiters a line is an exact field count when nothing is quoted). The lines are split
    and counted in C (``bytes.splitlines`` ends lines at \\r\\n, \\r and \\n, as the csv
    module does): no Python step per line."""
    if b'"' in raw or not raw.isascii() or looks_binary(raw):
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
    if encoding != "utf-8" or malformed:
        path = _utf8_copy(rows, delimiter, {row for row, _ in malformed}, workdir)
    return Prepared(str(path), "csv", delimiter, columns, malformed)


def _utf8_copy(rows: list[list[str]], delimiter: str, bad: set[int], workdir: Path) -> Path:
    """The rows written out as UTF-8 with the rows numbered ``bad`` blanked: a shifted row is
    never read, it is quarantined by number (loading.check_staged)."""
    copy = workdir / f"{uuid.uuid4().hex}.csv"
    width = len(rows[0])
    with copy.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(rows[0])
        for i, row in enumerate(rows[1:], start=1):
            writer.writerow([""] * width if i in bad else row)
    return copy


def _prepare_jsonl(path: Path, required: Sequence[str], workdir: Path) -> Prepared:
    raw = read_limited(path)
    if not raw.strip():
        raise FileRejected(FileReason.EMPTY, "file is empty (0 bytes)")
    if looks_binary(raw) or not raw.isascii():  # ASCII is UTF-8: nothing to decode
        decode(raw)
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


def records_prepared(
    key: str, lines: Sequence[str], malformed: Sequence[tuple[int, str]] = ()
) -> Prepared:
    """API records (one JSON object text each) staged from memory, no file: the ingestion
    connection may not touch files outside landing/ and its staging folder."""
    return Prepared(key, "records", columns=tuple(lines), malformed=tuple(malformed))

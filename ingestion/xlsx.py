"""XLSX deliveries: the first sheet as rows of Python values, within the size limits.

DuckDB's excel extension cannot be installed here (FIELD-NOTES), so workbooks are read with
python-calamine; a workbook is a zip, so its unpacked size and its rows are checked first.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

from ingestion.reasons import FileReason, FileRejected
from ingestion.safety import MAX_XLSX_ROWS, MAX_XLSX_UNCOMPRESSED_BYTES


def _check_xlsx_size(raw: bytes) -> None:
    """Refuse a workbook that would unpack to more than MAX_XLSX_UNCOMPRESSED_BYTES (a zip
    bomb) before any XML of it is parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        message = f"not a readable XLSX workbook: {error}"
        raise FileRejected(FileReason.UNREADABLE, message) from None
    if unpacked > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise FileRejected(
            FileReason.TOO_LARGE,
            f"unpacks to {unpacked:,} bytes, over the limit of {MAX_XLSX_UNCOMPRESSED_BYTES:,}",
        )


def read_first_sheet(raw: bytes) -> list[list[object]]:
    """The non-empty rows of the first sheet (the header first)."""
    from python_calamine import CalamineWorkbook

    if not raw:
        raise FileRejected(FileReason.EMPTY, "file is empty (0 bytes)")
    _check_xlsx_size(raw)
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(raw)).get_sheet_by_index(0)
        height = sheet.total_height
        rows = None if height > MAX_XLSX_ROWS else sheet.to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises several error types for broken workbooks
        message = f"not a readable XLSX workbook: {error}"
        raise FileRejected(FileReason.UNREADABLE, message) from None
    if rows is None:
        message = f"first sheet has {height:,} rows, over the limit of {MAX_XLSX_ROWS:,}"
        raise FileRejected(FileReason.TOO_LARGE, message)
    rows = [r for r in rows if any(v not in (None, "") for v in r)]
    if not rows:
        raise FileRejected(FileReason.EMPTY, "first sheet is empty")
    return rows


def cell_text(value: object) -> str | None:
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


def sheet_row_texts(row: list[object], width: int) -> list[object]:
    """The first ``width`` cells of a sheet row as the csv module should write them (padded
    with None): only numbers and booleans are converted here (``cell_text``); text, dates and
    times are written by the csv module's own ``str``, which gives the same text (a datetime's
    ``str`` is its ISO form with a space) without a Python call per cell."""
    cells = [cell_text(v) if (t := type(v)) is float or t is bool else v for v in row[:width]]
    if len(cells) < width:
        cells += [None] * (width - len(cells))
    return cells

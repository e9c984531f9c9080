"""The accepted delivery variants of service-log-v1 and a writer for each of them.

A regency/city always delivers in one variant. Rows are held in a neutral form (`LogRow`) and
rendered per variant: timestamp style, tte spelling, village code with or without dots, header
case, delimiter, encoding, or JSON Lines / XLSX.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook

from devtools.simulate.common import WIB_OFFSET
from ingestion.vocabulary import SERVICE_LOG_COLUMNS

# Column order of every delivery (the contract's table order).
COLUMNS = SERVICE_LOG_COLUMNS

TTE_SPELLING = {"10": ("1", "0"), "ya_tidak": ("ya", "tidak"), "true_false": ("true", "false")}


@dataclass(frozen=True)
class Variant:
    name: str
    fmt: str  # csv | jsonl | xlsx
    delimiter: str = ","
    encoding: str = "utf-8"  # utf-8 | utf-8-sig (BOM) | cp1252
    header: str = "lower"  # lower | upper_spaced
    timestamps: str = "iso_t"  # iso_t | iso_space | iso_offset_wib | iso_offset_utc | indonesian
    tte: str = "10"  # 10 | ya_tidak | true_false
    dotted: bool = True

    @property
    def extension(self) -> str:
        return self.fmt


VARIANTS: tuple[Variant, ...] = (
    Variant("csv_comma_utf8", "csv"),
    Variant(
        "csv_semicolon_utf8_bom",
        "csv",
        ";",
        "utf-8-sig",
        timestamps="iso_space",
        tte="ya_tidak",
        dotted=False,
    ),
    Variant(
        "csv_semicolon_cp1252_upper",
        "csv",
        ";",
        "cp1252",
        header="upper_spaced",
        timestamps="indonesian",
    ),
    Variant(
        "csv_comma_upper_headers",
        "csv",
        header="upper_spaced",
        timestamps="iso_space",
        tte="true_false",
    ),
    Variant("csv_comma_offset_wib", "csv", timestamps="iso_offset_wib", dotted=False),
    Variant("csv_comma_offset_utc", "csv", timestamps="iso_offset_utc", tte="ya_tidak"),
    Variant(
        "csv_semicolon_indonesian",
        "csv",
        ";",
        timestamps="indonesian",
        tte="true_false",
        dotted=False,
    ),
    Variant("jsonl_offset_wib", "jsonl", timestamps="iso_offset_wib"),
    Variant("xlsx_spreadsheet", "xlsx"),
)
VARIANT_BY_NAME = {v.name: v for v in VARIANTS}


class LogRow:
    """One service transaction as the simulator knows it (times are naive WIB)."""

    __slots__ = (
        "id",
        "kode",
        "jenis",
        "kanal",
        "permohonan",
        "selesai",
        "status",
        "tte",
        "signer",
        "raw",
    )

    def __init__(
        self,
        id: str,
        kode: str,
        jenis: str,
        kanal: str,
        permohonan: datetime,
        selesai: datetime | None,
        status: str,
        tte: bool,
        signer: str,
    ) -> None:
        self.id = id
        self.kode = kode  # dotted village code
        self.jenis = jenis
        self.kanal = kanal
        self.permohonan = permohonan
        self.selesai = selesai
        self.status = status
        self.tte = tte
        self.signer = signer
        self.raw: dict[str, str] | None = None  # defects: column -> text delivered verbatim


def format_timestamp(moment: datetime, style: str) -> str:
    if style == "iso_offset_utc":
        moment = moment - WIB_OFFSET
    date_part = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    time_part = f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    if style == "iso_t":
        return f"{date_part}T{time_part}"
    if style == "iso_space":
        return f"{date_part} {time_part}"
    if style == "iso_offset_wib":
        return f"{date_part}T{time_part}+07:00"
    if style == "iso_offset_utc":
        return f"{date_part}T{time_part}+00:00"
    if style == "indonesian":
        return f"{moment.day:02d}/{moment.month:02d}/{moment.year:04d} {time_part[:5]}"
    raise ValueError(style)


def format_kode(kode: str, dotted: bool) -> str:
    return kode if dotted else kode.replace(".", "")


def header_names(variant: Variant, columns: tuple[str, ...] = COLUMNS) -> list[str]:
    if variant.header == "upper_spaced":
        return [f" {c.upper()} " for c in columns]
    return list(columns)


def render_text(row: LogRow, variant: Variant) -> list[str]:
    """The row as the text cells of a CSV/JSON delivery in this variant."""
    yes, no = TTE_SPELLING[variant.tte]
    ts = variant.timestamps
    values = [
        row.id,
        format_kode(row.kode, variant.dotted),
        row.jenis,
        row.kanal,
        format_timestamp(row.permohonan, ts),
        format_timestamp(row.selesai, ts) if row.selesai else "",
        row.status,
        yes if row.tte else no,
        row.signer,
    ]
    if row.raw:
        for column, text in row.raw.items():
            values[COLUMNS.index(column)] = text
    return values


def render_cells(row: LogRow) -> list[object]:
    """The row as spreadsheet cells: datetimes as dates, tte as a number, codes as text."""
    values: list[object] = [
        row.id,
        row.kode,
        row.jenis,
        row.kanal,
        row.permohonan,
        row.selesai,
        row.status,
        1 if row.tte else 0,
        row.signer or None,
    ]
    if row.raw:
        for column, text in row.raw.items():
            values[COLUMNS.index(column)] = text if text != "" else None
    return values


def write_csv(rows: list[LogRow], variant: Variant, columns: tuple[str, ...] = COLUMNS) -> bytes:
    keep = [COLUMNS.index(c) for c in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=variant.delimiter, lineterminator="\r\n")
    writer.writerow(header_names(variant, columns))
    for row in rows:
        values = render_text(row, variant)
        writer.writerow([values[i] for i in keep])
    return buffer.getvalue().encode(variant.encoding)


def write_jsonl(rows: list[LogRow], variant: Variant, columns: tuple[str, ...] = COLUMNS) -> bytes:
    keep = [COLUMNS.index(c) for c in columns]
    lines = []
    for row in rows:
        values = render_text(row, variant)
        record: dict[str, object] = {}
        for i in keep:
            value: object = values[i] if values[i] != "" else None
            if COLUMNS[i] == "tte" and value in ("1", "0"):
                value = int(value)  # JSON exports carry tte as a number
            record[COLUMNS[i]] = value
        lines.append(json.dumps(record, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")
_CREATED = re.compile(rb"<dcterms:created([^>]*)>[^<]*</dcterms:created>")


def _normalise_xlsx(data: bytes) -> bytes:
    """openpyxl stamps the wall clock into the zip entries and docProps: pin both."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(
                    rb"<dcterms:modified\1>2026-01-01T00:00:00Z</dcterms:modified>", content
                )
                content = _CREATED.sub(
                    rb"<dcterms:created\1>2026-01-01T00:00:00Z</dcterms:created>", content
                )
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()


def write_xlsx(rows: list[LogRow], variant: Variant, columns: tuple[str, ...] = COLUMNS) -> bytes:
    keep = [COLUMNS.index(c) for c in columns]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Layanan")
    sheet.append(header_names(variant, columns))
    for row in rows:
        values = render_cells(row)
        sheet.append([values[i] for i in keep])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _normalise_xlsx(buffer.getvalue())


WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "xlsx": write_xlsx}


def write_rows(rows: list[LogRow], variant: Variant, columns: tuple[str, ...] = COLUMNS) -> bytes:
    return WRITERS[variant.fmt](rows, variant, columns)


def header_only(variant: Variant) -> bytes:
    """A delivery with the header and no data rows (JSON Lines has no header: 0 bytes)."""
    return write_rows([], variant)
